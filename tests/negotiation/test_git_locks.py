"""Issue 13: a lock left by a killed git never wedges the repo, and a running git's lock is never taken.

Git's lock files (``HEAD.lock``, ``refs/tags/X.lock``, ``index.lock``) are made here by real git
processes: ``git update-ref --stdin`` holds its ref locks between ``prepare`` and ``commit``, and
``git update-index --stdin`` holds ``index.lock`` while it reads. Killed, they leave fresh locks
that ``repair`` (and the next recording command) must remove at once, not 10 seconds later;
alive, their locks must be left alone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import STAFFING, cli_env, git, make_repo, ok, run, tags, write

from proposals.store import locks


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "team")


def _holding_ref_locks(repo: Path, tag: str = "X") -> subprocess.Popen:
    """A real git holding HEAD.lock and refs/tags/<tag>.lock (a transaction prepared, not committed)."""
    head = git(repo, "rev-parse", "HEAD").strip()
    proc = subprocess.Popen(
        ["git", "update-ref", "--stdin"],
        cwd=repo,
        env=cli_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"start\nupdate refs/tags/{tag} {head}\nupdate HEAD {head}\nprepare\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "start: ok"
    assert proc.stdout.readline().strip() == "prepare: ok"
    assert (repo / ".git" / "HEAD.lock").exists() and (
        repo / ".git" / "refs" / "tags" / f"{tag}.lock"
    ).exists()
    return proc


def _holding_index_lock(repo: Path) -> subprocess.Popen:
    """A real git holding .git/index.lock (update-index reading its list of paths)."""
    proc = subprocess.Popen(
        ["git", "update-index", "--stdin"], cwd=repo, env=cli_env(), stdin=subprocess.PIPE
    )
    deadline = time.monotonic() + 30
    while not (repo / ".git" / "index.lock").exists():
        assert time.monotonic() < deadline and proc.poll() is None, "git never took index.lock"
        time.sleep(0.01)
    return proc


def _kill(proc: subprocess.Popen, *, reap: bool = True) -> None:
    proc.send_signal(signal.SIGKILL)
    if reap:
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


@pytest.fixture
def live() -> Iterator[list[subprocess.Popen]]:
    started: list[subprocess.Popen] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            _kill(proc)


def _pass_works(repo: Path, n: int) -> None:
    write(repo, "staffing", STAFFING.replace("safe", f"safe ({n})"))
    out = ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    assert f"U-{n}" in out


def test_fresh_ref_locks_of_a_killed_git_are_removed_by_repair_at_once(repo: Path) -> None:
    _kill(_holding_ref_locks(repo))
    head_lock, tag_lock = repo / ".git" / "HEAD.lock", repo / ".git" / "refs" / "tags" / "X.lock"
    assert head_lock.exists() and tag_lock.exists()  # fresh: a second old at most
    out = ok(repo, "repair")
    assert "removed .git/HEAD.lock" in out and "removed .git/refs/tags/X.lock" in out, out
    assert not head_lock.exists() and not tag_lock.exists()
    assert "X" not in tags(repo)
    _pass_works(repo, 2)
    ok(repo, "verify")


def test_a_fresh_index_lock_of_a_killed_git_is_removed_by_repair(repo: Path) -> None:
    _kill(_holding_index_lock(repo))
    lock = repo / ".git" / "index.lock"
    assert lock.exists()
    out = ok(repo, "repair")
    assert "removed .git/index.lock" in out and not lock.exists(), out
    _pass_works(repo, 2)


def test_the_next_recording_command_clears_a_killed_gits_locks_itself(repo: Path) -> None:
    _kill(_holding_ref_locks(repo, "U-2"))  # the very tag the next pass makes
    _kill(_holding_index_lock(repo))
    write(repo, "staffing", STAFFING.replace("safe", "safe (2)"))
    proc = run(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing", check=True)
    assert "U-2" in proc.stdout
    for name in ("HEAD.lock", "refs/tags/U-2.lock", "index.lock"):
        assert f"removed .git/{name}" in proc.stdout + proc.stderr
    assert "U-2" in tags(repo)


def test_a_killed_git_not_yet_reaped_holds_nothing(repo: Path, live: list[subprocess.Popen]) -> None:
    proc = _holding_ref_locks(repo)
    live.append(proc)
    _kill(proc, reap=False)  # a zombie until its parent waits: still listed in /proc
    deadline = time.monotonic() + 10
    while Path(f"/proc/{proc.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert "removed .git/HEAD.lock" in ok(repo, "repair")


def test_locks_of_a_running_git_are_left_alone(repo: Path, live: list[subprocess.Popen]) -> None:
    holder = _holding_ref_locks(repo)
    live.append(holder)
    head_lock, tag_lock = repo / ".git" / "HEAD.lock", repo / ".git" / "refs" / "tags" / "X.lock"
    proc = run(repo, "repair")
    assert "HEAD.lock" not in proc.stdout and "X.lock" not in proc.stdout, proc.stdout
    assert head_lock.exists() and tag_lock.exists()
    # Once it has finished, its transaction went through: the locks were its own.
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.write("commit\n")
    holder.stdin.close()
    assert holder.stdout.readline().strip() == "commit: ok"
    assert holder.wait(timeout=30) == 0
    assert "X" in tags(repo) and not head_lock.exists()


def test_index_lock_of_a_running_git_is_explained_not_removed(
    repo: Path, live: list[subprocess.Popen]
) -> None:
    live.append(_holding_index_lock(repo))
    lock = repo / ".git" / "index.lock"
    proc = run(repo, "repair")
    assert proc.returncode == 1 and "index.lock" in proc.stdout and "still running" in proc.stdout
    assert lock.exists()
    write(repo, "staffing", STAFFING.replace("safe", "safe (2)"))
    proc = run(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    assert proc.returncode == 1 and "index.lock" in proc.stderr and lock.exists()
    assert "U-2" not in tags(repo)


def test_a_lock_held_open_by_any_process_is_owned(repo: Path, live: list[subprocess.Popen]) -> None:
    """An IDE's libgit2 holds index.lock open with no git process at all."""
    lock = repo / ".git" / "index.lock"
    script = "exec 3>>index.lock; echo held; exec sleep 60"
    holder = subprocess.Popen(["sh", "-c", script], cwd=repo / ".git", stdout=subprocess.PIPE)
    live.append(holder)
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
    assert locks.abandoned([lock], [repo, repo / ".git"]) == []
    _kill(holder)
    assert locks.abandoned([lock], [repo, repo / ".git"]) == [lock]


def test_without_proc_only_old_ref_locks_count_as_abandoned(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locks, "can_inspect_processes", lambda: False)
    git_dir = repo / ".git"
    fresh, old, index = git_dir / "HEAD.lock", git_dir / "refs" / "tags" / "Y.lock", git_dir / "index.lock"
    for path in (fresh, old, index):
        path.write_text("")
    then = time.time() - 60
    for path in (old, index):
        os.utime(path, (then, then))
    assert locks.abandoned([fresh, old, index], [repo, git_dir]) == [old]


def test_a_git_of_our_own_started_beside_the_lock_scan_does_not_hide_a_killed_gits_locks(
    repo: Path, live: list[subprocess.Popen], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the tag listing (a git of ours, in this repo) started just before the locks were
    looked at; while it still ran, the look saw "a git running here" and kept every lock, so
    `repair` said "Nothing to repair" at random under load (a CI run). Here the listing is made to
    run long by a sleeping git beside it, so the old order fails every time."""
    from proposals.negotiation import recovery
    from proposals.negotiation.repo import BargainingRepo
    from proposals.store.git import GitStore

    _kill(_holding_ref_locks(repo))
    listing = GitStore.start_tag_listing

    def slow_listing(store: GitStore) -> None:
        listing(store)
        live.append(subprocess.Popen(["git", "-c", "alias.pause=!sleep 5", "pause"], cwd=repo))
        time.sleep(0.2)  # the sleeping git is running (its /proc cwd is this repo)

    monkeypatch.setattr(GitStore, "start_tag_listing", slow_listing)
    found = recovery.interrupted(BargainingRepo.open(repo))
    assert ("ref-lock", "HEAD.lock") in found and ("ref-lock", "refs/tags/X.lock") in found, found
