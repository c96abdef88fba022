"""A moved block's own edits, shown inside the move: no change ever hides behind "moved".

The diff engine pairs a deleted block with an inserted one elsewhere (a move) even when the
wording changed on the way ("appropriate" became "adequate"). Written as one ``w:moveFrom`` of
the old text and one ``w:moveTo`` of the new, accept-all and reject-all are exact, but the
reviewer sees "moved" and never the changed word. Here each side of a move is cut by the diff
of its two texts:

- **tracked** (``Layout.SPLIT``): at the old place, words the move kept stay ``moveFrom`` and
  words it dropped become a plain deletion inside the move range; at the new place, kept words
  are ``moveTo`` and new words a plain insertion. That is how Word's own compare marks an edited
  move, and the only encoding LibreOffice (7.4, measured) accepts and rejects exactly: it drops
  a deletion nested in a ``moveTo``/``w:ins`` (the deleted word survives both accept-all and
  reject-all).
- **redline** (``Layout.AT_DESTINATION``, static, for print): the old place shows the whole old
  block as moved away; the new place shows the moved text with the dropped words struck and the
  new words underlined, as ``proposals diff --markers`` does (``{+m1:..[-a-]{+b+}..+}``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Literal, Protocol

Kind = Literal["equal", "delete", "insert"]
Flat = tuple[Kind, str, "str | None", bool]  # kind, text, move id, a change inside the move


class _OpLike(Protocol):
    @property
    def op(self) -> str: ...

    @property
    def text(self) -> str: ...


class _Equal:
    op = "equal"

    def __init__(self, text: str) -> None:
        self.text = text


InnerDiff = Callable[[str, str], Sequence[_OpLike]]


class Layout(enum.Enum):
    """Where a move's inner edits go (see the module docstring)."""

    SPLIT = "split"
    AT_DESTINATION = "at-destination"


def _sides(flat: Sequence[Flat]) -> dict[str, tuple[str, str]]:
    found: dict[str, list[str]] = {}
    for kind, text, move, _ in flat:
        if move is not None and kind != "equal":
            pair = found.setdefault(move, ["", ""])
            pair[0 if kind == "delete" else 1] += text
    return {m: (d, i) for m, (d, i) in found.items() if d and i}


def _inner(deleted: str, inserted: str, diff: InnerDiff) -> list[tuple[Kind, str]]:
    """The move's two texts diffed, as (kind, text); ``old_text`` forms count as changes.

    The blank lines a move carries at its ends (``"p\\n"`` moved down becomes ``"\\np"``) are
    paragraph marks, not words: they are set aside so that the text itself is compared."""
    d_core, i_core = deleted.strip("\n"), inserted.strip("\n")
    d_lead = deleted[: len(deleted) - len(deleted.lstrip("\n"))]
    i_lead = inserted[: len(inserted) - len(inserted.lstrip("\n"))]
    d_tail = deleted[len(d_lead) + len(d_core) :]
    i_tail = inserted[len(i_lead) + len(i_core) :]
    out: list[tuple[Kind, str]] = [("delete", d_lead), ("insert", i_lead)]
    for op in diff(d_core, i_core) if d_core != i_core else [_Equal(d_core)]:
        kind = op.op
        old_text = getattr(op, "old_text", None)
        if kind == "equal" and old_text is not None and old_text != op.text:
            out += [("delete", old_text), ("insert", op.text)]
        elif kind in ("equal", "delete", "insert"):
            out.append((kind, op.text))  # type: ignore[arg-type]
        else:
            raise ValueError(f"unknown diff op {kind!r}")
    out += [("delete", d_tail), ("insert", i_tail)]
    out = [(k, t) for k, t in out if t]
    old = "".join(t for k, t in out if k != "insert")
    new = "".join(t for k, t in out if k != "delete")
    if old != deleted or new != inserted:
        raise ValueError("the inner diff of a move does not rebuild its two texts")
    return out


class _Cursor:
    """Cuts one side's texts, op by op, along the inner diff's segments of that side."""

    def __init__(self, segments: list[tuple[Kind, str]]) -> None:
        self.segments = segments
        self.at = 0  # segment index
        self.offset = 0  # characters of that segment already used

    def take(self, length: int) -> Iterator[tuple[Kind, int]]:
        """(segment kind, characters) covering the next ``length`` characters of this side."""
        while length > 0:
            kind, text = self.segments[self.at]
            n = min(length, len(text) - self.offset)
            if n > 0:
                yield kind, n
            length -= n
            self.offset += n
            if self.offset >= len(text):
                self.at += 1
                self.offset = 0


def inner_edits(flat: Iterable[Flat], diff: InnerDiff, layout: Layout) -> list[Flat]:
    """``flat`` with each paired move's sides cut into kept text and inner changes.

    A piece flagged as a change inside a move keeps its move id (so it stays inside the move's
    range) and its kind says what it is: ``delete`` a word the move dropped, ``insert`` one it
    added. Unpaired or unchanged moves pass through as they are.
    """
    flat = list(flat)
    sides = {m: d_i for m, d_i in _sides(flat).items() if d_i[0] != d_i[1]}
    if not sides:
        return flat
    cursors: dict[tuple[str, Kind], _Cursor] = {}
    for move, (deleted, inserted) in sides.items():
        ops = _inner(deleted, inserted, diff)
        if layout is Layout.SPLIT:
            cursors[(move, "delete")] = _Cursor([(k, t) for k, t in ops if k != "insert"])
        cursors[(move, "insert")] = _Cursor(
            [(k, t) for k, t in ops if k != "delete"] if layout is Layout.SPLIT else ops
        )
    out: list[Flat] = []
    for kind, text, move, changed in flat:
        cursor = cursors.get((move, kind)) if move is not None else None
        if cursor is None:
            out.append((kind, text, move, changed))
            continue
        if layout is Layout.AT_DESTINATION:
            # the destination shows every inner op, the deleted words too
            for seg_kind, seg_text in _whole(cursor, len(text)):
                shown: Kind = "insert" if seg_kind == "equal" else seg_kind
                out.append((shown, seg_text, move, seg_kind != "equal"))
            continue
        at = 0
        for seg_kind, n in cursor.take(len(text)):
            out.append((kind, text[at : at + n], move, seg_kind != "equal"))
            at += n
    return out


def _whole(cursor: _Cursor, length: int) -> Iterator[tuple[Kind, str]]:
    """The next ``length`` characters of the new side with the deletions between them.

    Deleted segments take no room on the new side; they are emitted where they fall, and a
    deletion that ends the move is emitted with the move's last piece."""
    while True:
        if cursor.at >= len(cursor.segments):
            return
        kind, text = cursor.segments[cursor.at]
        if kind == "delete":
            # A dropped paragraph break is no paragraph on the new side: a struck pilcrow
            # shows it; a move's ends differing only in blank lines show nothing.
            if text.strip("\n"):
                yield kind, text.replace("\n", "\u00b6")
            cursor.at += 1
            cursor.offset = 0
            continue
        if length <= 0:
            return
        n = min(length, len(text) - cursor.offset)
        yield kind, text[cursor.offset : cursor.offset + n]
        length -= n
        cursor.offset += n
        if cursor.offset >= len(text):
            cursor.at += 1
            cursor.offset = 0
