"""`b` on an article: each line of the part with the round and pass that last wrote it and the
one that first proposed it (`proposals.negotiation.blame`, the same answer as `proposals blame`).

Read-only and keyboard-only: arrows move, enter shows the whole line with both origins, escape
goes back. The party that last wrote a line is named in words ("union", "employer"; "-" for the
baseline) as well as coloured, as `proposals blame` prints it: a colour alone is lost with
NO_COLOR and to a reader who cannot tell the two apart. Fits 80x24: the text column takes what
the origin columns leave.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from proposals.negotiation.blame import BlameLine, Origin, blame

from ..keys import key, palette
from ..literal import literal, shown
from ..styles import Themed, party
from ..widgets.keys_footer import KeysFooter

FIXED = 4 + 13 + 8 + 10 + 13 + 2 * 6 + 2  # line, last, party, session, first; cell padding; scrollbar


class BlameScreen(Themed, Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("enter", "show_line", priority=True),
    ]

    @dataclass
    class Loaded(Message):
        """Every line of the part with its origins, read in the repo lane."""

        lines: list[BlameLine]

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.lines: list[BlameLine] = []

    def compose(self) -> ComposeResult:
        yield Header()
        head = literal(f"Blame of {self.article_id}: who last wrote each line", one_line=True)
        yield Static(head, id="blame-head")
        yield DataTable(id="blame", cursor_type="row", zebra_stripes=True)
        yield Static("", id="blame-line")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Ln", key="line", width=4)
        table.add_column("Last", key="last", width=13)
        table.add_column("Party", key="party", width=8)
        table.add_column("Session", key="session", width=10)
        table.add_column("First", key="first", width=13)
        table.add_column("Text", key="text", width=max(10, (self.size.width or 80) - FIXED))
        table.focus()
        self.reload()

    def reload(self) -> None:
        article_id = self.article_id
        self.app.run_repo(lambda repo: self.Loaded(blame(repo, article_id)), self, "Blame")

    def _origin(self, origin: Origin | None) -> Text:
        if origin is None:
            return Text("")
        return Text(shown(origin.label, one_line=True), style=self._party_style(origin))

    def _party(self, origin: Origin | None) -> Text:
        """The party that wrote the line, in words (the record's key, as `proposals blame`)."""
        if origin is None:
            return Text("")
        return Text(shown(origin.party or "-", one_line=True), style=self._party_style(origin))

    def _party_style(self, origin: Origin) -> Style | str:
        return self.themed(party(origin.party)) if origin.party in self.app.repo.config.parties else ""

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.lines = message.lines
        self.refill()

    def restyle(self) -> None:
        """The theme changed: the rows again, in its colours, the cursor where it was."""
        table = self.query_one(DataTable)
        row = table.cursor_row
        self.refill()
        if self.lines:
            table.move_cursor(row=min(row, len(self.lines) - 1))

    def refill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for line in self.lines:
            table.add_row(
                Text(str(line.number), justify="right"),
                self._origin(line.last),
                self._party(line.last),
                Text(shown(line.last.session if line.last else "", one_line=True)),
                self._origin(line.first),
                Text(shown(line.text, one_line=True), no_wrap=True, overflow="ellipsis"),
                key=str(line.number),
            )
        self._show_current()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        if not self.lines or row is None or row >= len(self.lines):
            self.query_one("#blame-line", Static).update("")
            return
        line = self.lines[row]
        parties = self.app.repo.config.parties

        def who(origin: Origin | None) -> str:
            if origin is None:
                return "no recorded version"
            party = parties[origin.party].name if origin.party in parties else "baseline"
            session = f", session {origin.session}" if origin.session else ""
            return f"{origin.label} ({party}{session})"

        last, first = (literal(who(o), one_line=True) for o in (line.last, line.first))
        self.query_one("#blame-line", Static).update(
            Content.assemble("last written:   ", last, "\nfirst proposed: ", first)
        )

    def action_show_line(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if self.lines and row is not None and row < len(self.lines):
            self.notify(self.lines[row].text or "(blank line)", title=f"Line {self.lines[row].number}")

    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return palette("show_line")
