"""Rounds: one repo holds a contract's whole life, a round of bargaining every few years.

A round runs from a baseline to a ratified contract. Closing it commits the agreed text (every
part TA'd, or ``force`` with the open parts named) as the next round's baseline; opening the next
is an empty commit with ``Round-Open`` and ``Round-Expires`` trailers. Pass numbers start again
in each round, and the tags of every round after the first are namespaced (``2028/U-3``), so old
tags never collide with new ones. A repo that never closed a round is in round ``1``: nothing to
migrate. ``History.in_round`` gives one round's history; ``repo.history()`` is the current one.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proposals.contract.part import blob_hash, normalise_text
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
from proposals.negotiation.recovery import ROUND_JOURNAL
from proposals.negotiation.repo import ARTICLES_DIR, BargainingRepo, recorder, validate_date
from proposals.store.git import SHA_HEX, validate_ref_name

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


def ratified_tag(round_name: str, ratified: str) -> tuple[str, str, str]:
    """A close's ``<round>/ratified`` tag: its name, message and date. ``round close`` and
    ``repair`` (a close whose tag went missing) make it alike."""
    message = f"Round {round_name}: the contract ratified {ratified}\n"
    return f"{round_name}/ratified", message, session_timestamp(ratified)


@recorder
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
    tag, tag_message, stamp = ratified_tag(current_name, ratified)
    tag = validate_ref_name(tag, "round tag")
    if tag in repo.store.tag_names():
        raise ProposalsError(f"round {current_name} was already closed (tag {tag})")
    gone = [i for i in repo.working_ids() if i not in agreed.texts]
    forced = f"Closed with parts still open: {', '.join(agreed.still_open)}.\n\n" if agreed.still_open else ""
    message = (
        f"Round {current_name} closed: the contract ratified {ratified}\n\n{forced}"
        f"{T_ROUND_CLOSED}: {current_name}\n{T_RATIFIED}: {ratified}\n{T_BASELINE}: round {current_name}\n"
    )
    store = repo.store
    head = store.head()
    assert head is not None  # ensure_can_record: there is a history to close
    texts = {repo.article_relpath(i): normalise_text(t) for i, t in agreed.texts.items()}
    paths = [*texts, *(repo.article_relpath(i) for i in gone)]
    now = store.blob_ids([(head, p) for p in paths])
    versions = {
        p: (was, blob_hash(texts[p]) if p in texts else None) for p, was in zip(paths, now, strict=True)
    }
    entry = {"step": "close", "round": current_name, "head": head, "paths": versions, "tag": tag,
             "tag_message": tag_message, "date": stamp}
    with round_journal(repo, entry):
        for article_id in agreed.texts:
            repo.write_draft(article_id, agreed.texts[article_id])
        for article_id in gone:
            repo.article_path(article_id).unlink()
        commit = store.commit(message, paths, date=stamp, allow_empty=True)
        store.tag(tag, commit, tag_message, date=stamp)
    repo.invalidate()
    return current_round(repo), agreed


@recorder
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


# -- a round step killed half-way ---------------------------------------------------------------
# A close writes the agreed texts, commits and tags; an undo moves the branch back (and takes the
# tag away) in one ref transaction, then puts back the parts. A kill between any two of those
# would leave a round's text in articles/ as unsent drafts, so each step names what it is about
# to do in .git/proposals-round.json first (flushed), and the next recording command settles it
# (recovery.play_journals): the close finished (tagged) if its commit landed, else every part put
# back as HEAD has it; an undo whose refs moved has its parts put back. Only a part whose file
# holds one of the two versions the step knows is written: an edit made since is kept.


@contextlib.contextmanager
def round_journal(repo: BargainingRepo, entry: Mapping[str, object]) -> Iterator[None]:
    """Name a round step in its journal while it runs; a failure (not a kill) settles it at once."""
    from proposals.files import write_file

    journal = repo.git_dir / ROUND_JOURNAL
    write_file(journal, json.dumps(entry))
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            settle_round_step(repo)
        raise
    finally:
        repo.invalidate()
    with contextlib.suppress(OSError):
        journal.unlink()


def _read_journal(repo: BargainingRepo) -> dict[str, object] | None:
    journal = repo.git_dir / ROUND_JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        step, head, paths = data["step"], data["head"], data["paths"]
        ok_blob = lambda b: b is None or (isinstance(b, str) and SHA_HEX.fullmatch(b))  # noqa: E731
        if step not in ("close", "undo") or not isinstance(head, str) or not SHA_HEX.fullmatch(head):
            raise ValueError("not a round step")
        for path, pair in dict(paths).items():
            if not re.fullmatch(rf"{ARTICLES_DIR}/[a-z0-9][a-z0-9_-]{{0,63}}\.txt", path):
                raise ValueError("a journal entry that is not a part file")
            if len(pair) != 2 or not all(ok_blob(b) for b in pair):
                raise ValueError("not two versions")
        validate_round_name(str(data["round"]))
        return data
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, OSError, ProposalsError):
        with contextlib.suppress(OSError):
            journal.unlink()  # nothing this tool wrote: nothing to settle by it
        return None


def _put_back(repo: BargainingRepo, versions: Mapping[str, list[str | None]]) -> tuple[int, list[str]]:
    """Each part file (and its index entry) as HEAD has it, where the file holds one of the step's
    two versions; (parts written, parts kept because they were edited since)."""
    store = repo.store
    head = store.head()
    assert head is not None
    paths = list(versions)
    at_head = store.blob_ids([(head, p) for p in paths])
    written, kept = 0, []
    for path, want in zip(paths, at_head, strict=True):
        file = repo.root / path
        try:
            now: str | None = blob_hash(file.read_bytes())
        except FileNotFoundError:
            now = None
        if now not in versions[path]:
            store.unstage([path])  # the index follows HEAD; the edited file is a draft, kept
            kept.append(path)
            continue
        if want is None:
            store.untrack(path)
            file.unlink(missing_ok=True)
        else:
            store.restore_path(path)
        written += now != want
    return written, kept


def settle_round_step(repo: BargainingRepo) -> list[str]:
    """Finish or roll back the round step a kill interrupted (under the caller's writer lock);
    what was done, one line each (none when the step had changed nothing)."""
    from proposals.negotiation.recovery import abandoned_git_locks, fix

    data = _read_journal(repo)
    if data is None:
        return []
    done = []
    git_dir = repo.git_dir
    for lock in abandoned_git_locks(repo):  # a git killed with the step: its index.lock first
        with contextlib.suppress(ProposalsError, OSError):
            kind = "index-lock" if lock.name == "index.lock" else "ref-lock"
            done.append(fix(repo, kind, str(lock.relative_to(git_dir))))
    store = repo.store
    store.forget_refs()
    head, name = store.head(), str(data["round"])
    versions = {str(p): list(v) for p, v in dict(data["paths"]).items()}  # type: ignore[call-overload]
    written, kept = _put_back(repo, versions) if head is not None else (0, [])
    moved = head != data["head"]
    closes = {r.closed for r in repo.full_history().all_rounds() if r.closed} if moved else set()
    if data["step"] == "close" and head in closes and store.rev_parse(f"{head}~1") == data["head"]:
        tag = str(data["tag"])
        tagged = tag not in store.tag_names()
        if tagged:
            store.tag(tag, head, str(data["tag_message"]), date=str(data["date"]))
        done.append(
            f"Finished the close of round {name}, interrupted after it was recorded"
            + (f": tagged {tag}" if tagged else "")
        )
    elif data["step"] == "close" and not moved and written:
        done.append(
            f"Rolled back the close of round {name}, interrupted before it was recorded: {written} parts "
            "as they were; close the round again"
        )
    elif data["step"] == "undo" and moved:
        done.append(
            f"Finished round undo (round {name}), interrupted while putting back the parts: "
            f"{written} parts put back as they were"
        )
    elif moved:
        done.append(f"Dropped the record of an interrupted close of round {name}: the branch has moved since")
    if kept:
        done.append(f"Kept {', '.join(kept[:8])}: edited since the interrupted round step, now a draft")
    with contextlib.suppress(OSError):
        (git_dir / ROUND_JOURNAL).unlink()
    repo.invalidate()
    return done
