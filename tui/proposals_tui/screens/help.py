"""`?`: every key, by screen, generated from the bindings so it cannot go stale."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _keys(bindings: list) -> list[tuple[str, str]]:
    out = []
    for b in bindings:
        if isinstance(b, Binding):
            key = b.key_display or b.key
            out.append((key.replace("question_mark", "?").replace("slash", "/"), b.description or b.action))
        else:
            out.append((b[0], b[2] if len(b) > 2 else b[1]))
    return out


def help_table() -> Table:
    from ..app import ProposalsApp
    from ..modals.pass_modal import PassModal
    from .article import ArticleScreen
    from .board import BoardScreen
    from .editor import EditorScreen
    from .history import HistoryScreen

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    sections = [
        ("Everywhere", [*ProposalsApp.BINDINGS, Binding("ctrl+p", "", "Command palette")]),
        ("Board", BoardScreen.BINDINGS),
        ("Article (side by side)", ArticleScreen.BINDINGS),
        ("Editor", EditorScreen.BINDINGS),
        ("History", HistoryScreen.BINDINGS),
        ("Dialogs", [*PassModal.BINDINGS, Binding("tab", "", "Next field")]),
    ]
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "")
        for key, description in _keys(bindings):
            table.add_row(f"  {key}", description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, under: Screen | None = None) -> None:
        super().__init__(classes="modal")
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(help_table())
            yield Static(
                "Keys greyed out in the footer are not possible right now.  esc closes.",
                classes="dialog-help",
            )

    def action_close(self) -> None:
        self.dismiss(None)
