"""The shape every form dialog shares: escape cancels, ctrl+s or the submit button submits."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button

ResultType = TypeVar("ResultType")


class FormModal(ModalScreen[ResultType]):
    """Subclasses name their submit button (`SUBMIT_ID`), bind ctrl+s to `submit` with their own
    label, and implement `action_submit`; any other button cancels."""

    SUBMIT_ID: ClassVar[str] = "submit"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SUBMIT_ID:
            self.action_submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:  # pragma: no cover - every form overrides it
        raise NotImplementedError
