"""The history is parsed while git prints the log (``streamed_history``, issue 17): however the
output is cut into pieces, the answer is exactly ``parse_history``'s of the whole text, hand-made
and untrusted commits included; anything the piecewise reading does not take is read whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sync_support import cli_env, git, make_repo, ok, write

from proposals.negotiation.history import HISTORY_KEYS, History, load_history, parse_history, streamed_history
from proposals.store.git import GitStore
from proposals.store.log import log_text

OPTIONS = ("--topo-order", "--reverse")


def commit_raw(repo: Path, message: str) -> None:
    subprocess.run(["git", "commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-F", "-"],
                   cwd=repo, input=message.encode(), env=cli_env("Eve Mallory"), check=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Passes, a TA, an ordinary commit, and hand-made commits the history does not trust."""
    repo = make_repo(tmp_path_factory.mktemp("streamed") / "team")
    write(repo, "staffing", (repo / "articles" / "staffing.txt").read_text() + "\nA new line.\n")
    ok(repo, "pass", "--party", "employer", "--session", "2025-01-11", "staffing")
    ok(repo, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-01-12")
    commit_raw(repo, "an ordinary commit\n")
    listed = "Session: 2025-01-13\nArticles: staffing\n"
    commit_raw(repo, f"twice\n\nProposal-Party: union\nPass: U-9\nPass: U-10\n{listed}")
    commit_raw(repo, f"odd\n\nProposal-Party: union\nPass: U 11\n{listed}")
    commit_raw(repo, f"unicode é ü\n\nProposal-Party: employer\nPass: E-7\n{listed}")
    return repo


def pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_any_cut_gives_the_whole_texts_answer(repo: Path) -> None:
    text = log_text(GitStore(repo), "HEAD", HISTORY_KEYS, options=OPTIONS)
    assert text is not None
    whole = parse_history(text)
    assert whole.passes and whole.tas and whole.untrusted
    data = text.encode("utf-8", "surrogateescape")
    for size in (1, 2, 3, 5, 7, 41, 64, 199, 1000, len(data)):
        assert streamed_history(pieces(data, size)) == whole, size


def test_load_history_reads_as_the_text_is_parsed(repo: Path) -> None:
    store = GitStore(repo)
    for rev in ("HEAD", git(repo, "rev-parse", "HEAD~2").strip()):
        text = log_text(store, rev, HISTORY_KEYS, options=OPTIONS)
        assert load_history(store, rev) == parse_history(text or "")


def test_what_the_pieces_do_not_take_is_left_to_the_whole_text() -> None:
    sha = "a" * 40
    record = f"{sha}\0\0Ann\0subject\0\0".encode()
    assert streamed_history([record]) == parse_history(record.decode())
    assert streamed_history([record[:-1]]) is None  # a last record cut short
    assert streamed_history([b"not-a-commit\0\0Ann\0s\0\0"]) is None  # store.log says what is wrong
    assert streamed_history([]) == History()


def test_no_such_commit_is_an_empty_history(repo: Path) -> None:
    assert load_history(GitStore(repo), "refs/heads/no-such-branch") == History()
