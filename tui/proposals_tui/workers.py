"""One serial lane for git: repo work runs in threads, one call at a time, results as messages.

Git is not safe to drive from two threads at once (index.lock, the history cache), so every
call takes the same lock; the event loop never waits on git.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from proposals.errors import ProposalsError

from .messages import RepoDone, RepoFailed

if TYPE_CHECKING:
    from textual.app import App

    from proposals.negotiation.repo import BargainingRepo

REPO_LOCK = threading.Lock()


def run_repo_job(
    app: App,
    repo: BargainingRepo,
    fn: Callable[[BargainingRepo], Any],
    callback: Callable[[Any], None] | None,
    description: str,
) -> None:
    """Body of the repo worker: serialised by REPO_LOCK; errors become RepoFailed messages."""
    with REPO_LOCK:
        try:
            result = fn(repo)
        except ProposalsError as exc:
            app.post_message(RepoFailed(str(exc), description))
            return
        except Exception as exc:  # a bug must not take the user's session down
            traceback.print_exc()
            app.post_message(RepoFailed(f"{type(exc).__name__}: {exc}", description))
            return
    app.post_message(RepoDone(result, callback, description))
