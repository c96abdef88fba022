"""Issue 17: a pass asks git for HEAD, its branch and the table text once each, shared by every step.

Before, one ``proposals pass`` ran ``rev-parse HEAD`` four times (the history cache, the journal,
the recording, the new commit), ``symbolic-ref HEAD`` twice (may it record, the recording) and
``cat-file blob`` of the same article twice (the unchanged check, the retreat check): each a
process, 5-10 ms. HEAD is read again only after the commit moved it. Every git process is seen
through ``GIT_TRACE``, so reads that bypass ``GitStore.run`` count too.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from conftest import CLI, cli_command, cli_env


def _git_commands(repo: Path, trace: Path, *args: str) -> list[str]:
    trace.write_text("")
    env = cli_env() | {"GIT_TRACE": str(trace)}
    proc = subprocess.run(
        [*cli_command(), "-C", str(repo), *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    lines = trace.read_text().splitlines()
    return [line.split("trace: built-in: ", 1)[1] for line in lines if "trace: built-in: " in line]


def test_a_pass_reads_head_its_branch_and_the_table_text_once(
    negotiation: Path, tmp_path: Path, cli: CLI
) -> None:
    run = CLI(negotiation)
    run("status")  # the on-disk history cache, as a user has it
    article = negotiation / "articles" / "scheduling.txt"
    article.write_text(article.read_text() + "\n5.3 Breaks. Two a shift.\n")
    calls = _git_commands(
        negotiation, tmp_path / "trace", "pass", "--party", "union", "--session", "2024-04-02", "scheduling"
    )
    counts = Counter(calls)
    head_reads = [c for c in calls if c.startswith("git rev-parse --verify") and "HEAD^{commit}" in c]
    assert len(head_reads) == 2, calls  # before the pass, and the commit it made
    assert sum(c.startswith("git symbolic-ref") for c in calls) == 1, calls
    blobs = [c for c in calls if c.startswith("git cat-file blob")]
    assert blobs and max(counts[c] for c in blobs) == 1, calls
    # the tag's name is checked by the store's own rules (test_validate), not by a git process
    assert not [c for c in calls if c.startswith("git check-ref-format")], calls


def test_a_pass_lists_only_the_tags(negotiation: Path, tmp_path: Path, cli: CLI) -> None:
    """A pass asks only for tag names and objects (its number, the taken-name check, the
    recording's snapshot): ``show-ref --tags``, once. The whole ``show-ref -d`` also lists each
    tag's peeled commit and the remotes' mirrored tags (80,000 lines at 20,000 passes after a
    sync, 20,000 of them the pass's), which a pass never reads."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    run = CLI(negotiation)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=negotiation, check=True)
    assert run("sync").code == 0  # the mirror of the remote's tags exists
    article = negotiation / "articles" / "scheduling.txt"
    article.write_text(article.read_text() + "\n5.3 Breaks. Two a shift.\n")
    calls = _git_commands(
        negotiation, tmp_path / "trace", "pass", "--party", "union", "--session", "2024-04-02", "scheduling"
    )
    listings = [c for c in calls if c.startswith(("git show-ref", "git for-each-ref"))]
    assert listings == ["git show-ref --tags"], calls
    assert "U-" in run("log").out and run("verify").code == 0


def test_a_pass_of_an_article_the_last_commit_holds_runs_no_git_add(
    negotiation: Path, tmp_path: Path, cli: CLI
) -> None:
    """``git commit --only`` reads a path HEAD holds from the working tree itself, so a pass of an
    existing article starts no ``git add`` (a process, 4-8 ms of each pass, issue 17); a new
    article is still added, and either way the index ends as the commit."""
    article = negotiation / "articles" / "scheduling.txt"
    article.write_text(article.read_text() + "\n5.3 Breaks. Two a shift.\n")
    calls = _git_commands(
        negotiation, tmp_path / "trace", "pass", "--party", "union", "--session", "2024-04-02", "scheduling"
    )
    assert not [c for c in calls if c.startswith("git add")], calls
    git = ["git", "-C", str(negotiation)]
    assert subprocess.run([*git, "show", "HEAD:articles/scheduling.txt"], capture_output=True,
                          text=True, check=True).stdout == article.read_text()
    assert subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True,
                          check=True).stdout == ""

    new = negotiation / "articles" / "breaks.txt"
    new.write_text("ARTICLE 30: BREAKS\n\n30.1 Two a shift.\n")
    calls = _git_commands(
        negotiation, tmp_path / "trace", "pass", "--party", "union", "--session", "2024-04-02", "breaks"
    )
    assert [c for c in calls if c.startswith("git add")], calls
    assert subprocess.run([*git, "show", "HEAD:articles/breaks.txt"], capture_output=True,
                          text=True, check=True).stdout == new.read_text()
    assert subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True,
                          check=True).stdout == ""
