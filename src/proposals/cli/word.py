"""Commands for Word documents: export, compile, import-docx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proposals.cli.registry import command, open_repo, print_recorded, round_argument
from proposals.errors import ProposalsError
from proposals.visible import visible
from proposals.word.modes import MODES


def _export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--from", dest="from_rev", metavar="REV", help="default: the other side's last pass")
    p.add_argument("--to", dest="to_rev", default="draft", metavar="REV", help="default: draft")
    p.add_argument("--mode", choices=[*MODES, "ta"], help="required unless --history")
    p.add_argument(
        "--history",
        action="store_true",
        help="one part's whole negotiation: every pass a layer of tracked changes by its party",
    )
    p.add_argument("--pdf", action="store_true", help="also write a PDF beside it (LibreOffice)")
    p.add_argument("--party", choices=["union", "employer"], help="whose proposal (default: the pass's)")
    p.add_argument(
        "--as", dest="as_name", metavar="PASS", help="label a draft with the pass it will go across as"
    )
    p.add_argument("--session", metavar="YYYY-MM-DD", help="label a draft with the session it is for")
    p.add_argument("-o", "--output", required=True, metavar="FILE.docx")
    round_argument(p)


@command("export", "write articles to Word for the table", _export_arguments)
def cmd_export(args: argparse.Namespace) -> int:
    from proposals.negotiation.documents import export_history, export_pass, export_ta_document

    repo = open_repo(args)
    _pdf_possible(args)
    if args.history:
        if len(args.ids) != 1 or args.mode not in (None, "tracked"):
            raise ProposalsError("--history exports one part, as tracked changes")
        done = export_history(
            repo, args.ids[0], args.output, from_rev=args.from_rev, to_rev=args.to_rev,
            party=args.party, as_name=args.as_name, session=args.session,
        )  # fmt: skip
        print(f"Wrote {done.path}: {done.header}")
        for note in done.notes:
            print(f"  {note}")
        _pdf(args, done.path)
        return 0
    if args.mode is None:
        raise ProposalsError("choose --mode tracked, redline, clean or ta (or --history)")
    if args.mode == "ta":
        if len(args.ids) != 1:
            raise ProposalsError("--mode ta exports one article's tentative agreement")
        done = export_ta_document(repo, args.ids[0], args.output)
    else:
        done = export_pass(
            repo,
            args.ids,
            args.output,
            mode=args.mode,
            from_rev=args.from_rev,
            to_rev=args.to_rev,
            party=args.party,
            as_name=args.as_name,
            session=args.session,
        )
    print(f"Wrote {done.path} ({args.mode}): {done.header}; articles: {', '.join(done.articles)}")
    for note in done.notes:
        print(f"  {note}")
    _pdf(args, done.path)
    return 0


def _compile_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE.docx")
    p.add_argument("--redline", action="store_true", help="show conforming changes against the baseline")
    p.add_argument("--force", action="store_true", help="compile even while articles are open")
    p.add_argument("--omit-open", action="store_true", help="with --force: leave open parts out")
    p.add_argument(
        "--term", default="", metavar="TEXT", help='for the title page: "July 1, 2025 to June 30, 2028"'
    )
    p.add_argument("--pdf", action="store_true", help="also write a PDF beside it (LibreOffice)")
    round_argument(p)


@command("compile", "the successor contract from TAs and the untouched baseline", _compile_arguments)
def cmd_compile(args: argparse.Namespace) -> int:
    from proposals.negotiation.documents import compile_contract

    repo = open_repo(args)
    _pdf_possible(args)
    done = compile_contract(
        repo, args.output, redline=args.redline, force=args.force, omit_open=args.omit_open, term=args.term
    )
    for warning in done.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {done.path}: {len(done.articles)} articles")
    _pdf(args, done.path)
    return 0


def _pdf_possible(args: argparse.Namespace) -> None:
    """With --pdf, a missing LibreOffice stops the command before anything is written."""
    if args.pdf:
        from proposals.word.pdf import converter

        converter()


def _pdf(args: argparse.Namespace, path: Path) -> None:
    if getattr(args, "pdf", False):
        from proposals.word.pdf import pdf_beside

        print(f"Wrote {pdf_beside(path)}")


def _import_docx_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "file", metavar="FILE", help="their pass: a .docx or .odt (tracked changes or clean), a PDF or a .txt"
    )
    p.add_argument("--party", required=True, choices=["union", "employer"])
    p.add_argument("--session", metavar="YYYY-MM-DD")
    p.add_argument("--number", metavar="PASS")
    p.add_argument("--announced", metavar="ID,...", help="the articles they said the pass changes")
    p.add_argument("--reopen", action="store_true", help="record it even where it changes TA'd text")
    p.add_argument(
        "--dry-run", action="store_true", help="read and check it, say what the pass would be; record nothing"
    )


@command("import-docx", "record the other side's pass: their .docx, .odt, PDF, .txt", _import_docx_arguments)
def cmd_import_docx(args: argparse.Namespace) -> int:
    from proposals.negotiation.intake import import_docx_pass

    repo = open_repo(args)
    announced = [a.strip() for a in args.announced.split(",")] if args.announced else None
    intake = import_docx_pass(
        repo,
        args.file,
        args.party,
        session=args.session,
        number=args.number,
        announced=announced,
        reopen=args.reopen,
        dry_run=args.dry_run,
    )
    result = intake.result
    assert result is not None
    print_recorded(repo, result, dry_run=args.dry_run)
    for article_id in intake.new_ids:
        print(f"New part {article_id}: {visible(intake.matched[article_id], one_line=True)}")
    for article_id, how in intake.how.items():
        why = {"title": "its title (renumbered)", "number": "its number (retitled)",
               "text": "its text (retitled and renumbered)"}[how]  # fmt: skip
        print(f"Matched {article_id} by {why}: {visible(intake.matched[article_id], one_line=True)}")
    for article_id, shape in intake.shapes.items():
        print(f"{article_id} {shape}: {visible(intake.matched[article_id], one_line=True)}")
    for gone, into in intake.merged.items():
        print(f"Withdrawn by their merger: {gone}, merged into {into}")
    if intake.unchanged:
        print(f"Unchanged, not part of the pass: {few_named(intake.unchanged)}")
    for article_id, why in intake.unannounced.items():
        see = "" if args.dry_run else f" (proposals diff {article_id} --to {result.name})"
        print(f"UNANNOUNCED CHANGE in {article_id}: {why}{see}")
    for note in intake.notes:
        print(f"Note: {visible(note, one_line=True)}")
    if args.dry_run:
        print("Dry run: nothing recorded.")
    return 0


# Parts named in a one-line list: a whole ordinary contract (a team wants each unchanged one by
# name); past that they are counted (2,000 ids were 20,000 chars).
NAMED_AT_MOST = 60


def few_named(ids: list[str]) -> str:
    """`ids` joined, or past NAMED_AT_MOST their count and the first few: a line a person reads."""
    if len(ids) <= NAMED_AT_MOST:
        return ", ".join(ids)
    return f"{len(ids):,} parts ({', '.join(ids[:5])}, …)"
