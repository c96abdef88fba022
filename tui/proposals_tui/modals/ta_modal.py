"""Mark a tentative agreement: the whole article or one section, both signatories, a date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ..keys import key
from ..literal import literal
from .form import FormModal


@dataclass
class TARequest:
    article: str
    section: str | None
    union_sign: str
    employer_sign: str
    date: str

    def describe(self) -> str:
        what = f"section {self.section} of {self.article}" if self.section else f"all of {self.article}"
        return f"{what}, signed {self.union_sign} (union) and {self.employer_sign} (employer), {self.date}"


class TAModal(FormModal[TARequest | None]):
    SUBMIT_ID = "ta"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "submit", label="TA"),
    ]

    def __init__(
        self,
        *,
        article: str,
        title: str,
        sections: list[str],
        today: str,
        signers: tuple[str, str] = ("", ""),
    ) -> None:
        super().__init__(classes="modal")
        self.article = article
        self.article_title = title
        self.sections = sections
        self.today = today
        self.signers = signers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="ta-dialog"):
            yield Static(
                literal(f"Tentative agreement: {self.article_title}", one_line=True), classes="dialog-title"
            )
            yield Static(
                "The text on the table (the last pass) is locked by its hash.", classes="dialog-help"
            )
            with Horizontal(classes="field-row"):
                yield Label("What", classes="field-label")
                yield Select(
                    [(literal("Whole article"), "")]
                    + [(literal(f"Section {s}", one_line=True), s) for s in self.sections],
                    value="",
                    allow_blank=False,
                    id="section",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("Union", classes="field-label")
                yield Input(self.signers[0], placeholder="union signatory", id="union-sign", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Employer", classes="field-label")
                yield Input(
                    self.signers[1], placeholder="employer signatory", id="employer-sign", compact=True
                )
            with Horizontal(classes="field-row"):
                yield Label("Date", classes="field-label")
                yield Input(self.today, id="ta-date", compact=True)
            yield Static("", id="ta-error", classes="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button("TA… (ctrl+s)", variant="success", id="ta", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#union-sign", Input).focus()

    def action_submit(self) -> None:
        union = self.query_one("#union-sign", Input).value.strip()
        employer = self.query_one("#employer-sign", Input).value.strip()
        if not union or not employer:
            self.query_one("#ta-error", Static).update("Both signatories are needed.")
            return
        section = self.query_one("#section", Select).value
        self.dismiss(
            TARequest(
                self.article,
                section if isinstance(section, str) and section else None,
                union,
                employer,
                self.query_one("#ta-date", Input).value.strip(),
            )
        )
