"""The history cache is a plain file under .git/proposals or nothing (issue 17): a FIFO, a link to
/dev/zero or a folder in its place is read as no cache (the history comes from git, the answers are
the same), never read from or waited on."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import cli_command, cli_env

from proposals.negotiation.history_cache import cache_path
from proposals.negotiation.repo import BargainingRepo


def run(repo: Path, *args: str) -> str:
    proc = subprocess.run([*cli_command(), "-C", str(repo), *args], env=cli_env(), capture_output=True,
                          text=True, timeout=20)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_a_cache_that_is_no_plain_file_is_no_cache(negotiation: Path, kind: str) -> None:
    path = cache_path(BargainingRepo.open(negotiation).git_dir)
    expected = run(negotiation, "status", "--json"), run(negotiation, "log", "--json")
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    assert (run(negotiation, "status", "--json"), run(negotiation, "log", "--json")) == expected
