"""The shape every form dialog shares: escape cancels, ctrl+s or the submit button submits.

``PassForm`` adds what every pass-recording form asks first: party, pass number, session.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from ..keys import key
from ..literal import literal

ResultType = TypeVar("ResultType")


class FormModal(ModalScreen[ResultType]):
    """Subclasses name their submit button (`SUBMIT_ID`), bind ctrl+s to `submit` with their own
    label, and implement `action_submit`; any other button cancels."""

    SUBMIT_ID: ClassVar[str] = "submit"
    BINDINGS: ClassVar[list[BindingType]] = [key("escape", "cancel")]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == self.SUBMIT_ID:
            self.action_submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:  # pragma: no cover - every form overrides it
        raise NotImplementedError


class PassForm(FormModal[ResultType]):
    """A form that records a pass: subclasses set ``party``, ``party_names``, ``next_names``
    (the next free pass name per party) and ``today``, and compose ``pass_fields()``; choosing
    the other party proposes its next pass name."""

    party: str
    party_names: dict[str, str]
    next_names: dict[str, str]
    today: str

    def pass_fields(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("Party", classes="field-label")
            yield Select(
                [(literal(self.party_names[k], one_line=True), k) for k in ("union", "employer")],
                value=self.party,
                allow_blank=False,
                id="party",
                compact=True,
            )
        with Horizontal(classes="field-row"):
            yield Label("Pass", classes="field-label")
            yield Input(self.next_names[self.party], id="number", compact=True)
        with Horizontal(classes="field-row"):
            yield Label("Session", classes="field-label")
            yield Input(self.today, placeholder="YYYY-MM-DD", id="session", compact=True)

    @on(Select.Changed, "#party")
    def _party_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.party = event.value
            self.query_one("#number", Input).value = self.next_names[event.value]
