"""The command registry: each command module declares its commands and their arguments here.

A command is a handler (``args -> exit code``) plus a function that adds its arguments, declared
next to the handler with ``@command``. ``main.build_parser`` turns the registry into argparse.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import argparse

Handler = Callable[["argparse.Namespace"], int]
Arguments = Callable[["argparse.ArgumentParser"], None]


class Command(NamedTuple):
    name: str
    help: str
    handler: Handler
    arguments: Arguments | None


COMMANDS: list[Command] = []


def command(name: str, help: str, arguments: Arguments | None) -> Callable[[Handler], Handler]:
    """Register ``handler`` as ``proposals NAME``; ``arguments`` adds its options."""

    def register(handler: Handler) -> Handler:
        COMMANDS.append(Command(name, help, handler, arguments))
        return handler

    return register


def open_repo(args: argparse.Namespace):
    """The bargaining repo that ``-C`` points at (the current directory by default); with
    ``--round NAME`` (:func:`round_argument`) that earlier round, read-only."""
    from proposals.negotiation.repo import BargainingRepo

    repo = BargainingRepo.open(args.C)
    OPENED.append(repo)
    return repo.shown_round(args.round) if hasattr(args, "round") else repo


# The repos this command opened: what the core repaired on its own before a recorder refused
# (a killed pass tagged, a killed close finished) is said even then (cli/main.py).
OPENED: list = []


def round_argument(p: argparse.ArgumentParser) -> None:
    """``--round NAME``: show an earlier round as it ended, read-only (status, export, compile, publish,
    update, tui)."""
    p.add_argument("--round", metavar="NAME", help="an earlier round, read-only (default: the current one)")


def print_notices(repo) -> None:
    """What the core did on its own while recording (it finished an interrupted pass, say)."""
    for line in repo.take_notices():
        print(line, file=sys.stderr)


def print_json(data: object) -> None:
    from proposals.cli.output import indented_json, write_json

    write_json(indented_json(data) + "\n")


def print_recorded(repo, result, *, dry_run: bool = False) -> None:
    """What a recorded pass says, from the CLI and from import-docx alike (``dry_run``: would say)."""
    print_notices(repo)
    party = repo.config.party(result.party).name
    verb = "Would record" if dry_run else "Recorded"
    print(f"{verb} {party} pass {result.name} (session {result.session}): {', '.join(result.articles)}")
    for note in result.notes:
        print(note)
    for article_id, ref in result.saved_drafts.items():
        print(f"Your draft of {article_id} was kept at {ref} (proposals show {article_id} --at {ref})")
