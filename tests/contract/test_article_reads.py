"""Reading an article file costs what the file holds (issue 17): status reads every article (300
at the benchmark's size), and asking for the 5 MB limit in one read made a 5 MB buffer each time,
25 ms of a status; the limit and what the reader returns are unchanged."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from proposals.contract.part import MAX_ARTICLE_BYTES, read_article_bytes
from proposals.errors import ProposalsError


def test_a_small_article_is_read_without_a_buffer_the_size_of_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "staffing.txt"
    text = ("ARTICLE 6: STAFFING\n\n" + "6.1 Ratios. One nurse to four patients.\n" * 100).encode()
    path.write_bytes(text)
    tracemalloc.start()
    try:
        data = read_article_bytes(path, "articles/staffing.txt")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == text
    assert peak < 1024 * 1024, peak  # was over 5 MB: the limit's buffer


@pytest.mark.parametrize("size", [0, 1, MAX_ARTICLE_BYTES])
def test_every_byte_up_to_the_limit_is_read(tmp_path: Path, size: int) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * size)
    assert read_article_bytes(path, "articles/a.txt") == b"x" * size


def test_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(ProposalsError, match="limited to 5 MB"):
        read_article_bytes(path, "articles/a.txt")
