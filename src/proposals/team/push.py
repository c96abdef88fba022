"""Publishing what we have: the branch and our new tags, in one atomic push.

Atomic, so the remote never holds a tag without the commit it marks, nor our branch without our
tags. A push the remote refuses because it moved since our fetch is no error: ``sync`` fetches and
integrates again. What was pushed is then recorded as a fetch would record it, without one.
Drafts (``refs/drafts/``) are personal and never pushed.
"""

from __future__ import annotations

from proposals.negotiation.repo import BargainingRepo
from proposals.store import network
from proposals.team.remote import MIRROR_PREFIX, PUSHED_PREFIX, mark_pushed


def push(
    repo: BargainingRepo, remote: str, branch: str, head: str, *, tags_alike: bool = False
) -> list[str] | None:
    """Push the branch at `head` and our new tags; return what was pushed, None if the remote
    moved meanwhile. What the remote has is read from the refs the fetch left (the one listing),
    so a sync with nothing to push runs no git at all here. `tags_alike`: the caller has just
    found our tags and the remote's mirror of them alike in that listing (20,000 lines each at
    20,000 passes, not compared twice)."""
    store = repo.store
    remote_head = store.refs_under(f"refs/remotes/{remote}/").get(branch, (None, None))[1]
    refspecs: list[str] = []
    if remote_head != head:
        refspecs.append(f"refs/heads/{branch}:refs/heads/{branch}")
    new_tags = []
    if remote_head != head or not (tags_alike or store.refs_alike("refs/tags/", f"{MIRROR_PREFIX}{remote}/")):
        remote_tags = store.refs_under(f"{MIRROR_PREFIX}{remote}/")
        for tag, (_, peeled) in sorted(store.tags().items()):
            if tag not in remote_tags and store.is_ancestor(peeled, head):
                refspecs.append(f"refs/tags/{tag}:refs/tags/{tag}")
                new_tags.append(tag)
    if not refspecs:
        if store.refs_under(PUSHED_PREFIX).get(remote, (None, None))[1] != head:
            mark_pushed(store, remote, head)
        return []
    if not network.push_atomic(store, remote, refspecs):
        return None
    pushed = []
    if remote_head != head:
        pushed.append(branch)
        if store.config_get(f"branch.{branch}.remote") is None:
            store.config_set(f"branch.{branch}.remote", remote)
            store.config_set(f"branch.{branch}.merge", f"refs/heads/{branch}")
    # The remote now has what we pushed (atomically): record it as a fetch would, without one.
    local_tags = store.tags()
    updates = [f"update refs/remotes/{remote}/{branch} {head}"] if remote_head != head else []
    updates += [f"update {MIRROR_PREFIX}{remote}/{tag} {local_tags[tag][0]}" for tag in new_tags]
    updates.append(f"update {PUSHED_PREFIX}{remote} {head}")
    store.update_refs(updates)
    return pushed + new_tags
