"""Contract-wide actions on the board: import the baseline, compile the successor contract.

Both ask in a dialog, then run in the repo lane through the same core calls as `proposals
baseline` and `proposals compile`; a refusal (a bad path, open articles, a baseline already
there) is a one-line notification and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.message import Message

from proposals.negotiation.repo import BargainingRepo

from ..app import ProposalsApp
from ..keys import palette
from .disabled import ExplainsDisabledKeys

CONTRACT_ACTIONS = ("import_baseline", "compile")


def _in_repo(repo: BargainingRepo, given: str) -> Path:
    """A path typed in the TUI: `~` expanded, a relative one read from the repo's folder."""
    path = Path(given).expanduser()
    return path if path.is_absolute() else repo.root / path


class ContractActions(ExplainsDisabledKeys):
    """Mixin for the board: what acts on the whole contract rather than one article."""

    @dataclass
    class BaselineRead(Message):
        """The contract read and checked (nothing written yet), for the confirmation."""

        reading: object  # proposals.negotiation.baseline.ContractReading

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_baseline":
            board = self.app.board
            return not board.baseline and not any(r.last_pass for r in board.rows)
        if action == "compile":
            return bool(self.app.board.rows)
        return super().check_action(action, parameters)

    def disabled_reason(self, action: str) -> str | None:
        if action == "import_baseline":
            if self.app.board.baseline:
                return "This negotiation already has a baseline."
            return "Passes are already recorded; the baseline must come first."
        if action == "compile":
            return "There are no articles to compile yet."
        return super().disabled_reason(action)

    def contract_palette_commands(self) -> list[tuple[str, str, str]]:
        return palette("import_baseline", "compile")

    # -- baseline ------------------------------------------------------------------------------

    def action_import_baseline(self) -> None:
        from ..modals.ask_modal import Answer, AskModal

        def answered(answer: Answer | None) -> None:
            if answer is None:
                return

            def read(repo: BargainingRepo) -> ContractActions.BaselineRead:
                from proposals.negotiation.baseline import contract_form, read_contract

                path = _in_repo(repo, answer.text)
                return self.BaselineRead(read_contract(path, contract_form(path)))

            self.app.run_repo(read, self, "Import baseline")

        body = (
            "The contract in force: a Word .docx, a LibreOffice .odt, a PDF with a text layer, a .txt "
            "file, or a folder of part files (<id>.txt). It is read and checked first; you confirm "
            "before anything is recorded."
        )
        modal = AskModal(
            "Import the baseline", body, "File", placeholder="contract.docx", ok="Read", needed="Type a path."
        )
        self.app.push_screen(modal, answered)

    @on(BaselineRead)
    def _baseline_read(self, message: BaselineRead) -> None:
        from proposals.negotiation.baseline import ContractReading

        from ..modals.confirm import ConfirmModal

        reading = message.reading
        assert isinstance(reading, ContractReading)

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return

            def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
                from proposals.negotiation.baseline import import_baseline

                import_baseline(repo, reading.texts, reading.source, reading.kinds, reading.divisions)
                note = f"{len(reading.parts)} parts from {Path(reading.source).name}, tagged baseline"
                return ProposalsApp.Recorded("baseline", "Baseline imported", note)

            self.app.run_repo(job, self.app, "Import baseline")

        names = ", ".join(f"{p.kind} {p.number}".strip() for p in reading.parts[:12])
        more = f" and {len(reading.parts) - 12} more" if len(reading.parts) > 12 else ""
        skipped = (
            f"\n{len(reading.skipped)} lines left out (see proposals baseline --dry-run)."
            if (reading.skipped)
            else ""
        )
        body = f"Import {len(reading.parts)} parts from {Path(reading.source).name}: {names}{more}?{skipped}"
        self.app.push_screen(ConfirmModal("Import the baseline", body, yes="Import"), confirmed)

    # -- compile -------------------------------------------------------------------------------

    def action_compile(self) -> None:
        """The CLI's `compile` options in one dialog: redline, --force, --omit-open, --term, --pdf."""
        from ..modals.ask_modal import Answer, AskModal

        def answered(answer: Answer | None) -> None:
            if answer is None:
                return

            def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
                from proposals.negotiation.documents import compile_contract

                if "pdf" in answer.ticked:
                    from proposals.word.pdf import converter

                    converter()  # a missing LibreOffice stops us before anything is written
                out = _in_repo(repo, answer.text)
                out.parent.mkdir(parents=True, exist_ok=True)
                done = compile_contract(
                    repo,
                    out,
                    redline=answer.choice == "redline",
                    force="force" in answer.ticked or "omit_open" in answer.ticked,
                    omit_open="omit_open" in answer.ticked,
                    term=answer.more,
                )
                note = f"Wrote {done.path}: {len(done.articles)} articles"
                if "pdf" in answer.ticked:
                    from proposals.word.pdf import pdf_beside

                    note += f"\nWrote {pdf_beside(done.path)}"
                for warning in done.warnings:
                    note += f"\n{warning}"
                return ProposalsApp.Recorded("compile", "Contract compiled", note)

            self.app.run_repo(job, self.app, "Compile")

        body = (
            "The successor contract in contract order: TA'd text and the untouched baseline. "
            "Refused while articles are open unless you place them (marked OPEN) or leave them out."
        )
        modal = AskModal(
            "Compile the contract",
            body,
            "File",
            value=self.app.export_path(f"contract-{self.app.today.isoformat()}.docx"),
            choices=[("Clean text", "clean"), ("Redline against the baseline", "redline")],
            ok="Compile",
            needed="Type a file name.",
            more=("Term", "July 1, 2025 to June 30, 2028 (title page)"),
            options=[
                ("Place open articles, marked OPEN (--force)", "force"),
                ("Leave open articles out (--omit-open)", "omit_open"),
                ("Also a PDF beside it (LibreOffice)", "pdf"),
            ],
        )
        self.app.push_screen(modal, answered)
