"""The team's internal notes on one article, edited in a dialog of their own.

A dialog holds the keyboard: what is typed here can never reach the article editor beneath it
or fire a key of the screen below, so a note cannot land in a proposal. Its own title and colour
say these are notes. esc or ctrl+s saves (through the repo lane) and closes; if the save is
refused the dialog stays open with the text.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from proposals.negotiation.repo import BargainingRepo

from ..literal import literal
from ..widgets.text_editor import PlainTextArea


class NotesModal(ModalScreen[bool]):
    """Dismisses with True when the notes changed on disk."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+s", "close", "Save & close"),
    ]

    def __init__(self, article_id: str, title: str = "") -> None:
        super().__init__(classes="modal")
        self.article_id = article_id
        self.article_title = title or article_id
        self.loaded: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notes-dialog"):
            yield Static(literal(f"Team notes · {self.article_title}", one_line=True), classes="dialog-title")
            yield Static("Internal: never exported, never in a pass.", classes="dialog-help")
            yield PlainTextArea("", id="notes-editor", soft_wrap=True, read_only=True)
            yield Static("esc or ctrl+s saves and closes", classes="dialog-help")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.cursor_blink = False
        area.focus()
        article_id = self.article_id
        self.app.run_repo(lambda repo: repo.read_notes(article_id), self._loaded, "Notes")

    def _loaded(self, text: str) -> None:
        self.loaded = text
        area = self.query_one(TextArea)
        area.load_text(text)
        area.read_only = False
        area.move_cursor(area.document.end)

    def action_close(self) -> None:
        text = self.query_one(TextArea).text
        if self.loaded is None or text == self.loaded:
            self.dismiss(False)
            return
        article_id = self.article_id

        def write(repo: BargainingRepo) -> None:
            repo.write_notes(article_id, text)

        self.app.run_repo(write, lambda _: self.dismiss(True), "Notes")
