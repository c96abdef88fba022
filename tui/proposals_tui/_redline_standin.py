"""TEMPORARY difflib stand-in for proposals.redline (same API); deleted once redline is merged."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

TOKEN_RE = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Op:
    op: str
    text: str
    move: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    kind: str
    old: str | None
    new: str | None
    ops: tuple[Op, ...]
    move: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    label: str
    party: str
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    party: str
    label: str


def diff_text(old: str, new: str, granularity: str = "word") -> list[Op]:
    a = TOKEN_RE.findall(old)
    b = TOKEN_RE.findall(new)
    ops: list[Op] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(Op("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(Op("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(Op("insert", "".join(b[j1:j2])))
    return ops


def _paras(text: str) -> list[str]:
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n") if text else []


def align_rows(old: str, new: str) -> list[Row]:
    a, b = _paras(old), _paras(new)
    rows: list[Row] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [Row("equal", x, x, (Op("equal", x),)) for x in a[i1:i2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            if o is not None and n is not None:
                rows.append(Row("change", o, n, tuple(diff_text(o, n))))
            elif o is not None:
                rows.append(Row("delete", o, None, (Op("delete", o),)))
            else:
                rows.append(Row("insert", None, n, (Op("insert", n or ""),)))
    deleted = {r.old: i for i, r in enumerate(rows) if r.kind == "delete" and r.old}
    for i, r in enumerate(rows):
        if r.kind == "insert" and r.new in deleted:
            j = deleted.pop(r.new)
            mid = f"m{j}"
            rows[j] = Row("move", r.new, None, (Op("delete", r.new or "", mid),), mid)
            rows[i] = Row("move", None, r.new, (Op("insert", r.new or "", mid),), mid)
    return rows


def render_markers(ops: list[Op]) -> str:
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(op.text)
        elif op.op == "delete":
            out.append(f"[-{op.text}-]")
        else:
            out.append(f"{{+{op.text}+}}")
    return "".join(out)


def provenance(versions: list[Version]) -> list[Span]:
    if not versions:
        return []
    owner: list[tuple[str, str]] = [(versions[0].party, versions[0].label)] * len(versions[0].text)
    for prev, cur in zip(versions, versions[1:], strict=False):
        new_owner: list[tuple[str, str]] = []
        pos = 0
        for op in diff_text(prev.text, cur.text):
            if op.op == "equal":
                new_owner += owner[pos : pos + len(op.text)]
                pos += len(op.text)
            elif op.op == "delete":
                pos += len(op.text)
            else:
                new_owner += [(cur.party, cur.label)] * len(op.text)
        owner = new_owner
    spans: list[Span] = []
    start = 0
    for i in range(1, len(owner) + 1):
        if i == len(owner) or owner[i] != owner[start]:
            spans.append(Span(start, i, owner[start][0], owner[start][1]))
            start = i
    return spans
