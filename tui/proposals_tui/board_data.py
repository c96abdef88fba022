"""The board's rows as the repo lane reads them, apart from the screen that shows them: the app
starts reading them before it imports a screen or a widget (issue 17: cold start to the board),
so git works while the rest of the TUI is imported."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from proposals.errors import ProposalsError
from proposals.negotiation.drafts import new_article_drafts, restorable_drafts
from proposals.negotiation.history import History, PassRecord
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.sessions import SessionRecord, open_session
from proposals.negotiation.status import StatusRow, status_rows

from .workers import REPO_LOCK


@dataclass
class BoardData:
    rows: list[StatusRow]
    drafts: set[str]
    last_by_party: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> party -> pass
    baseline: bool = False
    session: SessionRecord | None = None  # the session open at the table, for the session bar
    saved: set[str] = field(default_factory=set)  # a draft kept on refs/drafts/ that R restores
    new: set[str] = field(default_factory=set)  # drafts of articles never proposed: "New draft"
    # Each row's board label ("App A") and contract order, worked out with the rows in the repo
    # lane: both parse the heading's words, 300 times on the event loop at every fill before.
    labels: dict[str, str] = field(default_factory=dict)
    orders: dict[str, tuple] = field(default_factory=dict)
    # A current round already closed (the next not yet opened), shown as it ended, read-only
    # (its working tree is already the next baseline), or the repo again once the next round is
    # opened (`current_view`): the app shows this view from then on.
    view: BargainingRepo | None = None


def load_board(repo: BargainingRepo) -> BoardData:
    """Runs in the repo worker: one history load, one status pass, one `git status`."""
    repo.invalidate()
    shown = repo.current_view()  # the history load status_rows uses next
    if shown is not repo:  # the current round closed, or the next opened since (round refresh)
        data = load_board(shown)
        data.view = shown
        return data
    rows = status_rows(repo)
    history = repo.history()
    last = _last_by_party(history, len(repo.config.parties))
    try:  # an earlier round (read-only) has no session open and no draft to restore
        session = None if repo.read_only else open_session(repo)
    except ProposalsError:  # a corrupt session record must not keep the board from loading
        session = None
    saved = set() if repo.read_only else set(restorable_drafts(repo))
    drafts = repo.draft_ids()
    new = new_article_drafts(repo, drafts)
    labels = {row.id: row.label for row in rows}
    orders = {row.id: row.order for row in rows}
    return BoardData(rows, drafts, last, history.baseline is not None, session, saved, new, labels, orders)


def _last_by_party(history: History, parties: int) -> dict[str, dict[str, str]]:
    """Each part's last pass by each party (withdrawals excluded), read from the end of the
    part's own events: a start at 20,000 passes walked every pass to find a few hundred."""
    last: dict[str, dict[str, str]] = {}
    for article_id, events in history.events.items():
        found: dict[str, str] = {}
        for event in reversed(events):
            if isinstance(event, PassRecord) and article_id in event.articles:
                found.setdefault(event.party, event.name)
                if len(found) == parties:
                    break
        if found:
            last[article_id] = found
    return last


class BoardPreload:
    """The board's first rows, read from the moment the app is made: git and the history cache
    work while Textual starts (issue 17: cold start to the board), not after the board is mounted.

    It holds the repo lane's lock from the start (taken by the thread that makes the app, so no
    lane job can run first) until its one `load_board` is done; the board's first reload takes
    the result inside the lane, where an error is reported as any job's is."""

    def __init__(self, repo: BargainingRepo) -> None:
        self._data: BoardData | None = None
        self._error: BaseException | None = None
        REPO_LOCK.acquire()
        self._thread = threading.Thread(target=self._run, args=(repo,), name="board-preload", daemon=True)
        self._thread.start()

    def _run(self, repo: BargainingRepo) -> None:
        try:
            self._data = load_board(repo)
        except BaseException as exc:  # raised again in the lane job that takes it
            self._error = exc
        finally:
            REPO_LOCK.release()

    def take(self) -> BoardData:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._data is not None
        return self._data
