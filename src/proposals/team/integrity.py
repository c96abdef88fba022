"""Finding and repairing what a crash or a careless git command leaves behind.

A pass is a commit and then a tag, a TA the same, and a draft is written to a temp file and renamed,
so a process killed at the wrong moment (or ``git tag -d``, or ``git reset``) can leave:

- a pass or TA commit without its tag: repaired by re-creating the tag from the commit's trailers;
- a pass tag whose commit is no longer in the branch ("tag without commit"): the tag is set aside
  under ``refs/proposals/orphans/`` (nothing is deleted) unless it was already pushed;
- a temp file of an interrupted save: moved into ``.git/proposals/interrupted/``;
- a sync killed while merging (its mark still in ``.git/proposals/sync-merge``, or a MERGE_HEAD with
  nothing unmerged): the merge is abandoned, HEAD and index back as before it (the next sync
  merges again);
- a stale ``index.lock`` or a merge stopped on a conflict: explained, since only a person can know
  (``resolve`` settles the conflict).

``verify`` gets the checks that need a person (moved tags, TA'd text that no longer matches its lock
at the TA commit or on a remote-tracking branch); ``repair`` fixes what is safe to fix.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from proposals.errors import ProposalsError
from proposals.negotiation import recovery
from proposals.negotiation.history import T_PASS, T_TA_TAG, History, load_history
from proposals.negotiation.recovery import SAFE_KINDS
from proposals.negotiation.repo import ARTICLE_ATTRIBUTES, ARTICLES_DIR, REPAIRED, BargainingRepo, exclusive
from proposals.team.remote import MIRROR_PREFIX

if TYPE_CHECKING:
    from proposals.negotiation.agreements import Violation

# verify's checks (agreements, passes) are imported by the functions that run them: sync reads
# only `interrupted_merge` from here, and a no-op sync should not load the recorders (issue 17).

ORPHAN_PREFIX = "refs/proposals/orphans/"


@dataclass(frozen=True, slots=True)
class Problem:
    # untagged-pass | untagged-ta | untagged-close | orphan-tag | temp-file | index-lock | merge |
    # sync-merge | journal
    kind: str
    name: str
    detail: str
    fixable: bool

    def line(self) -> str:
        return f"{self.name}: {self.detail}"


# -- a sync killed while merging ---------------------------------------------------------------
# sync writes this file (.git/proposals/sync-merge: "<HEAD before> <commit merged>") just before it
# merges or fast-forwards and removes it once git has answered, so a merge that is still half-done
# while the file exists was interrupted (the process killed), not stopped on a conflict for
# `resolve`.
SYNC_MERGE_MARK = "sync-merge"


def _mark_path(repo: BargainingRepo) -> Path:
    return repo.git_dir / "proposals" / SYNC_MERGE_MARK


def begin_sync_merge(repo: BargainingRepo, head: str, incoming: str) -> None:
    """Sync is about to merge `incoming` into `head`: what repair needs if it is killed meanwhile."""
    from proposals.negotiation.drafts import atomic_write  # here: verify, which reads, never loads drafts

    atomic_write(_mark_path(repo), f"{head} {incoming}\n")


def end_sync_merge(repo: BargainingRepo) -> None:
    """Git has answered (merged, stopped on a conflict for resolve, or refused)."""
    _mark_path(repo).unlink(missing_ok=True)


def _read_mark(repo: BargainingRepo) -> tuple[str, str] | None:
    try:
        words = _mark_path(repo).read_text(encoding="utf-8").split()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return ("", "")
    return (words[0], words[1]) if len(words) == 2 else ("", "")


def _merge_head(repo: BargainingRepo) -> str | None:
    try:
        text = (repo.git_dir / "MERGE_HEAD").read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        return ""
    return text.split("\n", 1)[0].strip()


def interrupted_merge(repo: BargainingRepo) -> Problem | None:
    """A merge left half-done: fixable ("sync-merge") when a killed sync left it, a person's
    ("merge") when it is a conflict sync reported and ``resolve`` settles.

    Interrupted: sync's mark is still there (killed between starting the merge and hearing git's
    answer: git half-way through its checkout, stopped on a conflict nobody was told of, or killed
    between writing MERGE_HEAD and committing); or, without the mark (left by an older version),
    a MERGE_HEAD whose commit is already in HEAD (git killed after committing, before removing it)
    or a sync's merge with nothing unmerged (git killed before committing it).
    """
    mark = _read_mark(repo)
    merge_head = _merge_head(repo)
    if mark is None and merge_head is None:
        return None
    store = repo.store
    head = store.head() or ""
    if mark is None:
        assert merge_head is not None
        committed = bool(merge_head) and bool(head) and store.is_ancestor(merge_head, head)
        try:
            message = (repo.git_dir / "MERGE_MSG").read_text(encoding="utf-8", errors="replace")
        except OSError:
            message = ""
        if not committed and not (message.startswith("Sync with ") and not store.unmerged_paths()):
            return Problem(
                "merge", "merge", "a sync's merge is unfinished; proposals resolve lists what is left", False
            )
        incoming = merge_head
    else:
        incoming = mark[1] or merge_head or ""
    if incoming and head and store.is_ancestor(incoming, head):
        detail = (
            f"a sync was killed just after its merge of {incoming[:10]} was committed; repair "
            "clears the merge state git left behind"
        )
    else:
        what = f"merging {incoming[:10]}" if incoming else "merging"
        detail = (
            f"a sync was killed while {what}, so the merge is half-done; repair abandons it "
            f"(HEAD stays at {head[:10]}: nothing pushed or recorded is lost), then run proposals sync again"
        )
    return Problem("sync-merge", "merge", detail, True)


def undo_interrupted_merge(repo: BargainingRepo) -> str:
    """Put the clone back as it was before the killed sync's merge (or keep the merge if git had
    committed it) and say so in one line. Drafts sync set aside before merging stay on their refs
    and in ``proposals resolve``; the next sync merges again."""
    store = repo.store
    mark = _read_mark(repo)
    merge_head = _merge_head(repo)
    incoming = (mark[1] if mark else "") or merge_head or ""
    before = store.head() or ""
    committed = bool(incoming) and bool(before) and store.is_ancestor(incoming, before)
    store.abandon_merge()
    if mark is not None and mark[0] == before and incoming and not committed:
        _clear_checkout_residue(repo, before, incoming)
    end_sync_merge(repo)
    repo.invalidate()
    if committed:
        return (
            f"{REPAIRED}a sync killed after committing its merge of {incoming[:10]} left git's merge "
            "state behind; cleared it (the merge stays)"
        )
    what = f" of {incoming[:10]}" if incoming else ""
    return (
        f"{REPAIRED}a sync was killed in the middle of its merge{what}; abandoned that merge, HEAD "
        f"stays at {before[:10]} (nothing pushed or recorded is lost): run proposals sync again"
    )


def _clear_checkout_residue(repo: BargainingRepo, head: str, incoming: str) -> None:
    """Files git wrote before it was killed in the middle of its checkout (no index, no MERGE_HEAD
    yet): an incoming path whose working copy is exactly the incoming text goes back to HEAD's. A
    draft of such a path was saved by sync before it merged (refs/drafts/), and any other change is
    left alone."""
    store = repo.store
    paths = store.paths_changed_since_fork(head, incoming)
    if not paths:
        return
    for path in sorted(store.dirty_paths(*paths)):
        file = repo.root / path
        theirs = store.read_blob(incoming, path)
        try:
            mine = file.read_bytes() if file.is_file() else None
        except OSError:
            continue
        if mine != theirs:
            continue
        if store.blob_id("HEAD", path):
            store.restore_path(path)
        else:
            store.untrack(path)
            file.unlink(missing_ok=True)


def _pushed_tags(repo: BargainingRepo) -> set[str]:
    """Tag names some remote is known (as of the last sync) to have."""
    return {name.partition("/")[2] for name in repo.store.refs_under(MIRROR_PREFIX) if "/" in name}


_PASS_JOURNAL = (
    "a pass or TA was interrupted while writing its files; repair finishes it (or puts back what it "
    "wrote, if its commit never landed)"
)
_JOURNAL_DETAILS = {  # what each recorder's journal (recovery.JOURNALS) means to the person reading it
    recovery.BASELINE_JOURNAL: "a baseline import was interrupted while writing its files; repair "
    "finishes it (or puts back what it wrote, if its commit never landed)",
    recovery.RESTORE_JOURNAL: _PASS_JOURNAL,
    recovery.FORWARD_JOURNAL: _PASS_JOURNAL,
    recovery.ROUND_JOURNAL: "a round close or undo was interrupted; repair finishes it (tags a close "
    "that was recorded) or puts the parts back as the last commit has them",
}


def find_problems(repo: BargainingRepo) -> list[Problem]:
    """Everything half-done in this repo, each marked fixable by ``repair`` or not."""
    problems: list[Problem] = []
    git_dir = repo.store.git_dir()
    safe = recovery.interrupted(repo)  # a lock no running git owns is among these, removable
    lock = git_dir / "index.lock"
    if lock.exists() and ("index-lock", "index.lock") not in safe:
        try:
            age = int(max(0.0, time.time() - lock.stat().st_mtime) // 60)
        except OSError:
            age = 0
        problems.append(
            Problem(
                "index-lock",
                str(lock),
                f"left {age} min ago by a git command that is still running (git, an editor or an "
                "IDE); repair removes it only once no git works in this repo: let that command "
                f"finish, or if you know none is running, delete it (rm {lock})",
                False,
            )
        )
    merge = interrupted_merge(repo)
    if merge is not None:
        problems.append(merge)
    history = repo.history()
    tags = repo.store.tags()
    details = {
        "temp-file": "left by an interrupted save; repair moves it aside",
        "untagged-pass": "pass recorded but never tagged (interrupted)",
        "untagged-ta": "TA recorded but never tagged (interrupted)",
        "untagged-close": "round closed but this tag is missing (interrupted, deleted); repair tags it",
        "ref-lock": "a ref lock left by a killed git command (no git is running here); repair removes it",
        "index-lock": "left by a killed git command (no git is running here); repair removes it",
    }
    problems += [Problem(kind, name, details[kind], True) for kind, name in safe]
    problems += [
        Problem("journal", f".git/{name}", _JOURNAL_DETAILS[name], True)
        for name in recovery.pending_journals(repo)
    ]
    problems += _attribute_problems(repo)

    full = repo.full_history()
    known = {"baseline"} | {t.tag for t in full.tas}
    for chosen in full.all_rounds():  # every round's pass tags (2028/U-3 after the first)
        known |= {chosen.tag_prefix + p.name for p in full.in_round(chosen).passes}
    pushed: set[str] | None = None  # listed only when an unknown tag needs it (20,000 refs at 20k passes)
    head = history.head
    for name in sorted(name for name in tags if name not in known):  # 20,000 known ones: not sorted
        if head is None:
            continue
        commit = tags[name][1]
        is_pass = repo.store.trailer(commit, T_PASS) == name
        is_ta = repo.store.trailer(commit, T_TA_TAG) == name
        if not (is_pass or is_ta):
            continue
        if repo.store.is_ancestor(commit, head):
            continue
        if repo.store.branches_containing(commit):
            continue  # another branch, or fetched but not merged yet (proposals sync brings it in)
        if is_ta:
            detail = (
                "TA tag marks a commit that is not in this branch; a TA tag is never removed, ask your team"
            )
            problems.append(Problem("orphan-tag", name, detail, False))
        elif name in (pushed := _pushed_tags(repo) if pushed is None else pushed):
            detail = "pass tag (already pushed) marks a commit that is not in this branch; run proposals sync"
            problems.append(Problem("orphan-tag", name, detail, False))
        else:
            detail = (
                "pass tag marks a commit that is no longer in this branch (git reset?); repair sets it aside"
            )
            problems.append(Problem("orphan-tag", name, detail, True))
    return problems


ATTRIBUTES_PATH = f"{ARTICLES_DIR}/.gitattributes"
# Attributes that make git store or check out an article as something other than its bytes.
TEXT_CHANGING = ("ident", "filter", "working-tree-encoding", "text")


def _attribute_problems(repo: BargainingRepo) -> list[Problem]:
    """``articles/.gitattributes`` missing or changed (repos made before init wrote it), or an
    attribute that rewrites article text on checkout (a teammate's ``ident`` or ``filter``).

    verify compares the blobs git stores, so TA checks are right either way; but a rewritten
    working tree makes the next pass record different bytes. ``repair`` writes the file back.
    """
    problems: list[Problem] = []
    file = repo.root / ATTRIBUTES_PATH
    try:
        current = file.read_text(encoding="utf-8") if file.is_file() else None
    except (OSError, UnicodeDecodeError):
        current = ""
    if current != ARTICLE_ATTRIBUTES:
        what = "is missing" if current is None else "was changed"
        problems.append(
            Problem(
                "attributes",
                ATTRIBUTES_PATH,
                f"{what}: without it a .gitattributes filter, ident or line-ending rule can rewrite "
                "TA'd text on checkout; run proposals repair (it writes and commits the file)",
                True,
            )
        )
        return problems
    sample = next(iter(sorted(repo.article_ids())), "staffing")
    found = repo.store.attributes(f"{ARTICLES_DIR}/{sample}.txt", TEXT_CHANGING)
    rewriting = [
        f"{name}={value}" if value not in ("set",) else name
        for name, value in found.items()
        if value not in ("unset", "unspecified")
    ]
    if rewriting:
        problems.append(
            Problem(
                "attributes",
                ATTRIBUTES_PATH,
                f"overridden for articles ({', '.join(rewriting)}), most likely in .git/info/attributes: "
                "remove those lines there so articles are checked out exactly as stored",
                False,
            )
        )
    return problems


def _fix(repo: BargainingRepo, problem: Problem) -> str:
    if problem.kind in SAFE_KINDS:
        return recovery.fix(repo, problem.kind, problem.name)
    if problem.kind == "sync-merge":
        return undo_interrupted_merge(repo)
    if problem.kind == "journal":  # play_journals ran first and could not finish it
        raise ProposalsError(f"{problem.name} could not be played back; keep it and ask for help")
    if problem.kind == "attributes":
        from proposals.negotiation.drafts import atomic_write

        atomic_write(repo.root / ATTRIBUTES_PATH, ARTICLE_ATTRIBUTES)
        repo.store.commit(
            "Articles are stored and checked out exactly as typed (articles/.gitattributes)\n",
            [ATTRIBUTES_PATH],
        )
        return (
            f"{REPAIRED}wrote and committed {ATTRIBUTES_PATH} ({ARTICLE_ATTRIBUTES.strip()}); an article "
            "an old rule rewrote on checkout keeps that text until it is checked out again: delete the file "
            "and git checkout -- articles/ puts it back as stored"
        )
    if problem.kind == "orphan-tag":
        obj = repo.store.tags()[problem.name][0]
        repo.store.update_ref(f"{ORPHAN_PREFIX}{problem.name}", obj)
        repo.store.delete_ref(f"refs/tags/{problem.name}", obj)
        return (
            f"{REPAIRED}tag {problem.name} marked a commit no longer in the branch; "
            f"kept it as {ORPHAN_PREFIX}{problem.name}"
        )
    raise AssertionError(problem.kind)


@exclusive
def repair(repo: BargainingRepo, *, kinds: tuple[str, ...] | None = None) -> tuple[list[str], list[Problem]]:
    """Fix every fixable problem (or only `kinds`); return what was done and what needs a person.

    Under the writer lock like any recorder: a pass being recorded right now looks exactly like
    an interrupted one (committed, not yet tagged; its temp file not yet renamed), and must be
    left to finish, not "repaired" under it.
    """
    done: list[str] = recovery.play_journals(repo)  # a killed baseline or pass first: files follow
    left: list[Problem] = []
    for problem in find_problems(repo):
        if not problem.fixable or (kinds is not None and problem.kind not in kinds):
            left.append(problem)
            continue
        try:
            done.append(_fix(repo, problem))
        except (ProposalsError, OSError) as exc:  # e.g. a hand-made commit with an unusable pass name
            left.append(Problem(problem.kind, problem.name, f"could not repair: {exc}", False))
    repo.invalidate()
    return done, left


def _mirror_violations(
    repo: BargainingRepo, history: History, local_tags: dict[str, tuple[str, str]]
) -> list[Violation]:
    """TA tags that mark another commit in a remote's copy (as of the last sync). Only our TA
    tags are looked up, each by name in one ``cat-file``: listing and peeling the whole mirror
    reads every pass tag (two for-each-refs took 0.5 s at 20,000 passes)."""
    from proposals.negotiation.agreements import Violation

    remotes = repo.store.remotes_with_url()
    wanted = sorted({t.tag for t in history.tas if t.tag and t.tag in local_tags})
    pairs = [(remote, name) for remote in remotes for name in wanted]
    peeled = repo.store.object_ids([f"{MIRROR_PREFIX}{r}/{n}^{{}}" for r, n in pairs])
    return [
        Violation(name, None, f"remote {remote}", "TA tag marks a different commit there")
        for (remote, name), commit in zip(pairs, peeled, strict=True)
        if commit is not None and local_tags[name][1] != commit
    ]


def extra_violations(repo: BargainingRepo) -> list[Violation]:
    """Checks beyond agreements.verify: TA locks at their own commits, remotes, orphaned tags."""
    from proposals.negotiation.agreements import Violation, agreed_text_matches
    from proposals.negotiation.history import current_tas

    history = repo.history()
    store = repo.store
    violations: list[Violation] = []
    every_ta = repo.full_history().tas  # every round's TAs stay verifiable at their own commits
    at_ta = repo.texts_at_commits([(ta.article, ta.commit) for ta in every_ta])
    for ta, text in zip(every_ta, at_ta, strict=True):
        if not agreed_text_matches(ta, text):
            violations.append(
                Violation(
                    ta.article,
                    ta.section,
                    f"TA commit {ta.commit[:10]}",
                    "text there does not match the TA lock",
                )
            )
    local_tags = store.tags()
    for ref, symref, commit in store.remote_branches():
        if symref:
            continue
        if commit == history.head:
            continue  # the same commit as ours: verify has just checked exactly this
        remote_history = load_history(store, ref).in_round()
        short = ref.removeprefix("refs/remotes/")
        standing = [
            (article_id, ta)
            for article_id in sorted(remote_history.article_ids())
            for ta in current_tas(remote_history, article_id)
        ]
        texts = repo.texts_at_commits([(i, remote_history.head or ref) for i, _ in standing])
        for (article_id, ta), text in zip(standing, texts, strict=True):
            if not agreed_text_matches(ta, text):
                violations.append(Violation(article_id, ta.section, short, "TA'd text changed on the remote"))
    violations += _mirror_violations(repo, history, local_tags)
    for problem in find_problems(repo):
        if problem.kind in ("orphan-tag", "temp-file", "attributes"):
            violations.append(
                Violation(
                    problem.name, None, "tags" if problem.kind == "orphan-tag" else "files", problem.detail
                )
            )
    return violations
