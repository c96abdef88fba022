"""Team sync over an ordinary git remote: fetch, merge, push, with the bargaining rules on top.

Plain ``git pull``/``git push`` would get four things wrong for a bargaining team, so sync does them:

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
- two members opening (or closing) a round offline would make one history of two rounds of one
  name, or two open rounds; passes, TAs or any other commit (a session's record, a repair, a
  settings change) made offline in a round the remote has closed would join neither it nor the
  next: sync stops before changing anything and says how to keep the remote's.

Drafts (``refs/drafts/``) are personal and never pushed. The remote's tags are fetched into a
private mirror (``refs/proposals/remote-tags/<remote>/``) so that sync, not git, decides what a
clash means. History is only ever merged, never rebased.

This module is the sync's order of steps (``_sync_once``) and ``resolve``, which settles what a
sync leaves; each step lives with its concept: ``round_clash`` (rounds changed on both sides),
``remote_tags`` (what the remote's tags mean), ``renumber``, ``set_aside`` (our drafts), ``merge``,
``push``; ``conflicts`` lists what is left.
"""

from __future__ import annotations

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
from proposals.team.fetching import (
    MIRROR_PREFIX,
    Fetch,
    Started,
    check_git_version,
    current_branch,
    fetch,
    pick_remote,
)
from proposals.team.integrity import interrupted_merge, undo_interrupted_merge
from proposals.team.push import push
from proposals.team.remote import unpushed_commits

# A no-op sync (the remote has nothing new, we have nothing to push) stops at the top of
# `_sync_once`: what only a sync that changes something uses (the remote's tags checked, passes
# renumbered, drafts set aside, the merge, costing's terms files) is imported where it is used,
# not at start-up (issue 17: a no-op sync at most 1.5x `git fetch`).

MAX_ATTEMPTS = 3


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


def sync(repo: BargainingRepo, remote: str | None = None, begun: Started | None = None) -> SyncReport:
    """Fetch, renumber clashing unpushed passes, set clashing drafts aside, merge, push.

    `begun`: ``team.fetching.started`` took the writer lock, checked the branch and the remote
    and set git to work before this repo was opened (``proposals sync``)."""
    with repo.writer_lock(held=begun is not None):
        return _sync(repo, remote, begun)


def _sync(repo: BargainingRepo, remote: str | None, begun: Started | None) -> SyncReport:
    store = repo.store
    if begun is None:
        interrupted = interrupted_merge(repo)  # a sync killed mid-merge: put back first, as repair does
        if interrupted is not None and interrupted.fixable:
            repo.notices.append(undo_interrupted_merge(repo))
        branch = current_branch(store)
        name = pick_remote(store, branch, remote)  # its URL checked before anything reaches the network
        fetching = Fetch(store, name)
    else:  # `started` found no mark of a killed sync's merge
        branch, name, fetching = begun.branch, begun.remote, begun.fetch
    report = SyncReport(name, branch)
    listing = None
    try:  # git waits on the network while the local checks run
        listing = store.ref_listing()  # every ref, as the fetch leaves them if it moves none;
        fetching.listed(listing)  # compared with the remote's: a fetch only if they differ
        # A closed round syncs too: its close is shared, the next round's opening comes in
        # (round_clash refuses what cannot be merged across a close)
        repo.ensure_can_record(history=False, closed_ok=True)
        check_git_version(store)
        if store.has_staged_changes():
            raise ProposalsError(
                "you have staged changes (git add); commit them or unstage them (git restore --staged .) "
                "before syncing"
            )
        # What a no-op sync asks of the listing (`_sync_once`), kept with it: 40-60 ms at
        # 20,000 passes, worked out while git still waits on the network
        store.refs_under("refs/heads/")
        store.refs_under(f"refs/remotes/{name}/")
        store.refs_alike("refs/tags/", f"{MIRROR_PREFIX}{name}/")
    finally:
        failed = fetching.finish(listing)  # a refusal above wins over the fetch's error
    if failed is not None:
        raise failed
    for attempt in range(MAX_ATTEMPTS):
        if attempt:  # someone pushed between our fetch and our push: fetch and integrate again
            fetch(store, name)
        head, alike = _sync_once(repo, name, branch, report)
        if report.merge_conflicts:
            return report
        pushed = push(repo, name, branch, head, tags_alike=alike)
        if pushed is not None:
            report.pushed += pushed
            return report
    raise ProposalsError(f"{name} kept changing while syncing; run proposals sync again")


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
    from proposals.team.round_clash import check_round_clash
    from proposals.team.set_aside import set_aside

    remote_tags = store.refs_under(f"{MIRROR_PREFIX}{remote}/")
    base = head if head == remote_head else store.merge_base(head, remote_head) if remote_head else None
    if remote_head is not None and base is None:
        raise ProposalsError(
            f"sync stopped, nothing changed: {remote}/{branch} shares no history with this repo; "
            "clone the remote (proposals clone URL DIR) instead of syncing an unrelated repo"
        )
    if remote_head is not None and base is not None and base not in (head, remote_head):
        # Both sides have commits of their own: a round opened or closed on each is refused, and
        # so are our passes or TAs in a round the remote closed.
        check_round_clash(store, remote, branch, head, remote_head, base)
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
