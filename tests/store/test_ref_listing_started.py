"""``start_ref_listing``: git lists every ref in another process while the command works (verify
reads the history meanwhile); the first ``ref_listing`` collects it, and one started before a
ref moved is dropped, never served."""

from __future__ import annotations

from pathlib import Path

from conftest import git

from proposals.store.git import GitStore


def test_a_started_listing_is_the_listing(negotiation: Path) -> None:
    store = GitStore(negotiation)
    store.start_ref_listing()
    store.start_ref_listing()  # once
    assert store.ref_listing() == GitStore(negotiation).ref_listing()
    assert "refs/heads/" in store.ref_listing()


def test_a_listing_started_before_a_ref_moved_is_dropped(negotiation: Path) -> None:
    store = GitStore(negotiation)
    store.start_ref_listing()
    store.update_ref("refs/tags/moved-meanwhile", git(negotiation, "rev-parse", "HEAD").strip())
    assert " refs/tags/moved-meanwhile\n" in store.ref_listing() + "\n"
    assert "moved-meanwhile" in store.tags()


def test_a_started_tag_listing_is_the_tag_listing(negotiation: Path) -> None:
    """A pass starts ``show-ref --tags`` before it reads the history (issue 17: 20 ms of git at
    20,000 tags, run while the history is decoded); its names are those a fresh store lists."""
    store = GitStore(negotiation)
    store.start_tag_listing()
    store.start_tag_listing()  # once
    assert store.tag_names() == GitStore(negotiation).tag_names()
    assert store.tag_listing() == GitStore(negotiation).tag_listing()


def test_a_tag_listing_started_before_a_tag_moved_is_dropped(negotiation: Path) -> None:
    store = GitStore(negotiation)
    store.start_tag_listing()
    store.update_ref("refs/tags/tagged-meanwhile", git(negotiation, "rev-parse", "HEAD").strip())
    assert "tagged-meanwhile" in store.tag_names()


def test_started_tag_peels_are_the_tags(negotiation: Path) -> None:
    """verify lists only the tags, each with its peeled commit (``show-ref -d --tags``): the same
    tags, names and listing as from every ref; any other ref is still listed when asked."""
    git(negotiation, "tag", "light", "HEAD")  # a tag that is no tag object: nothing to peel
    store, fresh = GitStore(negotiation), GitStore(negotiation)
    store.start_tag_peels()
    store.start_tag_peels()  # once
    assert store.tags() == fresh.tags() and store.tags()["light"][0] == store.tags()["light"][1]
    assert store.tag_names() == fresh.tag_names()
    assert store.tag_listing() == fresh.tag_listing()
    assert store.ref_listing() == fresh.ref_listing()


def test_tag_peels_started_before_a_tag_moved_are_dropped(negotiation: Path) -> None:
    store = GitStore(negotiation)
    store.start_tag_peels()
    store.update_ref("refs/tags/peeled-meanwhile", git(negotiation, "rev-parse", "HEAD").strip())
    assert "peeled-meanwhile" in store.tags() and "peeled-meanwhile" in store.tag_names()
