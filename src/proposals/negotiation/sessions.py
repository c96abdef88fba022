"""Bargaining sessions: the team's record of each day at the table.

A session record (``sessions/<date>.json``, committed for the team) holds what the passes do not:
the place, who attended for each side, start and end, internal notes and information requests.
What was passed and TA'd at a session is never copied here; ``session show`` derives it from the
history (passes by their Session trailer, TAs by their date). Notes and requests are private:
no export or publish code reads ``sessions/``.

A session belongs to the round of bargaining it was held in (``session_round``: the first round
ratified on or after its date), and so do the requests made at it: the listings, the requests
due and the overdue ones show the round ``repo`` shows. An earlier round's request left open is
that round's business, seen with ``--round NAME``, never reported overdue in the next round.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from proposals.errors import ProposalsError
from proposals.files import input_size
from proposals.negotiation.history import History, PassRecord, Round, TARecord, check_after_ratification
from proposals.negotiation.repo import BargainingRepo, recorder, validate_date
from proposals.store.validate import check_text

SESSIONS_DIR = "sessions"
TIME_RE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
REQUEST_ID_RE = re.compile(r"R-([0-9]{1,6})")
MAX_RECORD_BYTES = 1024 * 1024
REQUEST_STATES = ("open", "answered", "overdue")


def clean_text(value: str | None, what: str, *, multiline: bool = False, required: bool = True) -> str:
    """User text for a record: the one check of store.validate (a note may span lines)."""
    return check_text(
        value, what, multiline=multiline, max_length=10_000 if multiline else 200, allow_empty=not required
    )


def clean_time(value: str | None, what: str) -> str:
    if not value:
        return ""
    if not TIME_RE.fullmatch(value):
        raise ProposalsError(f"invalid {what} {value!r}: use HH:MM (24-hour)")
    return value


def split_names(value: str | None, what: str) -> list[str]:
    """'A. Rivera, K. Oyster' -> two attendees."""
    return [clean_text(n, what) for n in (value or "").split(",") if n.strip()]


@dataclass
class Note:
    text: str
    time: str = ""  # HH:MM at the table, when known


@dataclass
class InfoRequest:
    id: str  # ... numbered across the negotiation
    item: str
    requested: str  # the session date it was asked at
    due: str
    answered: str = ""  # the date it was answered, "" while open
    answer: str = ""  # a note on the answer
    attachment: str = ""  # repo path of the file that answered it

    def state(self, today: str) -> str:
        if self.answered:
            return "answered"
        return "overdue" if self.due < today else "open"

    def as_json(self, today: str) -> dict:
        return {**asdict(self), "state": self.state(today)}


@dataclass
class SessionRecord:
    date: str
    place: str = ""
    union: list[str] = field(default_factory=list)
    employer: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    closed: bool = False
    notes: list[Note] = field(default_factory=list)
    requests: list[InfoRequest] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def record_relpath(session: str) -> str:
    return f"{SESSIONS_DIR}/{validate_date(session, 'session date')}.json"


def _parse_record(session: str, raw: bytes) -> SessionRecord:
    where = record_relpath(session)
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        notes = [Note(str(n["text"]), str(n.get("time", ""))) for n in data.get("notes", [])]
        requests = [
            InfoRequest(**{k: str(v) for k, v in r.items() if k in InfoRequest.__dataclass_fields__})
            for r in data.get("requests", [])
        ]
        return SessionRecord(
            date=session,
            place=str(data.get("place", "")),
            union=[str(n) for n in data.get("union", [])],
            employer=[str(n) for n in data.get("employer", [])],
            start=str(data.get("start", "")),
            end=str(data.get("end", "")),
            closed=bool(data.get("closed", False)),
            notes=notes,
            requests=requests,
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise ProposalsError(f"{where} is corrupt: {exc}".splitlines()[0]) from None


def load_session(repo: BargainingRepo, session: str) -> SessionRecord | None:
    path = repo.root / record_relpath(session)
    if path.is_symlink():
        raise ProposalsError(f"{record_relpath(session)} is a symbolic link; it must be a plain file")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_RECORD_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ProposalsError(f"{record_relpath(session)}: {exc.strerror or exc}") from None
    if len(raw) > MAX_RECORD_BYTES:
        raise ProposalsError(f"{record_relpath(session)} is corrupt: larger than 1 MB")
    return _parse_record(session, raw)


def session_records(repo: BargainingRepo) -> list[SessionRecord]:
    """Every session record in the working tree, oldest first."""
    directory = repo.root / SESSIONS_DIR
    if directory.is_symlink():
        raise ProposalsError(f"{SESSIONS_DIR}/ is a symbolic link; it must be a plain folder in the repo")
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.glob("*.json")):
        try:
            validate_date(path.stem)
        except ProposalsError:
            continue
        record = load_session(repo, path.stem)
        if record is not None:
            out.append(record)
    return out


def session_round(history: History, day: str) -> Round | None:
    """The round a session on `day` was held in: the first ratified on or after it, else the
    last round (None in a repo that never closed a round: every session is its one round's)."""
    if not history.rounds:
        return None
    return next((r for r in history.rounds if r.ratified and day <= r.ratified), history.rounds[-1])


def round_records(repo: BargainingRepo) -> list[SessionRecord]:
    """The session records of the round `repo` shows (the current one, or an earlier one read-only)."""
    records = session_records(repo)
    history = repo.history()
    if history.round is None:
        return records
    return [r for r in records if session_round(history, r.date) is history.round]


def open_session(repo: BargainingRepo) -> SessionRecord | None:
    """The session now at the table (opened and not yet closed), if any."""
    return next((r for r in reversed(session_records(repo)) if not r.closed), None)


def default_session(repo: BargainingRepo) -> str | None:
    """What a pass, withdrawal or TA is dated by when nobody says: the open session, if any."""
    current = open_session(repo)
    return current.date if current else None


def _save(repo: BargainingRepo, record: SessionRecord, message: str, extra: tuple[str, ...] = ()) -> str:
    """Write the record and commit it (and any attachment) alone, dated by the session."""
    from proposals.negotiation.drafts import atomic_write
    from proposals.negotiation.passes import session_timestamp  # passes imports this module

    relpath = record_relpath(record.date)
    directory = repo.root / SESSIONS_DIR
    if directory.is_symlink():
        raise ProposalsError(f"{SESSIONS_DIR}/ is a symbolic link; it must be a plain folder in the repo")
    path = repo.root / relpath
    before = path.read_bytes() if path.exists() else None
    atomic_write(path, record.to_json())
    try:
        return repo.store.commit(message + "\n", [relpath, *extra], date=session_timestamp(record.date))
    except Exception:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            atomic_write(path, before)
        raise


def _require(repo: BargainingRepo, session: str | None) -> SessionRecord:
    if session:
        record = load_session(repo, validate_date(session, "session date"))
        if record is None:
            raise ProposalsError(f"no session {session}; open it with proposals session open {session}")
        return record
    record = open_session(repo)
    if record is None:
        raise ProposalsError("no session is open; open one with proposals session open YYYY-MM-DD")
    return record


@recorder
def start_session(
    repo: BargainingRepo,
    session: str,
    *,
    place: str = "",
    union: str = "",
    employer: str = "",
    start: str = "",
) -> SessionRecord:
    """Open a session: at most one is open at a time, and a date has one session."""
    repo.ensure_can_record()
    session = validate_date(session, "session date")
    check_after_ratification(repo.history(), session)
    place = clean_text(place, "--place", required=False)
    union_names = split_names(union, "--union")
    employer_names = split_names(employer, "--employer")
    start = clean_time(start, "--start")
    current = open_session(repo)
    if current is not None:
        raise ProposalsError(
            f"session {current.date} is still open; close it first (proposals session close)"
        )
    if load_session(repo, session) is not None:
        raise ProposalsError(f"session {session} already has a record; a date has one session")
    record = SessionRecord(session, place, union_names, employer_names, start=start)
    _save(repo, record, f"Session {session} opened" + (f" at {place}" if place else ""))
    return record


@recorder
def close_session(repo: BargainingRepo, *, session: str | None = None, end: str = "") -> SessionRecord:
    repo.ensure_can_record()
    record = _require(repo, session)
    if record.closed:
        raise ProposalsError(f"session {record.date} is already closed")
    record.end = clean_time(end, "--end") or record.end
    if record.start and record.end and record.end < record.start:
        raise ProposalsError(f"--end {record.end} is before the start {record.start}")
    record.closed = True
    _save(repo, record, f"Session {record.date} closed")
    return record


@recorder
def add_note(repo: BargainingRepo, text: str, *, session: str | None = None, time: str = "") -> SessionRecord:
    """An internal note (a caucus, a remark across the table): never exported."""
    repo.ensure_can_record()
    record = _require(repo, session)
    record.notes.append(Note(clean_text(text, "the note", multiline=True), clean_time(time, "--time")))
    _save(repo, record, f"Session {record.date}: team note")
    return record


@recorder
def set_attendance(
    repo: BargainingRepo,
    *,
    session: str | None = None,
    union: str | None = None,
    employer: str | None = None,
    place: str | None = None,
) -> SessionRecord:
    repo.ensure_can_record()
    record = _require(repo, session)
    if union is not None:
        record.union = split_names(union, "--union")
    if employer is not None:
        record.employer = split_names(employer, "--employer")
    if place is not None:
        record.place = clean_text(place, "--place", required=False)
    _save(repo, record, f"Session {record.date}: attendance")
    return record


def all_requests(repo: BargainingRepo) -> list[InfoRequest]:
    """Every request of every round (their ids run across the negotiation's whole life)."""
    return [r for record in session_records(repo) for r in record.requests]


def round_requests(repo: BargainingRepo) -> list[InfoRequest]:
    """The requests made in the round `repo` shows: what ``session requests`` lists."""
    return [r for record in round_records(repo) for r in record.requests]


def _next_request_id(repo: BargainingRepo) -> str:
    numbers = [int(m.group(1)) for m in (REQUEST_ID_RE.fullmatch(r.id) for r in all_requests(repo)) if m]
    return f"R-{max(numbers, default=0) + 1}"


@recorder
def request_information(
    repo: BargainingRepo, item: str, *, due: str, session: str | None = None
) -> InfoRequest:
    """An information request made at a session, due by a date."""
    repo.ensure_can_record()
    item = clean_text(item, "the requested item")
    due = validate_date(due, "--due date")
    record = _require(repo, session)
    if due < record.date:
        raise ProposalsError(f"--due {due} is before the session {record.date} that asks for it")
    request = InfoRequest(_next_request_id(repo), item, record.date, due)
    record.requests.append(request)
    _save(repo, record, f"Session {record.date}: information request {request.id}")
    return request


MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


def _find_request(repo: BargainingRepo, request_id: str) -> tuple[SessionRecord, InfoRequest]:
    for record in session_records(repo):
        for request in record.requests:
            if request.id == request_id:
                return record, request
    raise ProposalsError(f"no information request {request_id}")


@recorder
def answer_request(
    repo: BargainingRepo,
    request_id: str,
    *,
    note: str = "",
    attachment: str | None = None,
    on: str | None = None,
) -> InfoRequest:
    """Mark a request answered, with a note and/or the file they gave us (kept in sessions/)."""
    from pathlib import Path

    from proposals.negotiation.drafts import atomic_write

    repo.ensure_can_record()
    if not REQUEST_ID_RE.fullmatch(request_id or ""):
        raise ProposalsError(f"invalid request {request_id!r}: use its id, e.g. R-2")
    note = clean_text(note, "--note", multiline=True, required=False)
    on = validate_date(on or date.today().isoformat(), "--date")
    if not note and not attachment:
        raise ProposalsError("say how it was answered: --note TEXT and/or --file PATH")
    record, request = _find_request(repo, request_id)
    if request.answered:
        raise ProposalsError(f"{request_id} was already answered on {request.answered}")
    if on < request.requested:
        raise ProposalsError(f"--date {on} is before the request was made ({request.requested})")
    extra: tuple[str, ...] = ()
    if attachment:
        source = Path(attachment)
        input_size(source, "an attachment", MAX_ATTACHMENT_BYTES)
        suffix = re.sub(r"[^A-Za-z0-9.]", "", source.suffix)[:10]
        relpath = f"{SESSIONS_DIR}/answers/{request_id}{suffix}"
        atomic_write(repo.root / relpath, source.read_bytes())
        request.attachment = relpath
        extra = (relpath,)
    request.answered = on
    request.answer = note
    try:
        _save(repo, record, f"Information request {request_id} answered", extra)
    except Exception:
        for path in extra:
            (repo.root / path).unlink(missing_ok=True)
        raise
    return request


def overdue_requests(repo: BargainingRepo, today: str | None = None) -> list[InfoRequest]:
    """The round's requests past due and unanswered (an earlier round's are not this one's)."""
    today = today or date.today().isoformat()
    return [r for r in round_requests(repo) if r.state(today) == "overdue"]


@dataclass
class SessionDay:
    """A session as the team reviews it: the record plus what the history says happened."""

    date: str
    record: SessionRecord | None
    passes: list[PassRecord]
    tas: list[TARecord]
    due: list[InfoRequest]  # requests due that day
    packages: list = field(default_factory=list)  # packages.PackageEvent of the day
    reopened: list = field(default_factory=list)  # packages.Reopening: released TAs reopened

    def as_json(self, today: str, *, private: bool = True) -> dict:
        record = self.record or SessionRecord(self.date)
        data: dict = {
            "date": self.date,
            "place": record.place,
            "union": record.union,
            "employer": record.employer,
            "start": record.start,
            "end": record.end,
            "open": self.record is not None and not record.closed,
            "passes": [p.as_json() for p in self.passes],
            "tas": [
                {"article": t.article, "section": t.section, "tag": t.tag, "commit": t.commit}
                for t in self.tas
            ],
            "packages": [e.as_json() for e in self.packages],
            "reopened": [r.as_json() for r in self.reopened],
        }
        if private:
            data["notes"] = [asdict(n) for n in record.notes]
            data["requests"] = [r.as_json(today) for r in record.requests]
            data["due"] = [r.id for r in self.due]
        return data


def session_days(repo: BargainingRepo) -> list[SessionDay]:
    """Every session of the round: the dates of its records, passes and TAs, oldest first."""
    history = repo.history()
    records = {r.date: r for r in round_records(repo)}
    requests = [r for rec in records.values() for r in rec.requests]
    dates = set(records) | {p.session for p in history.passes if p.session} | {t.date for t in history.tas}
    events, reopened = [], []
    if history.package_marks:
        from proposals.negotiation.packages import package_events, reopenings  # packages imports us

        events, reopened = package_events(history), reopenings(history)
        dates |= {e.date for e in events}
    return [
        SessionDay(
            day,
            records.get(day),
            [p for p in history.passes if p.session == day],
            [t for t in history.tas if t.date == day],
            [r for r in requests if r.due == day and not r.answered],
            [e for e in events if e.date == day],
            [r for r in reopened if r.pass_record.session == day],
        )
        for day in sorted(dates)
    ]


def session_day(repo: BargainingRepo, session: str) -> SessionDay:
    session = validate_date(session, "session date")
    for day in session_days(repo):
        if day.date == session:
            return day
    history = repo.history()
    held = session_round(history, session) if history.round is not None else None
    if held is not None and held is not history.round and load_session(repo, session) is not None:
        raise ProposalsError(
            f"session {session} was in round {held.name}: "
            f"proposals session show {session} --round {held.name}"
        )
    raise ProposalsError(f"no session on {session}: no record, pass or TA that day")


def day_lines(repo: BargainingRepo, day: SessionDay, today: str) -> list[str]:
    """The text of ``session show``: the record, then the day's passes and TAs from the history."""
    record = day.record
    lines = [f"Session {day.date}" + (f", {record.place}" if record and record.place else "")]
    if record:
        if record.start or record.end:
            lines.append(
                f"  Time: {record.start or '?'}-{record.end or ('open' if not record.closed else '?')}"
            )
        for key in ("union", "employer"):
            names = getattr(record, key)
            if names:
                lines.append(f"  For {repo.config.party(key).name}: {', '.join(names)}")
    in_package = {e.package.commit: e.package.id for e in day.packages if e.event == "proposed"}
    for p in day.passes:
        what = ", ".join(p.articles)
        if p.withdrawn:
            what += ("; " if what else "") + "withdraws " + ", ".join(p.withdrawn)
        package = f", package {in_package[p.commit]}" if p.commit in in_package else ""
        lines.append(f"  Pass {p.name} ({repo.config.party(p.party).name}{package}): {what}")
    lines.extend(f"  {package_line(repo, e)}" for e in day.packages)
    for t in day.tas:
        what = f"{t.article} section {t.section}" if t.section else t.article
        contingent = f", contingent on {t.contingent}" if t.contingent else ""
        lines.append(f"  TA {what} ({t.tag}{contingent})")
    lines.extend(f"  {r.line()}" for r in day.reopened)
    if record:
        for r in record.requests:
            lines.append(f"  Request {r.id}: {r.item} (due {r.due}, {r.state(today)})")
        for n in record.notes:
            lines.append(f"  Note{' ' + n.time if n.time else ''}: {n.text}")
    for r in day.due:
        lines.append(f"  Due at this session: {r.id} {r.item} ({r.state(today)})")
    return lines


def package_line(repo: BargainingRepo, event) -> str:
    """One package event as the team reads it (``session show``, the session summary)."""
    package = event.package
    name = repo.config.party(package.party).name
    title = f"{package.id} ({package.title})"
    if event.event == "proposed":
        answers = f", answering {package.answers}" if package.answers else ""
        return f"Package {title} passed by {name} in {package.pass_name}{answers}"
    if event.event == "accepted":
        return f"Package {title} accepted: every part TA'd in one record"
    who = name if event.event == "withdrawn" else repo.config.party(repo.config.other(package.party)).name
    released = f"; released TAs contingent on it: {', '.join(event.released)}" if event.released else ""
    return f"Package {title} {event.event} by {who}{released}"


# -- carrying a set-aside round's records --------------------------------------------------------

ATTACHMENT_RE = re.compile(re.escape(SESSIONS_DIR) + r"/answers/(R-[0-9]{1,6})([A-Za-z0-9.]{0,10})")


@dataclass
class Carried:
    """What ``round carry-notes`` brought into a session of the current round."""

    target: str  # the current round's session the notes and requests were added to
    notes: dict[str, int] = field(default_factory=dict)  # set-aside session's date -> notes carried
    requests: dict[str, int] = field(default_factory=dict)  # its date -> information requests carried
    renumbered: dict[str, str] = field(default_factory=dict)  # id there -> id here (that id was taken)
    answered_there: list[str] = field(default_factory=list)  # here open, answered only there


def _checked_request(request: InfoRequest, where: str) -> InfoRequest:
    """A request read from a record we did not write in this tree: every field checked as
    ``session request`` / ``session answer`` check them, before anything is written."""
    if not REQUEST_ID_RE.fullmatch(request.id):
        raise ProposalsError(f"{where}: invalid request id {request.id!r}")
    what = f"{where}: request {request.id}"
    validate_date(request.requested, f"{what} requested date")
    validate_date(request.due, f"{what} due date")
    if request.answered:
        validate_date(request.answered, f"{what} answered date")
    if request.attachment and not ATTACHMENT_RE.fullmatch(request.attachment):
        raise ProposalsError(f"{what}: its file {request.attachment!r} is not under {SESSIONS_DIR}/answers/")
    return replace(
        request,
        item=clean_text(request.item, f"{what} item"),
        answer=clean_text(request.answer, f"{what} answer", multiline=True, required=False),
    )


@recorder
def carry_records(
    repo: BargainingRepo,
    target: str,
    records: Mapping[str, tuple[bytes, bytes | None]],
    attachment: Callable[[str], bytes | None],
    source: str,
) -> Carried:
    """Add to session `target` the notes and information requests of `records` (date -> its record
    on the set-aside branch, and as HEAD has it, if at all), from a round since ratified: such a
    session can be neither opened again nor added to (issue 17). Each note is marked with the day it
    was taken; a request keeps its dates, answer and file, and takes the next free id if another
    request holds its own (ids run across rounds). Whatever this tree already holds (shared before
    the round closed, or carried by an earlier run) is skipped, so running it twice adds nothing.
    Everything is read and checked first; then one commit, the record and files put back if it
    fails. `attachment` reads an answer's file on the branch; `source` names the branch."""
    from proposals.negotiation.drafts import atomic_write

    record = _require(repo, target)
    target = record.date
    carried = Carried(target)
    every = all_requests(repo)
    taken = {r.id for r in every}
    known = {(r.requested, r.item, r.due): r for r in every}
    notes = {n.text for n in record.notes}
    files: dict[str, bytes] = {}
    for day, (theirs, ours) in sorted(records.items()):
        where = f"{record_relpath(day)} on {source}"
        if len(theirs) > MAX_RECORD_BYTES:
            raise ProposalsError(f"{where} is corrupt: larger than 1 MB")
        there = _parse_record(day, theirs)
        here = _parse_record(day, ours).notes if ours is not None else []
        carried.notes[day] = carried.requests[day] = 0
        for note in there.notes:
            if note in here:
                continue  # shared before the round closed: it is in that round's record already
            when = f" {clean_time(note.time, f'{where}: a note time')}" if note.time else ""
            text = clean_text(f"From session {day}{when}: {note.text}", f"{where}: a note", multiline=True)
            if text in notes:
                continue  # carried by an earlier run
            notes.add(text)
            record.notes.append(Note(text))
            carried.notes[day] += 1
        for request in there.requests:
            request = _checked_request(request, where)
            same = known.get((request.requested, request.item, request.due))
            if same is not None:  # shared before the round closed, or carried by an earlier run
                if request.answered and not same.answered:
                    carried.answered_there.append(same.id)
                continue
            number = request.id
            if number in taken:
                ids = (REQUEST_ID_RE.fullmatch(i) for i in taken)
                number = f"R-{max((int(m[1]) for m in ids if m), default=0) + 1}"
                carried.renumbered[request.id] = number
            taken.add(number)
            if request.attachment:
                match = ATTACHMENT_RE.fullmatch(request.attachment)
                assert match is not None  # _checked_request
                data = attachment(request.attachment)
                if data is None:
                    raise ProposalsError(f"{where}: {request.id}'s file {request.attachment} is missing")
                relpath = f"{SESSIONS_DIR}/answers/{number}{match[2]}"
                path = repo.root / relpath
                if path.is_symlink() or (path.exists() and path.read_bytes() != data):
                    raise ProposalsError(f"{relpath} is already here with other content; move it away first")
                files[relpath] = data
                request = replace(request, attachment=relpath)
            request = replace(request, id=number)
            known[(request.requested, request.item, request.due)] = request
            record.requests.append(request)
            carried.requests[day] += 1
    if not sum(carried.notes.values()) + sum(carried.requests.values()):
        return carried
    created = [relpath for relpath in files if not (repo.root / relpath).exists()]
    try:
        for relpath, data in files.items():
            atomic_write(repo.root / relpath, data)
        days = ", ".join(d for d in carried.notes if carried.notes[d] or carried.requests[d])
        _save(repo, record, f"Session {target}: notes and requests carried from session {days}", tuple(files))
    except BaseException:
        for relpath in created:
            (repo.root / relpath).unlink(missing_ok=True)
        raise
    return carried
