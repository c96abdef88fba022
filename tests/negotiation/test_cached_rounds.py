"""The round HEAD is in, read from the history cache's header (issue 17: a no-op sync needs no
other part of the history): the same answer as the history, and no answer (the history is read)
whenever the file is not at HEAD, is corrupt or is missing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import git

from proposals.errors import ProposalsError
from proposals.negotiation.history_cache import cache_path, cached_history, cached_rounds
from proposals.negotiation.repo import BargainingRepo


def _close(cli, repo: Path) -> None:
    """Round 2024 closed with one part TA'd (the others forced)."""
    signed = ("--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01")
    cli("-C", str(repo), "ta", "staffing", *signed)
    cli("-C", str(repo), "round", "close", "--ratified", "2025-09-30", "--force", "--name", "2024")


def _rounds(repo_dir: Path):
    """(the header's rounds, the history's current round), the cache written first by a read."""
    repo = BargainingRepo.open(repo_dir)
    path = cache_path(repo.git_dir)
    cached_history(repo.store, path)
    return cached_rounds(repo.store, path), BargainingRepo.open(repo_dir).history(from_git=True).round


def test_the_header_names_the_round_the_history_names(negotiation: Path, cli) -> None:
    rounds, current = _rounds(negotiation)
    assert rounds == [] and current is None  # a repo still in its first round
    _close(cli, negotiation)
    rounds, current = _rounds(negotiation)
    assert rounds and rounds[-1] == current and current.closed
    cli("-C", str(negotiation), "round", "open", "2028", "--expires", "2028-06-30")
    rounds, current = _rounds(negotiation)
    assert rounds and rounds[-1] == current and current.name == "2028" and not current.closed
    # A pass on top: the file is extended by a chunk, and its header still answers.
    (negotiation / "articles" / "parking.txt").write_text("ARTICLE 19: PARKING\n\n19.1 Free parking.\n")
    cli("-C", str(negotiation), "pass", "--party", "union", "--session", "2028-01-10", "parking")
    repo = BargainingRepo.open(negotiation)
    path = cache_path(repo.git_dir)
    assert cached_rounds(repo.store, path) is None  # the file is a commit behind HEAD: no answer
    cli("-C", str(negotiation), "status")  # which extends it by a chunk
    found = cached_rounds(repo.store, path)
    assert found is not None and found[-1] == repo.history(from_git=True).round


def test_no_answer_from_a_file_not_at_head_corrupt_or_missing(negotiation: Path) -> None:
    repo = BargainingRepo.open(negotiation)
    path = cache_path(repo.git_dir)
    cached_history(repo.store, path)
    assert cached_rounds(repo.store, path) == []
    git(negotiation, "commit", "--quiet", "--allow-empty", "-m", "made with git alone")
    assert cached_rounds(BargainingRepo.open(negotiation).store, path) is None  # HEAD moved on
    cached_history(repo.store, path)
    data = bytearray(path.read_bytes())
    data[-5] ^= 1
    path.write_bytes(bytes(data))
    assert cached_rounds(repo.store, path) is None
    path.unlink()
    assert cached_rounds(repo.store, path) is None


def test_a_closed_round_is_refused_from_the_header_and_without_a_cache(negotiation: Path, cli) -> None:
    _close(cli, negotiation)
    for keep_cache in (True, False):
        repo = BargainingRepo.open(negotiation)
        path = cache_path(repo.git_dir)
        if keep_cache:
            cached_history(repo.store, path)
        else:
            path.unlink(missing_ok=True)
        with pytest.raises(ProposalsError, match="round 2024 was closed"):
            repo.ensure_can_record(history=False)
        repo.ensure_can_record(history=False, closed_ok=True)


def test_a_shallow_clone_is_still_refused(negotiation: Path, tmp_path: Path) -> None:
    git(negotiation, "commit", "--quiet", "--allow-empty", "-m", "a second commit")
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{negotiation}", str(shallow)],
                   check=True, capture_output=True)
    repo = BargainingRepo.open(shallow)
    with pytest.raises(ProposalsError, match="shallow clone"):
        repo.ensure_can_record(history=False)
