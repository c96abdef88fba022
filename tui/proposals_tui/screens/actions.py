"""Article actions shared by the board, article and editor screens: pass, TA, withdraw, export.

Each action gathers what its modal needs in the repo lane, opens the modal, and records the
answer through the core in the repo lane again; `check_action` disables what is impossible now.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.message import Message

from proposals.contract.part import parse_heading, sections
from proposals.negotiation.history import current_tas
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import STATUS_WORDS, StatusRow

from ..app import ProposalsApp
from ..export import ExportRequest
from ..keys import palette
from .disabled import ExplainsDisabledKeys

if TYPE_CHECKING:  # dialogs are imported when first opened: a faster cold start for the board
    from ..modals.pass_modal import PackageDecision, PassContext, PassRequest
    from ..modals.ta_modal import TARequest
    from ..modals.withdraw_modal import WithdrawRequest

ARTICLE_ACTIONS = (
    "record_pass",
    "their_pass",
    "ta",
    "withdraw",
    "export",
    "history",
    "edit_notes",
    "restore_draft",
    "reopen",
)
# What an earlier round, shown read-only (`proposals tui --round 2024`), refuses with its reason.
RECORDING_ACTIONS = frozenset(
    {"edit", "record_pass", "their_pass", "ta", "withdraw", "edit_notes", "restore_draft", "reopen"}
)


@dataclass
class _TAContext:
    sections: list[str]
    title: str
    signers: tuple[str, str]


def _pass_context(repo: BargainingRepo, order: list[str]) -> PassContext:
    # The pass path (and costing terms) load with the first dialog, not before the board's paint.
    from proposals.negotiation.passes import next_pass_name

    from ..modals.pass_modal import PassContext

    known = repo.article_ids()
    ids = [i for i in order if i in known] + [i for i in known if i not in order]
    titles = {}
    for article_id in ids:
        text = repo.read_draft(article_id) or repo.table_text(article_id) or ""
        heading = parse_heading(text, fallback_title=article_id)
        titles[article_id] = f"{heading.number} {heading.title}".strip()
    history = repo.history()
    open_packages = []
    if history.package_marks:
        from proposals.negotiation.packages import packages

        from ..modals.pass_modal import OpenPackage

        open_packages = [
            OpenPackage(p.id, p.title, p.party, p.parts)
            for p in packages(history)
            if p.state in ("open", "countered")
        ]
    last = history.tas[-1] if history.tas else None
    return PassContext(
        {k: next_pass_name(repo, k) for k in ("union", "employer")},
        ids,
        titles,
        repo.draft_ids(),
        open_packages,
        (last.union_sign, last.employer_sign) if last else ("", ""),
    )


class ArticleActions(ExplainsDisabledKeys):
    """Mixin for screens that have a current article (`current_row()` / `current_id()`)."""

    @dataclass
    class PassOpened(Message):
        """What the pass dialog offers (next names, articles, titles), read in the repo lane."""

        context: PassContext
        party: str
        paste: bool
        article: str | None

    @dataclass
    class TAOpened(Message):
        """The open sections of `article` and the last signers, for the TA dialog."""

        context: _TAContext
        article: str

    @dataclass
    class WithdrawOpened(Message):
        """The next pass names, for the withdraw dialog."""

        next_names: dict[str, str]
        article: str
        open_ids: dict[str, str]

    def current_row(self) -> StatusRow | None:  # pragma: no cover - overridden
        return None

    def current_id(self) -> str | None:
        row = self.current_row()
        return row.id if row else None

    def before_record(self) -> None:
        """Hook: the editor flushes its draft to disk before a pass reads the working tree."""

    # -- availability --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in RECORDING_ACTIONS and self.app.repo.read_only:
            return False
        if action not in ARTICLE_ACTIONS:
            return True
        row = self.current_row()
        if row is None:
            return False
        if action in ("record_pass", "their_pass"):
            return row.status != "ta"
        if action == "ta":
            has_text = row.last_pass is not None or self.app.board.baseline
            return row.status in ("open", "unchanged") and has_text
        if action == "withdraw":
            return row.status == "open"
        if action == "export":
            return row.status != "withdrawn"
        if action == "history":
            return row.last_pass is not None or bool(row.tas)
        if action == "restore_draft":
            return row.id in self.app.board.saved and row.status != "ta"
        if action == "reopen":
            return row.status == "ta"
        return True

    # -- notes ---------------------------------------------------------------------------------

    def action_edit_notes(self) -> None:
        """The team's notes in their own dialog: it takes the keyboard from the screen below."""
        row = self.current_row()
        if row is None:
            return
        from ..modals.notes_modal import NotesModal

        def closed(changed: bool | None) -> None:
            if changed:
                self.app.notify(f"Notes on {row.id} saved (internal, never exported).", title="Notes")
                self.app.repo_changed("notes")

        self.app.push_screen(NotesModal(row.id, f"{row.number} {row.title}".strip()), closed)

    def disabled_reason(self, action: str) -> str | None:
        if action in RECORDING_ACTIONS and self.app.repo.read_only:
            return self.app.repo.read_only[:1].upper() + self.app.repo.read_only[1:] + "."
        if action not in ARTICLE_ACTIONS:
            return super().disabled_reason(action)
        row = self.current_row()
        if row is None:
            return "No article is highlighted."
        name = f"{row.number} {row.title}".strip() or row.id
        status = STATUS_WORDS[row.status]
        if action in ("record_pass", "their_pass"):
            return f"{name} is TA'd: its agreed text is locked (O reopens it, with a reason)."
        if action == "ta":
            if row.status == "ta":
                return f"{name} is already TA'd."
            if row.status == "withdrawn":
                return f"{name} is withdrawn: nothing is on the table to agree."
            return f"{name} has no text on the table yet: record a pass (or import the baseline) first."
        if action == "withdraw":
            return f"Only open articles can be withdrawn; {name} is {status}."
        if action == "export":
            return f"{name} is withdrawn: there is no proposal to export."
        if action == "history":
            return f"{name} has no passes or TAs yet."
        if action == "reopen":
            return f"{name} is not TA'd ({status}): there is no agreement to reopen."
        if action == "restore_draft":
            if row.id in self.app.board.saved:
                return f"{name} is TA'd: its agreed text is locked; reopen it before restoring a draft."
            return f"{name} has no saved draft to restore (drafts a pass replaced are kept on refs/drafts/)."
        return None

    def article_palette_commands(self) -> list[tuple[str, str, str]]:
        # notes have their own panel key, not a palette entry
        return palette(*(a for a in ARTICLE_ACTIONS if a != "edit_notes"), "costing")

    def action_costing(self) -> None:
        self.app.open_costing()

    # -- pass ----------------------------------------------------------------------------------

    def action_record_pass(self) -> None:
        if self.app.who_records_first(self.action_record_pass):
            return
        self._open_pass(self.app.us, paste=False)

    def action_their_pass(self) -> None:
        if self.app.who_records_first(self.action_their_pass):
            return
        self._open_pass(self.app.them, paste=True)

    def _open_pass(self, party: str, paste: bool) -> None:
        article_id = self.current_id()
        self.before_record()

        order = [r.id for r in self.app.status_cache]

        def job(repo: BargainingRepo) -> ArticleActions.PassOpened:
            return self.PassOpened(_pass_context(repo, order), party, paste, article_id)

        self.app.run_repo(job, self, "Pass")

    @on(PassOpened)
    def _pass_opened(self, message: PassOpened) -> None:
        from ..modals.pass_modal import PassModal

        modal = PassModal(
            message.context,
            party=message.party,
            article=message.article,
            today=self.app.today.isoformat(),
            paste=message.paste,
            party_names={k: p.name for k, p in self.app.repo.config.parties.items()},
        )
        self.app.push_screen(modal, self._record)

    def _record(self, request: PassRequest | PackageDecision | None) -> None:
        from ..modals.pass_modal import PackageDecision

        if request is None:
            return
        if isinstance(request, PackageDecision):
            self._confirm_package(request)
            return
        if request.docx:
            self._import_docx(request)
            return
        options = dict(
            session=request.session or None,
            number=request.number or None,
            message=request.message,
            texts=request.texts or None,
        )

        def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
            package = None
            if request.package:
                from proposals.negotiation.packages import record_package

                package, result = record_package(
                    repo,
                    request.party,
                    request.ids,
                    title=request.package,
                    answers=request.answers or None,
                    **options,
                )
            else:
                from proposals.negotiation.passes import record_pass

                result = record_pass(repo, request.party, request.ids, **options)
            note = f"{result.name}: {', '.join(result.articles)} (session {result.session})"
            if package is not None:
                answers = f", answering {package.answers}" if package.answers else ""
                note = f"Package {package.id} ({package.title}){answers}\n{note}"
            if result.saved_drafts:
                note += "\nYour unsent draft was kept at " + ", ".join(result.saved_drafts.values())
            return ProposalsApp.Recorded("pass", "Pass recorded", note)

        self.app.run_repo(job, self.app, "Record pass")

    def _import_docx(self, request: PassRequest) -> None:
        """Their Word file through the core's intake, which flags edits they did not announce."""
        from proposals.negotiation.intake import import_docx_pass

        from ..literal import markup_escaped

        def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
            source = Path(request.docx).expanduser()
            if not source.is_absolute():
                source = repo.root / source
            intake = import_docx_pass(
                repo, source, request.party, session=request.session or None, number=request.number or None
            )
            result = intake.result
            note = f"{result.name}: {', '.join(result.articles)} (session {result.session})"
            if intake.new_ids:  # ids are slugs; their headings are their words, shown below
                note += f"\nNew parts: {', '.join(intake.new_ids)}"
            if intake.merged:
                merged = ", ".join(f"{gone} (into {into})" for gone, into in intake.merged.items())
                note += f"\nWithdrawn by their merger: {merged}"
            if intake.unchanged:
                note += f"\nUnchanged, not in the pass: {', '.join(intake.unchanged)}"
            if result.saved_drafts:
                note += "\nYour unsent draft was kept at " + ", ".join(result.saved_drafts.values())
            warnings = [  # their document's words are quoted: never read as markup
                ("Unannounced change", markup_escaped(f"{a}: {why}")) for a, why in intake.unannounced.items()
            ]
            warnings += [("Note", markup_escaped(n)) for n in intake.notes]  # what was not imported
            return ProposalsApp.Recorded("pass", "Their pass imported", note, warnings)

        self.app.run_repo(job, self.app, "Import .docx")

    def _confirm_package(self, decision: PackageDecision) -> None:
        from ..modals.confirm import ConfirmModal

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._decide_package(decision)

        title = "Accept package" if decision.decision == "accept" else "Reject package"
        yes = "Accept" if decision.decision == "accept" else "Reject"
        self.app.push_screen(ConfirmModal(title, decision.describe(), yes=yes), confirmed)

    def _decide_package(self, decision: PackageDecision) -> None:
        from proposals.negotiation import packages

        def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
            if decision.decision == "accept":
                tas = packages.accept_package(
                    repo,
                    decision.package.id,
                    union_sign=decision.union_sign,
                    employer_sign=decision.employer_sign,
                    ta_date=decision.date or None,
                )
                note = f"TA on {', '.join(t.article for t in tas)} ({tas[0].tag if tas else ''})"
                return ProposalsApp.Recorded("ta", f"Package {decision.package.id} accepted", note)
            package = packages.reject_package(repo, decision.package.id, session=decision.date or None)
            note = f"{package.id} rejected ({package.settled}); TAs contingent on it no longer stand"
            return ProposalsApp.Recorded("pass", "Package rejected", note)

        self.app.run_repo(job, self.app, "Package")

    # -- saved drafts --------------------------------------------------------------------------

    def action_restore_draft(self) -> None:
        """Put back the draft a pass replaced, through the core rule `resolve --keep mine` uses."""
        row = self.current_row()
        if row is None:
            return
        from proposals.negotiation.drafts import restore_draft

        from ..modals.confirm import ConfirmModal

        def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
            return ProposalsApp.Recorded("draft", "Draft restored", restore_draft(repo, row.id))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.run_repo(job, self.app, "Restore draft")

        body = (
            f"Put your saved draft of {row.number} {row.title} back in the working tree?\n"
            "Nothing is recorded; the text there now is kept on refs/drafts/ first."
        )
        self.app.push_screen(ConfirmModal("Restore saved draft", body, yes="Restore"), confirmed)

    # -- reopening a TA -----------------------------------------------------------------------

    def action_reopen(self) -> None:
        """Our draft of a TA'd article as a pass that reopens it (the CLI's `pass --reopen`),
        with the reason as its message, after a confirmation naming the TA it breaks."""
        if self.app.who_records_first(self.action_reopen):
            return
        row = self.current_row()
        if row is None:
            return
        self.before_record()
        from ..modals.ask_modal import Answer, AskModal
        from ..modals.confirm import ConfirmModal

        name = f"{row.number} {row.title}".strip() or row.id
        us, session = self.app.us, self.app.today.isoformat()

        def job(repo: BargainingRepo, reason: str) -> ProposalsApp.Recorded:
            from proposals.negotiation.passes import record_pass

            result = record_pass(repo, us, [row.id], session=session, message=reason, reopen=True)
            note = f"{result.name} reopens {', '.join(result.articles)} (session {result.session}): {reason}"
            return ProposalsApp.Recorded("pass", "TA reopened", note)

        def answered(answer: Answer | None) -> None:
            if answer is None:
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.app.run_repo(lambda repo: job(repo, answer.text), self.app, "Reopen TA")

            agreed = f" (TA {row.ta.tag}, {row.ta.date})" if row.ta else ""
            body = (
                f"Reopen {name}{agreed}? Our draft goes to the table as a pass, and verify will list "
                f"the TA as reopened.\nReason: {answer.text}"
            )
            self.app.push_screen(ConfirmModal("Reopen a TA", body, yes="Reopen"), confirmed)

        body = (
            f"{name} is TA'd. Edit our draft first (e); reopening records it as our pass, with the "
            "reason as its message."
        )
        modal = AskModal(
            "Reopen a TA", body, "Reason", placeholder="why the agreed text is reopened", ok="Next",
            needed="Give a reason: it is recorded with the pass.",
        )
        self.app.push_screen(modal, answered)

    # -- TA ------------------------------------------------------------------------------------

    def action_ta(self) -> None:
        if self.app.who_records_first(self.action_ta):
            return
        row = self.current_row()
        if row is None:
            return
        article_id = row.id

        title = f"{row.number} {row.title}".strip()

        def gather(repo: BargainingRepo) -> ArticleActions.TAOpened:
            text = repo.table_text(article_id) or ""
            history = repo.history()
            last = list(history.tas)
            signers = (last[-1].union_sign, last[-1].employer_sign) if last else ("", "")
            agreed = {t.section for t in current_tas(history, article_id)}  # never offered twice
            open_sections = [s for s in sections(text) if s not in agreed]
            return self.TAOpened(_TAContext(open_sections, title, signers), article_id)

        self.app.run_repo(gather, self, "TA")

    @on(TAOpened)
    def _ta_opened(self, message: TAOpened) -> None:
        from ..modals.ta_modal import TAModal

        modal = TAModal(
            article=message.article,
            title=message.context.title,
            sections=message.context.sections,
            today=self.app.today.isoformat(),
            signers=message.context.signers,
        )
        self.app.push_screen(modal, self._confirm_ta)

    def _confirm_ta(self, request: TARequest | None) -> None:
        if request is None:
            return

        from ..modals.confirm import ConfirmModal

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._make_ta(request)

        body = (
            f"Tentatively agree {request.describe()}?\nThe agreed text is locked; later changes are flagged."
        )
        self.app.push_screen(ConfirmModal("Confirm tentative agreement", body, yes="TA"), confirmed)

    def _make_ta(self, request: TARequest) -> None:
        def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
            from proposals.negotiation.agreements import make_ta

            ta = make_ta(
                repo,
                request.article,
                union_sign=request.union_sign,
                employer_sign=request.employer_sign,
                ta_date=request.date or None,
                section=request.section,
            )
            what = f"section {ta.section} of {ta.article}" if ta.section else ta.article
            return ProposalsApp.Recorded("ta", "Tentative agreement", f"{what} TA'd {ta.date} ({ta.tag})")

        self.app.run_repo(job, self.app, "TA")

    # -- withdraw ------------------------------------------------------------------------------

    def action_withdraw(self) -> None:
        if self.app.who_records_first(self.action_withdraw):
            return
        row = self.current_row()
        if row is None:
            return
        open_ids = {
            r.id: f"{r.number} {r.title}".strip() for r in self.app.status_cache if r.status == "open"
        }
        article_id = row.id

        def job(repo: BargainingRepo) -> ArticleActions.WithdrawOpened:
            from proposals.negotiation.passes import next_pass_name

            names = {k: next_pass_name(repo, k) for k in ("union", "employer")}
            return self.WithdrawOpened(names, article_id, open_ids)

        self.app.run_repo(job, self, "Withdraw")

    @on(WithdrawOpened)
    def _withdraw_opened(self, message: WithdrawOpened) -> None:
        from ..modals.withdraw_modal import WithdrawModal

        modal = WithdrawModal(
            open_ids=message.open_ids,
            article=message.article,
            party=self.app.us,
            next_names=message.next_names,
            today=self.app.today.isoformat(),
            party_names={k: p.name for k, p in self.app.repo.config.parties.items()},
        )
        self.app.push_screen(modal, self._withdraw)

    def _withdraw(self, request: WithdrawRequest | None) -> None:
        if request is None:
            return

        def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
            from proposals.negotiation.passes import withdraw

            result = withdraw(
                repo,
                request.party,
                request.ids,
                session=request.session or None,
                number=request.number or None,
            )
            note = f"{result.name} withdraws {', '.join(result.withdrawn)}"
            return ProposalsApp.Recorded("withdraw", "Withdrawn", note)

        self.app.run_repo(job, self.app, "Withdraw")

    # -- export --------------------------------------------------------------------------------

    def action_export(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.before_record()
        us, them = self.app.us, self.app.them
        board = self.app.board
        last = board.last_by_party.get(row.id, {})
        sources = [("Our draft (working tree)", "draft")]
        if us in last:
            sources.append((f"Our last pass ({last[us]})", us))
        against = [("Their last pass, else the baseline", "default")]
        if board.baseline:
            against.append(("The baseline (contract in force)", "baseline"))
        if them in last:
            against.append((f"Their last pass ({last[them]})", them))
        if us in last:
            against.append((f"Our last pass ({last[us]})", us))
        from ..modals.export_modal import ExportModal

        modal = ExportModal(
            article=row.id,
            against=against,
            sources=sources,
            default_name=self.app.export_path(f"{row.id}-{self.app.today.isoformat()}.docx"),
        )
        self.app.push_screen(modal)

    def action_history(self) -> None:
        if (article_id := self.current_id()) is not None:
            self.app.open_history(article_id)


__all__ = ["ArticleActions", "ExportRequest"]
