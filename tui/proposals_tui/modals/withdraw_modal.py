"""Withdraw articles: a pass that takes them off the table, recorded in history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ..keys import key
from ..literal import literal
from ..widgets.checklist import Checklist
from .form import PassForm


@dataclass
class WithdrawRequest:
    party: str
    number: str
    session: str
    ids: list[str]


class WithdrawModal(PassForm[WithdrawRequest | None]):
    SUBMIT_ID = "withdraw"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "submit", label="Withdraw"),
    ]

    def __init__(
        self,
        *,
        open_ids: dict[str, str],
        article: str,
        party: str,
        next_names: dict[str, str],
        today: str,
        party_names: dict[str, str],
    ) -> None:
        super().__init__(classes="modal")
        self.open_ids = open_ids
        self.article = article
        self.party = party
        self.next_names = next_names
        self.today = today
        self.party_names = party_names

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="withdraw-dialog"):
            yield Static("Withdraw articles", classes="dialog-title")
            yield from self.pass_fields()
            yield Label("Articles to withdraw")
            yield Checklist(
                *[
                    (literal(title, one_line=True), i, i == self.article)
                    for i, title in self.open_ids.items()
                ],
                id="articles",
            )
            yield Static("", id="withdraw-error", classes="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button("Withdraw (ctrl+s)", variant="error", id="withdraw", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def action_submit(self) -> None:
        ids = list(self.query_one("#articles", Checklist).selected)
        if not ids:
            self.query_one("#withdraw-error", Static).update("Choose at least one article.")
            return
        self.dismiss(
            WithdrawRequest(
                self.party,
                self.query_one("#number", Input).value.strip(),
                self.query_one("#session", Input).value.strip(),
                ids,
            )
        )
