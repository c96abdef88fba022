"""Commands that create or fill a bargaining repo: init, demo, clone, baseline."""

from __future__ import annotations

import argparse
from pathlib import Path

from proposals.cli.registry import command, open_repo


def _init_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--union", required=True, metavar="NAME")
    p.add_argument("--employer", required=True, metavar="NAME")


@command("init", "create a bargaining repo", _init_arguments)
def cmd_init(args: argparse.Namespace) -> int:
    from proposals.negotiation.repo import BargainingRepo

    target = Path(args.C) / args.dir
    BargainingRepo.init(target, args.union, args.employer)
    print(f"Initialised bargaining repo in {target}")
    return 0


def _demo_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", metavar="DIR")


@command("demo", "build a demo bargaining repo from the shipped sample contract", _demo_arguments)
def cmd_demo(args: argparse.Namespace) -> int:
    from proposals.demo.build import build_demo
    from proposals.negotiation.status import counts_line, status_rows

    target = Path(args.C) / args.dir
    repo = build_demo(target)
    print(f"Built the demo negotiation in {target}: {counts_line(status_rows(repo))}")
    return 0


def _clone_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", metavar="URL")
    p.add_argument("dir", metavar="DIR")


@command("clone", "a working copy of the team's bargaining repo", _clone_arguments)
def cmd_clone(args: argparse.Namespace) -> int:
    from proposals.negotiation.status import counts_line, status_rows
    from proposals.team.sync import clone

    target = Path(args.C) / args.dir
    repo = clone(args.url, target)
    print(f"Cloned into {target}: {counts_line(status_rows(repo))}")
    return 0


def _baseline_arguments(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--from-dir", metavar="DIR")
    group.add_argument("--from-docx", metavar="FILE")


@command("baseline", "import the contract in force and tag it baseline", _baseline_arguments)
def cmd_baseline(args: argparse.Namespace) -> int:
    from proposals.negotiation.baseline import import_baseline, read_text_dir

    repo = open_repo(args)
    if args.from_dir:
        source = Path(args.from_dir)
        texts = read_text_dir(source)
    else:
        from proposals.word.reader import read_docx_articles

        source = Path(args.from_docx)
        texts = read_docx_articles(source)
    import_baseline(repo, texts, str(source))
    print(f"Baseline imported: {len(texts)} articles, tagged baseline")
    return 0
