"""The status chart for members: every part's state on one landscape page, as .docx and .xlsx.

Columns are sized to their content (no word breaks mid-word, no date split over two lines),
the status is always written out in words (the shading only repeats it, so a black-and-white
copy reads the same), section TAs of an open part are named with their dates, and the date
column is the last pass's own session. Only the chart's fields are read from a row, so team
notes attached to a row object can never reach the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from proposals.contract.headings import KINDS, order_key
from proposals.contract.headings import part_name as grammar_part_name
from proposals.word import document as docs
from proposals.word.ooxml import When, check_text

STATUS_COLOURS = {"unchanged": "EDEFF2", "open": "FFF1C2", "ta": "D3F5DC", "withdrawn": "E6E6E6"}
COLUMNS = ("Part", "Title", "Status", "Whose move", "Last pass", "Pass date", "Economic")
FIELDS = ("id", "number", "kind", "keyword", "title", "economic", "status", "move", "last_pass", "session",
          "status_text")  # fmt: skip
NB_HYPHEN = "\u2011"  # a date never breaks at its hyphens
NBSP = "\u00a0"  # "Appendix A" never breaks before its number


@dataclass(frozen=True, slots=True)
class ChartRow:
    """One line of the chart, every cell as shown."""

    number: str  # the part's name in the chart: "6", "Appendix A", "Letter of Agreement 1"
    title: str
    status: str  # unchanged / open / ta / withdrawn
    status_text: str
    move: str
    last_pass: str
    pass_date: str
    economic: bool
    order: tuple = ()  # contract order (kind, number), for a chart not given in order

    def cells(self) -> tuple[str, ...]:
        return (
            self.number,
            self.title,
            self.status_text,
            self.move,
            self.last_pass,
            self.pass_date,
            "Yes" if self.economic else "No",
        )


def _get(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, Mapping) else getattr(row, key, None)


def _day(value: Any) -> str:
    if value is None or value == "":
        return ""
    return docs._iso_day(value) if isinstance(value, (date, str)) else str(value)


def _status_text(status: str, ta: Any, given: Any, words: Mapping[str, str]) -> str:
    """ "Open (6.3 TA'd 2024-06-11)", "TA'd 2024-06-11": the words a member reads."""
    if given:
        return str(given)
    word = words.get(status, status)
    if ta is None:
        return word
    ta_date = _day(ta.get("date") if isinstance(ta, Mapping) else getattr(ta, "date", None))
    sections = ta.get("sections") if isinstance(ta, Mapping) else getattr(ta, "sections", None)
    if status == "ta":
        return f"{word} {ta_date}".strip()
    if status == "open" and sections:
        return f"{word} ({', '.join(str(s) for s in sections)} TA'd {ta_date})".replace(" )", ")")
    return word


def part_name(kind: Any, number: Any, keyword: Any = "") -> str:
    """What the chart calls a part: an article by its number ("6"), any other part by the words
    its own heading uses ("Preamble", "Appendix A", "Schedule 1", "Side Letter 3", "Memorandum
    of Understanding 2"; the grammar's), never a bare "A" or "1" that reads like an article."""
    number = str(number or "").strip()
    if kind not in KINDS or kind == "article":
        return number
    name = grammar_part_name(kind, number, str(keyword or ""))
    return name[: len(name) - len(number)].rstrip() + NBSP + number if number else name


def chart_row(row: Any, words: Mapping[str, str], party_names: Mapping[str, str] | None = None) -> ChartRow:
    """A chart line from a plain dict, a ``status --json`` object or a row object.

    ``last_pass`` may be a pass name, a ``{"pass", "session"}`` dict or a record with ``name``
    and ``session``; ``session`` is then that pass's date. Nothing but the chart fields is read.
    """
    names = party_names or {}
    data = {key: _get(row, key) for key in FIELDS}
    last, session = data["last_pass"], data["session"]
    if isinstance(last, Mapping):
        session = session or last.get("session")
        last = last.get("pass")
    elif last is not None and not isinstance(last, str):
        session = session or getattr(last, "session", None)
        last = getattr(last, "pass_name", None) or getattr(last, "name", None)
    status = str(data["status"] or "")
    move = data["move"]
    kind = data["kind"]
    chart = ChartRow(
        number=part_name(kind, data["number"], data["keyword"]),
        title=str(data["title"] or data["id"] or ""),
        status=status,
        status_text=_status_text(status, _get(row, "ta"), data["status_text"], words),
        move=names.get(str(move), str(move)) if status == "open" and move else "",
        last_pass=str(last or ""),
        pass_date=_day(session),
        economic=bool(data["economic"]),
        order=order_key(kind if kind in KINDS else "article", str(data["number"] or "")),
    )
    for value in chart.cells():
        try:
            check_text(value, f"status row {data['id']!r}")
        except ValueError as exc:
            raise docs.ExportError(str(exc)) from None
    return chart


def article_sort_key(number: Any) -> tuple[int, int, str]:
    """ "6" < "6A" < "12" < "12.1": numbers sort as numbers, unnumbered parts last."""
    text = str(number or "").strip()
    match = re.match(r"^(\d+)(.*)\Z", text)
    if not match:
        return (1, 0, text.lower())
    return (0, int(match[1]), match[2].lower())


def _groups(rows: Sequence[ChartRow], ordered: bool) -> list[tuple[str, list[ChartRow]]]:
    def members(economic: bool) -> list[ChartRow]:
        chosen = [r for r in rows if r.economic is economic]
        return chosen if ordered else sorted(chosen, key=lambda r: (r.order, r.title))

    return [("Economic articles", members(True)), ("Non-economic articles", members(False))]


def _summary(rows: Sequence[ChartRow], words: Mapping[str, str]) -> str:
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.status] = counts.get(r.status, 0) + 1
    summary = ", ".join(f"{counts[k]} {words[k].lower()}" for k in words if k in counts)
    return f"{len(rows)} articles: {summary or 'none'}."


# Advance widths of Times (Liberation Serif is metric-compatible), in thousandths of an em, for
# the characters a chart holds; anything else counts as a capital M. Bold runs about 8% wider.
_EM_TABLE = (
    (" !\"#$%&'()*+,-./", "250 333 408 500 500 833 778 333 333 333 500 564 250 333 250 278"),
    ("0123456789:;<=>?", "500 500 500 500 500 500 500 500 500 500 278 278 564 564 564 444"),
    ("ABCDEFGHIJKLM", "722 667 667 722 611 556 722 722 333 389 722 611 889"),
    ("NOPQRSTUVWXYZ", "722 722 556 722 667 556 611 722 722 944 722 722 611"),
    ("abcdefghijklm", "444 500 444 500 444 333 500 500 278 278 500 278 778"),
    ("nopqrstuvwxyz", "500 500 500 500 333 389 278 500 500 722 500 500 444"),
)
_EM = {ch: int(w) for chars, widths in _EM_TABLE for ch, w in zip(chars, widths.split(), strict=True)}
_EM.update({NBSP: 250, NB_HYPHEN: 333, "\u2014": 1000, "\u2013": 500, "\u2019": 333})
_PAD_TWIPS = 260  # the cell's margins (2 x 108) and rules, and a little air


def _twips(text: str, bold: bool = False) -> int:
    """How wide ``text`` is in 10-point table text, in twips (twentieths of a point)."""
    width = sum(_EM.get(ch, 889) for ch in text) * 10 * 20 // 1000
    return width * 108 // 100 if bold else width


def _widths(rows: Sequence[ChartRow], usable: int) -> list[int]:
    """Column widths (twips) measured from the text's font metrics: at least the longest word
    (the whole date, pass and yes/no), wanting the longest cell; the title column takes what
    is left. When the page is too narrow, the part's name ("Letter of Agreement 1") gives way
    first, then the title and whose move, so a status, a pass and its date stay on one line."""
    least, want = [], []
    for c, head in enumerate(COLUMNS):
        cells = [(r.cells()[c], c == 2 and r.status == "open") for r in rows]
        pieces = [(w, bold) for text, bold in cells for w in re.split(r"[ \t\n]+", text)]  # NBSP binds
        if c in (4, 5, 6):  # passes, dates and yes/no never wrap
            pieces = cells
        head_word = _twips(head.split()[0], True)
        least.append(max([_twips(w, bold) for w, bold in pieces] + [head_word]) + _PAD_TWIPS)
        want.append(max([_twips(t, bold) for t, bold in cells] + [_twips(head, True)]) + _PAD_TWIPS)
    if sum(want) <= usable:
        want[1] += usable - sum(want)  # the title column takes the slack
        return want
    widths = list(want)
    for give in ((0,), (1, 3), (2, 4, 5, 6)):  # the part's name first, then title and move
        over = sum(widths) - usable
        if over <= 0:
            break
        room = sum(widths[c] - least[c] for c in give)
        cut = min(over, room)
        for c in give:
            widths[c] -= cut * (widths[c] - least[c]) // (room or 1)
    return widths


def export_status(
    rows: Iterable[Mapping[str, Any] | Any],
    out: docs.Output,
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
    """The status chart as a landscape .docx: economic and non-economic parts in two tables.

    ``rows`` are dicts (or objects) with ``id, number, title, economic, status, move,
    last_pass, session`` and optionally ``ta`` (``date``, ``sections``) and ``status_text``;
    ``party_names`` maps party keys in ``move`` to the names shown. ``ordered`` keeps the
    rows' own order (contract order from the model) instead of sorting by number. ``words``
    and ``meanings`` (for the legend) are the model's status vocabulary
    (``negotiation.status.STATUS_WORDS``, ``STATUS_MEANINGS``): the chart keeps no copy.
    """
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Twips

    data = [chart_row(r, words, party_names) for r in rows]
    day = docs._iso_day(as_of)
    heading = title or f"{team} \u2014 bargaining status as of {day.replace('-', NB_HYPHEN)}"
    doc = docs._open_template()
    docs._style_ids(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    width, height = section.page_width, section.page_height
    if width is not None and height is not None and width < height:
        section.page_width, section.page_height = height, width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))  # a contract of 20-odd parts and the legend on one page
    usable = int((section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)) // 635
    plain = heading.replace(NB_HYPHEN, "-")
    docs._set_header_footer(doc, [plain, "Status chart \u2014 not a tentative agreement"])
    docs._set_properties(doc, title=plain, author=team, when=as_of,
                         revision=revision, subject="Status chart")  # fmt: skip
    doc.add_paragraph(heading, style="Document Title")
    doc.add_paragraph(_summary(data, words), style=docs.BODY_STYLE)
    widths = _widths(data, usable)
    for label, members in _groups(data, ordered):
        doc.add_paragraph(label, style="Group Heading")
        if not members:
            doc.add_paragraph("None.", style=docs.BODY_STYLE)
            continue
        table = docs._ruled_table(doc, 1 + len(members), len(COLUMNS))
        _fixed_layout(table, widths, Twips)
        for c, name in enumerate(COLUMNS):
            docs._cell(doc, table.cell(0, c), name, bold=True, fill="D0D7DE")
        for r, row in enumerate(members, 1):
            fill = STATUS_COLOURS.get(row.status, "FFFFFF")
            for c, value in enumerate(row.cells()):
                shown = value.replace("-", NB_HYPHEN) if c == 5 or "TA'd" in value else value
                docs._cell(doc, table.cell(r, c), shown, fill=fill, bold=c == 2 and row.status == "open")
        docs._mark_header_row(table)
        for row_el in table.rows:
            row_el._tr.get_or_add_trPr().append(docs.OxmlElement("w:cantSplit"))
    _legend(doc, words, meanings)
    return docs._save(doc, out)


def _legend(doc: Any, words: Mapping[str, str], meanings: Mapping[str, str]) -> None:
    """The legend under the tables, set apart from them: each status word as the chart shows it
    (shaded, bold when open) with a dash and its meaning, the entries a wide space apart so
    none runs into the next, then what the shading and the dates mean."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    legend = doc.add_paragraph(style="Table Text")
    legend.paragraph_format.space_before = Pt(8)
    legend.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    legend.add_run("Legend:").bold = True
    for key, word in words.items():
        legend.add_run(" ")
        run = legend.add_run(f" {word} ")
        run.bold = key == "open"
        docs._shade_run(run, STATUS_COLOURS[key])
        legend.add_run(f" – {meanings[key]}.")
    note = doc.add_paragraph(style="Table Text")
    note.paragraph_format.space_before = Pt(2)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    note.add_run(
        "The status is always written out; shading only repeats it, so a black-and-white copy reads"
        " the same. Open statuses are in bold. ‘Pass date’ is the session of the last pass."
    )


def _fixed_layout(table: Any, widths: Sequence[int], twips: Any) -> None:
    """Fixed column widths, so Word and LibreOffice lay the chart out alike."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>')
    later = [tbl_pr.find(qn(f"w:{tag}")) for tag in ("tblCellMar", "tblLook")]
    anchor = next((el for el in later if el is not None), None)
    if anchor is not None:
        anchor.addprevious(layout)
    else:
        tbl_pr.append(layout)
    for c, width in enumerate(widths):
        table.columns[c].width = twips(width)
        for cell in table.columns[c].cells:
            cell.width = twips(width)


def export_status_xlsx(
    rows: Iterable[Mapping[str, Any] | Any],
    out: str | Path,
    *,
    team: str,
    as_of: When,
    words: Mapping[str, str],
    meanings: Mapping[str, str],
    party_names: Mapping[str, str] | None = None,
    ordered: bool = False,
) -> Path:
    """The same chart as a spreadsheet (members' charts live in spreadsheets): one sheet, a
    title, the header row frozen and filterable, status fills, landscape print on one page
    wide. Written atomically and with fixed timestamps (same input, same bytes)."""
    import io
    import zipfile

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.writer.excel import ExcelWriter

    data = [chart_row(r, words, party_names) for r in rows]
    day = docs._iso_day(as_of)
    wb = Workbook()
    ws = wb.active
    ws.title = "Status"
    ws.append([f"{team} \u2014 bargaining status as of {day}"])
    # a Font with no name is no font family at all: LibreOffice sets such cells in its serif
    # default beside the body's Calibri (rendered, issue 12); every font names the body's
    body = "Calibri"  # openpyxl's body font (the workbook's default style)
    ws["A1"].font = Font(name=body, bold=True, size=14)
    ws.append([_summary(data, words)])
    ws.append([])
    ws.append(["Group", *COLUMNS])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(name=body, bold=True)
        cell.fill = PatternFill("solid", fgColor="D0D7DE")
    for label, members in _groups(data, ordered):
        for row in members:
            ws.append([label.split()[0], *row.cells()])
            fill = PatternFill("solid", fgColor=STATUS_COLOURS.get(row.status, "FFFFFF"))
            for cell in ws[ws.max_row]:
                cell.fill = fill
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row.status == "open":
                ws.cell(ws.max_row, 4).font = Font(name=body, bold=True)
    for c, name in enumerate(["Group", *COLUMNS], 1):
        longest = max(
            [len(name)] + [len(str(ws.cell(r, c).value or "")) for r in range(header_row + 1, ws.max_row + 1)]
        )
        ws.column_dimensions[ws.cell(header_row, c).column_letter].width = min(60, longest + 2)
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.auto_filter.ref = f"A{header_row}:{ws.cell(ws.max_row, len(COLUMNS) + 1).coordinate}"
    ws.append([])
    for key, word in words.items():
        ws.append(["", word, meanings[key]])
        ws.cell(ws.max_row, 2).fill = PatternFill("solid", fgColor=STATUS_COLOURS[key])
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    stamp = docs._as_datetime(as_of).replace(tzinfo=None)
    wb.properties.creator = team
    wb.properties.lastModifiedBy = team
    wb.properties.title = f"Bargaining status as of {day}"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    # openpyxl's save() stamps "modified" with the clock; its writer alone keeps ours
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    data_bytes = docs.fixed_zip(buf.getvalue())
    return docs._write_atomic(Path(out), data_bytes)
