"""The board between `round close` and `round open` (issue 17): the working tree already holds
the next baseline (a forced close leaves out parts that had no earlier text), so the board shows
the closed round as it ended, read-only, with every part's title, as `proposals status` does."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tui_fixtures import settle, sync_async_tests, tui_app

from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.rounds import close_round
from proposals.negotiation.status import status_rows


async def test_a_closed_round_is_on_the_board_as_it_ended(repo_path: Path) -> None:
    before = status_rows(BargainingRepo.open(repo_path))
    close_round(BargainingRepo.open(repo_path), "2025-04-01", force=True, name="2025")
    dropped = {r.id for r in before} - {p.stem for p in (repo_path / "articles").glob("*.txt")}
    assert dropped  # parts the forced close left out of the next baseline
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo_path, capture_output=True, text=True).stdout
    app = tui_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = app.screen.data.rows
        assert [(r.id, r.title, r.status) for r in rows] == [(r.id, r.title, r.status) for r in before]
        assert "round 2025 is closed: shown read-only" in app.sub_title
        board = app.screen
        board.query_one("#board").move_cursor(row=[r.id for r in board.shown].index(sorted(dropped)[0]))
        await settle(pilot)
        shown = len(app._notifications)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is board
        assert "Round 2025 is closed: shown read-only" in list(app._notifications)[shown:][-1].message
    after = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo_path, capture_output=True, text=True).stdout
    assert after == head


sync_async_tests(globals())
