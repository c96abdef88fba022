"""The ``proposals`` command line: a thin layer over the core library.

Every command takes ``-C DIR``, prints one line ``proposals: error: ...`` and exits non-zero on bad
input, and prints JSON with ``--json`` where the contract in DESIGN.md says so.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from .errors import ProposalsError

Handler = Callable[[argparse.Namespace], int]


def _repo(args: argparse.Namespace):
    from .repo import BargainingRepo

    return BargainingRepo.open(args.C)


def _repair_interrupted(repo) -> None:
    """Before recording: finish what a crash left half-done (a pass without its tag), and say so."""
    from .integrity import repair_interrupted

    for line in repair_interrupted(repo):
        print(line, file=sys.stderr)


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


# -- commands -------------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from .repo import BargainingRepo

    target = Path(args.C) / args.dir
    BargainingRepo.init(target, args.union, args.employer)
    print(f"Initialised bargaining repo in {target}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import build_demo
    from .status import counts_line, status_rows

    target = Path(args.C) / args.dir
    repo = build_demo(target)
    print(f"Built the demo negotiation in {target}: {counts_line(status_rows(repo))}")
    return 0


def cmd_baseline(args: argparse.Namespace) -> int:
    from .baseline import import_baseline, read_text_dir

    repo = _repo(args)
    if args.from_dir:
        source = Path(args.from_dir)
        texts = read_text_dir(source)
    else:
        from .docx_import import read_docx_articles

        source = Path(args.from_docx)
        texts = read_docx_articles(source)
    import_baseline(repo, texts, str(source))
    print(f"Baseline imported: {len(texts)} articles, tagged baseline")
    return 0


def cmd_pass(args: argparse.Namespace) -> int:
    from .article import decode_article, read_article_bytes
    from .passes import record_pass

    repo = _repo(args)
    _repair_interrupted(repo)
    texts = None
    if args.from_file:
        if len(args.ids) != 1:
            raise ProposalsError("--from-file takes exactly one article id")
        path = Path(args.from_file)
        if not path.is_file():
            raise ProposalsError(f"no such file: {path}")
        texts = {args.ids[0]: decode_article(read_article_bytes(path, str(path)), str(path))}
    result = record_pass(
        repo,
        args.party,
        args.ids,
        session=args.session,
        number=args.number,
        message=args.message or "",
        texts=texts,
        reopen=args.reopen,
    )
    _print_recorded(repo, result)
    return 0


def _print_recorded(repo, result) -> None:
    """What a recorded pass says, from the CLI and from import-docx alike."""
    party = repo.config.party(result.party).name
    print(f"Recorded {party} pass {result.name} (session {result.session}): {', '.join(result.articles)}")
    for article_id, ref in result.saved_drafts.items():
        print(f"Your draft of {article_id} was kept at {ref} (proposals show {article_id} --at {ref})")


def cmd_withdraw(args: argparse.Namespace) -> int:
    from .passes import withdraw

    repo = _repo(args)
    _repair_interrupted(repo)
    result = withdraw(
        repo, args.party, args.ids, session=args.session, number=args.number, message=args.message or ""
    )
    party = repo.config.party(result.party).name
    print(f"Recorded {party} pass {result.name}: withdraws {', '.join(result.withdrawn)}")
    return 0


def cmd_ta(args: argparse.Namespace) -> int:
    from .agreements import make_ta

    repo = _repo(args)
    _repair_interrupted(repo)
    ta = make_ta(
        repo,
        args.id,
        union_sign=args.union_sign,
        employer_sign=args.employer_sign,
        ta_date=args.date,
        section=args.section,
    )
    what = f"section {ta.section} of {ta.article}" if ta.section else ta.article
    print(f"Tentative agreement on {what}, {ta.date}: tagged {ta.tag}, text locked at {ta.blob[:12]}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .status import render_csv, render_markdown, render_table, status_rows

    repo = _repo(args)
    if args.docx:
        from .documents import export_status_chart

        done = export_status_chart(repo, args.docx)
        print(f"Wrote {done.path}: {len(done.articles)} articles")
        return 0
    rows = status_rows(repo)
    if args.json:
        _print_json({"articles": [r.as_json() for r in rows]})
    elif args.csv:
        sys.stdout.write(render_csv(repo, rows))
    elif args.md:
        sys.stdout.write(render_markdown(repo, rows))
    else:
        sys.stdout.write(render_table(repo, rows))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from .article import validate_id
    from .history import TARecord

    repo = _repo(args)
    history = repo.history()
    if args.id:
        validate_id(args.id)
        if args.id not in repo.article_ids():
            raise ProposalsError(f"no article {args.id}")
        events = history.events.get(args.id, [])
    else:
        events = history.timeline
    passes = [e for e in events if not isinstance(e, TARecord)]
    if args.json:
        _print_json({"passes": [p.as_json() for p in passes]})
        return 0
    width = max((len(e.tag if isinstance(e, TARecord) else e.name) for e in events), default=0)
    for event in events:
        if isinstance(event, TARecord):
            what = f"{event.article} §{event.section}" if event.section else event.article
            print(
                f"{event.tag:<{width}}  {event.date}  TA        {what}  "
                f"({event.union_sign} / {event.employer_sign})"
            )
        else:
            party = (
                repo.config.party(event.party).name if event.party in ("union", "employer") else event.party
            )
            items = ", ".join(event.articles) + (
                ("; withdraws " if event.articles else "withdraws ") + ", ".join(event.withdrawn)
                if event.withdrawn
                else ""
            )
            print(f"{event.name:<{width}}  {event.session}  {event.party:<9} {items}  [{party}]")
    if not events:
        print("No passes yet.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    repo = _repo(args)
    sys.stdout.write(repo.text_at(args.id, args.at))
    return 0


def _use_colour(args: argparse.Namespace) -> bool:
    return (
        not args.markers
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )


def cmd_diff(args: argparse.Namespace) -> int:
    from .redline import diff_text, ops_to_json, render_ansi, render_markers

    repo = _repo(args)
    source = args.from_rev or repo.default_from(args.id)
    old_label = repo.resolve(args.id, source).label
    new_label = repo.resolve(args.id, args.to_rev).label
    old = repo.text_at(args.id, source)
    new = repo.text_at(args.id, args.to_rev)
    ops = diff_text(old, new, granularity=args.granularity, normalize=args.normalize)
    if args.json:
        _print_json(ops_to_json(ops, from_label=old_label, to_label=new_label))
        return 0
    if _use_colour(args):
        print(f"\x1b[1m{args.id}: {old_label} \u2192 {new_label}\x1b[0m")
        sys.stdout.write(render_ansi(ops))
    else:
        sys.stdout.write(render_markers(ops))
    return 0


def cmd_provenance(args: argparse.Namespace) -> int:
    from .provenance import provenance

    repo = _repo(args)
    resolved = repo.resolve(args.id, args.at)
    text = repo.text_at(args.id, args.at)
    versions = repo.versions(args.id, upto=resolved.commit)
    if resolved.commit is None and (not versions or versions[-1].text != text):
        from .provenance import Version

        versions.append(Version("draft", "draft", text))
    spans = provenance(versions)
    if args.json:
        _print_json(
            {
                "article": args.id,
                "at": resolved.label,
                "spans": [
                    {
                        "start": s.start,
                        "end": s.end,
                        "party": s.party,
                        "pass": s.label,
                        "text": text[s.start : s.end],
                    }
                    for s in spans
                ],
            }
        )
        return 0
    sys.stdout.write(render_provenance(text, spans))
    return 0


def render_provenance(text: str, spans: Sequence) -> str:
    """Each line with its main author in the margin; words another pass wrote, in {label: ...}."""
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        pieces = [
            (max(s.start, start), min(s.end, end), s.label) for s in spans if s.start < end and s.end > start
        ]
        if line.strip() and pieces:
            weight: dict[str, int] = {}
            for a, b, label in pieces:
                weight[label] = weight.get(label, 0) + (b - a)
            main = max(weight, key=lambda k: weight[k])
            body = "".join(
                text[a:b] if label == main else f"{{{label}: {text[a:b]}}}" for a, b, label in pieces
            )
            out.append(f"{main:>9}  {body}")
        else:
            out.append("")
        start = end + 1
    return "\n".join(out).rstrip("\n") + "\n"


def cmd_export(args: argparse.Namespace) -> int:
    from .documents import export_pass, export_ta_document

    repo = _repo(args)
    if args.mode == "ta":
        if len(args.ids) != 1:
            raise ProposalsError("--mode ta exports one article's tentative agreement")
        done = export_ta_document(repo, args.ids[0], args.output)
    else:
        done = export_pass(
            repo, args.ids, args.output, mode=args.mode, from_rev=args.from_rev, to_rev=args.to_rev,
            party=args.party,
        )
    print(f"Wrote {done.path} ({args.mode}): {done.header}; articles: {', '.join(done.articles)}")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from .documents import compile_contract

    repo = _repo(args)
    done = compile_contract(repo, args.output, redline=args.redline, force=args.force)
    for warning in done.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {done.path}: {len(done.articles)} articles")
    return 0


def cmd_import_docx(args: argparse.Namespace) -> int:
    from .intake import import_docx_pass

    repo = _repo(args)
    _repair_interrupted(repo)
    announced = [a.strip() for a in args.announced.split(",")] if args.announced else None
    intake = import_docx_pass(
        repo, args.file, args.party, session=args.session, number=args.number, announced=announced
    )
    result = intake.result
    assert result is not None
    _print_recorded(repo, result)
    for article_id in intake.new_ids:
        print(f"New article {article_id}: {intake.matched[article_id]}")
    if intake.unchanged:
        print(f"Unchanged, not part of the pass: {', '.join(intake.unchanged)}")
    for article_id, why in intake.unannounced.items():
        print(f"UNANNOUNCED CHANGE in {article_id}: {why} (proposals diff {article_id} --to {result.name})")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .agreements import verify
    from .integrity import extra_violations

    repo = _repo(args)
    problems = verify(repo) + extra_violations(repo)
    if args.json:
        _print_json({"ok": not problems, "problems": [p.line() for p in problems]})
    elif problems:
        for problem in problems:
            print(problem.line())
    else:
        tas = len(repo.history().tas)
        print(f"All TA'd text is intact ({tas} TAs checked); every pass and TA tag is in place.")
    return 1 if problems else 0


def cmd_sync(args: argparse.Namespace) -> int:
    from .sync import list_conflicts, sync

    repo = _repo(args)
    report = sync(repo, args.remote)
    where = f"{report.remote}/{report.branch}"
    for old, new in report.renumbered.items():
        print(f"Renumbered your unpushed pass {old} to {new}: {report.remote} already has a {old}")
    if report.received_tags:
        print(f"Received from {report.remote}: {', '.join(report.received_tags)}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.merge_conflicts:
        print(f"Merging {where} stopped on a conflict; nothing was pushed and nothing is lost:")
        for line in list_conflicts(repo):
            print(f"  {line}")
        print("Then run proposals sync again.")
        return 1
    print(
        f"Synced with {where}: {report.integrated}"
        + (f"; pushed {', '.join(report.pushed)}" if report.pushed else "; nothing to push")
    )
    from .agreements import verify

    for problem in verify(repo):  # e.g. a pass made offline that changes text TA'd meanwhile
        print(f"warning: after sync, {problem.line()}; check with proposals verify", file=sys.stderr)
    if report.draft_conflicts:
        print("Your drafts of these articles were set aside because incoming passes changed them:")
        for line in list_conflicts(repo):
            print(f"  {line}")
        return 1
    return 0


def cmd_clone(args: argparse.Namespace) -> int:
    from .status import counts_line, status_rows
    from .sync import clone

    target = Path(args.C) / args.dir
    repo = clone(args.url, target)
    print(f"Cloned into {target}: {counts_line(status_rows(repo))}")
    return 0


def cmd_resolve(args: argparse.Namespace) -> int:
    from .sync import list_conflicts, resolve

    repo = _repo(args)
    if args.id is None:
        lines = list_conflicts(repo)
        for line in lines:
            print(line)
        if not lines:
            print("No conflicts.")
        return 0
    if args.keep is None:
        raise ProposalsError("say which text to keep: --keep mine or --keep theirs")
    print(resolve(repo, args.id, args.keep))
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from .integrity import find_problems, repair

    repo = _repo(args)
    if args.dry_run:
        problems = find_problems(repo)
        for problem in problems:
            print(f"{problem.line()}" + ("" if problem.fixable else " (needs a person)"))
        if not problems:
            print("Nothing to repair.")
        return 1 if problems else 0
    done, left = repair(repo)
    for line in done:
        print(line)
    for problem in left:
        print(f"Not repaired: {problem.line()}")
    if not done and not left:
        print("Nothing to repair.")
    return 1 if left else 0


def cmd_tui(args: argparse.Namespace) -> int:
    repo = _repo(args) if not getattr(args, "dir", None) else None
    from .repo import BargainingRepo

    if repo is None:
        repo = BargainingRepo.open(Path(args.C) / args.dir)
    try:
        from proposals_tui.app import run
    except ImportError as exc:
        raise ProposalsError(f"the terminal UI is not installed ({exc})") from None
    return run(repo.root)


# -- parser ---------------------------------------------------------------------------------------


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes get the same one-line error as everything else (`proposals CMD -h` for help)."""

    def error(self, message: str) -> NoReturn:
        where = self.prog.removeprefix("proposals").strip()
        self.exit(2, f"proposals: error: {where + ': ' if where else ''}{' '.join(message.split())}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="proposals",
        description="Collective-bargaining proposals kept in git: passes, TAs, redlines, Word.",
    )
    parser.add_argument("-C", metavar="DIR", default=".", help="run as if started in DIR")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    def add(name: str, handler: Handler, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        assert isinstance(p, OneLineParser)
        p.set_defaults(handler=handler)
        return p

    p = add("init", cmd_init, "create a bargaining repo")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--union", required=True, metavar="NAME")
    p.add_argument("--employer", required=True, metavar="NAME")

    p = add("demo", cmd_demo, "build a demo bargaining repo from the shipped sample contract")
    p.add_argument("dir", metavar="DIR")

    p = add("baseline", cmd_baseline, "import the contract in force and tag it baseline")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--from-dir", metavar="DIR")
    group.add_argument("--from-docx", metavar="FILE")

    p = add("pass", cmd_pass, "record the working-tree text of articles as one pass")
    p.add_argument("--party", required=True, choices=["union", "employer"])
    p.add_argument("--session", metavar="YYYY-MM-DD")
    p.add_argument("--number", metavar="PASS", help="pass number, e.g. U-7 (default: the next)")
    p.add_argument("-m", "--message", metavar="MSG")
    p.add_argument("--from-file", metavar="FILE", help="the party's text for the one article named")
    p.add_argument("--reopen", action="store_true", help="allow changing TA'd text")
    p.add_argument("ids", nargs="+", metavar="ID")

    p = add("withdraw", cmd_withdraw, "record a pass withdrawing articles")
    p.add_argument("--party", required=True, choices=["union", "employer"])
    p.add_argument("--session", metavar="YYYY-MM-DD")
    p.add_argument("--number", metavar="PASS")
    p.add_argument("-m", "--message", metavar="MSG")
    p.add_argument("ids", nargs="+", metavar="ID")

    p = add("ta", cmd_ta, "record a tentative agreement on an article or one section")
    p.add_argument("id", metavar="ID")
    p.add_argument("--section", metavar="N.N")
    p.add_argument("--union-sign", required=True, metavar="NAME")
    p.add_argument("--employer-sign", required=True, metavar="NAME")
    p.add_argument("--date", metavar="YYYY-MM-DD")

    p = add("status", cmd_status, "every article's state")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    fmt.add_argument("--md", action="store_true")
    fmt.add_argument("--docx", metavar="FILE", help="the status chart as a Word document")

    p = add("log", cmd_log, "the passes, oldest first")
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--json", action="store_true")

    p = add("show", cmd_show, "an article's text at a revision")
    p.add_argument("id", metavar="ID")
    p.add_argument("--at", default="draft", metavar="REV")

    p = add("diff", cmd_diff, "a word-level redline of an article between two revisions")
    p.add_argument("id", metavar="ID")
    p.add_argument("--from", dest="from_rev", metavar="REV", help="default: the last pass before ours")
    p.add_argument("--to", dest="to_rev", default="draft", metavar="REV", help="default: draft")
    p.add_argument("--granularity", choices=["word", "sentence", "char"], default="word")
    p.add_argument("--normalize", action="store_true", help="ignore curly quotes, dashes, no-break spaces")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--markers", action="store_true", help="[-old-]{+new+} instead of colour")
    out.add_argument("--json", action="store_true")

    p = add("provenance", cmd_provenance, "which party first proposed each part of an article")
    p.add_argument("id", metavar="ID")
    p.add_argument("--at", default="draft", metavar="REV")
    p.add_argument("--json", action="store_true")

    p = add("export", cmd_export, "write articles to Word for the table")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--from", dest="from_rev", metavar="REV", help="default: the other side's last pass")
    p.add_argument("--to", dest="to_rev", default="draft", metavar="REV", help="default: draft")
    p.add_argument("--mode", required=True, choices=["tracked", "redline", "clean", "ta"])
    p.add_argument("--party", choices=["union", "employer"], help="whose proposal (default: the pass's)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.docx")

    p = add("compile", cmd_compile, "the successor contract from TAs and the untouched baseline")
    p.add_argument("-o", "--output", required=True, metavar="FILE.docx")
    p.add_argument("--redline", action="store_true", help="show conforming changes against the baseline")
    p.add_argument("--force", action="store_true", help="compile even while articles are open")

    p = add("import-docx", cmd_import_docx, "record the other side's pass from their .docx")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--party", required=True, choices=["union", "employer"])
    p.add_argument("--session", metavar="YYYY-MM-DD")
    p.add_argument("--number", metavar="PASS")
    p.add_argument("--announced", metavar="ID,...", help="the articles they said the pass changes")

    p = add("verify", cmd_verify, "check that every TA'd text is unchanged")
    p.add_argument("--json", action="store_true")

    p = add("sync", cmd_sync, "fetch, merge, push passes and TAs via the team remote")
    p.add_argument("--remote", metavar="NAME", help="git remote (default: upstream, origin, the only one)")

    p = add("clone", cmd_clone, "a working copy of the team's bargaining repo")
    p.add_argument("url", metavar="URL")
    p.add_argument("dir", metavar="DIR")

    p = add("resolve", cmd_resolve, "settle a conflict reported by sync (no ID: list them)")
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--keep", choices=["mine", "theirs"])

    p = add("repair", cmd_repair, "finish a crashed pass: missing tags, stray temp files")
    p.add_argument("--dry-run", action="store_true", help="only list the problems")

    p = add("tui", cmd_tui, "open the terminal UI")
    p.add_argument("dir", nargs="?", metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"proposals {__version__}")
        return 0
    try:
        if args.command is None:
            args.dir = None
            return cmd_tui(args)
        return args.handler(args)
    except ProposalsError as exc:
        print(f"proposals: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("proposals: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # never a traceback for users; PROPOSALS_DEBUG=1 shows one
        if os.environ.get("PROPOSALS_DEBUG"):
            raise
        print(f"proposals: internal error: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        return 3
