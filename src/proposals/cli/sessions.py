"""The session command: open and close a day at the table, its notes and information requests."""

from __future__ import annotations

import argparse
from datetime import date

from proposals.cli.registry import command, open_repo, print_json, print_notices, round_argument


def _session_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    o = sub.add_parser("open", help="open a session (passes and TAs join it while it is open)")
    o.add_argument("date", metavar="YYYY-MM-DD")
    o.add_argument("--place", default="")
    o.add_argument("--union", default="", metavar="NAMES", help="our attendees, comma-separated")
    o.add_argument("--employer", default="", metavar="NAMES", help="theirs, comma-separated")
    o.add_argument("--start", default="", metavar="HH:MM")
    c = sub.add_parser("close", help="close the open session")
    c.add_argument("--end", default="", metavar="HH:MM")
    c.add_argument("--session", metavar="YYYY-MM-DD", help="default: the open session")
    a = sub.add_parser("attend", help="set the place or who attended")
    a.add_argument("--session", metavar="YYYY-MM-DD", help="default: the open session")
    a.add_argument("--place")
    a.add_argument("--union", metavar="NAMES")
    a.add_argument("--employer", metavar="NAMES")
    n = sub.add_parser("note", help="an internal note (never exported)")
    n.add_argument("text")
    n.add_argument("--time", default="", metavar="HH:MM")
    n.add_argument("--session", metavar="YYYY-MM-DD", help="default: the open session")
    r = sub.add_parser("request", help="an information request made at the session")
    r.add_argument("item")
    r.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    r.add_argument("--session", metavar="YYYY-MM-DD", help="default: the open session")
    w = sub.add_parser("answer", help="mark an information request answered")
    w.add_argument("id", metavar="R-N")
    w.add_argument("--note", default="")
    w.add_argument("--file", metavar="PATH", help="the document they gave us (kept in sessions/answers/)")
    w.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    s = sub.add_parser("show", help="what happened at a session")
    s.add_argument("date", nargs="?", metavar="YYYY-MM-DD", help="default: the open or last session")
    s.add_argument("--json", action="store_true")
    s.add_argument("--docx", metavar="FILE", help="a session summary for the team (no notes)")
    ls = sub.add_parser("list", help="every session of the round: passes, TAs, requests due")
    ls.add_argument("--json", action="store_true")
    q = sub.add_parser("requests", help="the round's information requests and their states")
    q.add_argument("--json", action="store_true")
    for shows in (s, ls, q):  # an earlier round's sessions and requests, read-only
        round_argument(shows)


@command("session", "bargaining sessions: attendance, notes, information requests", _session_arguments)
def cmd_session(args: argparse.Namespace) -> int:
    from proposals.negotiation import sessions

    repo = open_repo(args)
    today = date.today().isoformat()
    action = args.action
    if action == "open":
        record = sessions.start_session(
            repo, args.date, place=args.place, union=args.union, employer=args.employer, start=args.start
        )
        print(f"Session {record.date} is open" + (f" at {record.place}" if record.place else ""))
    elif action == "close":
        record = sessions.close_session(repo, session=args.session, end=args.end)
        print(f"Session {record.date} closed")
    elif action == "attend":
        record = sessions.set_attendance(
            repo, session=args.session, union=args.union, employer=args.employer, place=args.place
        )
        print(f"Session {record.date}: attendance recorded")
    elif action == "note":
        record = sessions.add_note(repo, args.text, session=args.session, time=args.time)
        print(f"Session {record.date}: note {len(record.notes)} recorded (internal, never exported)")
    elif action == "request":
        request = sessions.request_information(repo, args.item, due=args.due, session=args.session)
        print(f"Information request {request.id} ({request.requested}), due {request.due}")
    elif action == "answer":
        request = sessions.answer_request(repo, args.id, note=args.note, attachment=args.file, on=args.date)
        print(f"Information request {request.id} answered on {request.answered}")
    if action in ("open", "close", "attend", "note", "request", "answer"):
        print_notices(repo)
    if action == "show":
        return _show(repo, args, today)
    elif action == "list":
        days = sessions.session_days(repo)
        if args.json:
            print_json({"sessions": [_summary_json(d, today) for d in days]})
        else:
            _print_list(days, today)
    elif action == "requests":
        requests = sessions.round_requests(repo)
        if args.json:
            print_json({"requests": [r.as_json(today) for r in requests]})
        else:
            for r in requests:
                print(f"{r.id:<5} {r.state(today):<8} asked {r.requested}, due {r.due}  {r.item}")
            if not requests:
                print("No information requests.")
    return 0


def _summary_json(day, today: str) -> dict:
    return {
        "date": day.date,
        "place": day.record.place if day.record else "",
        "open": bool(day.record and not day.record.closed),
        "passes": [p.name for p in day.passes],
        "tas": [t.tag for t in day.tas],
        "packages": [{"package": e.package.id, "event": e.event} for e in day.packages],
        "reopened": [r.as_json() for r in day.reopened],
        "requests": [r.id for r in (day.record.requests if day.record else [])],
        "due": [r.id for r in day.due],
        "overdue": [r.id for r in day.due if r.state(today) == "overdue"],
    }


def _print_list(days, today: str) -> None:
    if not days:
        print("No sessions yet.")
    for day in days:
        state = " (open)" if day.record and not day.record.closed else ""
        bits = [f"{len(day.passes)} passes" if len(day.passes) != 1 else "1 pass"]
        if day.tas:
            bits.append(f"{len(day.tas)} TA")
        asked = day.record.requests if day.record else []
        if asked:
            bits.append(f"requests {', '.join(r.id for r in asked)}")
        bits.extend(f"package {e.package.id} {e.event}" for e in day.packages)
        if day.reopened:
            bits.append("reopens " + ", ".join(r.ta.article for r in day.reopened))
        if day.due:
            bits.append("due " + ", ".join(f"{r.id} ({r.state(today)})" for r in day.due))
        place = f"  {day.record.place}" if day.record and day.record.place else ""
        print(f"{day.date}{state}{place}: {'; '.join(bits)}")


def _show(repo, args: argparse.Namespace, today: str) -> int:
    from proposals.errors import ProposalsError
    from proposals.negotiation import sessions

    when = args.date
    if not when:
        current = sessions.open_session(repo)
        days = sessions.session_days(repo)
        if current is None and not days:
            raise ProposalsError("no sessions yet")
        when = current.date if current else days[-1].date
    day = sessions.session_day(repo, when)
    if args.docx:
        from proposals.negotiation.documents import export_session_summary

        done = export_session_summary(repo, day.date, args.docx)
        print(f"Wrote {done.path}: session {day.date} (team notes and requests' notes left out)")
        return 0
    if args.json:
        print_json(day.as_json(today))
        return 0
    for line in sessions.day_lines(repo, day, today):
        print(line)
    return 0
