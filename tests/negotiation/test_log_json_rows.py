"""``log --json`` prints its passes straight from the history cache's rows (``cached_rows``) when
the file is at HEAD (issue 17): the same bytes as from the parsed history, in every round, with an
appended chunk, and nothing from a file that is behind HEAD, corrupt or missing."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import cli_command, cli_env, git

from proposals.negotiation.history_cache import cache_path, cached_history, cached_rows
from proposals.negotiation.repo import BargainingRepo


def run(repo: Path, *args: str) -> str:
    proc = subprocess.run([*cli_command(), "-C", str(repo), *args], env=cli_env(), capture_output=True,
                          text=True, timeout=20)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _both(repo: Path) -> tuple[tuple[str, str], tuple[str, str]]:
    """(log --json, log --json --all-rounds) from the cache's rows, then from git (no file)."""
    run(repo, "status")  # the file at HEAD
    path = cache_path(BargainingRepo.open(repo).git_dir)
    assert cached_rows(BargainingRepo.open(repo).store, path) is not None
    fast = run(repo, "log", "--json"), run(repo, "log", "--json", "--all-rounds")
    path.unlink()
    slow = run(repo, "log", "--json"), run(repo, "log", "--json", "--all-rounds")
    path.unlink()
    return fast, slow


def test_log_json_from_the_rows_is_the_log_from_the_history(negotiation: Path, cli) -> None:
    fast, slow = _both(negotiation)
    assert fast == slow and '"pass": "E-1"' in fast[0]
    signed = ("--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01")
    cli("-C", str(negotiation), "ta", "staffing", *signed)
    cli("-C", str(negotiation), "round", "close", "--ratified", "2025-09-30", "--force", "--name", "2024")
    cli("-C", str(negotiation), "round", "open", "2028", "--expires", "2028-06-30")
    (negotiation / "articles" / "parking.txt").write_text("ARTICLE 19: PARKING\n\n19.1 Free parking.\n")
    cli("-C", str(negotiation), "pass", "--party", "union", "--session", "2028-01-10", "parking")
    fast, slow = _both(negotiation)
    assert fast == slow and '"round": "2024"' in fast[1] and '"round": "2028"' in fast[1]
    assert '"pass": "E-1"' not in fast[0] and '"pass": "U-1"' in fast[0]  # the current round only
    # One more pass on top: the file gains a chunk, whose rows are printed too.
    run(negotiation, "status")
    (negotiation / "articles" / "parking.txt").write_text("ARTICLE 19: PARKING\n\n19.1 Paid parking.\n")
    cli("-C", str(negotiation), "pass", "--party", "employer", "--session", "2028-01-11", "parking")
    run(negotiation, "status")
    repo = BargainingRepo.open(negotiation)
    found = cached_rows(repo.store, cache_path(repo.git_dir))
    assert found is not None and len(found[1]) == len(repo.history(from_git=True).timeline) + 3
    fast = run(negotiation, "log", "--json"), run(negotiation, "log", "--json", "--all-rounds")
    cache_path(repo.git_dir).unlink()
    assert fast == (run(negotiation, "log", "--json"), run(negotiation, "log", "--json", "--all-rounds"))
    assert '"pass": "E-1"' in fast[0]


def test_no_rows_from_a_file_behind_head_corrupt_or_missing(negotiation: Path) -> None:
    repo = BargainingRepo.open(negotiation)
    path = cache_path(repo.git_dir)
    cached_history(repo.store, path)
    rows = cached_rows(repo.store, path)
    assert rows is not None and [r[1] for r in rows[1]] == [p.name for p in repo.history().passes]
    git(negotiation, "commit", "--quiet", "--allow-empty", "-m", "made with git alone")
    assert cached_rows(BargainingRepo.open(negotiation).store, path) is None  # HEAD moved on
    cached_history(repo.store, path)
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    assert cached_rows(repo.store, path) is None
    path.unlink()
    assert cached_rows(repo.store, path) is None
