"""Commands for team work: sync, resolve, repair, member."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from proposals.cli.registry import command, open_repo, print_notices
from proposals.errors import ProposalsError

if TYPE_CHECKING:
    from proposals.negotiation.repo import BargainingRepo


def _sync_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--remote", metavar="NAME", help="git remote (default: upstream, origin, the only one)")


@command("sync", "fetch, merge, push passes and TAs via the team remote", _sync_arguments)
def cmd_sync(args: argparse.Namespace) -> int:
    from pathlib import Path

    from proposals.team.fetching import started

    # git fetching before the model is imported: the start-up runs while git waits (issue 17)
    with started(Path(args.C), args.remote) as begun:
        from proposals.negotiation.repo import BargainingRepo
        from proposals.team.sync import sync

        if begun is None:
            repo = open_repo(args)
        else:
            repo = BargainingRepo.of_store(begun.store, shallow=begun.shallow)
        try:
            report = sync(repo, args.remote, begun)
        finally:
            print_notices(repo)  # what sync put back first (a sync killed mid-merge)
    where = f"{report.remote}/{report.branch}"
    for old, new in report.renumbered.items():
        print(f"Renumbered your unpushed pass {old} to {new}: {report.remote} already has a {old}")
    if report.received_tags:
        print(f"Received from {report.remote}: {', '.join(report.received_tags)}")
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if report.merge_conflicts:
        print(f"Merging {where} stopped on a conflict; nothing was pushed and nothing is lost:")
        for line in _conflicts(repo):
            print(f"  {line}")
        print("Then run proposals sync again.")
        return 1
    print(
        f"Synced with {where}: {report.integrated}"
        + (f"; pushed {', '.join(report.pushed)}" if report.pushed else "; nothing to push")
    )
    if _changed_anything(report):  # a no-op sync leaves the record as it was: nothing new to prove
        from proposals.negotiation.agreements import verify

        for problem in verify(repo):  # e.g. a pass made offline that changes text TA'd meanwhile
            print(f"warning: after sync, {problem.line()}; check with proposals verify", file=sys.stderr)
    if report.draft_conflicts or report.terms_conflicts:
        print("Your drafts of these articles were set aside because incoming passes changed them:")
        for line in _conflicts(repo):
            print(f"  {line}")
        return 1
    return 0


def _conflicts(repo: BargainingRepo) -> list[str]:
    """What a sync left to resolve; imported only by a sync that left something (issue 17)."""
    from proposals.team.conflicts import list_conflicts

    return list_conflicts(repo)


def _changed_anything(report) -> bool:
    """Whether a sync changed this repo or the remote: integrated, took in, renumbered or pushed
    something. The check after a sync (a full ``verify``, 0.3-0.6 s at 20,000 passes) looks at
    what this repo records, which a sync that did none of these left exactly as it found it."""
    return bool(
        report.integrated != "up to date"
        or report.received_tags
        or report.renumbered
        or report.pushed
        or report.draft_conflicts
        or report.terms_conflicts
        or report.merge_conflicts
    )


def _resolve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--keep", choices=["mine", "theirs"])
    p.add_argument(
        "--ta", metavar="ID", help="settle two TAs of one article recorded offline (article id or TA tag)"
    )


@command("resolve", "settle a conflict reported by sync (no ID: list them)", _resolve_arguments)
def cmd_resolve(args: argparse.Namespace) -> int:
    from proposals.team.conflicts import list_conflicts
    from proposals.team.sync import resolve

    repo = open_repo(args)
    if args.ta is not None:
        from proposals.team.ta_conflicts import resolve_ta

        if args.id is not None:
            raise ProposalsError("give either an article ID or --ta ID, not both")
        if args.keep is None:
            raise ProposalsError("say which TA stands: --keep mine or --keep theirs")
        print(resolve_ta(repo, args.ta, args.keep))
        return 0
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


def _repair_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="only list the problems")


@command("repair", "finish a crashed pass: missing tags, stray temp files", _repair_arguments)
def cmd_repair(args: argparse.Namespace) -> int:
    from proposals.team.integrity import find_problems, repair

    repo = open_repo(args)
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


def _member_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--name", metavar="NAME", help="your name, as passes made here record it")
    p.add_argument("--email", metavar="EMAIL", help="your email (with --name)")


@command("member", "who records passes in this working copy (set: --name and --email)", _member_arguments)
def cmd_member(args: argparse.Namespace) -> int:
    from proposals.team.member import member, set_member, suggested_member

    repo = open_repo(args)
    if args.name is None and args.email is None:
        here = member(repo)
        if here is not None:
            print(f"Passes made here record {here.line()}")
            return 0
        machine = suggested_member(repo)
        told = f"this machine's {machine.line()}" if machine else "no one (git has no identity)"
        print(f"No member set in this repo; passes would record {told}. Set: proposals member --name --email")
        return 0
    if args.name is None or args.email is None:
        raise ProposalsError("member needs both --name and --email")
    chosen = set_member(repo, args.name, args.email)
    print(f"Passes made here now record {chosen.line()} (in this repo's git config)")
    return 0
