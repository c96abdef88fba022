"""Taking the remote's history in: merged, never rebased, and marked while git works.

A fast-forward when we have nothing of our own, else a merge commit. While git moves the branch
and the files, ``.git/proposals/sync-merge`` names both ends, so that a sync killed meanwhile is
put back by ``repair`` or the next sync (``team.integrity``). A merge that fails outright (not a
conflict) puts our set-aside drafts back before the error goes up.
"""

from __future__ import annotations

from collections.abc import Callable

from proposals.negotiation.config import CONFIG_NAME
from proposals.negotiation.divisions import settle_divisions
from proposals.negotiation.repo import BargainingRepo
from proposals.store.git import GitError, git_message
from proposals.team.integrity import begin_sync_merge, end_sync_merge


def merge(
    repo: BargainingRepo, head: str, incoming: str, message: str, put_back: Callable[[], None]
) -> tuple[str, list[str]]:
    """Integrate `incoming` into HEAD; return how ("fast-forward", "merged") and the unmerged paths."""
    store = repo.store
    begin_sync_merge(repo, head, incoming)
    if store.is_ancestor(head, incoming):
        try:
            store.merge_fast_forward(incoming)
        except GitError:
            end_sync_merge(repo)
            put_back()
            raise
        end_sync_merge(repo)
        return "fast-forward", []
    proc = store.merge(incoming, message)
    end_sync_merge(repo)
    if proc.returncode == 0:
        return "merged", []
    conflicts = store.unmerged_paths()
    if not conflicts:
        put_back()
        raise GitError(git_message(proc.stderr, ["merge"]))
    if CONFIG_NAME in conflicts and settle_divisions(repo):  # both sides' new parts' divisions
        conflicts = store.unmerged_paths()
        if not conflicts:
            store.commit_merge()
    return "merged", conflicts
