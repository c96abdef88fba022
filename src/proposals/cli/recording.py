"""Commands that record the negotiation: pass, withdraw, ta."""

from __future__ import annotations

import argparse
from pathlib import Path

from proposals.cli.registry import command, open_repo, print_notices, print_recorded
from proposals.errors import ProposalsError


def _pass_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--party", required=True, choices=["union", "employer"])
    p.add_argument("--session", metavar="YYYY-MM-DD")
    p.add_argument("--number", metavar="PASS", help="pass number, e.g. U-7 (default: the next)")
    p.add_argument("-m", "--message", metavar="MSG")
    p.add_argument("--from-file", metavar="FILE", help="the party's text for the one article named")
    p.add_argument("--reopen", action="store_true", help="allow changing TA'd text")
    p.add_argument("--package", metavar="TITLE", help="pass them as one package (P-n), all or nothing")
    p.add_argument(
        "--confirm", action="store_true", help="record it even if it retreats from language already accepted"
    )
    p.add_argument("--answers", metavar="P-N", help="with --package: the package this one counters")
    p.add_argument("ids", nargs="+", metavar="ID")


@command("pass", "record the working-tree text of articles as one pass", _pass_arguments)
def cmd_pass(args: argparse.Namespace) -> int:
    from proposals.contract.part import decode_article, read_article_bytes
    from proposals.negotiation.passes import record_pass

    repo = open_repo(args)
    texts = None
    if args.from_file:
        if len(args.ids) != 1:
            raise ProposalsError("--from-file takes exactly one article id")
        path = Path(args.from_file)
        if not path.is_file():
            raise ProposalsError(f"no such file: {path}")
        texts = {args.ids[0]: decode_article(read_article_bytes(path, str(path)), str(path))}
    options = dict(
        session=args.session,
        number=args.number,
        message=args.message or "",
        texts=texts,
        reopen=args.reopen,
        allow_retreat=args.confirm,
    )
    if args.answers and not args.package:
        raise ProposalsError("--answers goes with --package (a counter-package)")
    if args.package is not None:
        from proposals.negotiation.packages import record_package

        package, result = record_package(
            repo, args.party, args.ids, title=args.package, answers=args.answers, **options
        )
        print_recorded(repo, result)
        answers = f", answering {package.answers}" if package.answers else ""
        print(f"Package {package.id} ({package.title}): {', '.join(package.parts)}{answers}")
        return 0
    result = record_pass(repo, args.party, args.ids, **options)
    print_recorded(repo, result)
    return 0


def _withdraw_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--party", required=True, choices=["union", "employer"])
    p.add_argument("--session", metavar="YYYY-MM-DD")
    p.add_argument("--number", metavar="PASS")
    p.add_argument("-m", "--message", metavar="MSG")
    p.add_argument("ids", nargs="+", metavar="ID")


@command("withdraw", "record a pass withdrawing articles", _withdraw_arguments)
def cmd_withdraw(args: argparse.Namespace) -> int:
    from proposals.negotiation.passes import withdraw

    repo = open_repo(args)
    result = withdraw(
        repo, args.party, args.ids, session=args.session, number=args.number, message=args.message or ""
    )
    print_notices(repo)
    party = repo.config.party(result.party).name
    print(f"Recorded {party} pass {result.name}: withdraws {', '.join(result.withdrawn)}")
    return 0


def _ta_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--section", metavar="N.N")
    p.add_argument("--union-sign", required=True, metavar="NAME")
    p.add_argument("--employer-sign", required=True, metavar="NAME")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument(
        "--contingent-on", metavar="P-N", help="a package the TA stands or falls with (or 'agreement')"
    )


@command("ta", "record a tentative agreement on an article or one section", _ta_arguments)
def cmd_ta(args: argparse.Namespace) -> int:
    from proposals.negotiation.agreements import make_ta

    repo = open_repo(args)
    ta = make_ta(
        repo,
        args.id,
        union_sign=args.union_sign,
        employer_sign=args.employer_sign,
        ta_date=args.date,
        section=args.section,
        contingent_on=args.contingent_on,
    )
    print_notices(repo)
    what = f"section {ta.section} of {ta.article}" if ta.section else ta.article
    print(f"Tentative agreement on {what}, {ta.date}: tagged {ta.tag}, text locked at {ta.blob[:12]}")
    if ta.contingent:
        print(f"Contingent on {ta.contingent}: it falls if that fails")
    return 0
