"""Rounds opened or closed on both sides of a sync: refused before anything changes.

A round is opened (``Round-Open``) and closed (``Round-Closed``) by one commit each, and a
history holds one line of rounds. Two members who each open round 2028 offline would merge into
two rounds of one name (``2028/U-1`` meaning two passes, every name lookup refusing); two
different names, or a round closed twice, into two open rounds. Neither can be merged after the
fact, so sync stops with the remedy (keep the remote's round, set ours aside on a branch) before
it renumbers, sets aside or merges anything (issue 17).
"""

from __future__ import annotations

from proposals.errors import ProposalsError
from proposals.negotiation.history import T_ROUND_CLOSED, T_ROUND_OPEN
from proposals.store.git import GitStore

_WORDS = {T_ROUND_CLOSED: "closed", T_ROUND_OPEN: "opened"}


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
    """Refuse when both our commits and the remote's since `base` close or open a round."""
    ours = round_marks(store, head, base)
    if not ours:
        return
    theirs = round_marks(store, remote_head, base)
    if not theirs:
        return
    where = f"{remote}/{branch}"
    mine = ours[-1][1]  # the round we are in
    steps = [f"git branch my-round-{mine}", f"git reset --keep {where}"]
    ours_only = set(store.commits_not_in(head, [remote_head]))  # only on the refusal's path
    tagged = sorted(name for name, (_, commit) in store.tags().items() if commit in ours_only)
    if tagged:  # our round's tags (2028/U-1, 2025/ratified) would claim theirs were moved
        steps.append(f"git tag -d {' '.join(tagged)}")
    raise ProposalsError(
        f"sync stopped, nothing changed: {where} {_said(theirs)}, while you {_said(ours)} here, not "
        f"yet synced: one history cannot hold both; to keep {remote}'s, set yours aside on a branch: "
        f"{' && '.join(steps)}, then record your passes again in its round (yours stay on "
        f"my-round-{mine}; git reset --keep refuses, changing nothing, while a draft is in its way)"
    )


def _said(marks: list[tuple[str, str]]) -> str:
    return " and ".join(f"{word} round {name}" for word, name in marks)
