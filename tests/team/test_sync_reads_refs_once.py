"""A sync lists each set of refs once per command: the remote's mirrored tags are peeled one by
one by git (20,000 of them at 20,000 passes), and a no-op sync used to list them twice, then
walked every mirrored tag to find the unpushed commits of a HEAD the remote already has."""

from __future__ import annotations

from pathlib import Path

from sync_support import git, make_repo, ok

from proposals.negotiation.repo import BargainingRepo
from proposals.team.remote import MIRROR_PREFIX
from proposals.team.sync import sync


def test_a_no_op_sync_lists_the_mirrored_tags_once(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice")
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync")
    repo = BargainingRepo.open(alice)
    calls: list[tuple[str, ...]] = []
    real = repo.store.run

    def counting(*args: str, **kw):
        calls.append(args)
        return real(*args, **kw)

    repo.store.run = counting  # type: ignore[method-assign]
    report = sync(repo, "origin")
    assert report.integrated == "up to date" and not report.pushed
    listings = [a for a in calls if a[0] == "for-each-ref" and any(MIRROR_PREFIX in x for x in a)]
    listings += [a for a in calls if a[0] == "show-ref"]  # every ref, the mirror included, in one
    assert len(listings) == 1, listings
    # HEAD is the remote's branch: nothing is unpushed, known without a rev-list over every ref
    assert not [a for a in calls if a[0] == "rev-list" and "--not" in a], calls


def test_refs_under_lists_again_after_a_ref_moves(tmp_path: Path) -> None:
    repo = BargainingRepo.open(make_repo(tmp_path / "alice"))
    store = repo.store
    assert store.refs_under("refs/proposals/test/") == {}
    head = store.head()
    assert head is not None
    store.update_refs([f"create refs/proposals/test/a {head}"])
    assert store.refs_under("refs/proposals/test/") == {"a": (head, head)}


def test_refs_alike_is_kept_with_its_listing_and_asked_again_after_a_ref_moves(tmp_path: Path) -> None:
    """A sync works out whether our tags and the remote's mirror agree while git fetches, and
    asks again after: the answer is kept with the listing it came from, never past a ref move."""
    repo = BargainingRepo.open(make_repo(tmp_path / "alice"))
    store = repo.store
    head = store.head()
    assert head is not None
    store.update_refs([f"create refs/proposals/a/x {head}", f"create refs/proposals/b/x {head}"])
    assert store.refs_alike("refs/proposals/a/", "refs/proposals/b/")
    assert store.refs_alike("refs/proposals/a/", "refs/proposals/b/")
    assert not store.refs_alike("refs/proposals/a/", "refs/tags/")  # another question, answered afresh
    store.update_refs(["delete refs/proposals/b/x"])
    assert not store.refs_alike("refs/proposals/a/", "refs/proposals/b/")
    store.update_refs([f"create refs/proposals/b/x {head}"])
    assert store.refs_alike("refs/proposals/a/", "refs/proposals/b/")
