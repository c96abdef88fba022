"""Team sync over an ordinary git remote: fetch, merge, push, with the bargaining rules on top.

Plain ``git pull``/``git push`` would get three things wrong for a bargaining team, so sync does them:

- an uncommitted draft of an article that an incoming pass changes is never lost: it is saved on
  ``refs/drafts/<id>``, the incoming text takes its place, and the article is listed as a conflict
  until ``proposals resolve ID --keep mine|theirs``;
- two members recording the same pass number offline: the unpushed one is renumbered (its commit's
  ``Pass`` trailer rewritten, a ``Renumbered-From`` trailer added, a new tag) before the merge; pushed
  history is never rewritten, and the pre-renumbering commits stay under ``refs/proposals/before-renumber/``;
- TA tags are never moved or deleted: if the remote has a different commit under one of our TA tag
  names, sync stops before changing anything, and a TA tag deleted on the remote is pushed back. (The
  one exception is a TA tag nobody else has seen: when an unpushed TA commit sits after a renumbered
  pass it is rewritten too, and its tag follows it, with the same signatories, text hash and dates.)

Drafts (``refs/drafts/``) are personal and never pushed. The remote's tags are fetched into a
private mirror (``refs/proposals/remote-tags/<remote>/``) so that sync, not git, decides what a
clash means. History is only ever merged, never rebased.

This module is the sync's order of steps (``_sync_once``) and ``resolve``, which settles what a
sync leaves; each step lives with its concept: ``remote_tags`` (what the remote's tags mean),
``renumber``, ``set_aside`` (our drafts), ``merge``, ``push``; ``conflicts`` lists what is left.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from proposals.contract.part import validate_id
from proposals.errors import ProposalsError
from proposals.negotiation.drafts import (
    DRAFT_REF_PREFIX,
    atomic_write,
    decline_draft,
    restorable_drafts,
    restore_draft,
)
from proposals.negotiation.repo import ARTICLES_DIR, BargainingRepo, exclusive
from proposals.store import network
from proposals.store.git import GitStore
from proposals.store.network import remote_config, validate_remote_name, validate_url
from proposals.team.integrity import interrupted_merge, undo_interrupted_merge
from proposals.team.push import push
from proposals.team.remote import MIRROR_PREFIX, unpushed_commits

# A no-op sync (the remote has nothing new, we have nothing to push) stops at the top of
# `_sync_once`: what only a sync that changes something uses (the remote's tags checked, passes
# renumbered, drafts set aside, the merge, costing's terms files) is imported where it is used,
# not at start-up (issue 17: a no-op sync at most 1.5x `git fetch`).

MAX_ATTEMPTS = 3


def pick_remote(store: GitStore, branch: str, remote: str | None) -> str:
    """The remote to sync with: the one named, the branch's upstream, origin, or the only one."""
    configured, upstream = remote_config(store, branch)  # one git call, before the fetch
    remotes = list(configured)
    if remote is not None:
        validate_remote_name(remote)
        if remote not in remotes:
            raise ProposalsError(f"no remote named {remote!r}; add one with git remote add {remote} URL")
        name = remote
    else:
        if upstream in remotes:
            name = upstream
        elif "origin" in remotes:
            name = "origin"
        elif len(remotes) == 1:
            name = remotes[0]
        elif not remotes:
            raise ProposalsError(
                "this repo has no remote to sync with; add one with git remote add origin URL"
            )
        else:
            raise ProposalsError(f"several remotes ({', '.join(remotes)}); choose one with --remote NAME")
        validate_remote_name(name)
    settings = configured.get(name, {})
    for key in ("url", "pushurl"):
        for url in settings.get(key, []):
            validate_url(url)
    for key in ("uploadpack", "receivepack", "vcs"):
        if any(settings.get(key, [])):
            raise ProposalsError(
                f"refusing to sync: remote.{name}.{key} is set in .git/config and would run a command"
            )
    if not any(settings.get("url", [])):
        raise ProposalsError(f"remote {name!r} has no URL")
    return name


def current_branch(store: GitStore) -> str:
    branch = store.current_branch()
    if branch is None:
        raise ProposalsError("HEAD is detached; switch back to your branch (git switch main) before syncing")
    return branch


def article_id_of(path: str) -> str | None:
    prefix = ARTICLES_DIR + "/"
    if path.startswith(prefix) and path.endswith(".txt") and "/" not in path[len(prefix) :]:
        try:
            return validate_id(path[len(prefix) : -4])
        except ProposalsError:
            return None
    return None


@dataclass
class SyncReport:
    remote: str
    branch: str
    integrated: str = "up to date"  # "fast-forward", "merged", "up to date", "nothing on the remote yet"
    received_tags: list[str] = field(default_factory=list)
    pushed: list[str] = field(default_factory=list)
    renumbered: dict[str, str] = field(default_factory=dict)
    draft_conflicts: list[str] = field(default_factory=list)
    terms_conflicts: list[str] = field(default_factory=list)  # articles whose terms edit was set aside
    merge_conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def fetch(repo: BargainingRepo, remote: str) -> bool:
    """Branches into refs/remotes/<remote>/, tags into our private mirror (sync decides on them);
    whether any ref moved."""
    return network.fetch(repo.store, remote, f"refs/remotes/{remote}/", f"{MIRROR_PREFIX}{remote}/")


MIN_GIT = (2, 31)  # GIT_CONFIG_COUNT, fetch --no-write-fetch-head, %(trailers:separator=)


_GIT_CHECKED: list[bool] = []  # once per process: the git on PATH does not change under us


def check_git_version(store: GitStore) -> None:
    if _GIT_CHECKED:
        return
    found = re.search(r"(\d+)\.(\d+)", store.version())
    if found and (int(found[1]), int(found[2])) < MIN_GIT:
        raise ProposalsError(
            f"proposals sync needs git {MIN_GIT[0]}.{MIN_GIT[1]} or newer (this is git {found[0]})"
        )
    _GIT_CHECKED.append(True)


@exclusive
def sync(repo: BargainingRepo, remote: str | None = None) -> SyncReport:
    """Fetch, renumber clashing unpushed passes, set clashing drafts aside, merge, push."""
    interrupted = interrupted_merge(repo)  # a sync killed mid-merge: put back first, as repair does
    if interrupted is not None and interrupted.fixable:
        repo.notices.append(undo_interrupted_merge(repo))
    store = repo.store
    branch = current_branch(store)
    name = pick_remote(store, branch, remote)  # its URL checked before anything reaches the network
    report = SyncReport(name, branch)
    with _fetching(repo, name) as meanwhile:  # git waits on the network while the local checks run
        repo.ensure_can_record(history=False)  # the round HEAD is in: a fetch never moves HEAD
        check_git_version(store)
        if store.has_staged_changes():
            raise ProposalsError(
                "you have staged changes (git add); commit them or unstage them (git restore --staged .) "
                "before syncing"
            )
        meanwhile.listing = store.ref_listing()  # every ref, as the fetch leaves them if it moves none
        # and what a no-op sync asks of it (`_sync_once`), kept with that listing: 40-60 ms at
        # 20,000 passes, worked out while git still waits on the network
        store.refs_under("refs/heads/")
        store.refs_under(f"refs/remotes/{name}/")
        store.refs_alike("refs/tags/", f"{MIRROR_PREFIX}{name}/")
    for attempt in range(MAX_ATTEMPTS):
        if attempt:  # someone pushed between our fetch and our push: fetch and integrate again
            fetch(repo, name)
        head, alike = _sync_once(repo, name, branch, report)
        if report.merge_conflicts:
            return report
        pushed = push(repo, name, branch, head, tags_alike=alike)
        if pushed is not None:
            report.pushed += pushed
            return report
    raise ProposalsError(f"{name} kept changing while syncing; run proposals sync again")


@dataclass
class _Meanwhile:
    """What the body of `_fetching` read while git fetched: the ref listing, if it took one."""

    listing: str | None = None


@contextlib.contextmanager
def _fetching(repo: BargainingRepo, remote: str) -> Iterator[_Meanwhile]:
    """The fetch in a thread while the body runs checks that change nothing (a fetch moves only
    the remote's refs and our mirror of its tags). The refs are listed afresh after it, unless
    it moved none: then the listing the body took meanwhile holds, and a no-op sync asks git
    nothing once the fetch is done (issue 17: at 20,000 passes that listing is 80-110 ms).

    The body's refusal wins over the fetch's error (an old git fails both ways: its version says
    why); either way the fetch has finished before this returns or raises."""
    failed: list[BaseException] = []
    moved: list[bool] = []
    meanwhile = _Meanwhile()

    def run() -> None:
        try:
            moved.append(fetch(repo, remote))
        except BaseException as exc:  # raised in the caller's thread, below
            failed.append(exc)

    thread = threading.Thread(target=run, name="proposals-fetch", daemon=True)
    thread.start()
    try:
        yield meanwhile
    finally:
        thread.join()
        if moved == [False] and meanwhile.listing is not None:
            repo.store.keep_listing(meanwhile.listing)
        else:
            repo.store.forget_refs()
    if failed:
        raise failed[0]


def _sync_once(repo: BargainingRepo, remote: str, branch: str, report: SyncReport) -> tuple[str, bool]:
    """The steps of a sync after a fetch; returns HEAD as they leave it, and whether our tags and
    the remote's were found alike (a no-op: push need not compare them again). Nothing changes before
    step 2, nor at all when the remote has nothing new (a no-op sync). A fetch moves no local
    branch or tag, so the history read before it still holds."""
    store = repo.store
    head = store.refs_under("refs/heads/").get(branch, (None, None))[1]  # HEAD, from the one listing
    assert head is not None
    # The remote's branch from the same listing: at our HEAD it is that commit (a no-op sync asks
    # git nothing more); anything else is whatever they sent, which rev-parse takes to a commit.
    remote_head = store.refs_under(f"refs/remotes/{remote}/").get(branch, (None, None))[1]
    if remote_head != head:
        remote_head = store.rev_parse(f"refs/remotes/{remote}/{branch}")
    if head == remote_head and store.refs_alike("refs/tags/", f"{MIRROR_PREFIX}{remote}/"):
        return head, True  # a no-op: the remote has our branch and our tags, and we have its tags
    from proposals.team.merge import merge
    from proposals.team.remote_tags import check_remote_tags, take_in
    from proposals.team.renumber import renumber_clashes
    from proposals.team.set_aside import set_aside

    remote_tags = store.refs_under(f"{MIRROR_PREFIX}{remote}/")
    base = head if head == remote_head else store.merge_base(head, remote_head) if remote_head else None
    if remote_head is not None and base is None:
        raise ProposalsError(
            f"sync stopped, nothing changed: {remote}/{branch} shares no history with this repo; "
            "clone the remote (proposals clone URL DIR) instead of syncing an unrelated repo"
        )
    # 1. What the remote's tags mean: refuse moved or forged ones and TA conflicts. HEAD inside the
    # remote's branch (a no-op sync): a remote has every commit, so no rev-list to say so.
    unpushed = set() if base == head else unpushed_commits(store, head)
    check = check_remote_tags(repo, remote, remote_head, remote_tags, unpushed)
    report.warnings += [w for w in check.warnings if w not in report.warnings]
    # 2. Pass numbers used on both sides: ours, which no remote has seen, are renumbered.
    plan, notes = renumber_clashes(repo, branch, remote_head, remote_tags, unpushed, check.clashing_passes)
    report.renumbered.update(plan)
    report.warnings += notes
    head = store.head() if plan else head
    assert head is not None
    # 3. Tags only the remote has, and that their commits record, come in.
    report.received_tags += take_in(store, check.take_in, remote_tags)
    if remote_head is None:
        report.integrated = (
            f"{remote} had no {branch} branch (only tags); recreating it"
            if remote_tags
            else "nothing on the remote yet"
        )
        return head, False
    if remote_head == head or store.is_ancestor(remote_head, head):
        return head, False
    # 4. Our uncommitted work the incoming passes change: drafts set aside, other files protected.
    # What the remote changed since we diverged (three dots), not what differs from our commits.
    dirty = store.dirty_paths()
    ours = {p: article_id_of(p) for p in store.paths_changed_since_fork(head, remote_head) if p in dirty}
    aside = set_aside(repo, ours, f"{remote}/{branch}")
    # 5. Merge (never rebase): a fast-forward when we have nothing of our own.
    merged = merge(repo, head, remote_head, f"Sync with {remote}/{branch}", aside.put_back)
    report.integrated, report.merge_conflicts = merged
    repo.invalidate()
    # 6. A set-aside draft that equals the merged text was not a conflict after all.
    report.draft_conflicts, report.terms_conflicts = aside.still_conflicting()
    return store.head() or head, False


@exclusive
def resolve(repo: BargainingRepo, article_id: str, keep: str) -> str:
    """Settle one conflict sync reported; return a line saying what was done.

    During a conflicted merge, `mine` is the text our branch recorded and `theirs` the remote's,
    and the merge is committed once nothing is left unmerged. For a set-aside draft, `mine` puts the
    draft back in the working tree (still a draft) and `theirs` keeps the incoming text; either way
    the draft stays on refs/drafts/<id>.
    """
    from proposals.costing import conflicts as terms_conflicts
    from proposals.team.set_aside import CONFLICT_PREFIX, open_conflicts

    validate_id(article_id)
    if keep not in ("mine", "theirs"):
        raise ProposalsError("--keep takes mine or theirs")
    store = repo.store
    path = repo.article_relpath(article_id)
    terms = terms_conflicts.settle_unmerged(repo, article_id, keep)  # its terms files go with it
    if path in store.unmerged_paths() or terms:
        data = store.index_stage(2 if keep == "mine" else 3, path) if path in store.unmerged_paths() else b""
        if data is None:  # the chosen side deleted it
            store.remove_path(path)
        elif data:
            atomic_write(repo.root / path, data)
            store.stage(path)
        left = store.unmerged_paths()
        if left:
            return f"{article_id}: kept {keep}; still unmerged: {', '.join(left)}"
        store.commit_merge()
        repo.invalidate()
        return f"{article_id}: kept {keep}; merge committed, run proposals sync to publish it"
    conflicts = open_conflicts(store)
    terms_lines = terms_conflicts.resolve_set_aside(repo, article_id, keep)
    if article_id not in conflicts:
        if terms_lines:
            return "\n".join(terms_lines)
        # A draft replaced by a pass recorded here (their text pasted in) was saved on
        # refs/drafts/ without a sync conflict: `mine` restores it through the one draft rule.
        if article_id in restorable_drafts(repo):
            if keep == "mine":
                return restore_draft(repo, article_id)
            decline_draft(repo, article_id)
            kept = f"{DRAFT_REF_PREFIX}{article_id}"
            return f"{article_id}: kept the text on the table; your draft stays at {kept}"
        raise ProposalsError(f"{article_id} has no conflict to resolve (proposals resolve lists them)")
    if keep == "mine":
        data = store.read_blob(conflicts[article_id], f"{article_id}.txt")
        if data is None:
            raise ProposalsError(f"the set-aside draft of {article_id} is unreadable")
        atomic_write(repo.article_path(article_id), data)
        result = f"{article_id}: your draft is back in {path} (uncommitted); the incoming text is in history"
    else:
        decline_draft(repo, article_id)
        result = f"{article_id}: kept the incoming text; your draft stays at {DRAFT_REF_PREFIX}{article_id}"
    store.delete_ref(f"{CONFLICT_PREFIX}{article_id}")
    return "\n".join([result, *terms_lines])
