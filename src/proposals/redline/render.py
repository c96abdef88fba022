"""Show a redline: ANSI colour for terminals, plain markers for pipes, JSON for scripts.

Markers (``render_markers``), in the style of ``git diff --word-diff=plain``:

* ``[-deleted-]`` and ``{+inserted+}``;
* a move is tagged with its id at both ends: ``[-m1:moved text-]`` where it was, and
  ``{+m1:moved text+}`` where it went; inner changes made while moving it appear inside the
  insertion as ``[-x-]{+y+}``, e.g. ``{+m1:Overtime is [-voluntary-]{+optional+}.+}``;
* markers close before a line break and reopen after it, so every line stands alone and the
  line breaks themselves are printed as they are; text is not escaped;
* a paragraph break the change deletes or inserts beside text it keeps is marked ``[-¶-]`` or
  ``{+¶+}`` before the printed break (two paragraphs joined: ``end.[-¶-]`` then ``{+ +}Next``;
  one split: ``end.[- -]{+¶+}`` then ``Next``); otherwise a join and a split would look like an
  ordinary line. A line wholly inserted or deleted needs no mark: its markers say it.

ANSI (``render_ansi``): deletions red and struck through, insertions green and underlined,
moved text magenta-struck where it was and cyan-underlined where it went (inner changes in the
ordinary red/green), each move end preceded by a dim ``‹m1›`` tag; a joined or split paragraph
shows the same ``¶`` in the colour of its change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

from proposals.contract.escape import for_output
from proposals.redline.ops import Op
from proposals.redline.textdiff import diff_text, moved_texts

Style = Literal["equal", "delete", "insert", "move-from", "move-to"]

RESET = "\x1b[0m"
_ANSI: dict[str, str] = {
    "delete": "\x1b[9;31m",
    "insert": "\x1b[4;32m",
    "move-from": "\x1b[9;35m",
    "move-to": "\x1b[4;36m",
    "tag": "\x1b[2;35m",
}


Piece = tuple[Style, str, str | None, list[Op]]

PILCROW = "\u00b6"  # a paragraph break inserted or deleted beside kept text (module docstring)


def _pieces(ops: Sequence[Op], normalize: bool) -> Iterator[Piece]:
    """Each op as (style, text, move id, inner ops of a move's insertion)."""
    moved = moved_texts(ops)
    for op in ops:
        if op.op == "equal":
            yield "equal", op.text, None, []
        elif op.move is None:
            yield op.op, op.text, None, []
        elif op.op == "delete":
            yield "move-from", op.text, op.move, []
        else:
            source = moved[op.move][0]
            yield "move-to", op.text, op.move, diff_text(source, op.text, moves=False, normalize=normalize)


def _lines(text: str) -> Iterator[tuple[str, bool]]:
    """Split at line breaks: (line without its break, whether a break follows)."""
    parts = text.split("\n")
    for k, part in enumerate(parts):
        yield part, k < len(parts) - 1


def _wrap(text: str, opening: str, closing: str, *, breaks_at: bool | None = None) -> str:
    """Wrap each non-empty line of ``text`` in markers, keeping the line breaks outside. With
    ``breaks_at`` (whether ``text`` starts a line) the change's own line breaks are marked ``¶``
    where the line is not wholly this change: a join or split reads as one, not as a line."""
    out: list[str] = []
    for k, (line, breaks) in enumerate(_lines(text)):
        body = line[:-1] if breaks and line.endswith("\r") else line
        whole = bool(body) and (k > 0 or bool(breaks_at))
        shown = body + (PILCROW if breaks and breaks_at is not None and not whole else "")
        if shown:
            out.append(f"{opening}{shown}{closing}")
        out.append(line[len(body) :] + ("\n" if breaks else ""))
    return "".join(out)


def render_markers(ops: Sequence[Op], *, normalize: bool = False) -> str:
    """Plain-text redline with ``[-…-]``/``{+…+}`` markers (see the module docstring).

    ``normalize`` should match the ``diff_text`` call: it applies to moves' inner changes.
    """
    out: list[str] = []
    line_start = True
    for style, text, move, inner in _pieces(ops, normalize):
        if style == "equal":
            out.append(text)
        elif style in ("delete", "insert"):
            out.append(_wrap(text, *_MARK[style], breaks_at=line_start))
        elif style == "move-from":
            out.append(_wrap(text, f"[-{move}:", "-]"))
        else:
            # Render the inner changes line by line, each line inside its own move marker.
            lines: list[list[Op]] = [[]]
            for op in inner:
                for k, (line, breaks) in enumerate(_lines(op.text)):
                    if k:
                        lines.append([])
                    lines[-1].append(Op(op.op, line + ("\n" if breaks else "")))
            for n, line_ops in enumerate(lines):
                body = "".join(
                    o.text
                    if o.op == "equal"
                    else _wrap(o.text, *_MARK[o.op], breaks_at=k == 0 and (n > 0 or line_start))
                    for k, o in enumerate(line_ops)
                )
                stripped = body.rstrip("\r\n")
                if stripped:
                    out.append(f"{{+{move}:{stripped}+}}{body[len(stripped) :]}")
                else:
                    out.append(body)
        line_start = text.endswith("\n") if text else line_start
    return "".join(out)


_MARK = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def _paint(text: str, code: str, *, breaks_at: bool | None = None) -> str:
    """Colour ``text`` line by line so no style bleeds past a line break into a pager; its own
    control characters are shown as escapes (only our colour codes reach the terminal).
    ``breaks_at``: mark a joined or split paragraph's break, as ``_wrap`` does."""
    return _wrap(for_output(text), code, RESET, breaks_at=breaks_at)


def render_ansi(ops: Sequence[Op], *, normalize: bool = False) -> str:
    """Terminal redline: strike/underline plus colour, moves in magenta and cyan.

    ``normalize`` should match the ``diff_text`` call: it applies to moves' inner changes.
    """
    out: list[str] = []
    line_start = True
    for style, text, move, inner in _pieces(ops, normalize):
        if style == "equal":
            out.append(for_output(text))
        elif style in ("delete", "insert"):
            out.append(_paint(text, _ANSI[style], breaks_at=line_start))
        elif style == "move-from":
            out.append(f"{_ANSI['tag']}\u2039{move}\u203a{RESET}{_paint(text, _ANSI[style])}")
        else:
            out.append(f"{_ANSI['tag']}\u2039{move}\u203a{RESET}")
            inner_start = line_start
            for op in inner:
                code = _ANSI["move-to"] if op.op == "equal" else _ANSI[op.op]
                out.append(_paint(op.text, code, breaks_at=None if op.op == "equal" else inner_start))
                inner_start = op.text.endswith("\n") if op.text else inner_start
        line_start = text.endswith("\n") if text else line_start
    return "".join(out)


def _json_ops(ops: Sequence[Op]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for op in ops:
        if op.op == "equal" and op.old_text is not None:
            items.append({"op": "delete", "text": op.old_text, "move": None, "normalized": True})
            items.append({"op": "insert", "text": op.text, "move": None, "normalized": True})
        else:
            items.append({"op": op.op, "text": op.text, "move": op.move})
    return items


def ops_to_json(
    ops: Sequence[Op], *, from_label: str, to_label: str, normalize: bool = False
) -> dict[str, Any]:
    """The ``proposals diff --json`` document (its contract is in the README), plus each move's inner ops.

    ``{"from", "to", "ops": [{"op", "text", "move"}], "moves": {"m1": [inner ops]}}``. An equal
    op whose raw forms differ (``old_text`` set: NFC or ``normalize`` folding) is written as a
    deletion of the old form and an insertion of the new, both marked ``"normalized": true``,
    so joining equal+delete texts still gives the old text exactly. ``normalize`` should match
    the ``diff_text`` call (it applies to the moves' inner ops).
    """
    moves = {
        move: _json_ops(diff_text(old, new, moves=False, normalize=normalize))
        for move, (old, new) in moved_texts(ops).items()
    }
    return {"from": from_label, "to": to_label, "ops": _json_ops(ops), "moves": moves}
