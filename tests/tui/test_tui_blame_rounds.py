"""The blame view across rounds (issue 17): in the current round `b` shows lines last written in
an earlier round and in this one, the core's answer; on an earlier round's board
(`proposals tui --round 2025`) it is that round's blame as it ended, never crediting a later round."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable
from tui_fixtures import settle, sync_async_tests, tui_app

from proposals.negotiation.blame import BlameLine, blame
from proposals.negotiation.passes import record_pass
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.rounds import close_round, open_round
from proposals_tui.screens.article import ArticleScreen
from proposals_tui.screens.blame import BlameScreen


def two_rounds(repo_path: Path) -> tuple[str, str]:
    """Round 2025 closed; in 2028 the union rewrites a line and the employer puts it back as it
    was: (the part, that line)."""
    repo = BargainingRepo.open(repo_path)
    close_round(repo, "2025-04-01", force=True, name="2025")
    open_round(repo, "2028", "2028-06-30")
    part = sorted(p.stem for p in (repo_path / "articles").glob("*.txt"))[0]
    text = repo.read_draft(part)
    assert text is not None
    line = max(text.splitlines(), key=len)
    revised = text.replace(line, line + " Revised.")
    record_pass(repo, "union", [part], session="2028-01-10", texts={part: revised})
    extra = text + "\nA clause new in 2028.\n"
    record_pass(repo, "employer", [part], session="2028-02-10", texts={part: extra})
    return part, line


async def blame_on_screen(app, pilot, part: str) -> list[BlameLine]:
    await settle(pilot)
    board = app.screen
    board.query_one(DataTable).move_cursor(row=[r.id for r in board.shown].index(part))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ArticleScreen)
    await pilot.press("b")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, BlameScreen)
    table = screen.query_one(DataTable)
    cells = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
    assert cells == [line.last.label if line.last else "" for line in screen.lines]
    return screen.lines


async def test_blame_view_across_two_rounds(repo_path: Path) -> None:
    part, line = two_rounds(repo_path)
    expected = blame(BargainingRepo.open(repo_path), part)
    labels = {x.last.label.partition("/")[0] for x in expected if x.last}
    assert labels == {"2025", "2028"}
    rewritten = next(x for x in expected if x.text == line)
    assert rewritten.last is not None and rewritten.last.label == "2028/E-1"  # put back in 2028
    app = tui_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await blame_on_screen(app, pilot, part) == expected


async def test_an_earlier_rounds_blame_is_that_round_as_it_ended(repo_path: Path) -> None:
    part, _ = two_rounds(repo_path)
    expected = blame(BargainingRepo.open(repo_path).round_view("2025"), part)
    assert expected and all(x.last is None or x.last.round == "2025" for x in expected)
    assert all(x.first is None or x.first.round == "2025" for x in expected)
    app = tui_app(repo_path, round_name="2025")
    async with app.run_test(size=(80, 24)) as pilot:
        lines = await blame_on_screen(app, pilot, part)
    assert lines == expected
    assert "A clause new in 2028." not in [x.text for x in lines]


sync_async_tests(globals())
