"""Article text: ids, the heading line, sections, and strict decoding of article files.

An article file is UTF-8: a heading line (``ARTICLE 6: STAFFING``), then one paragraph per line,
with a blank line between sections. Section numbers stay literal in the text ("6.3").
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from proposals.contract.headings import Kind, read_heading
from proposals.errors import ProposalsError

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")
SECTION_RE = re.compile(r"^\s*(?:(?:Section|Clause)\s+)?(?P<number>\d+\.\d+[A-Za-z]?)(?=[\s.:)]|$)")
SECTION_NUMBER_RE = re.compile(r"[0-9]{1,4}\.[0-9]{1,4}[A-Za-z]?")  # as typed: --section 6.2
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def validate_id(article_id: str) -> str:
    """Ids become file names and git paths, so only a plain slug is allowed (the whole of it:
    ``fullmatch``, since ``$`` would let a trailing newline through)."""
    if not isinstance(article_id, str) or not ID_RE.fullmatch(article_id):
        raise ProposalsError(
            f"invalid article id {article_id!r}: use lowercase letters, digits, '-' or '_' "
            "(no '/', '..' or leading '-')"
        )
    return article_id


_LIGATURES = str.maketrans({"\u0152": "OE", "\u0153": "oe", "\u00c6": "AE", "\u00e6": "ae"})  # no NFKD form


def _unaccented(text: str) -> str:
    """Accented letters as their base letter ("DÉFINITIONS" → "DEFINITIONS", "Œ" → "OE"), so a
    French or Spanish title makes a readable id (``definitions``, not ``d-finitions``)."""
    if text.isascii():
        return text
    import unicodedata  # a C module, loaded only for a title that needs it (every pass imports this)

    text = text.translate(_LIGATURES)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug_id(kind: str, number: str, title: str) -> str:
    """A new part's id from its heading: a slug of the title ("Hours of Work" → ``hours-of-work``),
    as ids stay stable when articles are renumbered; ``preamble``, ``appendix-a``, ``letter-3``
    when there is no title."""
    if kind == "preamble":
        return "preamble"
    base = re.sub(r"[^a-z0-9]+", "-", _unaccented(title).lower()).strip("-")[:56].strip("-")
    if base:
        return base
    label = "article" if kind == "article" else kind
    tail = re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-")
    return f"{label}-{tail}" if tail else label


def decode_article(data: bytes, where: str) -> str:
    """Decode an article strictly: a team must never lose or mangle a word silently.

    A UTF-8 BOM and CRLF line endings (Word and Windows editors) are normalised; NUL bytes,
    invalid UTF-8 and oversized files are refused.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        raise ProposalsError(
            f"{where} is {len(data) // (1024 * 1024)} MB; articles are limited to "
            f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB"
        )
    if b"\x00" in data:
        raise ProposalsError(f"{where} contains NUL bytes: it is a binary file, not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProposalsError(
            f"{where} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8"
        ) from None
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article_bytes(path: Path, where: str) -> bytes:
    """An article file's bytes, refusing before reading what decode_article would refuse anyway.

    The size is checked on the open file, so a multi-gigabyte file never reaches memory, and a
    FIFO or device (which would block or never end) is refused rather than read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise ProposalsError(f"{where} is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise ProposalsError(f"{where} is not a regular file")
        if info.st_size > MAX_ARTICLE_BYTES:
            raise ProposalsError(
                f"{where} is {info.st_size // (1024 * 1024)} MB; articles are limited to "
                f"{MAX_ARTICLE_BYTES // (1024 * 1024)} MB"
            )
        # Asked for its size (+1 to see it grew), not the limit: read(5 MB) makes a 5 MB buffer
        # each time (25 ms for status's 300 articles); a file grown since fstat is read on.
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += handle.read(MAX_ARTICLE_BYTES + 1 - len(data))
        return data


# What no stored part holds (ARCHITECTURE.md, "Part text"): a line break in another form (Word's
# vertical tab, a form feed, a lone CR, Unicode's line and paragraph separators) becomes one, and
# every other C0 or C1 control and DEL is removed: no control character but the tab reaches git.
_BREAKS = re.compile("\r\n?|[ \t]*[\x0b\x0c\u2028\u2029][ \t]*")
_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII_BREAKS = re.compile("\r\n?|[ \t]*[\x0b\x0c][ \t]*")
_ASCII_REMOVED = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def removed_note(text: str, where: str) -> str | None:
    """One line naming the characters `normalise_text` drops from `text` (not the breaks it
    converts): how many, and which (as U+XXXX); None when there are none. An import and a pass
    print it, so nothing leaves a document unsaid."""
    removed = (_ASCII_REMOVED if text.isascii() else _REMOVED).findall(text)
    if not removed:
        return None
    kinds = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(removed))[:5])
    more = ", ..." if len(set(removed)) > 5 else ""
    plural = "s" if len(removed) != 1 else ""
    return f"{where}: removed {len(removed)} control character{plural} ({kinds}{more})"


def normalise_text(text: str) -> str:
    """The form an article is stored in: LF endings, no trailing blanks, one final newline, no
    control character but the tab (``_BREAKS``, ``_REMOVED``), and each table line as the table
    format writes it (``contract.table.format_row``, as every reader writes rows): the spaces
    around a cell are not text (no Word cell shows them), so a pass cannot differ by them alone,
    a change no export could show."""
    from proposals.contract.table import format_row, is_table_row, parse_row

    ascii_ = text.isascii()
    text = (_ASCII_BREAKS if ascii_ else _BREAKS).sub("\n", text)
    text = (_ASCII_REMOVED if ascii_ else _REMOVED).sub("", text)
    lines = [
        format_row(parse_row(line)) if is_table_row(line) else line.rstrip() for line in text.split("\n")
    ]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def comparable(text: str) -> str:
    """Text as compared between documents: spacing and blank lines between paragraphs are
    layout, not language (Word documents have no blank lines; our files may), and so is a
    table's ``| --- |`` line (which row is shaded as the header: a PDF cannot say)."""
    from proposals.contract.table import is_separator, is_table_row, parse_row

    return "\n".join(
        " ".join(line.split())
        for line in text.split("\n")
        if line.strip() and not (is_table_row(line) and is_separator(parse_row(line)))
    )


def titlecase(title: str) -> str:
    """Headings are often in capitals; boards read better in title case."""
    if not title.isupper():
        return title

    def cap(word: str) -> str:
        return "/".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in word.split("/"))

    words = title.lower().split(" ")
    return " ".join(w if i and w in SMALL_WORDS else cap(w) for i, w in enumerate(words))


@dataclass(frozen=True, slots=True)
class Heading:
    """A part's number (as written: "6", "VI", "A"), title and kind, read from its text."""

    number: str
    title: str
    kind: Kind | None = None
    keyword: str = ""  # the heading's keyword as written: "SIDE LETTER", "SCHEDULE"


def parse_heading(text: str, fallback_title: str = "") -> Heading:
    """The number lives in the heading, not the id: articles get renumbered.

    The grammar is :mod:`proposals.contract.headings`; ``kind`` is None when the text does not
    start with a heading (the first line is then the title shown).
    """
    found = read_heading(text) if text else None
    if found is None:
        first = text.split("\n", 1)[0] if text else ""
        return Heading("", first.strip() or fallback_title)
    title = found.title or ("Preamble" if found.kind == "preamble" else "")
    return Heading(found.number, titlecase(title) or fallback_title, found.kind, found.keyword)


def paragraphs(text: str) -> list[str]:
    """An article's paragraphs: one per line, without line endings ("\\n" or "\\r\\n"); a final
    line ending adds no empty paragraph, and a blank line is an empty paragraph.

    The one split every view shares: the redline's side-by-side alignment, the TUI's rows and the
    Word documents' paragraphs.
    """
    if not text:
        return []
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def sections(text: str) -> dict[str, str]:
    """Map each numbered section ("6.3") to its block of lines, as written.

    A section is a block of lines between blank lines whose first line starts with its number.
    """
    found: dict[str, str] = {}
    for block in re.split(r"\n\s*\n", text):
        match = SECTION_RE.match(block)
        if match and match["number"] not in found:
            found[match["number"]] = block.strip("\n")
    return found


def section_text(text: str, number: str) -> str | None:
    return sections(text).get(number)


def blob_hash(data: str | bytes) -> str:
    """Git's blob id of the data, so locked text is checked exactly as git stores it."""
    import hashlib  # lazily: only TAs and verify need it

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()
