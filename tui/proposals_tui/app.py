"""The proposals terminal UI: a status board, side-by-side redlines, an editor, passes and TAs.

The app owns the repo and the one serial lane for git (`run_repo`); screens ask it for work and
get results back as typed messages nested in the screen that asked. Screens are reached through
the `roles` Protocols (reload, palette, marker mode, unsaved work), never `getattr` hooks.
Nothing here blocks the event loop on git, diffs or export.
"""

from __future__ import annotations

# First: the garbage collector waits while Textual and the core are imported (see `startup`).
from . import startup  # isort: skip

import asyncio
import contextlib
import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.worker import Worker

from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo, is_repair

from .commands import ProposalsCommands
from .keys import key
from .literal import shown
from .roles import FollowsMarkers, FollowsTheme, HoldsUnsavedWork, Reloads
from .workers import Job, RepoLane, run_repo_job

if TYPE_CHECKING:
    from .board_data import BoardPreload

US = "union"  # the team using the tool; "our draft" is this party's


BOARD_WAIT = 1.0  # seconds the board waits at most for the start-up's read before it is shown

HEADER_SIDES = 8 + 10  # Textual's Header: the icon's width on the left, the clock's space on the right


class ProposalsApp(App[int]):
    """Keyboard-first front end over the core; every state change goes through the core."""

    CSS_PATH = "app.tcss"
    TITLE = "proposals"
    COMMANDS = App.COMMANDS | {ProposalsCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        key("question_mark,f1", "help", key_display="?"),
        key("ctrl+q", "quit", priority=True, show=False),  # the board shows q; 80 columns
        key("ctrl+t", "toggle_theme", show=False),
        key("m", "toggle_markers", show=False),
        key("V", "verify", show=False),
    ]

    markers: reactive[bool] = reactive(False)

    @dataclass
    class RepoChanged(Message):
        """Something was recorded (pass, TA, withdrawal): every screen reloads what it shows."""

        what: str = ""

    @dataclass
    class Recorded(Message):
        """The core recorded something (a pass, a TA, a withdrawal): the user is told, and every
        screen reloads. Handled by the app, so it lands even if the screen that asked closed."""

        what: str
        title: str
        note: str
        warnings: list[tuple[str, str]] = field(default_factory=list)  # (title, text)

    @dataclass
    class MemberAsked(Message):
        """Nobody has said who records in this working copy: ask (the machine's identity offered)."""

        suggested: object  # proposals.team.member.Member | None

    @dataclass
    class Verified(Message):
        """`V`'s answer from the repo lane: the problems found and how many TAs were checked."""

        problems: list
        tas: int

    def __init__(
        self,
        root: Path,
        *,
        today: date | None = None,
        us: str = US,
        autosave_delay: float = 0.8,
        preview_delay: float = 0.15,
        prefetch: bool = True,
        round_name: str | None = None,
    ) -> None:
        super().__init__()
        self.root = Path(root)
        # An earlier round (`--round 2024`) is shown read-only: the core refuses every recorder.
        self.repo = BargainingRepo.open(self.root).round_view(round_name)
        self.us = us
        self.today = today or date.today()
        self.autosave_delay = autosave_delay
        self.preview_delay = preview_delay
        self.prefetch = prefetch  # warm the highlighted article's redline on the board
        self.set_reactive(ProposalsApp.markers, self.no_color or bool(os.environ.get("PROPOSALS_MARKERS")))
        self.first_paint: Callable[[], None] | None = None
        self.paint_hooks: list[Callable[[], None]] = []  # after each redline paint (bench, tests)
        from .board_data import BoardData, BoardPreload

        self.board = BoardData([], set())
        self._gc_paused = False  # see on_load
        self.board_preload: BoardPreload | None = BoardPreload(self.repo)  # taken by the board
        # "Later" at the start's who-records question: asked again before the first recording.
        self.member_deferred: object | None = None  # the suggested Member, when deferred
        self.status_cache: list = []

    def on_load(self) -> None:
        """The cold start makes tens of thousands of objects that live as long as the app, and the
        garbage collector walked them 150 times before the board was painted (40-80 ms; 12 ms for
        a bare Textual app): it waits until the first paint, or the app's end (`startup_done`)."""
        self._gc_paused = gc.isenabled()
        gc.disable()

    def on_unmount(self) -> None:
        self.startup_done()

    def startup_done(self) -> None:
        """The board is painted (or the start took too long, or the app is closing): garbage
        collection as usual from now on."""
        if self._gc_paused:
            self._gc_paused = False
            # What the start made (the board, its rows, the styles) lives as long as the app: set
            # aside, the collector does not walk it at each collection, nor at exit.
            gc.freeze()
            gc.enable()

    def exit(self, result: int | None = None, return_code: int = 0, message: object = None) -> None:
        self.startup_done()
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    @property
    def exiting(self) -> bool:
        """`exit` was called: the app is closing."""
        return self._exit

    @property
    def them(self) -> str:
        return self.repo.config.other(self.us)

    def on_mount(self) -> None:
        from .screens.board import BoardScreen

        parties = self.repo.config.parties
        names = f"{parties['union'].name} / {parties['employer'].name}"
        self.title = f"proposals · {shown(names, one_line=True)}"
        if self.repo.read_only:
            self.sub_title = shown(self.repo.read_only, one_line=True)
        # Textual marks the app "-theme-NAME" only when the theme changes; app.tcss keys the
        # built-in themes' tuned redline colours on it, so the starting theme is marked too.
        # Not restyled now: no widget of the TUI is mounted yet, and the board is styled with it.
        self.add_class(f"-theme-{self.theme}", update=False)
        self.theme_changed_signal.subscribe(self, self._restyle)
        self.set_timer(10, self.startup_done)  # a board that never loads does not keep gc off
        preload = self.board_preload
        if preload is None or preload.ready():
            self.push_screen(BoardScreen())
        else:
            self._push_board_when_read(preload)

    @work(group="start", exit_on_error=False)
    async def _push_board_when_read(self, preload: BoardPreload) -> None:
        """The board is shown once the start-up's read of its rows is done (at most `BOARD_WAIT`
        seconds; usually 10-30 ms after the app is ready for it): its first frame is the board
        with its rows. Shown at once, a frame of the empty table was painted first and the rows'
        frame after, which cost the event loop more than the read had left, and took the
        read's turns (issue 17: cold start to the board). The wait is in a thread, not on the
        event loop; a read that failed is reported by the board's reload."""
        from .screens.board import BoardScreen

        await asyncio.to_thread(preload.wait, BOARD_WAIT)
        if not self.exiting:
            self.push_screen(BoardScreen())

    def board_shown(self) -> None:
        """The board's first rows are painted: only now ask who records (the repo lane reads the
        board first, so the start-up's one git-heavy job is not queued behind this question)."""
        self.run_repo(self._ask_member, self, "Member")
        self.run_repo(_read_history, self, "History")

    def _restyle(self, _theme: object) -> None:
        """After the new theme's styles are applied: text built in the old colours is built again."""
        for screen in self.screen_stack:
            if isinstance(screen, FollowsTheme):
                screen.restyle()

    def _ask_member(self, repo: BargainingRepo) -> MemberAsked | None:
        """Repo lane: ask who records only when this repo stores no member and the environment
        names no author (scripts, CI and the tests do)."""
        from proposals.team.member import needs_member, suggested_member

        return self.MemberAsked(suggested_member(repo)) if needs_member(repo) else None

    @on(MemberAsked)
    def _member_asked(self, message: MemberAsked) -> None:
        from proposals.team.member import Member, set_member

        from .modals.member_modal import MemberModal

        suggested = message.suggested if isinstance(message.suggested, Member) else None

        def answered(chosen: Member | None) -> None:
            if chosen is None:
                self.member_deferred = suggested or True
                self.notify("Passes will carry this machine's git identity until you say who you are.")
                return
            self.member_deferred = None

            def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
                stored = set_member(repo, chosen.name, chosen.email)
                return self.Recorded("member", "Member", f"Passes made here record {stored.line()}.")

            self.run_repo(job, self, "Member")

        self.push_screen(MemberModal(suggested), answered)

    def who_records_first(self, then: Callable[[], None]) -> bool:
        """Before a recording, a member who answered "Later" is asked again, once: True when
        the question is shown (`then` runs after the answer), False to record straight away."""
        from proposals.team.member import Member, set_member

        from .modals.member_modal import MemberModal

        if self.member_deferred is None:
            return False
        suggested = self.member_deferred if isinstance(self.member_deferred, Member) else None
        self.member_deferred = None

        def answered(chosen: Member | None) -> None:
            if chosen is not None:

                def job(repo: BargainingRepo) -> ProposalsApp.Recorded:
                    stored = set_member(repo, chosen.name, chosen.email)
                    return self.Recorded("member", "Member", f"Passes made here record {stored.line()}.")

                self.run_repo(job, self, "Member")  # the repo lane runs it before the recording
            then()

        self.push_screen(MemberModal(suggested), answered)
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: messages quote titles, ids and names the other side
        wrote, so markup is never parsed (`Widget.notify` asks for it by default) and control
        characters are shown as escapes."""
        super().notify(
            shown(message),
            title=shown(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- the serial git lane -------------------------------------------------------------------

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header line: when the title and the sub-title ("change 2 of 5", "match 1 of 3", a
        read-only round) do not both fit, the title gives way, cut with "…", so the sub-title is
        read whole (at 80 columns the demo's title left "— …" of it)."""
        room = self.size.width - HEADER_SIDES - len(" — ")
        if sub_title and len(title) + len(sub_title) > room:
            title = title[: max(room - len(sub_title) - 1, 0)].rstrip() + "…"
        return super().format_title(title, sub_title)

    def run_repo(self, job: Job, to: MessagePump | None = None, description: str = "") -> Worker:
        """Run `job(repo)` in the repo lane; the message it returns is posted to `to`."""
        return self._repo_worker(job, to or self, description)

    @work(thread=True, group="repo", exit_on_error=False)
    def _repo_worker(self, job: Job, to: MessagePump, description: str) -> None:
        run_repo_job(self, self.repo, job, to, description)

    @on(RepoLane.Noticed)
    def _noticed(self, message: RepoLane.Noticed) -> None:
        for notice in message.notices:
            self.notify(notice, title="Repaired" if is_repair(notice) else "Note", timeout=10)

    @on(RepoLane.Failed)
    def _repo_failed(self, message: RepoLane.Failed) -> None:
        self.notify(message.error, severity="error", title=message.description or "Refused", timeout=8)

    @on(RepoChanged)
    def _repo_changed(self, message: RepoChanged) -> None:
        """Broadcast: every screen on the stack reloads (board counts, article text, history)."""
        for screen in self.screen_stack:
            if isinstance(screen, Reloads):
                screen.reload()

    @on(Recorded)
    def _recorded(self, message: Recorded) -> None:
        self.notify(message.note, title=message.title)
        for title, text in message.warnings:
            self.notify(text, title=title, severity="warning", timeout=15)
        self.repo_changed(message.what)

    def repo_changed(self, what: str = "") -> None:
        self.post_message(self.RepoChanged(what))

    # -- app-wide actions ----------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_toggle_markers(self) -> None:
        self.markers = not self.markers
        self.notify("Marker mode [-old-]{+new+} " + ("on" if self.markers else "off"), timeout=2)

    def watch_markers(self, value: bool) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, FollowsMarkers):
                screen.markers_changed()

    def action_verify(self) -> None:
        from proposals.negotiation.agreements import verify

        def check(repo: BargainingRepo) -> ProposalsApp.Verified:
            from proposals.team.integrity import extra_violations  # the same checks as `proposals verify`

            return self.Verified(verify(repo) + extra_violations(repo), len(repo.history().tas))

        self.run_repo(check, self, "Verify")

    @on(Verified)
    def _verified(self, message: Verified) -> None:
        if message.problems:
            lines = "\n".join(p.line() for p in message.problems[:8])
            self.notify(lines, title="TA'd text changed", severity="error")
        else:
            self.notify(f"All TA'd text is intact ({message.tas} TAs checked).", title="Verify")

    # -- navigation ----------------------------------------------------------------------------

    def open_article(self, article_id: str, custom: tuple[str, str] | None = None) -> None:
        """Reuse the one installed article screen unless it is already on the stack.

        `custom` opens on a comparison of two revisions (picked in the history).
        """
        from .screens.article import ArticleScreen

        if not self.is_screen_installed("article"):
            self.install_screen(ArticleScreen(article_id, custom), "article")
            self.push_screen("article")
            return
        screen = self.get_screen("article")
        if screen in self.screen_stack:
            self.push_screen(ArticleScreen(article_id, custom))
            return
        screen.retarget(article_id, custom)
        self.push_screen(screen)

    def open_costing(self) -> None:
        from .screens.costing import CostingScreen

        self.push_screen(CostingScreen())

    def open_editor(self, article_id: str) -> None:
        from .screens.editor import EditorScreen

        self.push_screen(EditorScreen(article_id))

    def open_history(self, article_id: str) -> None:
        """History pick-two: the article view (pushed if needed) then compares the pair."""
        from .screens.article import ArticleScreen
        from .screens.history import HistoryScreen

        def picked(pair: tuple[str, str] | None) -> None:
            if pair is None:
                return
            screen = self.screen
            if isinstance(screen, ArticleScreen) and screen.article_id == article_id:
                screen.set_custom(*pair)
            else:
                self.open_article(article_id, pair)

        self.push_screen(HistoryScreen(article_id), picked)

    def export_path(self, name: str) -> str:
        """Where a Word file goes by default: a folder beside the repo (`<repo>-exports/`), or
        `$PROPOSALS_EXPORTS`; never inside the repo, where it would show in `git status` and
        could be committed with a pass. Relative paths are read from the repo's folder."""
        folder = os.environ.get("PROPOSALS_EXPORTS")
        if folder:
            return str(Path(folder).expanduser() / name)
        return f"../{self.root.name}-exports/{name}"

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot, saved in the exports folder. Textual names the file after the
        title, whose "union / employer" slash made it a folder that does not exist."""
        folder = Path(path) if path else (self.root / self.export_path("")).resolve()
        name = filename or f"proposals-{datetime.now():%Y-%m-%dT%H%M%S}.svg"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(name, str(folder))
        except OSError as exc:
            self.notify(f"Screenshot not saved: {exc}", title="Screenshot", severity="error")
            return None
        self.notify(f"Saved {saved}", title="Screenshot")
        return None

    def unsaved_screens(self) -> list[HoldsUnsavedWork]:
        return [s for s in self.screen_stack if isinstance(s, HoldsUnsavedWork) and s.dirty]

    async def action_quit(self) -> None:
        """Quitting with unsaved editor work asks first: a draft is never lost silently."""
        from .modals.confirm import QuitModal

        dirty = self.unsaved_screens()
        if not dirty:
            self.exit(0)
            return
        if any(isinstance(s, QuitModal) for s in self.screen_stack):
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                for screen in dirty:
                    screen.save_now(sync=True)
                self.exit(0)
            elif choice == "discard":
                self.exit(0)

        self.push_screen(QuitModal(", ".join(s.article_id for s in dirty), dirty), answer)


def run(root: Path, round_name: str | None = None) -> int:
    """Entry point for `proposals tui`: returns the exit status."""
    app = ProposalsApp(root, round_name=round_name)
    result = app.run()
    return int(result or 0)


def _read_history(repo: BargainingRepo) -> None:
    """Repo lane, after the first paint: the board started from its cached facts
    (``status_cache``), so the history is decoded now, for the views that need it, not when the
    user first opens one. A history that cannot be read is reported by the view that needs it."""
    with contextlib.suppress(ProposalsError):
        repo.history()


startup.resume()  # the last line: every import above is done
