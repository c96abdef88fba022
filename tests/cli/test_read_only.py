"""A read-only mount (EROFS), made for real: the repo, its object store or its articles folder
bind-mounted read-only in a user namespace (``unshare -rm``). Every recording command fails in one
line naming the file and the remedy, nothing is written, and reading still works.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from sync_support import STAFFING, cli_env, git, make_repo, write


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    with tempfile.TemporaryDirectory() as tmp:
        probe = subprocess.run(
            ["unshare", "-rm", "sh", "-c", f"mount --bind {tmp} {tmp} && mount -o remount,bind,ro {tmp}"],
            capture_output=True,
            check=False,
        )
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _can_mount_read_only(), reason="no user namespaces to mount in")


def read_only(mount: Path, *commands: list[str]) -> list[subprocess.CompletedProcess]:
    """Run each command with `mount` bind-mounted read-only (one namespace per command)."""
    results = []
    for command in commands:
        script = (
            f"mount --bind {shlex.quote(str(mount))} {shlex.quote(str(mount))} && "
            f"mount -o remount,bind,ro {shlex.quote(str(mount))} && exec {shlex.join(command)}"
        )
        results.append(
            subprocess.run(
                ["unshare", "-rm", "sh", "-c", script],
                capture_output=True,
                text=True,
                env=cli_env(),
                timeout=120,
            )
        )
    return results


def state(repo: Path) -> tuple[str, str, str]:
    return (
        git(repo, "for-each-ref"),
        git(repo, "status", "--porcelain=v1", "--untracked-files=all"),
        (repo / "articles" / "staffing.txt").read_text(encoding="utf-8"),
    )


def proposals(repo: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "proposals", "-C", str(repo), *args]


@pytest.mark.parametrize("where", [".", ".git/objects", "articles"])
def test_a_read_only_mount_is_one_line_and_nothing_is_written(tmp_path: Path, where: str) -> None:
    repo = make_repo(tmp_path / "team")
    write(repo, "staffing", STAFFING.replace("safe", "safer"))  # our unsent draft
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(STAFFING.replace("safe", "efficient"), encoding="utf-8")
    before = state(repo)
    recorders = [
        ["pass", "--party", "union", "--session", "2025-02-01", "staffing"],
        ["pass", "--party", "employer", "--session", "2025-02-01", "--from-file", str(theirs), "staffing"],
        ["ta", "scheduling", "--union-sign", "Jo Ray", "--employer-sign", "Pat Lee", "--date", "2025-02-02"],
        ["withdraw", "--party", "union", "--session", "2025-02-02", "scheduling"],
    ]
    if where == ".":
        recorders += [["repair"], ["session", "open", "2025-03-01"], ["sync"]]
    if where == "articles":  # only what writes an article: their text from a file
        recorders = recorders[1:2]
    results = read_only(repo / where, *[proposals(repo, *args) for args in recorders])
    for args, proc in zip(recorders, results, strict=True):
        lines = proc.stderr.strip().splitlines()
        assert proc.returncode == 1, f"{args}: {proc.returncode} {proc.stdout}{proc.stderr}"
        assert len(lines) == 1 and lines[0].startswith("proposals: error:"), f"{args}: {proc.stderr}"
        assert "read-only" in lines[0] and "remount it read-write" in lines[0], f"{args}: {lines[0]}"
        assert "internal error" not in lines[0] and "locked" not in lines[0]
    assert state(repo) == before
    status, verify = read_only(repo / where, proposals(repo, "status"), proposals(repo, "verify"))
    assert status.returncode == 0 and "Staffing" in status.stdout, status.stderr
    assert verify.returncode == 0, verify.stdout + verify.stderr
