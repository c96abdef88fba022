"""`?`: every key, by screen, generated from the bindings so it cannot go stale; each line is
the action's one description in `keys.ACTIONS` (the same words as its tooltip and palette entry)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ..keys import describe, key


def _keys(bindings: list) -> list[tuple[str, str]]:
    out = []
    for b in bindings:
        key_name = (b.key_display or b.key).replace("question_mark", "?").replace("slash", "/")
        out.append((key_name, describe(b.action).help))
    return out


def help_table() -> Table:
    from ..app import ProposalsApp
    from ..modals.form import FormModal
    from ..modals.pass_modal import PassModal
    from .article import ArticleScreen
    from .blame import BlameScreen
    from .board import BoardScreen
    from .costing import CostingScreen
    from .editor import EditorScreen
    from .history import HistoryScreen
    from .packages import PackagesScreen
    from .sessions import SessionsScreen
    from .sync import ConflictScreen  # tuisync

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    sections = [
        ("Everywhere", [*ProposalsApp.BINDINGS, key("ctrl+p", "command_palette")]),
        ("Board", BoardScreen.BINDINGS),
        ("Article (side by side)", ArticleScreen.BINDINGS),
        ("Editor", EditorScreen.BINDINGS),
        ("History", HistoryScreen.BINDINGS),
        ("Blame", BlameScreen.BINDINGS),
        ("Costing", CostingScreen.BINDINGS),
        ("Sessions", SessionsScreen.BINDINGS),
        ("Packages", PackagesScreen.BINDINGS),
        ("Sync conflicts", ConflictScreen.BINDINGS),  # tuisync
        ("Dialogs", [*FormModal.BINDINGS, *PassModal.BINDINGS, key("tab", "focus_next")]),
    ]
    for title, bindings in sections:
        table.add_row(Text(title, style="bold underline"), "")
        for name, description in _keys(bindings):
            table.add_row(f"  {name}", description)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [key("escape,question_mark,q", "close")]

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
