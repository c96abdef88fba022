"""Yes/no confirmation and the quit-with-unsaved-work question."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..keys import key
from ..literal import literal
from ..roles import HoldsUnsavedWork


class ConfirmModal(ModalScreen[bool]):
    """y confirms, n or escape cancels: the last stop before something is recorded for good."""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("y", "answer(True)"),
        key("n,escape", "answer(False)"),
    ]

    def __init__(self, title: str, body: str, yes: str = "Yes") -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.body = body
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-dialog"):
            yield Static(literal(self.title_text, one_line=True), classes="dialog-title")
            yield Static(literal(self.body), classes="dialog-body")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", variant="primary", id="yes", compact=True)
                yield Button("Cancel (n)", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class QuitModal(ModalScreen[str | None]):
    """Unsaved editor work, on quitting or on leaving the editor: save, discard, or stay.

    It watches the editors it asks about: an autosave landing while it is open turns its words
    into "saved now", so the dialog and the editor's status line never disagree.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        key("s", "answer('save')"),
        key("d", "answer('discard')"),
        key("escape,c", "answer(None)"),
    ]

    def __init__(
        self, articles: str, editors: list[HoldsUnsavedWork] | None = None, leaving: str = "quit"
    ) -> None:
        super().__init__(classes="modal")
        self.articles = articles
        self.editors = editors or []
        self.leaving = leaving  # "quit" or "close"

    def compose(self) -> ComposeResult:
        verb = "quitting" if self.leaving == "quit" else "closing the editor"
        with Vertical(classes="dialog", id="quit-dialog"):
            yield Static("Unsaved work", classes="dialog-title")
            yield Static(
                literal(f"Your edits to {self.articles} are not saved yet.\nSave them before {verb}?"),
                classes="dialog-body",
                id="quit-body",
            )
            with Horizontal(classes="buttons"):
                yield Button(f"Save & {self.leaving} (s)", variant="primary", id="save", compact=True)
                yield Button("Discard (d)", variant="error", id="discard", compact=True)
                yield Button("Stay (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()
        for editor in self.editors:
            self.watch(editor, "dirty", self._recheck, init=False)

    def _recheck(self, _dirty: bool) -> None:
        if not any(e.dirty for e in self.editors):
            self.query_one("#quit-body", Static).update(
                literal(f"Your edits to {self.articles} are saved now (autosave).")
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_answer(self, value: str | None) -> None:
        self.dismiss(value)
