"""Word documents for the other side of the table: proposals, TAs, the status chart, the contract.

Every function takes plain data (article texts, names, dates), never a repo object, so the CLI,
the TUI and tests call them the same way, and never team notes, so notes cannot leak into
anything exported. Output always starts from the shipped ``template.docx`` (every style
defined there, see ``tools/make_template.py``) and gets explicit core properties: python-docx's
defaults ("python-docx", 2013-12-23) would tell the other side nothing true.

Article text is one paragraph per line (heading first, blank lines between sections); each line
becomes one Word paragraph, a blank line an empty paragraph, so import gives back the same text.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, Any, Literal

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

from proposals.contract.headings import order_key, read_heading
from proposals.errors import ProposalsError
from proposals.files import write_file
from proposals.word.moves import Layout
from proposals.word.ooxml import (
    Kind,
    OpLike,
    RevisionWriter,
    UnionPara,
    When,
    as_when,
    aside_xml,
    check_text,
    color_hex,
    esc,
    lend_mark,
    plain_xml,
    redline_xml,
    split_paragraphs,
    tracked_xml,
)
from proposals.word.tables import ends_in_table

TEMPLATE = Path(__file__).with_name("template.docx")
Mode = Literal["tracked", "redline", "clean"]
MODES: tuple[Mode, ...] = ("tracked", "redline", "clean")
PROPOSAL_MARK = "PROPOSAL \u2014 NOT A TENTATIVE AGREEMENT"
TA_MARK = "TENTATIVE AGREEMENT"
Output = str | os.PathLike[str] | IO[bytes]
DiffFn = Callable[[str, str], Sequence[OpLike]]

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


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """One article in a proposal: its text at ``--from`` and at ``--to``.

    ``old`` is ``""`` for an article the pass adds, ``new`` is ``""`` for one it removes.
    ``ops`` may carry the diff engine's ops for exactly (old, new) when the caller already
    has them; otherwise the export computes them with ``proposals.redline.diff_text``.
    ``author``/``when`` label this article's revisions when its text is not the document's own
    pass (the party and session of the pass that wrote it); ``None`` uses the document's.
    """

    old: str
    new: str
    ops: Sequence[OpLike] | None = None
    author: str | None = None
    when: When | None = None


@dataclass(frozen=True, slots=True)
class ContractArticle:
    """One article of the compiled contract: its agreed text and, if any, the baseline's.

    ``open_note`` marks a part still open at the table: ``text`` is then its heading and any
    TA'd sections, written plainly under the note in every mode, never as a change.
    """

    text: str
    baseline: str | None = None
    open_note: str | None = None


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


def _lines(text: str) -> list[str]:
    """An article's paragraphs: its lines, without the final newline's empty tail."""
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n") if text else []


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


def _check_ops(ops: Sequence[OpLike], old: str, new: str) -> bool:
    """Ops must rebuild both texts exactly, or the tracked document would lie."""
    old_join = "".join(
        o.text if getattr(o, "old_text", None) is None else o.old_text  # type: ignore[attr-defined]
        for o in ops
        if o.op != "insert"
    )
    new_join = "".join(o.text for o in ops if o.op != "delete")
    return old_join == old and new_join == new


def _default_diff(old: str, new: str) -> Sequence[OpLike]:
    from proposals.redline import diff_text  # the engine is only needed for tracked and redline

    return diff_text(old, new)


def _inner_diff(old: str, new: str) -> Sequence[OpLike]:
    """A moved block's old text against its new text: words only, no moves inside moves."""
    from proposals.redline import diff_text

    return diff_text(old, new, moves=False)


def _union(change: ArticleChange, diff: DiffFn | None, layout: Layout = Layout.SPLIT) -> list[UnionPara]:
    """Union paragraphs of one article, its final newline kept out of the revisions.

    Each move's own edits are shown inside it (``word.moves``), laid out for ``layout``."""
    old = change.old[:-1] if change.old.endswith("\n") else change.old
    new = change.new[:-1] if change.new.endswith("\n") else change.new
    ops: Sequence[OpLike] | None = None
    if change.ops is not None and _check_ops(change.ops, change.old, change.new):
        ops = list(change.ops)
        if change.old.endswith("\n") and change.new.endswith("\n"):
            last = ops[-1] if ops else None
            if (
                last is not None
                and last.op == "equal"
                and last.text.endswith("\n")
                and getattr(last, "old_text", None) is None
            ):
                ops[-1] = _Op("equal", last.text[:-1], None)
            else:
                ops = None
        elif change.old.endswith("\n") or change.new.endswith("\n"):
            ops = None
    elif change.ops is not None:
        raise ExportError("the ops given for an article do not rebuild its old and new text")
    if ops is None:
        ops = (diff or _default_diff)(old, new) if (old or new) else []
    final: Kind = "equal"
    if not old and new:
        final = "insert"
    elif old and not new:
        final = "delete"
    return split_paragraphs(ops, final_mark=final, inner=diff or _inner_diff, layout=layout)


@dataclass(frozen=True, slots=True)
class _Op:
    op: str
    text: str
    move: str | None


def _proposal_header(party: str, pass_name: str, session: When, mark: str) -> list[str]:
    """Who proposes, which pass, which session, and that it is not a TA: on every page."""
    return [f"{party} \u2014 Proposal {pass_name} \u2014 Session {_iso_day(session)}", mark]


def _article_title(text: str) -> str:
    return text.split("\n", 1)[0].strip()


# --------------------------------------------------------------------------- proposals


def export_proposal(
    articles: Sequence[ArticleChange],
    out: Output,
    *,
    mode: Mode,
    party: str,
    pass_name: str,
    session: When,
    colour: str = "#1f6feb",
    against: str | None = None,
    title: str | None = None,
    revision: int = 1,
    diff: DiffFn | None = None,
    notes: Sequence[str] = (),
) -> Path | None:
    """Write a pass as a .docx: ``tracked`` revisions, static ``redline`` or ``clean`` text.

    ``party`` is the proposing team's name: header, document author and revision author.
    ``session`` dates the revisions and the document. ``against`` names what the changes are
    shown against ("baseline", "E-6") for the header. ``notes`` are further header lines (which
    pass wrote an article's text, a withdrawal). Returns the path written (None for a stream).
    """
    if mode not in MODES:
        raise ExportError(f"unknown export mode {mode!r}: use tracked, redline or clean")
    if not articles:
        raise ExportError("nothing to export: no articles given")
    try:
        color_hex(colour)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    for i, art in enumerate(articles, 1):
        if art.when is not None:
            _when(art.when)
        for label, text in (("old", art.old), ("new", art.new), ("author", art.author or "")):
            try:
                check_text(text, f"article {i} ({label} text)")
            except ValueError as exc:
                raise ExportError(str(exc)) from None

    doc = _open_template()
    header = _proposal_header(party, pass_name, session, PROPOSAL_MARK)
    if mode != "clean" and against:
        header.append(f"Changes shown against {against}")
    header += [n for n in notes if n]
    if mode == "redline":
        header.append("Insertions underlined, deletions struck through, moves double-marked")
    _set_header_footer(doc, header)
    names = [_article_title(a.new or a.old) for a in articles]
    compared = f" against {against}" if mode != "clean" and against else ""
    _set_properties(
        doc,
        title=title or f"{party} proposal {pass_name}{compared}: " + "; ".join(n for n in names if n),
        author=party,
        when=session,
        revision=revision,
        subject=f"Proposal {pass_name}, session {_iso_day(session)}",
        status=PROPOSAL_MARK,
    )
    _write_articles(doc, articles, mode=mode, author=party, when=session, colour=colour, diff=diff)
    return _save(doc, out)


def _write_articles(
    doc: DocxDocument,
    articles: Sequence[ArticleChange | str],
    *,
    mode: Mode,
    author: str,
    when: When,
    colour: str,
    diff: DiffFn | None,
) -> None:
    """The body: each article's paragraphs in order, nothing between them (exact round trip).

    An item that is a string is body XML already made (an open part's placeholder)."""
    ids = _style_ids(doc)
    parts: list[str] = []
    if mode == "clean":
        for art in articles:
            parts.append(art if isinstance(art, str) else plain_xml(_lines(art.new), _line_styler(ids)))
    else:
        writer = RevisionWriter(author, when)
        last_mark: Kind = "equal"
        for art in articles:
            if isinstance(art, str):
                if last_mark != "equal" and mode == "tracked":
                    parts.append("<w:p/>")  # the revised mark before it merges into this
                parts.append(art)
                last_mark = "equal"
                writer.start_paragraph(None, None, mark="equal")
                continue
            writer.use(art.author or author, art.when if art.when is not None else when)
            paras = _union(art, diff, Layout.SPLIT if mode == "tracked" else Layout.AT_DESTINATION)
            if not paras or (len(paras) == 1 and not paras[0].pieces):
                continue
            styler = _para_styler(ids)
            if mode == "tracked":
                # a table right after new (removed) paragraphs borrows the mark before them
                lendable = parts and last_mark == "equal" and lend_mark(parts[-1], "<w:ins/>")
                lead = UnionPara() if lendable else None
                parts.append(tracked_xml(paras, writer, styler, lead=lead))
                if lead is not None and lead.mark != "equal":
                    parts[-2] = lend_mark(parts[-2], writer.mark(lead.mark)) or parts[-2]
            else:
                parts.append(redline_xml(paras, styler, colour))
            last_mark = "equal" if ends_in_table(paras) else paras[-1].mark  # a row has no mark
        if mode == "tracked" and last_mark != "equal":
            parts.append("<w:p/>")  # a revised final mark needs a paragraph to merge into
        if mode == "tracked":
            _enable_track_revisions(doc)
    _append_body_xml(doc, "".join(parts))


# --------------------------------------------------------------------------- TA document


def export_ta(
    texts: Sequence[str],
    out: Output,
    *,
    union: str,
    employer: str,
    union_sign: str,
    employer_sign: str,
    ta_date: When,
    team: str,
    section: str | None = None,
    revision: int = 1,
    source: str | None = None,
    blob: str | None = None,
) -> Path | None:
    """The agreed text of one or more articles with a signature block for both parties.

    ``team`` is the exporting team (document author); ``section`` ("12.3") narrows the title
    when only one section was TA'd. ``source`` (the pass whose text was agreed) and ``blob``
    (the agreed text's git blob id, what ``proposals verify`` checks) go in the footer of every
    page, so a signed copy can be matched to the record.
    """
    if not texts:
        raise ExportError("nothing to export: no agreed text given")
    for i, text in enumerate(texts, 1):
        try:
            check_text(text, f"agreed text {i}")
        except ValueError as exc:
            raise ExportError(str(exc)) from None
    doc = _open_template()
    ids = _style_ids(doc)
    day = _iso_day(ta_date)
    names = "; ".join(_article_title(t) for t in texts if t.strip())
    scope = f"{names}, section {section}" if section else names
    cited = [f"Agreed text of {source}" if source else "", f"blob {blob}" if blob else ""]
    footer = ", ".join(c for c in cited if c)
    _set_header_footer(doc, [f"{union} \u2014 {employer} \u2014 Tentative agreement {day}", TA_MARK], footer)
    _set_properties(
        doc,
        title=f"Tentative agreement: {scope}",
        author=team,
        when=ta_date,
        revision=revision,
        subject=f"Tentative agreement of {day}" + (f", {footer}" if footer else ""),
        status=TA_MARK,
    )
    # The title says what this is; the article's own heading follows once, in the agreed text.
    doc.add_paragraph(
        "Tentative Agreement" + (f" \u2014 Section {section}" if section else ""), style="Document Title"
    )
    parts = [plain_xml(_lines(t), _line_styler(ids)) for t in texts]
    _append_body_xml(doc, "".join(parts))
    closing = doc.add_paragraph(
        f"The parties tentatively agreed to the text above at the table on {day}, subject to"
        " ratification of the complete agreement.",
        style=BODY_STYLE,
    )
    table = _signature_block(doc, [(union, union_sign), (employer, employer_sign)])
    aside(doc, "sign-off", [closing._p, table._tbl])
    return _save(doc, out)


def aside(doc: DocxDocument, name: str, elements: Sequence[Any]) -> None:
    """Put body elements that are not contract text in a tagged content control
    (``ooxml.aside_xml``), so reading the document back gives exactly its parts."""
    sdt = parse_xml(aside_xml(name, "").replace("<w:sdt>", f"<w:sdt {nsdecls('w')}>", 1))
    elements[0].addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for el in elements:
        content.append(el)


def _signature_block(doc: DocxDocument, sides: Sequence[tuple[str, str]]) -> Any:
    """One column per party: its name, a tall empty box to sign in, the signatory's printed
    name and a line to date by hand. Rows never split across pages."""
    from docx.shared import Cm

    table = _ruled_table(doc, 4, len(sides))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, (party, signatory) in enumerate(sides):
        _cell(doc, table.cell(0, c), f"For {party}", bold=True, fill="E6E6E6")
        _cell(doc, table.cell(1, c), "Signature:")
        _cell(doc, table.cell(2, c), f"Name: {signatory}" if signatory else "Name:")
        _cell(doc, table.cell(3, c), "Date:")
    for r, height in ((1, 2.2), (3, 1.2)):
        table.rows[r].height = Cm(height)
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
    return table


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


# --------------------------------------------------------------------------- status chart


def export_status(
    rows: Iterable[Mapping[str, Any] | Any],
    out: Output,
    *,
    team: str,
    as_of: When,
    words: Mapping[str, str],
    meanings: Mapping[str, str],
    party_names: Mapping[str, str] | None = None,
    title: str | None = None,
    revision: int = 1,
    ordered: bool = False,
) -> Path | None:
    """The status chart (``word.status_chart``, where it lives; kept here for callers)."""
    from proposals.word.status_chart import export_status as write

    return write(rows, out, team=team, as_of=as_of, words=words, meanings=meanings,
                 party_names=party_names, title=title, revision=revision, ordered=ordered)  # fmt: skip


def article_sort_key(number: Any) -> tuple[int, int, str]:
    """ "6" < "6A" < "12" < "12.1" (``word.status_chart.article_sort_key``)."""
    from proposals.word.status_chart import article_sort_key as key

    return key(number)


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


# --------------------------------------------------------------------------- contract


def export_contract(
    articles: Sequence[ContractArticle],
    out: Output,
    *,
    team: str,
    union: str,
    employer: str,
    compiled: When,
    changes: Literal["none", "redline", "tracked"] = "none",
    colour: str = "#1f6feb",
    title: str | None = None,
    revision: int = 1,
    diff: DiffFn | None = None,
    first_contract: bool = False,
    front_matter: bool = False,
    term: str = "",
) -> Path | None:
    """The successor contract in contract order, optionally with conforming changes.

    With ``changes="redline"`` (static) or ``"tracked"`` (revisions authored by ``team``)
    each article is marked up against its ``baseline`` text, so the committee can check every
    conforming change; articles without a baseline show as wholly new. ``first_contract``
    words it for a negotiation with no agreement in force; ``front_matter`` adds a title page
    (the parties and ``term``) and a table of contents (a real Word TOC field, filled in).
    """
    if changes not in ("none", "redline", "tracked"):
        raise ExportError(f"unknown changes mode {changes!r}: use none, redline or tracked")
    ordered = sorted(articles, key=lambda a: (_order_of(a.text), a.text.split("\n", 1)[0]))
    day = _iso_day(compiled)
    heading = title or f"Agreement between {employer} and {union}"
    sources = "tentative agreements" if first_contract else "tentative agreements and the agreement in force"
    lines = [heading, f"Compiled {day} from {sources}"]
    if changes != "none":
        lines.append(
            "A first agreement: all text shown as new"
            if first_contract
            else "Conforming changes shown against the agreement in force"
        )
    if any(a.open_note for a in ordered):
        lines.append("DRAFT \u2014 parts marked OPEN are not agreed")
    for art in ordered:
        for text in (art.text, art.baseline or "", art.open_note or "", term, title or ""):
            try:
                check_text(text, f"contract article {_number_of(art.text) or '?'}")
            except ValueError as exc:
                raise ExportError(str(exc)) from None
    try:
        color_hex(colour)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    doc = _open_template()
    ids = _style_ids(doc)
    _set_header_footer(doc, lines)
    _set_properties(doc, title=heading, author=team, when=compiled, revision=revision, subject=lines[1])
    if front_matter:
        front = _front_matter(ids, ordered, union, employer, term, lines[1], first_contract)
        _append_body_xml(doc, aside_xml("title page", front))
        _update_fields_on_open(doc)
    mode: Mode = "clean" if changes == "none" else changes
    items: list[ArticleChange | str] = [
        _placeholder_xml(a, ids) if a.open_note else ArticleChange(a.baseline or "", a.text) for a in ordered
    ]
    _write_articles(doc, items, mode=mode, author=team, when=compiled, colour=colour, diff=diff)
    return _save(doc, out)


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


def _front_matter(
    ids: Mapping[str, str],
    articles: Sequence[ContractArticle],
    union: str,
    employer: str,
    term: str,
    compiled_line: str,
    first_contract: bool,
) -> str:
    """A title page (the parties, the term, how it was compiled) and a contents page whose
    TOC field Word updates on opening; its cached result already lists every heading, so the
    page reads right in LibreOffice and in print before any update."""
    title = ids["Document Title"]
    kind = "FIRST COLLECTIVE BARGAINING AGREEMENT" if first_contract else "COLLECTIVE BARGAINING AGREEMENT"
    body = ids[BODY_STYLE]
    out = [
        _para(kind, title, center=True, before=2880),
        _para("between", body, center=True),
        _para(employer, title, center=True),
        _para("and", body, center=True),
        _para(union, title, center=True),
    ]
    if term:
        out.append(_para(f"Term: {term}", body, bold=True, center=True, before=480))
    out.append(_para(compiled_line, body, page_break=True, center=True, before=480))
    out.append(_para("Contents", title))
    headings = [_article_title(a.text) for a in articles if a.text.strip()]
    entries = headings or [""]
    instr = ' TOC \\o "1-1" \\h \\z \\u '
    for i, entry in enumerate(entries):
        runs = []
        if i == 0:
            runs.append('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>')
            runs.append(f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>')
            runs.append('<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        if entry:
            runs.append(f'<w:r><w:t xml:space="preserve">{esc(entry)}</w:t></w:r>')
        if i == len(entries) - 1:
            runs.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            runs.append('<w:r><w:br w:type="page"/></w:r>')
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{esc(ids[BODY_STYLE])}"/></w:pPr>{"".join(runs)}</w:p>')
    return "".join(out)


def _placeholder_xml(article: ContractArticle, ids: Mapping[str, str]) -> str:
    """An open part: its heading, the note saying it is not agreed, then any TA'd sections."""
    lines = _lines(article.text)
    styler = _line_styler(ids)
    head = plain_xml(lines[:1], styler)
    note = _para(article.open_note or "", ids["Group Heading"])
    rest = plain_xml(lines[1:], lambda i, line: styler(i + 1, line)) if len(lines) > 1 else ""
    return head + note + rest


def _update_fields_on_open(doc: DocxDocument) -> None:
    """Ask Word to refresh fields (the TOC's page numbers) when the document opens."""
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    # CT_Settings is a sequence: updateFields comes right before hdrShapeDefaults, footnotePr,
    # endnotePr, compat and rsids (the first of them present)
    later = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "rsids")
    anchor = next((x for x in (settings.find(qn(f"w:{t}")) for t in later) if x is not None), None)
    if anchor is not None:
        anchor.addprevious(el)
    else:
        settings.append(el)


def _number_of(text: str) -> str:
    found = read_heading(text)
    return found.number if found else ""


def _order_of(text: str) -> tuple[int, int, str]:
    """Contract order from the heading: preamble, articles by number, appendices, letters."""
    found = read_heading(text)
    return order_key(found.kind, found.number) if found else (9, 0, "")


__all__ = [
    "MODES",
    "PROPOSAL_MARK",
    "STYLES_USED",
    "TA_MARK",
    "ArticleChange",
    "ContractArticle",
    "ExportError",
    "article_sort_key",
    "export_contract",
    "export_proposal",
    "export_status",
    "export_ta",
]
