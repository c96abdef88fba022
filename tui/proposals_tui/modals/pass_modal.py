"""Record a pass: party, number (proposed automatically), session date, which articles.

For the other side's pass the text can be pasted here; our unsent draft is kept by the core.
A title in Package makes the checked parts one package (P-n), optionally answering an open one;
the open packages are listed with Accept (a TA on every part, one record) and Reject buttons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..keys import key
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
    package: str = ""  # a title: the parts go as one package (P-n)
    answers: str = ""  # the open package a counter-package answers


@dataclass
class OpenPackage:
    id: str
    title: str
    party: str
    parts: tuple[str, ...]


@dataclass
class PackageDecision:
    """Accept (TA every part, signed by both) or reject an open package as a whole."""

    decision: str  # "accept" | "reject"
    package: OpenPackage
    date: str
    union_sign: str = ""
    employer_sign: str = ""

    def describe(self) -> str:
        parts = ", ".join(self.package.parts)
        if self.decision == "accept":
            return (
                f"Accept package {self.package.id} ({self.package.title}) on {self.date}: a TA on every "
                f"part ({parts}) in one record, signed {self.union_sign} and {self.employer_sign}?"
            )
        return f"Reject package {self.package.id} ({self.package.title}) as a whole on {self.date} ({parts})?"


@dataclass
class PassContext:
    """What the modal needs from git, fetched in the repo worker before it opens."""

    next_names: dict[str, str]
    ids: list[str]
    titles: dict[str, str]
    drafts: set[str]
    open_packages: list[OpenPackage] = field(default_factory=list)
    signers: tuple[str, str] = ("", "")  # the last TA's, offered for accepting a package


class PassModal(PassForm[PassRequest | PackageDecision | None]):
    SUBMIT_ID = "record"
    DEFAULT_CSS = """
    PassModal .package-line { height: auto; margin: 1 0 0 0; }
    PassModal .package-buttons { height: 1; margin: 0 0 1 0; }
    PassModal .package-buttons Button { width: auto; margin: 0 2 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        key("ctrl+s", "submit", label="Record"),
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
                            placeholder="their .docx or .odt (imports every article in it)",
                            id="docx",
                            compact=True,
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
                    yield from self._package_fields()
            yield Static("", id="pass-error", classes="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button("Record (ctrl+s)", variant="primary", id="record", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def _package_fields(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label("Package", classes="field-label")
            yield Input(placeholder="a title makes the checked parts one package", id="package", compact=True)
        packages = self.context.open_packages
        if not packages:
            return
        with Horizontal(classes="field-row"):
            yield Label("Answers", classes="field-label")
            yield Select(
                [(literal(f"{p.id} {p.title}", one_line=True), p.id) for p in packages],
                prompt="(not a counter-package)",
                id="answers",
                compact=True,
            )
        yield Label(
            "Open packages: accept (a TA on every part, signed below) or reject as a whole",
            classes="dialog-help",
        )
        for n, package in enumerate(packages):
            who = self.party_names.get(package.party, package.party)
            yield Static(
                literal(f"{package.id} {package.title} ({who}): {', '.join(package.parts)}"),
                classes="package-line",
            )
            with Horizontal(classes="package-buttons"):
                yield Button(f"Accept {package.id}", id=f"accept-{n}", variant="success", compact=True)
                yield Button(f"Reject {package.id}", id=f"reject-{n}", variant="error", compact=True)
        with Horizontal(classes="field-row"):
            yield Label("Union", classes="field-label")
            yield Input(self.context.signers[0], placeholder="to accept", id="pkg-union-sign", compact=True)
        with Horizontal(classes="field-row"):
            yield Label("Employer", classes="field-label")
            yield Input(
                self.context.signers[1], placeholder="to accept", id="pkg-employer-sign", compact=True
            )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        kind, _, index = (event.button.id or "").partition("-")
        if kind not in ("accept", "reject") or not index.isdigit():
            return  # FormModal's handler (Textual calls it next): record or cancel
        event.prevent_default()  # not a cancel
        event.stop()
        package = self.context.open_packages[int(index)]
        session = self.query_one("#session", Input).value.strip()
        if kind == "reject":
            self.dismiss(PackageDecision("reject", package, session))
            return
        union = self.query_one("#pkg-union-sign", Input).value.strip()
        employer = self.query_one("#pkg-employer-sign", Input).value.strip()
        if not union or not employer:
            self.query_one("#pass-error", Static).update("Both signatories are needed to accept a package.")
            return
        self.dismiss(PackageDecision("accept", package, session, union, employer))

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
        package = answers = ""
        if not self.paste:
            package = self.query_one("#package", Input).value.strip()
            if self.context.open_packages:
                chosen = self.query_one("#answers", Select).value
                answers = chosen if isinstance(chosen, str) else ""
            if answers and not package:
                self.query_one("#pass-error", Static).update("A counter-package needs a title (Package).")
                return
        self.dismiss(PassRequest(self.party, number, session, ids, message, texts, docx, package, answers))
