"""A whole contract as plain text (a .txt copy, or the text layer of a PDF) back into paragraphs.

Text copied out of a PDF is wrapped at the page margin, split by page headers, footers and page
numbers, and hyphenated at line ends. These heuristics undo that and count what they did, so a
team can see how much of the text was guessed (``baseline --dry-run``):

- a line repeated at the top or bottom of most pages (digits aside) is a header or footer;
- a line that is only a page number ("3", "- 3 -", "Page 3 of 40") is dropped;
- a line starts a new paragraph when it is a heading, starts with a section label ("6.3",
  "(a)", "Section 4") or a list item's label ("Grade 1:", "Pay Point 3 –") after a sentence's
  end (a justified paragraph's last line reaches the margin too), follows a blank line, or
  follows a line clearly shorter than the text width (a paragraph's last line; in a PDF: a
  line after which the next line's first word would have fitted), or is indented as a first
  line after a sentence's end; otherwise it continues the paragraph it follows. A heading in
  mixed case after a full line with no closing punctuation continues it: "as provided in" /
  "Article 12." is a cross reference wrapped, not a heading (but not after a line in capitals:
  a cover page's title, then "Part 1 – Application and Operation" on the next page);
- "employ-" at a line end followed by "ees" is joined to "employees";
- a table line (``| a | b |``, as the PDF reader writes a ruled table) is never joined, never
  taken for a header or footer, and a table's header row repeated at the top of the next page
  is dropped, so a wage table running over pages stays one table.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from proposals.contract.headings import NUMBER_WORDS, STYLES, division_heading, match_heading
from proposals.contract.split import GLYPHS, Line, Skipped, contents_line, toc_entry, toc_title
from proposals.contract.table import is_separator, is_table_row, parse_row
from proposals.errors import ProposalsError

_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:page\s+)?[-\u2013\u2014]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-\u2013\u2014]?\s*(?:of\s+\d{1,4})?\s*\Z",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)+\.?\s|\d+\.\s|\([a-zA-Z]{1,4}\)|\(\d\)|[a-z]\)\s|[A-Za-z]\.\s|(?:Section|SECTION|Clause|CLAUSE)\s+\d+"
    r"|[\u2022\u25cf\u25aa\u2013*]\s)"
)
# "Grade 1: £23,114", "Pay Point 3 – $1,520.40", "Level 2 - ...": a list or table item led by a
# capitalised label and its number, one a line (a wage schedule copied as text).
_ITEM_RE = re.compile(
    r"^[A-Z][A-Za-z'\u2019]*(?:\s+[A-Za-z'\u2019]+){0,2}\s+(?:\d{1,3}[A-Z]?|[A-Z])\s*[:\u2013\u2014-]\s"
)
_ENDS_RE = re.compile(r"[.:;!?)\]\"\u201d]\Z")
# A list item's marker: the glyphs are never running text, so one always starts an item; a dash or
# an asterisk may be punctuation wrapped to a line's start, so it starts one after a sentence's end
# (``_LABEL_RE``) or inside a list of items with the same marker ("- schedule work" after "- to
# decide how ... students": a list's items seldom end in punctuation).
_BULLET_RE = re.compile(r"[\u2022\u25cf\u25aa\u25e6\u25a0\u2023\u2043\u2013*-](?=\s)")
_BULLET_GLYPHS = frozenset("\u2022\u25cf\u25aa\u25e6\u25a0\u2023\u2043")
_HYPHEN_RE = re.compile(r"[A-Za-z]-\Z")
SHORT_LINE = 0.8  # a line under this share of the text width ends its paragraph


@dataclass
class Unwrapped:
    """Paragraphs recovered from wrapped lines, and what the heuristics did to get them."""

    lines: list[Line] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    joined: int = 0  # line breaks taken out (lines joined into paragraphs)
    hyphens: int = 0  # words joined across a hyphen at a line end
    extra: list[str] = field(default_factory=list)  # what a reader adds (tables found)

    def notes(self) -> list[str]:
        out = list(self.extra)
        if self.joined or self.hyphens:
            out.append(
                f"{self.joined} wrapped line{'s' if self.joined != 1 else ''} joined into paragraphs, "
                f"{self.hyphens} hyphenated word{'s' if self.hyphens != 1 else ''} joined "
                "(check the paragraphs of the parts listed)"
            )
        removed = Counter(s.reason for s in self.skipped)
        out.extend(f"{n} {reason} lines removed" for reason, n in sorted(removed.items()))
        return out


def _shape(line: str) -> str:
    """A line with its digits masked, so 'Page 3' and 'Page 4' are the same header. The case is
    kept: a running header "Collective Agreement" is not the title page's "COLLECTIVE AGREEMENT"."""
    return re.sub(r"\d+", "#", " ".join(line.split()))


def strip_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[Skipped]]:
    """Remove running headers, footers and page numbers from each page's lines."""
    skipped: list[Skipped] = []
    counts: Counter[str] = Counter()
    strict = [_edges(lines) for lines in pages]
    loose = [_edges(lines, blank_stops=False) for lines in pages]
    for lines, edges in zip(pages, strict, strict=True):
        counts.update({_shape(lines[i]) for i in edges})
    repeated = {shape for shape, n in counts.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    # A footer of two lines set apart ("Núm. 153 ... Pág. 73418" / a gap / "Verificable en ..."):
    # past the blank line, a line is furniture only when its shape is on nearly every page, and
    # never when it is a heading ("ARTICLE 5" atop a page of its own).
    wide: Counter[str] = Counter()
    for lines, edges in zip(pages, loose, strict=True):
        wide.update({_shape(lines[i]) for i in edges})
    everywhere = {shape for shape, n in wide.items() if len(pages) >= 4 and n >= 0.8 * len(pages)}
    out: list[list[str]] = []
    for lines, edges, outer in zip(pages, strict, loose, strict=True):
        kept = []
        for i, line in enumerate(lines):
            if is_table_row(line):
                kept.append(line)
            elif (i in edges and _shape(line) in repeated) or (
                i in outer and _shape(line) in everywhere and not _heading(line)
            ):
                skipped.append(Skipped(line.strip(), "page header or footer"))
            elif i in edges and _PAGE_NUMBER_RE.match(line) and line.strip():
                skipped.append(Skipped(line.strip(), "page number"))
            else:
                kept.append(line)
        out.append(kept)
    return _join_tables(out, skipped), skipped


def _edges(lines: list[str], edge: int = 3, *, blank_stops: bool = True) -> set[int]:
    """The lines where a running header or footer can be: the first and last three lines of text,
    but only those before the first blank line (after the last) when one comes that early, so
    the body's first line is never taken for a header because its shape repeats."""
    nonblank = [i for i, line in enumerate(lines) if line.strip() and not is_table_row(line)]
    if not nonblank:
        return set()
    if not blank_stops:
        return set(nonblank[:edge] + nonblank[-edge:])
    top = nonblank[:edge]
    blank = next((i for i in range(nonblank[0], top[-1]) if not lines[i].strip()), None)
    if blank is not None:
        top = [i for i in top if i < blank]
    bottom = nonblank[-edge:]
    blank = next((i for i in range(nonblank[-1], bottom[0], -1) if not lines[i].strip()), None)
    if blank is not None:
        bottom = [i for i in bottom if i > blank]
    return set(top + bottom)


def _join_tables(pages: list[list[str]], skipped: list[Skipped]) -> list[list[str]]:
    """A table that ends one page and starts the next with the same header rows is one table:
    the repeated rows (and the ``| --- |`` line) are dropped."""
    for before, page in pairwise(pages):
        last = [line for line in before if line.strip()]
        first = [i for i, line in enumerate(page) if line.strip()]
        if not last or not first or not is_table_row(last[-1]) or not is_table_row(page[first[0]]):
            continue
        start = len(last) - 1
        while start > 0 and is_table_row(last[start - 1]):
            start -= 1
        head = [parse_row(line) for line in last[start:] if not is_separator(parse_row(line))]
        drop: list[int] = []
        n = 0
        for i in first:
            if not is_table_row(page[i]):
                break
            cells = parse_row(page[i])
            if is_separator(cells):
                drop.append(i)
            elif n < len(head) - 1 and cells == head[n] and any(cells):
                drop.append(i)
                n += 1
            else:
                break
        if n:
            skipped.extend(Skipped(page[i].strip(), "table header repeated on the next page") for i in drop)
            for i in reversed(drop):
                del page[i]
    return pages


_LEADERS_RE = re.compile(r"[.\u2026\u00b7_]{5,}\s*(?:\d{1,4}|[ivxlc]{1,6})\s*\Z")


def _set_in_columns(line: str) -> bool:
    """A -layout copy's table row (columns set apart by runs of spaces), no line of text: a
    landscape page's rows run to 300 characters and must not set the text width."""
    return "   " in line.strip()


def _width(lines: list[str]) -> int:
    """The text width in characters: the length most full lines reach (90th percentile); a
    contents line's dot leaders run past it and do not count."""
    lengths = sorted(
        len(line.strip())
        for line in lines
        if len(line.strip()) > 20
        and not is_table_row(line)
        and not _LEADERS_RE.search(line)
        and not _set_in_columns(line)
    )
    if not lengths:
        return 0
    return (
        lengths[int(len(lengths) * 0.9) - (1 if len(lengths) >= 10 else 0)]
        if len(lengths) > 1
        else lengths[0]
    )


def _dehyphenate(before: str, after: str, vocabulary: Counter[str]) -> bool:
    """Whether "employ-" + "ees" is one word hyphenated by the layout ("employees") rather than a
    compound ("on-call"): whichever spelling the document uses more elsewhere; when neither
    appears, one word unless its tail is a word the document uses on its own."""
    head = re.search(r"([A-Za-z]+)-\Z", before)
    tail = re.match(r"[A-Za-z]+", after)
    if head is None or tail is None:
        return False
    if head[1].upper() in _NUMBER_HEADS:
        return False  # "twenty-" "four", "six-" "tenths", "one-" "half": hyphenated as written
    joined, compound = vocabulary[head[1] + tail[0]], vocabulary[f"{head[1]}-{tail[0]}"]
    if joined or compound:
        return joined > compound
    # Neither spelling elsewhere: a compound's second half is a word of its own ("on-" "call"),
    # a hyphenated word's tail is not ("Agree-" "ment", "classi-" "fication").
    return vocabulary[tail[0]] + vocabulary[tail[0].capitalize()] < 2  # the tail itself counts once


# "twenty-four", "six-tenths", "one-half": compound numbers and fractions keep their hyphen.
_NUMBER_HEADS = {
    *NUMBER_WORDS[1:],
    "TWENTY",
    "THIRTY",
    "FORTY",
    "FIFTY",
    "SIXTY",
    "SEVENTY",
    "EIGHTY",
    "NINETY",
}


TITLE_WORDS = 8  # the most words the rest of a wrapped heading's title runs to


def _title_goes_on(heading: str, line: str) -> bool:
    """Whether `line`, after a heading a PDF shows wrapped onto it (set in one size, to its
    column's edge: ``layout.Text.full``), is the rest of the heading's title ("ARTICLE 3 - UNION"
    / "SECURITY" in a narrow column): a few words in the heading's case, no sentence and no
    clause of its own ("3. TRAINING" / "Training covers:" is a heading and its text)."""
    words = line.split()
    if (
        len(words) > TITLE_WORDS
        or re.search(r"[.:;!?,]\Z", line)
        or _heading(line)
        or _LABEL_RE.match(line)
        or _ITEM_RE.match(line)
        or _BULLET_RE.match(line)
    ):
        return False
    if heading.isupper():
        return line.isupper()
    return all(w[:1].isupper() for w in words if len(w) > 3)


def _heading(line: str) -> bool:
    """A heading in any style (the contract's style is chosen once its paragraphs are known), or
    a division ("PART A - GENERAL") that may group the parts after it, or a contents list's
    title: each a paragraph of its own."""
    return (
        any(match_heading(line, style=style) is not None for style in STYLES)
        or division_heading(line) is not None
        or toc_title(line)
    )


def _next_item(line: str, current: list[str]) -> bool:
    """Whether `line` is a list item's start (see ``_BULLET_RE``) that may not run on from the
    paragraph in `current`: a bullet glyph always starts an item, a dash or an asterisk when that
    paragraph is an item with the same marker."""
    marker = _BULLET_RE.match(line)
    if marker is None:
        return False
    return marker[0] in _BULLET_GLYPHS or (bool(current) and current[0].startswith(marker[0] + " "))


def unwrap(lines: list[str], *, wrapped: bool = True) -> Unwrapped:
    """Join wrapped lines into paragraphs (see the module docstring); with ``wrapped=False``
    every line is a paragraph of its own (a text file written one paragraph per line)."""
    result = Unwrapped()
    if not wrapped:
        result.lines = [Line(line.strip()) for line in lines]  # a centred heading's indent is layout
        return result
    width = _width(lines)
    vocabulary = Counter(re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", " ".join(line.strip() for line in lines)))
    current: list[str] = []
    previous = ""
    previous_full: bool | None = None  # from where a PDF's line sits (layout.Text), when known
    previous_raw = ""  # as read: a contents line's tab kept (its title never runs on to the next line)
    previous_even = False  # set in the same font size as this line, both known (layout.Text.even)

    def flush() -> None:
        if current:
            result.lines.append(Line("".join(current)))
            current.clear()

    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            flush()
            previous, previous_full = "", None
            continue
        if is_table_row(line) or is_table_row(previous):
            flush()
            if is_table_row(line):
                result.lines.append(Line(raw.strip()))
                previous, previous_full = line, None
                continue
        # A PDF line that reaches its column's edge (layout.Text.full) wraps even when it is
        # shorter than the page's text width (an indented list item, a column of two), and one
        # that stops where the next line's first word would have fitted ends its paragraph even
        # when it is nearly as long as the text width ("... shall apply." / "Nothing in ...").
        if _HYPHEN_RE.search(previous) and line[:1].islower():
            wide = True  # "Agree-" / "ment": a word broken at the line end runs on, whatever the width
        elif previous_full is not None:
            wide = previous_full
        else:
            wide = bool(width and len(previous) >= SHORT_LINE * width)
        runs_on = bool(current and wide and not _ENDS_RE.search(previous))
        starts = (
            not current
            or (_heading(line) and not (runs_on and not line.split()[0].isupper() and not previous.isupper()))
            or toc_entry(raw.strip())
            or contents_line(previous_raw.strip())  # "A. Board .... 1" / "B. Association .... 2"
            or (
                (_LABEL_RE.match(line) is not None or _ITEM_RE.match(line) is not None)
                and _ENDS_RE.search(previous) is not None
            )
            or ((bool(width) or previous_full is not None) and not wide)
            or (getattr(raw, "indented", False) and _ENDS_RE.search(previous) is not None)
            or (
                _heading(previous)
                and not (  # a PDF's heading wrapped in its own size: "ARTICLE 3 - UNION" / "SECURITY"
                    runs_on and previous_full and previous_even and not toc_entry(previous_raw.strip())
                    and _title_goes_on(previous, line)
                )
            )
            or _next_item(line, current)
        )
        if starts:
            flush()
            current.append(line)
        elif (
            _HYPHEN_RE.search(current[-1])
            and line[:1].islower()
            and _dehyphenate(current[-1], line, vocabulary)
        ):
            current[-1] = current[-1][:-1]
            current.append(line)
            result.hyphens += 1
            result.joined += 1
        elif _HYPHEN_RE.search(current[-1]):
            current.append(line)  # a real hyphen at the line end: "on-" "call"
            result.joined += 1
        else:
            current.append(" " + line)  # pieces joined once, at the end: no copying per line
            result.joined += 1
        previous, previous_full = line, getattr(raw, "full", None)
        previous_raw, previous_even = raw, getattr(raw, "even", False)
    flush()
    return result


MAX_CONTRACT_BYTES = 50 * 1024 * 1024
_OPENDOCUMENT = b"mimetypeapplication/vnd.oasis.opendocument"


def document_kind(data: bytes) -> str | None:
    """What a file given as a contract or a pass is when its first bytes say so, for the one-line
    refusal of a reader it is not for ("an RTF document, not a .docx"): a PDF, a Word or
    OpenDocument package, RTF, HTML or XML (a flat .fodt); None for anything else."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "a PDF"
    if head.startswith(b"PK\x03\x04"):
        if _OPENDOCUMENT in head:
            return "an OpenDocument file (.odt, LibreOffice or OpenOffice)"
        return "a zip package (a .docx?)"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "a legacy Word .doc or a password-protected file"
    if head.startswith(b"{\\rtf"):
        return "an RTF document"
    lower = head[:200].lower()
    if lower.startswith((b"<!doctype html", b"<html")):
        return "an HTML page"
    if lower.startswith(b"<?xml") or lower.startswith(b"<office:document"):
        return "an XML file (a flat OpenDocument .fodt or Word XML?)"
    return None


def read_text_contract(data: bytes, name: str) -> Unwrapped:
    """A whole contract from one plain-text file: strict UTF-8 (BOM and CRLF allowed), pages
    split at form feeds (pdftotext writes them) and unwrapped when the file is hard-wrapped."""
    if len(data) > MAX_CONTRACT_BYTES:
        raise ProposalsError(f"{name} is {len(data) // 2**20} MB; the limit for a whole contract is 50 MB")
    kind = document_kind(data)
    if kind is not None:
        raise ProposalsError(
            f"{name} is {kind}, not plain text; read a .docx, .odt or PDF as such, or save it as Word "
            "(.docx) or plain text (.txt) first"
        )
    if b"\x00" in data:
        raise ProposalsError(f"{name} contains NUL bytes: it is a binary file, not text")
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise ProposalsError(
            f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8"
        ) from None
    text = text.replace("\r\n", "\n").translate(GLYPHS).replace("\r", "\n").translate(GLYPHS)
    pages = [page.split("\n") for page in text.split("\f")]
    lines = [line for page in pages for line in page]
    wrapped = looks_wrapped(lines)
    if wrapped and len(pages) == 1:
        pages = pages_at_numbers(lines)
    if wrapped and len(pages) > 1:
        pages, skipped = strip_page_furniture(pages)
        result = unwrap([line for page in pages for line in trim(page)])
        result.skipped[:0] = skipped
        return result
    return unwrap(lines, wrapped=wrapped)


def pages_at_numbers(lines: list[str]) -> list[list[str]]:
    """Pages of a text copied out of a PDF viewer without its form feeds: cut after each page
    number on a line of its own ("12", "- 12 -", "Page 12 of 40"; a bare number only with a
    blank line beside it, as a viewer's copy has no blank lines but a table's column of step
    numbers might) when there are three or more and most count up by one; otherwise the whole
    text is one page."""
    marks = [
        i
        for i, line in enumerate(lines)
        if line.strip()
        and _PAGE_NUMBER_RE.match(line)
        and re.search(r"\d", line)
        and (
            i == 0
            or not lines[i - 1].strip()
            or i + 1 == len(lines)
            or not lines[i + 1].strip()
            or re.match(r"\s*page\s", line, re.IGNORECASE) is not None  # "Page 3" needs no blank around it
        )
    ]
    if len(marks) < 3:
        return [lines]
    numbers = [int(re.search(r"\d+", lines[i])[0]) for i in marks]  # type: ignore[index]
    if sum(1 for a, b in pairwise(numbers) if b == a + 1) < 0.6 * (len(numbers) - 1):
        return [lines]
    pages, start = [], 0
    for i in marks:
        pages.append(lines[start : i + 1])
        start = i + 1
    pages.append(lines[start:])
    return pages


def trim(lines: list[str]) -> list[str]:
    """A page's lines without blank lines at its top and bottom (left by a header or footer
    removed), so a paragraph running over a page break stays one paragraph."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def looks_wrapped(lines: list[str]) -> bool:
    """True when a text file is hard-wrapped (most long lines stop near one width), not one
    paragraph per line: then its lines must be joined."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 5:
        return False
    width = max(lengths)
    if width <= 200 and sum(1 for n in lengths if n >= 0.8 * width) >= 0.5 * len(lengths):
        return True
    # pdftotext's copy: many short lines (headings, list items, a paragraph's last line) and a
    # few wide ones (a contents line with its leaders), but a quarter or more of the lines
    # within a few characters of one width, most of those stopping mid-sentence; one paragraph
    # a line does not cluster so, and its lines end their sentences
    # A -layout copy indents its lines: the width is that of the words, its table rows left out
    texts = [
        line.strip()
        for line in lines
        if line.strip() and not _LEADERS_RE.search(line) and not _set_in_columns(line)
    ]
    if len(texts) < 20:
        return False
    width = sorted(len(t) for t in texts)[int(len(texts) * 0.9)]
    near = [t for t in texts if 0.8 * width <= len(t) <= 1.1 * width]
    mid = sum(1 for t in near if _ENDS_RE.search(t) is None)
    return width <= 200 and len(near) >= 0.25 * len(texts) and mid >= 0.6 * len(near)


def pasted_wrapped(paragraphs: list[str]) -> bool:
    """True when a word processor's paragraphs are the lines of a hard-wrapped text pasted in
    (one paragraph a line, ~70 characters, a blank paragraph between real ones or none): most
    paragraphs cluster just under one short width and stop mid-sentence. A document typed in
    the word processor has paragraphs of every length, nearly all ending their sentences."""
    texts = [" ".join(t.split()) for t in paragraphs if t.strip() and not _LEADERS_RE.search(t)]
    if len(texts) < 20:
        return False
    width = sorted(len(t) for t in texts)[int(len(texts) * 0.9)]
    near = [t for t in texts if 0.75 * width <= len(t) <= 1.1 * width]
    mid = sum(1 for t in near if _ENDS_RE.search(t) is None)
    return width <= 100 and len(near) >= 0.4 * len(texts) and mid >= 0.6 * len(near)


__all__ = [
    "Unwrapped",
    "looks_wrapped",
    "pages_at_numbers",
    "pasted_wrapped",
    "read_text_contract",
    "strip_page_furniture",
    "trim",
    "unwrap",
]
