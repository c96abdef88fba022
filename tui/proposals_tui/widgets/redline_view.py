"""Aligned redline rows painted with the line API: one scroller, so the two panes cannot drift.

Rows are word-wrapped to the column width once per width (a cheap offset computation, no
widgets), and each visible screen line is cut from its runs only when Textual asks for it, so
a 50-page article opens as fast as a one-page one. Painted lines are kept in a bounded LRU
cache (as toolong does), so scrolling a long article never grows memory without limit.

Gutters, moved text, TA-locked text, the column separator, deletions, insertions and the
parties' colours are styled by component classes (`redline--*`, `party--*`, `styles.py`) from
`app.tcss`, so a theme change (ctrl+t) repaints them; runs name such a style by role
(`diffing.MOVED`, `"redline--delete party--employer"`) rather than carrying a colour.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..diffing import Run, ViewRow
from ..keys import key
from ..literal import shown
from ..styles import Themed

GUTTER = 3  # "~ " plus a space
SEPARATOR = " │ "
LINE_CACHE = 1024  # painted lines kept: many screens' worth, never the whole of a long article
GUTTER_CLASSES = {
    "TA": "redline--gutter-locked",
    "⇄ ": "redline--gutter-move",
    "~ ": "redline--gutter-change",
    "- ": "redline--gutter-delete",
    "+ ": "redline--gutter-insert",
}


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap as (start, end) offsets; words longer than the width are split."""
    width = max(1, width)
    n = len(text)
    if n <= width:
        return [(0, n)]
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        if n - start <= width:
            lines.append((start, n))
            break
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            lines.append((start, start + width))
            start += width
        else:
            lines.append((start, cut))
            start = cut + 1
    return lines


class _Cell:
    """A cell's runs flattened for slicing: the text, where each run starts, and its style.

    The text is the article as written, with control and bidi characters shown as escapes: an
    ESC in a heading the other side wrote must never reach the terminal.
    """

    __slots__ = ("starts", "styles", "text")

    def __init__(self, runs: list[Run] | None) -> None:
        texts = [shown(t) for t, _ in runs or []]
        self.text = "".join(texts)
        self.starts: list[int] = []
        self.styles: list[Style | str] = []  # a str is a role, styled by a component class
        pos = 0
        for text, (_, style) in zip(texts, runs or [], strict=True):
            self.starts.append(pos)
            self.styles.append(style)
            pos += len(text)

    def segments(
        self, start: int, end: int, width: int, base: Style, roles: dict[str, Style]
    ) -> list[Segment]:
        out: list[Segment] = []
        if start < end and self.starts:
            i = bisect_right(self.starts, start) - 1
            pos = start
            while pos < end and i < len(self.starts):
                run_end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
                stop = min(end, run_end)
                if stop > pos:
                    style = self.styles[i]
                    style = roles[style] if isinstance(style, str) else style
                    out.append(Segment(self.text[pos:stop], base + style))
                pos = stop
                i += 1
        used = end - start
        if used < width:
            out.append(Segment(" " * (width - used), base))
        return out


class RedlineView(Themed, ScrollView, can_focus=True):
    """Rows of one or two columns; `set_rows` replaces them, nothing is mounted per row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {  # with Themed's parties and redline marks
        *GUTTER_CLASSES.values(),
        "redline--move",
        "redline--locked",
        "redline--separator",
    }

    DEFAULT_CSS = """
    RedlineView { height: 1fr; background: $surface; overflow-x: hidden; overflow-y: auto;
                  scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    RedlineView:focus { background-tint: $foreground 3%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        key("j", "scroll_down", show=False),
        key("k", "scroll_up", show=False),
        key("space", "page_down", show=False),
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self.rows: list[ViewRow] = []
        self.columns = 2
        self._cells: list[tuple[_Cell, _Cell]] = []
        self._lines: list[tuple[int, tuple[int, int] | None, tuple[int, int] | None]] = []
        self._wrapped_width = -1
        self._cache: LRUCache[int, Strip] = LRUCache(LINE_CACHE)
        self._jumped: tuple[int, int] | None = None  # (change index, scroll y) of the last jump
        self._roles: dict[str, Style] | None = None  # component styles, read once per theme

    # -- data ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[ViewRow], columns: int = 2, keep_place: bool = False) -> None:
        """Replace the content; wrapping happens on the next paint, for the current width.

        `keep_place`: the same rows drawn differently (marker mode): stay on the row at the top.
        """
        anchor = None
        if keep_place and self._lines and len(rows) == len(self.rows):
            anchor = self._lines[min(int(self.scroll_offset.y), len(self._lines) - 1)][0]
        self._jumped = None
        self.rows = rows
        self.columns = columns
        self._cells = [(_Cell(r.left), _Cell(r.right)) for r in rows]
        self._wrapped_width = -1
        self._rewrap()
        y = 0 if anchor is None else next((y for y, line in enumerate(self._lines) if line[0] >= anchor), 0)
        self.scroll_to(y=y, animate=False, immediate=True)
        self.refresh()

    def column_width(self) -> int:
        width = max(10, self.scrollable_content_region.width or self.size.width)
        usable = width - GUTTER
        if self.columns == 1:
            return max(5, usable)
        return max(5, (usable - len(SEPARATOR)) // 2)

    def _rewrap(self) -> None:
        col = self.column_width()
        lines: list[tuple[int, tuple[int, int] | None, tuple[int, int] | None]] = []
        for index, (left, right) in enumerate(self._cells):
            lw = wrap_offsets(left.text, col)
            rw = wrap_offsets(right.text, col) if self.columns == 2 else []
            for k in range(max(len(lw), len(rw))):
                lines.append((index, lw[k] if k < len(lw) else None, rw[k] if k < len(rw) else None))
        self._lines = lines
        self._wrapped_width = col
        self._cache.clear()
        self.virtual_size = Size(max(0, self.scrollable_content_region.width), len(lines))

    def on_resize(self) -> None:
        if self.column_width() != self._wrapped_width:
            self._rewrap()
            self.refresh()

    def show_row(self, index: int) -> None:
        """Scroll just enough that row `index` is in view (a third down when it was not)."""
        y = next((y for y, line in enumerate(self._lines) if line[0] == index), None)
        height = self.scrollable_content_region.height or self.size.height
        top = int(self.scroll_offset.y)
        if y is None or top <= y < top + max(1, height):
            return
        self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)

    def change_lines(self) -> list[int]:
        """First screen line of every row that is not unchanged text: where `]` and `[` jump."""
        out: list[int] = []
        previous = -1
        for y, (index, _l, _r) in enumerate(self._lines):
            if index != previous:
                previous = index
                if self.rows[index].kind not in ("equal",) and not self.rows[index].locked:
                    out.append(y)
        return out

    def jump(self, forward: bool = True) -> tuple[int, int] | None:
        """Scroll the next (or previous) change to the top; its place as (n, of m), or None at
        the end. While the view stays where the last jump left it, jumps count from that change
        (near the bottom the view cannot scroll a change to the top, so the position alone
        would find the same change again)."""
        lines = self.change_lines()
        top = int(self.scroll_offset.y)
        if self._jumped is not None and self._jumped[1] == top:
            index = self._jumped[0] + (1 if forward else -1)
        elif forward:
            first = self._jumped is None and top == 0  # the first jump may land on line 0
            index = next((k for k, y in enumerate(lines) if y > top or (first and y == top)), len(lines))
        else:
            index = max((k for k, y in enumerate(lines) if y < top), default=-1)
        if not 0 <= index < len(lines):
            return None
        target = lines[index]
        self.scroll_to(y=target, animate=False, immediate=True)
        self._jumped = (index, int(min(target, self.max_scroll_y)))
        return index + 1, len(lines)

    def line_count(self) -> int:
        return len(self._lines)

    def plain_lines(self) -> list[str]:
        """Every wrapped line as plain text: what tests and the bench read."""
        return [self._render_plain(y) for y in range(len(self._lines))]

    def _render_plain(self, y: int) -> str:
        return "".join(seg.text for seg in self._build(y, Style(), plain=True))

    # -- painting ------------------------------------------------------------------------------

    def roles(self) -> dict[str, Style]:
        """The component classes' styles by name (gutters by their mark), from the current theme."""
        if self._roles is None:
            roles = _Roles(self.themed)
            roles.update({name: roles[name] for name in self._get_component_classes()})
            roles.update({mark: roles[name] for mark, name in GUTTER_CLASSES.items()})
            self._roles = roles
        return self._roles

    def _build(self, y: int, base: Style, plain: bool = False) -> list[Segment]:
        index, lrange, rrange = self._lines[y]
        row = self.rows[index]
        left, right = self._cells[index]
        col = self._wrapped_width
        roles = _NO_ROLES if plain else self.roles()
        first = (lrange is not None and lrange[0] == 0) or (rrange is not None and rrange[0] == 0)
        gutter = row.gutter if first else "  "
        segments = [Segment(gutter + " ", base + roles.get(gutter, _PLAIN))]
        a, b = lrange or (0, 0)
        segments += left.segments(a, b, col, base, roles)
        if self.columns == 2:
            segments.append(Segment(SEPARATOR, base + roles["redline--separator"]))
            a, b = rrange or (0, 0)
            segments += right.segments(a, b, col, base, roles)
        return segments

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if line >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(line)
        if strip is None:
            strip = Strip(self._build(line, base))
            self._cache[line] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._roles = None
        self._cache.clear()


_PLAIN = Style()


class _Roles(dict):
    """Styles by role, each read from the theme the first time a run names it; a role of several
    classes (`"redline--delete party--union"`) combines them."""

    def __init__(self, themed) -> None:
        super().__init__()
        self._themed = themed

    def __missing__(self, key: str) -> Style:
        style = self[key] = self._themed(*key.split())
        return style


class _NoRoles(dict):
    """Plain text for tests and the bench: every role unstyled."""

    def __missing__(self, key: str) -> Style:
        return _PLAIN


_NO_ROLES: dict[str, Style] = _NoRoles()
