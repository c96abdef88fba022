"""The session bar, package and contingent marks on the board, and the sessions screen (Pilot)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tui_fixtures import build_negotiation, settle, sync_async_tests

from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp
from proposals_tui.screens.board import BoardScreen


@pytest.fixture
def repo_path(tmp_path: Path) -> Path:
    return build_negotiation(tmp_path / "negotiation")


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


async def test_packages_proposed_rejected_and_accepted_from_the_pass_dialog(repo_path: Path) -> None:
    """The pass dialog's Package title passes the checked parts as one package; its open-package
    list accepts (a TA on every part, one record) or rejects one as a whole: the core's records."""
    from textual.widgets import Button, Input

    from proposals.negotiation.packages import find_package, record_package
    from proposals_tui.modals.confirm import ConfirmModal
    from proposals_tui.modals.pass_modal import PassModal
    from proposals_tui.widgets.checklist import Checklist

    repo = BargainingRepo.open(repo_path)
    for part in ("scheduling", "staffing"):
        path = repo.article_path(part)
        path.write_text(repo.text_at(part, "employer").replace("shall", "must", 1))
    app = ProposalsApp(repo_path, today=date(2025, 4, 7))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PassModal)
        assert set(modal.query_one("#articles", Checklist).selected) == {"scheduling", "staffing"}
        modal.query_one("#package", Input).value = "Floats [b]+[/b] hours"
        await pilot.press("ctrl+s")
        await settle(pilot)
        package = find_package(BargainingRepo.open(repo_path).history(), "P-1")
        assert (package.title, package.party, set(package.parts)) == (
            "Floats [b]+[/b] hours",
            "union",
            {"scheduling", "staffing"},
        )
        # The employer rejects it, from the same dialog.
        await pilot.press("p")
        await settle(pilot)
        line = str(app.screen.query_one(".package-line").render())
        assert "P-1 Floats [b]+[/b] hours (Clinicians United)" in line  # shown as text, never markup
        app.screen.query_one("#reject-0", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        history = BargainingRepo.open(repo_path).history()
        assert find_package(history, "P-1").state == "rejected"

    # Their counter-package P-2, accepted from the dialog: one record TAs both parts.
    repo = BargainingRepo.open(repo_path)
    texts = {i: repo.text_at(i, "union").replace("must", "shall", 1) for i in ("scheduling", "staffing")}
    record_package(repo, "employer", list(texts), title="Counter", texts=texts, session="2025-04-07")
    app = ProposalsApp(repo_path, today=date(2025, 4, 7))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one("#pkg-union-sign", Input).value = "A. Rivera"
        app.screen.query_one("#pkg-employer-sign", Input).value = ""  # offered from the last TA
        app.screen.query_one("#accept-0", Button).press()
        await settle(pilot)
        assert "Both signatories" in str(app.screen.query_one("#pass-error").render())
        app.screen.query_one("#pkg-employer-sign", Input).value = "M. Chen"
        app.screen.query_one("#accept-0", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        history = BargainingRepo.open(repo_path).history()
        assert find_package(history, "P-2").state == "accepted"
        tas = [t for t in history.tas if t.tag == "ta-P-2"]
        assert {t.article for t in tas} == {"scheduling", "staffing"} and len({t.commit for t in tas}) == 1
        board = app.screen
        assert isinstance(board, BoardScreen)
        cells = {r.id: board._cells(r, app.them)[2].plain for r in board.shown}
        assert "TA'd" in cells["staffing"] and "P-" not in cells["staffing"]


async def test_the_sessions_screen_shows_the_current_rounds_sessions_only(repo_path: Path) -> None:
    """Requests belong to the round they were made in (issue 17): after the round is closed and
    the next opened, `g` lists the new round's sessions, never round 2025's overdue request."""
    from proposals.negotiation.rounds import close_round, open_round
    from proposals.negotiation.sessions import close_session, request_information, start_session
    from proposals_tui.screens.sessions import SessionsScreen

    repo = BargainingRepo.open(repo_path)
    start_session(repo, "2025-03-01")
    request_information(repo, "Staffing levels by clinic", due="2025-03-03")  # overdue on 2025-04-07
    close_session(repo)
    close_round(repo, "2025-04-01", force=True, name="2025")
    open_round(repo, "2026", "2029-06-30")
    start_session(repo, "2026-01-10", place="Clinic B")
    request_information(repo, "Overtime hours", due="2026-01-20")
    app = ProposalsApp(repo_path, today=date(2026, 1, 12))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SessionsScreen)
        assert screen.data.rows == [("2026-01-10", "Clinic B", 0, 0, "1")]
        assert "overdue" not in str(screen.query_one("#session-log").render())


sync_async_tests(globals())
