"""An article's passes as a timeline (party, pass, session, size of change); pick two to compare."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from proposals.negotiation.history import PassRecord, TARecord
from proposals.negotiation.repo import BargainingRepo

from ..diffing import change_size
from ..keys import key, palette
from ..literal import literal, shown
from ..styles import BOLD, PARTY, Themed
from ..widgets.keys_footer import KeysFooter


@dataclass
class HistoryRow:
    rev: str  # what `text_at` understands: "baseline", a pass name, "draft"
    party: str  # union | employer | "" (baseline, TA, draft is ours)
    kind: str  # baseline | pass | withdrawal | ta | draft
    session: str
    summary: str
    comparable: bool


def load_timeline(repo: BargainingRepo, article_id: str, us: str) -> list[HistoryRow]:
    """Runs in the repo lane. Change size is counted in words against the previous text."""
    history = repo.history()
    rows: list[HistoryRow] = []
    previous = ""
    if history.baseline:
        text = repo.text_at_commit(article_id, history.baseline)
        if text is not None:
            rows.append(HistoryRow("baseline", "", "baseline", "", f"{len(text.split())} words", True))
            previous = text
    for event in history.events.get(article_id, []):
        if isinstance(event, TARecord):
            what = f"§ {event.section}" if event.section else "whole article"
            rows.append(
                HistoryRow(
                    event.tag or "ta",
                    "",
                    "ta",
                    event.date,
                    f"TA {what}: {event.union_sign} / {event.employer_sign}",
                    False,
                )
            )
        elif isinstance(event, PassRecord) and article_id in event.articles:
            text = repo.text_at_commit(article_id, event.commit) or ""
            added, removed = change_size(previous, text)
            rows.append(
                HistoryRow(event.name, event.party, "pass", event.session, f"+{added} −{removed} words", True)
            )
            previous = text
        elif isinstance(event, PassRecord):
            rows.append(HistoryRow(event.name, event.party, "withdrawal", event.session, "withdrawn", False))
    draft = repo.read_draft(article_id)
    if draft is not None and draft != repo.table_text(article_id):
        added, removed = change_size(previous, draft)
        rows.append(HistoryRow("draft", us, "draft", "", f"unsent: +{added} −{removed} words", True))
    return rows


class HistoryScreen(Themed, Screen[tuple[str, str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("space", "pick"),
        key("enter", "compare", priority=True),
    ]

    @dataclass
    class Loaded(Message):
        """The article's timeline, read in the repo lane."""

        rows: list[HistoryRow]

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.rows: list[HistoryRow] = []
        self.picked: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            literal(f"History of {self.article_id}: space picks two, enter compares them", one_line=True),
            id="history-head",
        )
        yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("", key="pick", width=1)
        table.add_column("Pass", key="rev", width=12)
        table.add_column("Party", key="party", width=18)
        table.add_column("Session", key="session", width=10)
        table.add_column("Change", key="summary", width=40)
        table.focus()
        self.reload()

    def reload(self) -> None:
        article_id, us = self.article_id, self.app.us
        self.app.run_repo(lambda repo: self.Loaded(load_timeline(repo, article_id, us)), self, "History")

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.rows = message.rows
        self.refill()

    def restyle(self) -> None:
        """The theme changed: the rows again, in its colours, the cursor where it was."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        self.refill()
        if self.rows:
            table.move_cursor(row=min(row, len(self.rows) - 1))

    def refill(self) -> None:
        rows = self.rows
        parties = self.app.repo.config.parties
        table = self.query_one(DataTable)
        table.clear()
        # pass and party names are kept whole ("ta-staffing-6.3", "Northstar Clinicians Union")
        names = [shown(parties[r.party].name, one_line=True) for r in rows if r.party]
        for column_key, width in (
            ("rev", max((len(r.rev) for r in rows), default=4)),
            ("party", max(map(len, names), default=5)),
        ):
            column = table.columns.get(column_key)  # type: ignore[call-overload]
            if column is not None:
                column.width = max(column.width, width)
        for row in rows:
            name = shown(parties[row.party].name, one_line=True) if row.party else ""
            # bold: without colour (NO_COLOR) the name itself tells the parties apart, never dim
            party = Text(name, style=self.themed(PARTY[row.party]) + BOLD if row.party else "")
            rev = Text(shown(row.rev, one_line=True), style="bold" if row.comparable else "dim")
            mark = "●" if row.rev in self.picked else ""
            session, summary = (Text(shown(v, one_line=True)) for v in (row.session, row.summary))
            table.add_row(mark, rev, party, session, summary, key=row.rev)
        comparable = [r for r in rows if r.comparable]
        if comparable:
            table.move_cursor(row=len(rows) - 1)

    def current(self) -> HistoryRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def action_pick(self) -> None:
        row = self.current()
        if row is None or not row.comparable:
            self.app.bell()
            return
        if row.rev in self.picked:
            self.picked.remove(row.rev)
        else:
            self.picked = [*self.picked[-1:], row.rev]
        table = self.query_one(DataTable)
        for r in self.rows:
            table.update_cell(r.rev, "pick", "●" if r.rev in self.picked else "")
        self.refresh_bindings()

    def _order(self, a: str, b: str) -> tuple[str, str]:
        index = {r.rev: i for i, r in enumerate(self.rows)}
        return (a, b) if index[a] <= index[b] else (b, a)

    def action_compare(self) -> None:
        row = self.current()
        if len(self.picked) == 2:
            self.dismiss(self._order(*self.picked))
        elif len(self.picked) == 1 and row is not None and row.comparable and row.rev != self.picked[0]:
            self.dismiss(self._order(self.picked[0], row.rev))
        elif row is not None and row.comparable:
            earlier = [r for r in self.rows[: self.rows.index(row)] if r.comparable]
            if earlier:
                self.dismiss((earlier[-1].rev, row.rev))
            else:
                self.notify("Pick two versions with space, then enter.")
        else:
            self.notify("Pick two versions with space, then enter.")

    def action_back(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return palette("pick", "compare")
