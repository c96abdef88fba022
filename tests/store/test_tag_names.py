"""``GitStore.tag_names`` (the names alone, one regex over the listing) names what ``tags`` names."""

from __future__ import annotations

import subprocess
from pathlib import Path

from proposals.store.git import GitStore, refs_from_listing


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_tag_names_are_the_names_tags_lists(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    git(tmp_path, "-c", "user.name=A", "-c", "user.email=a@x", "commit", "-q", "--allow-empty", "-m", "one")
    git(tmp_path, "tag", "light")
    for name in ("U-1", "2028/U-3", "ta-staffing", "ta-staffing-superseded-1"):
        git(tmp_path, "-c", "user.name=A", "-c", "user.email=a@x", "tag", "-a", "-m", "x", name)
    git(tmp_path, "branch", "refs-tags-lookalike")  # a branch named like a tag path is no tag
    store = GitStore(tmp_path)
    assert (
        store.tag_names()
        == set(store.tags())
        == {"light", "U-1", "2028/U-3", "ta-staffing", "ta-staffing-superseded-1"}
    )
    assert refs_from_listing(store.tag_listing(), "refs/tags/") == store.tags()
    git(tmp_path, "tag", "-d", "light")
    store.forget_refs()
    assert "light" not in store.tag_names()


def test_no_tags_no_names(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    store = GitStore(tmp_path)
    assert store.tag_names() == frozenset() and store.tag_listing() == ""
