"""Commands that read the record: status, log, show, diff, provenance, verify."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date

from proposals.cli.registry import command, open_repo, print_json, round_argument
from proposals.errors import ProposalsError


def _status_arguments(p: argparse.ArgumentParser) -> None:
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    fmt.add_argument("--md", action="store_true")
    fmt.add_argument("--docx", metavar="FILE", help="the status chart as a Word document")
    fmt.add_argument("--xlsx", metavar="FILE", help="the status chart as a spreadsheet")
    round_argument(p)


SESSIONS_DIR = "sessions"  # negotiation.sessions.SESSIONS_DIR: status imports it only if there are records


@command("status", "every article's state", _status_arguments)
def cmd_status(args: argparse.Namespace) -> int:
    from proposals.negotiation.status import render_csv, render_markdown, render_table, status_rows

    repo = open_repo(args)
    if args.docx:
        from proposals.negotiation.documents import export_status_chart

        done = export_status_chart(repo, args.docx)
        print(f"Wrote {done.path}: {len(done.articles)} articles")
        return 0
    if args.xlsx:
        from proposals.negotiation.documents import export_status_sheet

        done = export_status_sheet(repo, args.xlsx)
        print(f"Wrote {done.path}: {len(done.articles)} articles")
        return 0
    rows = status_rows(repo)
    from proposals.negotiation.recovery import pending_journals

    if pending_journals(repo):  # a killed baseline/pass: the files may lag the record in git
        print(
            "warning: a recording was interrupted while writing its files; the record in git is "
            "whole: run proposals repair (or any recording command) to finish it",
            file=sys.stderr,
        )
    today = date.today().isoformat()
    overdue = []
    if not repo.read_only and os.path.lexists(repo.root / SESSIONS_DIR):  # else no request was made
        from proposals.negotiation.sessions import overdue_requests

        overdue = overdue_requests(repo, today)
    if args.json:
        shown = {"round": repo.history().round.name, "read_only": True} if repo.read_only else {}
        print_json(
            shown
            | {
                "articles": [r.as_json() for r in rows],
                "overdue_requests": [r.as_json(today) for r in overdue],
            }
        )
    elif args.csv:
        sys.stdout.write(render_csv(repo, rows))
    elif args.md:
        sys.stdout.write(render_markdown(repo, rows))
    else:
        if repo.read_only:
            shown_round = repo.history().round
            ratified = f", ratified {shown_round.ratified}" if shown_round and shown_round.ratified else ""
            print(f"Round {shown_round.name}{ratified}: as it ended, read-only")
        sys.stdout.write(render_table(repo, rows))
        for request in overdue:
            print(f"Overdue information request {request.id} (due {request.due}): {request.item}")
    return 0


def _log_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", nargs="?", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all-rounds", action="store_true", help="every round, not just the current one")


@command("log", "the passes, oldest first", _log_arguments)
def cmd_log(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    if args.json and not args.id and not repo.shallow:  # a shallow clone is refused by the history
        from proposals.negotiation.history_cache import cache_path, cached_rows

        found = cached_rows(repo.store, cache_path(repo.git_dir))
        if found is not None:
            _write_passes(_rows_shown(*found, args.all_rounds), args.all_rounds)
            return 0
    from proposals.negotiation.history import TARecord

    full = repo.full_history()
    rounds = full.all_rounds() if args.all_rounds else [repo.history().round or full.all_rounds()[-1]]
    if args.id:
        from proposals.contract.part import validate_id

        validate_id(args.id)
        if args.id not in repo.article_ids() and args.id not in full.events:
            raise ProposalsError(f"no article {args.id}")
    shown: list[tuple[str, list]] = []  # (round name, its events)
    for chosen in rounds:
        history = full.in_round(chosen)
        shown.append((chosen.name, history.events.get(args.id, []) if args.id else history.timeline))
    if args.json:
        passes = [(p, name) for name, events in shown for p in events if not isinstance(p, TARecord)]
        _write_passes(pass_fields(passes), args.all_rounds)
        return 0
    events = [e for _, round_events in shown for e in round_events]
    width = max((len(e.tag if isinstance(e, TARecord) else e.name) for e in events), default=0)
    for name, round_events in shown:
        if args.all_rounds:
            print(f"Round {name}")
        _print_events(repo, round_events, width)
    if not events:
        print("No passes yet.")
    return 0


def _rows_shown(rounds: list, rows: list[tuple], all_rounds: bool) -> list[tuple]:
    """``passes_json``'s rows of the round(s) ``log`` shows, from the history cache's rows
    (``cached_rows``): as ``History.in_round`` cuts the timeline, the last round unless `all_rounds`."""
    from proposals.negotiation.history import FIRST_ROUND, Round
    from proposals.negotiation.history_cache import PASS_ROW

    rounds = rounds or [Round(FIRST_ROUND, 0, None)]
    ends = [r.start for r in rounds[1:]] + [len(rows)]
    chosen = range(len(rounds)) if all_rounds else [len(rounds) - 1]
    return [
        (*row[1:5], row[7], row[8], rounds[i].name)
        for i in chosen
        for row in rows[rounds[i].start : ends[i]]
        if row[0] == PASS_ROW
    ]


def _write_passes(rows: list[tuple], with_round: bool) -> None:
    from proposals.cli.output import write_json, write_styled

    text = passes_json(rows, with_round) + "\n"
    if text.isascii() and "\x7f" not in text:  # every other ASCII control is escaped as JSON (\u0001)
        write_styled(text)  # for_json would change nothing: a 4 MB scan saved
    else:
        write_json(text)


def pass_fields(passes: list) -> list[tuple]:
    """``passes_json``'s rows from (pass record, round name) pairs."""
    return [(p.name, p.party, p.session, p.commit, p.articles, p.withdrawn, name) for p, name in passes]


def passes_json(rows: list[tuple], with_round: bool) -> str:
    """``indented_json({"passes": [p.as_json() (+ its round), ...]})``, byte for byte, laid out
    pass by pass from one template: at 20,000 passes the general layout was a third of
    ``log --json``. Rows of (name, party, session, commit, articles, withdrawn, round name)
    (``pass_fields``); tests/negotiation compares the two. A list of ids is laid out once
    however many passes share it."""
    from json.encoder import encode_basestring as quoted  # type: ignore[attr-defined]

    lists: dict[tuple[str, ...], str] = {(): "[]"}

    def items(ids: tuple[str, ...]) -> str:
        text = lists.get(ids)
        if text is None:
            text = lists[ids] = "[\n" + ",\n".join("        " + quoted(i) for i in ids) + "\n      ]"
        return text

    parts = [
        f'    {{\n      "pass": {quoted(name)},\n      "party": {quoted(party)},\n'
        f'      "session": {quoted(session)},\n      "commit": {quoted(commit)},\n'
        f'      "articles": {items(articles)},\n      "withdrawn": {items(withdrawn)}'
        + (f',\n      "round": {quoted(round_name)}' if with_round else "")
        + "\n    }"
        for name, party, session, commit, articles, withdrawn, round_name in rows
    ]
    if not parts:
        return '{\n  "passes": []\n}'
    return '{\n  "passes": [\n' + ",\n".join(parts) + "\n  ]\n}"


def _print_events(repo, events: list, width: int) -> None:
    from proposals.contract.escape import for_terminal
    from proposals.negotiation.history import TARecord

    for event in events:
        if isinstance(event, TARecord):
            what = f"{event.article} §{event.section}" if event.section else event.article
            signs = for_terminal(f"({event.union_sign} / {event.employer_sign})")  # from any clone
            print(f"{event.tag:<{width}}  {event.date}  TA        {what}  {signs}")
        else:
            party = (
                repo.config.party(event.party).name if event.party in ("union", "employer") else event.party
            )
            items = ", ".join(event.articles) + (
                ("; withdraws " if event.articles else "withdraws ") + ", ".join(event.withdrawn)
                if event.withdrawn
                else ""
            )
            who = for_terminal(party)
            print(f"{event.name:<{width}}  {event.session}  {event.party:<9} {items}  [{who}]")


def _show_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--at", default="draft", metavar="REV")


@command("show", "an article's text at a revision", _show_arguments)
def cmd_show(args: argparse.Namespace) -> int:
    repo = open_repo(args)
    sys.stdout.write(repo.text_at(args.id, args.at))
    return 0


def _use_colour(args: argparse.Namespace) -> bool:
    return (
        not args.markers
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM") != "dumb"
    )


def _diff_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--from", dest="from_rev", metavar="REV", help="default: the last pass before ours")
    p.add_argument("--to", dest="to_rev", default="draft", metavar="REV", help="default: draft")
    p.add_argument("--granularity", choices=["word", "sentence", "char"], default="word")
    p.add_argument("--normalize", action="store_true", help="ignore curly quotes, dashes, no-break spaces")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--markers", action="store_true", help="[-old-]{+new+} instead of colour")
    out.add_argument("--json", action="store_true")


@command("diff", "a word-level redline of an article between two revisions", _diff_arguments)
def cmd_diff(args: argparse.Namespace) -> int:
    from proposals.redline import diff_text, ops_to_json, render_ansi, render_markers

    repo = open_repo(args)
    source = args.from_rev or repo.default_from(args.id)
    old_label = repo.resolve(args.id, source).label
    new_label = repo.resolve(args.id, args.to_rev).label
    old = repo.text_at(args.id, source)
    new = repo.text_at(args.id, args.to_rev)
    ops = diff_text(old, new, granularity=args.granularity, normalize=args.normalize)
    if args.json:
        print_json(ops_to_json(ops, from_label=old_label, to_label=new_label))
        return 0
    if _use_colour(args):
        from proposals.cli.output import write_styled
        from proposals.contract.escape import for_output

        write_styled(f"\x1b[1m{args.id}: {for_output(old_label)} \u2192 {for_output(new_label)}\x1b[0m\n")
        write_styled(render_ansi(ops))  # it escapes the text it paints
    else:
        sys.stdout.write(render_markers(ops))
    return 0


def _provenance_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID")
    p.add_argument("--at", default="draft", metavar="REV")
    p.add_argument("--json", action="store_true")


@command("provenance", "which party first proposed each part of an article", _provenance_arguments)
def cmd_provenance(args: argparse.Namespace) -> int:
    from proposals.redline.provenance import provenance

    repo = open_repo(args)
    resolved = repo.resolve(args.id, args.at)
    text = repo.text_at(args.id, args.at)
    versions = repo.versions(args.id, upto=resolved.commit)
    if resolved.commit is None and (not versions or versions[-1].text != text):
        from proposals.redline.provenance import Version

        versions.append(Version("draft", "draft", text))
    spans = provenance(versions)
    if args.json:
        print_json(
            {
                "article": args.id,
                "at": resolved.label,
                "spans": [
                    {
                        "start": s.start,
                        "end": s.end,
                        "party": s.party,
                        "pass": s.label,
                        "text": text[s.start : s.end],
                    }
                    for s in spans
                ],
            }
        )
        return 0
    sys.stdout.write(render_provenance(text, spans))
    return 0


def render_provenance(text: str, spans: Sequence) -> str:
    """Each line with its main author in the margin; words another pass wrote, in {label: ...}."""
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        pieces = [
            (max(s.start, start), min(s.end, end), s.label) for s in spans if s.start < end and s.end > start
        ]
        if line.strip() and pieces:
            weight: dict[str, int] = {}
            for a, b, label in pieces:
                weight[label] = weight.get(label, 0) + (b - a)
            main = max(weight, key=lambda k: weight[k])
            body = "".join(
                text[a:b] if label == main else f"{{{label}: {text[a:b]}}}" for a, b, label in pieces
            )
            out.append(f"{main:>9}  {body}")
        else:
            out.append("")
        start = end + 1
    return "\n".join(out).rstrip("\n") + "\n"


def _verify_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true")


@command("verify", "check that every TA'd text is unchanged", _verify_arguments)
def cmd_verify(args: argparse.Namespace) -> int:
    import gc

    # The history, tags and diffs verify reads (100,000s of objects at 20,000 passes) all live until
    # it ends and none is garbage: the collector's passes over them were a tenth of its own CPU.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _verify(args)
    finally:
        if collecting:
            gc.enable()


def _verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from proposals.negotiation.changed_paths import ChangedPaths

    # git diffs every commit (the longest path) while the model and the checks load
    begun = ChangedPaths.begin(Path(args.C))
    if begun is None:
        repo = open_repo(args)  # which says why there is no repo here
        changed = ChangedPaths(repo.store)
    else:
        from proposals.negotiation.repo import BargainingRepo

        changed, store, shallow = begun
        repo = BargainingRepo.of_store(store, shallow=shallow)
    from proposals.negotiation.agreements import verify
    from proposals.team.integrity import extra_violations

    problems = verify(repo, also=lambda: extra_violations(repo), changed=changed)  # the same list, sooner
    history = repo.history()
    contingent, released = [], []
    if history.package_marks or any(t.contingent for t in history.tas):
        from proposals.negotiation.packages import contingent_tas, pending_contingency, released_tas

        contingent = [f"{t.tag} (on {pending_contingency(history, t)})" for t in contingent_tas(history)]
        released = [f"{t.tag} (on {t.contingent})" for t in released_tas(history)]
    if args.json:
        print_json(
            {
                "ok": not problems,
                "problems": [p.line() for p in problems],
                "contingent": contingent,
                "released": released,
            }
        )
    elif problems:
        for problem in problems:
            print(problem.line())
    else:
        tas = len(repo.full_history().tas) - len(released)  # every round's: all are proved
        print(f"All TA'd text is intact ({tas} TAs checked); every pass and TA tag is in place.")
    if not args.json and contingent:
        print(f"Contingent, not yet firm: {', '.join(contingent)}")
    if not args.json and released:
        print(f"Released (their package failed; reopening them is allowed): {', '.join(released)}")
    return 1 if problems else 0
