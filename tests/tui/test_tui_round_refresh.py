"""A round opened outside the TUI (issue 17): the board shows the closed round as it ended,
read-only, until the next round is opened; opened from the CLI while the TUI runs, the board's
refresh (`r`) shows the new round, recordable, without a restart. A round named with `--round`
stays shown."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI
from tui_fixtures import settle, sync_async_tests, tui_app

from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.rounds import close_round
from proposals_tui.screens.board import BoardScreen


async def test_the_next_round_opened_from_the_cli_is_shown_at_a_refresh(repo_path: Path) -> None:
    close_round(BargainingRepo.open(repo_path), "2025-04-01", force=True, name="2025")
    cli = CLI(repo_path.parent)
    app = tui_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert "round 2025 is closed: shown read-only" in app.sub_title
        assert {r.status for r in board.data.rows} != {"unchanged"}  # round 2025's passes and TAs
        cli("-C", str(repo_path), "round", "open", "2028", "--expires", "2028-06-30")
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is board
        assert not app.repo.read_only and app.sub_title == ""
        assert {r.status for r in board.data.rows} == {"unchanged"}  # round 2028 bargains from 2025's text
        assert app.repo.history().round is not None and app.repo.history().round.name == "2028"
        board.query_one("#board").move_cursor(row=0)
        await settle(pilot)
        shown = len(app._notifications)
        await pilot.press("e")  # recordable again: the editor opens, nothing refused
        await settle(pilot)
        assert app.screen is not board
        assert not any("read-only" in n.message for n in list(app._notifications)[shown:])


async def test_a_round_named_with_round_stays_shown_at_a_refresh(repo_path: Path) -> None:
    close_round(BargainingRepo.open(repo_path), "2025-04-01", force=True, name="2025")
    cli = CLI(repo_path.parent)
    cli("-C", str(repo_path), "round", "open", "2028", "--expires", "2028-06-30")
    app = tui_app(repo_path, round_name="2025")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "round 2025 is closed: shown read-only" in app.sub_title
        assert app.repo.read_only


sync_async_tests(globals())
