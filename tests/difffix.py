"""A tiny difflib word diff with the redline engine's ``Op`` shape, for tests only.

It stands in for ``proposals.redline.diff_text`` where a test needs exact, hand-checkable ops
(and moves) independent of the engine; the real engine is used once it is merged.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\n|[^\S\n]+|\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Op:
    op: str
    text: str
    move: str | None = None


def word_diff(old: str, new: str) -> list[Op]:
    """Word-token ops; a deleted block equal to an inserted block becomes a move pair."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    assert "".join(a) == old and "".join(b) == new
    ops: list[Op] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(Op("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(Op("insert", "".join(b[j1:j2])))
    return _pair_moves(ops)


def _pair_moves(ops: list[Op]) -> list[Op]:
    out = list(ops)
    used: set[int] = set()
    count = 0
    for i, d in enumerate(out):
        if d.op != "delete" or len(d.text.split()) < 4:
            continue
        for j, n in enumerate(out):
            if j not in used and n.op == "insert" and n.text == d.text:
                count += 1
                out[i] = Op("delete", d.text, f"m{count}")
                out[j] = Op("insert", n.text, f"m{count}")
                used.add(j)
                break
    return out
