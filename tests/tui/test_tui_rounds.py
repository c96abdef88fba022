"""An earlier round on the board (issue 17): `proposals tui --round NAME` shows that round as it
ended, read-only; edits, passes and TAs are refused with the reason shown, nothing is written."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tui_fixtures import settle, sync_async_tests, tui_app

from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.rounds import close_round, open_round
from proposals.negotiation.status import status_rows
from proposals_tui.screens.board import BoardScreen


def _git(path: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=path, check=True, capture_output=True, text=True).stdout


async def test_an_earlier_round_is_shown_read_only(repo_path: Path) -> None:
    repo = BargainingRepo.open(repo_path)
    close_round(repo, "2025-04-01", force=True, name="2025")
    open_round(repo, "2028", "2028-06-30")
    expected = status_rows(BargainingRepo.open(repo_path).round_view("2025"))
    assert {r.status for r in expected} != {"unchanged"}  # the old round's passes and TAs
    head, tree = _git(repo_path, "rev-parse", "HEAD"), _git(repo_path, "status", "--porcelain")
    app = tui_app(repo_path, round_name="2025")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert [(r.id, r.status, r.last_pass) for r in board.data.rows] == [
            (r.id, r.status, r.last_pass) for r in expected
        ]
        assert "round 2025 is closed: shown read-only" in app.sub_title
        open_row = [r.id for r in board.shown].index(next(r.id for r in expected if r.status == "open"))
        board.query_one("#board").move_cursor(row=open_row)
        await settle(pilot)
        for key in ("e", "p", "t", "w"):
            before = len(app._notifications)
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is board, key  # no editor, no dialog
            shown = list(app._notifications)[before:]
            assert shown and "Round 2025 is closed: shown read-only" in shown[-1].message, key
    assert _git(repo_path, "rev-parse", "HEAD") == head
    assert _git(repo_path, "status", "--porcelain") == tree


async def test_the_current_round_is_the_ordinary_board(repo_path: Path) -> None:
    repo = BargainingRepo.open(repo_path)
    close_round(repo, "2025-04-01", force=True, name="2025")
    open_round(repo, "2028", "2028-06-30")
    app = tui_app(repo_path, round_name="2028")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.repo.read_only and not app.sub_title
        assert {r.status for r in app.screen.data.rows} == {"unchanged"}


async def test_reopening_a_ta_in_an_earlier_round_is_refused_up_front(repo_path: Path) -> None:
    repo = BargainingRepo.open(repo_path)
    close_round(repo, "2025-04-01", force=True, name="2025")
    open_round(repo, "2028", "2028-06-30")
    expected = status_rows(BargainingRepo.open(repo_path).round_view("2025"))
    head = _git(repo_path, "rev-parse", "HEAD")
    app = tui_app(repo_path, round_name="2025")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        ta_row = [r.id for r in board.shown].index(next(r.id for r in expected if r.status == "ta"))
        board.query_one("#board").move_cursor(row=ta_row)
        await settle(pilot)
        before = len(app._notifications)
        await pilot.press("O")
        await settle(pilot)
        assert app.screen is board  # no reason dialog for a reopen the round cannot record
        shown = list(app._notifications)[before:]
        assert shown and "Round 2025 is closed: shown read-only" in shown[-1].message
    assert _git(repo_path, "rev-parse", "HEAD") == head


sync_async_tests(globals())
