"""Team sync on the board, and the screen that settles the conflicts sync leaves behind.

`SyncActions` is a mixin for the board (like `ArticleActions`): the `S` and `C` actions, their
availability (no remote, no conflicts: disabled), the palette entries, and a small "conflicts: N"
marker kept current from the repo lane. `ConflictScreen` shows what `proposals resolve` lists (the
one listing, `proposals.team.conflicts`), our text and theirs side by side in the redline view, and
keeps one of them through `proposals.team.sync.resolve` (`resolve_ta` for two TAs under one tag),
after a confirmation. Everything touching git runs in the app's serial repo lane.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from proposals.negotiation.repo import BargainingRepo

from ..keys import key, palette
from ..literal import literal, shown
from ..styles import BOLD, Themed
from ..widgets.keys_footer import KeysFooter
from .disabled import ExplainsDisabledKeys

if TYPE_CHECKING:  # the redline engine and team sync load with the conflict screen, not the board
    from proposals.team.conflicts import Conflict

    from ..diffing import Palette

NO_REMOTE = "No team remote yet: add one with git remote add origin URL (a bare repo on a share, GitHub…)"


@dataclass
class SyncState:
    """What the board needs to know about sync: is there a remote, which articles are in conflict."""

    remotes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # article ids (or paths) awaiting resolve


def load_sync_state(repo: BargainingRepo) -> SyncState:
    """Runs in the repo lane: the remotes, and what sync left to settle (the core's listing)."""
    from proposals.team.conflicts import LEFT_BY_SYNC, conflicts

    left = conflicts(repo, kinds=LEFT_BY_SYNC)
    return SyncState(repo.store.remotes(), list(dict.fromkeys(c.article for c in left)))


class ConflictMarker(Static):
    """The board's "conflicts: N" marker: loud when there is something to settle, else gone."""

    DEFAULT_CSS = """
    ConflictMarker { width: 1fr; height: 1; padding: 0 1; background: $error; color: $text;
                     text-style: bold; display: none; }
    ConflictMarker.-shown { display: block; }
    """

    def show_count(self, count: int) -> None:
        self.set_class(count > 0, "-shown")
        self.update(f"⚠ conflicts: {count} · left by sync · C: keep mine or theirs" if count else "")


class SyncActions(ExplainsDisabledKeys):
    """Mixin for the board: sync with the team (`S`) and settle conflicts (`C`)."""

    @dataclass
    class StateLoaded(Message):
        """Remotes and conflicts, read in the repo lane."""

        state: SyncState

    sync_state: SyncState | None = None

    def reload_sync(self) -> None:
        """Refresh the remote and conflict state (after mount, and after every repo change)."""
        self.app.run_repo(lambda repo: self.StateLoaded(load_sync_state(repo)), self, "Sync state")

    @on(StateLoaded)
    def _sync_loaded(self, message: StateLoaded) -> None:
        state = self.sync_state = message.state
        for marker in self.query(ConflictMarker):
            marker.show_count(len(state.conflicts))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sync":
            return self.sync_state is not None and bool(self.sync_state.remotes)
        if action == "conflicts":
            return self.sync_state is not None and bool(self.sync_state.conflicts)
        return super().check_action(action, parameters)

    def disabled_reason(self, action: str) -> str | None:
        """`S` without a remote says how to add one; `C` with nothing to settle says so."""
        if action == "sync" and self.sync_state is not None:
            return NO_REMOTE
        if action == "conflicts" and self.sync_state is not None:
            return "No conflicts to settle: sync left none."
        return super().disabled_reason(action)

    def sync_palette_commands(self) -> list[tuple[str, str, str]]:
        return palette("sync", "conflicts")

    def action_sync(self) -> None:
        from ..modals.sync_modal import SyncModal

        state = self.sync_state
        remote = "origin" if state is None or "origin" in state.remotes else state.remotes[0]

        def closed(choice: str | None) -> None:
            if choice == "resolve":
                self.action_conflicts()

        self.app.push_screen(SyncModal(remote), closed)

    def action_conflicts(self) -> None:
        if not any(isinstance(s, ConflictScreen) for s in self.app.screen_stack):
            self.app.push_screen(ConflictScreen())


# -- the conflict screen ---------------------------------------------------------------------


class ConflictScreen(Themed, ExplainsDisabledKeys, Screen):
    """Each conflicted article with both texts side by side; `m` keeps mine, `t` keeps theirs."""

    @dataclass
    class Loaded(Message):
        """Every open conflict with both texts, read in the repo lane."""

        conflicts: list[Conflict]

    @dataclass
    class RowsReady(Message):
        """Mine and theirs diffed in the diff worker; only the newest `token` is painted."""

        rows: list
        token: int

    @dataclass
    class Resolved(Message):
        """`resolve` kept one side: its one-line report."""

        line: str

    DEFAULT_CSS = """
    #conflict-head { height: 1; padding: 0 1; background: $boost; }
    #conflict-list { height: auto; max-height: 5; border: none; }
    #conflict-help { height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    #conflict-cols { height: 1; }
    #conflict-view { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("m", "keep('mine')"),
        key("t", "keep('theirs')"),
        key("tab", "switch_focus", show=False),
    ]

    loaded: reactive[bool] = reactive(False, bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self.conflicts: list[Conflict] = []
        self._token = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading conflicts…", id="conflict-head")
        yield OptionList(id="conflict-list")
        yield Static("", id="conflict-help")
        yield Static("", id="conflict-cols")
        from ..widgets.redline_view import RedlineView

        yield RedlineView(id="conflict-view")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        def job(repo: BargainingRepo) -> ConflictScreen.Loaded:
            from proposals.team.conflicts import conflicts  # what `proposals resolve` lists

            return self.Loaded(conflicts(repo, texts=True))

        self.app.run_repo(job, self, "Conflicts")

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        conflicts = message.conflicts
        current = self.current()
        self.conflicts = conflicts
        self.loaded = True
        if not conflicts:
            self.app.notify("No conflicts left: sync (S) publishes what you kept.", title="Conflicts")
            if self.is_current:
                self.app.pop_screen()
            return
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(literal(f"{c.article}  ·  {c.reason}", one_line=True), id=str(i))
                for i, c in enumerate(conflicts)
            ]
        )
        ids = [c.article for c in conflicts]
        options.highlighted = ids.index(current.article) if current and current.article in ids else 0
        n = len(conflicts)
        self.query_one("#conflict-head", Static).update(
            Text(f"{n} conflict{'s' if n != 1 else ''} from sync: keep mine (m) or theirs (t)", style="bold")
        )
        options.focus()
        self.show_current()

    def current(self) -> Conflict | None:
        if not self.conflicts:
            return None
        index = self.query_one(OptionList).highlighted
        return self.conflicts[index] if index is not None and index < len(self.conflicts) else None

    def redline(self):  # -> RedlineView, imported with the screen's first paint
        from ..widgets.redline_view import RedlineView

        return self.query_one(RedlineView)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self.show_current()
        self.refresh_bindings()

    def show_current(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        from ..diffing import Palette

        palette = Palette(self.app.us, self.app.them, self.app.markers, not self.app.no_color)
        view = self.redline()
        col = view.column_width()
        self.query_one("#conflict-cols", Static).update(
            Text("   ")
            + Text(
                shown(conflict.mine_label, one_line=True)[:col].ljust(col),
                style=self.themed(palette.old_role()) + BOLD,
            )
            + Text(" │ ")
            + Text(
                shown(conflict.theirs_label, one_line=True)[:col],
                style=self.themed(palette.new_role()) + BOLD,
            )
        )
        if conflict.kind in ("draft", "replaced"):
            help_text = "m: put my draft back (uncommitted); t: keep the incoming text. Either way "
            help_text += f"my draft stays saved on refs/drafts/{conflict.article}."
        elif conflict.kind == "merge":
            help_text = "m or t records that side's text and commits the merge; then sync (S) publishes it."
        else:
            help_text = conflict.line
        self.query_one("#conflict-help", Static).update(literal(help_text))
        self._token += 1
        self._diff(conflict.mine, conflict.theirs, palette, self._token)

    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def _diff(self, mine: str, theirs: str, palette: Palette, token: int) -> None:
        """The word diff off the event loop, like the article view."""
        from ..diffing import side_rows

        self.post_message(self.RowsReady(side_rows(mine, theirs, palette), token))

    @on(RowsReady)
    def _rows_ready(self, message: RowsReady) -> None:
        if message.token == self._token:
            self.redline().set_rows(message.rows, 2)

    def on_resize(self) -> None:
        if self.conflicts:
            self.call_after_refresh(self.show_current)

    def markers_changed(self) -> None:
        self.show_current()

    def restyle(self) -> None:
        if self.conflicts:
            self.show_current()

    # -- actions ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep":
            conflict = self.current()
            return self.loaded and conflict is not None and conflict.kind != "other"
        return True

    def disabled_reason(self, action: str) -> str | None:
        conflict = self.current()
        if action == "keep" and conflict is not None and conflict.kind == "other":
            return conflict.line
        return super().disabled_reason(action)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return palette("keep('mine')", "keep('theirs')")

    def action_keep(self, keep: str) -> None:
        conflict = self.current()
        if conflict is None or conflict.kind == "other":
            return
        from ..modals.confirm import ConfirmModal

        article_id = conflict.article
        drafted = conflict.kind in ("draft", "replaced")
        if keep == "mine":
            body = f"Keep MY text of {article_id}?\n" + (
                "Your set-aside draft goes back into the working tree; the incoming pass stays in history."
                if drafted
                else "Our pass's text is recorded and the merge committed."
                if conflict.kind == "merge"
                else conflict.line
            )
        else:
            body = f"Keep THEIR text of {article_id}?\n" + (
                f"Your draft is not lost: it stays on refs/drafts/{article_id}."
                if drafted
                else "The remote's text is recorded and the merge committed."
                if conflict.kind == "merge"
                else conflict.line
            )
        tag = conflict.tag

        def job(repo: BargainingRepo) -> ConflictScreen.Resolved:
            if tag:  # two TAs under one tag: the same call as resolve --ta
                from proposals.team.ta_conflicts import resolve_ta

                return self.Resolved(resolve_ta(repo, tag, keep))
            from proposals.team.sync import resolve

            return self.Resolved(resolve(repo, article_id, keep))

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.run_repo(job, self, "Resolve")

        self.app.push_screen(ConfirmModal(f"Resolve {article_id}", body, yes=f"Keep {keep}"), confirmed)

    @on(Resolved)
    def _resolved(self, message: Resolved) -> None:
        self.app.notify(message.line, title="Resolved")
        self.app.repo_changed("resolve")  # reloads this screen and the board (marker, drafts)

    def action_switch_focus(self) -> None:
        if self.query_one(OptionList).has_focus:
            self.redline().focus()
        else:
            self.query_one(OptionList).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
