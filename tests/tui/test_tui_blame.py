"""The blame view (issue 17): `b` on an article lists each line's last and first origins, the
same answer as the core's `blame` (and `proposals blame`), keyboard-only at 80x24."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static
from tui_fixtures import settle, sync_async_tests, tui_app

from proposals.negotiation.blame import blame
from proposals.negotiation.repo import BargainingRepo
from proposals_tui.screens.article import ArticleScreen
from proposals_tui.screens.blame import BlameScreen
from proposals_tui.styles import party


async def _staffing_blame(app, pilot):
    """From the board: open staffing (its article screen), then its blame view; the screen shown."""
    await settle(pilot)
    board = app.screen
    board.query_one(DataTable).move_cursor(row=[r.id for r in board.shown].index("staffing"))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ArticleScreen)
    await pilot.press("b")
    await settle(pilot)
    return app.screen


async def test_blame_view_matches_the_core(repo_path: Path) -> None:
    expected = blame(BargainingRepo.open(repo_path), "staffing")
    app = tui_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _staffing_blame(app, pilot)
        assert isinstance(screen, BlameScreen)
        assert screen.lines == expected
        table = screen.query_one(DataTable)
        assert table.row_count == len(expected)
        labelled = [line for line in expected if line.last is not None]
        assert labelled, "the fixture's staffing article has recorded lines"
        cells = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert cells == [line.last.label if line.last else "" for line in expected]
        await pilot.press("down")
        await settle(pilot)
        status = str(screen.query_one("#blame-line", Static).render())
        second = expected[1]
        assert ("first proposed" in status) and (second.last is None or second.last.label in status)
        await pilot.press("enter")
        await settle(pilot)
        assert any(n.title == f"Line {second.number}" for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)


async def test_blame_view_names_the_party_in_words(repo_path: Path) -> None:
    """Each line says which party last wrote it in words, as `proposals blame` does, not only as
    a colour (lost with NO_COLOR) or on the detail line of the highlighted row; styled by the
    theme's party class."""
    expected = blame(BargainingRepo.open(repo_path), "staffing")
    app = tui_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _staffing_blame(app, pilot)
        assert isinstance(screen, BlameScreen)
        table = screen.query_one(DataTable)
        assert [str(c.label) for c in table.columns.values()][:3] == ["Ln", "Last", "Party"]
        cells = [table.get_row_at(i)[2] for i in range(table.row_count)]
        words = [(line.last.party or "-") if line.last else "" for line in expected]
        assert [c.plain for c in cells] == words
        assert {"union", "employer"} <= set(words)
        for cell in cells:
            if cell.plain in ("union", "employer"):
                assert cell.style == screen.themed(party(cell.plain))
        assert screen.query_one("#blame").columns["text"].width >= 16  # the text still has room at 80


sync_async_tests(globals())
