"""Rounds: one repo holds a contract's whole life, a round of bargaining every few years.

A round runs from a baseline to a ratified contract. Closing it commits the agreed text (every
part TA'd, or ``force`` with the open parts named) as the next round's baseline; opening the next
is an empty commit with ``Round-Open`` and ``Round-Expires`` trailers. Pass numbers start again
in each round, and the tags of every round after the first are namespaced (``2028/U-3``), so old
tags never collide with new ones. A repo that never closed a round is in round ``1``: nothing to
migrate. ``History.in_round`` gives one round's history; ``repo.history()`` is the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proposals.errors import ProposalsError
from proposals.negotiation.history import (
    FIRST_ROUND,
    T_BASELINE,
    T_RATIFIED,
    T_ROUND_CLOSED,
    T_ROUND_EXPIRES,
    T_ROUND_OPEN,
    Round,
)
from proposals.negotiation.passes import session_timestamp
from proposals.negotiation.repo import BargainingRepo, exclusive, validate_date
from proposals.store.git import validate_ref_name

if TYPE_CHECKING:
    from proposals.negotiation.status import StatusRow

ROUND_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z")


def validate_round_name(name: str) -> str:
    """A round's name becomes part of tag names (``2028/U-3``): plain, never option- or path-shaped."""
    refused = ProposalsError(f"invalid round name {name!r}: use something like 2028")
    if not isinstance(name, str) or not ROUND_NAME_RE.match(name):
        raise refused
    try:
        return validate_ref_name(name, "round name")
    except ProposalsError:
        raise refused from None


@dataclass(frozen=True, slots=True)
class AgreedPart:
    """One part as a round's agreements leave it: what ``round close`` and ``compile`` both read."""

    row: StatusRow
    base: str | None  # the agreement in force's text (None in a first contract, or a new part)
    text: str | None  # settled language: the TA'd text, or the base of a part left alone or
    # withdrawn; None while the part is open (or was withdrawn with nothing in force)
    pending: bool  # TA'd contingent on a package not yet accepted: included, yet still open

    @property
    def still_open(self) -> bool:
        return self.row.status == "open" or self.pending


def agreed_parts(repo: BargainingRepo) -> list[AgreedPart]:
    """Every part in contract order with its settled language: the one reading of "what was
    agreed" (the baseline texts in one ``cat-file --batch``)."""
    from proposals.negotiation.status import status_rows

    baseline = repo.history().baseline
    rows = status_rows(repo)
    bases = repo.texts_at_commits([(r.id, baseline) for r in rows]) if baseline else [None] * len(rows)
    parts = []
    for row, base in zip(rows, bases, strict=True):
        # A TA hanging on a package not yet accepted is not settled language (one on the whole
        # agreement is: this is the agreement).
        pending = row.status == "ta" and row.contingent not in ("", "agreement")
        text = repo.text_at(row.id, "ta") if row.status == "ta" else None if row.status == "open" else base
        parts.append(AgreedPart(row, base, text, pending))
    return parts


def pending_warning(part: AgreedPart) -> str:
    return f"{part.row.id} is TA'd contingent on {part.row.contingent}, still open: included"


@dataclass(frozen=True, slots=True)
class Agreed:
    """The contract a round's agreements make: each part's text, and what was left open."""

    texts: dict[str, str]  # part id -> its text in the successor contract, in contract order
    bases: dict[str, str | None]  # part id -> its baseline text (for a redline)
    still_open: list[str]
    warnings: list[str]


def agreed_contract(repo: BargainingRepo) -> Agreed:
    """TA'd text where there is a TA, the baseline where the part was never reopened; an open part
    keeps the agreement in force's language or, in a first contract, is left out."""
    texts: dict[str, str] = {}
    bases: dict[str, str | None] = {}
    warnings: list[str] = []
    parts = agreed_parts(repo)
    for part in parts:
        text, part_id = part.text, part.row.id
        if part.pending:
            warnings.append(pending_warning(part))
        if part.row.status == "open":
            if part.base is None:
                warnings.append(f"{part_id} is open and has no earlier text: left out")
                continue
            text = part.base
            warnings.append(f"{part_id} is open: the agreement in force's text is used")
        if text is not None:
            texts[part_id], bases[part_id] = text, part.base
    return Agreed(texts, bases, [p.row.id for p in parts if p.still_open], warnings)


def current_round(repo: BargainingRepo) -> Round:
    history = repo.history()
    return history.round or history.all_rounds()[-1]


@exclusive
def close_round(
    repo: BargainingRepo, ratified: str, *, force: bool = False, name: str | None = None
) -> tuple[Round, Agreed]:
    """Commit the ratified contract as the next round's baseline and tag it ``<round>/ratified``.

    `name` names the first round (``1`` if not given); later rounds were named when opened.
    """
    repo.ensure_can_record()
    ratified = validate_date(ratified, "ratification date")
    current = current_round(repo)
    if current.opened is None:
        current_name = FIRST_ROUND if name is None else validate_round_name(name)
    else:
        if name is not None and name != current.name:
            raise ProposalsError(f"the current round is {current.name}; it was named when opened")
        current_name = current.name
    drafts = sorted(repo.draft_ids())
    if drafts:
        raise ProposalsError(
            f"unsent drafts ({', '.join(drafts[:8])}): record or discard them before closing the round"
        )
    agreed = agreed_contract(repo)
    if agreed.still_open and not force:
        names = ", ".join(agreed.still_open[:8]) + ("..." if len(agreed.still_open) > 8 else "")
        raise ProposalsError(
            f"{len(agreed.still_open)} parts are still open ({names}); TA them, or close with --force"
        )
    if not agreed.texts:
        raise ProposalsError("nothing agreed: no TA'd or baseline parts to make the contract of")
    tag = validate_ref_name(f"{current_name}/ratified", "round tag")
    if tag in repo.store.tag_names():
        raise ProposalsError(f"round {current_name} was already closed (tag {tag})")
    gone = [i for i in repo.working_ids() if i not in agreed.texts]
    for article_id, text in agreed.texts.items():
        repo.write_draft(article_id, text)
    for article_id in gone:
        repo.article_path(article_id).unlink()
    forced = f"Closed with parts still open: {', '.join(agreed.still_open)}.\n\n" if agreed.still_open else ""
    message = (
        f"Round {current_name} closed: the contract ratified {ratified}\n\n{forced}"
        f"{T_ROUND_CLOSED}: {current_name}\n{T_RATIFIED}: {ratified}\n{T_BASELINE}: round {current_name}\n"
    )
    stamp = session_timestamp(ratified)
    paths = [repo.article_relpath(i) for i in [*agreed.texts, *gone]]
    commit = repo.store.commit(message, paths, date=stamp, allow_empty=True)
    repo.store.tag(tag, commit, f"Round {current_name}: the contract ratified {ratified}\n", date=stamp)
    repo.invalidate()
    return current_round(repo), agreed


@exclusive
def open_round(repo: BargainingRepo, name: str, expires: str) -> Round:
    """Start the next round from the last ratified contract; pass numbers start again."""
    repo.ensure_can_record(closed_ok=True)
    name = validate_round_name(name)
    expires = validate_date(expires, "expiry date")
    current = current_round(repo)
    if not current.closed:
        raise ProposalsError(
            f"round {current.name} is still open; close it first with proposals round close --ratified DATE"
        )
    if name in {r.name for r in repo.full_history().all_rounds()}:
        raise ProposalsError(f"there is already a round {name}")
    message = (
        f"Round {name} opened (expires {expires})\n\n{T_ROUND_OPEN}: {name}\n{T_ROUND_EXPIRES}: {expires}\n"
    )
    repo.store.commit(message, allow_empty=True)
    repo.invalidate()
    return current_round(repo)
