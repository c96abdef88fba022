"""Whether a git lock file (``index.lock``, ``HEAD.lock``, ``refs/tags/E-2.lock``) still has an owner.

Git creates ``X.lock`` next to the file it updates, writes the new content into it and renames it
into place, so a git killed in between leaves the lock behind and every later git that needs that
file fails ("Unable to create .git/index.lock: File exists", "cannot lock ref"). A lock has an
owner while the git that created it runs: git keeps ``index.lock`` open the whole time, and holds
a ref lock (closed, between writing and renaming it) while it runs with the repository as its
working directory or names it in its arguments or ``GIT_DIR``.

So where ``/proc`` shows every process (Linux), a lock is abandoned when no process has it open,
no git process runs in or names this repository, and it is still the same file after that look.
Anything that cannot be inspected (another user's git, say) counts as an owner: a lock is
removed only when it is certainly abandoned. Without ``/proc`` only the age is left to go by:
a ref lock older than :data:`FALLBACK_STALE_AFTER` seconds (git holds one for milliseconds).

The caller holds proposals' own writer lock, so no proposals command is between two git steps.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

PROC = Path("/proc")
# Where /proc cannot tell: a ref lock this old was left by a killed git (git holds one for
# milliseconds); index.lock is then never removed, since an editor's git may hold it for minutes.
FALLBACK_STALE_AFTER = 10.0


def can_inspect_processes() -> bool:
    """Whether this system lists every process with its working directory and open files."""
    return (PROC / "self" / "fd").is_dir() and (PROC / "self" / "cwd").exists()


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _pids() -> list[str]:
    try:
        return [entry.name for entry in os.scandir(PROC) if entry.name.isdigit()]
    except OSError:
        return []


def _is_git(pid: str) -> bool | None:
    """Whether `pid` is a running git (``git``, ``git-remote-https``...); None if it is gone."""
    try:
        comm = (PROC / pid / "comm").read_text(errors="replace").strip()
        stat = (PROC / pid / "stat").read_text(errors="replace")
    except OSError:
        return None
    state = stat.rpartition(")")[2].split()[:1]
    if state and state[0] in ("Z", "X"):  # killed, not yet reaped: it holds nothing
        return None
    return comm.startswith("git")


def _within(target: str, places: tuple[str, ...]) -> bool:
    return any(target == place or target.startswith(place + os.sep) for place in places)


def _git_works_here(pid: str, places: tuple[str, ...]) -> bool:
    """Whether a running git process works in (or may work in) one of `places`."""
    base = PROC / pid
    try:
        if _within(os.readlink(base / "cwd"), places):
            return True
        named = (base / "cmdline").read_bytes() + b"\0" + (base / "environ").read_bytes()
    except FileNotFoundError:
        return False  # it has just exited
    except OSError:
        return True  # another user's git, say: it may be working here
    return any(place.encode() in named for place in places)


def _holds_open(pid: str, locks: set[str]) -> set[str]:
    """Which of `locks` process `pid` has open (an empty set when it cannot be looked at)."""
    held: set[str] = set()
    try:
        entries = list(os.scandir(PROC / pid / "fd"))
    except OSError:
        return held
    for entry in entries:
        try:
            target = os.readlink(entry.path)
        except OSError:
            continue
        if target in locks:
            held.add(target)
    return held


def abandoned(locks: Iterable[Path], places: Iterable[Path]) -> list[Path]:
    """The `locks` (git lock files of the repository at `places`: its work tree and git
    directories) that no running process owns, so removing them is safe.

    Without ``/proc``: the ref locks older than :data:`FALLBACK_STALE_AFTER` seconds.
    """
    existing = {path: ident for path in locks if (ident := _identity(path)) is not None}
    if not existing:
        return []
    if not can_inspect_processes():
        now = time.time()
        return sorted(
            path
            for path, ident in existing.items()
            if path.name != "index.lock" and now - ident[1] / 1e9 > FALLBACK_STALE_AFTER
        )
    spots = tuple(sorted({os.path.realpath(p) for p in places}))
    names = {str(path): path for path in existing} | {os.path.realpath(p): p for p in existing}
    owned: set[Path] = set()
    for pid in _pids():  # this process too: it never opens a git lock, but a test may hold one
        is_git = _is_git(pid)
        if is_git is None:
            continue
        if is_git and _git_works_here(pid, spots):
            return []  # a git is running here: any of the locks may be its own
        owned |= {names[target] for target in _holds_open(pid, set(names))}
    return sorted(
        path
        for path, ident in existing.items()
        if path not in owned and _identity(path) == ident  # not replaced by a new git's lock while we looked
    )
