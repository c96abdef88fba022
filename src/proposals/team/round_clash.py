"""Rounds opened or closed on both sides of a sync, or passes recorded in a round the remote
closed: refused before anything changes.

A round is opened (``Round-Open``) and closed (``Round-Closed``) by one commit each, and a
history holds one line of rounds. Two members who each open round 2028 offline would merge into
two rounds of one name (``2028/U-1`` meaning two passes, every name lookup refusing); two
different names, or a round closed twice, into two open rounds. A pass or TA recorded offline in
a round the remote has since closed would merge in after its close: neither part of the ratified
round nor of the next (a TA beside a ratified text that lacks it fails verify on every clone).
None of these can be merged after the fact, so sync stops with the remedy (keep the remote's
rounds, set ours aside on a branch) before it renumbers, sets aside or merges anything (issue 17).

Not only passes: whatever else we committed in that round (a session's record, a repair, a
settings change, a TA conflict settled, a commit made by hand) would land after the ratified
contract, in the record of neither round as the table left it. The table closed that round, so
the same refusal and recipe apply to every commit of ours; merges alone bring nothing of ours.
"""

from __future__ import annotations

import re

from proposals.errors import ProposalsError
from proposals.negotiation.history import (
    T_PACKAGE_ACCEPTED,
    T_PACKAGE_REJECTED,
    T_PACKAGE_WITHDRAWN,
    T_PASS,
    T_ROUND_CLOSED,
    T_ROUND_OPEN,
    T_TA_TAG,
)
from proposals.negotiation.repo import BargainingRepo, recorder
from proposals.negotiation.sessions import SESSIONS_DIR, Carried
from proposals.store.git import GitStore, validate_ref_name

_RECORD_RE = re.compile(re.escape(SESSIONS_DIR) + r"/([0-9]{4}-[0-9]{2}-[0-9]{2})\.json")
_WORDS = {T_ROUND_CLOSED: "closed", T_ROUND_OPEN: "opened"}
# What records a move at the table (a pass, a TA, a package's outcome), by the name it goes by.
_RECORDS = (T_PASS, T_TA_TAG, T_PACKAGE_ACCEPTED, T_PACKAGE_REJECTED, T_PACKAGE_WITHDRAWN)


def round_marks(store: GitStore, tip: str, base: str) -> list[tuple[str, str]]:
    """("opened"/"closed", round name) of each commit in base..tip that closes or opens a
    round, oldest first, read from the trailer block git parses (one ``git log``)."""
    marks: list[tuple[str, str]] = []
    for record in store.trailer_blocks(revs=(tip, f"^{base}"), grep="^Round-"):
        _, _, block = record.partition("\n")
        found = []
        for line in block.split("\n"):
            key, sep, value = line.partition(":")
            if sep and key in _WORDS:
                found.append((_WORDS[key], value.strip()))
        marks[:0] = sorted(found, key=lambda mark: mark[0] == "opened")  # newest first from git
    return marks


def check_round_clash(
    store: GitStore, remote: str, branch: str, head: str, remote_head: str, base: str
) -> None:
    """Refuse when the remote's commits since `base` close or open a round and ours either do
    too or record anything (in the round the remote closed): passes, TAs, any other commit."""
    theirs = round_marks(store, remote_head, base)
    where = f"{remote}/{branch}"
    if not theirs:
        _check_closed_here(store, remote, where, head, remote_head, base)
        return
    ours = round_marks(store, head, base)
    if ours:
        mine = ours[-1][1]  # the round we are in
        raise ProposalsError(
            f"sync stopped, nothing changed: {where} {_said(theirs)}, while you {_said(ours)} here, "
            f"not yet synced: one history cannot hold both; to keep {remote}'s, set yours aside on a "
            f"branch: {_set_aside(store, where, head, remote_head, mine)}, then record your passes "
            f"again in its round (yours stay on my-round-{mine}; {_KEEP_REFUSES})"
        )
    recorded = _ours(store, head, base)
    if not recorded:
        return
    # Ours sit in the round open at `base`: the first the remote closed.
    mine = next((name for word, name in theirs if word == "closed"), theirs[0][1])
    current = f"round {theirs[-1][1]}" if theirs[-1][0] == "opened" else "the next round"
    # A session of the closed round cannot be opened again in the next (it is dated before the
    # ratification): its notes and requests are carried into a session of the current round instead.
    notes = (
        f"; its session notes and information requests: proposals session open DATE (a day of {current}), "
        f"then proposals round carry-notes my-round-{mine}"
        if any(r.startswith(_SESSION_NAMED) for r in recorded)
        else ""
    )
    raise ProposalsError(
        f"sync stopped, nothing changed: {where} {_said(theirs)}, while you recorded "
        f"{', '.join(recorded)} here in round {mine}, not yet synced: what is recorded in a round the "
        f"table has closed can join neither it nor the next; to keep {remote}'s, set yours aside on a "
        f"branch: {_set_aside(store, where, head, remote_head, mine)}, then record them again in "
        f"{current}{notes} (yours stay on my-round-{mine}; {_KEEP_REFUSES})"
    )


def _check_closed_here(
    store: GitStore, remote: str, where: str, head: str, remote_head: str, base: str
) -> None:
    """The other way round: we closed a round here (a sync may share a close alone) while the
    remote took commits in it; merged, they would land after our ratified contract."""
    ours = round_marks(store, head, base)
    closed = next((name for word, name in ours if word == "closed"), None)
    if closed is None:
        return
    recorded = _ours(store, remote_head, base)
    if not recorded:
        return
    raise ProposalsError(
        f"sync stopped, nothing changed: {where} has {', '.join(recorded)} recorded in round {closed}, "
        f"which you {_said(ours)} here, not yet synced: the contract you ratified lacks them; to take "
        f"{remote}'s and close again, set yours aside on a branch: "
        f"{_set_aside(store, where, head, remote_head, closed)}, then proposals sync and close round "
        f"{closed} again (yours stay on my-round-{closed}; {_KEEP_REFUSES})"
    )


_SESSION_NAMED = "the record of session "
_KEEP_REFUSES = "git reset --keep refuses, changing nothing, while a draft is in its way"


def _set_aside(store: GitStore, where: str, head: str, remote_head: str, mine: str) -> str:
    """The commands that keep our commits on ``my-round-<mine>`` and take the remote's branch."""
    steps = [f"git branch my-round-{mine}", f"git reset --keep {where}"]
    ours_only = set(store.commits_not_in(head, [remote_head]))  # only on the refusal's path
    tagged = sorted(name for name, (_, commit) in store.tags().items() if commit in ours_only)
    if tagged:  # our tags (2028/U-1, ta-wages, 2025/ratified) would claim theirs were moved
        steps.append(f"git tag -d {' '.join(tagged)}")
    return " && ".join(steps)


def _ours(store: GitStore, head: str, base: str) -> list[str]:
    """Every commit of ours in base..head but merges, oldest first, as a user knows it: a pass,
    TA or package outcome by its name, a session's record by its date, anything else by its
    short hash (``git show`` it). Three git calls, only on the refusal's path."""
    lines = store.commits_not_in(head, [base], parents=True)  # oldest first
    commits = [line.split()[0] for line in lines if len(line.split()) == 2]  # one parent: not a merge
    if not commits:
        return []
    names: dict[str, str] = {}
    for record in store.trailer_blocks(commits):
        sha, _, block = record.strip("\n").partition("\n")
        for line in block.split("\n"):
            key, sep, value = line.partition(":")
            if sep and key in _RECORDS and value.strip():
                names[sha] = value.strip()
                break
    sessions = store.changed_paths([c for c in commits if c not in names], SESSIONS_DIR)
    for sha, paths in sessions.items():
        days = sorted(match[1] for p in paths if (match := _RECORD_RE.fullmatch(p)))
        if days:  # a date in a file name is plain: no text of anyone's reaches the line
            names[sha] = f"{_SESSION_NAMED}{', '.join(days)}"
    return list(dict.fromkeys(names.get(sha) or f"commit {sha[:10]}" for sha in commits))


def _said(marks: list[tuple[str, str]]) -> str:
    return " and ".join(f"{word} round {name}" for word, name in marks)


@recorder
def carry_notes(repo: BargainingRepo, branch: str, *, session: str | None = None) -> Carried:
    """Bring the session notes and information requests a refused sync left on `branch`
    (``my-round-NAME``) into a session of the current round (``sessions.carry_records``: the
    session they belong to was held in a round since ratified, so it can be neither opened again
    nor added to; issue 17). Here: which branch, which session, and the records it changed."""
    from proposals.negotiation.sessions import (
        carry_records,
        check_after_ratification,
        default_session,
        record_relpath,
    )

    repo.ensure_can_record()
    store = repo.store
    name = validate_ref_name(branch, "branch name")
    tip = store.rev_parse(f"refs/heads/{name}")
    if tip is None:
        raise ProposalsError(f"no branch {name}: name the branch sync's recipe set yours aside on")
    target = session or default_session(repo)
    if target is None:
        raise ProposalsError(
            "no session is open to carry the notes into: open one of this round with proposals session "
            "open DATE, or name one with --session"
        )
    check_after_ratification(repo.history(), target)
    head = store.head()
    assert head is not None
    commits = store.commits_not_in(tip, [head])
    changed = store.changed_paths(commits, SESSIONS_DIR).values() if commits else []
    days = sorted({m[1] for paths in changed for p in paths if (m := _RECORD_RE.fullmatch(p))})
    blobs = store.read_blobs([(rev, record_relpath(day)) for day in days for rev in (tip, head)])
    pairs = zip(days, blobs[::2], blobs[1::2], strict=True)
    records = {day: (theirs, ours) for day, theirs, ours in pairs if theirs is not None}

    def attachment(relpath: str) -> bytes | None:
        return store.read_blobs([(tip, relpath)])[0]

    return carry_records(repo, target, records, attachment, name)
