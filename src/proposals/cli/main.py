"""The ``proposals`` command line: a thin layer over the core library.

Every command takes ``-C DIR``, prints one line ``proposals: error: ...`` and exits non-zero on bad
input, and prints JSON with ``--json`` where the command's contract says so. The commands live in
the modules of this package, each declared with its arguments next to its handler
(``registry.command``); this module only builds the parser and runs one. See ARCHITECTURE.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from proposals.cli import costing, publish, reading, recording, setup, team, terminal, word
from proposals.cli.registry import COMMANDS
from proposals.errors import ProposalsError

# Imported for their @command; the order is the order of `proposals -h`.
COMMAND_MODULES = (setup, recording, reading, word, team, publish, costing, terminal)


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
    order = [m.__name__ for m in COMMAND_MODULES]
    for cmd in sorted(COMMANDS, key=lambda c: order.index(c.handler.__module__)):
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        p.set_defaults(handler=cmd.handler)
        if cmd.arguments is not None:
            cmd.arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from proposals import __version__

        print(f"proposals {__version__}")
        return 0
    try:
        if args.command is None:
            args.dir = None
            from proposals.cli.terminal import cmd_tui

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
