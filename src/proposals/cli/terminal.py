"""The terminal UI command (also plain ``proposals`` inside a bargaining repo)."""

from __future__ import annotations

import argparse
from pathlib import Path

from proposals.cli.registry import command, open_repo, round_argument
from proposals.errors import ProposalsError


def _tui_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", nargs="?", metavar="DIR")
    round_argument(p)


@command("tui", "open the terminal UI", _tui_arguments)
def cmd_tui(args: argparse.Namespace) -> int:
    repo = open_repo(args) if not getattr(args, "dir", None) else None
    from proposals.negotiation.repo import BargainingRepo

    if repo is None:
        repo = BargainingRepo.open(Path(args.C) / args.dir)
    try:
        from proposals_tui.app import run
    except ImportError as exc:
        raise ProposalsError(f"the terminal UI is not installed ({exc})") from None
    return run(repo.root, args.round)
