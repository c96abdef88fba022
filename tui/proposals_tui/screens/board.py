"""The status board: every article, its status in colour and in words, whose move, last pass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import (
    STATUS_WORDS,
    StatusRow,
    counts_line,
    number_header,
    number_key,
)

from ..board_data import BoardData, load_board
from ..keys import command, key, palette
from ..literal import literal, shown
from ..styles import BOLD, MARKS, STATUS, Themed, party
from ..widgets.board_table import BoardTable
from ..widgets.keys_footer import KeysFooter
from ..widgets.session_bar import SessionBar
from .actions import ArticleActions
from .contract import ContractActions
from .sync import ConflictMarker, SyncActions  # team sync (tuisync)

if TYPE_CHECKING:
    from .article import ArticleData

STATUS_FILTERS = ("all", "open", "ta", "withdrawn", "unchanged")
SORTS = ("number", "title", "status", "last pass")
STATUS_ICON = {"open": "●", "ta": "✔", "withdrawn": "✖", "unchanged": "·"}


class BoardScreen(Themed, SyncActions, ContractActions, ArticleActions, Screen):
    """Home screen. Enter opens the highlighted article; keys act on it."""

    AUTO_FOCUS = "#board"  # the table, not the filter first and the table after (two restyles)
    BINDINGS: ClassVar[list[BindingType]] = [
        key("enter", "open", priority=False),
        key("e", "edit"),
        key("p", "record_pass"),
        key("i", "their_pass", show=False),
        key("t", "ta"),
        key("w", "withdraw", show=False),
        key("x", "export"),
        key("h", "history", show=False),
        key("N", "edit_notes", show=False),
        key("R", "restore_draft", show=False),
        key("slash", "focus_filter", key_display="/", show=False),  # the filter field says (/)
        key("f", "cycle_status", show=False),
        key("s", "cycle_sort", show=False),
        key("r", "reload", show=False),
        key("D", "export_status", show=False),
        key("c", "costing", show=False),
        key("g", "sessions", show=False),
        key("P", "packages", show=False),
        key("q", "quit"),
        key("S", "sync"),
        key("C", "conflicts", show=False),
        key("escape", "clear_filter", show=False),
        key("B", "import_baseline", show=False),
        key("K", "compile", show=False),
        key("O", "reopen", show=False),
    ]

    @dataclass
    class Loaded(Message):
        """The board's rows, read in the repo lane."""

        data: BoardData

    @dataclass
    class Prefetched(Message):
        """The highlighted article's texts, read ahead so opening it paints at once."""

        data: ArticleData

    @dataclass
    class ChartWritten(Message):
        """The status chart reached disk."""

        path: str

    status_filter: reactive[str] = reactive("all", bindings=True)
    sort: reactive[str] = reactive("number")
    loaded: reactive[bool] = reactive(False, bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self.data = BoardData([], set())
        self.shown: list[StatusRow] = []
        self._prefetch_timer: Timer | None = None
        self._prefetch_ready = False  # set once the first rows are painted
        self._last_current: str | None = None  # the cursor's article before a filter left no row
        self._filled_width = -1  # the screen's width when the rows were last laid out
        self._styles: dict[tuple[str, ...], Style] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="board-top"):
            yield Static("Loading…", id="counts")
            yield Input(placeholder="filter: title, number or id  (/)", id="filter")
        yield SessionBar(id="session-bar")
        yield Static("", id="board-mode")
        yield ConflictMarker(id="sync-marker")
        table = BoardTable(id="board", cursor_type="row", zebra_stripes=True)
        yield table
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # Labels as Text: a str label is parsed as markup, whose emoji pass imports rich's table
        # of every emoji code (6 ms of the cold start).
        table.add_column(Text("Art."), key="number", width=5)
        table.add_column(Text("Title"), key="title", width=24)
        table.add_column(Text("Status"), key="status", width=12)
        table.add_column(Text("Move"), key="move", width=9)
        table.add_column(Text("Last"), key="last", width=5)
        table.add_column(Text("Date"), key="date", width=10)
        table.add_column(Text("Econ"), key="econ", width=4)
        table.focus()
        self.reload()

    # -- data ----------------------------------------------------------------------------------

    def reload(self) -> None:
        started = self.loaded  # at start-up the sync check waits until the board is painted (_painted)
        preload, self.app.board_preload = self.app.board_preload, None
        if preload is not None and preload.ready():
            # Read while Textual started, and done by the time the board is mounted: the rows go
            # in before the first frame, which is then the board with its rows (no frame of an
            # empty table, no lane job and no message between).
            self._loaded(self.Loaded(preload.take()))
        elif preload is not None:  # still reading (or failed): the lane waits for it, reports an error
            self.app.run_repo(lambda repo: self.Loaded(preload.take()), self, "Status")
        else:
            self.app.run_repo(lambda repo: self.Loaded(load_board(repo)), self, "Status")
        if started:
            self.reload_sync()

    def action_reload(self) -> None:
        self.reload()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = self.data = message.data
        if data.view is not None and self.app.repo is not data.view:
            self.app.repo = data.view
            self.app.sub_title = shown(data.view.read_only, one_line=True)
        self.app.status_cache = data.rows
        self.app.board = data
        drafts = f" · {len(data.drafts)} unsent ✎" if data.drafts else ""
        if data.saved:
            drafts += f" · {len(data.saved)} saved draft{'s' if len(data.saved) > 1 else ''} ↺ (R restores)"
        self.query_one("#counts", Static).update(literal(counts_line(data.rows) + drafts))
        table = self.query_one(DataTable)
        table.columns["number"].label = Text(number_header(data.rows))  # "Cl." in a clause contract
        self.query_one(SessionBar).show_session(data.session, self.app.us, self.app.them)
        first = not self.loaded
        self.loaded = True
        self.refill()
        if self.app.first_paint is not None:  # the benchmark's hook: the board with its rows
            self.call_after_refresh(self.app.first_paint)
        if first:  # what the board needs after its rows are painted, not before
            self.call_after_refresh(self._painted)

    def _painted(self) -> None:
        """The board's first rows are on screen: now the sync state, who records, and from now on
        a highlight warms its article (before, these ran ahead of the first paint). Nothing is
        started when the app is already closing: its answer would reach no screen, and closing
        waits for every job the lane has begun."""
        self.app.startup_done()
        if self.app.exiting:
            return
        self.reload_sync()
        self.app.board_shown()
        self._prefetch_ready = True
        if self.current_id() is not None:
            self._highlighted()

    def _matches(self, row: StatusRow, needle: str) -> bool:
        if self.status_filter != "all" and row.status != self.status_filter:
            return False
        if not needle:
            return True
        hay = f"{row.number} {row.title} {row.id}".lower()
        return all(word in hay for word in needle.lower().split())

    def _sort_key(self, row: StatusRow):
        if self.sort == "title":
            return row.title.lower()
        if self.sort == "status":
            return (("open", "ta", "withdrawn", "unchanged").index(row.status), number_key(row.number))
        if self.sort == "last pass":
            session = row.last_pass.session if row.last_pass else ""
            return (session == "", tuple(-ord(c) for c in session))
        order = self.data.orders.get(row.id)
        return row.order if order is None else order

    def refill(self) -> None:
        """Rebuild the visible rows from the loaded data: filter, then sort; keep the cursor."""
        table = self.query_one(BoardTable)
        current = self.current_id() or self._last_current
        needle = self.query_one("#filter", Input).value.strip()
        self.shown = sorted((r for r in self.data.rows if self._matches(r, needle)), key=self._sort_key)
        self._fit_title(table)
        self._filled_width = self.size.width
        self._styles.clear()  # the theme's styles, read again once per fill (restyle refills)
        table.clear()
        them = self.app.them
        table.add_keyed_rows((row.id, self._cells(row, them)) for row in self.shown)
        if current is not None:
            for index, row in enumerate(self.shown):
                if row.id == current:
                    table.move_cursor(row=index)
        # A filter that shows nothing has no cursor: the article stays chosen for when it clears.
        self._last_current = self.current_id() or current
        mode = f"showing {len(self.shown)} · status: {self.status_filter} (f) · sort: {self.sort} (s)"
        self.query_one("#board-mode", Static).update(mode)
        self.refresh_bindings()

    def _fit_title(self, table: DataTable) -> None:
        """The title column takes what the fixed columns leave, so 80 columns show every field."""
        fixed = 5 + 12 + 9 + 5 + 10 + 4 + 2 * 7 + 2  # widths plus cell padding and scrollbar
        longest = max((len(shown(r.shown_title, one_line=True)) + 2 for r in self.data.rows), default=10)
        width = max(12, min(longest, (self.size.width or 80) - fixed))
        column = table.columns.get("title")  # type: ignore[call-overload]
        if column is not None and column.width != width:
            column.width = width
            table.refresh()

    def on_resize(self) -> None:
        if self.data.rows and self.size.width != self._filled_width:
            self.refill()  # the title column takes the new width; the same width leaves all as is

    def restyle(self) -> None:
        """The theme changed: the cells again, in its colours."""
        if self.data.rows:
            self.refill()

    def _label(self, row: StatusRow) -> str:
        label = self.data.labels.get(row.id)  # worked out in the lane (`load_board`)
        return row.label if label is None else label

    def _themed(self, *names: str) -> Style:
        """`themed`, looked up once per fill: a fill asks for the same few styles 300 times."""
        style = self._styles.get(names)
        if style is None:
            style = self._styles[names] = self.themed(*names)
        return style

    def _cells(self, row: StatusRow, them: str) -> list:
        status = Text(
            f"{STATUS_ICON[row.status]} {STATUS_WORDS[row.status]}", style=self._themed(STATUS[row.status])
        )
        if row.status == "unchanged" and row.id in self.data.new:
            status = Text("✚ New draft", style=self._themed(STATUS["new"]))  # never proposed: not "Unchanged"
        if row.status == "open" and row.ta is not None:
            status.append(" §", style=self._themed(MARKS["ok"]))
        if row.package:
            status.append(f" {row.package}", style=self._themed(MARKS["package"]))
        if row.contingent:
            status.append(" (c)", style=self._themed(MARKS["warning"]))
        title = Text(shown(row.shown_title, one_line=True))
        if row.id in self.data.drafts:
            title.append(" ✎", style="bold")
        if row.id in self.data.saved:
            title.append(" ↺", style="bold")
        if row.move:
            move = Text(
                ("Us" if row.move == self.app.us else "Them"), style=self._themed(party(row.move)) + BOLD
            )
        else:
            move = Text("")
        # Last and Date always describe one event: the TA for a TA'd article, else the last pass
        # on it (the core's row: a withdrawal included), so a date never sits beside another event.
        last = row.last_pass
        if row.status == "ta" and row.ta:
            last_cell, when = Text("TA", style=self._themed(STATUS["ta"])), row.ta.date
        elif last is not None:
            last_cell = Text(shown(last.name, one_line=True), style=self._themed(party(last.party)))
            when = last.session
        else:
            last_cell, when = Text(""), ""
        return [
            Text(shown(self._label(row), one_line=True)),
            title,
            status,
            move,
            last_cell,
            Text(shown(when, one_line=True)),
            Text("yes" if row.economic else ""),
        ]

    # -- selection -----------------------------------------------------------------------------

    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row].id

    def current_row(self) -> StatusRow | None:
        current = self.current_id()
        return next((r for r in self.shown if r.id == current), None)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
        if self.app.prefetch and self._prefetch_ready:
            self._prefetch_timer = self.set_timer(0.25, self._prefetch)

    def _prefetch(self) -> None:
        """Warm the redline of the highlighted article while the user reads the board."""
        row = self.current_row()
        if row is None or row.status == "unchanged":
            return
        article_id = row.id
        from .article import load_article

        self.app.run_repo(lambda repo: self.Prefetched(load_article(repo, article_id)), self, "Prefetch")

    @on(Prefetched)
    def _prefetched(self, message: Prefetched) -> None:
        self._warm(message.data)

    @work(thread=True, group="prefetch", exclusive=True, exit_on_error=False)
    def _warm(self, data: ArticleData) -> None:
        from ..diffing import aligned

        old, new = data.texts.get("union"), data.texts.get("employer")
        if old is not None and new is not None:
            aligned(old, new)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    # -- actions -------------------------------------------------------------------------------

    def action_open(self) -> None:
        if (article_id := self.current_id()) is not None:
            self.app.open_article(article_id)

    def action_edit(self) -> None:
        if (article_id := self.current_id()) is not None:
            self.app.open_editor(article_id)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one(DataTable).focus()

    def action_cycle_status(self) -> None:
        self.status_filter = STATUS_FILTERS[
            (STATUS_FILTERS.index(self.status_filter) + 1) % len(STATUS_FILTERS)
        ]
        self.refill()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refill()

    def action_packages(self) -> None:
        from .packages import PackagesScreen

        self.app.push_screen(PackagesScreen())

    def action_sessions(self) -> None:
        from .sessions import SessionsScreen

        self.app.push_screen(SessionsScreen())

    def action_export_status(self) -> None:
        """The status chart as .docx, for the members' update (in the exports folder)."""
        name = self.app.export_path(f"status-{self.app.today.isoformat()}.docx")

        as_of = self.app.today.isoformat()

        def job(repo: BargainingRepo) -> BoardScreen.ChartWritten:
            from proposals.negotiation.documents import export_status_chart

            out = (repo.root / name).resolve()
            out.parent.mkdir(parents=True, exist_ok=True)
            return self.ChartWritten(str(export_status_chart(repo, out, as_of=as_of).path))

        self.app.run_repo(job, self, "Status chart")

    @on(ChartWritten)
    def _chart_written(self, message: ChartWritten) -> None:
        self.app.notify(f"Wrote {message.path}", title="Status chart")

    async def action_quit(self) -> None:
        await self.app.run_action("quit")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "edit") and not self.loaded:
            return False
        if action in ("open", "edit"):
            return self.current_id() is not None and super().check_action(action, parameters)
        return super().check_action(action, parameters)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return [
            *palette("open", "edit"),
            *self.article_palette_commands(),
            command("cycle_status", f"now: {self.status_filter}"),
            command("cycle_sort", f"now: {self.sort}"),
            *palette("reload", "export_status", "sessions", "packages"),
            *self.contract_palette_commands(),
            *self.sync_palette_commands(),
        ]
