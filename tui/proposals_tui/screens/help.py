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

HELP_TEXT = {
    "open": "Open the article side by side",
    "select_cursor": "Open the article side by side",
    "edit": "Edit our draft (autosaved, live redline preview)",
    "record_pass": "Record a pass: party, number, session date, articles",
    "their_pass": "Enter the other side's pass: paste it or import their .docx",
    "ta": "Mark a tentative agreement (article or section), with confirmation",
    "withdraw": "Withdraw articles (a pass that takes them off the table)",
    "export": "Export to Word: tracked changes, static redline or clean",
    "history": "The article's passes as a timeline; pick two to compare",
    "find": "Find words in the text (enter: the next match, round the end; esc closes)",
    "restore_draft": "Restore our saved draft (↺): the one a pass replaced, kept on refs/drafts/",
    "cycle_status": "Filter by status: all, open, TA'd, withdrawn, unchanged",
    "cycle_sort": "Sort by number, title, status or last pass",
    "next_compare": "Compare: union vs employer, each vs baseline, our draft vs their pass",
    "next_view": "View: side by side, inline redline, provenance (who proposed what)",
    "toggle_notes": "Show the team's notes beside the text (internal, never exported)",
    "edit_notes": "Edit the team's notes in their own dialog (internal, never exported)",
    "next_base": "Compare the preview with their pass, the baseline or our pass",
    "toggle_markers": "Marker mode [-old-]{+new+} for terminals without strikethrough",
    "toggle_theme": "Light or dark theme",
    "verify": "Check every TA'd text is unchanged",
    "export_status": "Export the status chart to Word (status-DATE.docx in the exports folder)",
    "costing": "Costing: both sides' latest economic positions by year, against the status quo",
    "costing_view": "Costing: by contract year (with a chart) or by member",
    "costing_group": "Costing: who gains and loses, by classification or by clinic",
    "sessions": "Sessions: every day at the table, its attendance, passes, TAs and the team's log",
    "blame": "Blame: the round and pass that last wrote each line, and who first proposed it",
    "show_line": "Show the whole line and both of its origins",
    "pick": "Pick this version (two at most)",
    "compare": "Compare the two picked versions (or this one with the one before)",
    "sync": "Sync with the team: fetch, merge, push passes and TAs (needs a git remote)",  # tuisync
    "conflicts": "Settle sync conflicts: my text and theirs side by side, keep one",  # tuisync
}


def _keys(bindings: list) -> list[tuple[str, str]]:
    out = []
    for b in bindings:
        if isinstance(b, Binding):
            key = (b.key_display or b.key).replace("question_mark", "?").replace("slash", "/")
            action = b.action.split("(")[0]
            out.append((key, HELP_TEXT.get(action, b.description or b.action)))
        else:
            out.append((b[0], b[2] if len(b) > 2 else b[1]))
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
    from .sessions import SessionsScreen
    from .sync import ConflictScreen  # tuisync

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    sections = [
        ("Everywhere", [*ProposalsApp.BINDINGS, Binding("ctrl+p", "", "Command palette")]),
        ("Board", BoardScreen.BINDINGS),
        ("Article (side by side)", ArticleScreen.BINDINGS),
        ("Editor", EditorScreen.BINDINGS),
        ("History", HistoryScreen.BINDINGS),
        ("Blame", BlameScreen.BINDINGS),
        ("Costing", CostingScreen.BINDINGS),
        ("Sessions", SessionsScreen.BINDINGS),
        ("Sync conflicts", ConflictScreen.BINDINGS),  # tuisync
        ("Dialogs", [*FormModal.BINDINGS, *PassModal.BINDINGS, Binding("tab", "", "Next field")]),
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
