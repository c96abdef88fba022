"""Side-by-side rows: old and new paragraphs aligned for the TUI and the Word export.

Alignment comes from the whole-article word diff, not from a paragraph-first diff (which pairs
the wrong paragraphs when one is inserted or moved): every stretch of equal text links the old
paragraph it sits in to the new one, and the heaviest chain of links that is increasing on both
sides decides which paragraphs face each other. The rest are one-sided rows; a paragraph that is
wholly one move's deletion or insertion becomes a ``move`` row on that side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from proposals.contract.part import paragraphs
from proposals.redline.ops import Op, new_side, old_side
from proposals.redline.textdiff import diff_text, moved_texts

RowKind = Literal["equal", "change", "delete", "insert", "move"]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a side-by-side view: an old paragraph, a new one, or a facing pair.

    ``ops`` are the word ops within the pair (all equal for ``equal``). A moved paragraph gives
    two ``move`` rows with the same ``move`` id: at its old place (``new`` is None, one delete
    op) and at its new place (``old`` is the text it was moved from, ops its inner changes).
    """

    kind: RowKind
    old: str | None
    new: str | None
    ops: tuple[Op, ...]
    move: str | None = None


def _strip_cr(text: str) -> str:
    return text[:-1] if text.endswith("\r") else text


@dataclass(slots=True)
class _Walk:
    """What the op stream says about each paragraph."""

    links: dict[tuple[int, int], int]
    old_pieces: dict[int, list[tuple[int, Op]]]
    new_pieces: dict[int, list[tuple[int, Op]]]
    pair_pieces: dict[tuple[int, int], list[tuple[int, Op]]]
    old_kept: set[int]  # paragraphs with some non-blank equal text
    new_kept: set[int]


def _walk(ops: list[Op]) -> _Walk:
    """Cut the ops at line breaks and file each piece under its paragraph(s)."""
    walk = _Walk(defaultdict(int), defaultdict(list), defaultdict(list), defaultdict(list), set(), set())
    o = n = 0
    for seq, op in enumerate(ops):
        segments = op.text.split("\n")
        olds = op.old_text.split("\n") if op.old_text is not None else segments
        last = len(segments) - 1
        for k, segment in enumerate(segments):
            breaks = k < last
            text = _strip_cr(segment) if breaks else segment
            if op.op == "equal":
                old = _strip_cr(olds[k]) if breaks else olds[k]
                piece = Op("equal", text, None, None if old == text else old)
                weight = len(text.strip()) + (1 if breaks else 0)
                if weight:
                    walk.links[(o, n)] += weight
                if text.strip():
                    walk.old_kept.add(o)
                    walk.new_kept.add(n)
                if text or old:
                    walk.pair_pieces[(o, n)].append((seq, piece))
                if breaks:
                    o, n = o + 1, n + 1
            elif op.op == "delete":
                if text:
                    walk.old_pieces[o].append((seq, Op("delete", text, op.move)))
                o += breaks
            else:
                if text:
                    walk.new_pieces[n].append((seq, Op("insert", text, op.move)))
                n += breaks
    return walk


def _match(links: dict[tuple[int, int], int]) -> list[tuple[int, int]]:
    """Heaviest set of links increasing in both paragraph numbers (links arrive monotone)."""
    items = sorted(links.items())
    # Links are monotone in both coordinates, so a link conflicts exactly with those sharing its
    # old or its new paragraph, which sit in contiguous runs: a linear DP suffices.
    first_o: dict[int, int] = {}
    first_n: dict[int, int] = {}
    for t, ((o, n), _) in enumerate(items):
        first_o.setdefault(o, t)
        first_n.setdefault(n, t)
    best: list[int] = []
    back: list[int] = []
    prefix_best: list[tuple[int, int]] = []  # (best score among items[:t+1], its index)
    for t, ((o, n), weight) in enumerate(items):
        limit = min(first_o[o], first_n[n]) - 1
        before, at = prefix_best[limit] if limit >= 0 else (0, -1)
        best.append(before + weight)
        back.append(at)
        top = prefix_best[-1] if prefix_best else (0, -1)
        prefix_best.append((best[t], t) if best[t] > top[0] else top)
    chain: list[tuple[int, int]] = []
    t = prefix_best[-1][1] if prefix_best else -1
    while t >= 0:
        chain.append(items[t][0])
        t = back[t]
    return chain[::-1]


def _only_move(pieces: list[tuple[int, Op]]) -> str | None:
    """The move id if every piece of a one-sided paragraph belongs to the same move."""
    moves = {op.move for _, op in pieces if op.text.strip()}
    return moves.pop() if len(moves) == 1 and None not in moves else None


def align_rows(old: str, new: str, *, normalize: bool = False, engine: str | None = None) -> list[Row]:
    """Side-by-side rows in reading order, one per paragraph or facing pair of paragraphs."""
    ops = diff_text(old, new, normalize=normalize, engine=engine)
    old_paras, new_paras = paragraphs(old), paragraphs(new)
    walk = _walk(ops)
    moved = moved_texts(ops)
    rows: list[Row] = []

    def one_sided(side: str, index: int) -> Row:
        if side == "old":
            text = old_paras[index]
            move = _only_move(walk.old_pieces.get(index, []))
            if move is not None and index not in walk.old_kept:
                return Row("move", text, None, (Op("delete", text, move),), move)
            return Row("delete", text, None, (Op("delete", text),) if text else ())
        text = new_paras[index]
        move = _only_move(walk.new_pieces.get(index, []))
        if move is not None and index not in walk.new_kept:
            source = moved[move][0].rstrip("\r\n")
            inner = diff_text(source, text, normalize=normalize, moves=False, engine=engine)
            return Row("move", source, text, tuple(inner), move)
        return Row("insert", None, text, (Op("insert", text),) if text else ())

    def facing(o: int, n: int) -> Row:
        old_p, new_p = old_paras[o], new_paras[n]
        pieces = sorted(
            walk.old_pieces.get(o, []) + walk.new_pieces.get(n, []) + walk.pair_pieces.get((o, n), []),
            key=lambda item: item[0],
        )
        row_ops = [op for _, op in pieces]
        if old_side(row_ops) != old_p or new_side(row_ops) != new_p:
            # The pair's text is spread over other paragraphs too (a split or a merge).
            row_ops = diff_text(old_p, new_p, normalize=normalize, engine=engine)
        kind: RowKind = "equal" if all(op.op == "equal" for op in row_ops) else "change"
        return Row(kind, old_p, new_p, tuple(row_ops))

    po = pn = 0
    for o, n in [*_match(walk.links), (len(old_paras), len(new_paras))]:
        rows.extend(one_sided("old", k) for k in range(po, min(o, len(old_paras))))
        rows.extend(one_sided("new", k) for k in range(pn, min(n, len(new_paras))))
        if o < len(old_paras) and n < len(new_paras):
            rows.append(facing(o, n))
        po, pn = o + 1, n + 1
    return rows
