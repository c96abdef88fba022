"""What a remote already knows, and which of its tags sync may take in.

"Already pushed" is wider than "in the remote branch": a commit is pushed when it is reachable
from any remote-tracking branch, any tag some remote had at the last fetch (the private mirror
under ``refs/proposals/remote-tags/``), or the head of our last successful sync with a remote
(``refs/proposals/pushed/<remote>``). A branch deleted, renamed or force-pushed on the server
therefore never makes sync renumber or rewrite what the team has already seen.

A remote tag is only taken in when the commit it marks records it: a pass tag on a commit whose
``Pass`` trailer names it, a TA tag on a commit whose ``TA-Tag`` names it, ``baseline`` on the
baseline import, and ``<tag>-superseded-N`` where a resolution commit says so. Trailers are read
from the block git itself parses, one NUL-separated record per commit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from proposals.negotiation.history import T_BASELINE, T_PASS, T_ROUND_CLOSED, T_TA_ARTICLE, T_TA_TAG
from proposals.store.git import GitStore
from proposals.team.fetching import MIRROR_PREFIX  # where a sync's fetch mirrors the remote's tags

PUSHED_PREFIX = "refs/proposals/pushed/"
T_SUPERSEDED_AS = "TA-Superseded-As"
T_SUPERSEDED_COMMIT = "TA-Superseded-Commit"
SUPERSEDED_RE = re.compile(r"^(?P<tag>.+)-superseded-(?P<n>\d+)\Z")

# rev-list arguments naming every ref that shows what some remote has.
KNOWN_TO_REMOTES = ("--remotes", f"--glob={MIRROR_PREFIX}", f"--glob={PUSHED_PREFIX}")


def unpushed_commits(store: GitStore, head: str) -> set[str]:
    """Commits of `head` that no remote is known to have: the only ones sync may rewrite."""
    return set(store.commits_not_in(head, KNOWN_TO_REMOTES))


def mark_pushed(store: GitStore, remote: str, head: str) -> None:
    """Remember that `remote` had `head`, even if the server later forgets it."""
    store.update_ref(f"{PUSHED_PREFIX}{remote}", head)


@dataclass
class Trailers:
    """The trailers of one commit that say which tags it carries."""

    values: dict[str, list[str]] = field(default_factory=dict)

    def get(self, key: str) -> list[str]:
        return self.values.get(key, [])


def trailers_of(store: GitStore, commits: list[str] | set[str]) -> dict[str, Trailers]:
    """Commit -> its trailers, for many commits in one ``git log``; values split only on newlines."""
    wanted = sorted(set(commits))
    if not wanted:
        return {}
    # A hostile remote may tag a tree or a blob: only commits have trailers.
    wanted = [obj for obj, kind in store.object_types(wanted).items() if kind == "commit"]
    found: dict[str, Trailers] = {}
    for record in store.trailer_blocks(wanted):
        sha, _, block = record.partition("\n")
        if not sha.strip():
            continue
        trailers = Trailers()
        for line in block.split("\n"):
            key, sep, value = line.partition(":")
            if sep and key and " " not in key:
                trailers.values.setdefault(key, []).append(value.strip())
        found[sha.strip()] = trailers
    return found


def superseded_aliases(store: GitStore, *revs: str) -> dict[str, str]:
    """``<tag>-superseded-N`` -> the commit it marks, as resolution commits in revs' history say."""
    revs = tuple(rev for rev in revs if rev)
    if not revs:
        return {}
    aliases: dict[str, str] = {}
    for record in store.trailer_blocks(revs=revs, grep=f"^{T_SUPERSEDED_AS}: "):
        _, _, block = record.partition("\n")
        pairs = [line.partition(":")[::2] for line in block.split("\n")]
        values = {key: value.strip() for key, value in pairs if key}
        if values.get(T_SUPERSEDED_AS) and values.get(T_SUPERSEDED_COMMIT):
            aliases[values[T_SUPERSEDED_AS]] = values[T_SUPERSEDED_COMMIT]
    return aliases


def round_and_name(name: str) -> tuple[str, str]:
    """A later round's tags are namespaced (``2028/U-3``, ``2028/ratified``): (round, the rest)."""
    round_name, _, rest = name.rpartition("/")
    return round_name, rest


def looks_like_record_tag(name: str, codes: list[str]) -> bool:
    """Names in the negotiation's vocabulary: a pass number, a TA tag, the baseline, or a round's
    (``2028/U-3``, ``2028/ta-x``, ``2028/ratified``)."""
    round_name, name = round_and_name(name)
    return (
        name == "baseline"
        or name.startswith("ta-")
        or (bool(round_name) and name == "ratified")
        or any(re.fullmatch(rf"{re.escape(code)}-\d+", name) for code in codes)
    )


def why_not_genuine(
    name: str, commit: str, trailers: Trailers, aliases: dict[str, str], is_record: bool
) -> str | None:
    """None when `commit`'s own record names the tag `name`; else what is wrong with it."""
    if name == "baseline":
        return None if trailers.get(T_BASELINE) else "is not on the baseline import"
    if name in trailers.get(T_PASS) or name in trailers.get(T_TA_TAG):
        return None
    round_name, rest = round_and_name(name)
    if round_name and rest == "ratified":
        closed = trailers.get(T_ROUND_CLOSED)
        return None if round_name in closed else "is not on the commit that closed that round"
    if round_name and (rest in trailers.get(T_PASS) or rest in trailers.get(T_TA_TAG)):
        return None  # a later round's pass or TA: its commit records the bare name
    if SUPERSEDED_RE.fullmatch(name) and aliases.get(name) == commit:
        return None
    if trailers.get(T_TA_ARTICLE):
        return "is on a TA commit that records another tag"
    if trailers.get(T_PASS):
        return f"is on the commit of pass {trailers.get(T_PASS)[0]}"
    if is_record:
        return "is on a commit that records no pass or TA of that name"
    return "is not a record of this negotiation"
