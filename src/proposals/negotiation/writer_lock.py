"""The writer lock: one recorder at a time per clone, ``.git/proposals.lock`` holding its pid.

``BargainingRepo.writer_lock`` is how the model takes it. It has its own module, importing only the
standard library, so that ``proposals sync`` can take it and set git fetching before the model is
even imported (``team.fetching.started``; issue 17).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from proposals.errors import ProposalsError

LOCK_NAME = "proposals.lock"


def _lock_pid(lock: Path) -> int:
    """The pid a writer lock names; 0 if it is being written right now, unreadable or gone."""
    try:
        return int(lock.read_text().strip() or "0")
    except (OSError, ValueError):
        return 0


def _is_dead(pid: int) -> bool:
    if pid <= 0:
        return False  # no pid yet: treat as live
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


_TAKEOVER_STALE_AFTER = 10.0  # seconds: a takeover guard older than this was left by a crash
# A writer writes its pid microseconds after creating the lock; an empty (or unreadable) lock this
# old was left by a process killed in between, and nobody will ever fill it in.
EMPTY_LOCK_STALE_AFTER = 5.0


def _lock_state(lock: Path) -> tuple[int, float] | None:
    """(pid, mtime) of a writer lock, or None when it is gone."""
    try:
        mtime = lock.stat().st_mtime
    except OSError:
        return None
    return _lock_pid(lock), mtime


def _is_stale(state: tuple[int, float] | None) -> bool:
    if state is None:
        return False
    pid, mtime = state
    if pid <= 0:
        return time.time() - mtime > EMPTY_LOCK_STALE_AFTER
    return _is_dead(pid)


def _take_over_if_stale(lock: Path) -> None:
    """Remove a writer lock whose process is gone (crashed, killed), so it cannot block the team.

    Reading the pid and finding its process dead are two steps: the holder may release its lock
    and exit between them while the next writer creates a fresh one, which must not be removed.
    So the pid is read again after the check and the lock removed only if it still names the dead
    process; and one waiter at a time does this (a ``.takeover`` guard), so two waiters that both
    saw the dead lock cannot remove it and then each other's fresh one. An empty lock (its writer
    killed before it wrote its pid) is stale once it is a few seconds old and still empty.
    """
    state = _lock_state(lock)
    if not _is_stale(state):
        return
    guard = lock.with_name(lock.name + ".takeover")
    try:
        fd = os.open(guard, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        try:
            if time.time() - guard.stat().st_mtime > _TAKEOVER_STALE_AFTER:
                guard.unlink(missing_ok=True)
        except OSError:
            pass
        return
    try:
        if _lock_state(lock) == state and _is_stale(state):
            lock.unlink(missing_ok=True)
    finally:
        os.close(fd)
        guard.unlink(missing_ok=True)


def take(lock: Path, wait: float = 15.0) -> None:
    """Create `lock` naming this process; a live holder is waited for (up to `wait` seconds, or
    ``PROPOSALS_LOCK_WAIT``), then refused in one line; a dead one's lock is taken over."""
    deadline = time.monotonic() + float(os.environ.get("PROPOSALS_LOCK_WAIT", wait))
    while True:
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            _take_over_if_stale(lock)
            if not lock.exists():
                continue
            if time.monotonic() > deadline:
                raise ProposalsError(
                    f"another proposals command is recording in this repo ({lock}); wait for "
                    "it to finish, or delete that file if none is running"
                ) from None
            time.sleep(0.05)
    try:
        os.write(fd, str(os.getpid()).encode())
    except BaseException:
        os.close(fd)
        give_back(lock)
        raise
    os.close(fd)


def give_back(lock: Path) -> None:
    lock.unlink(missing_ok=True)
