"""The session bar, package and contingent marks on the board, and the sessions screen (Pilot)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tui_fixtures import build_negotiation, sync_async_tests

from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp
from proposals_tui.screens.board import BoardScreen


@pytest.fixture
def repo_path(tmp_path: Path) -> Path:
    return build_negotiation(tmp_path / "negotiation")


async def settle(pilot, rounds: int = 6) -> None:
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_session_bar_packages_and_the_sessions_screen(repo_path: Path) -> None:
    from proposals.negotiation.agreements import make_ta
    from proposals.negotiation.packages import record_package
    from proposals.negotiation.sessions import add_note, start_session
    from proposals_tui.screens.sessions import SessionsScreen
    from proposals_tui.widgets.session_bar import SessionBar

    repo = BargainingRepo.open(repo_path)
    start_session(
        repo, "2025-04-07", place="Union hall [b]x[/b]", union="A. Rivera", employer="M. Chen", start="09:30"
    )
    add_note(repo, "Employer caucused 10:40-11:15")
    texts = {i: repo.text_at(i, "union").replace("shall", "must", 1) for i in ("scheduling", "staffing")}
    record_package(repo, "union", list(texts), title="Staffing + time", texts=texts)
    make_ta(repo, "safety", union_sign="A. Rivera", employer_sign="M. Chen", contingent_on="P-1")
    app = ProposalsApp(repo_path, today=date(2025, 4, 7))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(SessionBar)
        assert bar.display
        text = str(bar.render())
        assert "Session 2025-04-07" in text and "Union hall [b]x[/b]" in text and "Us: A. Rivera" in text
        board = app.screen
        cells = {r.id: board._cells(r, app.them)[2].plain for r in board.shown}
        assert cells["staffing"].endswith("P-1") and cells["safety"].endswith("(c)")
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, SessionsScreen)
        log = str(app.screen.query_one("#session-log").render())
        assert "Pass U-4" in log and "Employer caucused" in log and "contingent on P-1" in log
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


sync_async_tests(globals())
