"""Schema-level checks of a .docx body that Word makes before it opens a file without
"unreadable content": unique revision ids, paired move ranges, no empty text elements."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_RANGES = ("moveFromRange", "moveToRange")


def document_root(path: Path | bytes) -> etree._Element:
    """The parsed ``word/document.xml`` of a file (or of .docx bytes)."""
    import io

    source = io.BytesIO(path) if isinstance(path, bytes) else path
    with zipfile.ZipFile(source) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def schema_problems(root: etree._Element) -> list[str]:
    """What Word would object to; an empty list for a sound document."""
    problems: list[str] = []
    ids: Counter[str] = Counter()
    starts: dict[str, tuple[str, str]] = {}
    ends: Counter[str] = Counter()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        rid = el.get(f"{{{W}}}id")
        if local.endswith("RangeEnd") and local[: -len("End")] in _RANGES:
            ends[rid or ""] += 1
            if rid not in starts or starts[rid][0] != local[: -len("End")]:
                problems.append(f"{local} {rid} without its start before it")
            continue
        if rid is not None and local in ("ins", "del", "moveFrom", "moveTo", *[r + "Start" for r in _RANGES]):
            ids[rid] += 1
            if not rid.isdigit():
                problems.append(f"{local} id {rid!r} is not a number")
            if local != "moveFrom" and local != "moveTo" and el.get(f"{{{W}}}author") is None:
                problems.append(f"{local} {rid} has no author")
        if local.endswith("RangeStart") and local[: -len("Start")] in _RANGES:
            starts[rid or ""] = (local[: -len("Start")], el.get(f"{{{W}}}name") or "")
        if local in ("t", "delText") and not (el.text or ""):
            problems.append(f"empty w:{local}")
        if local == "delText" and etree.QName(el.getparent().getparent()).localname != "del":
            problems.append("w:delText outside w:del")
        grand = el.getparent().getparent() if local == "t" else None
        if grand is not None and etree.QName(grand).localname == "del":
            problems.append("w:t inside w:del")
    problems += [f"revision id {i} used {n} times" for i, n in ids.items() if n > 1]
    problems += [f"range {rid} never ended" for rid in starts if ends[rid] != 1]
    names: dict[str, Counter[str]] = {}
    for kind, name in starts.values():
        names.setdefault(name, Counter())[kind] += 1
    for name, kinds in names.items():
        if kinds != Counter({"moveFromRange": 1, "moveToRange": 1}):
            problems.append(f"move {name!r} is not one moveFrom and one moveTo range: {dict(kinds)}")
    return problems


def body_paragraphs(document: object) -> list[object]:
    """python-docx paragraphs of the body in order, those in block content controls included
    (the title page, the TA sign-off and the passes table are set aside in tagged ones)."""
    from docx.text.paragraph import Paragraph

    body = document.element.body  # type: ignore[attr-defined]
    found = body.xpath("./w:p | ./w:sdt/w:sdtContent/w:p")
    return [Paragraph(p, document) for p in found]  # type: ignore[arg-type]


def body_tables(document: object) -> list[object]:
    """python-docx tables of the body, those in block content controls included."""
    from docx.table import Table

    body = document.element.body  # type: ignore[attr-defined]
    return [Table(t, document) for t in body.xpath("./w:tbl | ./w:sdt/w:sdtContent/w:tbl")]  # type: ignore[arg-type]
