"""How the TUI is built (issue 19): typed messages from the repo lane, screens reached by role.

Results of repo work come back as dataclass messages nested in the screen that asked; a screen
closed meanwhile never receives its answer; the app finds screens by `Protocol`, not `getattr`.
"""

from __future__ import annotations

import re
from pathlib import Path

from tui_fixtures import settle, sync_async_tests, tui_app

import proposals_tui
from proposals_tui.app import ProposalsApp
from proposals_tui.roles import FollowsMarkers, HoldsUnsavedWork, OffersCommands, Reloads
from proposals_tui.screens.article import ArticleScreen
from proposals_tui.screens.board import BoardScreen
from proposals_tui.screens.costing import CostingScreen
from proposals_tui.screens.editor import EditorScreen
from proposals_tui.screens.history import HistoryRow, HistoryScreen
from proposals_tui.screens.sessions import SessionsScreen
from proposals_tui.screens.sync import ConflictScreen
from proposals_tui.workers import RepoLane

PACKAGE = Path(proposals_tui.__file__).parent


def test_screens_are_reached_by_role_not_getattr() -> None:
    for screen in (BoardScreen, ArticleScreen, EditorScreen, HistoryScreen, CostingScreen, ConflictScreen):
        assert issubclass(screen, Reloads) and issubclass(screen, OffersCommands), screen
    assert issubclass(SessionsScreen, Reloads)
    for screen in (ArticleScreen, EditorScreen, ConflictScreen):
        assert issubclass(screen, FollowsMarkers), screen
    hooks = re.compile(r"getattr\((screen|s|app|self|callback|e)\b")
    found = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in PACKAGE.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if hooks.search(line)
    ]
    assert found == []


def test_no_message_carries_a_callable() -> None:
    """Messages are data: no `callback` field (the old `RepoDone(result, callback)`)."""
    from dataclasses import fields, is_dataclass

    from textual.message import Message

    nested = [
        value
        for owner in (ProposalsApp, RepoLane, BoardScreen, ArticleScreen, EditorScreen, ConflictScreen)
        for value in vars(owner).values()
        if isinstance(value, type) and issubclass(value, Message)
    ]
    assert len(nested) >= 12
    for message in nested:
        assert is_dataclass(message), message
        assert not {f.name for f in fields(message)} & {"callback", "fn", "then"}, message


async def test_an_answer_for_a_closed_screen_is_dropped(repo_path: Path) -> None:
    app = tui_app(repo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        history = HistoryScreen("staffing")
        await app.push_screen(history)
        await settle(pilot)
        app.pop_screen()
        await settle(pilot)
        row = HistoryRow("U-9", "union", "pass", "2025-04-01", "+1 −0 words", True)
        app.run_repo(lambda repo: HistoryScreen.Loaded([row]), history, "History")
        await settle(pilot)
        assert history.rows != [row]  # the closed screen never painted it
        assert isinstance(app.screen, BoardScreen)
        assert not isinstance(app.screen, HoldsUnsavedWork)
        await app.push_screen(EditorScreen("staffing"))
        await settle(pilot)
        assert isinstance(app.screen, HoldsUnsavedWork) and app.unsaved_screens() == []


async def test_refusals_and_recordings_reach_the_app(repo_path: Path) -> None:
    """A refused job is a notification; a recording lands on the app even with no screen to ask."""
    from proposals.errors import ProposalsError

    app = tui_app(repo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        def refused(repo):
            raise ProposalsError("no such pass: U-99")

        app.run_repo(refused, app, "Compare")
        app.run_repo(lambda repo: ProposalsApp.Recorded("pass", "Pass recorded", "U-3: staffing"), app)
        await settle(pilot)
        shown = [(n.title, n.message) for n in app._notifications]
        assert ("Compare", "no such pass: U-99") in shown
        assert ("Pass recorded", "U-3: staffing") in shown


async def test_the_redline_line_cache_is_bounded(repo_path: Path) -> None:
    """Scrolling a long article keeps at most LINE_CACHE painted lines (toolong's LRU, not a dict)."""
    from proposals_tui.diffing import PLAIN, ViewRow
    from proposals_tui.widgets.redline_view import LINE_CACHE, RedlineView

    app = tui_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(RedlineView)
        text = "{}.1 Paragraph {} of a long article."
        rows = [ViewRow([(text.format(n, n), PLAIN)], [("same", PLAIN)]) for n in range(3000)]
        view.set_rows(rows, 2)
        await pilot.pause()
        height = view.scrollable_content_region.height
        for top in range(0, view.line_count(), height):
            view.scroll_to(y=top, animate=False, immediate=True)
            for y in range(height):
                view.render_line(y)
        assert view.line_count() > 2 * LINE_CACHE
        assert 0 < len(view._cache) <= LINE_CACHE


async def test_redline_marks_follow_the_theme(repo_path: Path) -> None:
    """ctrl+t repaints gutters and moved text from the light theme's component styles."""
    from proposals_tui.widgets.redline_view import RedlineView

    app = tui_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(RedlineView)
        dark = dict(view.roles())
        await pilot.press("ctrl+t")
        await settle(pilot)
        light = view.roles()
        for role in ("redline--move", "redline--gutter-move", "redline--gutter-delete", "⇄ "):
            assert light[role].color != dark[role].color, role
        assert light["redline--move"].italic and dark["redline--move"].italic


sync_async_tests(globals())
