"""The sessions screen: every day at the table, and the log of the one highlighted.

Everything comes from the core (``negotiation.sessions``) in the repo lane: the days derived from
the history plus the team's session records. Notes are the team's own and shown here only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.sessions import day_lines, session_days

from ..keys import key
from ..literal import literal, shown
from ..widgets.keys_footer import KeysFooter


@dataclass
class SessionsView:
    rows: list[tuple[str, str, int, int, str]] = field(default_factory=list)  # date, place, passes, TAs, due
    logs: dict[str, list[str]] = field(default_factory=dict)
    current: str = ""  # the open session, if any


def load_sessions(repo: BargainingRepo, today: str) -> SessionsView:
    """Runs in the repo lane: the days, and each day's log as `session show` prints it."""
    view = SessionsView()
    for day in session_days(repo):
        asked = day.record.requests if day.record else []
        overdue = sum(1 for r in asked if r.state(today) == "overdue")
        requests = f"{len(asked)}" + (f" ({overdue} overdue)" if overdue else "") if asked else ""
        place = day.record.place if day.record else ""
        view.rows.append((day.date, place, len(day.passes), len(day.tas), requests))
        view.logs[day.date] = day_lines(repo, day, today)
        if day.record is not None and not day.record.closed:
            view.current = day.date
    return view


class SessionsScreen(Screen):
    """`g` from the board. The highlighted session's log shows below the list."""

    @dataclass
    class Loaded(Message):
        """Every session and its log, read in the repo lane."""

        data: SessionsView

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("r", "reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data = SessionsView()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Sessions…", id="sessions-head")
        yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="session-log-scroll"):
            yield Static("", id="session-log")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#sessions-table", DataTable)
        table.add_column("Date", key="date", width=10)
        table.add_column("Place", key="place", width=24)
        table.add_column("Passes", key="passes", width=6)
        table.add_column("TAs", key="tas", width=4)
        table.add_column("Requests", key="requests", width=14)
        table.focus()
        self.reload()

    def reload(self) -> None:
        today = self.app.today.isoformat() if isinstance(self.app.today, date) else date.today().isoformat()
        self.app.run_repo(lambda repo: self.Loaded(load_sessions(repo, today)), self, "Sessions")

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = self.data = message.data
        now = f" · session {data.current} is open" if data.current else ""
        self.query_one("#sessions-head", Static).update(
            literal(f"{len(data.rows)} sessions{now} · notes are the team's own", one_line=True)
        )
        table = self.query_one("#sessions-table", DataTable)
        table.clear()
        for day, place, passes, tas, requests in data.rows:
            style = "bold" if day == data.current else ""
            table.add_row(
                Text(day, style=style),
                Text(shown(place, one_line=True)),
                Text(str(passes), justify="right"),
                Text(str(tas), justify="right"),
                Text(shown(requests, one_line=True)),
                key=day,
            )
        if data.rows:
            table.move_cursor(row=len(data.rows) - 1)
            self._show(data.rows[-1][0])
        else:
            self.query_one("#session-log", Static).update("No sessions yet: proposals session open DATE")

    def _show(self, day: str) -> None:
        self.query_one("#session-log", Static).update(literal("\n".join(self.data.logs.get(day, []))))

    @on(DataTable.RowHighlighted, "#sessions-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key is not None and event.row_key.value is not None:
            self._show(str(event.row_key.value))
