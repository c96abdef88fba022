"""The TUI's cold start to the board (issue 17): what runs before the first paint is only what the
board with its rows needs; the rest (sync state, who records, warming an article) comes after."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from textual.widgets.data_table import DuplicateKey
from tui_fixtures import settle, sync_async_tests, tui_app

from proposals_tui.app import ProposalsApp
from proposals_tui.board_data import load_board
from proposals_tui.screens.board import BoardScreen


def _jobs(app: ProposalsApp) -> list[str]:
    """The description of every job the app puts in its repo lane, in order."""
    asked: list[str] = []
    real = app.run_repo

    def noting(job, to=None, description=""):
        asked.append(description)
        return real(job, to, description)

    app.run_repo = noting  # type: ignore[method-assign]
    return asked


async def test_the_board_is_read_first_and_the_rest_after_it_is_painted(
    repo_path: Path, nobody: None
) -> None:
    app = tui_app(repo_path)
    asked = _jobs(app)
    painted: list[list[str]] = []
    app.first_paint = lambda: painted.append(list(asked))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Only the board's rows before its first paint: a lane job when the start-up's read was
        # not done by the time the board was mounted, none when it was.
        assert painted in ([["Status"]], [[]]), painted
        assert "Member" in asked and "Sync state" in asked, asked  # then who records, the sync state


async def test_an_app_closed_at_its_first_paint_starts_no_more_work(repo_path: Path) -> None:
    """The benchmark's cold start exits at the first paint: closing waits for every job the lane
    has begun, so none is begun once the app is closing."""
    app = tui_app(repo_path)
    asked = _jobs(app)
    app.first_paint = lambda: app.exit(0)
    await app.run_async(headless=True, size=(100, 30))
    assert asked in (["Status"], []), asked


async def test_rows_read_before_the_board_is_mounted_are_in_its_first_frame(repo_path: Path) -> None:
    """The start-up's read is done when the board is mounted: its rows go in before the first
    frame (no frame of an empty table, no lane job)."""
    from proposals.negotiation.repo import BargainingRepo
    from proposals_tui.widgets.board_table import BoardTable

    rows = [row.id for row in load_board(BargainingRepo.open(repo_path)).rows]
    app = tui_app(repo_path)
    assert app.board_preload is not None
    app.board_preload.take()  # the read is done before Textual starts
    asked = _jobs(app)
    frames: list[tuple[list[str], list[str]]] = []

    def painted() -> None:
        table = app.screen.query_one(BoardTable)
        shown = [str(table.coordinate_to_cell_key((n, 0)).row_key.value) for n in range(table.row_count)]
        frames.append((list(asked), shown))

    app.first_paint = painted
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert frames == [([], rows)], frames


async def test_a_fill_that_leaves_the_keys_as_they_were_makes_no_new_footer(repo_path: Path) -> None:
    """Each fill of the board refreshes its bindings; the footer makes its keys again only when
    they change (a filter that shows no row takes away open and edit)."""
    from textual.widgets import Input

    from proposals_tui.widgets.keys_footer import KeysFooter

    app = tui_app(repo_path, prefetch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        footer = board.query_one(KeysFooter)
        assert "edit" in [key.action for key in footer.query("FooterKey")]
        composed: list[int] = []
        real = footer.compose
        footer.compose = lambda: (composed.append(1), real())[1]  # type: ignore[method-assign]
        for _ in range(3):
            board.refill()
            await settle(pilot)
        assert composed == []
        board.query_one("#filter", Input).value = "no such article"
        await settle(pilot)
        assert composed == [1]
        assert "edit" not in [key.action for key in footer.query("FooterKey")]


async def test_garbage_collection_waits_for_the_first_paint(repo_path: Path) -> None:
    """The start makes objects that live as long as the app: the collector waits for the board."""
    gc.enable()
    app = tui_app(repo_path)
    seen: list[bool] = []
    app.first_paint = lambda: seen.append(gc.isenabled())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert seen == [False] and gc.isenabled()  # off until the first paint, on again after it
    assert gc.isenabled()


def test_the_board_labels_and_orders_come_with_its_rows(repo_path: Path) -> None:
    """Each row's label and contract order are worked out in the repo lane, not on the event
    loop at every fill."""
    from proposals.negotiation.repo import BargainingRepo

    data = load_board(BargainingRepo.open(repo_path))
    assert data.rows
    assert data.labels == {row.id: row.label for row in data.rows}
    ranked = sorted(data.rows, key=lambda row: data.orders[row.id])
    assert [row.id for row in ranked] == [row.id for row in sorted(data.rows, key=lambda row: row.order)]


def test_a_board_without_drafts_asks_git_for_no_file_list(repo_path: Path, monkeypatch) -> None:
    """With no draft there is no new article to find: the tip's file list is not read."""
    from proposals.negotiation.repo import BargainingRepo

    repo = BargainingRepo.open(repo_path)
    asked: list[str] = []
    real = repo.store.list_files
    monkeypatch.setattr(repo.store, "list_files", lambda *a, **k: asked.append("ls-tree") or real(*a, **k))
    assert not repo.draft_ids()
    assert load_board(repo).new == set() and asked == []


def test_each_parts_last_pass_by_party_is_read_from_its_own_events(repo_path: Path) -> None:
    """The board's last pass of each party on each part (the export dialog's choices) is what a
    walk over every pass in order finds, read from the end of each part's events instead."""
    from proposals.negotiation.repo import BargainingRepo

    history = BargainingRepo.open(repo_path).history()
    walked: dict[str, dict[str, str]] = {}
    for record in history.passes:
        for article_id in record.articles:
            walked.setdefault(article_id, {})[record.party] = record.name
    assert any(len(parties) == 2 for parties in walked.values())  # both sides on some part
    assert any(record.withdrawn for record in history.passes)  # a withdrawal is not a last pass
    assert load_board(BargainingRepo.open(repo_path)).last_by_party == walked


async def test_the_board_table_adds_its_rows_as_add_row_does(repo_path: Path) -> None:
    """`add_keyed_rows` fills the table in one go: the same rows, cells, cursor and highlight as
    `add_row` for each."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from proposals_tui.widgets.board_table import BoardTable

    highlighted: dict[str, list[int]] = {"one": [], "each": []}

    class Two(App[None]):
        def compose(self) -> ComposeResult:
            yield BoardTable(id="one", cursor_type="row")
            yield BoardTable(id="each", cursor_type="row")

        def on_data_table_row_highlighted(self, message: DataTable.RowHighlighted) -> None:
            highlighted[message.data_table.id or ""].append(message.cursor_row)

    rows = [(f"art-{n}", [Text(f"{n}"), Text(f"Title {n}")]) for n in range(40)]
    app = Two()
    async with app.run_test(size=(60, 20)) as pilot:
        one, each = app.query_one("#one", BoardTable), app.query_one("#each", BoardTable)
        for table in (one, each):
            table.add_column("No.", key="number", width=4)
            table.add_column("Title", key="title", width=12)
            table.add_column("Status", key="status", width=8)  # a column the rows leave empty
        one.add_keyed_rows(rows)
        for row_id, cells in rows:
            each.add_row(*cells, key=row_id)
        await pilot.pause()
        assert [k.value for k in one.rows] == [k.value for k in each.rows]
        for n in (0, 17, 39):
            assert one.get_row_at(n) == each.get_row_at(n)
        assert one.cursor_coordinate == each.cursor_coordinate
        assert one.virtual_size == each.virtual_size
        assert highlighted["one"] == highlighted["each"] == [0]
        one.add_keyed_rows([])  # nothing to add: nothing changes
        with pytest.raises(DuplicateKey):
            one.add_keyed_rows([("art-3", [Text("3")])])


async def test_a_resize_to_the_same_width_does_not_fill_the_board_again(repo_path: Path) -> None:
    app = tui_app(repo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        fills: list[int] = []
        real = board.refill
        board.refill = lambda: (fills.append(1), real())[1]  # type: ignore[method-assign]
        await pilot.resize_terminal(100, 40)
        await settle(pilot)
        assert fills == []
        await pilot.resize_terminal(90, 40)
        await settle(pilot)
        assert fills == [1]


def test_the_board_reads_its_drafts_beside_its_rows_as_on_their_own(repo_path: Path) -> None:
    """The unsent drafts and the saved drafts to restore are read in a thread beside the rows:
    the same sets as read on their own, and git's refusal is the board's error."""
    from proposals.errors import ProposalsError
    from proposals.negotiation.drafts import restorable_drafts
    from proposals.negotiation.passes import record_pass
    from proposals.negotiation.repo import BargainingRepo

    repo = BargainingRepo.open(repo_path)
    repo.write_draft("wages", "ARTICLE 20: WAGES\n20.1 Our unsent draft.\n")
    theirs = {"wages": "ARTICLE 20: WAGES\n20.1 A general increase of 2%.\n"}
    record_pass(repo, "employer", ["wages"], session="2025-04-07", texts=theirs)
    repo.write_draft("safety", (repo.read_draft("safety") or "") + "\nOne more line.\n")
    data = load_board(BargainingRepo.open(repo_path))
    alone = BargainingRepo.open(repo_path)
    assert data.saved == set(restorable_drafts(alone)) == {"wages"}
    assert data.drafts == alone.draft_ids() and "safety" in data.drafts
    (repo_path / ".git" / "index").write_bytes(b"not an index")
    with pytest.raises(ProposalsError):
        load_board(BargainingRepo.open(repo_path))



def test_the_board_from_the_status_cache_is_the_board_from_the_history(repo_path: Path) -> None:
    """A start reads the board's history-derived facts from ``status.cache`` at HEAD, without the
    history: the same board as one read from the history, after a new pass, an amend, a reset,
    and with the file corrupt (then read from the history and written again)."""
    import subprocess

    from proposals.negotiation.repo import BargainingRepo
    from proposals.negotiation.status_cache import CACHE_NAME

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo_path, check=True, capture_output=True)

    cache = BargainingRepo.open(repo_path).git_dir / "proposals" / CACHE_NAME
    steps = [
        [],
        ["commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-m",
         "pass\n\nProposal-Party: union\nPass: U-90\nSession: 2025-03-10\nArticles: staffing\n"],
        ["commit", "--quiet", "--amend", "--allow-empty", "--cleanup=verbatim", "-m",
         "pass\n\nProposal-Party: employer\nPass: E-90\nSession: 2025-03-11\nWithdrawn: staffing\n"],
        ["reset", "--quiet", "--hard", "HEAD~2"],
    ]
    for step in steps:
        if step:
            git(*step)
        cache.unlink(missing_ok=True)
        from_history = load_board(BargainingRepo.open(repo_path))
        assert cache.is_file()
        repo = BargainingRepo.open(repo_path)
        assert load_board(repo) == from_history
        assert repo._history is None  # read from the file alone
        data = bytearray(cache.read_bytes())
        data[len(data) // 2] ^= 0x55
        cache.write_bytes(bytes(data))
        repo = BargainingRepo.open(repo_path)
        assert load_board(repo) == from_history
        assert repo._history is not None  # the corrupt file was not used


async def test_before_the_first_paint_no_widget_is_styled_again_for_nothing(repo_path: Path) -> None:
    """Every widget is styled when it is mounted and once more when the board is first shown.
    Styling again before the first paint was waste: the app for its theme class (no widget of
    the TUI was mounted yet), the table for its focus (given just before the board is shown),
    and each footer key twice for its `compact` (set compact, then the footer's). Nor is the
    table styled for its blur when the app closes."""
    app = tui_app(repo_path)
    restyled: list[str] = []
    painted: list[list[str]] = []
    real = app.update_styles

    def noting(node, animate: bool = True) -> None:
        restyled.append(type(node).__name__)
        real(node, animate=animate)

    app.update_styles = noting  # type: ignore[method-assign]
    app.first_paint = lambda: painted.append(list(restyled))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer_keys = [key for key in app.screen.query("FooterKey") if not key.has_class("-command-palette")]
        assert footer_keys and not any(key.has_class("-compact") for key in footer_keys)
        assert app.screen.query_one("FooterKey.-command-palette").has_class("-compact")  # Textual's own
        settled = len(restyled)
        app.exit(0)  # as `q` does
    assert "BoardTable" not in restyled[settled:]  # nor for the blur of the closing app
    assert painted, "no first paint"
    before = painted[0]
    assert {"ProposalsApp", "BoardTable", "FooterKey"}.isdisjoint(before), before
    assert "BoardScreen" in before  # shown once: every widget on it styled with its focus


async def test_the_boards_cells_are_drawn_as_datatable_draws_them(repo_path: Path) -> None:
    """`BoardTable` draws a one-line cell that fits its column itself, not through Rich's
    Padding and wrapping: the same segments (text, colours, the table's cursor, hover, zebra
    stripes and each cell's row and column), and anything else takes DataTable's own path."""
    from rich.style import Style
    from rich.text import Text
    from textual.widgets import DataTable

    from proposals_tui.widgets.board_table import BoardTable

    app = tui_app(repo_path, prefetch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(BoardTable)
        base = table.rich_style
        drawn_by_rich: list[int] = []
        console = app.console
        real_render_lines = console.render_lines

        def render_lines(*args, **kwargs):
            drawn_by_rich.append(1)
            return real_render_lines(*args, **kwargs)

        def both(row: int, column: int, style: Style, width: int, cursor: bool, hover: bool) -> None:
            table._cell_render_cache.clear()
            console.render_lines = render_lines  # type: ignore[method-assign]
            try:
                ours = table._render_cell(row, column, style, width, cursor, hover)
            finally:
                console.render_lines = real_render_lines  # type: ignore[method-assign]
            table._cell_render_cache.clear()
            assert ours == DataTable._render_cell(table, row, column, style, width, cursor, hover), (
                row,
                column,
                table.get_cell_at((row, column)),
                width,
            )

        for row in range(table.row_count):
            for column, each in enumerate(table.ordered_columns):
                for cursor, hover in ((False, False), (True, False), (False, True), (True, True)):
                    style = table._get_row_style(row, base)
                    both(row, column, style, each.get_render_width(table), cursor, hover)
        assert drawn_by_rich == []  # every cell of this board fits its column
        odd = [
            Text(""),
            Text("", style="bold"),  # Rich keeps an empty run for a styled empty text
            Text("trailing   "),
            Text("漢字 wide ✎ ↺", style="red"),
            Text.assemble(("x", "bold"), " ", ("y", Style(color="red", strike=True))),
            Text("x" * 60),  # cropped
            Text("tab\there"),
            Text("two\nlines"),
            Text("[b]not markup[/b]"),
            "a plain string",
        ]
        for cell in odd:
            table.update_cell_at((1, 1), cell)
            for width in (table.ordered_columns[1].get_render_width(table), 8, 2):
                for cursor in (False, True):
                    both(1, 1, base, width, cursor, False)
        assert drawn_by_rich, "cells that need Rich's wrapping take DataTable's path"


def test_importing_the_app_walks_no_garbage_and_leaves_the_collector_on() -> None:
    """Importing Textual and the core made objects the collector walked about 90 times during the
    import (40-60 ms of the cold start): it waits until the app module is imported, and what the
    import made is frozen, never walked again. It is on after the import, as it was before."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    code = (
        "import gc\n"
        "runs = []\n"
        "gc.callbacks.append(lambda phase, info: runs.append(phase) if phase == 'start' else None)\n"
        "import proposals_tui.app\n"
        "print(len(runs), gc.isenabled(), gc.get_freeze_count() > 10000)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{root / 'src'}:{root / 'tui'}"}
    # Once to write the bytecode, as an installed copy has it: compiling `app` itself (before any
    # of its lines runs) would make garbage of its own.
    subprocess.run([sys.executable, "-c", "import proposals_tui.app"], env=env, check=True)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "True", "True"], out.stdout + out.stderr

async def test_the_board_waits_for_a_late_start_up_read_and_never_paints_an_empty_table(
    repo_path: Path, monkeypatch
) -> None:
    """A start-up read still going when the app is ready (as it usually is) showed a frame of the
    empty table, then the rows: now the board is shown once the rows are read, with them."""
    import time

    import proposals_tui.board_data as board_data
    from proposals_tui.widgets.board_table import BoardTable

    real_load = board_data.load_board

    def slow_load(repo):
        time.sleep(0.3)  # git on a busy machine
        return real_load(repo)

    monkeypatch.setattr(board_data, "load_board", slow_load)
    painted_rows: list[int] = []
    real_render_line = BoardTable.render_line

    def render_line(self, y: int):
        painted_rows.append(self.row_count)
        return real_render_line(self, y)

    monkeypatch.setattr(BoardTable, "render_line", render_line)
    app = tui_app(repo_path)
    assert app.board_preload is not None and not app.board_preload.ready()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.screen.shown
    assert painted_rows and 0 not in painted_rows, painted_rows[:5]


sync_async_tests(globals())
