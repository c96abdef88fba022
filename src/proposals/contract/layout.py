"""A PDF page's text lines with their positions: paragraph gaps, page furniture and tables
without ruling lines, read from where the characters sit rather than from their order alone.

PDFium gives a page's text in content order with a line break at each line's end; each line's
first and last characters give its box (PDF points, y up). From those boxes:

- a vertical gap clearly wider than the page's line spacing is a blank line (a paragraph or a
  page header's margin), so a paragraph ends there and a running header is cut off from the body;
- a space PDFium left out between two words ("impactseither": Word drew them as one run with
  the space as a shift, not a character) is put back where the word could be two the document
  uses and the gap between the two letters' advance boxes stands out (``_missing_spaces``);
- a line is split into cells where a gap between two words is wider than the line is tall, only
  when it holds two numbers or is short (a wage table's row or header, never prose); a
  heading (or a title and its leader dots) and a page number apart is a table-of-contents line,
  given its tab back;
- a row whose later cells come after the text of a taller first cell ("Maintenance" / "Worker"
  beside "25.00 26.25") is put back together, and a first cell's second line joins it;
- two or more rows in a row whose cells line up in the same columns, most of them numbers, are a
  table: written as pipe lines (:mod:`proposals.contract.table`) like a ruled one;
- a column of line numbers in the margin (1..N down each page, clear of the text) is removed
  (``strip_line_numbers``), a clause's, a list's or a table's own numbers kept.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from proposals.contract.headings import STYLES, division_heading, match_heading
from proposals.contract.split import GLYPHS
from proposals.contract.table import Table

_NUMBER = re.compile(r"^\(?[$\u20ac\u00a3]?-?\d[\d,]*(?:\.\d+)?%?\)?\Z")
GAP_BLANK = 1.45  # a vertical gap this many times the line spacing is a blank line
GAP_CELL = 1.2  # a horizontal gap this many times the line's height splits cells


@dataclass(frozen=True)
class EndNumber:
    """A whole number standing apart at one end of a line: a margin's line number, or a clause's,
    a list item's or a table row's own number (``strip_line_numbers`` tells them apart). Its value
    and box's left and right edge; where the line's text without it begins (a number at its start)
    or ends (at its end), None when the number is the whole line; and that text's font size."""

    value: int
    x0: float
    x1: float
    rest: float | None
    size: float = 0.0


@dataclass
class PageLine:
    """One line of a page: its text, box, and cells (x0, x1, text) when it splits into columns."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    cells: list[tuple[float, float, str]] = field(default_factory=list)
    table: list[str] | None = None  # pipe lines when this line stands for a whole table
    size: float = 0.0  # its font size when its first and last characters agree, else 0 (unknown)
    margin: bool = False  # a running header or footer moved to its page's edge (margins_in_place)
    lead: EndNumber | None = None  # a number at its start, apart from the text after it
    tail: EndNumber | None = None  # a number at its end, apart from the text before it
    uncut: str | None = None  # its text before it was read as a contents line ("Title\t3")

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def _boxes(textpage: object) -> object:
    import pypdfium2.raw as raw

    handle = textpage.raw  # type: ignore[attr-defined]
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))

    def box(index: int) -> tuple[float, float, float, float] | None:
        if not raw.FPDFText_GetCharBox(handle, index, left, right, bottom, top):
            return None
        if right.value <= left.value and top.value <= bottom.value:
            return None  # a generated character (a line break PDFium added) has no box
        return left.value, bottom.value, right.value, top.value

    return box


def _sizes(textpage: object) -> Callable[[int], float]:
    """Each character's font size in page units: PDFium's size (``Tf``) times the vertical scale
    of the character's matrix, which a PDF written with 1-point fonts scaled up carries it in
    (the loose box's height is no measure: it follows each glyph in some fonts)."""
    import pypdfium2.raw as raw

    handle = textpage.raw  # type: ignore[attr-defined]
    matrix = raw.FS_MATRIX()
    into = ctypes.byref(matrix)
    get_matrix, font_size = raw.FPDFText_GetMatrix, raw.FPDFText_GetFontSize  # bound once: per line

    def size(index: int) -> float:
        if not get_matrix(handle, index, into):
            return 0.0
        return float(font_size(handle, index)) * math.hypot(matrix.c, matrix.d)

    return size


SIZE_STEP = 1.15  # lines whose font sizes differ by this ratio are never one paragraph


def _other_size(a: PageLine, b: PageLine) -> bool:
    """Set in two font sizes (both known): a 14-point heading never wraps into 11-point text."""
    return bool(a.size and b.size) and max(a.size, b.size) > SIZE_STEP * min(a.size, b.size)


def _same_size(a: PageLine, b: PageLine) -> bool:
    """Set in one font size, both known (a heading whose title wraps onto the next line)."""
    return bool(a.size and b.size) and not _other_size(a, b)


WORD_GAP = 0.05  # a gap between two letters' advance boxes over this many box heights is a space...
GAP_STANDS_OUT = 3.0  # ... when this many times the gaps either side of it (not tracked text)
_LETTERS = re.compile(r"[^\W\d_]{5,}")  # "ofthe": two words run together have 5 letters
_WORDS = re.compile(r"[^\W\d_]+")
# Words a run-together pair so often starts or ends with ("asfollows", "ofthe", "notrequired")
# that they count as known before the document has used them.
_COMMON = frozenset({
    "a", "an", "and", "any", "as", "at", "be", "by", "do", "for", "from", "if", "in", "into", "is",
    "it", "its", "may", "must", "no", "not", "of", "on", "or", "per", "shall", "so", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "under",
    "upon", "we", "which", "who", "will", "with",
})  # fmt: skip
_SPLIT_TAIL = 5  # one known half and a rest this long make a split worth measuring


def common_words() -> set[str]:
    """A new document's known words, before its first page (``page_lines``' `known`)."""
    return set(_COMMON)


def _splits(word: str, known: set[str]) -> list[int]:
    """Where `word` could be two words run together: both halves known, one known and the rest
    a word's length, or a lower-case letter before a capital ("WorkRule")."""
    lower = word.lower()
    out = []
    for k in range(2, len(word) - 1):
        head, tail = lower[:k], lower[k:]
        if (
            (head in known and (tail in known or len(tail) >= _SPLIT_TAIL))
            or (tail in known and k >= _SPLIT_TAIL)
            or (word[k - 1].islower() and word[k].isupper())
        ):
            out.append(k)
    return out


def _missing_spaces(textpage: object, text: str, known: set[str]) -> set[int]:
    """The offsets in the page's `text` before which a space belongs that PDFium did not give.

    A character's loose box is its advance (the font's width for it), so the letters of a word
    touch, kerning aside; a word space the PDF drew as a shift of the pen leaves a gap of about a
    quarter of the font's height. Only where a word could be two (``_splits``, from the words
    the document uses: `known` grows with each page) is the gap measured, and it counts only
    when it stands out from the gaps either side, so letter-spaced text ("P R O V I N C E"),
    whose gaps are all wide, is left alone."""
    import pypdfium2.raw as raw

    handle = textpage.raw  # type: ignore[attr-defined]
    rect = raw.FS_RECTF()
    loose, into = raw.FPDFText_GetLooseCharBox, ctypes.byref(rect)  # bound once: called per letter
    boxes: dict[int, tuple[float, float, float] | None] = {}

    def box(index: int) -> tuple[float, float, float] | None:
        if index not in boxes:
            found = loose(handle, index, into)
            boxes[index] = (rect.left, rect.right, rect.top - rect.bottom) if found else None
        return boxes[index]

    known.update(_WORDS.findall(text.lower()))
    gaps: set[int] = set()
    splits: dict[str, list[int]] = {}  # a page says most of its words many times
    for match in _LETTERS.finditer(text):
        word = match.group()
        where = splits.get(word)
        if where is None:
            where = splits[word] = _splits(word, known)
        for k in where:
            at = match.start() + k
            before, after = box(at - 1), box(at)
            if before is None or after is None or before[2] <= 0:
                continue
            gap = (after[0] - before[1]) / before[2]
            if gap <= WORD_GAP:  # letters that touch: most places a word could split
                continue
            first, last = box(at - 2), box(at + 1)
            if first is None or last is None:
                continue
            either_side = max(before[0] - first[1], last[0] - after[1], 0) / before[2]
            if gap > GAP_STANDS_OUT * either_side + 0.02:
                gaps.add(at)
                break
    return gaps


def _spaced(piece: str, offset: int, gaps: set[int]) -> str:
    """`piece` of the page's text (starting at page offset `offset`) with the missing spaces in."""
    if not gaps:
        return piece
    cuts = sorted(g - offset for g in gaps if offset < g < offset + len(piece))
    if not cuts:
        return piece
    return " ".join(piece[a:b] for a, b in pairwise([0, *cuts, len(piece)]))


def page_lines(textpage: object, known: set[str] | None = None) -> list[PageLine] | None:
    """The page's lines in content order with their boxes; None when the text cannot be lined
    up with the characters' boxes (then the caller reads plain text). `known`: the words the
    document's pages so far used (``_missing_spaces``), added to."""
    count = textpage.count_chars()  # type: ignore[attr-defined]
    text = textpage.get_text_range(0, count)  # type: ignore[attr-defined]
    if len(text) != count:
        return None  # characters outside the BMP: offsets no longer match
    box = _boxes(textpage)
    size = _sizes(textpage)
    gaps = _missing_spaces(textpage, text, known if known is not None else common_words())
    lines: list[PageLine] = []
    start = 0
    for match in re.finditer(r"\r\n|\r|\n|\ufffe|\x02|\Z", text):
        end = match.start()
        raw_line = text[start:end] + ("-" if match.group() in ("\ufffe", "\x02") else "")
        begin = start
        start = match.end()
        stripped = raw_line.strip()
        if not stripped:
            if match.end() == match.start() == len(text):
                break
            continue
        first = begin + (len(raw_line) - len(raw_line.lstrip()))
        last = min(begin + len(raw_line.rstrip()) - 1, end - 1)  # the hyphen added has no box of its own
        boxes = [b for b in (box(first), box(last)) if b is not None]  # type: ignore[operator]
        if not boxes:
            return None
        line = PageLine(
            _spaced(stripped, first, gaps),
            min(b[0] for b in boxes),
            max(b[2] for b in boxes),
            min(b[1] for b in boxes),
            max(b[3] for b in boxes),
        )
        line.size = _one_size(size(first), size(last))
        if stripped[0].isdigit() or stripped[-1].isdigit():
            line.lead, line.tail = _end_numbers(raw_line, begin, first, last, box, size)
        words = stripped.split()
        if _cut_into_cells(words):
            line.cells = _cells(raw_line, begin, box, line.height, gaps)  # type: ignore[arg-type]
        _contents_line(line)
        lines.append(line)
        if match.end() == len(text):
            break
    return _rejoin_rows(lines)


def _one_size(first: float, last: float) -> float:
    """A line's font size: its first and last characters' when they agree, else 0 (unknown)."""
    return first if abs(first - last) < 0.05 * max(first, last) else 0.0


def _cut_into_cells(words: list[str]) -> bool:
    """Whether a line may be cells of a table: two numbers in it, or short (a header row)."""
    return sum(1 for w in words if _NUMBER.match(w)) >= 2 or 1 < len(words) <= 8


def _contents_line(line: PageLine) -> None:
    """A heading (or a title and its leader dots) and a page number apart: a contents line,
    given its tab back."""
    if len(line.cells) == 2 and re.fullmatch(r"\d{1,4}|[ivxlcIVXLC]{1,6}", line.cells[1][2]):
        head = line.cells[0][2].rstrip(" .\u2026")
        heading = any(match_heading(head, style=style) for style in STYLES) or division_heading(head)
        if head != line.cells[0][2] or heading:
            line.uncut = line.text
            line.text, line.cells = f"{head}\t{line.cells[1][2]}", []


_LEAD = re.compile(r"\s*(\d{1,4})(?:\s+(\S)|\s*\Z)")
_TAIL = re.compile(r"(?:(\S)\s+|\A\s*)(\d{1,4})\s*\Z")


def _end_numbers(  # type: ignore[no-untyped-def]
    raw_line: str, begin: int, first: int, last: int, box, size
) -> tuple[EndNumber | None, EndNumber | None]:
    """The whole numbers at the start and at the end of a line, apart from its other words
    (``EndNumber``), with their boxes: those a margin's line numbers are looked for among."""

    def number(a: int, b: int, rest: int | None, size_from: tuple[int, int]) -> EndNumber | None:
        left, right = box(begin + a), box(begin + b - 1)
        if left is None or right is None:
            return None
        edge = None
        if rest is not None:
            other = box(begin + rest)
            if other is None:
                return None
            edge = other[0] if rest >= b else other[2]
        return EndNumber(int(raw_line[a:b]), left[0], right[2], edge, _one_size(*map(size, size_from)))

    lead = tail = None
    match = _LEAD.match(raw_line)
    if match:
        rest = match.start(2) if match.group(2) else None
        lead = number(match.start(1), match.end(1), rest, (begin + rest if rest is not None else first, last))
    match = _TAIL.search(raw_line) if raw_line.rstrip()[-1:].isdigit() else None
    if match:
        rest = match.start(1) if match.group(1) else None
        tail = number(match.start(2), match.end(2), rest, (first, begin + rest if rest is not None else last))
    return lead, tail


NUMBERED_PAGE = 5  # numbers in a column on a page that show it numbers its lines by themselves
NUMBERED = 0.75  # of the lines beside such a column, at least this share numbered (a step apart)
ALIGN = 0.4  # line heights: numbers whose aligned edges are this close stand in one column
STRAY = 0.1  # lines reaching into the column, in the whole document, at most this share of its numbers
CLEAR = 0.25  # line heights: other lines start (or end) at least this far past such a column
COLUMNS = 3  # columns of line numbers at different places (a section with other margins) looked for
MAX_STEP = 10  # numbered every so many lines ("count by 5"): no more than this


def strip_line_numbers(pages: list[list[PageLine]]) -> int:
    """A margin's line numbers (a pleading paper's, or Word's and LibreOffice's line numbering:
    1..N down every page, or on through the document) removed from the pages' lines, in place;
    how many were removed.

    A number starting (or ending) a line is one when it stands in a column of such numbers at
    one place on the page (their right edges in line, or their left), clear of the text: each
    numbered line's own text starts a line's height or more past the column (further than a word
    space; or ends before it, at the right), and no other line near them reaches into it;
    counting up down the page, one every line (or
    every few: "count by 5"), the lines beside the column nearly all numbered (blank lines' numbers
    are lines of their own); a column so on two pages or more (the one page of a one-page
    document), and hardly any line of the whole document reaching into it. A clause's number
    ("1. The Employer", "3 UNION SECURITY"), a numbered list's, a table's steps 1..10 or a
    contents page's article numbers stand where the body text starts, on the left edge other
    pages' prose starts at, and the lines between them have none: those are text. On a page of
    the document's column whose numbers skip a table (Word numbers none of its lines) they
    need only stand clear of the text and count up."""
    removed = 0
    for side in ("lead", "tail"):
        done: set[int] = set()  # pages whose column is found: one a page
        for _ in range(COLUMNS):
            found = _number_column(pages, side, done)
            for p, members in found.items():
                stripped = {i: _without_number(pages[p][i], side) for i in members}
                pages[p][:] = [
                    out for i, line in enumerate(pages[p]) if (out := stripped.get(i, line)) is not None
                ]
                removed += len(members)
            if not found:
                break
            done.update(found)
    return removed


def _number_column(pages: list[list[PageLine]], side: str, done: set[int]) -> dict[int, list[int]]:
    """The lines, page by page, whose number at `side` ("lead" or "tail") is a margin's line
    number (``strip_line_numbers``), on pages other than those `done`; empty when there is no
    such column."""
    marks = [
        (p, i, number)
        for p, lines in enumerate(pages)
        if p not in done
        for i, line in enumerate(lines)
        if (number := getattr(line, side)) is not None
    ]
    if len(marks) < NUMBERED_PAGE:
        return {}
    heights = sorted(line.height for lines in pages for line in lines if line.table is None)
    height = max(heights[len(heights) // 2], 1.0)
    tolerance = ALIGN * height
    candidates = []
    for edge in ("x0", "x1"):
        values = sorted(getattr(number, edge) for _, _, number in marks)
        for count, at in _clusters(values, tolerance, 2):
            candidates.append((count, edge, at))
    for count, edge, at in sorted(candidates, reverse=True):
        if count < NUMBERED_PAGE:
            break
        found = _column_at(pages, marks, side, edge, at, tolerance, height, done)
        if found:
            return found
    return {}


def _clusters(values: list[float], width: float, most: int) -> list[tuple[int, float]]:
    """Up to `most` groups of the sorted `values`, each spanning no more than `width`: how many,
    and their median; the largest first, no value in two."""
    out: list[tuple[int, float]] = []
    for _ in range(most):
        best = (0, 0, 0)
        j = 0
        for i in range(len(values)):
            while j < len(values) and values[j] - values[i] <= width:
                j += 1
            if j - i > best[0]:
                best = (j - i, i, j)
        count, i, j = best
        if not count:
            break
        out.append((count, values[(i + j) // 2]))
        values = values[:i] + values[j:]
    return out


def _column_at(
    pages: list[list[PageLine]],
    marks: list[tuple[int, int, EndNumber]],
    side: str,
    edge: str,
    at: float,
    tolerance: float,
    height: float,
    done: set[int],
) -> dict[int, list[int]]:
    """The column of numbers whose `edge` stands at `at`, page by page, when it numbers the
    lines (``strip_line_numbers``); empty when it does not."""
    by_page: dict[int, list[int]] = {}
    for p, i, number in marks:
        if abs(getattr(number, edge) - at) <= tolerance:
            by_page.setdefault(p, []).append(i)
    read = {p: _page_column(pages[p], found, side, height) for p, found in by_page.items()}
    steps = Counter(b - a for page in read.values() if page for a, b in pairwise(page[1]))
    if not steps:
        return {}
    step = steps.most_common(1)[0][0]
    if not 1 <= step <= MAX_STEP:
        return {}
    strong = 0
    kept: dict[int, list[int]] = {}
    for p, page in read.items():
        if page is None:
            continue
        members, values, unnumbered = page
        if any((b - a) % step for a, b in pairwise(values)):
            continue
        kept[p] = members
        regular = sum(1 for a, b in pairwise(values) if b - a == step)
        if (
            len(members) >= NUMBERED_PAGE
            and regular >= 0.8 * (len(members) - 1)
            and len(members) * step >= NUMBERED * (len(members) + unnumbered)
        ):
            strong += 1
    if strong < min(2, sum(1 for p, lines in enumerate(pages) if lines and p not in done)):
        return {}
    numbers = [getattr(pages[p][i], side) for p, members in kept.items() for i in members]
    clear = _clear_of(numbers, side, CLEAR * height)
    into = 0  # lines anywhere in the document reaching into the column
    for p, lines in enumerate(pages):
        inside = set(kept.get(p, ()))
        into += sum(1 for i, line in enumerate(lines) if i not in inside and not clear(line.x0, line.x1))
    return kept if into <= STRAY * len(numbers) else {}


def _clear_of(numbers: list[EndNumber], side: str, gap: float) -> Callable[[float, float], bool]:
    """Whether text from x0 to x1 stands clear of a column of `numbers`: `gap` or more past it
    (right of a column at the start of the lines, left of one at their end)."""
    if side == "lead":
        limit = max(n.x1 for n in numbers) + gap
        return lambda x0, x1: x0 >= limit
    limit = min(n.x0 for n in numbers) - gap
    return lambda x0, x1: x1 <= limit


def _page_column(
    lines: list[PageLine], found: list[int], side: str, height: float
) -> tuple[list[int], list[int], int] | None:
    """A page's numbers in a column (the lines `found`), top down, with their values and how many
    lines beside them have none, when they count up and stand clear of the text; else None."""
    members = sorted(found, key=lambda i: -lines[i].middle)
    numbers = [getattr(lines[i], side) for i in members]
    values = [n.value for n in numbers]
    if any(b <= a for a, b in pairwise(values)):
        return None
    own = _clear_of(numbers, side, height)  # a line's own text: further than a word space
    if any(n.rest is not None and not own(n.rest, n.rest) for n in numbers):
        return None
    clear = _clear_of(numbers, side, CLEAR * height)
    top = max(lines[i].y1 for i in members)
    bottom = min(lines[i].y0 for i in members)
    middles = [lines[i].middle for i in members]
    inside = set(members)
    unnumbered: list[float] = []  # the baselines of lines with no number (a table's row is one)
    for j, line in enumerate(lines):
        if j in inside or not bottom <= line.middle <= top:
            continue
        if not clear(line.x0, line.x1):
            return None
        if all(abs(line.middle - m) > line.height / 2 for m in [*middles, *unnumbered]):
            unnumbered.append(line.middle)
    return members, values, len(unnumbered)


def _without_number(line: PageLine, side: str) -> PageLine | None:
    """`line` without its margin's line number at `side`; None when the number was all of it."""
    number = getattr(line, side)
    if number.rest is None:
        return None
    lead = side == "lead"
    pattern = r"\A\s*\d+\s+" if lead else r"\s+\d+\s*\Z"
    text = re.sub(pattern, "", line.uncut or line.text, count=1)
    cells = list(line.cells)
    if cells:
        x0, x1, cell = cells[0] if lead else cells[-1]
        cell = re.sub(pattern, "", cell, count=1) if cell.strip() != str(number.value) else ""
        if lead:
            cells = cells[1:] if not cell else [(number.rest, x1, cell), *cells[1:]]
        else:
            cells = cells[:-1] if not cell else [*cells[:-1], (x0, number.rest, cell)]
        if len(cells) < 2 or not _cut_into_cells(text.split()):
            cells = []
    out = replace(line, text=text, cells=cells, size=number.size, uncut=None, **{side: None})
    if lead:
        out.x0 = number.rest
    else:
        out.x1 = number.rest
    _contents_line(out)
    return out


GAP_MARGIN = 2.5  # a line this many line heights clear of all others sits in the page's margin


def margins_in_place(lines: list[PageLine]) -> list[PageLine]:
    """The page's lines with a running footer last and a running header first, each one moved
    marked as in the margin (a paragraph of its own, however near the body it sits): a word processor
    often draws them before the body (a footer as the page's first line in content order), where
    neither the search for page furniture at the page's edges nor a table's place can find them.
    Only a line clear of every other by a margin's gap moves, so the lowest line of a column of
    two (a line's spacing from the one above it) stays where it is; or by half a line, when it
    is set smaller than the body (a browser's "Save as PDF" draws its date and title last, a few
    points over the first line of text)."""
    if len(lines) < 3:
        return lines
    heights = sorted(line.height for line in lines)
    height = heights[len(heights) // 2]
    sizes = sorted(line.size for line in lines if line.size)
    body = sizes[len(sizes) // 2] if sizes else 0.0

    def apart(line: PageLine) -> float:
        """How far clear of the rest a margin's line sits: half a line when set smaller."""
        smaller = bool(line.size and body) and line.size * SIZE_STEP < body
        return height / 2 if smaller else GAP_MARGIN * height

    out = list(lines)
    lowest = min(out, key=lambda line: line.y0)
    gap = apart(lowest)
    if lowest is not out[-1] and all(line.y0 - lowest.y1 > gap for line in out if line is not lowest):
        out.remove(lowest)
        out.append(replace(lowest, margin=True))
    highest = max(out, key=lambda line: line.y1)
    gap = apart(highest)
    if highest is not out[0] and all(highest.y0 - line.y1 > gap for line in out if line is not highest):
        out.remove(highest)
        # after a footer drawn first that stays first (a page number just above it): the page's
        # first line, where the search for page furniture finds it
        out.insert(1 if out[0] is lowest else 0, replace(highest, margin=True))
    return out


def _cells(raw_line: str, begin: int, box, height: float, gaps: set[int]) -> list[tuple[float, float, str]]:  # type: ignore[no-untyped-def]
    """The line cut at gaps wider than the line is tall; one cell when there is no such gap."""
    cells: list[tuple[float, float, str]] = []
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", raw_line)]
    current: list[tuple[float, float, str]] = []
    for a, b in words:
        first, last = box(begin + a), box(begin + b - 1)
        if first is None or last is None:
            return []
        word = (first[0], last[2], _spaced(raw_line[a:b], begin + a, gaps))
        if current and word[0] - current[-1][1] > GAP_CELL * max(height, 1.0):
            cells.append((current[0][0], current[-1][1], " ".join(w[2] for w in current)))
            current = []
        current.append(word)
    if current:
        cells.append((current[0][0], current[-1][1], " ".join(w[2] for w in current)))
    return cells if len(cells) > 1 else []


JOIN_TIGHT = 0.25  # a gap under this many line heights between two pieces of a line is no space
JOIN_GAP = 0.5  # and one over this many is no word space either: a column's gutter, a cell's gap


def _rest_of(back: PageLine, line: PageLine) -> bool:
    """Whether `line` is the rest of the line just before it, which PDFium broke in two (after
    a "#" in a Power PDF: "Local Union #" / "488, Edmonton"): on its baseline, starting where it
    ends, no further than a word space; neither piece split into cells."""
    if back.cells or line.cells or back.table is not None or line.table is not None:
        return False
    gap = line.x0 - back.x1
    return back.y0 - 1 <= line.middle <= back.y1 + 1 and -1 <= gap <= JOIN_GAP * max(back.height, 1.0)


def _rejoin_rows(lines: list[PageLine]) -> list[PageLine]:
    """A piece of a line that PDFium broke in two is joined to it (``_rest_of``). A line of
    numbers that sits on the same baseline as one of the lines before it, to its right, is the
    rest of that row (a table whose first cell runs over two lines). Prose to the
    right of prose is a second column and stays where it is, read after the first."""
    out: list[PageLine] = []
    for line in lines:
        if out and _rest_of(out[-1], line):
            back = out[-1]
            tight = line.x0 - back.x1 < JOIN_TIGHT * max(back.height, 1.0)
            _rest_joined(back, line, tight)
            back.text = f"{back.text}{'' if tight else ' '}{line.text}"
            back.x1, back.y0, back.y1 = line.x1, min(back.y0, line.y0), max(back.y1, line.y1)
            continue
        if not (line.cells or _NUMBER.match(line.text)):  # prose beside prose: a second column
            out.append(line)
            continue
        for back in out[-3:-1][::-1] if len(out) >= 2 else []:
            if back.y0 - 1 <= line.middle <= back.y1 + 1 and line.x0 >= back.x1 - 1:
                left = back.cells or [(back.x0, back.x1, back.text)]
                right = line.cells or [(line.x0, line.x1, line.text)]
                back.cells = left + right
                _rest_joined(back, line, False)
                back.text = f"{back.text} {line.text}"
                back.x1 = line.x1
                break
        else:
            out.append(line)
    return out


def _rest_joined(back: PageLine, line: PageLine, tight: bool) -> None:
    """The numbers at the ends of `back` as `line` is joined on after it (before the join): `line`'s
    at its end, and a number that was the whole of either now has text beside it (none when the
    two run together without a space)."""
    tail = line.tail
    if tail is not None and tail.rest is None:
        tail = None if tight else replace(tail, rest=back.x1, size=back.size)
    back.tail = tail
    if back.lead is not None and back.lead.rest is None:
        back.lead = None if tight else replace(back.lead, rest=line.x0, size=line.size)


CUT_TRIES = 4  # a run of rows that is no table: the places tried for the end of one in it


def find_tables(lines: list[PageLine]) -> tuple[list[PageLine], int]:
    """Runs of rows whose cells line up in columns, mostly numbers, replaced by one line each
    holding the table's pipe lines; the count of tables found."""
    out: list[PageLine] = []
    found = 0
    i = 0
    while i < len(lines):
        if not lines[i].cells:
            out.append(lines[i])
            i += 1
            continue
        run = [lines[i]]
        j = i + 1
        while j < len(lines):
            line = lines[j]
            if line.cells or _continues(run, line):
                run.append(line)
            else:
                break
            j += 1
        table = _table(run)
        if table is None:  # two tables one above the other, columns not quite in line, or
            # a title spread over the columns between them: the first table alone, cut where
            # the number of cells changes (its last row, the next title), longest first
            cuts = [
                k
                for k in range(len(run) - 1, 1, -1)
                if run[k].cells and len(run[k].cells) != len(run[k - 1].cells or ())
            ]
            for k in cuts[:CUT_TRIES]:
                table = _table(run[:k])
                if table is not None:
                    run, j = run[:k], i + k
                    break
        if table is None:
            out.append(lines[i])
            i += 1
            continue
        out.append(
            PageLine("", run[0].x0, max(r.x1 for r in run), run[-1].y0, run[0].y1, table=table.lines())
        )
        found += 1
        i = j
    return out, found


def _continues(run: list[PageLine], line: PageLine) -> bool:
    """A first cell's second line: under the row before it, in its first column, nearer to it
    than the rows are to each other."""
    rows = [r for r in run if r.cells]
    last = run[-1]
    if _NUMBER.match(line.text) or len(line.text.split()) > 6:
        return False
    first = rows[-1].cells[0]
    if not (first[0] - 3 <= line.x0 <= first[1] + 3):
        return False
    pitches = [a.y0 - b.y0 for a, b in pairwise(rows) if a.y0 > b.y0]
    gap = last.y0 - line.y0
    if pitches:
        return 0 < gap < 0.75 * statistics.median(pitches)
    return 0 < gap < 1.3 * line.height


def _table(run: list[PageLine]) -> Table | None:
    rows = [r for r in run if r.cells]
    if len(rows) < 2:
        return None
    columns: list[list[float]] = []  # [x0, x1] spans
    for row in rows:
        for a, b, _ in row.cells:
            x0, x1 = min(a, b), max(a, b)  # a cell read right to left has its ends swapped
            for span in columns:
                if x0 <= span[1] and x1 >= span[0]:
                    span[0], span[1] = min(span[0], x0), max(span[1], x1)
                    break
            else:
                columns.append([x0, x1])
    columns.sort()
    merged: list[list[float]] = []
    for span in columns:
        if merged and span[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
        else:
            merged.append(span)
    if len(merged) < 2:
        return None
    table_rows: list[list[str]] = []
    numbers = cells = 0
    for line in run:
        if not line.cells:  # a first cell's second line
            table_rows[-1][0] = f"{table_rows[-1][0]} {line.text}".strip()
            continue
        row = [""] * len(merged)
        for a, b, text in line.cells:
            x0, x1 = min(a, b), max(a, b)
            index = next((k for k, span in enumerate(merged) if x0 <= span[1] and x1 >= span[0]), None)
            if index is None or row[index]:
                return None  # two cells of a row in one column: not a table
            row[index] = text
            if index:
                cells += 1
                numbers += bool(_NUMBER.match(text.replace(" ", "")))
        table_rows.append(row)
    if not cells or numbers * 2 < cells:
        return None
    header = (
        not any(_NUMBER.match(c.replace(" ", "")) for c in table_rows[0][1:] if c) and len(table_rows) > 1
    )
    return Table(tuple(tuple(r) for r in table_rows), header)


class Text(str):
    """A line of a page that knows whether it runs on to the next: ``full`` is True when the
    next line's first word would not have fitted after it (a wrapped line), False when it would
    have (the paragraph ends here), None when there is no next line on the page to judge by."""

    full: bool | None = None
    indented: bool = False  # set in from the lines above and below: a paragraph's first line
    even: bool = False  # set in the same font size as the next line, both known (_other_size)


def _runs_on(
    line: PageLine, after: PageLine, body: list[PageLine], column: tuple[float, float] | None = None
) -> bool:
    """Whether ``line`` was wrapped: the space left at its column's right edge (the furthest any
    line under or over it reaches, short of a column beside it; the document's text column when
    no other line of its block is there to say: a one-line paragraph right above a footer) is
    narrower than ``after``'s first word. An indented list item wraps like the text around it."""
    gutter = min(
        (o.x0 for o in body if o.x0 > line.x1 + 5 and abs(o.middle - line.middle) < line.height / 2),
        default=float("inf"),
    )  # a line beside it on the same baseline: a second column starts there
    others = [  # a footer or a note in a smaller size is not this text's column
        o.x1
        for o in body
        if o is not line
        and o.x0 <= line.x1
        and o.x1 >= line.x0
        and o.x0 >= line.x0 - 72
        and o.x1 < gutter
        and not _other_size(o, line)
    ]
    right = max([*others, line.x1])
    if not others and column is not None and gutter == float("inf"):
        right = max(right, column[1])
    return right - line.x1 <= _needs(after)


def _needs(after: PageLine) -> float:
    """The room `after`'s first word takes at the end of the line before it, a space included,
    in average letters of its line, a space counted as half a letter ("meeting" is wider than
    seven of a line's characters, its narrow spaces included); not measured closer than that (the
    break a word processor made is not known to the point); infinite when it has no words."""
    words = after.text.split()
    if not words:
        return float("inf")
    char = (after.x1 - after.x0) / max(len(after.text) - (len(words) - 1) / 2, 1)  # a space: half a letter
    return (len(words[0]) + 1) * char + 1


INDENT = 8.0  # a first line set in this many points more than the lines around it


def _first_line_indent(lines: list[PageLine], block: list[int], i: int) -> bool:
    """A paragraph's first line indented: set in from the line above it, and the line below it
    (in the same block) back at the margin of the line above. (A hanging indent's second line
    looks the same; the caller asks besides that the line above ends a sentence.)"""
    if i == 0 or i + 1 >= len(lines) or not (block[i - 1] == block[i] == block[i + 1]):
        return False
    above, line, below = lines[i - 1], lines[i], lines[i + 1]
    if above.table is not None or below.table is not None:
        return False
    return line.x0 > above.x0 + INDENT and abs(below.x0 - above.x0) < 2


def text_column(lines: list[PageLine]) -> tuple[float, float] | None:
    """The document's text column (left and right edge), from the lines of every page: a cover
    page of short centred lines alone does not show where the margins are."""
    body = [line for line in lines if line.table is None and not line.margin]
    sizes = sorted(line.size for line in body if line.size)
    if sizes:  # a browser's footer, the width of the page in a smaller size, is not the text
        size = sizes[len(sizes) // 2]
        body = [line for line in body if not line.size or line.size * SIZE_STEP >= size]
    if len(body) < 2:
        return None
    return min(line.x0 for line in body), max(line.x1 for line in body)


def _symmetric(line: PageLine, column: tuple[float, float]) -> bool:
    """As far from one edge of the column as from the other: centred, or the whole width."""
    return abs((line.x0 + line.x1) / 2 - sum(column) / 2) < 3


def _centred(line: PageLine, column: tuple[float, float]) -> bool:
    """A short line set centred in the column (a title page's line, a centred heading): never
    a body line, however its ragged end happens to fall (those are most of the width)."""
    width = column[1] - column[0]
    return _symmetric(line, column) and line.x0 > column[0] + INDENT and line.x1 - line.x0 < 0.75 * width


def page_text(lines: list[PageLine], column: tuple[float, float] | None = None) -> list[str]:
    """The page as text lines: tables as pipe lines, a blank line where the vertical gap is
    clearly wider than the page's line spacing (or the text goes back up: a new column); each
    text line a :class:`Text` that says whether it runs on to the next (judged against the
    lines near it in the same block, so a column or an indented item has its own edge)."""
    steps = [  # a margin's gap to the body is not the body's line spacing
        a.y0 - b.y0
        for a, b in pairwise(lines)
        if a.table is None and b.table is None and not (a.margin or b.margin) and a.y0 > b.y0
    ]
    spacing = statistics.median(steps) if steps else 0.0
    blank = [
        i > 0
        and (
            line.y1 > lines[i - 1].y1 + 1
            or bool(spacing and lines[i - 1].y0 - line.y0 > GAP_BLANK * spacing)
            or lines[i - 1].table is not None
            or line.table is not None
            or line.margin
            or lines[i - 1].margin
            or _other_size(lines[i - 1], line)  # a heading and its text, the text and a footer
        )
        for i, line in enumerate(lines)
    ]
    block = [0] * len(lines)
    for i in range(1, len(lines)):
        block[i] = block[i - 1] + (1 if blank[i] else 0)
    out: list[str] = []
    last: Text | None = None
    for i, line in enumerate(lines):
        if blank[i] and last is not None and _next_column(lines, i):
            last.full = True  # the line at the foot of a column runs on at the head of the next
            last.even = _same_size(lines[i - 1], line)
        elif blank[i] and out and out[-1]:
            _ends_short(last, lines[i - 1], column)
            out.append("")
            last = None
        if line.table is not None:
            out.extend(line.table)
            last = None
            continue
        if last is not None and last.full is None:
            near = [
                lines[j]
                for j in range(max(0, i - 5), min(len(lines), i + 4))
                if block[j] == block[i] and lines[j].table is None
            ]
            before = lines[i - 1]
            centred = column is not None and (_centred(before, column) or _centred(line, column))
            symmetric = column is not None and (_symmetric(before, column), _symmetric(line, column))
            if centred and symmetric == (True, True):
                # centred lines wrap only when the next word would not fit in the whole column
                slack = (column[1] - column[0]) - (before.x1 - before.x0)
                last.full = slack <= _needs(line)
            elif (
                centred and symmetric in ((True, False), (False, True)) and abs(before.x0 - line.x0) > INDENT
            ):
                # a centred heading and the text at the margin under it (or over it) are two
                # paragraphs: no paragraph is set centred in one line and flush in the next (lines
                # starting at one indent are a block set flush, whatever their middles)
                last.full = False
                if i == len(lines) - 1 and symmetric == (False, True):  # "Page 1 of 3" at the foot:
                    last.full = None  # the text above runs on to the next page or not, as a page's
                    _ends_short(last, before, column)  # last line does
            else:
                last.full = _runs_on(before, line, near, column)
            last.even = _same_size(before, line)
        last = Text(line.text.translate(GLYPHS))
        last.indented = _first_line_indent(lines, block, i)
        out.append(last)
    if lines:
        _ends_short(last, lines[-1], column)
    return out


_CLAUSE_START = re.compile(r"\s*(?:\d+(?:\.\d+)+\.?|\(\w{1,4}\))\s")


def _next_column(lines: list[PageLine], i: int) -> bool:
    """Whether line `i` starts the next column of the page (back up, and right of the line before
    it) with the paragraph the line before it was wrapped out of: that line reaches its own
    column's right edge, and the next line's first word would not have fitted there."""
    before, line = lines[i - 1], lines[i]
    if (
        line.y1 <= before.y1 + 1
        or line.x0 < before.x1
        or before.margin
        or line.margin
        or before.table is not None
        or line.table is not None
        or _other_size(before, line)
        or _CLAUSE_START.match(line.text)  # "1.02 La présente ...": a clause of its own, at the
    ):  # top of a column beside (a bilingual agreement's French), not the rest of one
        return False
    own = [lines[j] for j in range(max(0, i - 6), i) if lines[j].table is None and lines[j].x1 < line.x0]
    return len(own) > 1 and _runs_on(before, line, own)  # its column's edge: the lines above it


LONG_WORD = 16  # characters: the most space a wrapped line leaves at its column's edge


def _ends_short(last: Text | None, line: PageLine, column: tuple[float, float] | None) -> None:
    """For a line with no next line on its page to judge by (the page's last, or the last before
    a gap that may be a footer): it ran on to the next page unless it stops short of the text
    column's edge by more than a long word ("... (3.0%);" at the foot of a page, then "B." on
    the next is a new paragraph)."""
    if last is None or column is None or last.full is not None or line.table is not None:
        return
    width = line.x1 - line.x0
    char = width / max(len(line.text), 1)
    space = column[1] - column[0] - width if _centred(line, column) else column[1] - line.x1
    last.full = space <= LONG_WORD * char
