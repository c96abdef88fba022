"""Commands for a contract's whole life: rounds of bargaining, and blame across them."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from proposals.cli.registry import command, open_repo, print_json, print_notices, round_argument

if TYPE_CHECKING:
    from proposals.negotiation.repo import BargainingRepo


def _round_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=type(p))
    sub.required = True
    close = sub.add_parser("close", help="the ratified contract becomes the next round's baseline")
    close.add_argument("--ratified", required=True, metavar="YYYY-MM-DD")
    close.add_argument("--force", action="store_true", help="close with parts still open (listed)")
    close.add_argument("--name", metavar="NAME", help="name the first round (default 1)")
    opening = sub.add_parser("open", help="start the next round: pass numbers start again")
    opening.add_argument("name", metavar="NAME", help="e.g. 2028")
    opening.add_argument("--expires", required=True, metavar="YYYY-MM-DD", help="the contract's expiry")
    sub.add_parser(
        "undo", help="take back a close or an opening made by mistake (the last thing recorded, unshared)"
    )
    carry = sub.add_parser(
        "carry-notes",
        help="session notes and information requests a refused sync set aside (my-round-NAME) into this "
        "round's session",
    )
    carry.add_argument("branch", metavar="BRANCH", help="the branch sync's recipe named, e.g. my-round-2025")
    carry.add_argument(
        "--session", metavar="YYYY-MM-DD", help="a session of this round (default: the open one)"
    )
    listing = sub.add_parser("list", help="every round, oldest first")
    listing.add_argument("--json", action="store_true")


@command(
    "round",
    "close the round (ratified), open the next, undo either, list them, carry set-aside session records",
    _round_arguments,
)
def cmd_round(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    try:
        return _round(args, repo)
    finally:  # what recovery finished first (a round step killed half-way), also when refused
        print_notices(repo)


def _round(args: argparse.Namespace, repo: BargainingRepo) -> int:
    from proposals.negotiation.rounds import close_round, open_round

    if args.action == "close":
        closed, agreed = close_round(repo, args.ratified, force=args.force, name=args.name)
        print_notices(repo)
        print(
            f"Closed round {closed.name}: the contract ratified {closed.ratified} "
            f"({len(agreed.texts)} parts) is the next round's baseline (tag {closed.name}/ratified)"
        )
        for warning in agreed.warnings:
            print(f"  {warning}")
        return 0
    if args.action == "undo":
        from proposals.team.round_undo import undo_round

        undone = undo_round(repo)
        print_notices(repo)
        if undone.step == "close":
            name = undone.round.name
            print(
                f"Undid the close of round {name} (ratified {undone.round.ratified}): it is open again, "
                f"{undone.restored} parts as they were before it; tag {name}/ratified removed"
            )
        else:
            print(f"Undid the opening of round {undone.round.name}: round {undone.round.name} is gone, "
                  "the round before it stands closed")
        return 0
    if args.action == "carry-notes":
        from proposals.team.round_clash import carry_notes

        carried = carry_notes(repo, args.branch, session=args.session)
        print_notices(repo)
        if not carried.notes:
            print(f"Nothing to carry: {args.branch} holds no session record this branch lacks")
        for day, count in carried.notes.items():
            requests = carried.requests.get(day, 0)
            also = f" and {requests} information request{'s' if requests != 1 else ''}" if requests else ""
            print(
                f"Carried {count} notes{also} of session {day} ({args.branch}) into session {carried.target}"
            )
        for there, here in carried.renumbered.items():
            print(f"  {there} of {args.branch} is {here} here: {there} was taken")
        for request in carried.answered_there:
            print(f"  {request} was answered on {args.branch} only: proposals session answer {request}")
        return 0
    if args.action == "open":
        opened = open_round(repo, args.name, args.expires)
        print_notices(repo)
        print(f"Opened round {opened.name} (the contract expires {opened.expires}); passes start at 1")
        return 0
    rounds = repo.full_history().all_rounds()
    rows = [
        {"round": r.name, "expires": r.expires, "ratified": r.ratified or None, "current": r is rounds[-1]}
        for r in rounds
    ]
    if args.json:
        print_json({"rounds": rows})
        return 0
    for row in rows:
        state = f"ratified {row['ratified']}" if row["ratified"] else "open"
        expires = f", expires {row['expires']}" if row["expires"] else ""
        print(f"{row['round']:<8} {state}{expires}{'  (current)' if row['current'] else ''}")
    return 0


def _blame_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true")
    round_argument(p)


@command(
    "blame", "each line of a part: the round and pass that last wrote it, and the first", _blame_arguments
)
def cmd_blame(args: argparse.Namespace) -> int:
    from proposals.negotiation.blame import blame

    repo = open_repo(args)
    lines = blame(repo, args.id)
    if args.json:
        print_json({"part": args.id, "lines": [line.as_json() for line in lines]})
        return 0
    width = max((len(line.last.label) for line in lines if line.last), default=8)
    for line in lines:
        if line.last is None or line.first is None:
            print(f"{'':<{width}}  {'':<8}  {'':<10}  {'':<{width + 6}}  {line.text}")
            continue
        first = "" if line.first == line.last else f"from {line.first.label}"
        print(
            f"{line.last.label:<{width}}  {line.last.party or '-':<8}  {line.last.session or '-':<10}  "
            f"{first:<{width + 6}}  {line.text}"
        )
    return 0
