"""What a remote's tags mean, decided before sync changes anything, and the ones taken in.

The remote's tags are fetched into a private mirror (``refs/proposals/remote-tags/<remote>/``) so
that sync, not git, decides what a clash means. Pushed tags never move: a tag the remote has on
another commit is refused (a moved TA tag, a moved baseline, a forged pass), unless ours was never
pushed (then ours is renumbered) or both are TAs of one text (``resolve --ta`` settles it). A tag
only the remote has comes in only when the commit it marks records it (``remote.why_not_genuine``);
``clone`` holds a new copy's tags to the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proposals.errors import ProposalsError
from proposals.negotiation.history import T_TA_ARTICLE
from proposals.negotiation.repo import BargainingRepo
from proposals.store.git import NULL_SHA, GitStore
from proposals.team.remote import (
    MIRROR_PREFIX,
    SUPERSEDED_RE,
    Trailers,
    looks_like_record_tag,
    superseded_aliases,
    trailers_of,
    why_not_genuine,
)
from proposals.team.ta_conflicts import find_ta_conflicts


@dataclass
class TagCheck:
    """What sync makes of the remote's tags, decided before anything is changed."""

    clashing_passes: set[str] = field(default_factory=set)  # our unpushed passes whose name it used
    take_in: list[str] = field(default_factory=list)  # genuine tags only the remote has
    warnings: list[str] = field(default_factory=list)


def check_remote_tags(
    repo: BargainingRepo,
    remote: str,
    remote_head: str | None,
    remote_tags: dict[str, tuple[str, str]],
    unpushed: set[str],
) -> TagCheck:
    """Refuse a moved or forged tag and a TA conflict; sort the rest. Changes nothing.

    A tag we have and the remote has elsewhere is a clash of numbers when ours was never pushed
    (renumbered), a TA conflict when both mark TAs of the same text (settled by resolve --ta),
    and a moved tag otherwise (refused: pushed tags never move). A tag only the remote has comes
    in only when the commit it marks records it (``remote.why_not_genuine``).
    """
    store = repo.store
    local = store.tags()
    check = TagCheck()
    history = repo.history()
    pass_names = {history.tag_prefix + p.name for p in history.passes}  # as tagged: 2028/U-3
    codes = [party.code for party in repo.config.parties.values()]
    new = {name: peeled for name, (_, peeled) in remote_tags.items() if name not in local}
    differ = {
        name: peeled
        for name, (_, peeled) in remote_tags.items()
        if name in local and local[name][1] != peeled
    }
    trailers = trailers_of(store, {*new.values(), *differ.values(), *(local[n][1] for n in differ)})
    conflicts = {c.tag: c for c in find_ta_conflicts(repo, remote)} if differ else {}
    for name, theirs in sorted(differ.items()):
        ours = local[name][1]
        if name in conflicts:
            raise ProposalsError(f"sync stopped, nothing changed: {conflicts[name].line()}")
        is_ta = name.startswith("ta-") or any(
            trailers[c].get(T_TA_ARTICLE) for c in (ours, theirs) if c in trailers
        )
        if is_ta:
            raise ProposalsError(
                f"sync stopped, nothing changed: TA tag {name} marks commit {ours[:10]} here but "
                f"{theirs[:10]} on {remote}; a TA tag is never moved or deleted by sync, so compare "
                f"them (git show {name} {MIRROR_PREFIX}{remote}/{name}) and put it back on {remote}"
            )
        if name == "baseline":
            raise ProposalsError(
                f"sync stopped, nothing changed: {remote} has a different baseline ({theirs[:10]}, here "
                f"{ours[:10]}); a moved baseline is refused: put it back on {remote}, or if these are two "
                "negotiations clone the remote with proposals clone instead"
            )
        if name in pass_names and ours in unpushed:
            problem = why_not_genuine(name, theirs, trailers.get(theirs, Trailers()), {}, True)
            if problem is not None:
                raise ProposalsError(
                    f"sync stopped, nothing changed: {remote} has a tag {name} that {problem} "
                    f"({theirs[:10]}); it was added or moved on the server by hand and is not taken in: "
                    f"delete it there (git push {remote} :refs/tags/{name})"
                )
            check.clashing_passes.add(name)
            check.take_in.append(name)  # once ours is renumbered
        elif ours not in unpushed:
            raise ProposalsError(
                f"sync stopped, nothing changed: tag {name} was moved on {remote} (to {theirs[:10]}; it was "
                f"pushed as {ours[:10]}); a pushed tag never moves: put it back on {remote} "
                f"(git push --force {remote} {ours}:refs/tags/{name})"
            )
        else:
            check.warnings.append(
                f"tag {name} differs on {remote} ({theirs[:10]}) from yours ({ours[:10]}); kept yours, "
                "not pushed"
            )
    aliases: dict[str, str] = {}
    if any(SUPERSEDED_RE.fullmatch(n) for n in new):
        aliases = superseded_aliases(store, remote_head or "", "HEAD")
    for name, theirs in sorted(new.items()):
        record = looks_like_record_tag(name, codes)
        problem = why_not_genuine(name, theirs, trailers.get(theirs, Trailers()), aliases, record)
        if problem is None:
            check.take_in.append(name)
        elif SUPERSEDED_RE.fullmatch(name) and name not in aliases:
            # its resolution commit is not in sight yet (the remote lost its branch, say): later
            check.warnings.append(f"tag {name} on {remote} waits for the resolution that names it")
        elif record or "records another" in problem or "is on the commit" in problem:
            raise ProposalsError(
                f"sync stopped, nothing changed: {remote} has a tag {name} that {problem} ({theirs[:10]}); "
                f"it was added or moved on the server by hand and is not taken in: delete it there "
                f"(git push {remote} :refs/tags/{name})"
            )
        else:
            check.warnings.append(f"ignored tag {name} on {remote}: it {problem}")
    return check


def take_in(store: GitStore, names: list[str], remote_tags: dict[str, tuple[str, str]]) -> list[str]:
    """Tags only the remote has (genuine, by ``check_remote_tags``) come in; ours are never replaced."""
    local = store.tags()
    taken = []
    for tag in names:
        if tag not in local:
            store.update_ref(f"refs/tags/{tag}", remote_tags[tag][0], NULL_SHA)
            taken.append(tag)
    return taken


def check_cloned_tags(repo: BargainingRepo, url: str) -> None:
    """git clone takes every tag: refuse the copy when one is not what its commit records."""
    store = repo.store
    tags = store.tags()
    trailers = trailers_of(store, {peeled for _, peeled in tags.values()})
    aliases = superseded_aliases(store, "HEAD") if any(SUPERSEDED_RE.fullmatch(n) for n in tags) else {}
    codes = [party.code for party in repo.config.parties.values()]
    for name, (_, peeled) in sorted(tags.items()):
        record = looks_like_record_tag(name, codes)
        problem = why_not_genuine(name, peeled, trailers.get(peeled, Trailers()), aliases, record)
        if SUPERSEDED_RE.fullmatch(name) and name not in aliases:
            continue  # a settled TA conflict whose resolution this branch does not hold yet
        if problem is not None and (record or "records another" in problem or "is on the commit" in problem):
            raise ProposalsError(
                f"clone refused: {url} has a tag {name} that {problem} ({peeled[:10]}); it was added or "
                f"moved on the server by hand: delete it there (git push origin :refs/tags/{name})"
            )
