"""Which articles each commit changes, read by git in another process while ``verify`` runs.

Its own module, light to import (the store only, not the model), so ``proposals verify`` starts
git's diff of every commit as soon as it knows where the repo is (``begin``): before the model
(``repo``: 60 ms of imports) and the checks (``agreements``, ``proof``, ``team.integrity``) are
imported. At 20,000 passes that diff is verify's longest path, and the second core is otherwise
idle while this process imports.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from proposals.errors import ProposalsError
from proposals.store.git import GitStore, ReachableDiff, runs_of

ARTICLES_DIR = "articles"  # negotiation.repo's, named here so that this module needs no model


class ChangedPaths:
    """Which articles each commit changes, read by git in other processes (``rev-list`` then
    ``diff-tree``, ``GitStore.start_changed_paths``) while this one reads and parses the history:
    at 20,000 passes both take about as long, and the machine has more than one core."""

    def __init__(self, store: GitStore) -> None:
        self._store = store
        self._diff: ReachableDiff | None = None
        self._read: dict[str, str] = {}
        with contextlib.suppress(ProposalsError, OSError):  # else each commit is diffed in ``of``
            self._diff = store.start_changed_paths("HEAD")

    @classmethod
    def begin(cls, path: Path) -> tuple[ChangedPaths, GitStore, bool] | None:
        """(the read started, the repo's store, whether it is shallow) for the repo at `path`,
        found by the same ``probe`` as ``BargainingRepo.open``; None when there is none, for
        the caller to open the repo as usual (and say why it cannot)."""
        found = GitStore(path).probe() if path.is_dir() else (1, [], b"")
        if found[0] != 0 or len(found[1]) != 3:
            return None
        root, shallow, git_dir = found[1]
        store = GitStore(Path(root), git_dir=Path(git_dir))
        return cls(store), store, shallow == "true"

    def of(self, commits: list[str]) -> dict[str, str]:
        """The changes of `commits`, each commit's as one run of text (``store.git.changed_runs``:
        ask it with ``runs_hold``). Keyed by commit id, so still right if HEAD moved meanwhile;
        any commit the other processes did not reach is read now."""
        if self._diff is not None:  # collected once: each round's passes ask in turn
            diff, self._diff = self._diff, None
            with contextlib.suppress(ProposalsError, OSError):  # else said by the diff asked for below
                self._read = diff.runs()
        changed = self._read  # a commit read below is kept for the next round's ask
        missing = [c for c in commits if c not in changed]
        if missing:
            changed.update(runs_of(self._store.changed_paths(missing, ARTICLES_DIR)))
        return changed
