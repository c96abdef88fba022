"""Export an article to Word: mode, what it is compared against, file name; progress shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from proposals.word.modes import MODE_NAMES, MODES

from ..export import ExportRequest, export_article
from ..keys import key
from ..literal import literal


class ExportModal(ModalScreen[str | None]):
    """Stays open while the export runs (in the repo lane); dismisses with the path written."""

    @dataclass
    class Progress(Message):
        """`done` of `total` paragraphs written."""

        done: int
        total: int

    @dataclass
    class Finished(Message):
        """The file written, or why not (shown in the dialog, which stays open)."""

        path: str = ""
        error: str = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "cancel"),
        key("ctrl+s", "submit", label="Export"),
    ]

    def __init__(
        self,
        *,
        article: str,
        against: list[tuple[str, str]],
        sources: list[tuple[str, str]],
        default_name: str,
    ) -> None:
        super().__init__(classes="modal")
        self.article = article
        self.against = against
        self.sources = sources
        self.default_name = default_name
        self.running = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static(literal(f"Export {self.article} to Word", one_line=True), classes="dialog-title")
            with Horizontal(classes="field-row"):
                yield Label("Mode", classes="field-label")
                yield Select(
                    [(MODE_NAMES[mode], mode) for mode in MODES],
                    value=MODES[0],
                    allow_blank=False,
                    id="mode",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("Text", classes="field-label")
                yield Select(
                    [(literal(label, one_line=True), v) for label, v in self.sources],
                    value=self.sources[0][1],
                    allow_blank=False,
                    id="source",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("Against", classes="field-label")
                yield Select(
                    [(literal(label, one_line=True), v) for label, v in self.against],
                    value=self.against[0][1],
                    allow_blank=False,
                    id="against",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield Label("File", classes="field-label")
                yield Input(self.default_name, id="path", compact=True)
            yield ProgressBar(total=2, show_eta=False, id="export-progress")
            yield Static("", id="export-status", classes="dialog-error")
            with Horizontal(classes="buttons"):
                yield Button("Export (ctrl+s)", variant="primary", id="export", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.action_submit()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if not self.running:
            self.dismiss(None)

    def request(self) -> ExportRequest:
        def value(selector: str) -> str:
            v = self.query_one(selector, Select).value
            return v if isinstance(v, str) else ""

        return ExportRequest(
            self.article,
            value("#mode"),
            value("#against"),
            value("#source"),
            self.query_one("#path", Input).value.strip(),
        )

    def action_submit(self) -> None:
        if self.running:
            return
        request = self.request()
        if not request.path:
            self.query_one("#export-status", Static).update("Give a file name.")
            return
        if not request.path.endswith(".docx"):
            request.path += ".docx"
        self.running = True
        self.query_one("#export-status", Static).update("Exporting…")
        app = self.app

        def job(repo) -> ExportModal.Finished:
            try:
                path = export_article(
                    repo,
                    request,
                    us=app.us,
                    progress=lambda d, t: self.post_message(self.Progress(d, t)),
                )
            except Exception as exc:  # ExportError, ProposalsError: shown in the dialog
                return self.Finished(error=str(exc))
            return self.Finished(path=str(path))

        app.run_repo(job, self, "Export")

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        self.running = False
        if message.error:
            self.query_one("#export-status", Static).update(literal(f"Export failed: {message.error}"))
            return
        self.app.notify(f"Wrote {message.path}", title="Export")
        self.dismiss(message.path)
