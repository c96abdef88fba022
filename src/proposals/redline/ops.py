"""The unit of a redline: one run of equal, deleted or inserted text."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Literal, NamedTuple

OpKind = Literal["equal", "delete", "insert"]


class Op(NamedTuple):
    """A run of text that is kept, deleted or inserted.

    ``move`` is an id (``"m1"``) shared by a moved block's deletion and its insertion.
    ``old_text`` is set only on an ``equal`` op whose old raw text differs from ``text`` (the new
    raw text) in ways matching ignores: Unicode normal form, or with ``normalize=True`` curly
    quotes, dashes, no-break spaces and CRLF. Use :func:`old_side`/:func:`new_side` to rebuild.

    A named tuple because a long redline makes tens of thousands of ops: it is the cheapest
    immutable record to build (see ``op_from``), half the cost of a slotted dataclass.
    """

    op: OpKind
    text: str
    move: str | None = None
    old_text: str | None = None


# Builds an Op from a 4-tuple (kind, text, move, old_text) at C speed: ``map(op_from, pieces)``.
op_from = partial(tuple.__new__, Op)


def old_side(ops: Iterable[Op]) -> str:
    """The old text the ops were made from, exactly (equal and delete runs)."""
    return "".join((op.old_text if op.old_text is not None else op.text) for op in ops if op.op != "insert")


def new_side(ops: Iterable[Op]) -> str:
    """The new text the ops were made from, exactly (equal and insert runs)."""
    return "".join(op.text for op in ops if op.op != "delete")
