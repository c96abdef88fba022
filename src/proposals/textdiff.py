"""Word-level diffs of contract text: tokens in, cleaned-up ops out, moved blocks tagged.

Exactness: ops always rebuild the *raw* inputs (no NFC applied); NFC and the optional folding
are used for matching only. An ``equal`` op whose two sides differ only in such ways carries
the old form in ``old_text`` (see :class:`~proposals.ops.Op`); :func:`old_side` and
:func:`new_side` rebuild the texts. Identical inputs give one equal op; two empty strings give
no ops at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from proposals.cleanup import boundary_class, cleanup_semantic
from proposals.engine import ANCHOR_MIN_TOKENS, BMP_CAPACITY, DELETE, EQUAL, anchored_diff, encode
from proposals.engine import backend as _backend
from proposals.moves import detect_moves
from proposals.ops import Op, new_side, old_side
from proposals.tokens import Granularity, fold, key, split, split_space

__all__ = ["Op", "backend", "diff_text", "move_detail", "moved_texts", "new_side", "old_side"]


def backend(engine: str | None = None) -> str:
    """``"fast-diff-match-patch"`` or ``"diff-match-patch"``: the engine diffs will run on."""
    return _backend(engine)


class _Builder:
    """Collects raw pieces into canonical ops: equal runs joined, and within each hunk one
    deletion followed by one insertion."""

    def __init__(self) -> None:
        self.ops: list[Op] = []
        self._equal: list[str] = []
        self._deleted: list[str] = []
        self._inserted: list[str] = []

    def _flush_hunk(self) -> None:
        deleted, inserted = "".join(self._deleted), "".join(self._inserted)
        self._deleted.clear()
        self._inserted.clear()
        # Spaces both sides share at the hunk's edges are not changes: "advance[- -]{+. The…, +}"
        # reads better as "advance{+. The…,+} ". Only spaces move, so no word is cut.
        head = tail = ""
        if deleted and inserted:
            if deleted[0] == inserted[0]:
                head = _common_space(deleted, inserted, 1)
                deleted, inserted = deleted[len(head) :], inserted[len(head) :]
            if deleted and inserted and deleted[-1] == inserted[-1]:
                tail = _common_space(deleted, inserted, -1)
                if tail:
                    deleted, inserted = deleted[: -len(tail)], inserted[: -len(tail)]
        if head:
            last = self.ops[-1] if self.ops else None
            if last is not None and last.op == "equal" and last.old_text is None:
                self.ops[-1] = Op("equal", last.text + head)
            else:
                self.ops.append(Op("equal", head))
        if deleted:
            self.ops.append(Op("delete", deleted))
        if inserted:
            self.ops.append(Op("insert", inserted))
        if tail:  # straight to the ops: a deletion may already be waiting to follow it
            self.ops.append(Op("equal", tail))

    def _flush_equal(self) -> None:
        if self._equal:
            last = self.ops[-1] if self.ops else None
            if last is not None and last.op == "equal" and last.old_text is None:
                self._equal.insert(0, self.ops.pop().text)
            self.ops.append(Op("equal", "".join(self._equal)))
            self._equal.clear()

    def equal(self, text: str) -> None:
        if text:
            self._flush_hunk()
            self._equal.append(text)

    def normalized(self, old: str, new: str) -> None:
        """Text that matched but differs in raw form (NFC, or ``normalize`` folding)."""
        self._flush_hunk()
        self._flush_equal()
        last = self.ops[-1] if self.ops else None
        if last is not None and last.op == "equal" and last.old_text is not None:
            self.ops[-1] = Op("equal", last.text + new, None, last.old_text + old)
        else:
            self.ops.append(Op("equal", new, None, old))

    def delete(self, text: str) -> None:
        if text:
            self._flush_equal()
            if self._inserted:  # a deletion after an insertion starts the next hunk, which
                self._flush_hunk()  # keeps whole replaced paragraphs apart, one after another
            self._deleted.append(text)

    def insert(self, text: str) -> None:
        if text:
            self._flush_equal()
            self._inserted.append(text)

    def finish(self) -> list[Op]:
        self._flush_hunk()
        self._flush_equal()
        # Factoring shared spaces out of a hunk can leave two runs of one kind side by side.
        out: list[Op] = []
        for op in self.ops:
            last = out[-1] if out else None
            if last is not None and last.op == op.op and last.old_text is None is op.old_text:
                out[-1] = Op(op.op, last.text + op.text)
            else:
                out.append(op)
        return out


def _common_space(one: str, two: str, direction: int) -> str:
    """The spaces (not line breaks) both strings start (1) or end (-1) with."""
    size = 0
    limit = min(len(one), len(two))
    while size < limit:
        at = size if direction == 1 else -1 - size
        if one[at] != two[at] or not one[at].isspace() or one[at] in "\r\n":
            break
        size += 1
    if not size:
        return ""
    return one[:size] if direction == 1 else one[-size:]


def _equal_run(
    builder: _Builder, old_tokens: Sequence[str], new_tokens: Sequence[str], normalize: bool
) -> None:
    """Matched tokens: equal where the raw text agrees; a differing trailing space becomes a
    tiny deletion/insertion (unless ``normalize`` folds them alike); a differing body (NFC,
    folding) an equal op with ``old_text``."""
    if old_tokens == new_tokens:
        builder.equal("".join(new_tokens))
        return
    for old, new in zip(old_tokens, new_tokens, strict=True):
        if old == new:
            builder.equal(new)
            continue
        old_body, old_space = split_space(old)
        new_body, new_space = split_space(new)
        if old_body == new_body:
            builder.equal(new_body)
        else:
            builder.normalized(old_body, new_body)
        if old_space == new_space:
            builder.equal(new_space)
        elif normalize and fold(old_space) == fold(new_space):
            builder.normalized(old_space, new_space)
        else:
            builder.delete(old_space)
            builder.insert(new_space)


def _token_ops(
    old_tokens: list[str],
    new_tokens: list[str],
    *,
    normalize: bool,
    engine: str | None,
    capacity: int,
    anchor_min: int,
) -> list[Op]:
    """Diff two token lists and turn the cleaned-up result back into text ops."""
    keys = {t: key(t, normalize=normalize) for t in {*old_tokens, *new_tokens}}
    old_keys = [keys[t] for t in old_tokens]
    new_keys = [keys[t] for t in new_tokens]
    encoded = encode(old_keys, new_keys, classify=boundary_class, capacity=capacity)
    diffs = anchored_diff(
        encoded.old, encoded.new, engine=_backend(engine), astral=encoded.astral, min_tokens=anchor_min
    )
    diffs = cleanup_semantic(diffs, encoded.keys)
    builder = _Builder()
    i = j = 0
    for op, codes in diffs:
        n = len(codes)
        if op == EQUAL:
            _equal_run(builder, old_tokens[i : i + n], new_tokens[j : j + n], normalize)
            i, j = i + n, j + n
        elif op == DELETE:
            builder.delete("".join(old_tokens[i : i + n]))
            i += n
        else:
            builder.insert("".join(new_tokens[j : j + n]))
            j += n
    return builder.finish()


def diff_text(
    old: str,
    new: str,
    *,
    granularity: Granularity = "word",
    normalize: bool = False,
    moves: bool = True,
    engine: str | None = None,
    _capacity: int = BMP_CAPACITY,
    _anchor_min: int = ANCHOR_MIN_TOKENS,
) -> list[Op]:
    """Redline ``old`` against ``new``: equal/delete/insert ops, moved blocks tagged.

    ``granularity`` is ``"word"`` (default), ``"sentence"`` or ``"char"``. ``normalize`` also
    ignores curly-versus-straight quotes, dash variants, no-break spaces and CRLF when matching.
    ``moves=False`` skips move detection. ``engine="python"`` forces pure Python.
    Raises ``ValueError`` for an unknown granularity.
    """
    if granularity not in ("word", "sentence", "char"):
        raise ValueError(f"unknown granularity {granularity!r}: use word, sentence or char")
    if old == new:
        return [Op("equal", new)] if new else []
    old_tokens = split(old, granularity, normalize=normalize)
    new_tokens = split(new, granularity, normalize=normalize)
    ops = _token_ops(
        old_tokens, new_tokens, normalize=normalize, engine=engine, capacity=_capacity, anchor_min=_anchor_min
    )
    return detect_moves(ops) if moves else ops


def moved_texts(ops: Sequence[Op]) -> dict[str, tuple[str, str]]:
    """For each move id, the deleted text and the inserted text, in order of the ids."""
    found: dict[str, list[str]] = {}
    for op in ops:
        if op.move is not None and op.op != "equal":
            pair = found.setdefault(op.move, ["", ""])
            pair[0 if op.op == "delete" else 1] += op.text
    return {m: (d, i) for m, (d, i) in found.items()}


def move_detail(
    ops: Sequence[Op], move: str, *, normalize: bool = False, engine: str | None = None
) -> list[Op]:
    """The inner word changes of one move: its deleted text against its inserted text."""
    deleted, inserted = moved_texts(ops)[move]
    return diff_text(deleted, inserted, normalize=normalize, moves=False, engine=engine)
