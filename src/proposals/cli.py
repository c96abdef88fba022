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
    from .article import decode_article
    from .passes import record_pass

    repo = _repo(args)
    texts = None
    if args.from_file:
        if len(args.ids) != 1:
            raise ProposalsError("--from-file takes exactly one article id")
        path = Path(args.from_file)
        if not path.is_file():
            raise ProposalsError(f"no such file: {path}")
        texts = {args.ids[0]: decode_article(path.read_bytes(), str(path))}
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
    party = repo.config.party(result.party).name
    print(f"Recorded {party} pass {result.name} (session {result.session}): {', '.join(result.articles)}")
    for article_id, ref in result.saved_drafts.items():
        print(f"Your draft of {article_id} was kept at {ref} (proposals show {article_id} --at {ref})")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from .passes import withdraw

    repo = _repo(args)
    result = withdraw(
        repo, args.party, args.ids, session=args.session, number=args.number, message=args.message or ""
    )
    party = repo.config.party(result.party).name
    print(f"Recorded {party} pass {result.name}: withdraws {', '.join(result.withdrawn)}")
    return 0


def cmd_ta(args: argparse.Namespace) -> int:
    from .agreements import make_ta

    repo = _repo(args)
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


def cmd_verify(args: argparse.Namespace) -> int:
    from .agreements import verify

    repo = _repo(args)
    problems = verify(repo)
    if args.json:
        _print_json({"ok": not problems, "problems": [p.line() for p in problems]})
    elif problems:
        for problem in problems:
            print(problem.line())
    else:
        tas = len(repo.history().tas)
        print(f"All TA'd text is intact ({tas} TAs checked); every pass and TA tag is in place.")
    return 1 if problems else 0


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

    p = add("log", cmd_log, "the passes, oldest first")
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--json", action="store_true")

    p = add("show", cmd_show, "an article's text at a revision")
    p.add_argument("id", metavar="ID")
    p.add_argument("--at", default="draft", metavar="REV")

    p = add("verify", cmd_verify, "check that every TA'd text is unchanged")
    p.add_argument("--json", action="store_true")

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
