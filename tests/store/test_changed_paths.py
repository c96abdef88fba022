"""Which articles each commit changes: the read of every reachable commit (listed once, diffed by
several ``diff-tree`` processes at once, one stretch each) answers exactly what diffing the
commits in one call does, commits changing nothing included, however the list is cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git

import proposals.store.git as store_git
from proposals.store.git import GitStore


def test_changed_paths_reachable_has_the_same_answer(negotiation: Path) -> None:
    git(negotiation, "commit", "--quiet", "--allow-empty", "-m", "changes no article")
    store = GitStore(negotiation)
    commits = git(negotiation, "rev-list", "HEAD").split()
    calls: list[tuple[str, ...]] = []
    real = store.run

    def counting(*args: str, **kw):
        calls.append(args)
        return real(*args, **kw)

    store.run = counting  # type: ignore[method-assign]
    head, changed = store.changed_paths_reachable("HEAD", "articles")
    assert head == commits[0]
    assert not [a for a in calls if a[0] == "diff-tree"]  # started together, not one after another
    store.run = real  # type: ignore[method-assign]
    assert changed == store.changed_paths(commits, "articles")
    assert changed[commits[0]] == set() and any(changed.values())


def test_changed_paths_reachable_of_no_commit(tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet")
    assert GitStore(tmp_path).changed_paths_reachable("HEAD", "articles") == (None, {})


@pytest.mark.parametrize("parts", [2, 3, 100])
def test_every_stretch_of_the_list_is_diffed(
    negotiation: Path, monkeypatch: pytest.MonkeyPatch, parts: int
) -> None:
    """Cut into `parts` stretches (100: one process per commit, more than there are commits),
    every commit is diffed once and the answer is the one-call answer."""
    for n in range(4):
        (negotiation / "articles" / "parking.txt").write_text(f"ARTICLE 9 - PARKING\n\n9.1 Spaces: {n}.\n")
        git(negotiation, "commit", "--quiet", "-am", f"parking {n}")
    git(negotiation, "commit", "--quiet", "--allow-empty", "-m", "changes no article")
    commits = git(negotiation, "rev-list", "HEAD").split()
    store = GitStore(negotiation)
    whole = store.changed_paths(commits, "articles")
    monkeypatch.setattr(store_git, "diff_parts", lambda count: parts)
    assert store.changed_paths_reachable("HEAD", "articles") == (commits[0], whole)


def test_as_many_diffs_as_cores_each_with_enough_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_git.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert store_git.diff_parts(0) == 1
    assert store_git.diff_parts(store_git.DIFF_PART - 1) == 1
    assert store_git.diff_parts(2 * store_git.DIFF_PART) == 2
    assert store_git.diff_parts(100 * store_git.DIFF_PART) == 2  # no more processes than cores


def test_verify_reads_the_articles_folder_the_model_names() -> None:
    """``changed_paths`` names the folder itself (it is imported before the model): the same one."""
    from proposals.negotiation import changed_paths, repo

    assert changed_paths.ARTICLES_DIR == repo.ARTICLES_DIR
