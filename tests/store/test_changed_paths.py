"""Which articles each commit changes: the piped read (rev-list into diff-tree) answers exactly
what listing the commits and diffing them does, commits changing nothing included."""

from __future__ import annotations

from pathlib import Path

from conftest import git

from proposals.store.git import GitStore


def test_changed_paths_reachable_is_one_pipe_with_the_same_answer(negotiation: Path) -> None:
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
    assert not [a for a in calls if a[0] in ("rev-list", "diff-tree")]  # piped, not one after another
    store.run = real  # type: ignore[method-assign]
    assert changed == store.changed_paths(commits, "articles")
    assert changed[commits[0]] == set() and any(changed.values())


def test_changed_paths_reachable_of_no_commit(tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet")
    assert GitStore(tmp_path).changed_paths_reachable("HEAD", "articles") == (None, {})
