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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from proposals.contract.part import validate_id
from proposals.costing import conflicts as terms_conflicts
from proposals.costing.terms import terms_article
from proposals.errors import ProposalsError
from proposals.negotiation.drafts import (
    DRAFT_REF_PREFIX,
    atomic_write,
    decline_draft,
    restorable_drafts,
    restore_draft,
    save_draft,
)
from proposals.negotiation.history import T_PASS, T_TA_ARTICLE
from proposals.negotiation.repo import ARTICLES_DIR, BargainingRepo, exclusive
from proposals.store import network
from proposals.store.git import NULL_SHA, GitError, GitStore, git_message
from proposals.store.network import remote_settings, validate_remote_name, validate_url
from proposals.team.integrity import (
    begin_sync_merge,
    end_sync_merge,
    interrupted_merge,
    undo_interrupted_merge,
)
from proposals.team.remote import (
    MIRROR_PREFIX,
    PUSHED_PREFIX,
    SUPERSEDED_RE,
    Trailers,
    looks_like_record_tag,
    mark_pushed,
    superseded_aliases,
    trailers_of,
    why_not_genuine,
)
from proposals.team.remote import unpushed_commits as unpushed_commits_of
from proposals.team.renumber import BACKUP_PREFIX, plan_renumbering, rewrite_unpushed
from proposals.team.ta_conflicts import find_ta_conflicts

CONFLICT_PREFIX = "refs/proposals/conflicts/"
MAX_ATTEMPTS = 3


def pick_remote(store: GitStore, branch: str, remote: str | None) -> str:
    """The remote to sync with: the one named, the branch's upstream, origin, or the only one."""
    remotes = store.remotes()
    if remote is not None:
        validate_remote_name(remote)
        if remote not in remotes:
            raise ProposalsError(f"no remote named {remote!r}; add one with git remote add {remote} URL")
        name = remote
    else:
        upstream = store.config_get(f"branch.{branch}.remote")
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
    settings = remote_settings(store, name)
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


# -- reading refs ---------------------------------------------------------------------------------


def current_branch(store: GitStore) -> str:
    branch = store.current_branch()
    if branch is None:
        raise ProposalsError("HEAD is detached; switch back to your branch (git switch main) before syncing")
    return branch


def pass_names_in(
    store: GitStore, rev: str, round_opened: str | None = None, prefix: str = ""
) -> dict[str, str]:
    """Pass name (as tagged: `prefix` + the Pass trailer) -> commit, for every pass recorded in
    rev's history; only those after `round_opened` (a later round's: numbers start again)."""
    names: dict[str, str] = {}
    if round_opened is not None:
        if not store.is_ancestor(round_opened, rev):
            return names  # the remote has not seen this round open: none of its passes are in it
        rev = f"{round_opened}..{rev}"
    for sha, values in store.trailer_values(rev, T_PASS):
        for name in values:
            names.setdefault(prefix + name, sha)
    return names


# -- drafts and conflicts -------------------------------------------------------------------------


def article_id_of(path: str) -> str | None:
    prefix = ARTICLES_DIR + "/"
    if path.startswith(prefix) and path.endswith(".txt") and "/" not in path[len(prefix) :]:
        try:
            return validate_id(path[len(prefix) : -4])
        except ProposalsError:
            return None
    return None


def open_conflicts(store: GitStore) -> dict[str, str]:
    """Articles whose draft was set aside by sync and not yet resolved: id -> saved draft commit."""
    return {name: peeled for name, (_, peeled) in store.refs_under(CONFLICT_PREFIX).items()}


# -- the sync -------------------------------------------------------------------------------------


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


def fetch(repo: BargainingRepo, remote: str) -> None:
    """Branches into refs/remotes/<remote>/, tags into our private mirror (sync decides on them)."""
    network.fetch(repo.store, remote, f"refs/remotes/{remote}/", f"{MIRROR_PREFIX}{remote}/")


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
    repo.ensure_can_record()
    check_git_version(repo.store)
    store = repo.store
    branch = current_branch(store)
    name = pick_remote(store, branch, remote)
    report = SyncReport(name, branch)
    if store.has_staged_changes():
        raise ProposalsError(
            "you have staged changes (git add); commit them or unstage them (git restore --staged .) "
            "before syncing"
        )
    for _ in range(MAX_ATTEMPTS):
        _sync_once(repo, name, branch, report)
        if report.merge_conflicts or _push(repo, name, branch, report):
            return report
        # someone pushed between our fetch and our push: fetch and integrate again
    raise ProposalsError(f"{name} kept changing while syncing; run proposals sync again")


def duplicate_notes(
    repo: BargainingRepo,
    unpushed: list[tuple[str, str, str]],
    remote_names: dict[str, str],
    plan: dict[str, str],
) -> list[str]:
    """Spot the likely cause of a clash: the same pass entered twice, by two members."""
    store = repo.store
    notes = []
    for name, _, commit in unpushed:
        theirs = remote_names.get(name)
        if name not in plan or theirs is None:
            continue
        same = [store.trailer(c, "Session") for c in (commit, theirs)]
        ours_tree = store.paths_changed_by(commit) if same[0] == same[1] else None
        theirs_tree = store.paths_changed_by(theirs) if ours_tree is not None else None
        if ours_tree is not None and ours_tree == theirs_tree:
            paths = ours_tree
            if all(store.blob_id(commit, p) == store.blob_id(theirs, p) for p in paths):
                notes.append(
                    f"your {name} (now {plan[name]}) has the same session and text as the remote's {name}: "
                    "probably the same pass entered twice; both are kept in the history"
                )
    return notes


def _sync_once(repo: BargainingRepo, remote: str, branch: str, report: SyncReport) -> None:
    store = repo.store
    fetch(repo, remote)
    repo.invalidate()
    remote_ref = f"refs/remotes/{remote}/{branch}"
    remote_head = store.rev_parse(remote_ref)
    remote_tags = store.refs_under(f"{MIRROR_PREFIX}{remote}/")
    head = store.head()
    assert head is not None
    base = store.merge_base(head, remote_head) if remote_head is not None else None
    if remote_head is not None and base is None:
        raise ProposalsError(
            f"sync stopped, nothing changed: {remote}/{branch} shares no history with this repo; "
            "clone the remote (proposals clone URL DIR) instead of syncing an unrelated repo"
        )

    # 1. What the remote's tags mean: refuse moved or forged ones and TA conflicts; nothing changed yet.
    # HEAD inside the remote's branch (a no-op sync): a remote has every commit, so no rev-list
    # against every mirrored tag (0.5-1.3 s at 20,000 passes) is needed to say so.
    unpushed_commits = set() if base == head else unpushed_commits_of(store, head)
    check = check_remote_tags(repo, remote, remote_head, remote_tags, unpushed_commits)
    report.warnings += [w for w in check.warnings if w not in report.warnings]

    # 2. Pass numbers used on both sides: renumber ours, which no remote has seen.
    history = repo.history()
    prefix = history.tag_prefix  # a later round's passes are tagged 2028/U-3: numbers start again
    unpushed = [(p.name, p.party, p.commit) for p in history.passes if p.commit in unpushed_commits]
    remote_names = {n: c for n, (_, c) in remote_tags.items()}
    if unpushed and remote_head:  # passes whose tag the remote lost still hold their number
        opened = history.round.opened if history.round else None
        remote_names = pass_names_in(store, remote_head, opened, prefix) | remote_names
    taken = {n for n, c in remote_names.items() if c not in unpushed_commits} | check.clashing_passes
    clashes = {n for n, _, _ in unpushed if prefix + n in taken}
    if clashes:
        codes = {key: party.code for key, party in repo.config.parties.items()}
        this_round = {n[len(prefix) :] for n in taken if n.startswith(prefix)}
        plan = plan_renumbering(unpushed, this_round, codes)
        report.warnings += duplicate_notes(repo, unpushed, remote_names, plan)
        _, followed = rewrite_unpushed(repo, branch, plan)
        report.renumbered.update(plan)
        if followed:
            report.warnings.append(
                f"your unpushed tags {', '.join(followed)} now mark the renumbered copies of their "
                "commits (same text, same dates; the originals are under " + BACKUP_PREFIX + ")"
            )
        repo.invalidate()
        head = store.head()
        assert head is not None

    # 3. Tags only the remote has, and that their commits record, come in; ours are never replaced.
    local_tags = store.tags()
    for tag in check.take_in:
        if tag not in local_tags:
            store.update_ref(f"refs/tags/{tag}", remote_tags[tag][0], NULL_SHA)
            report.received_tags.append(tag)

    if remote_head is None:
        report.integrated = (
            f"{remote} had no {branch} branch (only tags); recreating it"
            if remote_tags
            else "nothing on the remote yet"
        )
        return
    if store.is_ancestor(remote_head, head):
        return
    # What the remote changed since we diverged (three dots), not what differs from our own commits.
    incoming = store.paths_changed_since_fork(head, remote_head)
    dirty = store.dirty_paths()
    blocked = sorted(p for p in incoming if p in dirty and article_id_of(p) is None and not terms_article(p))
    if blocked:
        raise ProposalsError(
            f"sync stopped before merging: your uncommitted changes to {', '.join(blocked)} would be "
            "overwritten; commit them (git commit) or set them aside (git stash), then sync again"
        )

    # 4. Our drafts of articles the incoming passes change: kept aside, never lost.
    set_aside: dict[str, bytes | None] = {}
    for path in incoming:
        article_id = article_id_of(path)
        if article_id is None or path not in dirty:
            continue
        file = repo.root / path
        mine = file.read_bytes() if file.is_file() else None
        set_aside[article_id] = mine
        if mine is not None:
            saved = save_draft(
                store,
                article_id,
                mine,
                f"Set aside by proposals sync: {remote}/{branch} changed {path} while you were drafting it.",
            )
            store.update_ref(f"{CONFLICT_PREFIX}{article_id}", store.rev_parse(saved) or "")
        if store.blob_id("HEAD", path):
            store.restore_path(path)
        else:
            store.untrack(path)
            file.unlink(missing_ok=True)

    terms_aside = terms_conflicts.set_aside(  # our unsent terms edits, likewise (costing.conflicts)
        repo,
        [p for p in incoming if p in dirty and terms_article(p)],
        f"Set aside by proposals sync: {remote}/{branch} changed it while you were editing it.",
    )

    def put_back() -> None:
        """The merge failed outright: every set-aside draft goes back where it was."""
        terms_conflicts.put_back(repo, terms_aside)
        for article_id, mine in set_aside.items():
            if mine is not None:
                atomic_write(repo.article_path(article_id), mine)
                store.delete_ref(f"{CONFLICT_PREFIX}{article_id}")

    # 5. Merge (never rebase): fast-forward when we have nothing of our own. Marked while git
    # works, so that a sync killed meanwhile is put back by repair or the next sync (integrity).
    begin_sync_merge(repo, head, remote_head)
    if store.is_ancestor(head, remote_head):
        try:
            store.merge_fast_forward(remote_head)
        except GitError:
            end_sync_merge(repo)
            put_back()
            raise
        end_sync_merge(repo)
        report.integrated = "fast-forward"
    else:
        proc = store.merge(remote_head, f"Sync with {remote}/{branch}")
        end_sync_merge(repo)
        if proc.returncode != 0:
            conflicts = store.unmerged_paths()
            if not conflicts:
                put_back()
                raise GitError(git_message(proc.stderr, ["merge"]))
            report.merge_conflicts = conflicts
        report.integrated = "merged"
    repo.invalidate()

    # 6. A set-aside draft that equals the merged text was not a conflict after all.
    for article_id, mine in set_aside.items():
        if mine is None:
            continue
        path = repo.article_path(article_id)
        now = path.read_bytes() if path.is_file() else None
        if now is not None and now.replace(b"\r\n", b"\n").rstrip() == mine.replace(b"\r\n", b"\n").rstrip():
            store.delete_ref(f"{CONFLICT_PREFIX}{article_id}")
        else:
            report.draft_conflicts.append(article_id)
    report.terms_conflicts = terms_conflicts.still_conflicting(repo, terms_aside)


def _push(repo: BargainingRepo, remote: str, branch: str, report: SyncReport) -> bool:
    """Push the branch and our new tags in one atomic push; False if the remote moved meanwhile."""
    store = repo.store
    head = store.head()
    assert head is not None
    remote_head = store.rev_parse(f"refs/remotes/{remote}/{branch}")
    remote_tags = store.refs_under(f"{MIRROR_PREFIX}{remote}/")
    refspecs: list[str] = []
    if remote_head != head:
        refspecs.append(f"refs/heads/{branch}:refs/heads/{branch}")
    new_tags = []
    for tag, (_, peeled) in sorted(store.tags().items()):
        if tag not in remote_tags and store.is_ancestor(peeled, head):
            refspecs.append(f"refs/tags/{tag}:refs/tags/{tag}")
            new_tags.append(tag)
    if not refspecs:
        mark_pushed(store, remote, head)
        return True
    if not network.push_atomic(store, remote, refspecs):
        return False
    if remote_head != head:
        report.pushed.append(branch)
        if store.config_get(f"branch.{branch}.remote") is None:
            store.config_set(f"branch.{branch}.remote", remote)
            store.config_set(f"branch.{branch}.merge", f"refs/heads/{branch}")
    report.pushed += new_tags
    # The remote now has what we pushed (atomically): record it as a fetch would, without one.
    local_tags = store.tags()
    updates = [f"update refs/remotes/{remote}/{branch} {head}"] if remote_head != head else []
    updates += [f"update {MIRROR_PREFIX}{remote}/{tag} {local_tags[tag][0]}" for tag in new_tags]
    updates.append(f"update {PUSHED_PREFIX}{remote} {head}")
    store.update_refs(updates)
    return True


# -- resolving ------------------------------------------------------------------------------------


@exclusive
def resolve(repo: BargainingRepo, article_id: str, keep: str) -> str:
    """Settle one conflict sync reported; return a line saying what was done.

    During a conflicted merge, `mine` is the text our branch recorded and `theirs` the remote's,
    and the merge is committed once nothing is left unmerged. For a set-aside draft, `mine` puts the
    draft back in the working tree (still a draft) and `theirs` keeps the incoming text; either way
    the draft stays on refs/drafts/<id>.
    """
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


# -- cloning --------------------------------------------------------------------------------------


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


def clone(url: str, target: Path) -> BargainingRepo:
    """A working clone of a team's remote; refuses option-shaped URLs and transport helpers."""
    validate_url(url)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProposalsError(f"{target} already exists and is not empty")
    if not target.parent.is_dir():
        raise ProposalsError(f"{target.parent} is not a directory")
    created = not target.exists()
    probe = GitStore(target.parent)
    try:
        network.clone(probe, url, target.resolve())
        store = GitStore(target)
        if store.head() is None:
            # A bare remote made with plain `git init --bare` may name a HEAD branch nobody pushed.
            branches = list(store.refs_under("refs/remotes/origin/"))
            pick = next((b for b in ("main", "master") if b in branches), None) or next(
                (b for b in branches if b != "HEAD"), None
            )
            if pick is None:
                raise ProposalsError(
                    f"{url} holds nothing yet; push a bargaining repo to it with proposals sync"
                )
            store.checkout_tracking(pick, f"refs/remotes/origin/{pick}")
        repo = BargainingRepo.open(target)
        repo.history()
        check_cloned_tags(repo, url)
    except ProposalsError:
        if created and target.exists():
            import shutil

            shutil.rmtree(target)
        raise
    return repo
