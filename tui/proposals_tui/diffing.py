"""Turn article texts into display rows for the redline view: pure functions, no widgets.

Runs are (text, rich Style) pairs, one list per cell; the view wraps and paints them lazily.
The word diff, paragraph alignment, moves and provenance come from ``proposals.redline``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rich.style import Style

from proposals.contract.part import paragraphs, sections
from proposals.redline import Version, align_rows, diff_text, provenance

from . import styles

Run = tuple[str, "Style | str"]  # a str names roles the view styles from the theme (`app.tcss`)

PLAIN = Style()
LOCKED = "redline--locked"  # TA'd text: a role, styled by the redline view's component class
MOVED = "redline--move"  # a moved paragraph's unchanged words
GUTTERS = {
    "equal": "  ",
    "change": "~ ",
    "delete": "- ",
    "insert": "+ ",
    "move": "⇄ ",
    "locked": "TA",
}


@dataclass(frozen=True)
class Palette:
    """How a comparison is painted: whose colour each side takes, marker mode, colour or not.

    Sides are party keys ("union", "employer", "baseline"); a run carries roles (component
    classes, `styles.py`), never a colour, so the theme decides how each party looks.
    """

    old_party: str = "baseline"
    new_party: str = "union"
    markers: bool = False
    coloured: bool = True

    def old_role(self) -> str:
        """The old side's party class (its column head and deletions)."""
        return styles.party(self.old_party)

    def new_role(self) -> str:
        return styles.party(self.new_party)

    def deleted(self) -> str:
        mark = styles.REDLINE["marked" if self.markers else "delete"]
        return styles.role(mark, self.old_role() if self.coloured else "")

    def inserted(self) -> str:
        mark = styles.REDLINE["marked" if self.markers else "insert"]
        return styles.role(mark, self.new_role() if self.coloured else "")

    def moved(self) -> str:
        """A role, not a colour: the theme says how moved text looks (`.redline--move`)."""
        return MOVED

    def mark(self, op: str, text: str, move: str | None = None) -> Run:
        """One changed run: coloured and struck/underlined, or wrapped in [-old-]/{+new+} markers."""
        if move is not None:
            return (f"[>{text}<]" if self.markers else text, self.moved())
        if op == "delete":
            return (f"[-{text}-]" if self.markers else text, self.deleted())
        return (f"{{+{text}+}}" if self.markers else text, self.inserted())


@dataclass
class ViewRow:
    """One aligned row: a paragraph on the left and its counterpart on the right (or one column)."""

    left: list[Run] | None
    right: list[Run] | None = None
    kind: str = "equal"
    locked: bool = False
    gutter: str = "  "
    paragraph: int = 0  # index of the new-side paragraph, for tests and jumping
    meta: dict = field(default_factory=dict)

    def text(self, side: str = "left") -> str:
        runs = self.left if side == "left" else self.right
        return "".join(t for t, _ in runs or [])


_CACHE_SIZE = 24
_cache: OrderedDict[tuple[str, str], list] = OrderedDict()
_pending: dict[tuple[str, str], threading.Event] = {}
_cache_lock = threading.Lock()


def aligned(old: str, new: str) -> list:
    """`align_rows` with a small content-keyed cache shared by all threads.

    Switching comparisons back and forth, reopening an article, and the board's prefetch of the
    highlighted article all reuse one computation; a second caller of an in-flight pair waits
    for it rather than diffing again.
    """
    key = (old, new)
    while True:
        with _cache_lock:
            if key in _cache:
                _cache.move_to_end(key)
                return _cache[key]
            event = _pending.get(key)
            if event is None:
                event = _pending[key] = threading.Event()
                break
        event.wait()
    try:
        rows = align_rows(old, new)
        with _cache_lock:
            _cache[key] = rows
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        return rows
    finally:
        with _cache_lock:
            _pending.pop(key, None)
        event.set()


def locked_lines(text: str, ta_sections: Iterable[str | None]) -> set[str]:
    """Paragraph lines belonging to TA'd sections (None means the whole article is TA'd)."""
    wanted = list(ta_sections)
    if None in wanted:
        return {p for p in paragraphs(text) if p.strip()}
    blocks = sections(text)
    out: set[str] = set()
    for number in wanted:
        block = blocks.get(number or "")
        if block:
            out.update(line for line in block.split("\n") if line.strip())
    return out


def _strip_nl(text: str) -> str:
    return text.replace("\n", " ")


def _shown(ops: Iterable) -> Iterator[tuple]:
    """Each op with its text on one line, skipping ops that show nothing."""
    for op in ops:
        text = _strip_nl(op.text)
        if text:
            yield op, text


def _moved_runs(ops: Iterable, palette: Palette, *, deletions: bool) -> list[Run]:
    """A moved paragraph at its new place: its words in the moved style, the edits made inside
    the move marked (side by side leaves the deletions to the old place's own row)."""
    runs: list[Run] = []
    for op, text in _shown(ops):
        if op.op == "equal":
            runs.append((text, palette.moved()))
        elif deletions or op.op == "insert":
            runs.append(palette.mark(op.op, text))
    return runs


def side_rows(old: str, new: str, palette: Palette, locked: set[str] = frozenset()) -> list[ViewRow]:
    """Side by side: the old text left, the new right, one row per aligned paragraph pair."""
    out: list[ViewRow] = []
    for n, row in enumerate(aligned(old, new)):
        left: list[Run] = []
        right: list[Run] = []
        if row.kind == "move" and row.new is not None:
            # the new place of a moved paragraph: its old place is its own (left-only) row
            right = _moved_runs(row.ops, palette, deletions=False)
            out.append(ViewRow(left=[], right=right, kind="move", gutter=GUTTERS["move"], paragraph=n))
            continue
        for op, text in _shown(row.ops):
            if op.op == "equal":
                old_text = _strip_nl(op.old_text) if op.old_text is not None else text
                left.append((old_text, PLAIN))
                right.append((text, PLAIN))
            elif op.op == "delete":
                left.append(palette.mark("delete", text, op.move or row.move))
            else:
                right.append(palette.mark("insert", text, op.move or row.move))
        is_locked = bool(row.new and row.new in locked)
        if is_locked and row.kind == "equal":
            left = [(t, LOCKED) for t, _ in left]
            right = [(t, LOCKED) for t, _ in right]
        out.append(
            ViewRow(
                left=left if row.old is not None else [],
                right=right if row.new is not None else [],
                kind=row.kind,
                locked=is_locked,
                gutter=GUTTERS["locked"] if is_locked else GUTTERS.get(row.kind, "  "),
                paragraph=n,
            )
        )
    return out


def inline_rows(old: str, new: str, palette: Palette, locked: set[str] = frozenset()) -> list[ViewRow]:
    """One column: deletions and insertions interleaved in the new text's flow."""
    out: list[ViewRow] = []
    for n, row in enumerate(aligned(old, new)):
        runs: list[Run] = []
        if row.kind == "move" and row.new is not None:
            runs = _moved_runs(row.ops, palette, deletions=True)
            out.append(ViewRow(left=runs, kind="move", gutter=GUTTERS["move"], paragraph=n))
            continue
        for op, text in _shown(row.ops):
            if op.op == "equal":
                runs.append((text, PLAIN))
            else:
                runs.append(palette.mark(op.op, text, op.move or row.move))
        is_locked = bool(row.new and row.new in locked)
        if is_locked and row.kind == "equal":
            runs = [(t, LOCKED) for t, _ in runs]
        out.append(
            ViewRow(
                left=runs,
                kind=row.kind,
                locked=is_locked,
                gutter=GUTTERS["locked"] if is_locked else GUTTERS.get(row.kind, "  "),
                paragraph=n,
            )
        )
    return out


def provenance_rows(versions: Sequence[Version], palette: Palette) -> list[ViewRow]:
    """The latest text coloured by the party that first proposed each word.

    `versions` are `BargainingRepo.versions` (oldest first), perhaps with the draft after them;
    party "baseline" stays plain.
    """
    if not versions:
        return []
    vs = list(versions)
    text = vs[-1].text
    spans = provenance(vs)
    marked = styles.REDLINE["marked"]
    owner_styles: dict[str, Style | str] = {
        party: styles.role(marked, styles.party(party) if palette.coloured else "")
        for party in ("union", "employer")
    }
    rows: list[ViewRow] = []
    pos = 0
    span_i = 0
    for n, para in enumerate(paragraphs(text)):
        start, end = pos, pos + len(para)
        runs: list[Run] = []
        while span_i < len(spans) and spans[span_i].end <= start:
            span_i += 1
        k = span_i
        while k < len(spans) and spans[k].start < end:
            s = spans[k]
            a, b = max(s.start, start), min(s.end, end)
            if b > a:
                chunk = text[a:b]
                if palette.markers and s.party != "baseline":
                    chunk = f"{{{s.label}:{chunk}}}"
                runs.append((chunk, owner_styles.get(s.party, PLAIN)))
            k += 1
        rows.append(ViewRow(left=runs, kind="equal", paragraph=n))
        pos = end + 1
    return rows


def change_size(old: str, new: str) -> tuple[int, int]:
    """Words added and removed between two texts: the history screen's summary of a pass."""
    added = removed = 0
    for op in diff_text(old, new):
        words = len(op.text.split())
        if op.op == "insert":
            added += words
        elif op.op == "delete":
            removed += words
    return added, removed
