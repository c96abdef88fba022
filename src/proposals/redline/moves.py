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
sites: its own edits then sit inside the move rather than beside it. A paragraph or two deleted
or inserted between the two may come along, as plain deletions and insertions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from proposals.redline.ops import Op, new_side, old_side
from proposals.redline.tokens import split

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
        shared: dict[int, int] = {}  # a plain dict: Counter.update checks its argument's type each call
        get = shared.get
        for pair in d.pairs:
            postings = index.get(pair, ())
            budget -= len(postings) + 1
            for i_at in postings:
                shared[i_at] = get(i_at, 0) + 1
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

K_LINES = 3  # lines with something visible that K (what X swapped with) may hold on each side


def _hunks(ops: Sequence[Op], in_change: bool = False, change_next: bool = False) -> int:
    """Change sites, counted as ``bench/bench_diff.py`` counts them: runs of deletions and
    insertions not separated by kept text with something visible in it. For ops that stand
    among others: ``in_change``, a run is open where they start (a change first continues it);
    ``change_next``, a run starts right after them (new unless one is open where they end)."""
    count = 0
    for op in ops:
        if op.op != "equal":
            if not in_change:
                count += 1
            in_change = True
        elif op.text.strip():
            in_change = False
    return count + (change_next and not in_change)


def _change_first(ops: Sequence[Op], indices: Iterable[int]) -> bool:
    """Whether, visiting ``ops`` in the order of ``indices``, a change comes before any kept
    text with something visible."""
    for index in indices:
        op = ops[index]
        if op.op != "equal":
            return True
        if op.text.strip():
            return False
    return False


def _ends_in_change(ops: Sequence[Op]) -> bool:
    """Whether a run of changes is open at the end of ``ops`` (only blank kept text since)."""
    return _change_first(ops, range(len(ops) - 1, -1, -1))


def _change_next(ops: Sequence[Op], at: int) -> bool:
    """Whether a change comes at or after ``ops[at]`` with only blank kept text before it."""
    return _change_first(ops, range(at, len(ops)))


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


def _line_end(ops: Sequence[Op], at: int, side: Side) -> bool:
    """Whether that side's text up to the end of ``ops[at]`` ends a line, or nothing follows it."""
    return _line_start(ops, at + 1, side) or _text_end(ops, at, side)


def _whole_lines(end: Op, starts_line: bool) -> bool:
    """Whether a move end can stand for its paragraph: it starts a line of its side and holds no
    line break before its last character. A move's other end may be a sentence inside a
    paragraph, and swapping roles there would split the paragraph. The end may stop short of its
    line's end, where the diff engine matched the rest of the line against a paragraph of K (a
    deleted one, say, at the same place): the swap then takes the whole line as X."""
    return starts_line and "\n" not in end.text[:-1]


def _lines_at_most(ops: Sequence[Op], limit: int) -> bool:
    """Whether each side of ``ops`` has at most ``limit`` lines with something visible: a cheap
    test that stops at the next such line, since a move's ends usually enclose many paragraphs."""
    for side, skip in (("old", "insert"), ("new", "delete")):
        lines = 0
        visible = False  # whether the current line has something visible
        for op in ops:
            if op.op == skip:
                continue
            text = op.text if side == "new" or op.old_text is None else op.old_text
            if "\n" not in text:  # most ops: no line break, one test
                if not visible and text and not text.isspace():
                    visible = True
                    lines += 1
                    if lines > limit:
                        return False
                continue
            for n, part in enumerate(text.split("\n")):
                if n:
                    visible = False  # a line break came before this part
                if not visible and part and not part.isspace():
                    visible = True
                    lines += 1
                    if lines > limit:
                        return False
    return True


def _other(op: Op) -> Side | None:
    """The side a deletion or insertion leaves untouched (None for kept text: it is on both)."""
    return None if op.op == "equal" else "new" if op.op == "delete" else "old"


def _region_start(ops: Sequence[Op], first: int) -> tuple[int, int] | None:
    """The last point at or before ``ops[first]`` where both sides start a line, as (op index,
    offset in its text); None past another move or many lines back. Only ops whose two sides
    are one text (no ``old_text``) are cut."""
    if _line_start(ops, first, "old") and _line_start(ops, first, "new"):
        return first, 0
    breaks = 0
    for index in range(first - 1, -1, -1):
        op = ops[index]
        if op.move is not None:
            return None
        at = op.text.rfind("\n", 0, len(op.text) - 1)  # the last line break inside it
        other = _other(op)
        if at >= 0 and op.old_text is None and (other is None or _line_start(ops, index, other)):
            return index, at + 1
        if _line_start(ops, index, "old") and _line_start(ops, index, "new"):
            return index, 0
        breaks += op.text.count("\n")
        if breaks > 2 * K_LINES:
            return None
    return 0, 0  # not reached: both sides start a line at the first op


def _region_end(ops: Sequence[Op], last: int) -> tuple[int, int] | None:
    """The first point at or after the end of ``ops[last]`` where both sides end a line (or their
    text), as (op index, how much of its text comes before it); None as for ``_region_start``."""
    if _line_end(ops, last, "old") and _line_end(ops, last, "new"):
        return last, len(ops[last].text)
    breaks = 0
    for index in range(last + 1, len(ops)):
        op = ops[index]
        if op.move is not None:
            return None
        at = op.text.find("\n", 0, len(op.text) - 1)  # the first line break inside it
        other = _other(op)
        if at >= 0 and op.old_text is None and (
                other is None or _line_start(ops, index, other) or _text_end(ops, index, other)):
            return index, at + 1
        if _line_end(ops, index, "old") and _line_end(ops, index, "new"):
            return index, len(op.text)
        breaks += op.text.count("\n")
        if breaks > 2 * K_LINES:
            return None
    return None  # not reached: both sides end at the last op


def _line_links(region: Sequence[Op]) -> set[tuple[int, int]]:
    """(old line, new line) pairs, lines numbered from 0 on each side of ``region``, that share
    kept text with something visible in it."""
    links: set[tuple[int, int]] = set()
    old_line = new_line = 0
    for op in region:
        if op.op == "delete":
            old_line += op.text.count("\n")
        elif op.op == "insert":
            new_line += op.text.count("\n")
        else:
            news = op.text.split("\n")
            olds = news if op.old_text is None else op.old_text.split("\n")
            if len(olds) == len(news):
                links.update((old_line + n, new_line + n) for n, part in enumerate(news) if part.strip())
            else:  # cannot happen with today's normalisation; link every line it touches
                links.update((old_line + o, new_line + n) for o in range(len(olds)) for n in range(len(news)))
            old_line += len(olds) - 1
            new_line += len(news) - 1
    return links


def _wholly_changed(links: set[tuple[int, int]], k_old: dict[int, bool], k_new: dict[int, bool]) -> bool:
    """Whether K's lines other than its paragraph (``k_old``/``k_new``: line number to whether it
    is the paragraph) share no kept text with K's lines on the other side: each is then wholly
    deleted or inserted, but for what the engine matched in X's line (which the swap re-diffs)."""
    return not any(o in k_old and n in k_new and not (k_old[o] and k_new[n]) for o, n in links)


@lru_cache(maxsize=8)  # ``_pairing`` compares each of K's lines with up to K_LINES others
def _words(text: str) -> tuple[_Piece, frozenset[tuple[str, str]]] | None:
    """A paragraph's words and word pairs as ``detect_moves`` compares them (None if too short)."""
    least = MIN_WORDS[False]
    if len(text.split(None, least)) < least:
        return None
    piece = _piece(0, 0, text, 0)
    return (piece, frozenset(pairwise(piece.sequence))) if piece.size >= least else None


def _would_pair(old: str, new: str) -> bool:
    """Whether two paragraphs are alike enough that ``detect_moves`` could have paired them."""
    d, i = _words(old), _words(new)
    if d is None or i is None:
        return False
    (d_piece, d_pairs), (i_piece, i_pairs) = d, i
    if 2 * len(d_pairs & i_pairs) < PAIR_THRESHOLD * (len(d_pairs) + len(i_pairs)):
        return False
    common = sum((d_piece.words() & i_piece.words()).values())
    return 2 * common / (d_piece.size + i_piece.size) >= THRESHOLD


def _pairing(old_lines: list[str], new_lines: list[str], k_old: list[int],
             k_new: list[int]) -> tuple[int, int] | None:
    """The one (old, new) pair of K's visible lines alike enough to be a move, or None if no pair
    or more than one is (each line with at most one partner, so the move is unambiguous)."""
    found: tuple[int, int] | None = None
    for o in k_old:
        if old_lines[o].isspace():
            continue
        for n in k_new:
            if not new_lines[n].isspace() and _would_pair(old_lines[o], new_lines[n]):
                if found is not None:
                    return None
                found = (o, n)
    return found


@dataclass(frozen=True, slots=True)
class _Swap:
    """Move X's two ends around the kept lines K: X and K traded places."""

    up: bool  # X moved up: old is K then X, new is X then K (else old X then K, new K then X)
    x_old: str
    x_new: str
    # K's lines in order, runs of them joined, each with whether it is K's paragraph (the move)
    k_old: tuple[tuple[str, bool], ...]
    k_new: tuple[tuple[str, bool], ...]
    lo: int  # the ops the swap rewrites, ops[lo:hi + 1] ...
    hi: int
    before: Op | None  # ... but for the part of ops[lo] before the region and of ops[hi] after it
    after: Op | None


def _runs(lines: list[str], skip: int, paragraph: int) -> tuple[tuple[str, bool], ...]:
    """``lines`` but ``skip`` (X's line) as runs: ``paragraph`` alone, the lines between joined."""
    out: list[tuple[str, bool]] = []
    for n, line in enumerate(lines):
        if n == skip:
            continue
        if n != paragraph and out and not out[-1][1]:
            out[-1] = (out[-1][0] + line, False)
        else:
            out.append((line, n == paragraph))
    return tuple(out)


def _swap(ops: Sequence[Op], first: int, last: int) -> _Swap | None:
    """The swap ``ops[first:last + 1]`` shows, if X (the ends) is a paragraph on each side, the
    lines between (K) hold at most ``K_LINES`` visible lines on each side, exactly one of K's old
    lines and one of its new lines are alike enough to be a move themselves, and K's other lines
    are wholly deleted or inserted. Where an end stops short of its line's end (the engine
    interleaved the rest with K), the region runs on to where both sides end a line."""
    start, end = ops[first], ops[last]
    if start.op == end.op:
        return None
    # X's first end may stop short of its line's end: then the rest of its line is among the ops.
    kept = ops[first + 1 : last]
    if not _lines_at_most(kept, K_LINES + (not start.text.endswith("\n"))):
        return None
    if any(op.move is not None for op in kept):
        return None
    if not (_whole_lines(start, _line_start(ops, first, "old" if start.op == "delete" else "new"))
            and _whole_lines(end, _line_start(ops, last, "old" if end.op == "delete" else "new"))):
        return None
    head, tail = _region_start(ops, first), _region_end(ops, last)
    if head is None or tail is None:
        return None
    (lo, cut_lo), (hi, cut_hi) = head, tail
    region = list(ops[lo : hi + 1])
    before = after = None
    if cut_lo:
        before, region[0] = Op(ops[lo].op, ops[lo].text[:cut_lo]), Op(ops[lo].op, ops[lo].text[cut_lo:])
    if cut_hi < len(ops[hi].text):
        region[-1], after = Op(ops[hi].op, ops[hi].text[:cut_hi]), Op(ops[hi].op, ops[hi].text[cut_hi:])
    up = start.op == "insert"
    delete_at, insert_at = (last, first) if up else (first, last)
    x_old_at = old_side(region[: delete_at - lo]).count("\n")  # X's line on each side
    x_new_at = new_side(region[: insert_at - lo]).count("\n")
    old_lines, new_lines = _PARAGRAPH.findall(old_side(region)), _PARAGRAPH.findall(new_side(region))
    # X comes first on the side it left and last on the side it went to.
    if (x_new_at, x_old_at) != ((0, len(old_lines) - 1) if up else (len(new_lines) - 1, 0)):
        return None
    k_old = [n for n in range(len(old_lines)) if n != x_old_at]
    k_new = [n for n in range(len(new_lines)) if n != x_new_at]
    if (sum(not old_lines[n].isspace() for n in k_old) > K_LINES
            or sum(not new_lines[n].isspace() for n in k_new) > K_LINES):
        return None
    pair = _pairing(old_lines, new_lines, k_old, k_new)
    if pair is None:
        return None
    if not _wholly_changed(_line_links(region), {n: n == pair[0] for n in k_old},
                           {n: n == pair[1] for n in k_new}):
        return None
    return _Swap(up, old_lines[x_old_at], new_lines[x_new_at], _runs(old_lines, x_old_at, pair[0]),
                 _runs(new_lines, x_new_at, pair[1]), lo, hi, before, after)


def _k_moved(swap: _Swap, move: str, differ: Differ) -> list[Op]:
    """The swap's ops with K's paragraph as the move (its inner edits inside it), K's other lines
    plainly deleted or inserted, and X diffed in place. Blank lines are not part of the move, as
    ``detect_moves`` tags paragraphs, not the blank lines around them."""
    deleted = [Op("delete", text, move if tagged else None) for text, tagged in swap.k_old]
    inserted = [Op("insert", text, move if tagged else None) for text, tagged in swap.k_new]
    x_ops = differ(swap.x_old, swap.x_new)
    body = [*deleted, *x_ops, *inserted] if swap.up else [*inserted, *x_ops, *deleted]
    return [op for op in (swap.before, *body, swap.after) if op is not None]


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
    """Where a moved paragraph X traded places with kept lines K, report K's paragraph as the
    move and diff X in place if that gives fewer change sites (hunks); ties keep ``ops``.

    The diff engine keeps in place the paragraph it anchored on, usually the longer one, and
    ``detect_moves`` tags the other; when the kept one was also edited, its edits show as extra
    hunks. K may also hold a paragraph or two deleted or inserted next to it (``_swap``), which
    stay plain deletions and insertions. ``differ`` diffs X's two texts without moves (passed
    in: ``textdiff`` imports this module). Move ids stay in reading order: each rewrite stays
    within the lines of the ends it replaces, and no other move has an end there.
    """
    if ends is None:  # where each move's first and last op are
        ends = {}
        for index, op in enumerate(ops):
            if op.move is not None:
                ends.setdefault(op.move, [index, index])[1] = index
    found: list[tuple[_Swap, str]] = []
    for move, (first, last) in ends.items():
        swap = _swap(ops, first, last)
        if swap is not None:
            found.append((swap, move))
    if not found:
        return ops
    out: list[Op] = []
    at = 0
    changed = False
    for swap, move in sorted(found, key=lambda f: f[0].lo):
        if swap.lo < at:
            continue  # it cuts an op the region before it cut too: left as it is
        out += ops[at : swap.lo]
        was = ops[swap.lo : swap.hi + 1]
        region = _k_moved(swap, move, differ)
        in_change, change_next = _ends_in_change(out), _change_next(ops, swap.hi + 1)
        if _hunks(region, in_change, change_next) < _hunks(was, in_change, change_next):
            out += region
            changed = True
        else:
            out += was
        at = swap.hi + 1
    if not changed:
        return ops
    out += ops[at:]
    return _join_plain(out)

