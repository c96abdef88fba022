"""The negotiation's history, read from git in one ``git log`` call.

Passes, withdrawals, TAs and the baseline are commits with trailers; everything the status chart,
the log and revision names need is derived from this one index, never stored twice.
"""

from __future__ import annotations

import functools
import gc
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from proposals.contract.part import ID_RE, SECTION_NUMBER_RE, blob_hash, section_text
from proposals.errors import ProposalsError
from proposals.negotiation.config import PARTIES
from proposals.store.git import GitStore
from proposals.store.log import SHA_RE, LogRecord, LogStream, log_format, parse_records
from proposals.store.validate import check_date, has_control

T_PARTY = "Proposal-Party"
T_PASS = "Pass"
T_SESSION = "Session"
T_ARTICLES = "Articles"
T_WITHDRAWN = "Withdrawn"
T_TA_ARTICLE = "TA-Article"
T_TA_SECTION = "TA-Section"
T_TA_BLOB = "TA-Blob"
T_TA_UNION = "TA-Union-Sign"
T_TA_EMPLOYER = "TA-Employer-Sign"
T_TA_DATE = "TA-Date"
T_TA_TAG = "TA-Tag"
T_BASELINE = "Baseline"
# Packages (negotiation/packages.py): a pass carrying Package is the package P-n; its outcome is a
# later commit: one accepting it (TAs every part: TA-Parts "id=blob, ..."), rejecting or withdrawing it.
T_PACKAGE = "Package"
T_PACKAGE_TITLE = "Package-Title"
T_PACKAGE_ANSWERS = "Package-Answers"
T_PACKAGE_ACCEPTED = "Package-Accepted"
T_PACKAGE_REJECTED = "Package-Rejected"
T_PACKAGE_WITHDRAWN = "Package-Withdrawn"
T_TA_PARTS = "TA-Parts"
T_TA_CONTINGENT = "TA-Contingent"  # a package id, or "agreement" (the ground rule)
# A TA conflict settled by `proposals resolve --ta`: the record that no longer stands.
T_TA_SUPERSEDED = "TA-Superseded-Commit"
T_TA_SUPERSEDED_AS = "TA-Superseded-As"  # the tag name the superseded TA is kept under
BASELINE_TAG = "baseline"
T_ROUND_OPEN = "Round-Open"
T_ROUND_EXPIRES = "Round-Expires"
T_ROUND_CLOSED = "Round-Closed"
T_RATIFIED = "Ratified"
FIRST_ROUND = "1"  # the name of a repo's first round until closing it names it

PASS_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
# A later round's TA tags carry the round (2028/ta-staffing), so rounds never collide.
TA_TAG_RE = re.compile(r"(?:[A-Za-z0-9][A-Za-z0-9._-]{0,39}/)?ta-[A-Za-z0-9][A-Za-z0-9_.-]{0,100}")
# Every trailer the history reads, each asked of git's own trailer parser (store.log).
HISTORY_KEYS = (
    T_PARTY,
    T_PASS,
    T_SESSION,
    T_ARTICLES,
    T_WITHDRAWN,
    T_TA_ARTICLE,
    T_TA_SECTION,
    T_TA_BLOB,
    T_TA_UNION,
    T_TA_EMPLOYER,
    T_TA_DATE,
    T_TA_TAG,
    T_BASELINE,
    T_TA_SUPERSEDED,
    T_PACKAGE,
    T_PACKAGE_TITLE,
    T_PACKAGE_ANSWERS,
    T_PACKAGE_ACCEPTED,
    T_PACKAGE_REJECTED,
    T_PACKAGE_WITHDRAWN,
    T_ROUND_OPEN,
    T_ROUND_EXPIRES,
    T_ROUND_CLOSED,
    T_RATIFIED,
    T_TA_PARTS,
    T_TA_CONTINGENT,
)
LOG_FORMAT = log_format(HISTORY_KEYS)


@dataclass(frozen=True, slots=True)
class PassRecord:
    """A pass: one commit putting parts' text on the table (or withdrawing them) for a party."""

    name: str
    party: str
    session: str
    commit: str
    author: str
    subject: str
    articles: tuple[str, ...]
    withdrawn: tuple[str, ...]

    def as_json(self) -> dict:
        return {
            "pass": self.name,
            "party": self.party,
            "session": self.session,
            "commit": self.commit,
            "articles": list(self.articles),
            "withdrawn": list(self.withdrawn),
        }


@dataclass(frozen=True, slots=True)
class TARecord:
    """A tentative agreement: the text (a blob id) of a part or one section, signed and tagged."""

    article: str
    section: str | None
    blob: str
    union_sign: str
    employer_sign: str
    date: str
    commit: str
    tag: str
    contingent: str = ""  # "" firm; a package id (P-3) or "agreement"


class _PassSlots:
    """``PassRecord``'s slots in its order, not frozen: ``new_pass`` fills one with plain attribute
    stores, then makes it a ``PassRecord`` (the same layout, so Python allows the class change).
    The frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, and slot
    setters called one by one cost twice these stores: 20,000 records are made at once (reading the
    history or its cache)."""

    __slots__ = tuple(PassRecord.__dataclass_fields__)

    def __init__(
        self, name: str, party: str, session: str, commit: str, author: str, subject: str,
        articles: tuple[str, ...], withdrawn: tuple[str, ...],
    ) -> None:
        self.name = name
        self.party = party
        self.session = session
        self.commit = commit
        self.author = author
        self.subject = subject
        self.articles = articles
        self.withdrawn = withdrawn


class _TASlots:
    """``TARecord``'s slots, for ``new_ta`` as ``_PassSlots`` is for ``new_pass``."""

    __slots__ = tuple(TARecord.__dataclass_fields__)

    def __init__(
        self, article: str, section: str | None, blob: str, union_sign: str, employer_sign: str, date: str,
        commit: str, tag: str, contingent: str = "",
    ) -> None:
        self.article = article
        self.section = section
        self.blob = blob
        self.union_sign = union_sign
        self.employer_sign = employer_sign
        self.date = date
        self.commit = commit
        self.tag = tag
        self.contingent = contingent


def new_pass(
    name: str, party: str, session: str, commit: str, author: str, subject: str,
    articles: tuple[str, ...], withdrawn: tuple[str, ...],
) -> PassRecord:
    """``PassRecord(...)``, made as ``_PassSlots`` says; equal and hashed alike."""
    record = _PassSlots(name, party, session, commit, author, subject, articles, withdrawn)
    record.__class__ = PassRecord  # type: ignore[assignment]
    return record  # type: ignore[return-value]


def new_ta(
    article: str, section: str | None, blob: str, union_sign: str, employer_sign: str, date: str,
    commit: str, tag: str, contingent: str = "",
) -> TARecord:
    """``TARecord(...)`` the way ``new_pass`` makes a pass."""
    record = _TASlots(article, section, blob, union_sign, employer_sign, date, commit, tag, contingent)
    record.__class__ = TARecord  # type: ignore[assignment]
    return record  # type: ignore[return-value]


@dataclass(slots=True)
class Round:
    """A round of bargaining: from its baseline to a ratified contract (see negotiation/rounds.py)."""

    name: str
    start: int  # index in the history's timeline of its first pass or TA
    opened: str | None  # the commit that opened it; None for a repo's first round
    expires: str = ""
    closed: str | None = None  # the commit holding the ratified text, the next round's baseline
    ratified: str = ""
    baseline: str | None = None  # the text it bargained from

    @property
    def tag_prefix(self) -> str:
        """Rounds after the first namespace their tags (2028/U-3), so rounds never collide."""
        return "" if self.opened is None else f"{self.name}/"


@dataclass
class History:
    """Every pass and TA in recorded order, indexed by part, with the rounds and the baseline."""

    passes: list[PassRecord] = field(default_factory=list)
    tas: list[TARecord] = field(default_factory=list)
    timeline: list[PassRecord | TARecord] = field(default_factory=list)  # in recorded order
    baseline: str | None = None
    head: str | None = None
    # TAs recorded twice offline under one tag and settled by resolve: kept for the record, not standing
    superseded_tas: list[TARecord] = field(default_factory=list)
    # (commit, why) for commits whose trailers cannot be trusted as a pass or a TA (verify lists them)
    untrusted: list[tuple[str, str]] = field(default_factory=list)
    superseded_commits: frozenset[str] = frozenset()  # every TA-Superseded trailer's commit
    # Rounds opened or closed; empty while a repo is in its first round (no migration needed).
    rounds: list[Round] = field(default_factory=list)
    round: Round | None = None  # set on a one-round view (``in_round``): the round it shows
    # article id -> its events in order: PassRecord (text or withdrawal) and TARecord
    events: dict[str, list[PassRecord | TARecord]] = field(default_factory=lambda: defaultdict(list))
    # (commit, trailers) of every commit that proposes, accepts, rejects or withdraws a package
    package_marks: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def failed_packages(self) -> set[str]:
        """Packages rejected or withdrawn: the TAs contingent on them no longer stand."""
        return self.packages_marked((T_PACKAGE_REJECTED, T_PACKAGE_WITHDRAWN))

    def packages_marked(self, keys: tuple[str, ...]) -> set[str]:
        """The packages an outcome trailer (`keys`) names. Package numbers start again in each
        round, so in a repo with rounds an outcome counts only for a package proposed in this
        history (one round's view) and after that package's proposal: round 2024's rejected P-1
        is not round 2028's P-1."""
        marks = self.package_marks
        if not self.rounds:
            return {trailers[key] for _, trailers in marks for key in keys if key in trailers}
        mine = {p.commit for p in self.passes}
        proposed: set[str] = set()
        out: set[str] = set()
        for commit, trailers in marks:
            pid = trailers.get(T_PACKAGE)
            if pid is not None:
                (proposed.add if commit in mine else proposed.discard)(pid)
            out.update(trailers[key] for key in keys if key in trailers and trailers[key] in proposed)
        return out

    def add(self, record: PassRecord | TARecord) -> None:
        """One more pass or TA at the end of the recorded order, indexed by its articles."""
        self.timeline.append(record)
        if type(record) is PassRecord:
            self.passes.append(record)
            if len(record.articles) == 1 and not record.withdrawn:  # the common pass, without a dict
                self.events[record.articles[0]].append(record)
                return
            for article_id in dict.fromkeys(record.articles + record.withdrawn):
                self.events[article_id].append(record)
        else:
            self.tas.append(record)
            self.events[record.article].append(record)

    def add_all(self, records: list[PassRecord | TARecord]) -> None:
        """``add`` for many records at once (the on-disk cache hands over 20,000 in one go)."""
        self.timeline += records
        events = self.events
        for record in records:
            if type(record) is PassRecord:
                self.passes.append(record)
                if len(record.articles) == 1 and not record.withdrawn:  # as in add: 13.6 -> 6.2 ms at 20,000
                    events[record.articles[0]].append(record)
                    continue
                for article_id in dict.fromkeys(record.articles + record.withdrawn):
                    events[article_id].append(record)
            else:
                self.tas.append(record)
                events[record.article].append(record)

    def all_rounds(self) -> list[Round]:
        return self.rounds or [Round(FIRST_ROUND, 0, None, baseline=self.baseline)]

    def round_named(self, name: str) -> Round | None:
        """The round called `name`, or None. Two rounds of one name (a hand-made ``Round-Open``
        commit, or two members opening the same round offline) make ``2028/U-3`` mean two passes:
        refused in one line, never one of them picked; ``verify`` reports them."""
        found = [r for r in self.all_rounds() if r.name == name]
        if len(found) > 1:
            raise ProposalsError(
                f"{len(found)} rounds are named {name} ({', '.join(round_commit(r)[:10] for r in found)}): "
                "a round's name must be unique; run proposals verify"
            )
        return found[0] if found else None

    def duplicate_rounds(self) -> dict[str, list[Round]]:
        """Round names used by more than one round (``verify`` reports each), oldest first."""
        named: dict[str, list[Round]] = defaultdict(list)
        for chosen in self.rounds:
            named[chosen.name].append(chosen)
        return {name: found for name, found in named.items() if len(found) > 1}

    def in_round(self, name: str | Round | None = None) -> History:
        """The history of one round (the last by default; by name, or the round itself when
        walking ``all_rounds``), as if the repo held only that round: pass numbers, status and
        TAs are per round."""
        rounds = self.all_rounds()
        if not self.rounds and (name is None or name == FIRST_ROUND or isinstance(name, Round)):
            return self  # a repo still in its first round: the view is the whole history
        if name is None:
            index = len(rounds) - 1
        else:
            chosen = name if isinstance(name, Round) else self.round_named(name)
            index = next((i for i, r in enumerate(rounds) if r is chosen), -1)
            if index < 0:
                raise ProposalsError(f"no round {name.name if isinstance(name, Round) else name!r}")
        chosen = rounds[index]
        end = rounds[index + 1].start if index + 1 < len(rounds) else len(self.timeline)
        view = History(baseline=chosen.baseline, head=self.head, rounds=self.rounds, round=chosen)
        view.add_all(self.timeline[chosen.start : end])
        view.superseded_tas = list(self.superseded_tas)
        view.superseded_commits = self.superseded_commits
        view.package_marks = list(self.package_marks)
        view.untrusted = list(self.untrusted)
        return view

    @property
    def tag_prefix(self) -> str:
        return self.round.tag_prefix if self.round else ""

    def pass_tags(self) -> dict[str, PassRecord]:
        """Every round's passes by their tag names (``E-5`` in the first round, ``2028/U-3``
        after it): what repair re-tags and verify proves in earlier rounds too."""
        if not self.rounds or self.round is not None:
            prefix = self.tag_prefix
            return {prefix + p.name: p for p in self.passes}
        out: dict[str, PassRecord] = {}
        starts = [r.start for r in self.rounds[1:]] + [len(self.timeline)]
        for chosen, end in zip(self.rounds, starts, strict=True):
            prefix = chosen.tag_prefix
            for record in self.timeline[chosen.start : end]:
                if type(record) is PassRecord:
                    out[prefix + record.name] = record
        return out

    def pass_tag_names(self) -> list[str]:
        """``pass_tags``' names alone, in recorded order, a name given twice perhaps twice
        (recovery asks whether each is tagged; the history cache answers without making 20,000
        records)."""
        return list(self.pass_tags())

    def highest_number(self, code: str) -> int:
        """The highest N of this history's passes named ``CODE-N`` (0 when none is): where the
        next pass number starts (``passes.next_pass_name``)."""
        return max(map(int, re.findall(rf"^{re.escape(code)}-(\d+)$", self.pass_names_text(), re.MULTILINE)),
                   default=0)

    def pass_names_text(self) -> str:
        """The names of this history's passes in recorded order, one a line (a name holds no
        newline: ``PASS_NAME_RE``), for one regex over them all (``passes.next_pass_name``)."""
        return "\n".join([p.name for p in self.passes])

    def text_passes(self, article_id: str) -> tuple[int, PassRecord | None]:
        """(how many passes put text of the article on the table, the last of them): what a
        retreat check asks first, before it needs the passes themselves (``passes_for``)."""
        versions = [p for p in self.passes_for(article_id) if article_id in p.articles]
        return len(versions), (versions[-1] if versions else None)

    def pass_named(self, name: str) -> PassRecord | None:
        for record in self.passes:
            if record.name == name:
                return record
        return None

    def passes_for(self, article_id: str) -> list[PassRecord]:
        return [e for e in self.events.get(article_id, []) if isinstance(e, PassRecord)]

    def last_pass(self, article_id: str, party: str | None = None) -> PassRecord | None:
        """The latest pass that put text of this article on the table (withdrawals excluded)."""
        for event in reversed(self.events.get(article_id, [])):
            if (
                isinstance(event, PassRecord)
                and article_id in event.articles
                and (party is None or event.party == party)
            ):
                return event
        return None

    def tas_for(self, article_id: str) -> list[TARecord]:
        return [e for e in self.events.get(article_id, []) if isinstance(e, TARecord)]

    def article_ids(self) -> set[str]:
        return set(self.events)


def highest_numbers(names: Iterable[str]) -> dict[str, int]:
    """Each code's highest N among pass names ``CODE-N`` (a name is plain: ``PASS_NAME_RE``), as
    ``History.highest_number`` finds it for one code: what the history cache keeps of 20,000 names."""
    out: dict[str, int] = {}
    for name in names:
        code, dash, digits = name.partition("-")
        if dash and digits.isascii() and digits.isdigit():
            number = int(digits)
            if number > out.get(code, -1):
                out[code] = number
    return out


def round_commit(chosen: Round) -> str:
    """The commit that names a round: its opening, or for a repo's first round its close."""
    return chosen.opened or chosen.closed or ""


def check_after_ratification(history: History, day: str) -> None:
    """A new session of the current round dated on or before the last ratification would count
    in the round that ratified (``session_round``): refused, naming both dates (issue 17)."""
    current = history.round
    if current is None or current.opened is None:  # the first round: nothing ratified before it
        return
    before = [r for r in history.rounds if r.ratified and r is not current]
    if before and day <= before[-1].ratified:
        ratified = before[-1]
        raise ProposalsError(
            f"session {day} is on or before {ratified.ratified}, when round {ratified.name} was ratified: "
            f"it would count in round {ratified.name}; a session of round {current.name} comes after it"
        )


def current_tas(history: History, article_id: str) -> list[TARecord]:
    """The TAs still standing: the latest per section (or whole article) of this article."""
    latest: dict[str | None, TARecord] = {}
    failed = history.failed_packages() if history.package_marks else set()
    for ta in history.tas_for(article_id):
        latest[ta.section] = ta
    return [ta for ta in latest.values() if not ta.contingent or ta.contingent not in failed]


def agreed_text_matches(ta: TARecord, text: str | None) -> bool:
    """Whether `text` still holds what the TA locked: the article, or that one section."""
    if text is None:
        return False
    if ta.section is None:
        return blob_hash(text) == ta.blob
    block = section_text(text, ta.section)
    return block is not None and blob_hash(block) == ta.blob


def split_list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


@functools.lru_cache(maxsize=4096)  # the same lists recur across thousands of passes
def _ids(value: str | None) -> tuple[str, ...] | None:
    """An Articles/Withdrawn list, or None if any item is not a plain article id."""
    items = split_list(value or "")
    return items if all(ID_RE.fullmatch(i) for i in items) else None


def _plain(*values: str | None) -> bool:
    return all(v is None or (v == v.strip() and not has_control(v)) for v in values)


@functools.lru_cache(maxsize=4096)  # a session date is shared by every pass made that day
def _is_date(value: str | None) -> bool:
    try:
        check_date(value or "")
    except ProposalsError:
        return False
    return True


def _pass_record(rec: LogRecord) -> PassRecord | str:
    """The pass a commit records, or why its trailers cannot be trusted as one."""
    return _pass_from(
        rec.one(T_PASS), rec.one(T_PARTY), rec.one(T_SESSION), rec.one(T_ARTICLES), rec.one(T_WITHDRAWN),
        rec.commit, rec.author, rec.subject,
    )


def _pass_from(
    name: str | None, party: str | None, session: str | None, listed: str | None, gone: str | None,
    commit: str, author: str, subject: str,
) -> PassRecord | str:
    """``_pass_record`` from the trailer values themselves (the fast path of ``load_history``)."""
    articles, withdrawn = _ids(listed), _ids(gone)
    if name is None or not PASS_NAME_RE.fullmatch(name):
        return "its Pass trailer is not a plain pass number"
    if party not in PARTIES:
        return f"pass {name}: its Proposal-Party trailer is neither union nor employer"
    if articles is None or withdrawn is None:
        return f"pass {name}: its Articles or Withdrawn trailer holds something that is not an article id"
    if session is not None and not _is_date(session):
        return f"pass {name}: its Session trailer is not a date"
    return new_pass(name, party, session or "", commit, author, subject, articles, withdrawn)


def _ta_record(rec: LogRecord) -> TARecord | str:
    """The TA a commit records, or why its trailers cannot be trusted as one."""
    article, section, blob = rec.one(T_TA_ARTICLE), rec.one(T_TA_SECTION), rec.one(T_TA_BLOB)
    union, employer = rec.one(T_TA_UNION), rec.one(T_TA_EMPLOYER)
    day, tag = rec.one(T_TA_DATE), rec.one(T_TA_TAG)
    if article is None or not ID_RE.fullmatch(article):
        return "its TA-Article trailer is not an article id"
    if section is not None and not SECTION_NUMBER_RE.fullmatch(section):
        return f"TA on {article}: its TA-Section trailer is not a section number"
    if blob is None or not SHA_RE.fullmatch(blob):
        return f"TA on {article}: its TA-Blob trailer is not a blob id"
    if not _plain(union, employer) or (day is not None and not _is_date(day)):
        return f"TA on {article}: a signatory or the date holds control characters or is malformed"
    if tag is not None and not TA_TAG_RE.fullmatch(tag):
        return f"TA on {article}: its TA-Tag trailer is not a TA tag name"
    contingent = rec.one(T_TA_CONTINGENT)
    if not _plain(contingent):
        return f"TA on {article}: its TA-Contingent trailer holds control characters"
    signed = (union or "", employer or "", day or "")
    return TARecord(article, section, blob, *signed, rec.commit, tag or "", contingent or "")


def _package_tas(rec: LogRecord) -> list[TARecord] | str:
    """The TAs an accepted package records (TA-Parts "id=blob, ..."), or why they cannot be trusted."""
    union, employer = rec.one(T_TA_UNION), rec.one(T_TA_EMPLOYER)
    day, tag, contingent = rec.one(T_TA_DATE), rec.one(T_TA_TAG), rec.one(T_TA_CONTINGENT)
    if not _plain(union, employer, contingent) or (day is not None and not _is_date(day)):
        return "accepted package: a signatory, the date or TA-Contingent is malformed"
    if tag is not None and not TA_TAG_RE.fullmatch(tag):
        return "accepted package: its TA-Tag trailer is not a TA tag name"
    tas: list[TARecord] = []
    for part in split_list(rec.one(T_TA_PARTS) or ""):
        article, _, blob = (x.strip() for x in part.partition("="))
        if not ID_RE.fullmatch(article) or not SHA_RE.fullmatch(blob):
            return "accepted package: its TA-Parts trailer is not a list of id=blob"
        tas.append(
            TARecord(
                article, None, blob, union or "", employer or "", day or "", rec.commit, tag or "",
                contingent or "",
            )
        )
    return tas


def _round_mark(history: History, rec: LogRecord, before: str | None, closed: str | None,
                opened: str | None) -> None:
    """A round closed (its ratified text is the next baseline) or opened (numbers start again)."""
    if not all(PASS_NAME_RE.fullmatch(n) for n in (closed, opened) if n is not None):
        history.untrusted.append((rec.commit, "its round trailer is not a plain round name"))
        return
    if closed is not None:
        if not history.rounds:
            history.rounds.append(Round(FIRST_ROUND, 0, None, baseline=before))
        closing = history.rounds[-1]
        if closing.opened is None:  # the first round is named when it is closed
            closing.name = closed
        closing.closed, closing.ratified = rec.commit, rec.one(T_RATIFIED) or ""
    if opened is not None:
        history.rounds.append(
            Round(opened, len(history.timeline), rec.commit, rec.one(T_ROUND_EXPIRES) or "",
                  baseline=history.baseline)
        )


# A pass as ``record_pass`` writes it (party, number, session, then its articles or withdrawals), each
# trailer once with one non-empty value: read straight from the block, with the same checks
# (``_pass_from``) as the general path, the party's and the number's made by the match itself (20,000
# calls fewer). Any other block (a TA, a package, a round, a forgery, another party or a number not
# plain, a key in another case, a value holding the \x1f separator) goes the general way
# (``store.log``), whose checks say why it is not trusted.
_PASS_BLOCK = re.compile(
    rf"Proposal-Party: ({'|'.join(map(re.escape, PARTIES))})\nPass: ({PASS_NAME_RE.pattern})\n"
    r"Session: ([^\n\x1f]+)\n(Articles|Withdrawn): ([^\n\x1f]+)\n"
)
_SHA_LIST_RE = re.compile(r"(?:(?:[0-9a-f]{40}|[0-9a-f]{64})(?: (?=.)|\Z))*")
# _fast_form's columns: every commit id (SHA_RE), every parent list (_SHA_LIST_RE), NUL between.
# Patterns, compiled (and kept by re) on first use: a command that reads no log never pays for them.
_SHA = r"(?:[0-9a-f]{40}|[0-9a-f]{64})"
_SHA_COLUMN = rf"{_SHA}(?:\0{_SHA})*"
_PARENTS = rf"(?:{_SHA}(?: (?=[^\0])|(?=\0)|\Z))*"
_PARENTS_COLUMN = rf"{_PARENTS}(?:\0{_PARENTS})*"
_WIDTH = 5  # store.log's BASE_FIELDS and the trailer block


def load_history(store: GitStore, rev: str = "HEAD") -> History:
    """Build the whole index from a single ``git log``; nothing else runs.

    `rev` is HEAD except when checking another line of history, e.g. a remote-tracking branch.
    The tip is the last commit the reversed log prints, so no separate ``rev-parse`` is needed;
    a log that fails means there is no such commit yet (a new repo): an empty history.

    Records come from ``store.log``'s format (NUL-separated, trailers from git's own parser). A
    commit whose trailers are repeated, malformed or hold control characters is no pass and no
    TA: it is kept in ``history.untrusted`` with the reason, for ``verify`` to report, and changes
    nothing else.
    """
    with LogStream(store, rev, HISTORY_KEYS, options=("--topo-order", "--reverse")) as log:
        collecting = gc.isenabled()
        gc.disable()  # 20,000 records are made and none is garbage: collecting meanwhile only costs
        try:
            history = streamed_history(log)
        finally:
            if collecting:
                gc.enable()
        if history is None:  # read whole, the one way it always was
            return parse_history(log.text() or "")
        return history if log.returncode == 0 else History()


def streamed_history(pieces: Iterable[bytes]) -> History | None:
    """``parse_history`` of the log, parsed a piece at a time while git prints the rest: each
    run of whole records (five NUL-ended fields each) as it arrives, by the same checks and
    rules. None when anything is out of the ordinary (a record the fast form does not read, a
    piece left over at the end): the caller then parses the whole text, so the answer is always
    exactly ``parse_history``'s."""
    history = History()
    superseded: set[str] = set()
    carry = b""  # after the last NUL: the start of a field
    left: list[str] = []  # whole fields of a record not yet whole
    last = None
    try:
        for piece in pieces:
            data = carry + piece if carry else piece
            cut = data.rfind(b"\0")
            if cut < 0:
                carry = data
                continue
            carry = data[cut + 1 :]
            fields = data[:cut].decode("utf-8", "surrogateescape").split("\0")
            if left:
                fields = left + fields
            whole = len(fields) - len(fields) % _WIDTH
            left = fields[whole:]
            if whole:
                del fields[whole:]
                if not _fast_form(fields):
                    return None
                _add_records(history, fields, superseded)
                last = fields[-_WIDTH]
    except ProposalsError:  # a block store.log refuses: parse_history says so, from the whole text
        return None
    if carry or left:
        return None
    return history if last is None else _finish(history, last, superseded)


def parse_history(out: str) -> History:
    """``load_history`` from the log's text: what ``store.log.parse_records`` would make of it,
    fed to the same rules, with a pass in ``record_pass``'s own form read in one regex match
    (the parse was as costly as git producing the log: 20,000 passes)."""
    if not gc.isenabled():
        return _parse_history(out)
    gc.disable()  # 20,000 records are made and none is garbage: collecting meanwhile only costs
    try:
        return _parse_history(out)
    finally:
        gc.enable()


def _parse_history(out: str) -> History:
    history = History()
    if out.endswith("\0"):
        out = out[:-1]
    if not out:
        return history
    fields = out.split("\0")
    superseded: set[str] = set()
    if not _fast_form(fields):  # store.log says what is wrong (or accepts odd spacing between parents)
        records = parse_records(out, HISTORY_KEYS)
        for rec in records:
            _apply(history, rec, superseded)
        return _finish(history, records[-1].commit, superseded)
    _add_records(history, fields, superseded)
    return _finish(history, fields[-_WIDTH], superseded)


def _fast_form(fields: list[str]) -> bool:
    """Whole records, each a commit id and its parents' ids as git prints them. Each column is
    checked in one regex match over its fields joined by NUL (which no field holds), not one
    match per field: 40,000 matches were a fifth of the parse at 20,000 passes."""
    if len(fields) % _WIDTH:
        return False
    if not fields:
        return True
    shas, parents = fields[0::_WIDTH], fields[1::_WIDTH]
    if _one_id_each(shas, parents):
        return True
    return bool(
        re.fullmatch(_SHA_COLUMN, "\0".join(shas)) and re.fullmatch(_PARENTS_COLUMN, "\0".join(parents))
    )


_HEX_DIGITS = b"0123456789abcdef"


def _one_id_each(shas: list[str], parents: list[str]) -> bool:
    """The usual log, checked without a regex: every commit id one width (40 or 64), each parent
    list empty or one id of it, and every character a lower-case hex digit (the columns' regexes
    took 11 ms at 20,000 passes, this ~3). False says only "not this shape": a merge's parents, a
    mixed repo, or anything odd goes to the regexes, which decide."""
    widths = set(map(len, shas))
    if len(widths) != 1 or not widths <= {40, 64} or not set(map(len, parents)) <= {0, *widths}:
        return False
    try:
        digits = ("".join(shas) + "".join(parents)).encode("ascii")
    except UnicodeEncodeError:
        return False
    return not digits.translate(None, _HEX_DIGITS)


def _add_records(history: History, fields: list[str], superseded: set[str]) -> None:
    """Whole records of the log (``_fast_form``) into `history`: a pass in ``record_pass``'s form
    in one regex match, any other block the general way (``store.log``). A pass that passes
    ``_pass_from``'s checks at once is made and indexed here, as ``new_pass`` and ``History.add``
    do (a fifth of the parse at 20,000 passes was calling them); any other goes through them."""
    fast = _PASS_BLOCK.fullmatch
    add = history.add
    timeline, passes, events = history.timeline, history.passes, history.events
    untrusted = history.untrusted
    columns = (fields[k::_WIDTH] for k in range(_WIDTH))  # each record's fields, no index arithmetic
    for sha, parents, author, subject, block in zip(*columns, strict=True):
        if not block:
            continue  # no trailers: not a record of the negotiation
        match = fast(block)
        if match is None:
            rec = parse_records("\0".join((sha, parents, author, subject, block)), HISTORY_KEYS)[0]
            _apply(history, rec, superseded)
            continue
        party, name, session, key, value = match.groups()  # party and name checked by the match
        ids = _ids(value)
        if ids is not None and _is_date(session):
            articles, withdrawn = (ids, ()) if key == T_ARTICLES else ((), ids)
            record = _PassSlots(name, party, session, sha, author, subject, articles, withdrawn)
            record.__class__ = PassRecord  # as new_pass makes it
            timeline.append(record)
            passes.append(record)
            if len(articles) == 1:  # and nothing withdrawn: the common pass, as History.add indexes it
                events[ids[0]].append(record)
                continue
            for article_id in dict.fromkeys(ids):
                events[article_id].append(record)
            continue
        listed, gone = (value, None) if key == T_ARTICLES else (None, value)
        record = _pass_from(name, party, session, listed, gone, sha, author, subject)
        if type(record) is str:
            untrusted.append((sha, record))
        else:
            add(record)


def _finish(history: History, head: str, superseded: set[str]) -> History:
    history.head = head
    if superseded:
        history.superseded_commits = frozenset(superseded)
        _set_aside_superseded(history, superseded)
    return history


def _apply(history: History, rec: LogRecord, superseded: set[str]) -> None:
    """One commit of the log, read by ``store.log``, into `history` (superseded TAs gathered)."""
    before = history.baseline  # a round's close sets the next baseline: the closed one began here
    if not rec.trailers:  # holds only HISTORY_KEYS, each with at least one value
        return
    repeated = rec.repeated(HISTORY_KEYS) if any(len(v) > 1 for v in rec.trailers.values()) else []
    is_pass = T_PASS in rec.trailers or T_PARTY in rec.trailers
    is_ta = T_TA_ARTICLE in rec.trailers
    is_package_ta = not is_ta and T_PACKAGE_ACCEPTED in rec.trailers
    if repeated:
        history.untrusted.append((rec.commit, f"it gives {', '.join(repeated)} more than once"))
        return
    if is_pass and (is_ta or is_package_ta):
        history.untrusted.append((rec.commit, "it claims to be both a pass and a TA"))
        return
    if is_pass or is_ta or is_package_ta:  # a package's acceptance TAs every part of it
        records = _pass_record(rec) if is_pass else _ta_record(rec) if is_ta else _package_tas(rec)
        if isinstance(records, str):  # why the trailers cannot be trusted
            history.untrusted.append((rec.commit, records))
            return
        for record in records if isinstance(records, list) else (records,):
            history.add(record)
    elif T_BASELINE in rec.trailers:
        history.baseline = rec.commit
    closed, opened = rec.one(T_ROUND_CLOSED), rec.one(T_ROUND_OPEN)
    if closed is not None or opened is not None:
        _round_mark(history, rec, before, closed, opened)
    if any(key.startswith(T_PACKAGE) for key in rec.trailers):
        if _plain(*(v for values in rec.trailers.values() for v in values)):
            history.package_marks.append((rec.commit, {k: v[0] for k, v in rec.trailers.items()}))
        else:
            history.untrusted.append((rec.commit, "a package trailer holds control characters"))
    replaced = rec.one(T_TA_SUPERSEDED)
    if replaced is not None and SHA_RE.fullmatch(replaced):
        superseded.add(replaced)


def _set_aside_superseded(history: History, commits: set[str]) -> None:
    """Superseded TAs leave every view of what stands (status, verify, counts), kept in one list."""
    history.superseded_tas = [t for t in history.tas if t.commit in commits]
    history.tas = [t for t in history.tas if t.commit not in commits]
    history.timeline = [e for e in history.timeline if not (isinstance(e, TARecord) and e.commit in commits)]
    for article_id, events in history.events.items():
        history.events[article_id] = [
            e for e in events if not (isinstance(e, TARecord) and e.commit in commits)
        ]
