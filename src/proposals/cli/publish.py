"""Commands that publish to members: publish (the tracker site), update (the bargaining update)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from proposals.cli.registry import command, open_repo, round_argument
from proposals.errors import ProposalsError


def _publish_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="the site folder (outside the repo)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="also write the bargaining update since that date")
    round_argument(p)


@command(
    "publish", "a static bargaining-tracker site for members, from what is public only", _publish_arguments
)
def cmd_publish(args: argparse.Namespace) -> int:
    from proposals.publish.site import build_site

    repo = open_repo(args)
    done = build_site(repo, Path(args.output), since=args.since)
    print(f"Wrote {done.path / 'index.html'}: {done.parts} parts, {done.ta} TA'd, {done.pages} pages")
    return 0


def _update_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", metavar="YYYY-MM-DD", help="default: the last session (the latest update)")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--md", action="store_true", help="Markdown (the default)")
    fmt.add_argument("--html", action="store_true")
    fmt.add_argument("--docx", metavar="FILE")
    round_argument(p)


@command("update", "the bargaining update for members since a date", _update_arguments)
def cmd_update(args: argparse.Namespace) -> int:
    from proposals.publish.html import page
    from proposals.publish.public import public_record
    from proposals.publish.update import build_update, render_html_body, render_markdown, write_docx

    repo = open_repo(args)
    record = public_record(repo)
    since = args.since or record.last_session
    if not since:
        raise ProposalsError("nothing has been passed or agreed yet, so there is no update to write")
    update = build_update(record, since, args.until)
    if args.docx:
        target = Path(args.docx)
        if target.suffix.lower() != ".docx":
            raise ProposalsError("--docx needs a file name ending in .docx")
        write_docx(record, update, str(target))
        print(f"Wrote {target}")
    elif args.html:
        sys.stdout.write(
            page(
                f"Update since {update.since}",
                render_html_body(record, update),
                root="",
                site_name=f"{record.union} bargaining",
            )
        )
    else:
        sys.stdout.write(render_markdown(record, update))
    return 0
