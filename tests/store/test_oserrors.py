"""OS refusals as one-line errors naming the file and the remedy, never an internal error."""

from __future__ import annotations

import errno

from proposals.store.git import git_message
from proposals.store.oserrors import os_error_line


def test_each_os_refusal_names_the_file_and_the_remedy() -> None:
    cases = {
        errno.ENOSPC: "free some space",
        errno.EROFS: "read-only",
        errno.EACCES: "permission denied",
        errno.E2BIG: "fewer articles",
    }
    for code, remedy in cases.items():
        line = os_error_line(OSError(code, "strerror text", "articles/staffing.txt"))
        assert line.startswith("articles/staffing.txt: ") and remedy in line and "\n" not in line
    assert os_error_line(OSError(errno.EIO, "Input/output error")) == "Input/output error"


def test_git_running_out_of_disk_is_not_called_a_locked_index() -> None:
    stderr = b"fatal: Unable to create '/r/.git/index.lock': No space left on device\n"
    line = git_message(stderr, ["add"])
    assert "/r/.git/index.lock" in line and "disk is full" in line and "locked" not in line
    stderr = b"error: insufficient permission for adding an object to repository database .git/objects\n"
    assert "permission denied" in git_message(stderr, ["commit"])
    stderr = b"fatal: could not open '/r/.git/COMMIT_EDITMSG': Read-only file system\n"
    assert "read-only" in git_message(stderr, ["commit"])
    stderr = b"fatal: Unable to create '/r/.git/index.lock': File exists.\n"
    assert "index is locked" in git_message(stderr, ["add"])
