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
