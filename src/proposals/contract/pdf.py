"""A contract's text from a PDF (most contracts in force are published only as PDF).

The text layer is read with pypdfium2 (PDFium, the engine of Chrome's PDF viewer): on a
310-page contract it takes 0.4 s where pypdf takes 7 s and pdfplumber 34 s (bench/bench_intake.py).
Lines are then unwrapped into paragraphs by :mod:`proposals.contract.plaintext`. A scanned PDF
(no text layer) and an encrypted one get a one-line error; nothing is ever run from the file.

Ruled tables (wage schedules: PDFs drawn from Word or LibreOffice rule their tables) are kept as
tables: the ruling lines give the grid, a cell missing an inner rule is merged across (a header
cell spanning the steps) and its text goes in its first column, each cell's text is read inside
its box, and the rows come out as pipe lines (:mod:`proposals.contract.table`) in place of the
jumbled cell lines the text layer gives. A table without rules stays lines of text. A box with
no inner column (Word's paragraph borders round a heading) is no table: its lines stay text. A
running header or footer drawn before the body, or between two lines of a paragraph, is moved
to its page's edge first (``layout.margins_in_place``), where the page furniture is looked for.
Every page is read before any is laid out: a margin's line numbers (pleading paper, Word's line
numbering) are told from a clause's or a table's numbers on the whole document
(``layout.strip_line_numbers``), and removed before tables are looked for.
"""

from __future__ import annotations

import ctypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

from proposals.contract.headings import STYLES, match_heading
from proposals.contract.layout import (
    GLYPHS,
    PageLine,
    common_words,
    find_tables,
    margins_in_place,
    page_lines,
    page_text,
    strip_line_numbers,
    text_column,
)
from proposals.contract.plaintext import Unwrapped, strip_page_furniture, trim, unwrap
from proposals.contract.table import Table, is_table_row
from proposals.errors import ProposalsError
from proposals.files import input_size

MAX_PDF_BYTES = 200 * 1024 * 1024
MIN_CHARS_PER_PAGE = 20  # below this on average, the pages are images (a scan)
IMAGE_SHARE = 0.2  # an image over this share of a page may hold text the text layer has not


RULE = 2.0  # a path thinner than this (points) is a ruling line
NEAR = 2.5  # ruling lines closer than this are one line (double rules, line widths)
_NUMBER = re.compile(r"[$\u20ac\u00a3]?\s*-?[\d.,]+\s*%?")


@dataclass
class PdfText:
    pages: int
    unwrapped: Unwrapped
    tables: int = 0


@dataclass
class _Grid:
    """One ruled table on a page: its ruling lines (PDF points, y up)."""

    horizontal: list[tuple[float, float, float]]  # (y, x0, x1)
    vertical: list[tuple[float, float, float]]  # (x, y0, y1)

    @property
    def box(self) -> tuple[float, float, float, float]:
        xs = [x for _, a, b in self.horizontal for x in (a, b)] + [x for x, _, _ in self.vertical]
        ys = [y for y, _, _ in self.horizontal] + [y for _, a, b in self.vertical for y in (a, b)]
        return min(xs), min(ys), max(xs), max(ys)


def _rules(page: object) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The page's ruling lines: thin path objects, and the edges of boxes drawn as one path."""
    import pypdfium2.raw as raw

    horizontal, vertical = [], []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    handle = page.raw  # type: ignore[attr-defined]
    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        width, height = x1 - x0, y1 - y0
        if height < RULE and width > RULE:
            horizontal.append(((y0 + y1) / 2, x0, x1))
        elif width < RULE and height > RULE:
            vertical.append(((x0 + x1) / 2, y0, y1))
        elif width > RULE and height > RULE and width < 2000 and height < 2000:
            horizontal += [(y0, x0, x1), (y1, x0, x1)]
            vertical += [(x0, y0, y1), (x1, y0, y1)]
    return horizontal, vertical


def _grids(page: object) -> list[_Grid]:
    """The ruled tables on a page: ruling lines that touch, at least two rows of cells."""
    horizontal, vertical = _rules(page)
    if len(horizontal) < 3 or len(vertical) < 2 or len(horizontal) + len(vertical) > 4000:
        return []
    lines = [("h", *h) for h in horizontal] + [("v", *v) for v in vertical]

    def touch(a: tuple, b: tuple) -> bool:
        if a[0] == b[0]:
            return abs(a[1] - b[1]) < NEAR and a[2] <= b[3] + NEAR and b[2] <= a[3] + NEAR
        h, v = (a, b) if a[0] == "h" else (b, a)
        return h[2] - NEAR <= v[1] <= h[3] + NEAR and v[2] - NEAR <= h[1] <= v[3] + NEAR

    group = list(range(len(lines)))

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            if touch(lines[i], lines[j]):
                group[find(i)] = find(j)
    found: dict[int, _Grid] = {}
    for i, line in enumerate(lines):
        grid = found.setdefault(find(i), _Grid([], []))
        (grid.horizontal if line[0] == "h" else grid.vertical).append(line[1:])
    return [
        g
        for g in found.values()
        if len(_positions([y for y, _, _ in g.horizontal])) >= 3
        and len(_positions([x for x, _, _ in g.vertical])) >= 2
    ]


def _positions(values: list[float]) -> list[float]:
    """Distinct positions, those within NEAR of each other taken as one."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > NEAR:
            out.append(value)
    return out


def _covered(lines: list[tuple[float, float, float]], at: float, lo: float, hi: float) -> bool:
    """Whether a ruling line at ``at`` runs across the middle of ``lo``..``hi``."""
    middle = (lo + hi) / 2
    return any(abs(pos - at) < NEAR and a - NEAR <= middle <= b + NEAR for pos, a, b in lines)


def _table(grid: _Grid, textpage: object) -> Table:
    """The grid's cells read inside their boxes; a merged cell's text in its first row and column."""
    ys = _positions([y for y, _, _ in grid.horizontal])[::-1]  # top down
    xs = _positions([x for x, _, _ in grid.vertical])
    rows: list[list[str]] = []
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r in range(len(ys) - 1):
        for c in range(len(xs) - 1):
            if (r, c) in owner:
                continue
            right = c + 1
            while right < len(xs) - 1 and not _covered(grid.vertical, xs[right], ys[r + 1], ys[r]):
                right += 1
            below = r + 1
            while below < len(ys) - 1 and not _covered(grid.horizontal, ys[below], xs[c], xs[right]):
                below += 1
            for rr in range(r, below):
                for cc in range(c, right):
                    owner[(rr, cc)] = (r, c)
    for r in range(len(ys) - 1):
        row = []
        for c in range(len(xs) - 1):
            if owner[(r, c)] != (r, c):
                row.append("")
                continue
            right = max(cc for (rr, cc), o in owner.items() if o == (r, c)) + 1
            below = max(rr for (rr, cc), o in owner.items() if o == (r, c)) + 1
            text = textpage.get_text_bounded(xs[c], ys[below], xs[right], ys[r])  # type: ignore[attr-defined]
            row.append(" ".join(text.replace("\ufffe", "-").split()))
        rows.append(row)
    rows = [row for row in rows if any(row)]
    header = (
        len(rows) >= 2
        and not any(_NUMBER.fullmatch(c) for c in rows[0] if c)
        and any(_NUMBER.fullmatch(c) for row in rows[1:] for c in row if c)
    )
    return Table(tuple(tuple(r) for r in rows), header)


@dataclass
class _Page:
    """A page as read, before it is laid out (``_laid_out``): its lines with their boxes, or as
    plain text when the characters cannot be placed (its tables then already in place); each
    ruled grid with its table (None: no inner column, a frame round text)."""

    lines: list[PageLine] | list[str]
    grids: list[tuple[_Grid, Table | None]]
    tables: list[Table]
    plain: bool = False


def _read_page(page: object, textpage: object, known: set[str]) -> _Page:
    """A page's lines in content order with their boxes, and its ruled tables read inside their
    grids; or its text with the tables in place when the characters cannot be placed."""
    grids = sorted(_grids(page), key=lambda g: -g.box[3])
    positioned = page_lines(textpage, known)
    if positioned is None:
        lines, tables, _ = _plain_page_lines(page, textpage, grids)
        return _Page(lines, [], tables, plain=True)
    read = [
        (grid, None if len(_positions([x for x, _, _ in grid.vertical])) < 3 else _table(grid, textpage))
        for grid in grids
    ]
    return _Page(positioned, read, [])


def _laid_out(read: _Page) -> tuple[list[PageLine] | list[str], list[Table], int]:
    """A page's lines in reading order with their boxes (for :func:`page_text`, once the
    document's text column is known), or as plain text when the characters could not be placed:
    each ruled table replaced by its pipe lines, tables without rules found from where their
    cells sit (:mod:`proposals.contract.layout`); and the tables found (ruled, and how many
    without rules)."""
    if read.plain:
        return read.lines, read.tables, 0
    positioned = margins_in_place(read.lines)  # type: ignore[arg-type]
    tables: list[Table] = []
    for grid, table in read.grids:
        x0, y0, x1, y1 = grid.box
        if table is None:  # no inner column
            positioned = _framed(positioned, grid.box)
            continue
        if _prose(table):
            continue  # its lines stay the page's text
        positioned = [
            line
            for line in positioned
            if not (y0 - 1 <= line.middle <= y1 + 1 and x0 - 1 <= (line.x0 + line.x1) / 2 <= x1 + 1)
        ]
        if not table.rows:
            continue
        tables.append(table)
        positioned.insert(_place(positioned, y0, y1), PageLine("", x0, x1, y0, y1, table=table.lines()))
    positioned, unruled = find_tables(positioned)
    return positioned, tables, unruled


PROSE_CELL_WORDS = 200  # a cell with more words than this is a page of text in a frame


def _prose(table: Table) -> bool:
    """A ruled "table" one of whose cells holds a page of running text: a web page printed to
    PDF (its frame and a "Top" link beside every article), a bordered page. Read as a table it
    made every article a cell, and no heading a heading; its lines are text."""
    return any(len(cell.split()) > PROSE_CELL_WORDS for row in table.rows for cell in row)


def _framed(lines: list[PageLine], box: tuple[float, float, float, float]) -> list[PageLine]:
    """A box with no inner columns (Word's paragraph borders or shading: a heading's frame, a
    boxed note) is not a table: its text stays the text layer's lines, never cut to the box (a
    line taller than its frame holds text outside it). A heading wrapped inside its frame
    ("ARTICLE 15.000 ... OVERTIME MEAL" / "BREAKS") becomes one line."""
    x0, y0, x1, y1 = box
    inside = [
        i
        for i, line in enumerate(lines)
        if line.table is None and y0 <= line.middle <= y1 and x0 <= (line.x0 + line.x1) / 2 <= x1
    ]
    if len(inside) < 2 or inside != list(range(inside[0], inside[-1] + 1)):
        return lines
    first = lines[inside[0]].text
    if not any(match_heading(first, style=style) for style in STYLES):
        return lines
    parts = [lines[i] for i in inside]
    joined = PageLine(
        " ".join(line.text for line in parts),
        min(line.x0 for line in parts),
        max(line.x1 for line in parts),
        min(line.y0 for line in parts),
        max(line.y1 for line in parts),
    )
    return [*lines[: inside[0]], joined, *lines[inside[-1] + 1 :]]


def _place(lines: list[PageLine], bottom: float, top: float) -> int:
    """Where a table from `bottom` to `top` goes among a page's lines in reading order: the place
    with the fewest lines on the wrong side of it (above the table after it, below before it),
    the first such place. Not "before the first line below it": a running footer is often the
    page's first line in content order, and a table put before it lands at the top of the page."""
    wrong = sum(1 for line in lines if line.table is None and line.middle > top)  # all after 0
    best, at = wrong, 0
    for i, line in enumerate(lines):
        if line.table is None:
            wrong += (line.middle < bottom) - (line.middle > top)
        if wrong < best:
            best, at = wrong, i + 1
    return at


def _plain_page_lines(
    page: object, textpage: object, grids: list[_Grid]
) -> tuple[list[str], list[Table], int]:
    """The text in content order, ruled tables in place, when characters cannot be placed."""
    if not grids:
        return _lines(textpage.get_text_range()), [], 0  # type: ignore[attr-defined]
    width, height = page.get_size()  # type: ignore[attr-defined]
    lines: list[str] = []
    tables = []
    top = height + 1000
    for grid in grids:
        _, y0, _, y1 = grid.box
        if y1 > top:  # side by side with the table above: read as text
            continue
        lines += _lines(textpage.get_text_bounded(-1000, y1 + 0.5, width + 1000, top))  # type: ignore[attr-defined]
        table = _table(grid, textpage)
        if table.rows and not _prose(table):
            tables.append(table)
            lines += table.lines()
        top = y0 - 0.5
    lines += _lines(textpage.get_text_bounded(-1000, -1000, width + 1000, top))  # type: ignore[attr-defined]
    return lines, tables, 0


def _image_share(page: object) -> float:
    """The largest share of the page one image drawn on it covers: a scanned page (its text an
    image, with no text layer) or a table pasted as a picture. Images inside a form are not
    looked into."""
    import pypdfium2.raw as raw

    handle = page.raw  # type: ignore[attr-defined]
    x0, y0, x1, y1 = page.get_mediabox()  # type: ignore[attr-defined]
    area = (x1 - x0) * (y1 - y0)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    share = 0.0
    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top) or area <= 0:
            continue
        width = max(0.0, min(right.value, x1) - max(left.value, x0))
        height = max(0.0, min(top.value, y1) - max(bottom.value, y0))
        share = max(share, width * height / area)
    return share


def _images_note(images: list[tuple[int, int]]) -> str | None:
    """What the dry run says of pages that show a large image, (page number, characters of text
    on it): what an image shows is not text the reader can import (an article on a scanned page
    among typed ones, a wage table pasted as a picture), so the team checks those pages."""
    if not images:
        return None
    shown = ", ".join(f"{page}{' (no text)' if chars < MIN_CHARS_PER_PAGE else ''}" for page, chars in images)
    many = len(images) != 1
    return (
        f"page{'s' if many else ''} {shown} of the PDF show{'' if many else 's'} an image (a scanned page, "
        "a table pasted as a picture): what it shows is not text and is not imported; check "
        f"{'those pages' if many else 'that page'} against the parts"
    )


def _lines(text: str) -> list[str]:
    text = text.translate(GLYPHS)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-\n").split("\n")


INVISIBLE = (3, 7)  # text render modes that paint nothing: invisible, clip only (PDF 9.3.6)
COPY_SHARE = 0.5  # an invisible text object this much under visible text is a copy of it
_BAND = 20.0  # points: visible boxes filed by height on the page, for the overlap test


def _invisible_copies(page: object) -> int:
    """Remove from the page (in memory: the document is never saved) each invisible text object
    (render mode 3, the OCR layer a scanner or Acrobat's "Recognize Text" lays over a page)
    that lies over the page's visible text: a Word PDF later OCR'd read every line twice
    ("Memorandum of Agreement 31 Memorandum of Agreement 31"). Where most of the layer is such
    a copy, the rest goes too (what OCR made of the page's logo or signature). Invisible text
    that mostly lies over no visible text stays: on a scanned page (its text an image) the OCR
    layer is the text. Returns how many objects went. A page with no invisible text costs one
    walk over its objects."""
    import pypdfium2.raw as raw

    text_type, form_type = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM
    hidden: list[tuple[object, object, tuple[float, ...]]] = []  # (form or None, object, matrix)
    visible: list[tuple[object, tuple[float, ...]]] = []
    forms: list[tuple[object, tuple[float, ...]]] = []
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    handle = page.raw  # type: ignore[attr-defined]
    count, get = raw.FPDFPage_CountObjects(handle), raw.FPDFPage_GetObject
    objects = [(None, get(handle, i), identity) for i in range(count)]
    while objects:  # the page's objects, and those inside its forms (an OCR layer is often one)
        parent, obj, matrix = objects.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == text_type:
            if raw.FPDFTextObj_GetTextRenderMode(obj) in INVISIBLE:
                hidden.append((parent, obj, matrix))
            else:
                visible.append((obj, matrix))
        elif kind == form_type:
            forms.append((obj, matrix))
            inner = raw.FS_MATRIX()
            if raw.FPDFPageObj_GetMatrix(obj, inner):
                a, b, c, d, e, f = matrix
                m = (inner.a, inner.b, inner.c, inner.d, inner.e, inner.f)
                matrix = (  # the form's matrix, then the one it stands in
                    m[0] * a + m[1] * c, m[0] * b + m[1] * d, m[2] * a + m[3] * c,
                    m[2] * b + m[3] * d, m[4] * a + m[5] * c + e, m[4] * b + m[5] * d + f,
                )  # fmt: skip
            n = raw.FPDFFormObj_CountObjects(obj)
            objects.extend((obj, raw.FPDFFormObj_GetObject(obj, i), matrix) for i in range(max(n, 0)))
    if not hidden or not visible:
        return 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))

    def box(obj: object, matrix: tuple[float, ...]) -> tuple[float, float, float, float] | None:
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return None
        a, b, c, d, e, f = matrix
        xs, ys = [], []
        for x in (left.value, right.value):
            for y in (bottom.value, top.value):
                xs.append(a * x + c * y + e)
                ys.append(b * x + d * y + f)
        return min(xs), min(ys), max(xs), max(ys)

    bands: dict[int, list[tuple[float, float, float, float]]] = {}
    for obj, matrix in visible:
        found = box(obj, matrix)
        if found is None or found[2] <= found[0] or found[3] <= found[1]:
            continue
        for band in range(int(found[1] // _BAND), int(found[3] // _BAND) + 1):
            bands.setdefault(band, []).append(found)
    copies = []
    for parent, obj, matrix in hidden:
        found = box(obj, matrix)
        if found is None:
            continue
        x0, y0, x1, y1 = found
        near = {
            other for band in range(int(y0 // _BAND), int(y1 // _BAND) + 1) for other in bands.get(band, ())
        }
        if x1 > x0:  # its width mostly under visible text on its line (an OCR word's box is
            # taller than the glyphs': its height is no measure)
            covered = sum(
                max(0.0, min(x1, b[2]) - max(x0, b[0]))
                for b in near
                if min(y1, b[3]) - max(y0, b[1]) >= COPY_SHARE * min(y1 - y0, b[3] - b[1])
            )
            copy = covered >= COPY_SHARE * (x1 - x0)
        else:  # an empty box: under visible text if its middle is
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2
            copy = any(b[0] <= mx <= b[2] and b[1] <= my <= b[3] for b in near)
        if copy:
            copies.append((parent, obj))
    if len(copies) >= COPY_SHARE * len(hidden):
        # the page was recognised whole over its own text: the rest of its invisible layer is
        # what OCR made of its pictures (a logo, a signature: "— =", "VCoONOUIA WN HH")
        copies = [(parent, obj) for parent, obj, _ in hidden]
    removed = 0
    for parent, obj in copies:
        if parent is None:
            gone = raw.FPDFPage_RemoveObject(handle, obj)
        else:
            gone = raw.FPDFFormObj_RemoveObject(parent, obj)
        if gone:
            raw.FPDFPageObj_Destroy(obj)  # removed objects are the caller's to free
            removed += 1
    return removed


def _upright(document: object, index: int) -> object:
    """Page `index` with its content turned as it is shown: a landscape wage table set on a
    portrait page turned by ``/Rotate 90`` has its lines running up the page in PDF space, where
    the characters' boxes are; here they run across it, as on screen (the document is only read,
    never saved)."""
    import pypdfium2.raw as raw

    page = document[index]  # type: ignore[index]
    turn = page.get_rotation() % 360
    if turn not in (90, 180, 270):
        return page
    x0, y0, x1, y1 = page.get_mediabox()
    a, b, c, d, e, f = {  # PDF space to the page as shown, its lower left corner at 0, 0
        90: (0, -1, 1, 0, -y0, x1),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, 1, -1, 0, y1, -x0),
    }[turn]

    def shown(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        corners = [(a * x + c * y + e, b * x + d * y + f) for x in box[::2] for y in box[1::2]]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        return min(xs), min(ys), max(xs), max(ys)

    crop = shown(page.get_cropbox())  # a printer's crop (its marks outside) kept, turned
    if not raw.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(raw.FS_MATRIX(a, b, c, d, e, f)), None):
        return page  # read as it is
    raw.FPDFPage_SetRotation(page.raw, 0)
    raw.FPDFPage_SetMediaBox(page.raw, *shown((x0, y0, x1, y1)))
    raw.FPDFPage_SetCropBox(page.raw, *crop)
    page.close()
    return document[index]  # type: ignore[index]  # parsed again, from the turned content


def read_pdf(path: str | os.PathLike[str]) -> PdfText:
    """The PDF's paragraphs in reading order, page furniture removed; ProposalsError otherwise."""
    source = Path(path)
    name = str(source)
    input_size(source, "a PDF", MAX_PDF_BYTES)
    with source.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise ProposalsError(f"{name}: not a PDF file")

    import pypdfium2 as pdfium  # lazily: only PDF intake needs it

    try:
        document = pdfium.PdfDocument(str(source))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ProposalsError(
                f"{name}: encrypted (password-protected); save an unprotected copy first"
            ) from None
        raise ProposalsError(f"{name}: not a readable PDF ({exc})") from None
    try:
        pages_read: list[_Page] = []
        chars = layered = 0
        images: list[tuple[int, int]] = []  # (page number, its characters): a large image on it
        known = common_words()  # the words the pages so far use (layout._missing_spaces)
        for index in range(len(document)):
            page = _upright(document, index)
            try:
                if _invisible_copies(page):
                    layered += 1
                textpage = page.get_textpage()
                try:
                    count = textpage.count_chars()
                    chars += count
                    if _image_share(page) >= IMAGE_SHARE:
                        images.append((index + 1, count))
                    pages_read.append(_read_page(page, textpage, known))
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        document.close()
    numbers = strip_line_numbers([p.lines for p in pages_read if not p.plain])  # type: ignore[misc]
    read: list[list[PageLine] | list[str]] = []
    tables = unruled = 0
    for page_read in pages_read:
        lines, found, without_rules = _laid_out(page_read)
        tables += len(found)
        unruled += without_rules
        read.append(lines)
    column = text_column([line for lines in read for line in lines if isinstance(line, PageLine)])
    pages = [
        page_text(lines, column) if lines and isinstance(lines[0], PageLine) else lines  # type: ignore[arg-type]
        for lines in read
    ]
    if not pages:
        raise ProposalsError(f"{name}: the PDF has no pages")
    if chars < MIN_CHARS_PER_PAGE * len(pages):
        raise ProposalsError(
            f"{name}: no text layer (a scanned PDF?); run it through OCR or use the Word original"
        )
    cleaned, skipped = strip_page_furniture(pages)
    unwrapped = unwrap([line for page in cleaned for line in trim(page)])
    unwrapped.skipped[:0] = skipped
    seen = _images_note(images)
    if seen:
        unwrapped.extra.append(seen)
    if layered:  # said: the text read once is the visible one
        unwrapped.extra.append(
            f"{layered} page{'s' if layered > 1 else ''} with an invisible text layer (OCR) over "
            "the visible text: the visible text read, the invisible copy left out"
        )
    if numbers:
        unwrapped.extra.append(f"{numbers} margin line number{'s' if numbers > 1 else ''} removed")
    if tables:  # counted once joined: a table over two pages is one table
        flags = [is_table_row(line.text) for line in unwrapped.lines]
        tables = sum(1 for i, flag in enumerate(flags) if flag and (i == 0 or not flags[i - 1]))
        unwrapped.extra.append(f"{tables} ruled tables read as tables (check their cells)")
    if unruled:
        unwrapped.extra.append(
            f"{unruled} table{'s' if unruled > 1 else ''} without ruling lines read as "
            f"{'tables' if unruled > 1 else 'a table'} from the columns of their cells (check their cells)"
        )
    return PdfText(len(pages), unwrapped, tables)


__all__ = ["PdfText", "read_pdf"]
