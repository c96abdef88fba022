"""The operating system's refusals (full disk, read-only mount, permissions), said in one line.

These are not bugs, so they must never reach a user as an "internal error" with a traceback: each
names the file and what to do. Git's own complaints of the same kind are recognised by their text.
"""

from __future__ import annotations

import errno
import re

# errno -> (what happened, what to do)
REMEDIES: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", "free some space and run the command again"),
    errno.EDQUOT: ("your disk quota is used up", "free some space and run the command again"),
    errno.EROFS: (
        "the file system is read-only",
        "work in a copy on a writable disk (proposals clone), or remount it read-write",
    ),
    errno.EACCES: (
        "permission denied",
        "check that you own the folder and may write to it (ls -l), or ask whoever set it up",
    ),
    errno.EPERM: (
        "the operation is not permitted",
        "check that you own the folder and may write to it (ls -l), or ask whoever set it up",
    ),
    errno.E2BIG: ("too many names for one command", "name fewer articles at a time"),
    errno.EMFILE: ("too many files are open", "close some programs and run the command again"),
    errno.ENAMETOOLONG: ("a file name is too long", "use a shorter folder or file name"),
}

# Git's wording for the same conditions (it prints strerror) -> the errno above.
GIT_PHRASES: tuple[tuple[str, int], ...] = (
    ("No space left on device", errno.ENOSPC),
    ("Disk quota exceeded", errno.EDQUOT),
    ("Read-only file system", errno.EROFS),
    ("insufficient permission", errno.EACCES),
    ("Permission denied", errno.EACCES),
    ("Operation not permitted", errno.EPERM),
)


def os_error_line(exc: OSError, what: str | None = None) -> str:
    """One line for an OSError: the file, what happened and the remedy."""
    where = exc.filename or what
    where_text = f"{where}: " if where else ""
    known = REMEDIES.get(exc.errno or 0)
    if known:
        return f"{where_text}{known[0]}; {known[1]}"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{where_text}{' '.join(reason.split())}"


def git_os_error_line(stderr_text: str) -> str | None:
    """The same line for a git failure whose message names one of these conditions, else None."""
    for phrase, code in GIT_PHRASES:
        if phrase in stderr_text:
            happened, remedy = REMEDIES[code]
            quoted = re.search(r"'([^'\n]{1,300})'", stderr_text)
            where = quoted.group(1) if quoted else "the repository"
            return f"git could not write {where}: {happened}; {remedy}"
    return None
