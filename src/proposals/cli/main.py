"""The ``proposals`` command line: a thin layer over the core library.

Every command takes ``-C DIR``, prints one line ``proposals: error: ...`` and exits non-zero on bad
input, and prints JSON with ``--json`` where the command's contract says so. The commands live in
the modules of this package, each declared with its arguments next to its handler
(``registry.command``); this module only builds the parser and runs one. See ARCHITECTURE.md.

Start-up is part of every command's time, so nothing is imported before it is needed:
``--version`` imports no command module and not even argparse, and a command imports only the
module that declares it (``COMMAND_INDEX``); help and unknown names import them all.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself is not imported: it costs more than --version's whole run
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import NoReturn

# The modules of proposals.cli that declare commands, in help order.
COMMAND_MODULES = (
    "setup", "recording", "sessions", "packages", "reading", "rounds", "word", "team", "publish",
    "costing", "terminal",
)  # fmt: skip

# Which module declares each command, so running one imports one module. A command missing here
# still works (every module is imported when a name is not found); a test keeps this complete.
COMMAND_INDEX = {
    "init": "setup",
    "demo": "setup",
    "clone": "setup",
    "baseline": "setup",
    "pass": "recording",
    "withdraw": "recording",
    "ta": "recording",
    "session": "sessions",
    "package": "packages",
    "status": "reading",
    "log": "reading",
    "show": "reading",
    "diff": "reading",
    "provenance": "reading",
    "verify": "reading",
    "round": "rounds",
    "blame": "rounds",
    "export": "word",
    "compile": "word",
    "import-docx": "word",
    "sync": "team",
    "resolve": "team",
    "repair": "team",
    "member": "team",
    "publish": "publish",
    "update": "publish",
    "cost": "costing",
    "roster": "costing",
    "tui": "terminal",
}


def command_name(argv: Sequence[str]) -> str | None:
    """The command word in `argv` (after ``-C DIR``), without parsing anything else."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "-C":
            i += 2
            continue
        if arg == "--":
            return argv[i + 1] if i + 1 < len(argv) else None
        if not arg.startswith("-"):
            return arg
        i += 1
    return None


def load_commands(name: str | None = None) -> None:
    """Import the module declaring command `name` (every command module when None or unknown)."""
    from importlib import import_module

    module = COMMAND_INDEX.get(name or "")
    for each in (module,) if module else COMMAND_MODULES:
        import_module(f"proposals.cli.{each}")


def _one_line_error(self: argparse.ArgumentParser, message: str) -> NoReturn:
    """Usage mistakes get the same one-line error as everything else (`proposals CMD -h` for help)."""
    where = self.prog.removeprefix("proposals").strip()
    self.exit(2, f"proposals: error: {where + ': ' if where else ''}{' '.join(message.split())}\n")


def _formatter(self: argparse.ArgumentParser) -> argparse.HelpFormatter:
    """argparse makes a help formatter for every ``add_argument`` only to check its metavar, and a
    formatter's default width asks ``shutil`` for the terminal's (shutil with bz2 and lzma: 2 ms of
    every command): a fixed width while the parser is built, the terminal's once help is shown."""
    if getattr(self, "building", False):
        return self.formatter_class(prog=self.prog, width=80)
    return self.formatter_class(prog=self.prog)


def build_parser(name: str | None = None) -> argparse.ArgumentParser:
    """The parser for command `name` alone when it is known (its module's other commands are
    not built either), else for every command."""
    import argparse

    from proposals.cli.registry import COMMANDS

    load_commands(name)
    one_line_parser = type(
        "OneLineParser",
        (argparse.ArgumentParser,),
        {"error": _one_line_error, "_get_formatter": _formatter, "building": True},
    )
    parser = one_line_parser(
        prog="proposals",
        description="Collective-bargaining proposals kept in git: passes, TAs, redlines, Word.",
    )
    parser.add_argument(
        "-C",
        metavar="DIR",
        default=".",
        help="the repo to work in (init, demo, clone: the folder to make it in); "
        "a file you name to read or write is relative to the current directory",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=one_line_parser)
    order = [f"proposals.cli.{m}" for m in COMMAND_MODULES]
    # A known command gets its own subparser alone: its module's others (a pass's withdraw and
    # ta) would only be built, their arguments checked by argparse's formatter, and dropped.
    chosen = [c for c in COMMANDS if c.name == name] if name in COMMAND_INDEX else COMMANDS
    for cmd in sorted(chosen, key=lambda c: order.index(c.handler.__module__)):
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        p.set_defaults(handler=cmd.handler)
        if cmd.arguments is not None:
            cmd.arguments(p)
    one_line_parser.building = False  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:
        from proposals import __version__

        print(f"proposals {__version__}")
        return 0
    name = command_name(argv)
    if name in (None, "tui"):  # the terminal UI draws the screen itself (and escapes for Textual)
        return _run(argv, name)
    from proposals.cli.output import guarded

    with guarded():  # nothing from the record reaches the terminal raw (cli/output.py)
        return _run(argv, name)


def _run(argv: Sequence[str], name: str | None) -> int:
    from proposals.errors import ProposalsError

    args = build_parser(name if name in COMMAND_INDEX else None).parse_args(argv)
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
        _print_repairs()
        print(f"proposals: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("proposals: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:  # a full disk, a read-only mount, permissions: not a bug, one line
        from proposals.store.oserrors import os_error_line

        print(f"proposals: error: {os_error_line(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback for users; PROPOSALS_DEBUG=1 shows one
        if os.environ.get("PROPOSALS_DEBUG"):
            raise
        print(f"proposals: internal error: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        return 3


def _print_repairs() -> None:
    """What the core repaired before the command refused: a user who sees only the refusal would
    not know a killed pass was tagged or a killed round close finished."""
    registry = sys.modules.get("proposals.cli.registry")
    if registry is not None:
        for repo in registry.OPENED:
            registry.print_notices(repo)
        registry.OPENED.clear()
