"""The board's rows as the repo lane reads them, apart from the screen that shows them: the app
starts reading them before it imports a screen or a widget (issue 17: cold start to the board),
so git works while the rest of the TUI is imported."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from proposals.errors import ProposalsError
from proposals.negotiation.drafts import new_article_drafts, restorable_drafts
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.sessions import SessionRecord, open_session
from proposals.negotiation.status import StatusRow, status_facts, status_rows
from proposals.negotiation.status_cache import cached_facts, write_facts

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
    """Runs in the repo worker: the status facts at HEAD (``status_cache``: no history read when
    the file holds them), one status pass over the working tree, one `git status`."""
    repo.invalidate()
    facts = cached_facts(repo)
    if facts is None:
        shown = repo.current_view()  # the history load status_facts uses next
        if shown is not repo:  # the current round closed, or the next opened since (round refresh)
            data = load_board(shown)
            data.view = shown
            return data
        facts = status_facts(repo.history(), len(repo.config.parties))
        write_facts(repo, facts)
    drafts_read = DraftsRead(repo)
    rows = status_rows(repo, facts)
    try:  # an earlier round (read-only) has no session open and no draft to restore
        session = None if repo.read_only else open_session(repo)
    except ProposalsError:  # a corrupt session record must not keep the board from loading
        session = None
    drafts, saved = drafts_read.result()
    # No draft, no new article: the tip's file list (one `git ls-tree`) is asked only with drafts.
    new = new_article_drafts(repo, drafts, facts.head) if drafts else set()
    labels = {row.id: row.label for row in rows}
    # `status_rows` gives the rows in contract order: its rank sorts as the order does, without
    # parsing each number's words again.
    orders = {row.id: (rank,) for rank, row in enumerate(rows)}
    return BoardData(rows, drafts, facts.last_by_party, facts.baseline, session, saved, new, labels, orders)


class DraftsRead:
    """The unsent drafts (`git status`) and the saved drafts to restore (two `for-each-ref`), read
    in a thread of their own while the status rows read the working tree: git's three processes
    run on the other core instead of one after another after the rows (issue 17: cold start to
    the board). Both only read; an error is raised again by `result`."""

    def __init__(self, repo: BargainingRepo) -> None:
        self._drafts: set[str] = set()
        self._saved: set[str] = set()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(repo,), name="board-drafts", daemon=True)
        self._thread.start()

    def _run(self, repo: BargainingRepo) -> None:
        try:  # an earlier round (read-only) has no draft to restore
            self._saved = set() if repo.read_only else set(restorable_drafts(repo))
            self._drafts = repo.draft_ids()
        except BaseException as exc:  # raised again in the job that reads the board
            self._error = exc

    def result(self) -> tuple[set[str], set[str]]:
        """(unsent drafts, saved drafts to restore)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._drafts, self._saved


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

    def ready(self) -> bool:
        """The rows are read, without an error: taking them does not wait."""
        return not self._thread.is_alive() and self._error is None

    def wait(self, timeout: float) -> None:
        """Until the read is done (or failed), at most `timeout` seconds; from a thread other than
        the event loop's."""
        self._thread.join(timeout)

    def take(self) -> BoardData:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._data is not None
        return self._data
