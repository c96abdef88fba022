"""One article side by side: aligned paragraph rows in one scroller, word-level redline.

`c` switches what is compared (union vs employer, each against the baseline, our draft against
their last pass, or two passes picked in the history); `v` switches side by side, inline and
provenance. Texts come from the repo lane; the diff runs in its own worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Header, Static

from proposals.errors import ProposalsError
from proposals.negotiation.passes import current_tas
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import STATUS_WORDS, StatusRow
from proposals.redline.provenance import Version

from ..diffing import Palette, inline_rows, locked_lines, provenance_rows, side_rows
from ..keys import command, key, palette
from ..literal import literal, shown
from ..styles import BOLD, MARKS, PARTY, Themed
from ..widgets.find_bar import FindBar, next_match
from ..widgets.keys_footer import KeysFooter
from ..widgets.redline_view import RedlineView
from .actions import ArticleActions

VIEWS = ("side", "inline", "provenance")
VIEW_NAMES = {"side": "side by side", "inline": "inline redline", "provenance": "provenance"}


@dataclass
class ArticleData:
    """Everything the view shows, read in one trip to the repo lane."""

    article: str
    texts: dict[str, str | None]  # rev -> text (None: not there)
    labels: dict[str, str]  # rev -> what people call it ("U-3", "baseline", "draft")
    versions: list[Version] | None = None  # repo.versions (as provenance reads them), on first use
    notes: str = ""
    table: str = ""
    ta_sections: list[str | None] = field(default_factory=list)
    pass_party: dict[str, str] = field(default_factory=dict)  # pass name -> party, for colours


def load_article(repo: BargainingRepo, article_id: str, extra: tuple[str, ...] = ()) -> ArticleData:
    """Runs in the repo lane: the texts every comparison mode needs, plus notes and TAs."""
    texts: dict[str, str | None] = {}
    labels: dict[str, str] = {}
    for rev in ("draft", "baseline", "union", "employer", *extra):
        try:
            resolved = repo.resolve(article_id, rev)
            texts[rev] = repo.text_at(article_id, rev)
            labels[rev] = resolved.label
        except ProposalsError:
            texts[rev] = None
            labels[rev] = rev
    history = repo.history()
    table = repo.table_text(article_id) or ""
    return ArticleData(
        article_id,
        texts,
        labels,
        None,
        repo.read_notes(article_id),
        table,
        [t.section for t in current_tas(history, article_id)],
        {r.name: r.party for r in history.passes},
    )


def fitted(label: str, width: int) -> str:
    """A column head cut to `width`, keeping its last word (the pass number: E-11, never E-1)
    whole and shortening the party's name instead."""
    if len(label) <= width:
        return label
    name, space, last = label.rpartition(" ")
    if not space or len(last) + 2 > width:
        return label[: max(width - 1, 0)] + "…"
    return f"{name[: width - len(last) - 2]}… {last}"


class ArticleScreen(Themed, ArticleActions):
    @dataclass
    class Loaded(Message):
        """The article's texts, read in the repo lane for `article` (the screen may have moved on)."""

        data: ArticleData

    @dataclass
    class VersionsLoaded(Message):
        """Every recorded text of `article`, for the provenance view."""

        article: str
        versions: list[Version]

    @dataclass
    class RowsReady(Message):
        """A redline computed in the diff worker; only the newest request's `token` is painted."""

        rows: list
        columns: int
        token: int

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("c", "next_compare"),
        key("v", "next_view"),
        key("right_square_bracket", "jump(True)", key_display="]", show=False),
        key("left_square_bracket", "jump(False)", key_display="[", show=False),
        key("e", "edit"),
        key("h", "history", show=False),  # 80 columns: in help and the palette
        key("n", "toggle_notes"),
        key("N", "edit_notes", label="Edit notes", show=False),
        key("p", "record_pass", show=False),
        key("i", "their_pass", show=False),
        key("t", "ta"),
        key("w", "withdraw", show=False),
        key("x", "export", show=False),
        key("dollar_sign", "costing", key_display="$", show=False),
        key("b", "blame", show=False),
        key("R", "restore_draft", show=False),
        key("O", "reopen", show=False),
        key("ctrl+f", "find", show=False),
    ]

    compare_index: reactive[int] = reactive(0)
    view: reactive[str] = reactive("side")
    loaded: reactive[bool] = reactive(False, bindings=True)

    def __init__(self, article_id: str, custom: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.data: ArticleData | None = None
        self.custom: tuple[str, str] | None = custom
        self._token = 0
        self._keep_place = False
        self._found_line = -1  # the line ctrl+f found last: the next find searches on from it
        if custom:
            self.set_reactive(ArticleScreen.compare_index, 4)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="article-head")
        yield Static("", id="legend")
        yield Static("", id="column-heads")
        with Horizontal(id="article-body"):
            yield RedlineView(id="redline")
            with VerticalScroll(id="notes-panel", classes="hidden") as panel:
                panel.border_title = "Team notes · N edits"
                yield Static("", id="notes")
        yield FindBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(RedlineView).focus()
        self.reload()

    def retarget(self, article_id: str, custom: tuple[str, str] | None = None) -> None:
        """Show another article in this (already mounted) screen: mounting a screen costs more
        than painting a 50-page redline, so the app keeps one article screen and reuses it."""
        self.article_id = article_id
        self.data = None
        self.custom = custom
        self.loaded = False
        self.set_reactive(ArticleScreen.compare_index, len(self.compares()) - 1 if custom else 0)
        self.set_reactive(ArticleScreen.view, "side")
        self._token += 1
        if self.is_mounted:
            self.query_one(RedlineView).set_rows([], 2)
            for selector in ("#article-head", "#legend", "#column-heads"):
                self.query_one(selector, Static).update("")
            self.query_one("#notes-panel").add_class("hidden")
            self.query_one(RedlineView).focus()
            self.reload()

    # -- state ---------------------------------------------------------------------------------

    def current_row(self) -> StatusRow | None:
        return next((r for r in self.app.status_cache if r.id == self.article_id), None)

    def compares(self) -> list[tuple[str, str]]:
        us, them = self.app.us, self.app.them
        pairs = [("union", "employer"), ("baseline", "union"), ("baseline", "employer"), (them, "draft")]
        if us == "employer":
            pairs[0] = ("employer", "union")
        if self.custom:
            pairs.append(self.custom)
        return pairs

    def compare(self) -> tuple[str, str]:
        pairs = self.compares()
        return pairs[self.compare_index % len(pairs)]

    def reload(self) -> None:
        extra = tuple(r for r in (self.custom or ()) if r not in ("draft", "baseline", "union", "employer"))
        article_id = self.article_id
        self.app.run_repo(lambda repo: self.Loaded(load_article(repo, article_id, extra)), self, "Article")

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = message.data
        if data.article != self.article_id:
            return  # read for the article this screen showed before `retarget`
        first = self.data is None
        self.data = data
        self.loaded = True
        if first and self.custom is None:
            self._first_available()
        self.query_one("#notes", Static).update(literal(data.notes or "(no notes for this article)"))
        self.recompute()

    def _first_available(self) -> None:
        """Open on the first comparison whose two texts exist (an untouched article: baseline)."""
        assert self.data is not None
        texts = self.data.texts
        for index, (old, new) in enumerate(self.compares()):
            if texts.get(old) is not None and texts.get(new) is not None:
                self.compare_index = index
                return
        for pair in (
            (self.app.us, "draft"),
            ("baseline", "draft"),
            (self.app.them, "draft"),
            ("draft", "draft"),
        ):
            if texts.get(pair[0]) is not None and texts.get(pair[1]) is not None:
                self.custom = pair
                self.compare_index = len(self.compares()) - 1
                return

    def set_custom(self, old: str, new: str) -> None:
        """Compare two passes picked in the history; becomes the last compare mode."""
        self.custom = (old, new)
        self.compare_index = len(self.compares()) - 1
        self.view = "side"
        self.reload()

    # -- painting ------------------------------------------------------------------------------

    def palette(self, old_rev: str, new_rev: str) -> Palette:
        parties = self.app.repo.config.parties

        def party(rev: str, fallback: str) -> str:
            if rev in parties:
                return rev
            if rev == "draft":
                return self.app.us
            return (self.data.pass_party.get(rev) if self.data else None) or fallback

        return Palette(
            party(old_rev, "baseline"), party(new_rev, "union"), self.app.markers, not self.app.no_color
        )

    def recompute(self) -> None:
        if self.data is None:
            return
        if self.view == "provenance" and self.data.versions is None:
            article_id = self.article_id

            def job(repo: BargainingRepo) -> ArticleScreen.VersionsLoaded:
                return self.VersionsLoaded(article_id, repo.versions(article_id))

            self.app.run_repo(job, self, "Provenance")
            return
        old_rev, new_rev = self.compare()
        self._token += 1
        palette = self.palette(old_rev, new_rev)
        self._paint_heads(old_rev, new_rev, palette)
        self._diff(self.data, old_rev, new_rev, self.view, palette, self._token)

    @on(VersionsLoaded)
    def _versions_loaded(self, message: VersionsLoaded) -> None:
        if self.data is not None and self.data.article == message.article:
            self.data.versions = message.versions
            self.recompute()

    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def _diff(
        self,
        data: ArticleData,
        old_rev: str,
        new_rev: str,
        view: str,
        palette: Palette,
        token: int,
    ) -> None:
        """Diff off the event loop; only the newest request's rows are painted."""
        old = data.texts.get(old_rev) or ""
        new = data.texts.get(new_rev) or ""
        locked = locked_lines(data.table, data.ta_sections) if data.ta_sections else set()
        if view == "provenance":
            versions = list(data.versions or [])
            draft = data.texts.get("draft")
            if draft is not None and (not versions or versions[-1].text != draft):
                versions.append(Version("draft", self.app.us, draft))
            rows = provenance_rows(versions, palette)
            self.post_message(self.RowsReady(rows, 1, token))
        elif view == "inline":
            self.post_message(self.RowsReady(inline_rows(old, new, palette, locked), 1, token))
        else:
            self.post_message(self.RowsReady(side_rows(old, new, palette, locked), 2, token))

    @on(RowsReady)
    def _rows_ready(self, message: RowsReady) -> None:
        if message.token == self._token:
            keep_place, self._keep_place = self._keep_place, False
            self.query_one(RedlineView).set_rows(message.rows, message.columns, keep_place=keep_place)
            self.sub_title = None
            for callback in self.app.paint_hooks:
                self.call_after_refresh(callback)

    def _label(self, rev: str) -> str:
        return shown(self._rev_name(rev), one_line=True)

    def _rev_name(self, rev: str) -> str:
        assert self.data is not None
        parties = self.app.repo.config.parties
        label = self.data.labels.get(rev, rev)
        if self.data.texts.get(rev) is None:
            who = parties[rev].name if rev in parties else rev
            return f"({who}: none)"
        if rev in parties:
            return f"{parties[rev].name} {label}"
        if rev == "draft":
            return "Our draft"
        if rev == "baseline":
            return "Baseline"
        party = self.data.pass_party.get(label)
        return f"{parties[party].name} {label}" if party else label

    def _paint_heads(self, old_rev: str, new_rev: str, palette: Palette) -> None:
        row = self.current_row()
        head = Text()
        if row is not None:
            head.append(shown(f"Art. {row.number} {row.title}", one_line=True), style="bold")
            new = row.status == "unchanged" and row.id in self.app.board.new
            head.append(f"  ·  {'New draft' if new else STATUS_WORDS[row.status]}")
            if row.move:
                head.append("  ·  " + ("our move" if row.move == self.app.us else "their move"))
            sections = [t.section for t in row.tas if t.section]
            if sections:
                head.append(
                    shown(f"  ·  TA'd § {', '.join(sections)}", one_line=True), style=self.themed(MARKS["ok"])
                )
        head.append(f"  ·  {VIEW_NAMES[self.view]}", style="dim")
        self.query_one("#article-head", Static).update(head)
        legend = Text()
        if self.view == "provenance":
            parties = list(self.app.repo.config.parties.values())
            names = [shown(party.name, one_line=True) for party in parties]
            # The legend must be read whole: where the parties' names do not fit (80 columns, long
            # names), each side is named by its role, which the colours already stand for.
            needed = len("first proposed by: plain = baseline") + sum(len(n) + 4 for n in names)
            if needed > self.size.width - 2:
                names = [party.key for party in parties]
            legend.append("first proposed by: ")
            for party, name in zip(parties, names, strict=True):
                legend.append(f"■ {name}  ", style=self.themed(PARTY[party.key]))
            legend.append("plain = baseline")
        else:
            left = shown(self.data.labels.get(old_rev, old_rev) if self.data else old_rev, one_line=True)
            right = shown(self.data.labels.get(new_rev, new_rev) if self.data else new_rev, one_line=True)
            strike = "[-…-]" if palette.markers else "struck"
            under = "{+…+}" if palette.markers else "underlined"
            legend.append(f"■ {left}", style=self.themed(palette.old_role()))
            legend.append(f" {strike} = only here   ")
            legend.append(f"■ {right}", style=self.themed(palette.new_role()))
            legend.append(f" {under} = changed  ⇄ moved  TA locked")
        self.query_one("#legend", Static).update(legend)
        heads = self.query_one("#column-heads", Static)
        if self.view == "side":
            view = self.query_one(RedlineView)
            col = view.column_width()
            left_h = fitted(self._label(old_rev), col).ljust(col)
            heads.update(
                Text("   ")
                + Text(left_h, style=self.themed(palette.old_role()) + BOLD)
                + Text(" │ ")
                + Text(fitted(self._label(new_rev), col), style=self.themed(palette.new_role()) + BOLD)
            )
        elif self.view == "inline":
            heads.update(Text(f"   {self._label(old_rev)} → {self._label(new_rev)}", style="bold"))
        else:
            heads.update(Text("   Latest text, coloured by who first proposed each word", style="bold"))

    def on_resize(self) -> None:
        if self.data is not None:
            self.call_after_refresh(self.restyle)

    def restyle(self) -> None:
        """The theme changed (or the width): paint the heads again; the rows repaint themselves."""
        if self.data is not None:
            self._paint_heads(*self.compare(), self.palette(*self.compare()))

    def markers_changed(self) -> None:
        self._keep_place = True  # the same rows in other clothes: stay where the reader is
        self.recompute()

    # -- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_next_compare(self) -> None:
        self.compare_index = (self.compare_index + 1) % len(self.compares())
        if self.view == "provenance":
            self.view = "side"
        self.recompute()

    def action_next_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.recompute()

    def action_jump(self, forward: bool) -> None:
        """The header says "change n of m"; past either end a notification says so."""
        view = self.query_one(RedlineView)
        place = view.jump(forward)
        total = len(view.change_lines())
        if place is not None:
            self.sub_title = f"change {place[0]} of {place[1]}"
        elif not total:
            self.notify("No changes in this comparison.", timeout=2)
        else:
            end = "last" if forward else "first"
            self.notify(
                f"That was the {end} of {total} changes: none {'below' if forward else 'above'}.", timeout=2
            )

    def action_find(self) -> None:
        self.query_one(FindBar).open()

    @on(FindBar.Find)
    def _find(self, message: FindBar.Find) -> None:
        """The next line of the view (either side, markers included) holding the words."""
        view = self.query_one(RedlineView)
        found = next_match(view.plain_lines(), message.query, self._found_line)
        if found is None:
            self.notify(f"Not found: {message.query}", timeout=3)
            return
        self._found_line, n, total = found
        view.scroll_to(y=max(self._found_line - 2, 0), animate=False, immediate=True)
        self.sub_title = f"match {n} of {total}"

    def action_toggle_notes(self) -> None:
        self.query_one("#notes-panel").toggle_class("hidden")
        self.call_after_refresh(lambda: self._paint_heads(*self.compare(), self.palette(*self.compare())))

    def action_edit(self) -> None:
        self.app.open_editor(self.article_id)

    def action_blame(self) -> None:
        from .blame import BlameScreen

        self.app.push_screen(BlameScreen(self.article_id))

    def disabled_reason(self, action: str) -> str | None:
        if action == "edit" and self.loaded and not self.app.repo.read_only:
            return "This article is TA'd: its agreed text is locked, so there is no draft to edit."
        return super().disabled_reason(action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_compare", "next_view", "edit") and not self.loaded:
            return False
        if action == "edit":
            row = self.current_row()
            return row is not None and row.status != "ta" and super().check_action(action, parameters)
        return super().check_action(action, parameters)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return [
            command("next_compare", " · ".join(f"{a} vs {b}" for a, b in self.compares())),
            *palette("next_view", "edit", "blame", "toggle_notes", "edit_notes"),
            *self.article_palette_commands(),
        ]
