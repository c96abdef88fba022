"""Who records here: the member's name and email, asked once per working copy.

Passes, TAs and sync commits carry the git identity of the working copy; a machine's own may be
someone else's or nobody's. The answer goes to the repo's local git config through
`proposals.team.member` (the same rule as `proposals member`).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from proposals.errors import ProposalsError
from proposals.team.member import Member, check_member

from ..keys import key
from ..literal import literal
from .form import FormModal


class MemberModal(FormModal[Member | None]):
    """Checked before it closes: a bad name or address is a one-line error here, nothing stored."""

    SUBMIT_ID = "save-member"
    BINDINGS: ClassVar[list[BindingType]] = [key("ctrl+s", "submit", label="Save")]

    def __init__(self, suggested: Member | None) -> None:
        super().__init__(classes="modal")
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        machine = f"This machine's git identity is {self.suggested.line()}." if self.suggested else (
            "This machine has no git identity."
        )
        with Vertical(classes="dialog", id="member-dialog"):
            yield Static("Who is recording?", classes="dialog-title")
            yield Static(
                literal(
                    f"{machine} Passes made here will carry the name and email below "
                    "(kept in this repo's git config; asked once)."
                ),
                classes="dialog-help",
            )
            with Horizontal(classes="field-row"):
                yield Label("Name", classes="field-label")
                yield Input(self.suggested.name if self.suggested else "", id="member-name", compact=True)
            with Horizontal(classes="field-row"):
                yield Label("Email", classes="field-label")
                yield Input(self.suggested.email if self.suggested else "", id="member-email", compact=True)
            yield Static("", id="member-error", classes="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save-member", compact=True)
                yield Button("Later (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#member-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "member-name":
            self.query_one("#member-email", Input).focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        name = self.query_one("#member-name", Input).value
        email = self.query_one("#member-email", Input).value
        try:
            chosen = check_member(name, email)
        except ProposalsError as exc:
            self.query_one("#member-error", Static).update(literal(str(exc), one_line=True))
            return
        self.dismiss(chosen)
