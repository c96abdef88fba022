"""Two TAs of one article recorded offline under one tag name, and the command that settles them.

Two members who each TA an article before syncing both record ``ta-<id>``, on two different
commits. The first to sync pushes theirs; a TA tag on a remote never moves, so the second
member's sync stops and names the conflict. ``proposals resolve --ta ID --keep mine|theirs``
settles it, offline and without deleting anything:

- our TA commit (which nobody else has seen) is renamed like a renumbered pass: with
  ``--keep theirs`` to ``<tag>-superseded-N``, with ``--keep mine`` to the next free TA name;
- with ``--keep mine`` the remote's TA keeps its tag (pushed, so it cannot move) and also gets
  ``<tag>-superseded-N``;
- a resolution commit records both TAs in its trailers (tag, commit, lock, signatories, date of
  each); ``TA-Superseded-Commit`` takes the other one out of what stands (status, verify,
  compile), which ``negotiation.history`` reads.

The next sync pushes all of it; every clone ends with the same tags and the same standing TA.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from proposals.errors import ProposalsError
from proposals.negotiation.history import (
    T_TA_ARTICLE,
    T_TA_BLOB,
    T_TA_DATE,
    T_TA_EMPLOYER,
    T_TA_SECTION,
    T_TA_SUPERSEDED,
    T_TA_TAG,
    T_TA_UNION,
    TARecord,
    current_tas,
    load_history,
)
from proposals.negotiation.repo import BargainingRepo, exclusive
from proposals.store.git import GitStore
from proposals.store.validate import check_text
from proposals.team.remote import (
    MIRROR_PREFIX,
    T_SUPERSEDED_AS,
    T_SUPERSEDED_COMMIT,
    trailers_of,
    unpushed_commits,
)
from proposals.team.renumber import read_tag, rewrite_unpushed

T_RESOLVED = "TA-Resolved"
assert T_SUPERSEDED_COMMIT == T_TA_SUPERSEDED


@dataclass(frozen=True, slots=True)
class TAConflict:
    """Our unpushed TA and the remote's under the same tag name."""

    tag: str
    remote: str
    mine: TARecord
    theirs: TARecord
    theirs_obj: str  # the remote's tag object (adopted under `tag`)

    def line(self) -> str:
        def who(ta: TARecord) -> str:
            return f"{shown(ta.date)}, signed {shown(ta.union_sign)} / {shown(ta.employer_sign)}"

        same = " (both lock the same text)" if self.mine.blob == self.theirs.blob else ""
        return (
            f"{self.mine.article}: you and {self.remote} both recorded TA {self.tag} offline "
            f"(yours: {who(self.mine)}; theirs: {who(self.theirs)}){same}; "
            f"proposals resolve --ta {self.mine.article} --keep mine|theirs"
        )


def shown(value: str) -> str:
    """A value read from someone's commit, printed as visible escapes if it holds control characters."""
    try:
        check_text(value, "value", allow_empty=True)
    except ProposalsError:
        return ascii(value)
    return value


def ta_record_at(store: GitStore, commit: str) -> TARecord | None:
    """The TA a commit records, read from its trailers; None for any other commit."""
    trailers = trailers_of(store, [commit]).get(commit)
    if trailers is None or not trailers.get(T_TA_ARTICLE):
        return None

    def one(key: str) -> str:
        values = trailers.get(key)
        return values[-1] if values else ""

    return TARecord(
        article=one(T_TA_ARTICLE),
        section=one(T_TA_SECTION) or None,
        blob=one(T_TA_BLOB),
        union_sign=one(T_TA_UNION),
        employer_sign=one(T_TA_EMPLOYER),
        date=one(T_TA_DATE),
        commit=commit,
        tag=one(T_TA_TAG),
    )


def find_ta_conflicts(repo: BargainingRepo, remote: str | None = None) -> list[TAConflict]:
    """TA tags that mark our unpushed TA here and another TA of the same article on a remote."""
    store = repo.store
    head = store.head()
    if head is None:
        return []
    local = store.tags()
    differ = []  # mirrored tags that mark another commit than ours: usually none
    for mirrored, (obj, theirs_commit) in store.refs_under(MIRROR_PREFIX).items():
        where, _, tag = mirrored.partition("/")
        if (remote is None or where == remote) and tag in local and local[tag][1] != theirs_commit:
            differ.append((where, tag, obj, theirs_commit))
    unpushed = unpushed_commits(store, head) if differ else set()  # a rev-list: only when needed
    found: list[TAConflict] = []
    for where, tag, obj, theirs_commit in differ:
        ours_commit = local[tag][1]
        if ours_commit not in unpushed:
            continue
        mine, theirs = ta_record_at(store, ours_commit), ta_record_at(store, theirs_commit)
        if mine is None or theirs is None or mine.tag != tag or theirs.tag != tag:
            continue
        if (mine.article, mine.section) != (theirs.article, theirs.section):
            continue
        found.append(TAConflict(tag, where, mine, theirs, obj))
    return found


def _free_name(base: str, taken: set[str], first: int) -> str:
    n = first
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _standing_remote_ta(repo: BargainingRepo, conflict: TAConflict) -> TARecord:
    """The remote's TA that stands for that text now: a later resolution may have replaced the tag's."""
    branch = repo.store.current_branch()
    ref = f"refs/remotes/{conflict.remote}/{branch}"
    if branch and repo.store.rev_parse(ref):
        for ta in current_tas(load_history(repo.store, ref), conflict.theirs.article):
            if ta.section == conflict.theirs.section:
                # its values as git's own trailer parser reads them (split on newlines only)
                return ta_record_at(repo.store, ta.commit) or ta
    return conflict.theirs


def _record_trailers(prefix: str, ta: TARecord) -> list[tuple[str, str]]:
    return [
        (f"{prefix}-Tag", ta.tag),
        (f"{prefix}-Commit", ta.commit),
        (f"{prefix}-Blob", ta.blob),
        (f"{prefix}-Union-Sign", ta.union_sign),
        (f"{prefix}-Employer-Sign", ta.employer_sign),
        (f"{prefix}-Date", ta.date),
    ]


@exclusive
def resolve_ta(repo: BargainingRepo, ident: str, keep: str) -> str:
    """Settle a TA conflict sync reported (by article id or tag name); return what was done."""
    if keep not in ("mine", "theirs"):
        raise ProposalsError("--keep takes mine or theirs")
    store = repo.store
    repo.ensure_can_record()
    if store.has_staged_changes():
        raise ProposalsError(
            "you have staged changes (git add); commit them or unstage them (git restore --staged .) "
            "before settling a TA conflict"
        )
    branch = store.current_branch()
    if not branch:
        raise ProposalsError("HEAD is detached; switch back to your branch (git switch main) first")
    matches = [c for c in find_ta_conflicts(repo) if ident in (c.tag, c.mine.article)]
    if not matches:
        raise ProposalsError(f"no TA conflict on {ident!r} (proposals resolve lists them)")
    if len(matches) > 1:
        names = ", ".join(sorted(c.tag for c in matches))
        raise ProposalsError(f"{ident} has several TA conflicts ({names}); name one tag: --ta TAG")
    conflict = matches[0]
    taken = set(store.tags()) | {name.partition("/")[2] for name in store.refs_under(MIRROR_PREFIX)}
    theirs = _standing_remote_ta(repo, conflict)
    # Both records go into our resolution's trailers; one was made by someone else, maybe by hand.
    for ta in (theirs, conflict.mine):
        for key, value in _record_trailers("TA", ta):
            check_text(
                value,
                f"the {key} of TA {shown(ta.tag)}",
                allow_empty=True,
                fix="that TA was not recorded by proposals; settle it by hand with your team",
            )
    mine_base = f"ta-{conflict.mine.article}" + (f"-{conflict.mine.section}" if conflict.mine.section else "")
    alias = ""
    if keep == "theirs":
        new_mine = _free_name(f"{conflict.tag}-superseded", taken, 1)
        kept_tag, superseded_tag, superseded_as = theirs.tag, conflict.tag, new_mine
    else:
        new_mine = _free_name(mine_base, taken, 2)
        alias = _free_name(f"{theirs.tag}-superseded", taken | {new_mine}, 1)
        kept_tag, superseded_tag, superseded_as = new_mine, theirs.tag, alias
    # Our TA commit takes its new name; the tag name goes to the remote's TA, as on the remote.
    mapping, _ = rewrite_unpushed(
        repo, branch, {}, ta_plan={conflict.tag: new_mine}, adopt_tags={conflict.tag: conflict.theirs_obj}
    )
    mine = replace(
        conflict.mine, commit=mapping.get(conflict.mine.commit, conflict.mine.commit), tag=new_mine
    )
    kept, superseded = (mine, theirs) if keep == "mine" else (theirs, mine)
    if alias:
        obj = store.tags()[theirs.tag][0] if theirs.tag in store.tags() else conflict.theirs_obj
        headers_message = read_tag(store, obj)
        note = headers_message[1] if headers_message else ""
        store.tag(
            alias,
            theirs.commit,
            f"Superseded: {theirs.tag}, kept under this name too (a TA tag never moves)\n\n{note}".rstrip()
            + "\n",
        )
    what = f"section {kept.section} of {kept.article}" if kept.section else kept.article
    trailers = [
        (T_RESOLVED, conflict.tag),
        ("TA-Resolved-Article", kept.article),
        ("TA-Resolved-Section", kept.section or ""),
        *_record_trailers("TA-Kept", kept),
        *[(k, v) for k, v in _record_trailers("TA-Superseded", superseded) if not k.endswith("-Tag")],
        ("TA-Superseded-Tag", superseded_tag),
        (T_SUPERSEDED_AS, superseded_as),
    ]
    message = (
        f"TA conflict on {what} settled: kept {keep} ({kept_tag})\n\n"
        f"Two TAs of {what} were recorded offline under {conflict.tag}. Both stay in the record; "
        f"the one kept stands, the other is kept as {superseded_as}.\n\n"
        + "\n".join(f"{k}: {v}" for k, v in trailers if v)
        + "\n"
    )
    store.commit(message, allow_empty=True)
    repo.invalidate()
    return (
        f"{kept.article}: kept {keep} ({kept_tag}); {superseded_tag} is superseded, kept as "
        f"{superseded_as}; run proposals sync to share it"
    )
