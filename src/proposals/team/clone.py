"""A working copy of a team's remote: ``proposals clone``.

git clone takes every tag, so the copy is refused (and removed) when one is not what its commit
records (``remote_tags.check_cloned_tags``); option-shaped URLs and transport helpers are refused
before git runs (``store.network.validate_url``).
"""

from __future__ import annotations

from pathlib import Path

from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo
from proposals.store import network
from proposals.store.git import GitStore
from proposals.store.network import validate_url
from proposals.team.remote_tags import check_cloned_tags


def clone(url: str, target: Path) -> BargainingRepo:
    """A working clone of a team's remote; refuses option-shaped URLs and transport helpers."""
    validate_url(url)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProposalsError(f"{target} already exists and is not empty")
    if not target.parent.is_dir():
        raise ProposalsError(f"{target.parent} is not a directory")
    created = not target.exists()
    probe = GitStore(target.parent)
    try:
        network.clone(probe, url, target.resolve())
        store = GitStore(target)
        if store.head() is None:
            # A bare remote made with plain `git init --bare` may name a HEAD branch nobody pushed.
            branches = list(store.refs_under("refs/remotes/origin/"))
            pick = next((b for b in ("main", "master") if b in branches), None) or next(
                (b for b in branches if b != "HEAD"), None
            )
            if pick is None:
                raise ProposalsError(
                    f"{url} holds nothing yet; push a bargaining repo to it with proposals sync"
                )
            store.checkout_tracking(pick, f"refs/remotes/origin/{pick}")
        repo = BargainingRepo.open(target)
        repo.history()
        check_cloned_tags(repo, url)
    except ProposalsError:
        if created and target.exists():
            import shutil

            shutil.rmtree(target)
        raise
    return repo
