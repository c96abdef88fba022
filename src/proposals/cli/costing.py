"""Costing commands: cost (each side's economic position in money), roster (the private members)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proposals.cli.registry import command, open_repo, print_json
from proposals.errors import ProposalsError


def _cost_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pass",
        dest="first",
        metavar="PASS",
        help="a pass (E-9), union or employer (their latest), or draft (our terms/union/)",
    )
    p.add_argument("--vs", metavar="PASS", help="a second position to compare with")
    p.add_argument("--years", metavar="YYYY-YYYY", help="the contract years, e.g. 2025-2028")
    p.add_argument("--rollup", metavar="PERCENT", help="roll-up on pay (payroll taxes, retirement), e.g. 9.5")
    p.add_argument("--member", metavar="ID", help="what each position means for one member")
    p.add_argument("--claim", metavar="PASS=PCT", help='check a claimed package value, e.g. "E-9=21%%"')
    p.add_argument(
        "--by",
        choices=("classification", "clinic"),
        default="classification",
        help="who gains and loses, by classification (default) or clinic",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    fmt.add_argument("--xlsx", metavar="FILE", help="a workbook of plain values (no formulas)")
    fmt.add_argument("--docx", metavar="FILE", help="a costing summary for the team, marked internal")


def _target(path: str, suffix: str) -> Path:
    """The file to write, relative to the current directory as every output is (never to -C)."""
    if not path.lower().endswith(suffix):
        raise ProposalsError(f"--{suffix[1:]} needs a file name ending in {suffix}")
    target = Path(path)
    if not target.parent.is_dir():
        raise ProposalsError(f"{target.parent} is not a directory")
    return target


@command("cost", "cost each side's economic position against the status quo (team only)", _cost_arguments)
def cmd_cost(args: argparse.Namespace) -> int:
    from proposals.costing import report as out
    from proposals.costing.compare import check_claim, cost, cost_for_member, roster_of

    repo = open_repo(args)
    roster = roster_of(repo)
    if args.claim:
        check = check_claim(repo, args.claim, years=args.years, rollup=args.rollup, roster=roster)
        if args.json:
            print_json(out.claim_json(check))
        else:
            print("\n".join(check.lines()))
        return 0 if check.right else 1
    passes = [p for p in (args.first, args.vs) if p]
    if args.vs and not args.first:
        raise ProposalsError("--vs needs --pass too: cost --pass E-9 --vs U-12")
    targets = {}
    if args.xlsx:
        targets["xlsx"] = _target(args.xlsx, ".xlsx")
    if args.docx:
        targets["docx"] = _target(args.docx, ".docx")
    report = cost(repo, passes or None, years=args.years, rollup=args.rollup, roster=roster)
    if args.member:
        rows = cost_for_member(repo, args.member, report, roster)
        if args.json:
            print_json(out.member_json(args.member, rows))
        else:
            sys.stdout.write(out.member_text(args.member, rows))
        return 0
    if args.json:
        print_json(out.report_json(report))
    elif args.csv:
        sys.stdout.write(out.report_csv(report))
    elif "xlsx" in targets:
        out.write_xlsx(report, targets["xlsx"])
        print(f"Wrote {targets['xlsx']} (plain values, no formulas; internal to the team)")
    elif "docx" in targets:
        out.write_docx(report, targets["docx"])
        print(f"Wrote {targets['docx']} (marked internal: not for the other side)")
    else:
        sys.stdout.write(out.report_text(report, by=args.by))
    return 0


def _roster_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    sub.required = True
    imp = sub.add_parser("import", help="import members from a CSV or XLSX (checked first, kept private)")
    imp.add_argument("file", help="id,classification,fte,base_pay,step,clinic,hire_date (or --map)")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COL=HEADER",
        help="their header for one of our columns, e.g. base_pay=Salary,fte=FTE",
    )
    show = sub.add_parser("show", help="counts and FTE by classification (no one's pay)")
    show.add_argument("--json", action="store_true")


@command(
    "roster", "the members costing runs over: import or show (kept in .git/proposals/)", _roster_arguments
)
def cmd_roster(args: argparse.Namespace) -> int:
    from proposals.costing.compare import import_roster, roster_of
    from proposals.costing.report import roster_text
    from proposals.costing.roster import RosterError, parse_mapping

    repo = open_repo(args)
    if args.action == "import":
        try:
            roster = import_roster(repo, Path(args.file), parse_mapping(args.map))
        except RosterError as exc:
            for line in exc.lines:
                print(f"proposals: error: {line}", file=sys.stderr)
            return 1
        print(
            f"Imported {len(roster)} members (kept in .git/proposals/roster.csv: never committed or shared)"
        )
        return 0
    roster = roster_of(repo)
    if args.json:
        counts: dict[str, dict] = {}
        for m in roster.members:
            entry = counts.setdefault(m.classification, {"members": 0, "fte": 0})
            entry["members"] += 1
            entry["fte"] += m.fte
        print_json(
            {
                "members": len(roster),
                "by_classification": {
                    k: {"members": v["members"], "fte": str(v["fte"])} for k, v in sorted(counts.items())
                },
            }
        )
    else:
        sys.stdout.write(roster_text(roster))
    return 0
