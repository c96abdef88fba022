"""Commands that create or fill a bargaining repo: init, demo, clone, baseline."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from proposals.cli.registry import command, open_repo
from proposals.visible import visible

if TYPE_CHECKING:
    from proposals.contract.headings import Kind
    from proposals.contract.split import Part


def _init_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--union", required=True, metavar="NAME")
    p.add_argument("--employer", required=True, metavar="NAME")


@command("init", "create a bargaining repo", _init_arguments)
def cmd_init(args: argparse.Namespace) -> int:
    from proposals.negotiation.repo import BargainingRepo

    target = Path(args.C) / args.dir
    BargainingRepo.init(target, args.union, args.employer)
    print(f"Initialised bargaining repo in {target}")
    return 0


def _demo_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR")


@command("demo", "build a demo bargaining repo from the shipped sample contract", _demo_arguments)
def cmd_demo(args: argparse.Namespace) -> int:
    from proposals.demo.build import build_demo
    from proposals.negotiation.status import counts_line, status_rows

    target = Path(args.C) / args.dir
    repo = build_demo(target)
    print(f"Built the demo negotiation in {target}: {counts_line(status_rows(repo))}")
    return 0


def _clone_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", metavar="URL")
    p.add_argument("dir", metavar="DIR")


@command("clone", "a working copy of the team's bargaining repo", _clone_arguments)
def cmd_clone(args: argparse.Namespace) -> int:
    from proposals.negotiation.status import counts_line, status_rows
    from proposals.team.clone import clone

    target = Path(args.C) / args.dir
    repo = clone(args.url, target)
    print(f"Cloned into {target}: {counts_line(status_rows(repo))}")
    return 0


def _baseline_arguments(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--from-dir", metavar="DIR", help="a folder of part files (<id>.txt)")
    group.add_argument("--from-docx", metavar="FILE", help="the contract as a Word .docx or LibreOffice .odt")
    group.add_argument("--from-pdf", metavar="FILE", help="the contract as a PDF with a text layer")
    group.add_argument("--from-text", metavar="FILE", help="the whole contract in one text file")
    p.add_argument("--dry-run", action="store_true", help="list what would be imported; write nothing")
    p.add_argument(
        "--as",
        dest="style",
        choices=("article", "clause", "section", "numbered", "titled"),
        help="which headings start a numbered part: ARTICLE 6, CLAUSE 6, SECTION 6 or '6. TITLE' "
        "(default: found from the text); titled: a title with no number over clauses 6.01, 6.02... "
        "(stored as 'ARTICLE 6: TITLE')",
    )
    p.add_argument(
        "--agreement",
        type=int,
        metavar="N",
        help="a book of agreements (each numbering its articles from 1 again): import agreement N alone",
    )


@command("baseline", "import the contract in force and tag it baseline", _baseline_arguments)
def cmd_baseline(args: argparse.Namespace) -> int:
    from proposals.negotiation.baseline import import_baseline, read_contract

    for form in ("dir", "docx", "pdf", "text"):
        given = getattr(args, f"from_{form}")
        if given:
            break
    reading = read_contract(Path(given), form, args.style, args.agreement)
    if args.dry_run:
        from proposals.errors import ProposalsError
        from proposals.negotiation.baseline import check_can_import

        try:
            repo = open_repo(args)
        except ProposalsError:
            repo = None  # not in a bargaining repo: list what the file holds
        if repo is not None:
            check_can_import(repo, reading.texts)
        print_reading(reading)
        return 0
    repo = open_repo(args)
    import_baseline(repo, reading.texts, reading.source, reading.kinds, reading.divisions)
    from proposals.contract.headings import kind_name

    kinds = Counter(_kind(p) for p in reading.parts)
    what = ", ".join(f"{n} {kind_name(k, w, n)}" for (k, w), n in kinds.items())
    plural = "s" if len(reading.parts) != 1 else ""
    print(f"Baseline imported: {len(reading.parts)} part{plural} ({what}), tagged baseline")
    for note in reading.notes:
        print(f"note: {visible(note, one_line=True)}", file=sys.stderr)
    return 0


def _kind(part: Part) -> tuple[Kind, str]:
    """A part's kind and the keyword its heading uses ("CLAUSE"), for the words of a summary."""
    from proposals.contract.headings import kind_name, read_heading

    heading = read_heading(part.text)
    keyword = heading.keyword if heading is not None else ""
    return part.kind, keyword if kind_name(part.kind, keyword) != part.kind else ""


def _count(n: int, noun: str) -> str:
    """'1 paragraph', '2 paragraphs': a dry run is read by people checking a contract."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def print_reading(reading) -> None:
    """``--dry-run``: every part found (kind, number, id, title, paragraphs, words) under the
    division it stands under, every line skipped with its reason, and the reader's notes;
    control characters shown as escapes."""
    from proposals.contract.headings import kind_name

    print(f"Would import {_count(len(reading.parts), 'part')} from {visible(reading.source, one_line=True)}:")
    division = ""
    for part_id, part in zip(reading.ids, reading.parts, strict=True):
        if part.division and part.division != division:  # the heading the parts after it stand under
            print(f"  division: {visible(part.division, one_line=True)}")
        division = part.division
        body = [line for line in part.text.split("\n")[1:] if line.strip()]
        words = len(part.text.split())
        label = f"{kind_name(*_kind(part))} {part.number}".strip()
        title = part.title or part.heading
        print(
            f"  {label:<14} {part_id:<28} {visible(title[:60], one_line=True)}  "
            f"({_count(len(body), 'paragraph')}, {_count(words, 'word')})"
        )
    if reading.skipped:
        print(f"Skipped {_count(len(reading.skipped), 'line')}:")
        for skipped in reading.skipped:
            print(f"  {skipped.reason}: {visible(skipped.text[:80], one_line=True)}")
    for note in reading.notes:
        print(f"Note: {visible(note, one_line=True)}")
