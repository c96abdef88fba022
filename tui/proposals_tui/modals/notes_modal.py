"""The team's internal notes on one article, edited in a dialog of their own.

A dialog holds the keyboard: what is typed here can never reach the article editor beneath it
or fire a key of the screen below, so a note cannot land in a proposal. Its own title and colour
say these are notes. esc or ctrl+s saves (through the repo lane) and closes; if the save is
refused the dialog stays open with the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from proposals.negotiation.repo import BargainingRepo

from ..keys import key
from ..literal import literal
from ..widgets.text_editor import PlainTextArea


class NotesModal(ModalScreen[bool]):
    """Dismisses with True when the notes changed on disk."""

    @dataclass
    class Loaded(Message):
        """The notes as they are on disk."""

        text: str

    @dataclass
    class Written(Message):
        """The notes reached disk: the dialog closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape,ctrl+s", "close", label="Save & close"),
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
        self.app.run_repo(lambda repo: self.Loaded(repo.read_notes(article_id)), self, "Notes")

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        text = self.loaded = message.text
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

        def write(repo: BargainingRepo) -> NotesModal.Written:
            repo.write_notes(article_id, text)
            return self.Written()

        self.app.run_repo(write, self, "Notes")

    @on(Written)
    def _written(self) -> None:
        self.dismiss(True)
