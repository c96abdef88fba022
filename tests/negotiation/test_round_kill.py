"""``round close``, ``round open`` and ``round undo`` killed at every step (issue 17).

Each command runs under ``test_baseline_kill``'s ``KILLED_AT``: SIGKILL before its Nth git
command, file write or sync, for every N until it finishes. Then the next recording command (the
same one run again: it finishes what a killed recorder left first) must leave exactly what an
uninterrupted run leaves, say what it finished or rolled back, ``verify`` must be clean, and a
draft or file the user had before the command must still be there.

Before: a close killed while writing the agreed texts, or between its commit and its tag, and an
undo killed after its ref transaction, left the round's text in ``articles/`` as unsent drafts
(the close then refused them; the undo said there was nothing to undo).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import CLI, PARKING, SCHEDULING, STAFFING, cli_env, git
from test_baseline_kill import KILLED_AT, _state

CLOSE = ("round", "close", "--ratified", "2025-09-30", "--force", "--name", "2024")
OPEN = ("round", "open", "2028", "--expires", "2028-06-30")
UNDO = ("round", "undo",)
MEMO = "Notes for the ratification meeting, not part of the record.\n"


def _negotiation(cli: CLI, tmp_path: Path) -> Path:
    """A round to close: a baseline of three parts, staffing TA'd, scheduling reopened and left
    open (the close puts back its baseline text), wages new and open (the close removes it), and
    a file of the user's the close never touches."""
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    repo = tmp_path / "talks"
    old = tmp_path / "in-force"
    old.mkdir()
    for name, text in (("staffing", STAFFING), ("scheduling", SCHEDULING), ("parking", PARKING)):
        (old / f"{name}.txt").write_text(text)
    cli("-C", str(repo), "baseline", "--from-dir", str(old))
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("two (2)", "three (3)"))
    (repo / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("eight (8)", "ten (10)"))
    (repo / "articles" / "wages.txt").write_text("ARTICLE 20: WAGES\n\n20.1 Wages shall rise.\n")
    session = ("--session", "2025-03-01")
    cli("-C", str(repo), "pass", "--party", "union", *session, "staffing", "scheduling", "wages")
    signed = ("--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-04-01")
    cli("-C", str(repo), "ta", "staffing", *signed)
    (repo / "memo.txt").write_text(MEMO)
    return repo


def _settled(repo: Path) -> tuple[str, ...]:
    """What a finished step is, whatever its commits' dates: ref names, trees, index, files."""
    refs = git(repo, "for-each-ref", "--format=%(refname) %(objecttype)")
    return (refs, git(repo, "rev-parse", "HEAD^{tree}", "HEAD~1^{tree}"), *_state(repo)[1:])


def _killed(repo: Path, n: int, args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", KILLED_AT, str(n), "-C", str(repo), *args]
    return subprocess.run(command, env=cli_env(), capture_output=True, text=True, timeout=120)


def _every_kill(
    cli: CLI, tmp_path: Path, template: Path, args: tuple[str, ...], again_said: str
) -> tuple[int, int]:
    """Kill `args` at each step; the same command run again must end where one whole run ends.
    (kills, kills that left neither the old state nor the new, for the next command to settle)."""
    done = tmp_path / f"done-{args[1]}"
    shutil.copytree(template, done, symlinks=True)
    cli("-C", str(done), *args)
    after = _settled(done)
    assert "memo.txt" in after[3]  # the user's file is still theirs, untracked
    before = _state(template)
    kills = repaired = 0
    for n in range(1, 200):
        repo = tmp_path / f"{args[1]}-killed-{n}"
        shutil.copytree(template, repo, symlinks=True)
        run = _killed(repo, n, args)
        if run.returncode == 0:
            assert _settled(repo) == after
            break
        assert run.returncode == -9, run.stderr
        kills += 1
        halfway = _state(repo) != before and _settled(repo) != after
        again = cli("-C", str(repo), *args, ok=None)
        if again.code != 0:  # the step was finished: only the command's refusal
            assert again_said in again.err, f"killed at step {n}: {again.err}"
        if halfway:
            repaired += 1
            assert "interrupted" in again.err, f"killed at step {n}: no notice ({again.err!r})"
        assert _settled(repo) == after, f"killed at step {n}"
        assert cli("-C", str(repo), "verify", ok=None).code == 0, f"killed at step {n}"
        assert not list((repo / ".git").glob("proposals-*.json")), f"killed at step {n}"
        shutil.rmtree(repo)
    print(f"{' '.join(args[:2])}: {kills} kills, {repaired} left half-done")
    return kills, repaired


def test_a_close_killed_at_any_step_is_finished_or_rolled_back(cli: CLI, tmp_path: Path) -> None:
    template = _negotiation(cli, tmp_path)
    kills, repaired = _every_kill(cli, tmp_path, template, CLOSE, "round 2024 was closed")
    assert kills >= 4 and repaired >= 2, (kills, repaired)


def test_an_opening_killed_at_any_step_is_finished_or_left_undone(cli: CLI, tmp_path: Path) -> None:
    template = _negotiation(cli, tmp_path)
    cli("-C", str(template), *CLOSE)
    draft = template / "articles" / "parking.txt"  # a draft for the next round, made before it opens
    draft.write_text(PARKING + "19.2 Bicycles. Secure bicycle parking.\n")
    kills, halfway = _every_kill(cli, tmp_path, template, OPEN, "round 2028 is still open")
    assert kills >= 4 and halfway == 0, (kills, halfway)  # one commit: there is no half-way


def test_an_undo_killed_at_any_step_is_finished_or_left_undone(cli: CLI, tmp_path: Path) -> None:
    template = _negotiation(cli, tmp_path)
    cli("-C", str(template), *CLOSE)
    draft = template / "articles" / "parking.txt"  # a draft of a part the close did not rewrite
    draft.write_text(PARKING + "19.2 Bicycles. Secure bicycle parking.\n")
    kills, repaired = _every_kill(cli, tmp_path, template, UNDO, "nothing to undo")
    assert kills >= 2 and repaired >= 1, (kills, repaired)


def _killed_where(where: Path, template: Path, args: tuple[str, ...], wanted: Callable[[Path], bool]) -> Path:
    """A copy of `template` where `args` was killed at the first step `wanted(repo)` accepts."""
    for n in range(1, 200):
        repo = where / f"killed-{n}"
        shutil.copytree(template, repo, symlinks=True)
        assert _killed(repo, n, args).returncode == -9, f"no step {n} matched"
        if wanted(repo):
            return repo
        shutil.rmtree(repo)
    raise AssertionError("no kill left that state")


def test_any_recorder_settles_a_killed_close_and_keeps_an_edit_made_since(cli: CLI, tmp_path: Path) -> None:
    """Not only the close run again: status warns, repair rolls a half-written close back, a pass
    (refused in the closed round) tags a close killed before its tag first; an edit made to a part
    after the kill is never overwritten."""
    template = _negotiation(cli, tmp_path)
    head = git(template, "rev-parse", "HEAD")
    journal = Path(".git") / "proposals-round.json"
    scheduling = Path("articles") / "scheduling.txt"

    def half_written(repo: Path) -> bool:
        return (repo / journal).exists() and (
            (repo / scheduling).read_text() != (template / scheduling).read_text()
        ) and git(repo, "rev-parse", "HEAD") == head

    repo = _killed_where(tmp_path / "half-written", template, CLOSE, half_written)
    status = cli("-C", str(repo), "status")
    assert "interrupted" in status.err and "proposals repair" in status.err
    assert "proposals-round.json" in cli("-C", str(repo), "repair", "--dry-run", ok=None).out
    edited = SCHEDULING.replace("eight (8)", "nine (9)")  # the user's own words, after the kill
    (repo / scheduling).write_text(edited)
    fixed = cli("-C", str(repo), "repair")
    assert "Kept articles/scheduling.txt" in fixed.out or "Kept articles/scheduling.txt" in fixed.err
    assert (repo / scheduling).read_text() == edited
    assert git(repo, "status", "--porcelain") == " M articles/scheduling.txt\n?? memo.txt\n"
    assert not (repo / journal).exists()
    assert cli("-C", str(repo), "verify", ok=None).code == 0

    def untagged(repo: Path) -> bool:
        return git(repo, "rev-parse", "HEAD~1") == head and not git(repo, "tag", "--list", "2024/ratified")

    repo = _killed_where(tmp_path / "untagged", template, CLOSE, untagged)
    copy = tmp_path / "untagged-copy"
    shutil.copytree(repo, copy, symlinks=True)
    opened = cli("-C", str(copy), *OPEN)  # the next step of the round: the close is finished first
    assert "Finished the close of round 2024" in opened.err and "tagged 2024/ratified" in opened.err
    assert "Opened round 2028" in opened.out
    assert cli("-C", str(copy), "verify", ok=None).code == 0
    (repo / "articles" / "parking.txt").write_text(PARKING + "19.2 Bicycles.\n")
    refused = cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-10-01", "parking", ok=None)
    assert refused.code == 1 and "round 2024 was closed" in refused.err  # and yet it tagged the close
    assert git(repo, "tag", "--list", "2024/ratified") == "2024/ratified\n"
    assert (repo / "articles" / "parking.txt").read_text() == PARKING + "19.2 Bicycles.\n"
    assert cli("-C", str(repo), "verify", ok=None).code == 0
