"""A Word document made from the shipped template, and what every document kind shares.

Every document starts from ``template.docx`` (every style defined there, see
``tools/make_template.py``) and gets explicit core properties: python-docx's defaults
("python-docx", 2013-12-23) would tell the other side nothing true. The header on every page,
"Page N of M", deterministic bytes (fixed zip timestamps), the line styles of article text
(heading, body, list levels), ruled tables and asides (content controls that reading back
skips) live here once; the document kinds are ``proposal``, ``ta``, ``compiled_contract``,
``history``, ``status_chart`` and ``session_summary``.

Article text is one paragraph per line (heading first, blank lines between sections); each line
becomes one Word paragraph and each blank line space above the next one (``ooxml.spaced``; never
an empty paragraph), so import gives back the same text.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, Any

import docx
from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

from proposals.errors import ProposalsError
from proposals.files import write_file
from proposals.word.ooxml import (
    UnionPara,
    When,
    as_when,
    aside_xml,
    esc,
)

TEMPLATE = Path(__file__).with_name("template.docx")
PROPOSAL_MARK = "PROPOSAL \u2014 NOT A TENTATIVE AGREEMENT"
TA_MARK = "TENTATIVE AGREEMENT"
Output = str | os.PathLike[str] | IO[bytes]

HEADING_STYLE = "Heading 1"
BODY_STYLE = "Contract Body"
LIST_STYLES = ("Contract List 1", "Contract List 2", "Contract List 3")
STYLES_USED = (
    HEADING_STYLE,
    BODY_STYLE,
    *LIST_STYLES,
    "Document Title",
    "Group Heading",
    "Table Text",
    "Proposal Header",
    "Proposal Footer",
    "Redline Insert",
    "Redline Delete",
    "Redline Move",
    "Proposals Table",
)

_LIST_RE = re.compile(r"^\s*\((?P<tag>[a-z]{1,4}|[0-9]{1,3})\)")
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)\Z")


class ExportError(ProposalsError, ValueError):
    """Input that cannot become a .docx (bad colour or date, control characters, unknown mode).

    A ``ProposalsError``, so the CLI prints it as its one-line error.
    """


# --------------------------------------------------------------------------- shared helpers


def _when(value: When) -> date | datetime:
    try:
        return as_when(value)
    except ValueError as exc:
        raise ExportError(str(exc)) from None


def _as_datetime(when: When) -> datetime:
    """Core properties want a datetime; a session date means midnight UTC that day."""
    when = _when(when)
    if isinstance(when, datetime):
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return datetime.combine(when, time(0, 0), tzinfo=UTC)


def _iso_day(when: When) -> str:
    when = _when(when)
    return (when.date() if isinstance(when, datetime) else when).isoformat()


def _open_template() -> DocxDocument:
    doc = docx.Document(str(TEMPLATE))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def _style_ids(doc: DocxDocument) -> dict[str, str]:
    """Style names → ids; a missing style is a broken template, so fail loudly here."""
    return {name: doc.styles[name].style_id for name in STYLES_USED}


def _set_properties(
    doc: DocxDocument,
    *,
    title: str,
    author: str,
    when: When,
    revision: int,
    subject: str = "",
    status: str = "",
) -> None:
    """Every core property set on purpose: the other side's Word shows them."""
    props = doc.core_properties
    stamp = _as_datetime(when)
    props.title = _fit(title)
    props.subject = _fit(subject)
    props.author = _fit(author)
    props.last_modified_by = _fit(author)
    props.created = stamp
    props.modified = stamp
    props.revision = max(1, int(revision))
    props.content_status = _fit(status)
    props.keywords = ""
    props.comments = ""
    props.category = ""


def _fit(value: str) -> str:
    """Core properties hold at most 255 characters (python-docx refuses more)."""
    value = " ".join(value.split())
    return value if len(value) <= 255 else value[:254] + "\u2026"


def _field_run(instr: str, placeholder: str) -> Any:
    """A simple field (PAGE, NUMPAGES): Word and LibreOffice compute the number."""
    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instr} \\* MERGEFORMAT ">'
        f"<w:r><w:t>{placeholder}</w:t></w:r></w:fldSimple>"
    )


def _set_header_footer(doc: DocxDocument, header_lines: Sequence[str], footer_note: str = "") -> None:
    """The same header on every page and "Page N of M" in the footer, after ``footer_note``."""
    section = doc.sections[0]
    section.different_first_page_header_footer = False
    header = section.header
    header.is_linked_to_previous = False
    first = True
    for line in header_lines:
        para = header.paragraphs[0] if first else header.add_paragraph()
        first = False
        para.text = line
        para.style = doc.styles["Proposal Header"]
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.style = doc.styles["Proposal Footer"]
    para.add_run((footer_note + " \u2014 " if footer_note else "") + "Page ")
    para._p.append(_field_run("PAGE", "1"))
    para.add_run(" of ")
    para._p.append(_field_run("NUMPAGES", "1"))


def _append_body_xml(doc: DocxDocument, xml: str) -> None:
    """Parse generated body XML once and put it before the section properties."""
    if not xml:
        return
    fragment = parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>")
    sect = doc.element.body.find(qn("w:sectPr"))
    for child in list(fragment):
        if sect is not None:
            sect.addprevious(child)
        else:
            doc.element.body.append(child)


def _enable_track_revisions(doc: DocxDocument) -> None:
    """Turn on Track Changes so the other side's edits come back as revisions too."""
    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    el = OxmlElement("w:trackRevisions")
    anchor = settings.find(qn("w:defaultTabStop"))
    if anchor is not None:
        anchor.addprevious(el)
    else:
        settings.insert(0, el)


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def fixed_zip(data: bytes) -> bytes:
    """The same package with every entry's timestamp fixed, so the same repo state gives the
    same bytes (python-docx and openpyxl stamp entries with the clock)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _write_atomic(path: Path, data: bytes) -> Path:
    """Write a document whole or not at all (``proposals.files``), shared like any document."""
    return write_file(path, data, shared=True)


def _save(doc: DocxDocument, out: Output) -> Path | None:
    """Write deterministic bytes (``fixed_zip``) atomically to a path or into a stream."""
    buf = io.BytesIO()
    doc.save(buf)
    data = fixed_zip(buf.getvalue())
    if hasattr(out, "write"):
        out.write(data)  # type: ignore[union-attr]
        return None
    return _write_atomic(Path(os.fspath(out)), data)  # type: ignore[arg-type]


def _list_level(text: str, previous: int, previous_letter: str = "") -> int:
    """0 for body text, 1-3 for "(a)", "(i)", "(1)" items: indentation only, numbers literal.

    "(i)", "(v)" and "(x)" are letters when they follow "(h)", "(u)" and "(w)" in a lettered
    list (a salary table runs to "(x)"); otherwise, inside a list, they open a roman sub-list.
    """
    match = _LIST_RE.match(text)
    if not match:
        return 0
    tag = match["tag"]
    if tag.isdigit():
        return 3
    follows_letter = len(tag) == 1 and len(previous_letter) == 1 and ord(tag) == ord(previous_letter) + 1
    if _ROMAN.match(tag) and previous >= 1 and not follows_letter:
        return 2
    return 1


def _line_styler(ids: Mapping[str, str]) -> Callable[[int, str], str]:
    """Style for line ``i`` of an article: heading first, then body or list levels."""
    state: dict[str, Any] = {"level": 0, "letter": ""}

    def style(i: int, text: str) -> str:
        if i == 0:
            state.update(level=0, letter="")
            return ids[HEADING_STYLE]
        if not text.strip():
            return ids[BODY_STYLE]
        level = _list_level(text, state["level"], state["letter"])
        state["level"] = level
        if level == 1:
            state["letter"] = _LIST_RE.match(text)["tag"]  # type: ignore[index]
        elif level == 0:
            state["letter"] = ""
        return ids[LIST_STYLES[level - 1]] if level else ids[BODY_STYLE]

    return style


def _para_styler(ids: Mapping[str, str]) -> Callable[[int, UnionPara], str]:
    line_style = _line_styler(ids)

    def style(i: int, para: UnionPara) -> str:
        text = para.view("new") or para.view("old")
        return line_style(i, text)

    return style


def _article_title(text: str) -> str:
    return text.split("\n", 1)[0].strip()


def aside(doc: DocxDocument, name: str, elements: Sequence[Any]) -> None:
    """Put body elements that are not contract text in a tagged content control
    (``ooxml.aside_xml``), so reading the document back gives exactly its parts."""
    sdt = parse_xml(aside_xml(name, "").replace("<w:sdt>", f"<w:sdt {nsdecls('w')}>", 1))
    elements[0].addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for el in elements:
        content.append(el)


def _ruled_table(doc: DocxDocument, rows: int, cols: int) -> Any:
    """A table with plain grey rules set directly, not through a table style: in a document
    with Track Changes on, LibreOffice records a table style's formatting as anonymous "Format"
    revisions (measured with 7.4), which would list an unknown author in the reviewing pane."""
    table = doc.add_table(rows=rows, cols=cols)
    rules = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{rules}</w:tblBorders>")
    tbl_pr = table._tbl.tblPr
    # CT_TblPr is a sequence: tblBorders comes before shd, tblLayout, tblCellMar and tblLook
    later = [tbl_pr.find(qn(f"w:{tag}")) for tag in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    anchor = next((el for el in later if el is not None), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)
    return table


def _mark_header_row(table: Any) -> None:
    """Repeat the first row on every page and keep it together (Word's "header row")."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def _cell(doc: DocxDocument, cell: Any, text: str, *, bold: bool = False, fill: str = "") -> None:
    cell.text = text
    para = cell.paragraphs[0]
    para.style = doc.styles["Table Text"]
    if bold:
        for run in para.runs:
            run.bold = True
    if fill:
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tc_pr.append(shd)


def _shade_run(run: Any, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    run._r.get_or_add_rPr().append(shd)


def division_xml(text: str, ids: Mapping[str, str]) -> str:
    """A division heading ("PART A - GENERAL") above the first part under it: a centred
    Heading 1, so the contents list it and a reader reads it back as a division, never as text
    of the part before."""
    return _para(" ".join(text.split()), ids[HEADING_STYLE], center=True, before=240)


def _para(
    text: str,
    style_id: str | None = None,
    *,
    bold: bool = False,
    page_break: bool = False,
    center: bool = False,
    before: int = 0,
) -> str:
    """One plain paragraph; ``before`` is space above it in twips."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    brk = '<w:r><w:br w:type="page"/></w:r>' if page_break else ""
    inner = (
        (f'<w:pStyle w:val="{esc(style_id)}"/>' if style_id else "")
        + (f'<w:spacing w:before="{before}"/>' if before else "")
        + ('<w:jc w:val="center"/>' if center else "")
    )  # CT_PPr order: pStyle, spacing, jc
    ppr = f"<w:pPr>{inner}</w:pPr>" if inner else ""
    body = f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{body}{brk}</w:p>"
