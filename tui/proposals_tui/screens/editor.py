"""Edit our draft: a plain TextArea, a live redline preview beside it, autosave.

Every change restarts two timers: the preview (a diff in a worker, so typing never waits) and
autosave (an atomic write through the repo lane). The dirty marker clears only when the text on
disk is the text on screen; leaving or quitting with unsaved work asks first. Team notes are
edited in their own dialog (ctrl+n), never in this screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Header, Static, TextArea

from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import StatusRow

from ..app import ProposalsApp
from ..diffing import Palette, aligned, inline_rows, locked_lines
from ..keys import key, palette
from ..literal import literal, shown
from ..styles import BOLD, MARKS, Themed
from ..widgets.find_bar import FindBar
from ..widgets.keys_footer import KeysFooter
from ..widgets.redline_view import RedlineView
from ..widgets.text_editor import PlainTextArea, invisible_count
from ..workers import REPO_LOCK
from .actions import ArticleActions


@dataclass
class EditorData:
    draft: str
    bases: list[tuple[str, str, str]]  # (rev, label, text): what the preview compares against
    tas: list = field(default_factory=list)  # standing TARecords: their text is locked
    table: str = ""


def load_editor(repo: BargainingRepo, article_id: str, us: str) -> EditorData:
    """Runs in the repo lane: our working-tree text and every text worth comparing it with."""
    them = repo.config.other(us)
    draft = repo.read_draft(article_id)
    if draft is None:
        draft = repo.table_text(article_id) or ""
    bases: list[tuple[str, str, str]] = []
    for rev, what in ((them, "their last pass"), ("baseline", "the baseline"), (us, "our last pass")):
        try:
            resolved = repo.resolve(article_id, rev)
            bases.append((rev, f"{what} ({resolved.label})", repo.text_at(article_id, rev)))
        except ProposalsError:
            continue
    if not bases:
        bases.append(("empty", "nothing (a new article)", ""))
    from proposals.negotiation.passes import current_tas

    tas = current_tas(repo.history(), article_id)
    return EditorData(draft, bases, tas, repo.table_text(article_id) or "")


class EditorScreen(Themed, ArticleActions):
    @dataclass
    class Loaded(Message):
        """Our draft and what it can be compared with, read in the repo lane."""

        data: EditorData
        first: bool = True  # False: a reload after a pass keeps the text as typed

    @dataclass
    class Saved(Message):
        """Autosave wrote `text` to the working tree."""

        text: str

    @dataclass
    class PreviewReady(Message):
        """The preview redline from the diff worker; only the newest `token` is painted."""

        rows: list
        token: int
        broken: list  # TA'd sections (None: whole) the text would change
        focus: int | None  # the row to keep in view (the cursor's paragraph)

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("ctrl+s", "save"),
        key("ctrl+o", "next_base"),
        key("ctrl+n", "edit_notes"),
        key("ctrl+r", "record_pass"),
        key("ctrl+x", "export", show=False),
        key("ctrl+f", "find", show=False, priority=True),
    ]

    dirty: reactive[bool] = reactive(False, bindings=True)
    loaded: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.data: EditorData | None = None
        self.base_index = 0
        self._loading = 0
        self._save_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self._token = 0
        self.broken: list[str | None] = []
        self.saved_text: str | None = None
        self._latest: dict[str, str] = {}  # the newest text, read by the save job

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="editor-head")
        with Horizontal(id="editor-body"):
            with Vertical(id="draft-pane"):
                yield Static("Our draft", classes="pane-title")
                yield PlainTextArea("", id="draft", soft_wrap=True, tab_behavior="focus", read_only=True)
            with Vertical(id="preview-pane"):
                yield Static("Preview", id="preview-title", classes="pane-title")
                yield RedlineView(id="preview")
        yield FindBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#draft", TextArea).cursor_blink = False
        self._load(first=True)
        self._paint_head()

    def _load(self, first: bool) -> None:
        article_id, us = self.article_id, self.app.us
        self.app.run_repo(lambda repo: self.Loaded(load_editor(repo, article_id, us), first), self, "Editor")

    def current_row(self) -> StatusRow | None:
        return next((r for r in self.app.status_cache if r.id == self.article_id), None)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = message.data
        if not message.first:
            if self.data is not None:  # after a pass or TA: new bases, the text as typed
                self.data.bases = data.bases
                self._paint_head()
                self.refresh_preview()
            return
        self.data = data
        self.saved_text = data.draft
        self._latest = {"text": data.draft, "written": data.draft}
        area = self.query_one("#draft", TextArea)
        self._loading += 1  # load_text posts Changed (textual#3660): do not mark dirty for it
        area.load_text(data.draft)
        area.read_only = False
        area.focus()
        self.loaded = True
        self._paint_head()
        self.refresh_preview()

    def reload(self) -> None:
        """After a pass or TA: refresh what the preview compares against, keep the text as typed."""
        if self.data is None:
            return
        self._load(first=False)

    # -- typing --------------------------------------------------------------------------------

    @on(TextArea.Changed, "#draft")
    def _changed(self, event: TextArea.Changed) -> None:
        if self._loading:
            self._loading -= 1
            return
        self._latest["text"] = event.text_area.text
        self.dirty = event.text_area.text != self.saved_text
        self._restart_timers()

    def _restart_timers(self, preview: bool = True) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(max(0.001, self.app.autosave_delay), self.save_now)
        if preview:
            if self._preview_timer is not None:
                self._preview_timer.stop()
            self._preview_timer = self.set_timer(max(0.001, self.app.preview_delay), self.refresh_preview)

    def watch_dirty(self) -> None:
        self._paint_head()

    # -- saving --------------------------------------------------------------------------------

    def save_now(self, sync: bool = False, closing: bool = False) -> None:
        """Write the draft atomically; `sync` is for quitting, when no loop is left.

        The job writes the newest text when it runs, not the text when it was queued, so saves
        finishing in any order still leave the latest keystroke on disk. `closing`: the editor
        is leaving, so the answer goes to the app (every screen reloads once the write lands).
        """
        if self.data is None:
            return
        area = self.query_one("#draft", TextArea)
        self._latest["text"] = area.text
        latest = self._latest
        article_id = self.article_id

        def write(repo: BargainingRepo) -> str:
            text = latest["text"]
            if text != latest.get("written"):
                repo.write_draft(article_id, text)
                latest["written"] = text
            return text

        if sync:
            with REPO_LOCK:
                write(self.app.repo)
            self._saved(latest["text"])
            return

        def job(repo: BargainingRepo) -> Message:
            text = write(repo)
            return ProposalsApp.RepoChanged("draft") if closing else self.Saved(text)

        self.app.run_repo(job, self.app if closing else self, "Autosave")

    @on(Saved)
    def _on_saved(self, message: Saved) -> None:
        self._saved(message.text)

    def _saved(self, text: str) -> None:
        self.saved_text = text
        self._latest["written"] = text
        self.dirty = self.query_one("#draft", TextArea).text != text

    def before_record(self) -> None:
        """A pass records the working tree, so the draft reaches disk first (same lane, in order)."""
        if self.dirty:
            self.save_now()

    # -- preview -------------------------------------------------------------------------------

    def base(self) -> tuple[str, str, str]:
        assert self.data is not None
        return self.data.bases[self.base_index % len(self.data.bases)]

    def refresh_preview(self) -> None:
        if self.data is None:
            return
        rev, _label, base = self.base()
        old_party = rev if rev in self.app.repo.config.parties else "baseline"
        palette = Palette(old_party, self.app.us, self.app.markers, not self.app.no_color)
        self._token += 1
        area = self.query_one("#draft", TextArea)
        self._preview(self.data, base, area.text, palette, self._token, area.cursor_location[0])

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _preview(
        self, data: EditorData, base: str, text: str, palette: Palette, token: int, line: int = 0
    ) -> None:
        """Diff and TA check off the event loop; agreed text changed in the draft is flagged.
        The preview follows the cursor: the row showing the cursor's line is kept in view."""
        from proposals.negotiation.agreements import agreed_text_matches

        broken = [ta.section for ta in data.tas if not agreed_text_matches(ta, text)]
        locked = locked_lines(data.table, [ta.section for ta in data.tas]) if data.tas else set()
        rows = inline_rows(base, text, palette, locked)
        new_rows = [i for i, row in enumerate(aligned(base, text)) if row.new is not None]
        focus = new_rows[min(line, len(new_rows) - 1)] if new_rows else None
        self.post_message(self.PreviewReady(rows, token, broken, focus))

    @on(PreviewReady)
    def _preview_ready(self, message: PreviewReady) -> None:
        if message.token != self._token:
            return
        preview = self.query_one("#preview", RedlineView)
        preview.set_rows(message.rows, 1)
        if message.focus is not None:
            preview.show_row(message.focus)
        if message.broken != self.broken:
            self.broken = message.broken
            self._paint_head()
        for callback in self.app.paint_hooks:
            self.call_after_refresh(callback)

    def markers_changed(self) -> None:
        self.refresh_preview()

    def restyle(self) -> None:
        """The theme changed: the head again (the preview's roles repaint themselves)."""
        self._paint_head()

    def _paint_head(self) -> None:
        row = self.current_row()
        head = Text()
        what = f"{row.number} {row.title}" if row else self.article_id
        head.append(shown(f"Editing {what}", one_line=True), style="bold")
        if self.dirty:
            head.append("  ● unsaved", style=self.themed(MARKS["warning"]) + BOLD)
        elif self.loaded:
            head.append("  ✓ saved to working tree", style=self.themed(MARKS["ok"]))
        hidden = invisible_count(self._latest.get("text", ""))
        if hidden:
            head.append(
                f"  ⚠ {hidden} control character{'s' if hidden != 1 else ''} (shown in the preview)",
                style=self.themed(MARKS["error"]),
            )
        if self.broken:
            what = ", ".join(f"§ {s}" if s else "the whole article" for s in self.broken)
            head.append(f"  ⚠ changes TA'd text ({what})", style=self.themed(MARKS["error"]))
        self.query_one("#editor-head", Static).update(head)
        if self.data is not None:
            self.query_one("#preview-title", Static).update(
                literal(f"Preview against {self.base()[1]}  (ctrl+o)", one_line=True)
            )

    # -- actions -------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.save_now()

    def action_find(self) -> None:
        self.query_one(FindBar).open()

    @on(FindBar.Find)
    def _find(self, message: FindBar.Find) -> None:
        """Select the next occurrence in our draft after the cursor, round the end."""
        from textual.widgets.text_area import Selection

        area = self.query_one("#draft", TextArea)
        text, needle = area.text.lower(), message.query.lower()
        if not needle or needle not in text or len(text) != len(area.text):
            self.notify(f"Not found: {message.query}", timeout=3)
            return
        start = text.find(needle, area.document.get_index_from_location(area.selection.end))
        if start < 0:
            start = text.find(needle)  # round the end
        n, total = text.count(needle, 0, start) + 1, text.count(needle)
        area.selection = Selection(
            area.document.get_location_from_index(start),
            area.document.get_location_from_index(start + len(needle)),
        )
        area.scroll_cursor_visible()
        self.sub_title = f"match {n} of {total}"

    def action_back(self) -> None:
        """Unsaved work asks: save, discard (the file keeps its last saved text) or stay."""
        app = self.app
        if not self.dirty:
            app.repo_changed("draft")
            app.pop_screen()
            return
        from ..modals.confirm import QuitModal

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save_now(closing=True)  # every screen reloads after the write lands
            elif choice == "discard":
                app.repo_changed("draft")
            else:
                return
            if self in app.screen_stack:
                app.pop_screen()

        app.push_screen(QuitModal(self.article_id, [self], leaving="close"), answer)

    def action_next_base(self) -> None:
        if self.data is not None:
            self.base_index = (self.base_index + 1) % len(self.data.bases)
            self._paint_head()
            self.refresh_preview()

    def disabled_reason(self, action: str) -> str | None:
        if action == "save" and self.loaded:
            return "Nothing to save: the draft on disk is the text on screen."
        return super().disabled_reason(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "next_base") and not self.loaded:
            return False
        if action == "save":
            return self.dirty
        if action in ("withdraw", "ta", "their_pass", "history"):
            return None
        return super().check_action(action, parameters)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return palette("save", "next_base", "edit_notes", "record_pass", "export")
