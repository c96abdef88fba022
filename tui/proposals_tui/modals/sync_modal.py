"""Sync with the team: a progress dialog that becomes the report of what sync did.

`proposals.sync.sync` is one call (fetch, renumber, set drafts aside, merge, push) that may take
seconds on a slow remote, so the dialog opens at once with a progress indicator, runs the call in
the app's repo lane, and then shows the report: the board below reloads meanwhile. A refusal
(ProposalsError) is a notification and the dialog closes; nothing is half done by the core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, LoadingIndicator, Static

from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo
from proposals.team.conflicts import list_conflicts
from proposals.team.sync import SyncReport, sync

from ..keys import key
from ..literal import literal, shown
from ..styles import MARKS, Themed


@dataclass
class SyncOutcome:
    """What the lane hands back: the report, what is left to settle, or the one-line refusal."""

    report: SyncReport | None = None
    conflicts: list[str] = field(default_factory=list)  # list_conflicts lines
    problems: list[str] = field(default_factory=list)  # TA'd text the merge changed (verify)
    error: str = ""


def run_sync(repo: BargainingRepo, remote: str | None = None) -> SyncOutcome:
    """Runs in the repo lane. Refusals come back as data so the dialog can close itself."""
    try:
        report = sync(repo, remote)
    except ProposalsError as exc:
        return SyncOutcome(error=str(exc))
    repo.invalidate()
    conflicts = list_conflicts(repo)
    problems: list[str] = []
    if not report.merge_conflicts:
        from proposals.negotiation.agreements import verify

        try:  # e.g. a pass made offline that changes text TA'd meanwhile: say so, as the CLI does
            problems = [p.line() for p in verify(repo)]
        except ProposalsError as exc:
            problems = [str(exc)]
    return SyncOutcome(report, conflicts, problems)


INTEGRATED = {
    "merged": "their passes and ours, in a merge commit",
    "fast-forward": "their passes (fast-forward: we had nothing new)",
    "up to date": "nothing new on the remote",
    "nothing on the remote yet": "nothing: the remote was empty",
}


def report_text(outcome: SyncOutcome, themed: Callable[..., Style]) -> Text:
    """The report in words a bargaining team reads: fetched, merged, pushed, renumbered, set aside.
    Warnings and conflicts take the theme's colours (`themed`, `styles.Themed`)."""
    warning, error = themed(MARKS["warning"]), themed(MARKS["error"])
    report = outcome.report
    assert report is not None
    where = f"{report.remote}/{report.branch}"
    out = Text()

    def line(label: str, value: str, style: Style | str = "") -> None:
        out.append(f"{label:<11}", style="bold")
        out.append(shown(value, one_line=True) + "\n", style=style)

    line("Remote", where)
    merged = INTEGRATED.get(report.integrated, report.integrated)
    line("Merged", "stopped on a conflict" if report.merge_conflicts else merged)
    line("Received", ", ".join(report.received_tags) or "no new passes or TAs")
    pushed = ", ".join(report.pushed)
    if report.merge_conflicts:
        pushed = "nothing (settle the conflict, then sync again)"
    line("Pushed", pushed or "nothing (the remote already had everything)")
    for old, new in report.renumbered.items():
        line(
            "Renumbered",
            f"your unpushed pass {old} is now {new} ({report.remote} already had a {old})",
            warning,
        )
    for article_id in report.draft_conflicts:
        line("Set aside", f"your draft of {article_id} (kept on refs/drafts/{article_id})", warning)
    for path in report.merge_conflicts:
        line("Conflict", f"{path}: both sides recorded passes on it", error)
    for text in report.warnings:
        out.append(f"⚠ {shown(text)}\n", style=warning)
    for problem in outcome.problems:
        out.append(f"⚠ after sync, {shown(problem)}\n", style=error)
    if outcome.conflicts:
        n = len(outcome.conflicts)
        out.append(f"\n{n} conflict{'s' if n != 1 else ''} to settle: enter opens them side by side.", "bold")
    out.rstrip()
    return out


class SyncModal(Themed, ModalScreen[str | None]):
    """Dismisses with "resolve" when the user goes on to the conflicts, else None."""

    @dataclass
    class Done(Message):
        """How the sync ended (report, conflicts, or the refusal)."""

        outcome: SyncOutcome

    DEFAULT_CSS = """
    #sync-progress { height: 1; margin: 1 0; }
    #sync-report { height: auto; max-height: 16; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        key("enter", "finish"),
        key("escape", "close"),
    ]

    def __init__(self, remote: str = "origin") -> None:
        super().__init__(classes="modal")
        self.remote = remote
        self.outcome: SyncOutcome | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="sync-dialog"):
            yield Static("Sync with the team", classes="dialog-title")
            yield Static(
                literal(f"Fetching from {self.remote}, merging, pushing passes and TA tags…"),
                id="sync-status",
                classes="dialog-help",
            )
            yield LoadingIndicator(id="sync-progress")
            with VerticalScroll(id="sync-report", classes="hidden"):
                yield Static("", id="sync-body")
            with Horizontal(classes="buttons hidden", id="sync-buttons"):
                yield Button("Resolve conflicts (enter)", variant="warning", id="resolve", compact=True)
                yield Button("OK (enter)", variant="primary", id="ok", compact=True)
                yield Button("Close (esc)", id="close", compact=True)

    def on_mount(self) -> None:
        self.app.run_repo(lambda repo: self.Done(run_sync(repo)), self, "Sync")

    @property
    def running(self) -> bool:
        return self.outcome is None

    @on(Done)
    def _done(self, message: Done) -> None:
        outcome = self.outcome = message.outcome
        if outcome.error:
            self.app.notify(outcome.error, severity="error", title="Sync refused", timeout=10)
            self.dismiss(None)
            return
        self.app.repo_changed("sync")
        self.query_one("#sync-progress").display = False
        report = outcome.report
        assert report is not None
        self.query_one("#sync-status", Static).update(
            literal(
                "Conflicts to settle."
                if outcome.conflicts
                else f"Synced with {report.remote}/{report.branch}."
            )
        )
        self.query_one("#sync-body", Static).update(report_text(outcome, self.themed))
        self.query_one("#sync-report").remove_class("hidden")
        self.query_one("#sync-buttons").remove_class("hidden")
        self.query_one("#resolve").display = bool(outcome.conflicts)
        self.query_one("#ok").display = not outcome.conflicts
        self.query_one("#resolve" if outcome.conflicts else "#ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "close":
            self.action_close()
        else:
            self.action_finish()

    def action_finish(self) -> None:
        if self.outcome is not None:
            self.dismiss("resolve" if self.outcome.conflicts else None)

    def action_close(self) -> None:
        if not self.running:  # git is mid-push: closing now would hide how it ended
            self.dismiss(None)
