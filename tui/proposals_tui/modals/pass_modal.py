"""Record a pass: party, number (proposed automatically), session date, which articles.

For the other side's pass the text can be pasted here; our unsent draft is kept by the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static, TextArea

from ..literal import literal
from ..widgets.checklist import Checklist
from ..widgets.text_editor import PlainTextArea
from .form import PassForm


@dataclass
class PassRequest:
    party: str
    number: str
    session: str
    ids: list[str]
    message: str = ""
    texts: dict[str, str] = field(default_factory=dict)
    docx: str = ""  # their .docx to import instead of pasted text


@dataclass
class PassContext:
    """What the modal needs from git, fetched in the repo worker before it opens."""

    next_names: dict[str, str]
    ids: list[str]
    titles: dict[str, str]
    drafts: set[str]


class PassModal(PassForm[PassRequest | None]):
    SUBMIT_ID = "record"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit", "Record"),
    ]

    def __init__(
        self,
        context: PassContext,
        *,
        party: str,
        article: str | None,
        today: str,
        paste: bool = False,
        party_names: dict[str, str] | None = None,
    ) -> None:
        super().__init__(classes="modal")
        self.context = context
        self.party = party
        self.article = article
        self.today = today
        self.paste = paste
        self.party_names = party_names or {"union": "Union", "employer": "Employer"}
        self.next_names = context.next_names

    def compose(self) -> ComposeResult:
        title = "Enter the other side's pass" if self.paste else "Record a pass"
        with Vertical(classes="dialog", id="pass-dialog"):
            yield Static(title, classes="dialog-title")
            with VerticalScroll(classes="dialog-form"):
                yield from self.pass_fields()
                with Horizontal(classes="field-row"):
                    yield Label("Message", classes="field-label")
                    yield Input(placeholder="optional summary", id="message", compact=True)
                if self.paste and self.article:
                    with Horizontal(classes="field-row"):
                        yield Label("Word file", classes="field-label")
                        yield Input(
                            placeholder="their .docx (imports every article in it)", id="docx", compact=True
                        )
                    yield Label(literal(f"…or their text of {self.article} (paste)", one_line=True))
                    yield PlainTextArea("", id="paste", soft_wrap=True, show_line_numbers=False)
                else:
                    yield Label("Articles (space toggles)")
                    preselect = {self.article} if self.article else set()
                    if self.party == "union":
                        preselect |= self.context.drafts
                    yield Checklist(
                        *[(self._label(i), i, i in preselect) for i in self.context.ids], id="articles"
                    )
            yield Static("", id="pass-error", classes="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button("Record (ctrl+s)", variant="primary", id="record", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def _label(self, article_id: str) -> Content:
        mark = " ✎" if article_id in self.context.drafts else ""
        return literal(f"{self.context.titles.get(article_id, article_id)}{mark}", one_line=True)

    def action_submit(self) -> None:
        number = self.query_one("#number", Input).value.strip()
        session = self.query_one("#session", Input).value.strip()
        message = self.query_one("#message", Input).value.strip()
        texts: dict[str, str] = {}
        docx = ""
        if self.paste and self.article:
            ids = [self.article]
            docx = self.query_one("#docx", Input).value.strip()
            pasted = self.query_one("#paste", TextArea).text
            if pasted.strip() and not docx:
                texts[self.article] = pasted
        else:
            ids = list(self.query_one("#articles", Checklist).selected)
        if not ids:
            self.query_one("#pass-error", Static).update("Choose at least one article.")
            return
        self.dismiss(PassRequest(self.party, number, session, ids, message, texts, docx))
