"""One question with one answer field (and an optional choice): a path, a file name, a reason.

Used by the contract actions (import the baseline, compile) and reopening a TA; the answer goes
to the same core call as the CLI's, which checks it again before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ..keys import key
from ..literal import literal
from .form import FormModal


@dataclass
class Answer:
    text: str
    choice: str = ""
    more: str = ""  # the second field's answer (compile: the term), "" without one
    ticked: set[str] = field(default_factory=set)  # the ids of the options ticked


class AskModal(FormModal[Answer | None]):
    """An empty answer where one is needed is a one-line notification; the dialog stays."""

    SUBMIT_ID = "ask-ok"
    BINDINGS: ClassVar[list[BindingType]] = [key("ctrl+s", "submit", label="OK")]

    def __init__(
        self,
        title: str,
        body: str,
        label: str,
        *,
        value: str = "",
        placeholder: str = "",
        choices: list[tuple[str, str]] | None = None,
        ok: str = "OK",
        needed: str = "",
        more: tuple[str, str] | None = None,
        options: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.body = body
        self.label = label
        self.value = value
        self.placeholder = placeholder
        self.choices = choices or []
        self.ok = ok
        self.needed = needed  # the refusal when the answer is empty
        self.more = more  # (label, placeholder) of a second, optional field
        self.options = options or []  # (label, id) of each yes/no option, off at first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="ask-dialog"):
            yield Static(literal(self.title_text, one_line=True), classes="dialog-title")
            yield Static(literal(self.body), classes="dialog-help")
            with Horizontal(classes="field-row"):
                yield Label(self.label, classes="field-label")
                yield Input(self.value, placeholder=self.placeholder, id="ask-text", compact=True)
            if self.choices:
                with Horizontal(classes="field-row"):
                    yield Label("", classes="field-label")
                    yield Select(
                        [(literal(label, one_line=True), value) for label, value in self.choices],
                        value=self.choices[0][1],
                        allow_blank=False,
                        id="ask-choice",
                        compact=True,
                    )
            if self.more is not None:
                with Horizontal(classes="field-row"):
                    yield Label(self.more[0], classes="field-label")
                    yield Input(placeholder=self.more[1], id="ask-more", compact=True)
            for label, option in self.options:
                yield Checkbox(literal(label, one_line=True), id=f"ask-{option}", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.ok} (ctrl+s)", variant="primary", id="ask-ok", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ask-text", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_submit()

    def action_submit(self) -> None:
        text = self.query_one("#ask-text", Input).value.strip()
        if not text and self.needed:
            self.app.notify(self.needed, title=self.title_text, severity="error")
            return
        choice = ""
        if self.choices:
            chosen = self.query_one("#ask-choice", Select).value
            choice = chosen if isinstance(chosen, str) else ""
        more = self.query_one("#ask-more", Input).value.strip() if self.more is not None else ""
        ticked = {
            option for _label, option in self.options if self.query_one(f"#ask-{option}", Checkbox).value
        }
        self.dismiss(Answer(text, choice, more, ticked))
