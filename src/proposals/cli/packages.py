"""The package command: list, show, accept, reject and withdraw package proposals."""

from __future__ import annotations

import argparse

from proposals.cli.registry import command, open_repo, print_json, print_notices


def _package_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="every package and its state")
    ls.add_argument("--json", action="store_true")
    a = sub.add_parser("accept", help="TA every part of the package in one record")
    a.add_argument("id", metavar="P-N")
    a.add_argument("--union-sign", required=True, metavar="NAME")
    a.add_argument("--employer-sign", required=True, metavar="NAME")
    a.add_argument("--date", metavar="YYYY-MM-DD")
    r = sub.add_parser("reject", help="the other side rejects the package as a whole")
    r.add_argument("id", metavar="P-N")
    r.add_argument("--session", metavar="YYYY-MM-DD")
    w = sub.add_parser("withdraw", help="a pass putting each part back as it was before the package")
    w.add_argument("id", metavar="P-N")
    w.add_argument("--session", metavar="YYYY-MM-DD")
    w.add_argument("--number", metavar="PASS")


@command("package", "package proposals: accepted or rejected as a whole", _package_arguments)
def cmd_package(args: argparse.Namespace) -> int:
    from proposals.negotiation import packages

    repo = open_repo(args)
    if args.action == "list":
        found = packages.packages(repo.history())
        if args.json:
            print_json({"packages": [p.as_json() for p in found]})
            return 0
        for p in found:
            answers = f", answers {p.answers}" if p.answers else ""
            settled = f" {p.settled}" if p.settled else ""
            print(
                f"{p.id:<5} {p.state}{settled:<11} {p.pass_name} ({p.party}, {p.session}){answers}: "
                f"{p.title} [{', '.join(p.parts)}]"
            )
        if not found:
            print("No packages.")
    elif args.action == "accept":
        tas = packages.accept_package(
            repo, args.id, union_sign=args.union_sign, employer_sign=args.employer_sign, ta_date=args.date
        )
        print_notices(repo)
        extra = f"; contingent on {tas[0].contingent}" if tas and tas[0].contingent else ""
        print(
            f"Package {args.id} accepted, {tas[0].date}: TA on {', '.join(t.article for t in tas)} "
            f"(tag {tas[0].tag}){extra}"
        )
    elif args.action == "reject":
        package = packages.reject_package(repo, args.id, session=args.session)
        print_notices(repo)
        print(f"Package {package.id} rejected ({package.settled}); TAs contingent on it no longer stand")
    elif args.action == "withdraw":
        result = packages.withdraw_package(repo, args.id, session=args.session, number=args.number)
        print_notices(repo)
        back = ", ".join(result.articles) or "none"
        gone = f"; withdraws {', '.join(result.withdrawn)}" if result.withdrawn else ""
        print(f"Recorded pass {result.name}: package {args.id} withdrawn; restored {back}{gone}")
    return 0
