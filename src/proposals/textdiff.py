"""Word-level diffs of contract text: tokens in, cleaned-up ops out, moved blocks tagged.

Exactness: ops always rebuild the *raw* inputs (no NFC applied); NFC and the optional folding
are used for matching only. An ``equal`` op whose two sides differ only in such ways carries
the old form in ``old_text`` (see :class:`~proposals.ops.Op`); :func:`old_side` and
:func:`new_side` rebuild the texts. Identical inputs give one equal op; two empty strings give
no ops at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from proposals.cleanup import cleanup_semantic
from proposals.engine import BMP_CAPACITY, DELETE, EQUAL, encode, raw_diff
from proposals.engine import backend as _backend
from proposals.moves import detect_moves
from proposals.ops import Op, new_side, old_side
from proposals.tokens import Granularity, key, split

__all__ = ["Op", "backend", "diff_text", "move_detail", "moved_texts", "new_side", "old_side"]


def backend(engine: str | None = None) -> str:
    """``"fast-diff-match-patch"`` or ``"diff-match-patch"``: the engine diffs will run on."""
    return _backend(engine)


def _equal_ops(old_tokens: Sequence[str], new_tokens: Sequence[str]) -> list[Op]:
    """Equal runs: the new raw text, with ``old_text`` where the raw forms differ."""
    if old_tokens == new_tokens:
        return [Op("equal", "".join(new_tokens))]
    ops: list[Op] = []
    start = 0
    for at in range(1, len(new_tokens) + 1):
        if at == len(new_tokens) or (
            (old_tokens[at] == new_tokens[at]) != (old_tokens[start] == new_tokens[start])
        ):
            new_text = "".join(new_tokens[start:at])
            old_text = "".join(old_tokens[start:at])
            ops.append(Op("equal", new_text, None, None if old_text == new_text else old_text))
            start = at
    return ops


def _token_ops(old_tokens: list[str], new_tokens: list[str], *, normalize: bool,
               engine: str | None, capacity: int) -> list[Op]:
    """Diff two token lists and turn the cleaned-up result back into text ops."""
    old_keys = [key(t, normalize=normalize) for t in old_tokens]
    new_keys = [key(t, normalize=normalize) for t in new_tokens]
    encoded = encode(old_keys, new_keys, capacity=capacity)
    diffs = raw_diff(encoded.old, encoded.new, engine=_backend(engine), astral=encoded.astral)
    diffs = cleanup_semantic(diffs, encoded.keys)
    ops: list[Op] = []
    deleted: list[str] = []
    inserted: list[str] = []
    i = j = 0

    def flush() -> None:
        # Within a hunk, all deletions come before all insertions.
        if deleted:
            ops.append(Op("delete", "".join(deleted)))
            deleted.clear()
        if inserted:
            ops.append(Op("insert", "".join(inserted)))
            inserted.clear()

    for op, codes in diffs:
        n = len(codes)
        if op == EQUAL:
            flush()
            ops.extend(_equal_ops(old_tokens[i : i + n], new_tokens[j : j + n]))
            i, j = i + n, j + n
        elif op == DELETE:
            deleted.extend(old_tokens[i : i + n])
            i += n
        else:
            inserted.extend(new_tokens[j : j + n])
            j += n
    flush()
    return ops


def diff_text(old: str, new: str, *, granularity: Granularity = "word",
              normalize: bool = False, moves: bool = True, engine: str | None = None,
              _capacity: int = BMP_CAPACITY) -> list[Op]:
    """Redline ``old`` against ``new``: equal/delete/insert ops, moved blocks tagged.

    ``granularity`` is ``"word"`` (default), ``"sentence"`` or ``"char"``. ``normalize`` also
    ignores curly-versus-straight quotes, dash variants, no-break spaces and CRLF when matching.
    ``moves=False`` skips move detection. ``engine="python"`` forces pure Python.
    """
    if old == new:
        return [Op("equal", new)] if new else []
    old_tokens = split(old, granularity, normalize=normalize)
    new_tokens = split(new, granularity, normalize=normalize)
    ops = _token_ops(old_tokens, new_tokens, normalize=normalize, engine=engine,
                     capacity=_capacity)
    return detect_moves(ops) if moves else ops


def moved_texts(ops: Sequence[Op]) -> dict[str, tuple[str, str]]:
    """For each move id, the deleted text and the inserted text, in order of the ids."""
    found: dict[str, list[str]] = {}
    for op in ops:
        if op.move is not None and op.op != "equal":
            pair = found.setdefault(op.move, ["", ""])
            pair[0 if op.op == "delete" else 1] += op.text
    return {m: (d, i) for m, (d, i) in found.items()}


def move_detail(ops: Sequence[Op], move: str, *, normalize: bool = False,
                engine: str | None = None) -> list[Op]:
    """The inner word changes of one move: its deleted text against its inserted text."""
    deleted, inserted = moved_texts(ops)[move]
    return diff_text(deleted, inserted, normalize=normalize, moves=False, engine=engine)
