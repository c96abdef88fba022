"""Word-level diffs of contract text: tokens in, cleaned-up ops out, moved blocks tagged.

Exactness: ops always rebuild the *raw* inputs (no NFC applied); NFC and the optional folding
are used for matching only. An ``equal`` op whose two sides differ only in such ways carries
the old form in ``old_text`` (see :class:`~proposals.ops.Op`); :func:`old_side` and
:func:`new_side` rebuild the texts. Identical inputs give one equal op; two empty strings give
no ops at all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial

from proposals.redline.cleanup import boundary_class, cleanup_semantic
from proposals.redline.engine import (
    ANCHOR_MIN_TOKENS,
    BMP_CAPACITY,
    DELETE,
    EQUAL,
    RawDiff,
    anchored_diff,
    encode_tokens,
)
from proposals.redline.engine import backend as _backend
from proposals.redline.moves import detect_moves
from proposals.redline.ops import Op, new_side, old_side, op_from
from proposals.redline.tokens import Granularity, fold, key_function, split, split_space

__all__ = ["Op", "backend", "diff_text", "move_detail", "moved_texts", "new_side", "old_side"]


def backend(engine: str | None = None) -> str:
    """``"fast-diff-match-patch"`` or ``"diff-match-patch"``: the engine diffs will run on."""
    return _backend(engine)


Piece = tuple[str, str, None, str | None]  # (kind, text, move, old_text), turned into an Op at the end


def _add(ops: list[Piece], kind: str, text: str) -> None:
    """Append a plain piece, joined to the last one if that is a plain piece of the same kind."""
    if ops:
        last = ops[-1]
        if last[0] == kind and last[3] is None:
            ops[-1] = (kind, last[1] + text, None, None)
            return
    ops.append((kind, text, None, None))


# Every whitespace character but the line breaks: what ``_common_space`` may factor out.
# (``str.isspace`` over all of Unicode, less CR and LF; a test checks the list.)
_SPACES = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACE_SET = frozenset(_SPACES)


def _common_space(one: str, two: str, direction: int) -> str:
    """The spaces (not line breaks) both strings start (1) or end (-1) with."""
    if direction == 1:
        most = min(len(one) - len(one.lstrip(_SPACES)), len(two) - len(two.lstrip(_SPACES)))
        size = 0
        while size < most and one[size] == two[size]:
            size += 1
        return one[:size]
    most = min(len(one) - len(one.rstrip(_SPACES)), len(two) - len(two.rstrip(_SPACES)))
    size = 0
    while size < most and one[-1 - size] == two[-1 - size]:
        size += 1
    return one[-size:] if size else ""


def _hunk(ops: list[Piece], deleted: str, inserted: str) -> str:
    """Add one hunk's deletion and insertion; return the spaces they shared at the end, which
    the caller keeps as the start of the next equal run.

    Spaces both sides share at the hunk's edges are not changes: "advance[- -]{+. The…, +}"
    reads better as "advance{+. The…,+} ". Only spaces move, so no word is cut.
    """
    if not (deleted and inserted):
        _add(ops, "delete" if deleted else "insert", deleted or inserted)
        return ""
    if deleted[0] == inserted[0]:
        head = _common_space(deleted, inserted, 1)
        if head:
            deleted, inserted = deleted[len(head) :], inserted[len(head) :]
            _add(ops, "equal", head)
    tail = ""
    if deleted and inserted and deleted[-1] == inserted[-1]:
        # The usual case, one shared space after the last word, without the general search.
        if deleted[-1] == " " and not (deleted[-2:-1] in _SPACE_SET and inserted[-2:-1] in _SPACE_SET):
            tail = " "
        else:
            tail = _common_space(deleted, inserted, -1)
        if tail:
            deleted, inserted = deleted[: -len(tail)], inserted[: -len(tail)]
    if deleted:
        _add(ops, "delete", deleted)
        if inserted:  # after a deletion: nothing to join it to
            ops.append(("insert", inserted, None, None))
    elif inserted:
        _add(ops, "insert", inserted)
    return tail


def _starts_hunk(inserted: str) -> bool:
    """Whether a deletion after this pending insertion starts the next hunk: it does, which keeps
    replaced paragraphs apart, one after another, unless all that is pending is a space a kept
    word gained (``the. A`` to ``the A``: ``the[-.-] A``, not ``the{+ +}[-. -]A``)."""
    return bool(inserted) and not (inserted.isspace() and "\n" not in inserted and "\r" not in inserted)


class _Builder:
    """Collects raw pieces into canonical ops: equal runs joined, and within each hunk one
    deletion followed by one insertion.

    At most one of a pending equal run and a pending hunk (deletion and/or insertion) is
    non-empty. ``_token_ops`` runs the same state machine inline for the common pieces; this
    class serves the rare ones (see ``_equal_run``).
    """

    __slots__ = ("deleted", "equal_text", "inserted", "ops")

    def __init__(self, ops: list[Piece], equal_text: str, deleted: str, inserted: str) -> None:
        self.ops, self.equal_text, self.deleted, self.inserted = ops, equal_text, deleted, inserted

    def _flush(self) -> None:
        if self.deleted or self.inserted:
            self.equal_text = _hunk(self.ops, self.deleted, self.inserted)
            self.deleted = self.inserted = ""

    def equal(self, text: str) -> None:
        if text:
            self._flush()
            self.equal_text += text

    def normalized(self, old: str, new: str) -> None:
        """Text that matched but differs in raw form (NFC, or ``normalize`` folding)."""
        self._flush()
        ops = self.ops
        if self.equal_text:
            _add(ops, "equal", self.equal_text)
            self.equal_text = ""
        last = ops[-1] if ops else None
        if last is not None and last[0] == "equal" and last[3] is not None:
            ops[-1] = ("equal", last[1] + new, None, last[3] + old)
        else:
            ops.append(("equal", new, None, old))

    def delete(self, text: str) -> None:
        if text:
            if self.equal_text:
                _add(self.ops, "equal", self.equal_text)
                self.equal_text = ""
            if _starts_hunk(self.inserted):
                self._flush()
            self.deleted += text

    def insert(self, text: str) -> None:
        if text:
            if self.equal_text:
                _add(self.ops, "equal", self.equal_text)
                self.equal_text = ""
            self.inserted += text


def _equal_run(
    builder: _Builder, old_tokens: Sequence[str], new_tokens: Sequence[str], normalize: bool
) -> None:
    """Matched tokens: equal where the raw text agrees; a differing trailing space becomes a
    tiny deletion/insertion (unless ``normalize`` folds them alike); a differing body (NFC,
    folding) an equal op with ``old_text``."""
    same: list[str] = []  # identical tokens, handed over in one piece (no quadratic joins)
    for old, new in zip(old_tokens, new_tokens, strict=True):
        if old == new:
            same.append(new)
            continue
        if same:
            builder.equal("".join(same))
            same.clear()
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
    if same:
        builder.equal("".join(same))


def _token_ops(
    old_text: str,
    new_text: str,
    old_tokens: list[str],
    new_tokens: list[str],
    *,
    normalize: bool,
    engine: str | None,
    capacity: int,
    anchor_min: int,
) -> list[Op]:
    """Diff two texts, cut into these token lists, and turn the cleaned-up result into ops."""
    encoded = encode_tokens(
        old_tokens,
        new_tokens,
        key_function(normalize=normalize, ascii=old_text.isascii() and new_text.isascii()),
        classify=boundary_class,
        capacity=capacity,
    )
    diffs = anchored_diff(
        encoded.old, encoded.new, engine=_backend(engine), astral=encoded.astral, min_tokens=anchor_min,
        unique=encoded.unique,
    )
    return _build_ops(cleanup_semantic(diffs, encoded.keys), old_tokens, new_tokens, normalize)


def _build_ops(
    diffs: RawDiff, old_tokens: list[str], new_tokens: list[str], normalize: bool
) -> list[Op]:
    """The cleaned token diff as ops over the raw tokens.

    ``_Builder``'s state machine, inlined: this loop runs once per piece of a long diff, so
    the two commonest hunks (one side only; a word for a word, both ending in one space) and
    ``_add`` are written out here; every other hunk goes through ``_hunk``.
    """
    ops: list[Piece] = []
    append = ops.append
    equal_text = deleted = inserted = ""
    i = j = 0
    for op, codes in diffs:
        n = len(codes)
        # A run's text is its tokens joined (one token: itself), cheaper than slicing the text
        # at offsets, which would take a running sum over every token of both sides first.
        if op == EQUAL:
            if n == 1:
                text = new_tokens[j]
                same = text == old_tokens[i]
            else:
                run = new_tokens[j : j + n]
                same = run == old_tokens[i : i + n]
                text = "".join(run)
            i += n
            j += n
            if same:
                if not (deleted or inserted):
                    equal_text += text
                    continue
                if not inserted or not deleted:  # ``_hunk`` of one side: ``_add`` it
                    kind, change = ("insert", inserted) if inserted else ("delete", deleted)
                    last = ops[-1] if ops else None
                    if last is not None and last[0] == kind and last[3] is None:
                        ops[-1] = (kind, last[1] + change, None, None)
                    else:
                        append((kind, change, None, None))
                    equal_text = text
                elif (
                    deleted[-1] == " " == inserted[-1]
                    and (deleted[0] != inserted[0] or deleted[0] not in _SPACE_SET)
                    and len(deleted) > 1
                    and len(inserted) > 1
                    and not (deleted[-2] in _SPACE_SET and inserted[-2] in _SPACE_SET)
                ):  # ``_hunk`` of a replacement sharing one trailing space and no leading one
                    last = ops[-1] if ops else None
                    if last is not None and last[0] == "delete" and last[3] is None:
                        ops[-1] = ("delete", last[1] + deleted[:-1], None, None)
                    else:
                        append(("delete", deleted[:-1], None, None))
                    append(("insert", inserted[:-1], None, None))
                    equal_text = " " + text
                else:
                    equal_text = _hunk(ops, deleted, inserted) + text
                deleted = inserted = ""
            else:  # matched, but the raw tokens differ (trailing space, NFC, folding)
                builder = _Builder(ops, equal_text, deleted, inserted)
                _equal_run(builder, old_tokens[i - n : i], new_tokens[j - n : j], normalize)
                equal_text, deleted, inserted = builder.equal_text, builder.deleted, builder.inserted
            continue
        if op == DELETE:
            text = old_tokens[i] if n == 1 else "".join(old_tokens[i : i + n])
            i += n
        else:
            text = new_tokens[j] if n == 1 else "".join(new_tokens[j : j + n])
            j += n
        if not text:
            continue
        if equal_text:  # a change ends the pending equal run: ``_add`` it
            last = ops[-1] if ops else None
            if last is not None and last[0] == "equal" and last[3] is None:
                ops[-1] = ("equal", last[1] + equal_text, None, None)
            else:
                append(("equal", equal_text, None, None))
            equal_text = ""
        if op != DELETE:
            inserted += text
            continue
        if inserted and _starts_hunk(inserted):
            equal_text = _hunk(ops, deleted, inserted)
            deleted = inserted = ""
            if equal_text:
                _add(ops, "equal", equal_text)
                equal_text = ""
        deleted += text
    if deleted or inserted:
        equal_text = _hunk(ops, deleted, inserted)
    if equal_text:
        _add(ops, "equal", equal_text)
    return list(map(op_from, ops))


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
    # Nothing but the ops is alive when the collector resumes: the token lists die with
    # ``_token_ops``'s frame and the op list before moves is replaced, so the collection that
    # resuming sets off (everything made meanwhile counts) walks the ops alone, not also the
    # two token lists, an item each.
    with _collector_paused():
        ops = _token_ops(
            old, new, split(old, granularity, normalize=normalize),
            split(new, granularity, normalize=normalize),
            normalize=normalize, engine=engine, capacity=_capacity, anchor_min=_anchor_min,
        )
        if moves:
            ops = detect_moves(ops, partial(
                diff_text, granularity=granularity, normalize=normalize, moves=False,
                engine=engine, _capacity=_capacity, _anchor_min=_anchor_min))
    return ops


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a diff runs.

    A long redline allocates a few hundred thousand tuples and lists, none in a reference cycle;
    each allocation counts toward a collection that then walks the young token and op lists, a
    twentieth of the diff's time for nothing to collect. Mercurial pauses the collector around
    its large parses the same way (``util.nogc``). Reference counting still frees everything;
    the collector is switched back on only if it was on, so nested diffs and callers that turned
    it off keep their setting.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
