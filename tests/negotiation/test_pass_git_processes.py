"""Issue 17: the git processes a pass starts. A pass after a pass finds the history cache one
commit behind HEAD and reads that commit with one ``git log <tip>..HEAD``, whose records carry
each commit's parents: no ``rev-list`` of its own to check the commits are one line."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, cli_command, cli_env


def _git_commands(repo: Path, trace: Path, *args: str) -> list[str]:
    import subprocess

    trace.write_text("")
    env = cli_env() | {"GIT_TRACE": str(trace)}
    proc = subprocess.run(
        [*cli_command(), "-C", str(repo), *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    lines = trace.read_text().splitlines()
    return [line.split("trace: built-in: ", 1)[1] for line in lines if "trace: built-in: " in line]


def test_a_pass_after_a_pass_reads_the_new_commit_with_one_git_log(negotiation: Path, tmp_path: Path) -> None:
    run = CLI(negotiation)
    run("status")  # the on-disk history cache, as a user has it
    article = negotiation / "articles" / "scheduling.txt"
    for n, session in enumerate(("2024-04-02", "2024-04-03")):
        article.write_text(article.read_text() + f"\n5.{3 + n} Breaks. Two a shift, {n}.\n")
        calls = _git_commands(
            negotiation, tmp_path / "trace", "pass", "--party", "union", "--session", session, "scheduling"
        )
    assert not [c for c in calls if c.startswith("git rev-list")], calls
    logs = [c for c in calls if c.startswith("git log")]
    assert len(logs) == 1 and "..HEAD" not in logs[0], calls  # tip..<head id>, not a full read
    assert run("verify").code == 0 and "U-" in run("log").out
