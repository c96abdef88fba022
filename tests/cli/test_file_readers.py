"""Files a user names for the tool to read: one check (proposals.files.input_size) for all.

A contract (text or PDF), a roster and an information request's answer are each refused in one
line before a byte is read when the path is missing, a directory, or a FIFO (which would hang a
reader), and nothing is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import CLI, git

from proposals.errors import ProposalsError
from proposals.files import input_size


def test_input_size_names_the_file_and_the_limit(tmp_path: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 10)
    assert input_size(small, "a roster", 10) == 10
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (3 * 2**20))
    with pytest.raises(ProposalsError, match=r"big.csv is 3 MB; a roster is limited to 2 MB\Z"):
        input_size(big, "a roster", 2 * 2**20)
    with pytest.raises(ProposalsError, match=r"missing.pdf: no such file\Z"):
        input_size(tmp_path / "missing.pdf", "a PDF", 10)
    with pytest.raises(ProposalsError, match=r": not a regular file\Z"):
        input_size(tmp_path, "a PDF", 10)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _state(repo: Path) -> str:
    return git(repo, "status", "--porcelain", "--untracked-files=all") + git(repo, "rev-parse", "HEAD")


@pytest.mark.parametrize(
    "args",
    [
        ("baseline", "--from-text", "{f}"),
        ("baseline", "--from-pdf", "{f}"),
        ("roster", "import", "{f}"),
        ("session", "answer", "R-1", "--file", "{f}", "--note", "x"),
    ],
    ids=["text", "pdf", "roster", "answer"],
)
def test_every_reader_refuses_a_fifo_in_one_line(
    cli: CLI, negotiation: Path, fifo: Path, args: tuple[str, ...]
) -> None:
    cli("-C", str(negotiation), "session", "open", "2024-04-02")
    cli("-C", str(negotiation), "session", "request", "Vacancy postings", "--due", "2024-04-30")
    before = _state(negotiation)
    result = cli("-C", str(negotiation), *(a.format(f=fifo) for a in args), ok=False)
    assert f"{fifo}: not a regular file" in result.err
    assert _state(negotiation) == before
