"""The negotiation's history, read from git in one ``git log`` call.

Passes, withdrawals, TAs and the baseline are commits with trailers; everything the status chart,
the log and revision names need is derived from this one index, never stored twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from proposals.contract.part import blob_hash, section_text
from proposals.store.git import GitStore

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
BASELINE_TAG = "baseline"

LOG_FORMAT = "%x1e%H%x1f%an%x1f%s%x1f%(trailers:only,unfold)"


@dataclass(frozen=True, slots=True)
class PassRecord:
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
    article: str
    section: str | None
    blob: str
    union_sign: str
    employer_sign: str
    date: str
    commit: str
    tag: str
    contingent: str = ""  # "" firm; a package id (P-3) or "agreement"


@dataclass
class History:
    passes: list[PassRecord] = field(default_factory=list)
    tas: list[TARecord] = field(default_factory=list)
    timeline: list[PassRecord | TARecord] = field(default_factory=list)  # in recorded order
    baseline: str | None = None
    head: str | None = None
    # TAs recorded twice offline under one tag and settled by resolve: kept for the record, not standing
    superseded_tas: list[TARecord] = field(default_factory=list)
    # article id -> its events in order: PassRecord (text or withdrawal) and TARecord
    events: dict[str, list[PassRecord | TARecord]] = field(default_factory=lambda: defaultdict(list))
    # (commit, trailers) of every commit that proposes, accepts, rejects or withdraws a package
    package_marks: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def failed_packages(self) -> set[str]:
        """Packages rejected or withdrawn: the TAs contingent on them no longer stand."""
        return {
            trailers[key]
            for _, trailers in self.package_marks
            for key in (T_PACKAGE_REJECTED, T_PACKAGE_WITHDRAWN)
            if key in trailers
        }

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


def parse_trailers(block: str) -> dict[str, str]:
    trailers: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key and " " not in key:
            trailers[key.strip()] = value.strip()
    return trailers


def split_list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def load_history(store: GitStore, rev: str = "HEAD") -> History:
    """Build the whole index from a single ``git log``; nothing else runs.

    `rev` is HEAD except when checking another line of history, e.g. a remote-tracking branch.
    The tip is the last commit the reversed log prints, so no separate ``rev-parse`` is needed;
    a log that fails means there is no such commit yet (a new repo): an empty history.
    """
    history = History()
    proc = store.run(
        "log",
        "--topo-order",
        "--reverse",
        f"--format={LOG_FORMAT}",
        "--end-of-options",
        rev,
        "--",
        check=False,
    )
    if proc.returncode != 0:
        return history
    out = proc.stdout
    superseded: set[str] = set()
    for chunk in out.split("\x1e"):
        if not chunk.strip():
            continue
        sha, author, subject, trailer_block = ([*chunk.split("\x1f", 3), "", "", ""])[:4]
        history.head = sha
        trailers = parse_trailers(trailer_block)
        if T_PASS in trailers and T_PARTY in trailers:
            record = PassRecord(
                name=trailers[T_PASS],
                party=trailers[T_PARTY],
                session=trailers.get(T_SESSION, ""),
                commit=sha,
                author=author,
                subject=subject,
                articles=split_list(trailers.get(T_ARTICLES, "")),
                withdrawn=split_list(trailers.get(T_WITHDRAWN, "")),
            )
            history.passes.append(record)
            history.timeline.append(record)
            for article_id in dict.fromkeys(record.articles + record.withdrawn):
                history.events[article_id].append(record)
        elif T_TA_ARTICLE in trailers:
            ta = TARecord(
                article=trailers[T_TA_ARTICLE],
                section=trailers.get(T_TA_SECTION) or None,
                blob=trailers.get(T_TA_BLOB, ""),
                union_sign=trailers.get(T_TA_UNION, ""),
                employer_sign=trailers.get(T_TA_EMPLOYER, ""),
                date=trailers.get(T_TA_DATE, ""),
                commit=sha,
                tag=trailers.get(T_TA_TAG, ""),
                contingent=trailers.get(T_TA_CONTINGENT, ""),
            )
            history.tas.append(ta)
            history.timeline.append(ta)
            history.events[ta.article].append(ta)
        elif T_PACKAGE_ACCEPTED in trailers:  # one record TAs every part of the package
            for part in split_list(trailers.get(T_TA_PARTS, "")):
                article, _, blob = part.partition("=")
                ta = TARecord(
                    article=article.strip(),
                    section=None,
                    blob=blob.strip(),
                    union_sign=trailers.get(T_TA_UNION, ""),
                    employer_sign=trailers.get(T_TA_EMPLOYER, ""),
                    date=trailers.get(T_TA_DATE, ""),
                    commit=sha,
                    tag=trailers.get(T_TA_TAG, ""),
                    contingent=trailers.get(T_TA_CONTINGENT, ""),
                )
                history.tas.append(ta)
                history.timeline.append(ta)
                history.events[ta.article].append(ta)
        elif T_BASELINE in trailers:
            history.baseline = sha
        if any(key.startswith(T_PACKAGE) for key in trailers):
            history.package_marks.append((sha, trailers))
        if T_TA_SUPERSEDED in trailers:
            superseded.add(trailers[T_TA_SUPERSEDED])
    if superseded:
        _set_aside_superseded(history, superseded)
    return history


def _set_aside_superseded(history: History, commits: set[str]) -> None:
    """Superseded TAs leave every view of what stands (status, verify, counts), kept in one list."""
    history.superseded_tas = [t for t in history.tas if t.commit in commits]
    history.tas = [t for t in history.tas if t.commit not in commits]
    history.timeline = [e for e in history.timeline if not (isinstance(e, TARecord) and e.commit in commits)]
    for article_id, events in history.events.items():
        history.events[article_id] = [
            e for e in events if not (isinstance(e, TARecord) and e.commit in commits)
        ]
