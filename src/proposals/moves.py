"""Find moved language: a deleted block and an inserted block elsewhere that are mostly the same.

No diff algorithm reports moves: a moved paragraph comes out as a deletion in one place and an
insertion in another. This post-pass cuts deletions and insertions into paragraphs (then
sentences), pairs pieces whose word multisets are at least ``THRESHOLD`` similar (Dice
coefficient) and lie in different hunks, and tags each pair with a shared move id. Legal prose
reuses a small vocabulary ("the Employer shall"), so two unrelated paragraphs can share most
of their words; they must also share ``PAIR_THRESHOLD`` of their distinct word *pairs*, which
a lightly edited block keeps (one edit breaks two pairs) and an unrelated one does not.

Candidates are found through an index of word pairs, and the work is capped (``BUDGET``) so
that diffing two unrelated 50-page texts, where everything is deleted and inserted, stays
fast; past the cap the remaining (smaller) pieces are not considered for moves. The ops
still rebuild both texts exactly; the inner word changes of a pair come from diffing its two
texts (see ``redline.move_detail``).

When two paragraphs swap places either one could be "the" move; the diff keeps the longer one
in place. ``swap_moves`` reports the kept one as the move instead where that shows fewer change
sites: its own edits then sit inside the move rather than beside it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from proposals.ops import Op, OpKind, new_side, old_side
from proposals.tokens import split

THRESHOLD = 0.6  # Dice similarity of word multisets for a deletion and insertion to pair
PAIR_THRESHOLD = 0.5  # Dice similarity of their sets of word pairs (bigrams)
BUDGET = 200_000  # index look-ups per detection, largest pieces first
# Shorter pieces pair by coincidence too easily ("the Employer shall"); a paragraph-sized piece
# ("Overtime is voluntary.") is more telling than a sentence-sized one, so it may be shorter.
MIN_WORDS = {False: 3, True: 5}

_PARAGRAPH = re.compile(r"[^\n]*\n|[^\n]+")
_SENTENCE_END_CHAR = re.compile("[.!?\u3002\uff01\uff1f]")  # what tokens.split can end a sentence on
# Words for the similarity measure: punctuation trimmed, case folded (cheaper than tokenising).
_WORD = re.compile(r"[^\W_](?:[\w.,'\u2019\-/:]*\w)?")


@dataclass(slots=True)
class _Piece:
    index: int  # which op
    start: int  # offsets in the op's text
    end: int
    hunk: int
    sequence: list[str]  # its words, case folded
    pairs: frozenset[tuple[str, str]] = frozenset()
    _words: Counter[str] | None = None

    @property
    def size(self) -> int:
        return len(self.sequence)

    def words(self) -> Counter[str]:
        """The word multiset, counted only for the few pieces whose word pairs match."""
        if self._words is None:
            self._words = Counter(self.sequence)
        return self._words


def _piece(index: int, start: int, text: str, hunk: int) -> _Piece:
    # For ASCII, casefold is lower and changes no word boundary: one call for the whole text.
    sequence = (_WORD.findall(text.lower()) if text.isascii()
                else [w.casefold() for w in _WORD.findall(text)])
    return _Piece(index, start, start + len(text), hunk, sequence)


def _candidates(ops: Sequence[Op]) -> tuple[int, dict[str, list[tuple[int, Op, int]]]]:
    """One sweep over the ops: how many are edits, and each deletion and insertion long enough
    to hold a move, with its hunk number (edits separated only by whitespace share a hunk)."""
    edits = 0
    found: dict[str, list[tuple[int, Op, int]]] = {"delete": [], "insert": []}
    hunk = 0
    least = MIN_WORDS[False]
    for index, op in enumerate(ops):
        kind, text = op[0], op[1]
        if kind == "equal":
            if text and not text.isspace():
                hunk += 1
            continue
        edits += 1
        # Most edits are a word or two: skip them before any real work (three words separated
        # by spaces take at least five characters).
        if len(text) >= 5 and len(text.split(None, least)) >= least:
            found[kind].append((index, op, hunk))
    return edits, found


def _pair(deleted: list[_Piece], inserted: list[_Piece]) -> list[tuple[_Piece, _Piece]]:
    """Greedily pair the most similar pieces first; each piece joins at most one pair."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i_at, piece in enumerate(inserted):
        for pair in piece.pairs:
            index[pair].append(i_at)
    candidates: list[tuple[float, int, int, int]] = []
    budget = BUDGET
    for d_at in sorted(range(len(deleted)), key=lambda k: (-deleted[k].size, k)):
        d = deleted[d_at]
        shared: Counter[int] = Counter()
        for pair in d.pairs:
            postings = index.get(pair, ())
            budget -= len(postings) + 1
            shared.update(postings)
        for i_at, common_pairs in shared.items():
            i = inserted[i_at]
            if d.hunk == i.hunk:
                continue
            if 2 * common_pairs < PAIR_THRESHOLD * (len(d.pairs) + len(i.pairs)):
                continue
            common = sum((d.words() & i.words()).values())
            similarity = 2 * common / (d.size + i.size)
            if similarity >= THRESHOLD:
                candidates.append((-similarity, -(d.size + i.size), d_at, i_at))
        if budget < 0:
            break
    candidates.sort()
    used_d: set[int] = set()
    used_i: set[int] = set()
    pairs: list[tuple[_Piece, _Piece]] = []
    for _, _, d_at, i_at in candidates:
        if d_at not in used_d and i_at not in used_i:
            used_d.add(d_at)
            used_i.add(i_at)
            pairs.append((deleted[d_at], inserted[i_at]))
    return pairs


def _sentences(paragraph: str) -> list[str]:
    """``tokens.split(paragraph, "sentence")``, without tokenising the many short edits that
    hold no sentence end at all (then the line is one sentence, and its line break another)."""
    if _SENTENCE_END_CHAR.search(paragraph):
        return split(paragraph, "sentence")
    size = 2 if paragraph.endswith("\r\n") else 1 if paragraph.endswith("\n") else 0
    if not size:
        return [paragraph] if paragraph else []
    return [paragraph[:-size], paragraph[-size:]] if len(paragraph) > size else [paragraph]


def _pieces(candidates: list[tuple[int, Op, int]], sentences: bool,
            taken: dict[int, list[tuple[int, int]]]) -> list[_Piece]:
    """Cut each candidate op into paragraphs (or sentences), skipping parts already paired."""
    out: list[_Piece] = []
    for index, op, hunk in candidates:
        for match in _PARAGRAPH.finditer(op.text):
            start, end = match.span()
            if len(match.group().split(None, MIN_WORDS[sentences])) < MIN_WORDS[sentences]:
                continue
            if any((s < end and start < e) if not sentences else (s <= start and end <= e)
                   for s, e in taken.get(index, ())):
                continue  # a paragraph paired already, or (sentences) wholly inside one
            parts = _sentences(match.group()) if sentences else [match.group()]
            offset = start
            for part in parts:
                p_start, offset = offset, offset + len(part)
                if sentences and any(s < offset and p_start < e
                                     for s, e in taken.get(index, ())):
                    continue
                if part.strip():
                    piece = _piece(index, p_start, part, hunk)
                    if piece.size >= MIN_WORDS[sentences]:
                        piece.pairs = frozenset(pairwise(piece.sequence))
                        out.append(piece)
    return out


def detect_moves(ops: list[Op], differ: Differ | None = None) -> list[Op]:
    """Tag moved blocks in ``ops`` (which carry no moves yet) and return the new op list.

    With ``differ`` (two texts to ops, no moves), a moved paragraph that only traded places
    with its neighbour is then re-checked by ``swap_moves``.
    """
    edits, candidates = _candidates(ops)
    if edits < 2:
        return ops
    taken: dict[int, list[tuple[int, int]]] = {}
    pairs: list[tuple[_Piece, _Piece]] = []
    for sentences in (False, True):
        deleted = _pieces(candidates["delete"], sentences, taken)
        inserted = _pieces(candidates["insert"], sentences, taken)
        if not deleted or not inserted:
            continue
        for d, i in _pair(deleted, inserted):
            pairs.append((d, i))
            taken.setdefault(d.index, []).append((d.start, d.end))
            taken.setdefault(i.index, []).append((i.start, i.end))
    if not pairs:
        return ops
    # Name moves in reading order of whichever end comes first in the op list.
    firsts = sorted(range(len(pairs)),
                    key=lambda n: min((pairs[n][0].index, pairs[n][0].start),
                                      (pairs[n][1].index, pairs[n][1].start)))
    names = {n: f"m{rank + 1}" for rank, n in enumerate(firsts)}
    cuts: dict[int, list[tuple[int, int, str]]] = {}
    for n, (d, i) in enumerate(pairs):
        cuts.setdefault(d.index, []).append((d.start, d.end, names[n]))
        cuts.setdefault(i.index, []).append((i.start, i.end, names[n]))
    out: list[Op] = []
    ends: dict[str, list[int]] = {}  # move id -> indices in ``out`` of its first and last op
    done = 0  # ops before this index are in ``out``; those between cuts are copied wholesale
    for index in sorted(cuts):
        out.extend(ops[done:index])
        done = index + 1
        op = ops[index]
        at = 0
        for start, end, name in sorted(cuts[index]):
            if start > at:
                out.append(Op(op.op, op.text[at:start]))
            ends.setdefault(name, [len(out), len(out)])[1] = len(out)
            out.append(Op(op.op, op.text[start:end], name))
            at = end
        if at < len(op.text):
            out.append(Op(op.op, op.text[at:]))
    out.extend(ops[done:])
    return out if differ is None else swap_moves(out, differ, ends)


# --- swapped paragraphs: move the one whose move leaves the fewest change sites -------------------

Differ = Callable[[str, str], list[Op]]  # diffs two texts without looking for moves
Side = Literal["old", "new"]


def _hunks(ops: Sequence[Op]) -> int:
    """Change sites, counted as ``bench/bench_diff.py`` counts them: runs of deletions and
    insertions not separated by kept text with something visible in it."""
    count = 0
    in_change = False
    for op in ops:
        if op.op != "equal":
            if not in_change:
                count += 1
            in_change = True
        elif op.text.strip():
            in_change = False
    return count


def _side(op: Op, side: Side) -> str:
    """What ``op`` contributes to the old or the new text ("" if nothing)."""
    if side == "old":
        return "" if op.op == "insert" else (op.text if op.old_text is None else op.old_text)
    return "" if op.op == "delete" else op.text


def _line_start(ops: Sequence[Op], at: int, side: Side) -> bool:
    """Whether ``ops[at]`` begins a line on that side (the text before it ends a line or is empty)."""
    for index in range(at - 1, -1, -1):
        text = _side(ops[index], side)
        if text:
            return text.endswith("\n")
    return True


def _text_end(ops: Sequence[Op], at: int, side: Side) -> bool:
    """Whether nothing follows ``ops[at]`` on that side."""
    return not any(_side(ops[index], side) for index in range(at + 1, len(ops)))


def _whole_lines(pieces: Sequence[str], starts_line: bool, at_end: bool) -> bool:
    """Whether consecutive ``pieces`` of one side are each whole lines: a move's other end may
    be a sentence inside a paragraph, and swapping roles there would split the paragraph."""
    return (starts_line and all(piece.endswith("\n") for piece in pieces[:-1])
            and (pieces[-1].endswith("\n") or at_end))


def _one_paragraph(text: str) -> tuple[str, str, str] | None:
    """``text`` as (blank lines before, its one paragraph, blank lines after), or None unless
    exactly one of its lines has something visible."""
    lines = _PARAGRAPH.findall(text)
    visible = [n for n, line in enumerate(lines) if not line.isspace()]
    if len(visible) != 1:
        return None
    n = visible[0]
    return "".join(lines[:n]), lines[n], "".join(lines[n + 1 :])


def _one_paragraph_at_most(ops: Sequence[Op]) -> bool:
    """Whether each side of ``ops`` has at most one line with something visible: a cheap test
    that stops at the second such line, since a move's ends usually enclose many paragraphs."""
    for side in ("old", "new"):
        lines = 0
        visible = False  # whether the current line has something visible
        for op in ops:
            text = _side(op, side)
            for n, part in enumerate(text.split("\n")):
                if n:
                    visible = False  # a line break came before this part
                if not visible and part and not part.isspace():
                    visible = True
                    lines += 1
                    if lines > 1:
                        return False
    return True


def _would_pair(old: str, new: str) -> bool:
    """Whether two paragraphs are alike enough that ``detect_moves`` could have paired them."""
    least = MIN_WORDS[False]
    if len(old.split(None, least)) < least or len(new.split(None, least)) < least:
        return False
    d, i = _piece(0, 0, old, 0), _piece(0, 0, new, 0)
    if d.size < least or i.size < least:
        return False
    d_pairs, i_pairs = frozenset(pairwise(d.sequence)), frozenset(pairwise(i.sequence))
    if 2 * len(d_pairs & i_pairs) < PAIR_THRESHOLD * (len(d_pairs) + len(i_pairs)):
        return False
    return 2 * sum((d.words() & i.words()).values()) / (d.size + i.size) >= THRESHOLD


@dataclass(frozen=True, slots=True)
class _Swap:
    """Move X's two ends around one kept paragraph K: X and K traded places."""

    up: bool  # X moved up: old is K then X, new is X then K (else old X then K, new K then X)
    x_old: str
    x_new: str
    k_old: tuple[str, str, str]  # blank lines before, the paragraph, blank lines after
    k_new: tuple[str, str, str]


def _swap(ops: Sequence[Op], first: int, last: int) -> _Swap | None:
    """The swap ``ops[first:last + 1]`` shows, if X (the ends) and K (the ops between) are
    whole paragraphs, K is one paragraph on each side, and K's two versions are alike enough to
    be a move themselves."""
    start, end = ops[first], ops[last]
    kept = ops[first + 1 : last]
    if start.op == end.op or not _one_paragraph_at_most(kept):
        return None
    if any(op.move is not None for op in kept):
        return None
    k_new = new_side(kept)
    new_k = _one_paragraph(k_new)
    if new_k is None:  # most often the ends enclose many paragraphs: skip the old side's work
        return None
    k_old = old_side(kept)
    old_k = _one_paragraph(k_old)
    if old_k is None:
        return None
    up = start.op == "insert"
    x_old, x_new = (end.text, start.text) if up else (start.text, end.text)
    old_pieces, new_pieces = ((k_old, x_old), (x_new, k_new)) if up else ((x_old, k_old), (k_new, x_new))
    if not (_whole_lines(old_pieces, _line_start(ops, first, "old"), _text_end(ops, last, "old"))
            and _whole_lines(new_pieces, _line_start(ops, first, "new"), _text_end(ops, last, "new"))):
        return None
    if not _would_pair(old_k[1], new_k[1]):
        return None
    return _Swap(up, x_old, x_new, old_k, new_k)


def _tagged(kind: OpKind, parts: tuple[str, str, str], move: str) -> list[Op]:
    """A paragraph with blank lines around it (``_one_paragraph``) as ops of one kind; only the
    paragraph carries the move id, as ``detect_moves`` tags paragraphs, not the blank lines."""
    return [Op(kind, piece, move if n == 1 else None) for n, piece in enumerate(parts) if piece]


def _k_moved(swap: _Swap, move: str, differ: Differ) -> list[Op]:
    """The swap's ops with K as the move (its inner edits inside it) and X diffed in place."""
    deleted, inserted = _tagged("delete", swap.k_old, move), _tagged("insert", swap.k_new, move)
    x_ops = differ(swap.x_old, swap.x_new)
    return [*deleted, *x_ops, *inserted] if swap.up else [*inserted, *x_ops, *deleted]


def _join_plain(ops: Sequence[Op]) -> list[Op]:
    """Adjacent plain ops of one kind (no move, no ``old_text``) joined, as ``textdiff`` leaves them."""
    out: list[Op] = []
    for op in ops:
        if out and op.move is None and op.old_text is None:
            last = out[-1]
            if last.op == op.op and last.move is None and last.old_text is None:
                out[-1] = Op(op.op, last.text + op.text)
                continue
        out.append(op)
    return out


def swap_moves(ops: list[Op], differ: Differ, ends: dict[str, list[int]] | None = None) -> list[Op]:
    """Where a moved paragraph X traded places with a kept paragraph K, report K as the move
    and diff X in place if that gives fewer change sites (hunks); ties keep ``ops``.

    The diff engine keeps in place the paragraph it anchored on, usually the longer one, and
    ``detect_moves`` tags the other; when the kept one was also edited, its edits show as extra
    hunks. ``differ`` diffs
    X's two texts without moves (passed in: ``textdiff`` imports this module). Move ids stay in
    reading order: each rewrite stays between the ends it replaces, and no other move has an end
    there.
    """
    if ends is None:  # where each move's first and last op are
        ends = {}
        for index, op in enumerate(ops):
            if op.move is not None:
                ends.setdefault(op.move, [index, index])[1] = index
    replaced: list[tuple[int, int, list[Op]]] = []
    for move, (first, last) in ends.items():
        swap = _swap(ops, first, last)
        if swap is None:
            continue
        region = _k_moved(swap, move, differ)
        # Both versions start and end with a change, so the region's hunks compare the whole.
        if _hunks(region) < _hunks(ops[first : last + 1]):
            replaced.append((first, last, region))
    if not replaced:
        return ops
    out: list[Op] = []
    at = 0
    for first, last, region in sorted(replaced, key=lambda r: r[0]):
        out += ops[at:first]
        out += region
        at = last + 1
    out += ops[at:]
    return _join_plain(out)
