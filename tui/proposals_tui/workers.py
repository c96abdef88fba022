"""One serial lane for git: repo work runs in threads, one call at a time, results as messages.

Git is not safe to drive from two threads at once (index.lock, the history cache), so every
call takes the same lock; the event loop never waits on git. A job returns the typed message
that carries its result (a dataclass nested in the screen that asked, as posting does), and the
lane posts it to that screen; a screen closed meanwhile never receives it.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

from proposals.errors import ProposalsError

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

    from proposals.negotiation.repo import BargainingRepo

REPO_LOCK = threading.Lock()

Job = Callable[["BargainingRepo"], Message | None]


class RepoLane:
    """The messages the lane itself posts to the app (the results go to whoever asked)."""

    @dataclass
    class Failed(Message):
        """Repo work refused or failed: shown as a notification, never a crash."""

        error: str
        description: str = ""

    @dataclass
    class Noticed(Message):
        """What the core did beside the job (finished an interrupted pass, placed a new part): told."""

        notices: list[str] = field(default_factory=list)


def run_repo_job(app: App, repo: BargainingRepo, job: Job, to: MessagePump, description: str) -> None:
    """Body of the repo worker: serialised by REPO_LOCK; errors become `RepoLane.Failed`."""
    with REPO_LOCK:
        try:
            reply = job(repo)
        except ProposalsError as exc:
            app.post_message(RepoLane.Failed(str(exc), description))
            return
        except Exception as exc:  # a bug must not take the user's session down
            traceback.print_exc()
            app.post_message(RepoLane.Failed(f"{type(exc).__name__}: {exc}", description))
            return
        finally:
            notices = repo.take_notices()
            if notices:
                app.post_message(RepoLane.Noticed(notices))
    if reply is not None:
        to.post_message(reply)
