"""Who wrote this language: which party first proposed each span of the text on the table.

Bargaining tables colour the current text by author. We replay the history oldest to newest:
text kept by a pass keeps its author, text a pass inserts belongs to that pass, and moved text
keeps the author of the words it was moved from (via the move's inner word diff).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proposals.redline.ops import Op
from proposals.redline.textdiff import diff_text


@dataclass(frozen=True, slots=True)
class Version:
    """One state of an article: ``label`` is the pass (``"U-3"``) or ``"baseline"``."""

    label: str
    party: str  # "union" | "employer" | "baseline"
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of the last version's text, first proposed in pass ``label``."""

    start: int
    end: int
    party: str
    label: str


def _keep(owners: list[int], start: int, op: Op, out: list[int]) -> int:
    """Carry the authors of an unchanged run over to the new text; return its old length.

    A normalised equal run (curly vs straight quote) may change length: it keeps its first author.
    """
    size = len(op.old_text if op.old_text is not None else op.text)
    kept = owners[start : start + size]
    out.extend(kept if len(kept) == len(op.text) else [kept[0]] * len(op.text))
    return size


def _carry(
    owners: list[int], ops: Sequence[Op], author: int, *, normalize: bool, engine: str | None
) -> list[int]:
    """Per-character authors of the new text, given those of the old text and the ops."""
    starts: dict[str, tuple[int, str]] = {}  # move id -> (old offset, deleted text)
    pos = 0
    for op in ops:
        if op.op == "delete":
            if op.move is not None:
                starts[op.move] = (pos, op.text)
            pos += len(op.text)
        elif op.op == "equal":
            pos += len(op.old_text if op.old_text is not None else op.text)
    out: list[int] = []
    pos = 0
    for op in ops:
        if op.op == "equal":
            pos += _keep(owners, pos, op, out)
        elif op.op == "delete":
            pos += len(op.text)
        elif op.move is None or op.move not in starts:
            out.extend([author] * len(op.text))
        else:
            start, source = starts[op.move]
            inner_pos = start
            for inner in diff_text(source, op.text, normalize=normalize, moves=False, engine=engine):
                if inner.op == "equal":
                    inner_pos += _keep(owners, inner_pos, inner, out)
                elif inner.op == "delete":
                    inner_pos += len(inner.text)
                else:
                    out.extend([author] * len(inner.text))
    return out


def provenance(
    versions: Sequence[Version], *, normalize: bool = False, engine: str | None = None
) -> list[Span]:
    """Spans covering the last version's text, each attributed to the pass that first wrote it.

    Versions run oldest to newest. Text deleted and later restored belongs to the pass that
    restored it: it was re-proposed there. No versions, or an empty last text, give no spans.
    """
    if not versions:
        return []
    owners = [0] * len(versions[0].text)
    for index in range(1, len(versions)):
        old, new = versions[index - 1].text, versions[index].text
        if old == new:
            continue
        ops = diff_text(old, new, normalize=normalize, engine=engine)
        owners = _carry(owners, ops, index, normalize=normalize, engine=engine)
    spans: list[Span] = []
    start = 0
    for at in range(1, len(owners) + 1):
        if at == len(owners) or owners[at] != owners[start]:
            version = versions[owners[start]]
            spans.append(Span(start, at, version.party, version.label))
            start = at
    return spans
