"""A baseline killed at any point leaves the old state or the new (issue 11).

Before: ``proposals baseline`` wrote every part file, then committed and tagged, so a SIGKILL
partway left the parts written so far in the working tree (``status`` listed them as articles)
and a kill between the commit and the tag left an untagged baseline. Now the blobs, tree, commit
and tag are git objects first, one ref transaction records the baseline, and only then are the
index and the files written, from a journal the next recording command finishes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import CLI, cli_env, git

PARTS = {
    "preamble": "PREAMBLE\n\nThis Agreement is made between Northstar Health and Clinicians United.\n",
    "recognition": "ARTICLE 1: RECOGNITION\n\n1.1 The Employer recognizes the Union.\n",
    "hours": "ARTICLE 2: HOURS OF WORK\n\n2.1 The normal work week shall be thirty-six (36) hours.\n",
    "staffing": "ARTICLE 3: STAFFING\n\n3.1 Staffing shall be safe.\n",
}

# SIGKILL at the Nth step of the baseline: a git command (before it runs), a file written
# (before it is), or the sync that follows the files.
KILLED_AT = """
import os, signal, sys
import proposals.files
from proposals.store.git import GitStore
at = int(sys.argv[1])
steps = 0
def step():
    global steps
    steps += 1
    if steps == at:
        os.kill(os.getpid(), signal.SIGKILL)
real_run, real_write, real_sync = GitStore.run, proposals.files.write_file, os.sync
def run(self, *args, **kw):
    step()
    return real_run(self, *args, **kw)
def write_file(*args, **kw):
    step()
    return real_write(*args, **kw)
def sync():
    step()
    real_sync()
GitStore.run, proposals.files.write_file, os.sync = run, write_file, sync
from proposals.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def _state(repo: Path) -> tuple[str, ...]:
    """Refs, index, working-tree status and every file there, byte for byte."""
    files = sorted(
        (str(p.relative_to(repo)), p.read_bytes())
        for p in repo.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    )
    return (
        git(repo, "for-each-ref"),
        git(repo, "ls-files", "--stage"),
        git(repo, "status", "--porcelain", "--ignored"),
        repr(files),
    )


def _baselined(repo: Path) -> tuple[str, ...]:
    """What a finished baseline is, whatever its commit's date: its tree, index, files."""
    state = _state(repo)
    return (git(repo, "rev-parse", "baseline^{tree}"), git(repo, "rev-parse", "HEAD^{tree}"), *state[1:])


def test_a_baseline_killed_at_any_step_leaves_the_old_state_or_is_finished(cli: CLI, tmp_path: Path) -> None:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    template = tmp_path / "talks"
    old = tmp_path / "old"
    old.mkdir()
    for name, text in PARTS.items():
        (old / f"{name}.txt").write_text(text)
    (template / "articles").mkdir(exist_ok=True)
    (template / "articles" / "hours.txt").write_text(PARTS["hours"])  # already there, same text
    before = _state(template)
    done = tmp_path / "done"
    shutil.copytree(template, done, symlinks=True)
    cli("-C", str(done), "baseline", "--from-dir", str(old))
    after = _baselined(done)
    assert after[3] == ""  # nothing left over, nothing uncommitted
    kills = finished = 0
    for n in range(1, 200):
        repo = tmp_path / f"killed-{n}"
        shutil.copytree(template, repo, symlinks=True)
        args = [sys.executable, "-c", KILLED_AT, str(n), "-C", str(repo), "baseline", "--from-dir", str(old)]
        run = subprocess.run(args, env=cli_env(), capture_output=True, text=True, timeout=120)
        if run.returncode == 0:
            assert _baselined(repo) == after
            break
        assert run.returncode == -9, run.stderr
        kills += 1
        if not git(repo, "tag", "--list", "baseline"):
            state = _state(repo)
            leftovers = [line for line in state[2].splitlines() if line.endswith(".tmp")]
            assert not leftovers and state == before, f"killed at step {n}"
            continue
        # Killed once the baseline was recorded: the next recording command finishes it (here the
        # baseline run again, which then says there is one).
        finished += 1
        again = cli("-C", str(repo), "baseline", "--from-dir", str(old), ok=None)
        *said, refused = again.err.splitlines()
        assert again.code != 0 and "already has a baseline" in refused
        # what it finished first is said, not only the refusal (killed before the files were written)
        assert all(line.startswith("Finished the baseline that was interrupted") for line in said), said
        assert _baselined(repo) == after, f"killed at step {n}"
        assert not (repo / ".git" / "proposals-baseline.json").exists()
    print(f"{kills} kills, {finished} after the ref transaction")
    assert kills >= 10 and finished >= 4, (kills, finished)


def test_status_warns_and_repair_finishes_a_killed_baseline(cli: CLI, tmp_path: Path) -> None:
    """Killed after its refs moved and before its files: status says so (it does not silently show
    an empty board), ``repair --dry-run`` names the journal and ``repair`` finishes it. Before,
    repair said "Nothing to repair." and status listed 0 articles without a word."""
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    template = tmp_path / "talks"
    old = tmp_path / "old"
    old.mkdir()
    for name, text in PARTS.items():
        (old / f"{name}.txt").write_text(text)
    done = tmp_path / "done"
    shutil.copytree(template, done, symlinks=True)
    cli("-C", str(done), "baseline", "--from-dir", str(old))
    after = _baselined(done)
    for n in range(1, 200):
        repo = tmp_path / f"killed-{n}"
        shutil.copytree(template, repo, symlinks=True)
        args = [sys.executable, "-c", KILLED_AT, str(n), "-C", str(repo), "baseline", "--from-dir", str(old)]
        run = subprocess.run(args, env=cli_env(), capture_output=True, text=True, timeout=120)
        assert run.returncode == -9, f"the baseline finished before a kill left its journal (step {n})"
        journal = repo / ".git" / "proposals-baseline.json"
        if git(repo, "tag", "--list", "baseline") and journal.exists():
            break
        shutil.rmtree(repo)
    status = cli("-C", str(repo), "status")
    assert "interrupted while writing its files" in status.err and "proposals repair" in status.err
    dry = cli("-C", str(repo), "repair", "--dry-run", ok=None)
    assert dry.code == 1 and "proposals-baseline.json" in dry.out
    assert journal.exists()  # a dry run changes nothing
    fixed = cli("-C", str(repo), "repair")
    assert "Finished the baseline" in fixed.out
    assert not journal.exists()
    assert _baselined(repo) == after
    assert "interrupted" not in cli("-C", str(repo), "status").err
