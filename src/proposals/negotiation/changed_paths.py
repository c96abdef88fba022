"""Which articles each commit changes, read by git in another process while ``verify`` runs.

Its own module, light to import, so ``proposals verify`` starts git's diff of every commit
before it imports the checks (``agreements``, ``proof``, ``team.integrity``): at 20,000 passes
that diff is verify's longest path.
"""

from __future__ import annotations

import threading

from proposals.negotiation.repo import ARTICLES_DIR, BargainingRepo


class ChangedPaths:
    """Which articles each commit changes, read by git in another process (``rev-list`` then
    ``diff-tree``) while this one reads and parses the history: at 20,000 passes both take
    about as long, and the machine has more than one core."""

    def __init__(self, repo: BargainingRepo) -> None:
        self._repo = repo
        self._result: tuple[str | None, dict[str, set[str]]] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            self._result = self._repo.store.changed_paths_reachable("HEAD", ARTICLES_DIR)
        except BaseException as exc:  # handed to the caller, in its own thread
            self._error = exc

    def of(self, commits: list[str]) -> dict[str, set[str]]:
        """The changed articles of `commits`. Keyed by commit id, so still right if HEAD moved
        meanwhile; any commit the other process did not reach is read now."""
        self._thread.join()
        changed = dict(self._result[1]) if self._error is None and self._result is not None else {}
        missing = [c for c in commits if c not in changed]
        if missing:
            changed.update(self._repo.store.changed_paths(missing, ARTICLES_DIR))
        return changed
