"""Article tables (wage schedules, ``proposals.contract.table``) as real Word tables.

Article text keeps a table as pipe lines, one per row; the union paragraphs of a tracked or
redline document (``word.ooxml``) then hold one row each. A run of such paragraphs becomes one
``w:tbl`` whose cells are cut from the pieces at the pipes both texts share, so a changed cell is
a ``w:del``/``w:ins`` inside that cell, and a row one text lacks is a whole tracked row
(``w:trPr/w:ins`` or ``w:del``): LibreOffice's accept-all / reject-all then give exactly the new
/ old table (checked), and the reader (``word.reader``) writes the same pipe lines back. A row
whose pipes changed (a column added or dropped) is shown as its old row deleted and its new row
inserted. Anything else near a table (a separator that is not the header's, a line that joins
a row on one side only) stays a paragraph, so no text is ever lost to the table's shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from proposals.contract.table import format_row, is_separator, is_table_row, parse_row
from proposals.word.ooxml import Kind, Piece, UnionPara, esc

TEXT_WIDTH = 8640  # twips between the template's margins (12240 - 2 x 1800)
HEADER_FILL = "E6E6E6"
_RULES = "".join(
    f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
)
_NUMBER = re.compile(r"[\s$\u20ac\u00a3%().,+\-\u2212\d]*\d[\s$\u20ac\u00a3%().,+\-\u2212\d]*")


@dataclass(slots=True)
class Row:
    """One table row: its cells' pieces, and ``kind`` ``insert``/``delete`` for a row only the
    new/old text has (``by``: the label of the pass that made it, in a history)."""

    cells: list[list[Piece]]
    kind: Kind = "equal"
    by: int | None = None

    def view(self, which: str) -> list[str]:
        skip = "insert" if which == "old" else "delete"
        return ["".join(p.text for p in cell if p.kind != skip) for cell in self.cells]


@dataclass(slots=True)
class Table:
    """Rows of one table; the first ``header`` rows (one, or the old and the new header row)
    repeat on every page (``| --- |`` under the first line)."""

    rows: list[Row]
    header: int


def _separator_width(line: str) -> int | None:
    """The column count of a canonical ``| --- | --- |`` line (what the reader writes), or None."""
    if not is_table_row(line):
        return None
    cells = parse_row(line)
    return len(cells) if is_separator(cells) and line == format_row(["---"] * len(cells)) else None


def _cells(pieces: Sequence[Piece], views: tuple[str, ...]) -> list[list[Piece]] | None:
    """Cut a row's pieces at its boundary pipes; None when a pipe is in one text only (the
    columns differ) or the line is not a row in each of ``views``."""
    chars: list[Piece] = [Piece(p.kind, c, p.move, p.changed, p.by) for p in pieces for c in p.text]
    in_view = {
        "old": [i for i, c in enumerate(chars) if c.kind != "insert"],
        "new": [i for i, c in enumerate(chars) if c.kind != "delete"],
    }
    escaped: set[int] = set()  # backslashes of "\|" (dropped) in every view
    boundary: set[int] = set()
    for view in views:
        order = in_view[view]
        bounds = set()
        for n, i in enumerate(order):
            if chars[i].text != "|":
                continue
            if n and chars[order[n - 1]].text == "\\":
                escaped.add(order[n - 1])
            else:
                bounds.add(i)
        if not bounds:
            return None
        boundary = bounds if view == views[0] else boundary
        if bounds != boundary:
            return None
    segments: list[list[int]] = [[]]
    for i in range(len(chars)):
        if i in boundary:
            segments.append([])
        elif i not in escaped:
            segments[-1].append(i)
    if len(segments) < 3 or any(chars[i].text.strip() for seg in (segments[0], segments[-1]) for i in seg):
        return None
    return [_trimmed([chars[i] for i in seg], views) for seg in segments[1:-1]]


def _trimmed(chars: list[Piece], views: tuple[str, ...]) -> list[Piece]:
    """A cell's characters without the padding around it in either text: a space that pads one
    text only becomes a deletion or insertion in the other, so both views come out stripped."""
    keep: list[Piece | None] = list(chars)
    pad: dict[str, set[int]] = {}
    for view in ("old", "new"):
        skip = "insert" if view == "old" else "delete"
        order = [i for i, c in enumerate(chars) if c.kind != skip]
        text = "".join(chars[i].text for i in order)
        lead = len(text) - len(text.lstrip())
        trail = len(text) - len(text.rstrip())
        pad[view] = {order[n] for n in range(len(order)) if n < lead or n >= len(order) - trail}
    for i, c in enumerate(chars):
        if c.kind == "equal" and len(views) == 2:
            old_pad, new_pad = i in pad["old"], i in pad["new"]
            if old_pad and new_pad:
                keep[i] = None
            elif old_pad:
                keep[i] = Piece("insert", c.text, c.move, c.changed, c.by)
            elif new_pad:
                keep[i] = Piece("delete", c.text, c.move, c.changed, c.by)
        elif i in pad["old" if c.kind != "insert" else "new"]:
            keep[i] = None
    out: list[Piece] = []
    for c in keep:
        if c is None:
            continue
        last = out[-1] if out else None
        if last and (last.kind, last.move, last.changed, last.by) == (c.kind, c.move, c.changed, c.by):
            out[-1] = Piece(c.kind, last.text + c.text, c.move, c.changed, c.by)
        else:
            out.append(c)
    return out


def _first_by(pieces: Sequence[Piece], fallback: int | None) -> int | None:
    return next((p.by for p in pieces if p.kind != "equal" and p.by is not None), fallback)


def _rows_of(para: UnionPara) -> list[Row] | None:
    """The table rows one union paragraph stands for, or None when it is not a table row."""
    whole = para.wholly
    if whole is not None:
        view = "new" if whole == "insert" else "old"
        if not is_table_row(para.view(view)):  # type: ignore[arg-type]
            return None
        cells = _cells(para.pieces, (view,))
        return None if cells is None else [Row(cells, whole, _first_by(para.pieces, para.mark_by))]
    if para.mark != "equal":
        return None
    old, new = para.view("old"), para.view("new")
    if not (is_table_row(old) and is_table_row(new)):
        return None
    cells = _cells(para.pieces, ("old", "new"))
    if cells is not None:
        return [Row(cells)]
    by = _first_by(para.pieces, None)
    gone = [Piece("delete", p.text, None, False, p.by if p.kind == "delete" else by)
            for p in para.pieces if p.kind != "insert"]  # fmt: skip
    came = [Piece("insert", p.text, None, False, p.by if p.kind == "insert" else by)
            for p in para.pieces if p.kind != "delete"]  # fmt: skip
    old_cells, new_cells = _cells(gone, ("old",)), _cells(came, ("new",))
    if old_cells is None or new_cells is None:
        return None
    return [Row(old_cells, "delete", by), Row(new_cells, "insert", by)]


def _is_separator_para(para: UnionPara, first: Sequence[Row]) -> bool:
    """The ``| --- |`` line right under a table's first line, in each text that line is in,
    as wide as the first row there (a column added to both is still the header)."""
    widths = {}
    for row in first:
        for view in ("old", "new"):
            if row.kind == "equal" or row.kind == ("insert" if view == "new" else "delete"):
                widths[view] = len(row.cells)
    if para.wholly is not None:
        ok = set(widths) == {"new" if para.wholly == "insert" else "old"}
    else:
        ok = para.mark == "equal" and set(widths) == {"old", "new"}
    return ok and all(_separator_width(para.view(v)) == n for v, n in widths.items())  # type: ignore[arg-type]


def table_spans(paras: Sequence[UnionPara]) -> dict[int, tuple[int, Table]]:
    """Runs of union paragraphs written as tables: ``{first index: (end index, table)}``.

    Paragraph 0 (the article's heading) never starts one; a paragraph after a changed paragraph
    mark that is not a whole line of its own is never a row (its line joins another)."""
    spans: dict[int, tuple[int, Table]] = {}
    i = 1
    while i < len(paras):
        prev = paras[i - 1]
        rows = _rows_of(paras[i]) if prev.mark == "equal" or prev.wholly is not None else None
        if rows is None:
            i += 1
            continue
        start, j = i, i + 1
        table = Table(list(rows), header=0)
        if j < len(paras) and _is_separator_para(paras[j], rows):
            table.header = len(rows)
            j += 1
        while j < len(paras):
            more = _rows_of(paras[j])
            if more is None:
                break
            table.rows += more
            j += 1
        spans[start] = (j, table)
        i = j
    return spans


def keep_marks_off_tables(
    paras: list[UnionPara], spans: dict[int, tuple[int, Table]], lead: UnionPara | None = None
) -> None:
    """Move the changed paragraph marks right before each table one paragraph up, in place.

    LibreOffice (7.4, measured) cannot merge a paragraph into a table, so a paragraph whose
    inserted (deleted) mark touches a table stays behind as an empty paragraph on reject-all
    (accept-all). Before a table come only whole inserted or deleted paragraphs (``table_spans``);
    shifting the marks of such a run and of the unchanged paragraph above it one place up gives
    both texts unchanged (each run's "\\n" + text becomes text + "\\n") and an unchanged mark
    next to the table. A run from paragraph 0 (nothing unchanged above it in this article) uses
    ``lead``, the previous article's last paragraph (unchanged mark), whose new mark the caller
    then writes; without one the run stays (LibreOffice leaves an empty paragraph on top)."""
    in_tables = {i for begin, (end, _) in spans.items() for i in range(begin, end)}
    for start in spans:
        r = start
        while r > 0 and paras[r - 1].mark != "equal" and paras[r - 1].wholly is not None:
            r -= 1
        if r == start:
            continue
        if r == 0 and lead is None:
            continue
        if r > 0 and (paras[r - 1].mark != "equal" or r - 1 in in_tables):
            continue
        run = paras[r - 1 : start] if r else [lead, *paras[:start]]
        marks = [(p.mark, p.mark_move, p.mark_by) for p in run]
        for para, (mark, move, by) in zip(run, [*marks[1:], marks[0]], strict=True):
            para.mark, para.mark_move, para.mark_by = mark, move, by  # type: ignore[union-attr]


Item = TypeVar("Item")


def blocks(
    items: Sequence[Item], spans: Mapping[int, tuple[int, Table]]
) -> Iterator[tuple[int, Item | Table]]:
    """Every writer's walk: each paragraph (or line) with its index, and in place of the ones a
    span covers, its table (with the index of its first row)."""
    i = 0
    while i < len(items):
        if i in spans:
            end, table = spans[i]
            yield i, table
            i = max(end, i + 1)
        else:
            yield i, items[i]
            i += 1


def ends_in_table(paras: Sequence[UnionPara]) -> bool:
    """Whether the last paragraph is a table row (whose row, not a mark, carries its revision)."""
    return any(end == len(paras) for end, _ in table_spans(paras).values())


def plain_tables(lines: Sequence[str]) -> dict[int, tuple[int, Table]]:
    """The same spans for lines of plain text (clean, TA and compiled documents)."""
    paras = [UnionPara([Piece("equal", line)] if line else []) for line in lines]
    return table_spans(paras)


def move_ids(paras: Sequence[UnionPara], spans: dict[int, tuple[int, Table]]) -> set[str]:
    """Moves with a side inside a table: written there as plain revisions, so both sides are."""
    return {
        p.move
        for start, (end, _) in spans.items()
        for para in paras[start:end]
        for p in para.pieces
        if p.move is not None
    }


PieceXml = Callable[[Piece, str], str]  # a piece and extra run properties -> its runs
RowMark = Callable[[Row], str]  # a row -> revision markup for its w:trPr ("" for none)


def table_xml(
    table: Table, piece_xml: PieceXml, row_mark: RowMark, style_id: str, cell_mark: RowMark | None = None
) -> str:
    """One ``w:tbl``: plain grey rules set directly (a table style would come back from
    LibreOffice as anonymous format revisions), columns sized to their longest cell, numbers
    right-aligned, the header row shaded, bold and repeated on every page. A changed cell is as
    long as its old and new text together, so a replaced amount does not break mid-number.
    ``cell_mark`` gives run properties for each cell's paragraph mark (a static redline's row
    that only one text has)."""
    width = max((len(r.cells) for r in table.rows), default=1) or 1
    longest = [4] * width
    numeric = [True] * width
    for n, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):  # a changed cell shows old and new side by side
            longest[c] = max(longest[c], min(sum(len(p.text) for p in cell), 60))
        for view in ("old", "new"):
            for c, text in enumerate(row.view(view)):
                if text and n >= table.header and not _NUMBER.fullmatch(text):
                    numeric[c] = False
    total = sum(longest)
    cols = [max(600, TEXT_WIDTH * n // total) for n in longest]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:tblBorders>{_RULES}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    for n, row in enumerate(table.rows):
        head = n < table.header
        # a row shorter than the grid (a column one text lacks) just ends: no w:gridAfter, which
        # LibreOffice (7.4, measured) fills with a real empty cell, so the old table came back
        # from reject-all (the new one from accept-all) one empty cell wider
        props = "<w:cantSplit/>" + ("<w:tblHeader/>" if head else "")
        out.append(f"<w:tr><w:trPr>{props}{row_mark(row)}</w:trPr>")
        for c, cell in enumerate(row.cells):
            shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if head else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{cols[c]}" w:type="dxa"/>{shade}</w:tcPr>')
            jc = '<w:jc w:val="right"/>' if numeric[c] and not head else ""
            mark = cell_mark(row) if cell_mark else ""
            mark = f"<w:rPr>{mark}</w:rPr>" if mark else ""
            out.append(f'<w:p><w:pPr><w:pStyle w:val="{esc(style_id)}"/>{jc}{mark}</w:pPr>')
            out.extend(piece_xml(p, "<w:b/>" if head else "") for p in cell if p.text)
            out.append("</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def first_part_off_table(first: list[UnionPara] | None, second: list[UnionPara] | None) -> bool:
    """A part added (withdrawn) whole at the top of a document, its heading right above a table:
    nothing is above the heading to take its revised mark (``keep_marks_off_tables``), and
    LibreOffice (7.4, measured) cannot join a paragraph into the table below, so rejecting
    (accepting) left an empty paragraph on top. The next part's unchanged heading is then
    written as the other text of that first paragraph and as a whole new (gone) paragraph at
    its own place, which gives both texts exactly: the first paragraph keeps an unchanged
    mark, the revised mark moves to the next part's heading. In place; True when done."""
    if not first or len(first) < 2 or not second or first[0].wholly is None:
        return False
    kind = first[0].wholly
    spans = table_spans(first)
    if 1 not in spans or any(p.wholly != kind and not _row_whole(p, kind) for p in first):
        return False
    head = second[0]
    if head.mark != "equal" or [p.kind for p in head.pieces] != ["equal"]:
        return False
    other: Kind = "delete" if kind == "insert" else "insert"
    text = head.pieces[0].text
    by = first[0].mark_by
    first[0].pieces = [*first[0].pieces, Piece(other, text, None, False, by)]
    first[0].mark, first[0].mark_by = "equal", None
    second[0] = UnionPara([Piece(kind, text, None, False, by)], kind, None, by)
    under = ends_in_table(first)
    if kind == "delete" and under and len(second) > 2 and not second[1].pieces and second[1].mark == "equal":
        # accepting would join the gone heading right under the table with the paragraph
        # after it, keeping the heading's style there (LibreOffice 7.4): the blank line under
        # the heading takes the deleted mark instead
        second[0].mark, second[1].mark, second[1].mark_by = "equal", "delete", by
    return True


def _row_whole(para: UnionPara, kind: str) -> bool:
    """A table row (the last of a part has no mark of its own) wholly of ``kind``."""
    return {p.kind for p in para.pieces if p.text} == {kind} and para.mark in ("equal", kind)
