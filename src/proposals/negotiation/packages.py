"""Package proposals: several parts passed together, accepted or rejected as a whole.

A package is a pass carrying a ``Package: P-n`` trailer (its title, and the package it answers,
in more trailers), recorded through the one pass path. Its outcome is one more record: accepting
it TAs every part in one commit; rejecting it is an empty commit; withdrawing it is a pass by the
same party that puts each part back as it stood before the package (a part new in the package is
withdrawn). TAs contingent on a package that failed no longer stand (``history.current_tas``).
Everything here is derived from the history; nothing is stored twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proposals.contract.part import blob_hash
from proposals.errors import ProposalsError
from proposals.negotiation.history import (
    T_PACKAGE,
    T_PACKAGE_ACCEPTED,
    T_PACKAGE_ANSWERS,
    T_PACKAGE_REJECTED,
    T_PACKAGE_TITLE,
    T_PACKAGE_WITHDRAWN,
    T_SESSION,
    T_TA_CONTINGENT,
    T_TA_DATE,
    T_TA_EMPLOYER,
    T_TA_PARTS,
    T_TA_TAG,
    T_TA_UNION,
    T_WITHDRAWN,
    History,
    PassRecord,
    TARecord,
    current_tas,
)
from proposals.negotiation.repo import BargainingRepo, recorder
from proposals.store.validate import check_pattern, check_text, date_or_today

if TYPE_CHECKING:  # recording a package needs the pass path; reading packages (status) does not
    from proposals.negotiation.passes import PassResult

PACKAGE_ID_RE = re.compile(r"P-([0-9]{1,6})")
PACKAGE_STATES = ("open", "countered", "accepted", "rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class Package:
    id: str
    title: str
    party: str
    session: str
    pass_name: str
    commit: str
    parts: tuple[str, ...]
    answers: str  # the package this one answers, "" if none
    state: str
    settled: str = ""  # the date (or pass) of its outcome

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "party": self.party,
            "session": self.session,
            "pass": self.pass_name,
            "parts": list(self.parts),
            "answers": self.answers or None,
            "state": self.state,
            "settled": self.settled or None,
        }


def packages(history: History) -> list[Package]:
    """Every package in the order proposed, with its state from the records after it."""
    passes = {p.commit: p for p in history.passes}
    found: dict[str, Package] = {}
    for commit, trailers in history.package_marks:
        record = passes.get(commit)
        if T_PACKAGE in trailers and record is not None:
            pid = trailers[T_PACKAGE]
            answers = trailers.get(T_PACKAGE_ANSWERS, "")
            found[pid] = Package(
                pid,
                trailers.get(T_PACKAGE_TITLE, ""),
                record.party,
                record.session,
                record.name,
                commit,
                record.articles,
                answers,
                "open",
            )
            if answers in found and found[answers].state == "open":
                found[answers] = _settled(found[answers], "countered", record.name)
        for key, state in (
            (T_PACKAGE_ACCEPTED, "accepted"),
            (T_PACKAGE_REJECTED, "rejected"),
            (T_PACKAGE_WITHDRAWN, "withdrawn"),
        ):
            pid = trailers.get(key, "")
            if pid in found:
                when = trailers.get(T_TA_DATE) or trailers.get(T_SESSION, "")
                found[pid] = _settled(found[pid], state, when)
    return list(found.values())


def _settled(package: Package, state: str, when: str) -> Package:
    from dataclasses import replace

    return replace(package, state=state, settled=when)


def find_package(history: History, package_id: str) -> Package:
    check_pattern(package_id, PACKAGE_ID_RE, "package", "use its id, e.g. P-3")
    for package in packages(history):
        if package.id == package_id:
            return package
    raise ProposalsError(f"no package {package_id}")


def open_package_of(history: History) -> dict[str, str]:
    """Part id -> the open package its text on the table belongs to (for status and the board)."""
    out: dict[str, str] = {}
    for package in packages(history):
        if package.state not in ("open", "countered"):
            continue
        for part in package.parts:
            last = history.last_pass(part)
            if last is not None and last.commit == package.commit:
                out[part] = package.id
    return out


def next_package_id(history: History) -> str:
    numbers = [int(m.group(1)) for m in (PACKAGE_ID_RE.fullmatch(p.id) for p in packages(history)) if m]
    return f"P-{max(numbers, default=0) + 1}"


@recorder
def record_package(
    repo: BargainingRepo,
    party: str,
    ids: Sequence[str],
    *,
    title: str,
    answers: str | None = None,
    session: str | None = None,
    number: str | None = None,
    message: str = "",
    texts: dict[str, str] | None = None,
    reopen: bool = False,
    allow_retreat: bool = True,
) -> tuple[Package, PassResult]:
    """A pass that is a package: all or nothing. `answers` names the package it counters."""
    from proposals.negotiation.passes import record_pass

    title = check_text(title, "the package title (--package)", max_length=120)
    if len(dict.fromkeys(ids)) < 2:
        raise ProposalsError("a package ties at least two parts together; name two or more")
    history = repo.history()
    extra = [(T_PACKAGE, next_package_id(history)), (T_PACKAGE_TITLE, title)]
    if answers is not None:
        answered = find_package(history, answers)
        if answered.party == party:
            raise ProposalsError(
                f"{answers} is the {party}'s own package; a counter-package answers the other's"
            )
        if answered.state not in ("open", "countered"):
            raise ProposalsError(f"{answers} is {answered.state}; there is nothing to answer")
        extra.append((T_PACKAGE_ANSWERS, answered.id))
    result = record_pass(
        repo,
        party,
        ids,
        session=session,
        number=number,
        message=message,
        texts=texts,
        reopen=reopen,
        trailers=extra,
        allow_retreat=allow_retreat,
    )
    return find_package(repo.history(), extra[0][1]), result


def _pending(repo: BargainingRepo, package_id: str) -> Package:
    package = find_package(repo.history(), package_id)
    if package.state not in ("open", "countered"):
        raise ProposalsError(f"package {package.id} is already {package.state} ({package.settled})")
    history = repo.history()
    for part in package.parts:
        events = history.events.get(part, [])
        later = events[[getattr(e, "commit", "") for e in events].index(package.commit) + 1 :]
        moved = [e for e in later if isinstance(e, PassRecord) or e.contingent != package.id]
        if moved:
            what = f"pass {moved[0].name}" if isinstance(moved[0], PassRecord) else f"TA {moved[0].tag}"
            raise ProposalsError(
                f"{part} has moved on since {package.id} ({what}); the package no longer stands as one"
            )
    return package


@recorder
def accept_package(
    repo: BargainingRepo,
    package_id: str,
    *,
    union_sign: str,
    employer_sign: str,
    ta_date: str | None = None,
) -> list[TARecord]:
    """One record that TAs every part of the package, each locked by its text's hash."""
    from proposals.negotiation.agreements import _one_line, contingency
    from proposals.negotiation.passes import session_timestamp
    from proposals.negotiation.sessions import default_session

    union_sign = _one_line(union_sign, "--union-sign")
    employer_sign = _one_line(employer_sign, "--employer-sign")
    ta_date = date_or_today(ta_date if ta_date is not None else default_session(repo), "TA date")
    repo.ensure_can_record()
    package = _pending(repo, package_id)
    if ta_date < package.session:
        raise ProposalsError(f"TA date {ta_date} is before the package was passed ({package.session})")
    parts = []
    for part in package.parts:
        text = repo.text_at_commit(part, package.commit)
        if text is None:
            raise ProposalsError(f"{part} has no text in {package.id}")
        parts.append(f"{part}={blob_hash(text)}")
    tag = f"ta-{package.id}"
    if tag in repo.store.tag_names():
        raise ProposalsError(f"tag {tag} already exists")
    contingent = contingency(repo, None)
    trailers = [
        (T_PACKAGE_ACCEPTED, package.id),
        (T_TA_PARTS, ", ".join(parts)),
        (T_TA_UNION, union_sign),
        (T_TA_EMPLOYER, employer_sign),
        (T_TA_DATE, ta_date),
        (T_TA_TAG, tag),
        (T_TA_CONTINGENT, contingent),
    ]
    message = (
        f"Tentative agreement: package {package.id} ({package.title}): {', '.join(package.parts)}\n\n"
        + "\n".join(f"{k}: {v}" for k, v in trailers if v)
        + "\n"
    )
    stamp = session_timestamp(ta_date)
    commit = repo.store.commit(message, allow_empty=True, date=stamp)
    repo.store.tag(
        tag,
        commit,
        f"Tentative agreement on package {package.id}: {', '.join(package.parts)}, {ta_date}\n\n"
        f"For the union: {union_sign}\nFor the employer: {employer_sign}\n",
        date=stamp,
    )
    repo.invalidate()
    return [t for t in repo.history().tas if t.commit == commit]


@recorder
def reject_package(repo: BargainingRepo, package_id: str, *, session: str | None = None) -> Package:
    """The other side turns the package down as a whole; its contingent TAs fall with it."""
    from proposals.negotiation.passes import session_timestamp
    from proposals.negotiation.sessions import default_session

    session = date_or_today(session if session is not None else default_session(repo), "session date")
    repo.ensure_can_record()
    package = find_package(repo.history(), package_id)
    if package.state not in ("open", "countered"):
        raise ProposalsError(f"package {package.id} is already {package.state} ({package.settled})")
    if session < package.session:
        raise ProposalsError(f"session {session} is before the package was passed ({package.session})")
    rejecter = repo.config.other(package.party)
    trailers = [(T_PACKAGE_REJECTED, package.id), (T_SESSION, session)]
    message = (
        f"{repo.config.party(rejecter).name} rejects package {package.id} ({package.title})\n\n"
        + "\n".join(f"{k}: {v}" for k, v in trailers)
        + "\n"
    )
    repo.store.commit(message, allow_empty=True, date=session_timestamp(session))
    repo.invalidate()
    return find_package(repo.history(), package.id)


@recorder
def withdraw_package(
    repo: BargainingRepo,
    package_id: str,
    *,
    session: str | None = None,
    number: str | None = None,
) -> PassResult:
    """A pass by the package's party putting each part back as it stood before the package."""
    from proposals.negotiation.passes import record_pass, withdraw

    repo.ensure_can_record()
    package = _pending(repo, package_id)
    history = repo.history()
    parent = repo.store.rev_parse(f"{package.commit}^")
    before = {p: (repo.text_at_commit(p, parent) if parent else None) for p in package.parts}
    restore = {p: t for p, t in before.items() if t is not None}
    new = [p for p, t in before.items() if t is None]
    for part in package.parts:
        events = history.events.get(part, [])
        idx = [getattr(e, "commit", "") for e in events].index(package.commit)
        if idx and isinstance(events[idx - 1], PassRecord) and part in events[idx - 1].withdrawn:
            new.append(part)  # it was withdrawn before the package: withdrawn again
            restore.pop(part, None)
    marks = [(T_PACKAGE_WITHDRAWN, package.id)]
    message = f"Withdraws package {package.id} ({package.title})"
    if restore:
        if new:
            marks.append((T_WITHDRAWN, ", ".join(new)))
        result = record_pass(
            repo,
            package.party,
            list(restore),
            session=session,
            number=number,
            message=message,
            texts=restore,
            reopen=True,
            trailers=marks,
        )
        result.withdrawn = new
        return result
    return withdraw(repo, package.party, new, session=session, number=number, message=message, trailers=marks)


def accepted_packages(history: History) -> set[str]:
    return history.packages_marked((T_PACKAGE_ACCEPTED,))


def pending_contingency(history: History, ta: TARecord) -> str:
    """What a TA still hangs on: "" once firm (no contingency, or its package was accepted)."""
    if not ta.contingent or ta.contingent in accepted_packages(history):
        return ""
    return ta.contingent


def released_tas(history: History) -> list[TARecord]:
    """TAs that stood on a package that failed: reopening them is allowed, and shown."""
    failed = history.failed_packages()
    return [t for t in history.tas if t.contingent in failed]


def contingent_tas(history: History) -> list[TARecord]:
    """Standing TAs that are still contingent (on a package or on the whole agreement)."""
    return [
        t
        for a in sorted(history.article_ids())
        for t in current_tas(history, a)
        if pending_contingency(history, t)
    ]


PACKAGE_EVENTS = ("proposed", "accepted", "rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class PackageEvent:
    """One thing that happened to a package on a day: proposed (or countered), then its outcome."""

    date: str
    event: str  # one of PACKAGE_EVENTS
    package: Package
    released: tuple[str, ...] = ()  # tags of TAs contingent on it that fell with it

    def as_json(self) -> dict:
        return {
            "package": self.package.id,
            "event": self.event,
            "title": self.package.title,
            "party": self.package.party,
            "pass": self.package.pass_name,
            "parts": list(self.package.parts),
            "answers": self.package.answers or None,
            "released": list(self.released),
        }


def package_events(history: History) -> list[PackageEvent]:
    """Every package's proposal and outcome, in date order: what a session or an update reports."""
    events = []
    for package in packages(history):
        events.append(PackageEvent(package.session, "proposed", package))
        if package.state in ("accepted", "rejected", "withdrawn") and package.settled:
            released = ()
            if package.state != "accepted":
                released = tuple(t.tag for t in history.tas if t.contingent == package.id)
            events.append(PackageEvent(package.settled, package.state, package, released))
    return sorted(events, key=lambda e: e.date)


@dataclass(frozen=True, slots=True)
class Reopening:
    """A pass that changed a part whose contingent TA its failed package had released: allowed."""

    pass_record: PassRecord
    ta: TARecord

    def line(self) -> str:
        what = f"section {self.ta.section} of {self.ta.article}" if self.ta.section else self.ta.article
        return (
            f"Pass {self.pass_record.name} reopens {what}: TA {self.ta.tag} was contingent on "
            f"{self.ta.contingent}, which failed (allowed)"
        )

    def as_json(self) -> dict:
        return {
            "pass": self.pass_record.name,
            "article": self.ta.article,
            "section": self.ta.section,
            "ta": self.ta.tag,
            "package": self.ta.contingent,
        }


def reopenings(history: History) -> list[Reopening]:
    """Each released TA and the first pass after it that put new text of its part on the table.

    Derived from the history (the pass is the record), so nothing can disagree with it; a firm
    TA changed the same way is a violation in ``verify`` instead."""
    out = []
    for ta in released_tas(history):
        events = history.events.get(ta.article, [])
        later = events[events.index(ta) + 1 :] if ta in events else []
        if any(isinstance(e, TARecord) and e.section == ta.section for e in later):
            continue  # agreed again since: that TA is the record now
        reopened = next((e for e in later if isinstance(e, PassRecord) and ta.article in e.articles), None)
        if reopened is not None:
            out.append(Reopening(reopened, ta))
    return out


def released_in(history: History, article_ids: Sequence[str]) -> list[TARecord]:
    """Released TAs (their package failed) still the last word on these parts: a pass over one of
    them reopens it, which is allowed and reported."""
    wanted = set(article_ids)
    out = []
    for ta in released_tas(history):
        if ta.article not in wanted:
            continue
        events = history.events.get(ta.article, [])
        later = events[events.index(ta) + 1 :] if ta in events else []
        if not any(isinstance(e, PassRecord) and ta.article in e.articles for e in later) and not any(
            isinstance(e, TARecord) and e.section == ta.section for e in later
        ):
            out.append(ta)
    return out
