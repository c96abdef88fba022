"""Yes/no confirmation and the quit-with-unsaved-work question."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..literal import literal


class ConfirmModal(ModalScreen[bool]):
    """y confirms, n or escape cancels: the last stop before something is recorded for good."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
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
    """Unsaved editor work: save and quit, discard and quit, or stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "Save & quit"),
        Binding("d", "answer('discard')", "Discard & quit"),
        Binding("escape,c", "answer(None)", "Cancel"),
    ]

    def __init__(self, articles: str) -> None:
        super().__init__(classes="modal")
        self.articles = articles

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="quit-dialog"):
            yield Static("Unsaved work", classes="dialog-title")
            yield Static(
                literal(f"Your edits to {self.articles} are not saved yet.\nSave them before quitting?"),
                classes="dialog-body",
            )
            with Horizontal(classes="buttons"):
                yield Button("Save & quit (s)", variant="primary", id="save", compact=True)
                yield Button("Discard (d)", variant="error", id="discard", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_answer(self, value: str | None) -> None:
        self.dismiss(value)
