"""The public record: what members may see, derived from the committed history alone.

Everything a published page shows comes from here, so the privacy rule has one home: texts are
read at pass and TA commits (never the working tree), and parts hidden in ``bargaining.toml``'s
``[publish]`` table (``hide = ["parking"]``, ``passes = false``) are left out before any page is
written.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field

from proposals.contract.part import decode_article, parse_heading
from proposals.errors import ProposalsError
from proposals.negotiation.config import CONFIG_NAME
from proposals.negotiation.history import PassRecord, TARecord
from proposals.negotiation.packages import PackageEvent
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import StatusRow, number_key, status_rows


@dataclass(frozen=True)
class Visibility:
    """What ``[publish]`` lets members see; by default passes, TAs and status of every part."""

    passes: bool = True
    tas: bool = True
    hide: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Version:
    """One public text of a part: after a pass (or at the baseline)."""

    label: str  # "U-3", "baseline"
    party: str  # "union" | "employer" | "baseline"
    session: str  # YYYY-MM-DD, "" for the baseline
    text: str | None  # None: withdrawn by this pass
    withdrawn: bool = False


@dataclass(frozen=True)
class PublicPart:
    id: str
    number: str
    title: str
    status: str  # unchanged | open | ta | withdrawn
    move: str | None
    economic: bool
    versions: tuple[Version, ...]  # oldest first
    tas: tuple[TARecord, ...]
    ta_text: str | None  # the agreed text (whole-article TA), or None
    division: str = ""  # the division heading it stands under ("PART A - GENERAL"), or ""

    @property
    def last(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def heading(self) -> str:
        """How the members' pages and updates name the part: "Article 6: Staffing", or its title."""
        return f"Article {self.number}: {self.title}" if self.number else self.title


@dataclass(frozen=True)
class PublicRecord:
    union: str
    employer: str
    parts: tuple[PublicPart, ...]
    passes: tuple[PassRecord, ...]  # public passes, in recorded order
    tas: tuple[TARecord, ...]
    visibility: Visibility = field(default_factory=Visibility)
    # proposals, counters and outcomes of packages wholly of shown parts (a hidden part hides its package)
    package_events: tuple[PackageEvent, ...] = ()

    def party_name(self, key: str) -> str:
        return {"union": self.union, "employer": self.employer}.get(key, key)

    @property
    def last_session(self) -> str:
        dates = [p.session for p in self.passes] + [t.date for t in self.tas]
        return max(dates, default="")


def load_visibility(repo: BargainingRepo) -> Visibility:
    """The ``[publish]`` table of bargaining.toml (the one the team committed or is editing)."""
    try:
        with (repo.root / CONFIG_NAME).open("rb") as handle:
            table = tomllib.load(handle).get("publish", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProposalsError(f"{CONFIG_NAME}: cannot read the [publish] settings: {exc}") from None
    if not isinstance(table, dict):
        raise ProposalsError(f"{CONFIG_NAME}: [publish] must be a table")
    hide = table.get("hide", [])
    if not isinstance(hide, list) or not all(isinstance(h, str) for h in hide):
        raise ProposalsError(f"{CONFIG_NAME}: [publish] hide must be a list of part ids")
    for key in ("passes", "tas"):
        if not isinstance(table.get(key, True), bool):
            raise ProposalsError(f"{CONFIG_NAME}: [publish] {key} must be true or false")
    return Visibility(bool(table.get("passes", True)), bool(table.get("tas", True)), frozenset(hide))


def public_record(repo: BargainingRepo) -> PublicRecord:
    """Build the public record. Reads git only: an unsent draft can never reach a member."""
    visibility = load_visibility(repo)
    history = repo.history()
    committed = history.article_ids()
    if history.baseline:
        committed |= {i for i in repo.article_ids() if repo.text_at_commit(i, history.baseline) is not None}
    rows: dict[str, StatusRow] = {r.id: r for r in status_rows(repo)}
    parts = []
    for article_id in sorted(committed - visibility.hide):
        row = rows.get(article_id)
        if row is None:
            continue
        versions = _versions(repo, article_id, history.baseline) if visibility.passes else []
        latest = next((v.text for v in reversed(versions) if v.text is not None), None)
        if latest is None and history.head:
            latest = repo.text_at_commit(article_id, history.head)
        heading = parse_heading(latest or "", fallback_title=article_id)
        tas = tuple(row.tas) if visibility.tas else ()
        whole = next((t for t in reversed(tas) if t.section is None), None)
        ta_text = repo.text_at_commit(article_id, whole.commit) if whole and row.status == "ta" else None
        status = row.status if visibility.tas or row.status != "ta" else "open"
        parts.append(
            PublicPart(
                id=article_id,
                number=heading.number,
                title=repo.config.meta(article_id).title or heading.title,
                status=status,
                move=row.move if status == "open" else None,
                economic=row.economic,
                versions=tuple(versions),
                tas=tas,
                ta_text=ta_text,
                division=repo.config.meta(article_id).division,
            )
        )
    parts.sort(key=lambda p: rows[p.id].order if p.id in rows else (number_key(p.number), p.id))
    shown = {p.id for p in parts}
    passes = tuple(
        p for p in history.passes if visibility.passes and shown & (set(p.articles) | set(p.withdrawn))
    )
    tas = tuple(t for t in history.tas if visibility.tas and t.article in shown)
    events: tuple[PackageEvent, ...] = ()
    if history.package_marks and visibility.passes:
        from proposals.negotiation.packages import package_events

        events = tuple(
            e
            for e in package_events(history)
            if set(e.package.parts) <= shown and (visibility.tas or e.event != "accepted")
        )
    return PublicRecord(
        union=repo.config.party("union").name,
        employer=repo.config.party("employer").name,
        parts=tuple(parts),
        passes=passes,
        tas=tas,
        visibility=visibility,
        package_events=events,
    )


def _versions(repo: BargainingRepo, article_id: str, baseline: str | None) -> list[Version]:
    """Every public text of one part, read in one batch from git (never the working tree)."""
    steps: list[tuple[str, str, str, str | None, bool]] = []  # label, party, session, commit, withdrawn
    if baseline:
        steps.append(("baseline", "baseline", "", baseline, False))
    for record in repo.history().passes_for(article_id):
        if article_id in record.withdrawn:
            steps.append((record.name, record.party, record.session, None, True))
        elif article_id in record.articles:
            steps.append((record.name, record.party, record.session, record.commit, False))
    path = repo.article_relpath(article_id)
    wanted = [(commit, path) for *_, commit, _ in steps if commit]
    blobs = iter(repo.store.read_blobs(wanted))
    out: list[Version] = []
    for label, party, session, commit, withdrawn in steps:
        data = next(blobs) if commit else None
        if commit and data is None:
            continue  # not in the contract in force: a part the negotiation added
        text = decode_article(data, f"{path} at {label}") if data is not None else None
        out.append(Version(label, party, session, text, withdrawn=withdrawn))
    return out
