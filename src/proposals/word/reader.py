"""Read a counterparty's .docx into article texts, tracked changes included, without losing a word.

python-docx's ``paragraph.text`` silently drops text inside ``w:ins``, so the document XML is
walked directly: in the *accepted* view (what the other side proposes) inserted and moved-to
text counts and deleted or moved-from text does not; a deleted paragraph mark joins the
paragraph to the next. The *rejected* view is the mirror image (what they started from).

The file comes from outside, so it is checked before anything is decompressed or parsed:
zip signature, the OLE signature of encrypted or legacy files, declared sizes and ratios
(zip bombs), a bounded read, and an XML parser that resolves no entities and loads no DTD.
Every failure is a :class:`DocxError` with a one-line message.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Literal

from lxml import etree

from proposals.contract.headings import arabic, match_heading
from proposals.contract.matching import match_parts
from proposals.contract.part import slug_id
from proposals.contract.plaintext import Unwrapped, document_kind, pasted_wrapped, unwrap
from proposals.contract.split import GLYPHS, Line, Skipped, Split, part_ids, split_parts
from proposals.contract.table import format_row
from proposals.errors import ProposalsError
from proposals.word.numbering import Numbering
from proposals.word.ooxml import ASIDE_TAG, HISTORY_ASIDE, SPACED_STYLES, W_NS
from proposals.word.symbols import REPLACEMENT, in_symbol_font, symbol_font, symbol_text

View = Literal["accepted", "rejected"]
# One paragraph as walked: text, heading style, paragraph mark kept, numbering label, in a TOC,
# the blank lines our export wrote as space above and below it (``ooxml.spaced``), and whether
# it is removed whole in this view (no text, mark removed, in one revision).
Block = tuple[str, bool, bool, str, bool, bool, bool, bool]
BLANK_LINE_MIN_TWIPS = 200  # space set directly on one of SPACED_STYLES: a blank line
Source = str | os.PathLike[str] | bytes | IO[bytes]

W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "/officeDocument"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PART_BYTES = 256 * 1024 * 1024
# The main part of a 150,000-word contract is 5-10 MB of XML; far past that it is not a contract,
# and refusing on the declared size costs nothing (no inflating, no parsing).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 10_000


# What the readers count as they walk, and how the count is reported, in words true of a .docx
# and an .odt alike; a .docx's note also names the Word element it counted (WORD_ELEMENTS), which
# an .odt does not have (symbols are Word's w:sym alone).
FOUND_LABELS = {
    "footnotes": "footnotes or endnotes (read at the end of the part that refers to them: [1] ...)",
    "comments": "comments (present, not imported)",
    "text boxes": "text boxes (read after the paragraph they are anchored in)",
    "content controls": "content controls (read as body text)",
    "placeholders": "content controls showing only their prompt (left out)",
    "hidden": "hidden runs or paragraphs (left out)",
    "symbols": "symbols from a symbol font (w:sym: Symbol, Wingdings) read as their Unicode characters",
    "unknown symbols": "symbols from a symbol font that no table names (read as U+FFFD: check them)",
    "formatting changes": "tracked formatting changes (bold, italics, indents, styles: not text, so not "
    "recorded; see them in Word or LibreOffice)",
}


WORD_ELEMENTS = {"content controls": "w:sdt", "hidden": "w:vanish"}


def found_notes(found: dict[str, int], elements: dict[str, str] | None = None) -> list[str]:
    """Each count met as a note ("2 hidden runs or paragraphs (left out)"); ``elements`` names
    the element each is of first in its parentheses ("(w:vanish, left out)": a .docx's terms)."""
    out = []
    for what, n in found.items():
        if not n:
            continue
        label = FOUND_LABELS[what]
        element = (elements or {}).get(what)
        out.append(f"{n} {label.replace(' (', f' ({element}, ', 1) if element else label}")
    return out


class DocxError(ProposalsError, ValueError):
    """A .docx that cannot be read: the message is one line naming the file and the problem.

    Also a ``ProposalsError``, so the CLI prints it as its one-line error without mapping.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One body paragraph as read: its text and whether Word styles it as a heading."""

    text: str
    heading_style: bool = False
    toc: bool = False


# Where a footnote or endnote is referenced, the walk writes a token into the paragraph text:
# its index in ``Notes.refs`` between two control characters XML 1.0 cannot carry, so no text
# of the document can forge or break one. ``Notes.place`` turns it into the part's "[1]".
_TOKEN_RE = re.compile("\x01(\\d+)\x02")
NoteKind = Literal["footnote", "endnote"]
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _roman(n: int) -> str:
    """Lower-case roman numerals, as Word and LibreOffice number endnotes by default."""
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out, n = out + digits, n - value
    return out


@dataclass(frozen=True, slots=True)
class NoteRef:
    """One footnote or endnote reference met in the body: which kind, the note's text (one
    line), and the mark the document sets itself ("*") when it has one (already in the text)."""

    kind: NoteKind
    text: str
    mark: str = ""


@dataclass(frozen=True, slots=True)
class Notes:
    """The footnotes and endnotes a walk met, in order, and how they land in part texts.

    The convention (ARCHITECTURE.md, "Footnotes and endnotes"): the reference stays in its
    paragraph as "[1]" (endnotes "[i]"), numbered per part in text order, and each note is a
    paragraph "[1] its text" at the end of that part after a blank line. Numbering per part
    keeps a footnote added in one article from renumbering, and so changing, every later one.
    """

    refs: tuple[NoteRef, ...] = ()

    def place(self, text: str) -> tuple[str, dict[int, str]]:
        """``text`` with its tokens as marks and its notes appended, and each token's mark."""
        body, lines, shown = self._marked(text)
        if not lines:
            return body, shown
        return body.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", shown

    def place_lines(self, lines: list[Line]) -> list[Line]:
        """Lines as one part (marks numbered through them, the notes after them): what an
        error quotes of a document that split into no parts."""
        body, notes, _ = self._marked("\x03".join(line.text for line in lines))
        marked = [replace(line, text=t) for line, t in zip(lines, body.split("\x03"), strict=True)]
        return [*marked, Line(""), *(Line(n) for n in notes)] if notes else marked

    def _marked(self, text: str) -> tuple[str, list[str], dict[int, str]]:
        """``text`` with its tokens as marks, its notes' lines, and each token's mark."""
        if "\x01" not in text:
            return text, [], {}
        counts: dict[str, int] = {"footnote": 0, "endnote": 0}
        lines: list[str] = []
        shown: dict[int, str] = {}

        def mark(match: re.Match[str]) -> str:
            index = int(match[1])
            ref = self.refs[index] if index < len(self.refs) else NoteRef("footnote", "")
            if ref.mark:
                label, shown[index] = ref.mark, ""
            else:
                counts[ref.kind] += 1
                n = counts[ref.kind]
                label = str(n) if ref.kind == "footnote" else _roman(n)
                shown[index] = f"[{label}]"
            lines.append(f"[{label}] {ref.text}".translate(GLYPHS).rstrip())
            return shown[index]

        return _TOKEN_RE.sub(mark, text), lines, shown

    def place_split(self, split: Split) -> Split:
        """A split of tokened lines with every note in its part (``place``); a reference in
        text no part keeps (a cover page, a division line) is dropped, and said."""
        if not self.refs:
            return split
        parts = []
        for part in split.parts:
            text, shown = self.place(part.text)
            title = _TOKEN_RE.sub(lambda m, shown=shown: shown.get(int(m[1]), ""), part.title)
            parts.append(replace(part, text=text, title=title, division=_unmarked(part.division)))
        lost = sum(len(_TOKEN_RE.findall(s.text)) for s in split.skipped)
        lost += len(_TOKEN_RE.findall("".join(p.division for p in split.parts)))
        notes = [_unmarked(n) for n in split.notes]
        if lost:
            notes.append(
                f"{lost} footnote or endnote references in text left out of every part, not imported"
            )
        return Split(
            parts,
            [Skipped(_unmarked(s.text), s.reason) for s in split.skipped],
            self.place(split.front)[0],
            split.style,
            notes,
        )


def _unmarked(text: str) -> str:
    """Text with any note token taken out."""
    return _TOKEN_RE.sub("", text)


@dataclass(frozen=True, slots=True)
class ImportedArticle:
    """An article found in the document, in our file format (heading line first, final LF)."""

    number: str
    title: str
    text: str
    kind: str = "article"
    division: str = ""  # the division line above it in the document ("PART A - GENERAL"), or ""


@dataclass(frozen=True, slots=True)
class ImportedDocx:
    """What a .docx holds: its articles in order, any text before the first heading, and
    who authored tracked changes in it (empty when it had none)."""

    articles: list[ImportedArticle]
    preamble: str = ""
    revision_authors: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = field(default=())  # footnotes, comments... found (reader.notes())

    @property
    def has_revisions(self) -> bool:
        """True when the file carried tracked changes (their text was read as accepted)."""
        return bool(self.revision_authors)


# --------------------------------------------------------------------------- package checks


def _load(source: Source) -> tuple[bytes, str]:
    """The file's bytes (at most the size limit) and the name used in error messages."""
    if isinstance(source, bytes):
        return source, "document"
    if hasattr(source, "read"):
        data = source.read(MAX_FILE_BYTES + 1)  # type: ignore[union-attr]
        name = str(getattr(source, "name", "document"))
    else:
        path = Path(os.fspath(source))  # type: ignore[arg-type]
        name = str(path)  # as the user gave it, so "no such file" says which one
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise DocxError(f"{name}: file is {size // 2**20} MB; the limit is 200 MB")
            data = path.read_bytes()
        except FileNotFoundError:
            raise DocxError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise DocxError(f"{name}: a directory, not a .docx file") from None
        except PermissionError:
            raise DocxError(f"{name}: permission denied") from None
        except OSError as exc:
            raise DocxError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise DocxError(f"{name}: file is larger than 200 MB")
    return data, name


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """Read one entry, refusing to inflate past its declared size or the part limit."""
    limit = min(info.file_size, MAX_PART_BYTES)
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(1 << 20):
                out += chunk
                if len(out) > limit:
                    raise DocxError(
                        f"{name}: {info.filename} inflates past its declared size "
                        "(a zip bomb?); refusing to read it"
                    )
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise DocxError(f"{name}: {info.filename} is corrupt ({exc})") from None
    except NotImplementedError as exc:  # a compression method zipfile cannot read
        raise DocxError(f"{name}: {info.filename} cannot be read ({exc})") from None
    except RuntimeError as exc:  # zipfile's "encrypted, password required"
        raise DocxError(f"{name}: {info.filename} is encrypted ({exc})") from None
    return bytes(out)


def _main_part(zf: zipfile.ZipFile, name: str) -> str:
    """The main document part named by the package relationships (word/document.xml)."""
    default = "word/document.xml"
    try:
        info = zf.getinfo("_rels/.rels")
    except KeyError:
        return default
    if info.file_size > 1024 * 1024:
        return default
    try:
        root = _parse(_read_part(zf, info, name), name, "_rels/.rels")
    except DocxError:
        return default
    for rel in root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith(OFFICE_DOC) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "").lstrip("/")
            return target or default
    return default


def _check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    if not data:
        raise DocxError(f"{name}: file is empty")
    kind = document_kind(data)
    if kind is not None and not kind.startswith(("a zip", "a legacy")):
        raise DocxError(
            f"{name}: {kind}, not a .docx; open it in Word or LibreOffice and save it as Word (.docx)"
            + (", or read the PDF as a PDF" if kind == "a PDF" else "")
        )
    if data.startswith(OLE_MAGIC):
        raise DocxError(
            f"{name}: encrypted (password-protected) or a legacy binary .doc; "
            "remove the password and save it as a Word .docx"
        )
    if not data.startswith(b"PK"):
        raise DocxError(f"{name}: not a .docx file (not a zip archive)")
    return bounded_zip(data, name, ".docx")


def bounded_zip(data: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The zip of a .docx or .odt, opened only once its entries are within bounds (no zip bomb)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise DocxError(f"{name}: not a readable {kind} file ({exc})") from None
    infos = zf.infolist()
    try:
        if len(infos) > MAX_ENTRIES:
            raise DocxError(f"{name}: has {len(infos)} zip entries; refusing (a zip bomb?)")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise DocxError(f"{name}: encrypted; remove the password and save it again")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_PART_BYTES or (ratio > MAX_RATIO and info.file_size > 2**20):
                raise DocxError(
                    f"{name}: {info.filename} would inflate to {info.file_size // 2**20} MB "
                    f"(ratio {ratio:.0f}:1); refusing (a zip bomb?)"
                )
        if total > MAX_TOTAL_BYTES:
            raise DocxError(f"{name}: would inflate to {total // 2**20} MB; refusing (a zip bomb?)")
    except DocxError:
        zf.close()
        raise
    return zf


def _parse(blob: bytes, name: str, part: str) -> etree._Element:
    if b"<!DOCTYPE" in blob[:4096] or b"<!ENTITY" in blob:
        raise DocxError(f"{name}: {part} declares a DTD or entities, which Word never writes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"{name}: {part} is not well-formed XML ({exc.msg})") from None


@dataclass(frozen=True, slots=True)
class Package:
    """The parts of a .docx a reader needs: the document, its lists and its styles."""

    document: etree._Element
    name: str
    numbering: etree._Element | None = None
    styles: etree._Element | None = None
    footnotes: etree._Element | None = None
    endnotes: etree._Element | None = None


def _related_part(zf: zipfile.ZipFile, name: str, main: str, kind: str) -> etree._Element | None:
    """A part the main document relates to by type (``/numbering``, ``/styles``), or None."""
    folder, _, base = main.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    target = f"{folder}/{kind}.xml" if folder else f"{kind}.xml"
    try:
        info = zf.getinfo(rels_name)
        if info.file_size <= 1024 * 1024:
            rels = _parse(_read_part(zf, info, name), name, rels_name)
            for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
                if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                    ref = rel.get("Target", "")
                    target = ref.lstrip("/") if ref.startswith("/") else f"{folder}/{ref}".lstrip("/")
    except (KeyError, DocxError):
        pass
    try:
        info = zf.getinfo(target)
    except KeyError:
        return None
    return _parse(_read_part(zf, info, name), name, target)


def load_package(source: Source) -> Package:
    """The parsed main document part (with numbering and styles), after every safety check."""
    data, name = _load(source)
    with _check_zip(data, name) as zf:
        part = _main_part(zf, name)
        try:
            info = zf.getinfo(part)
        except KeyError:
            raise DocxError(f"{name}: no {part} inside; not a Word document") from None
        if info.file_size > MAX_DOCUMENT_BYTES:
            raise DocxError(
                f"{name}: its text ({part}) is {info.file_size // 2**20} MB uncompressed; "
                f"the limit is {MAX_DOCUMENT_BYTES // 2**20} MB"
            )
        root = _parse(_read_part(zf, info, name), name, part)
        ns = etree.QName(root).namespace
        if ns not in (W_NS, W_STRICT) or etree.QName(root).localname != "document":
            raise DocxError(f"{name}: {part} is not a WordprocessingML document")
        numbering = _related_part(zf, name, part, "numbering")
        styles = _related_part(zf, name, part, "styles")
        footnotes = _related_part(zf, name, part, "footnotes")
        endnotes = _related_part(zf, name, part, "endnotes")
    return Package(root, name, numbering, styles, footnotes, endnotes)


def load_document_xml(source: Source) -> tuple[etree._Element, str]:
    """The parsed main document part and the file's display name, after every safety check."""
    package = load_package(source)
    return package.document, package.name


# --------------------------------------------------------------------------- text views


class _Reader:
    """Walks WordprocessingML in document order and yields paragraph texts for one view."""

    def __init__(self, ns: str, view: View, package: Package | None = None, *, notes: bool = True) -> None:
        self.w = ns
        self.view = view
        self.name = package.name if package else "document"
        self.numbering = Numbering.parse(
            package.numbering if package else None, package.styles if package else None, ns
        )
        self.heading_styles, self.toc_styles = _style_kinds(package.styles if package else None, ns)
        self.fields: list[str] = []  # instructions of the fields open at this point (TOC, PAGE)
        self.found: dict[str, int] = dict.fromkeys(FOUND_LABELS, 0)
        t = self.tag
        self.skip_view = (
            {t("del"), t("moveFrom")}
            if view == "accepted"
            else {
                t("ins"),
                t("moveTo"),
            }
        )
        self.keep_view = (
            {t("ins"), t("moveTo")}
            if view == "accepted"
            else {
                t("del"),
                t("moveFrom"),
            }
        )
        self.text_tags = {t("t"), t("delText")}
        self.ignore = {
            t("pPr"),
            t("rPr"),
            t("sdtPr"),
            t("sdtEndPr"),
            t("instrText"),
            t("delInstrText"),
            t("fldChar"),
            t("drawing"),
            t("pict"),
            t("object"),
            t("footnoteReference"),
            t("endnoteReference"),
            t("commentReference"),
            t("txbxContent"),
            t("footnoteRef"),
            t("endnoteRef"),
            t("tblPr"),
            t("tblGrid"),
            t("trPr"),
            t("tcPr"),
            f"{{{MC}}}Fallback",
        }
        self.authors: set[str] = set()
        self.revisions = 0  # tracked changes met (with or without an author)
        self.asides: set[str] = set()  # the names of our own asides met (``ooxml.aside_xml``)
        self.runs_static: list[str | None] = []  # the static classes of this paragraph's runs
        self.run_font: str | None = None  # the symbol font of the run being read (word.symbols)
        # a static redline of ours (``ooxml.redline_xml``): which runs each view leaves out
        self.skip_static = {"old", "neither", "mark"} if view == "accepted" else {"new", "neither", "mark"}
        # the notes' texts by (kind, id), read in this view; None inside a note (no nesting)
        self.note_texts: dict[tuple[NoteKind, str], str] | None = None
        self.refs: list[NoteRef] = []  # the references met, in order (the tokens' indexes)
        if notes and package is not None:
            self.note_texts = {}
            for kind, part in (("footnote", package.footnotes), ("endnote", package.endnotes)):
                if part is not None:
                    self._read_notes(kind, part, package)  # type: ignore[arg-type]

    def tag(self, local: str) -> str:
        return f"{{{self.w}}}{local}"

    def _read_notes(self, kind: NoteKind, part: etree._Element, package: Package) -> None:
        """Every note of a footnotes or endnotes part as one line of text, in this view, by a
        reader of its own (a note's fields and lists are not the body's); what it meets (tracked
        changes, comments, hidden text) counts as the body's."""
        assert self.note_texts is not None
        sub = _Reader(self.w, self.view, package, notes=False)
        for note in part.iter(self.tag(kind)):
            if note.get(self.tag("type"), "normal") != "normal":
                continue  # the separator lines Word draws above the notes
            texts = [" ".join(p.text.split()) for p in sub.paragraphs(note)]
            self.note_texts[(kind, note.get(self.tag("id"), ""))] = " ".join(t for t in texts if t)
        self.authors |= sub.authors
        self.revisions += sub.revisions
        for what, n in sub.found.items():
            if what != "footnotes":
                self.found[what] += n
        self.numbering.unwritten.add(sub.numbering.unwritten)

    def notes(self) -> list[str]:
        """What was found but not imported, or read specially, one line each (``--dry-run`` and
        the import summary show them), and the list numbers read in decimals, not as shown."""
        return [*found_notes(self.found, WORD_ELEMENTS), *self.numbering.unwritten.notes()]

    def paragraphs(self, body: etree._Element, toc: bool = False) -> Iterator[Paragraph]:
        """Body paragraphs in order, with revised paragraph marks already merged and Word's
        automatic numbering written out ("ARTICLE 1 – ", "6.3 ", "(a) ")."""
        pending: list[str] = []
        pending_heading = False
        pending_toc = False
        parts: list[tuple[bool, bool, bool, str]] = []  # each joined part's spacing, gone, text
        for block in self._blocks(body, toc):
            if block is None:  # a hidden paragraph: nothing of it is shown
                continue
            text, heading, mark_kept, label, in_toc, blank_before, blank_after, gone = block
            if not pending:
                pending_heading, pending_toc = heading, in_toc
            pending.append(text)
            parts.append((blank_before, blank_after, gone, text))
            if mark_kept:
                before, after = _joined_spacing(parts)
                if before:
                    yield Paragraph("", False, in_toc)
                yield Paragraph(label + "".join(pending), pending_heading or heading, pending_toc or in_toc)
                if after:
                    yield Paragraph("", False, in_toc)
                pending, parts = [], []
        if pending:
            yield Paragraph("".join(pending), pending_heading, pending_toc)

    def _blocks(self, parent: etree._Element, toc: bool = False) -> Iterator[Block | None]:
        for child in parent:
            tag = child.tag
            if tag == self.tag("p"):
                yield self._paragraph(child, toc)
                for box in self._text_boxes(child):
                    self.found["text boxes"] += 1
                    yield from self._blocks(box, toc)
            elif tag == self.tag("tbl"):
                yield from self._table(child, toc)
            elif tag in (self.tag("sdt"), self.tag("customXml")):
                if self._placeholder(child):
                    continue
                marker = child.find(f"{self.tag('sdtPr')}/{self.tag('tag')}")
                if marker is not None and marker.get(self.tag("val"), "").startswith(ASIDE_TAG):
                    self.asides.add(marker.get(self.tag("val"), "")[len(ASIDE_TAG) :])
                    continue  # our own sign-off, passes table or title page: not contract text
                content = child.find(self.tag("sdtContent"))
                gallery = child.find("/".join(self.tag(t) for t in ("sdtPr", "docPartObj", "docPartGallery")))
                what = (gallery.get(self.tag("val"), "") if gallery is not None else "").lower()
                in_toc = toc or "content" in what
                if tag == self.tag("sdt") and not in_toc:
                    self.found["content controls"] += 1
                yield from self._blocks(content if content is not None else child, in_toc)
            elif tag == self.tag("altChunk"):
                raise DocxError(
                    f"{self.name}: holds an embedded document (w:altChunk) whose text cannot be read "
                    "here; open it in Word or LibreOffice and save it again as .docx first"
                )
            elif tag in self.keep_view or tag in self.skip_view:
                self._note_author(child)
                if tag in self.keep_view:
                    yield from self._blocks(child, toc)

    def _text_boxes(self, p: etree._Element) -> list[etree._Element]:
        """The text boxes anchored in a paragraph (DrawingML or VML), each once: the
        compatibility fallback of a DrawingML box repeats its text and is not read."""
        boxes: list[etree._Element] = []

        def walk(el: etree._Element) -> None:
            for child in el:
                if child.tag == f"{{{MC}}}Fallback":
                    continue
                if child.tag == self.tag("txbxContent"):
                    boxes.append(child)
                    continue
                if isinstance(child.tag, str):
                    walk(child)

        walk(p)
        return boxes

    def _table(self, tbl: etree._Element, toc: bool) -> Iterator[Block]:
        """A table in our pipe-table format (:mod:`proposals.contract.table`): a line per row,
        ``| --- |`` after a header row (Word's repeated header row, or a heading-styled row), so a
        wage scale stays a table and diffs cell by cell."""
        first = True
        for tr in tbl.findall(self.tag("tr")):
            trpr = tr.find(self.tag("trPr"))
            if trpr is not None:
                gone = trpr.find(self.tag("del" if self.view == "accepted" else "ins"))
                if gone is not None:
                    self._note_author(gone)
                    continue
            first_mark = tr.find("/".join(self.tag(t) for t in ("tc", "p", "pPr", "rPr")))
            if first_mark is not None and self._static(first_mark) in self.skip_static:
                continue  # a static redline's row that only the other text has
            cells = []
            for tc in tr.findall(self.tag("tc")):
                texts = [p.text for p in self.paragraphs(tc, toc)]
                cells.append(" ".join(" ".join(t.split()) for t in texts if t.strip()))
                # A cell merged across columns keeps the grid: its text, then empty cells
                # (as a PDF's ruled table is read), so every row has the table's width.
                span = tc.find(f"{self.tag('tcPr')}/{self.tag('gridSpan')}")
                wide = span.get(self.tag("val"), "1") if span is not None else "1"
                cells.extend([""] * (min(int(wide), 64) - 1 if wide.isdigit() else 0))
            yield format_row(cells), False, True, "", toc, False, False, False
            if first and self._header_row(tr):
                yield format_row(["---"] * len(cells)), False, True, "", toc, False, False, False
            first = False

    def _header_row(self, tr: etree._Element) -> bool:
        trpr = tr.find(self.tag("trPr"))
        if trpr is not None and trpr.find(self.tag("tblHeader")) is not None:
            return True
        styles = [s.get(self.tag("val"), "").lower() for s in tr.iter(self.tag("pStyle"))]
        return bool(styles) and all("heading" in s for s in styles)

    def _paragraph(self, p: etree._Element, toc: bool) -> Block | None:
        mark_kept = True
        mark_hidden = False
        heading = False
        mark_static: str | None = None
        blank = (False, False)
        toc = toc or any(f.startswith("TOC") for f in self.fields)
        ppr = p.find(self.tag("pPr"))
        if ppr is not None:
            style = ppr.find(self.tag("pStyle"))
            val = style.get(self.tag("val"), "") if style is not None else ""
            if val not in SPACED_STYLES and ppr.find(self.tag("pPrChange")) is not None:
                self.found["formatting changes"] += 1  # (ours mark a blank line's spacing: read below)
            if style is not None:
                if val in SPACED_STYLES:
                    was = ppr.find(f"{self.tag('pPrChange')}/{self.tag('pPr')}")
                    blank = self._blank_lines(was if self.view == "rejected" and was is not None else ppr)
                heading = val in self.heading_styles or val.lower().startswith("heading") or val == "Title"
                toc = toc or val in self.toc_styles
            outline = ppr.find(self.tag("outlineLvl"))
            if outline is not None and outline.get(self.tag("val")) == "0":
                heading = True
            rpr = ppr.find(self.tag("rPr"))
            mark_static = self._static(rpr)
            if mark_static in self.skip_static:
                mark_kept = False
            if rpr is not None:
                for child in rpr:
                    if child.tag in self.skip_view:
                        mark_kept = False
                        self._note_author(child)
                    elif child.tag in self.keep_view:
                        self._note_author(child)
                    elif child.tag == self.tag("vanish") and _on(child, self.tag("val")):
                        mark_hidden = True
        out: list[str] = []
        self.runs_static = []
        self._collect(p, out)
        toc = toc or any(f.startswith("TOC") for f in self.fields)
        text = "".join(out)
        if self._pilcrow_kept(mark_static, text):
            text = text[:-1]
        if mark_hidden:
            self.found["hidden"] += 1
            if not text.strip():
                return None
            mark_kept = False  # Word shows it run into the next paragraph
        label = self.numbering.label(ppr) if mark_kept else ""
        gone = not mark_kept and not text and self._one_revision(p)
        return text, heading, mark_kept, label, toc, *blank, gone

    def _one_revision(self, p: etree._Element) -> bool:
        """Whether everything this view removes of the paragraph is one revision (one author
        and date, no move): LibreOffice then drops the paragraph and its properties whole."""
        found = set()
        for el in p.iter(*self.skip_view):
            if el.tag in (self.tag("moveFrom"), self.tag("moveTo")):
                return False
            found.add((el.get(self.tag("author")), el.get(self.tag("date"))))
        return len(found) <= 1

    def _blank_lines(self, ppr: etree._Element) -> tuple[bool, bool]:
        """Blank lines above and below a paragraph of our body styles, which our export writes
        as space set on the paragraph itself (no empty paragraphs), so import gives them back."""
        spacing = ppr.find(self.tag("spacing"))
        if spacing is None:
            return False, False

        def twips(side: str) -> int:
            value = spacing.get(self.tag(side), "")
            return int(value) if value.isdigit() and len(value) < 7 else 0

        return twips("before") >= BLANK_LINE_MIN_TWIPS, twips("after") >= BLANK_LINE_MIN_TWIPS

    def _collect(self, el: etree._Element, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == self.tag("fldChar"):
                kind = child.get(self.tag("fldCharType"))
                if kind == "begin":
                    self.fields.append("")
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == self.tag("instrText") and self.fields:
                self.fields[-1] = (self.fields[-1] + (child.text or "")).lstrip().upper()
                continue
            if tag == self.tag("footnoteReference") or tag == self.tag("endnoteReference"):
                self.found["footnotes"] += 1
                if self.note_texts is not None:
                    out.append(self._reference(child))
                continue
            if tag == self.tag("commentReference"):
                self.found["comments"] += 1
                continue
            if not isinstance(tag, str) or tag in self.ignore:
                continue
            if tag == self.tag("sdt"):
                if self._placeholder(child):
                    continue
                self.found["content controls"] += 1
            if tag in self.skip_view:
                self._note_author(child)
                continue
            if tag == self.tag("r") and self._hidden(child):
                self.found["hidden"] += 1
                continue
            if tag == self.tag("r"):
                rpr = child.find(self.tag("rPr"))
                if rpr is not None and rpr.find(self.tag("rPrChange")) is not None:
                    self.found["formatting changes"] += 1
                static = self._static(rpr)
                self.runs_static.append(static)
                if static in self.skip_static:
                    continue
                font = self._symbol_font(rpr)
                if font:  # typed in Symbol or Wingdings: its text is codes in that font
                    outer, self.run_font = self.run_font, font
                    try:
                        self._collect(child, out)
                    finally:
                        self.run_font = outer
                    continue
            if tag in self.keep_view:
                self._note_author(child)
                self._collect(child, out)
            elif tag in self.text_tags:
                text = child.text or ""
                if self.run_font and text:
                    text = in_symbol_font(self.run_font, text)
                    unknown = text.count(REPLACEMENT)
                    self.found["unknown symbols"] += unknown
                    self.found["symbols"] += len(text) - unknown - sum(1 for c in text if c.isspace())
                out.append(text)
            elif tag == self.tag("tab"):
                out.append("\t")
            elif tag in (self.tag("br"), self.tag("cr")):
                kind = child.get(self.tag("type"), "textWrapping")
                out.append("\n" if kind == "textWrapping" else "")
            elif tag == self.tag("sym"):  # Insert > Symbol: a font and a code, no text (word.symbols)
                shown = symbol_text(child.get(self.tag("font")), child.get(self.tag("char")))
                self.found["symbols" if shown != REPLACEMENT else "unknown symbols"] += 1
                out.append(shown)
            elif tag == self.tag("noBreakHyphen"):
                out.append("\u2011")
            elif tag == self.tag("softHyphen"):
                out.append("\u00ad")
            elif tag == self.tag("p"):
                continue  # a nested paragraph (text box) is not this paragraph's text
            elif tag == self.tag("fldSimple"):
                instr = child.get(self.tag("instr"), "").strip().upper()
                if not instr.startswith(("PAGE", "NUMPAGES", "TOC")):
                    self._collect(child, out)
            else:
                self._collect(child, out)

    def _reference(self, ref: etree._Element) -> str:
        """The token a footnote or endnote reference leaves in its paragraph (``Notes``). A
        custom mark ("*", ``customMarkFollows``) is text of the same run, read as such."""
        assert self.note_texts is not None
        kind: NoteKind = "footnote" if ref.tag == self.tag("footnoteReference") else "endnote"
        custom = self.tag("customMarkFollows")
        mark = ""
        text = self.note_texts.get((kind, ref.get(self.tag("id"), "")), "")
        if ref.get(custom) is not None and _on(ref, custom):
            mark = " ".join("".join(t.text or "" for t in ref.itersiblings(self.tag("t"))).split())
            # the note repeats its mark as text (LibreOffice, saving it again, twice): the
            # note's line starts with the mark once, "[*] ..."
            while mark and text.startswith(mark):
                text = text[len(mark) :].lstrip()
        self.refs.append(NoteRef(kind, text, mark))
        return f"\x01{len(self.refs) - 1}\x02"

    def _symbol_font(self, rpr: etree._Element | None) -> str | None:
        """The symbol font a run is set in directly (``w:rFonts``), or None."""
        fonts = rpr.find(self.tag("rFonts")) if rpr is not None else None
        if fonts is None:
            return None
        name = fonts.get(self.tag("ascii")) or fonts.get(self.tag("hAnsi"))
        return name if symbol_font(name) else None

    def _placeholder(self, sdt: etree._Element) -> bool:
        """A content control still showing its prompt ("Click here to enter text."): a form
        field nobody filled in, never contract text."""
        ppr = sdt.find(self.tag("sdtPr"))
        if ppr is None or ppr.find(self.tag("showingPlcHdr")) is None:
            return False
        self.found["placeholders"] += 1
        return True

    def _static(self, rpr: etree._Element | None) -> str | None:
        """Which text a run (or paragraph mark) of our static redline belongs to, from the run
        style and marks ``ooxml.redline_xml`` writes: ``new``, ``old``, ``neither`` (a word a
        move dropped, struck at the new place), ``mark`` (the struck pilcrow of a deleted
        paragraph break); None for anything else."""
        if rpr is None:
            return None
        style = rpr.find(self.tag("rStyle"))
        name = style.get(self.tag("val"), "") if style is not None else ""
        if name not in ("RedlineInsert", "RedlineDelete", "RedlineMove"):
            return None
        underline = rpr.find(self.tag("u"))
        double = underline is not None and underline.get(self.tag("val")) == "double"
        if name == "RedlineInsert":
            return "new"
        if name == "RedlineMove":
            return "old" if rpr.find(self.tag("dstrike")) is not None else "new"
        if rpr.find(self.tag("noProof")) is not None:
            return "mark"
        return "neither" if double else "old"

    def _pilcrow_kept(self, mark: str | None, text: str) -> bool:
        """The struck pilcrow of a deleted paragraph break, read as text: LibreOffice saves our
        redline without the pilcrow's own mark (``noProof``) and may join it to the deleted
        word before it. It ends a paragraph whose mark is struck and that is not struck whole."""
        runs = self.runs_static
        return (
            self.view == "rejected"
            and mark in ("old", "neither")
            and text.endswith("\u00b6")
            and "mark" not in runs
            and bool(runs)
            and runs[-1] == "old"
            and any(r != "old" for r in runs)
        )

    def _hidden(self, run: etree._Element) -> bool:
        """A run formatted as hidden text (w:vanish): Word does not show or print it."""
        rpr = run.find(self.tag("rPr"))
        vanish = rpr.find(self.tag("vanish")) if rpr is not None else None
        return vanish is not None and _on(vanish, self.tag("val"))

    def _note_author(self, el: etree._Element) -> None:
        self.revisions += 1
        author = el.get(self.tag("author"))
        if author:
            self.authors.add(author)


def _joined_spacing(parts: list[tuple[bool, bool, bool, str]]) -> tuple[bool, bool]:
    """The blank lines above and below a paragraph joined from ``parts`` by removed marks, as
    LibreOffice joins them (measured): the spacing of the first part not removed whole, unless
    that is the last part and empty (the removed parts then give theirs, the first of them)."""
    keep = next((i for i, part in enumerate(parts) if not part[2]), len(parts) - 1)
    if keep == len(parts) - 1 and not parts[keep][3]:
        keep = 0
    return parts[keep][0], parts[keep][1]


def _on(el: etree._Element, attr: str) -> bool:
    """A WordprocessingML on/off property: present means on unless val says false."""
    return el.get(attr, "true").lower() not in ("0", "false", "off")


def _style_kinds(styles: etree._Element | None, w: str) -> tuple[set[str], set[str]]:
    """Style ids Word uses for headings and for table-of-contents entries (by name or outline
    level), since styles are named per language and per program ("TOC1", "Contents1")."""
    heading: set[str] = set()
    toc: set[str] = set()
    if styles is None:
        return heading, toc
    for style in styles.iter(f"{{{w}}}style"):
        style_id = style.get(f"{{{w}}}styleId", "")
        name_el = style.find(f"{{{w}}}name")
        name = (name_el.get(f"{{{w}}}val", "") if name_el is not None else "").lower()
        for label in (name, style_id.lower()):
            if label.startswith(("toc", "contents", "table of contents", "index")):
                toc.add(style_id)
            elif label.startswith("heading") or label == "title":
                heading.add(style_id)
        outline = style.find(f"{{{w}}}pPr/{{{w}}}outlineLvl")
        if outline is not None and outline.get(f"{{{w}}}val") == "0" and style_id not in toc:
            heading.add(style_id)
    return heading, toc


def read_paragraphs(source: Source, view: View = "accepted") -> list[str]:
    """Every body paragraph's text in the accepted (or rejected) view of tracked changes.

    A soft line break inside a paragraph becomes a line of its own, as in our article files.
    The document reads as one part for its notes: marks numbered through it, notes at its end.
    """
    reader, paras = _walk(source, view)
    lines = [line for p in paras for line in p.text.split("\n")]
    if not reader.refs:
        return lines
    return Notes(tuple(reader.refs)).place("\n".join(lines))[0].rstrip("\n").split("\n")


def read_docx_lines(source: Source) -> tuple[list[Line], list[str], Notes]:
    """A whole contract's paragraphs (accepted view) as lines for :func:`split_parts`, notes
    on what was found but not imported (comments) or read specially (footnotes, text boxes,
    hidden text left out), and its footnotes and endnotes: the lines hold a token where one is
    referenced, and ``Notes.place_split`` of their split puts each note in its part. A
    hard-wrapped text pasted in, a paragraph a line, is unwrapped as the text reader unwraps a
    .txt (:func:`proposals.contract.plaintext.pasted_wrapped`)."""
    reader, paragraphs = _walk(source, "accepted")
    footnotes = Notes(tuple(reader.refs))
    _not_history(reader)
    lines = [Line(p.text, p.heading_style, p.toc) for p in paragraphs]
    notes = reader.notes()
    if reader.revisions:
        # a contract saved with its last edits still tracked: which text is in force is the
        # reader's call, so the dry run and the import summary say what was taken
        names = ", ".join(sorted(reader.authors)[:3]) + (" and others" if len(reader.authors) > 3 else "")
        notes.append(
            f"tracked changes{f' by {names}' if names else ''} read as accepted: inserted text kept, "
            "deleted text left out; "
            "accept or reject them in Word or LibreOffice first if that is not the contract in force"
        )
    if pasted_wrapped([line for p in paragraphs for line in p.text.split("\n")]):
        unwrapped = _unwrap_pasted(lines)
        return unwrapped.lines, [*notes, *unwrapped.notes()], footnotes
    return lines, notes, footnotes


def _unwrap_pasted(lines: list[Line]) -> Unwrapped:
    """A hard-wrapped text pasted one line a paragraph, joined back into paragraphs the way the
    text reader joins a .txt; a paragraph styled as a heading or a contents entry stays whole."""
    raw: list[str] = []
    kept: dict[str, Line] = {}
    for line in lines:
        if line.heading_style or line.toc:
            kept[line.text.strip()] = line
            raw.extend(["", line.text.strip(), ""])
        else:
            raw.extend(line.text.split("\n"))
    unwrapped = unwrap(raw)
    unwrapped.lines = [kept.get(line.text, line) for line in unwrapped.lines]
    return unwrapped


def _not_history(reader: _Reader) -> None:
    """A negotiation history (``export --history``) holds every pass of both sides as
    revisions: it is not a pass to record nor a contract to start from, and reading its
    accepted text as one would credit our own changes to them."""
    if HISTORY_ASIDE in reader.asides:
        raise DocxError(
            f"{reader.name}: is a negotiation history (export --history), not a pass or a contract; "
            "import the document the pass itself came in"
        )


def _walk(source: Source, view: View) -> tuple[_Reader, list[Paragraph]]:
    if view not in ("accepted", "rejected"):
        raise ValueError(f"unknown view {view!r}")
    from proposals.word import opendocument  # an .odt: read into the same paragraphs there

    if opendocument.sniff(source):
        return opendocument.walk(source, view)  # type: ignore[return-value]
    package = load_package(source)
    root, name = package.document, package.name
    ns = etree.QName(root).namespace or W_NS
    body = root.find(f"{{{ns}}}body")
    if body is None:
        raise DocxError(f"{name}: word/document.xml has no body")
    reader = _Reader(ns, view, package)
    return reader, list(reader.paragraphs(body))


# --------------------------------------------------------------------------- articles


def heading_of(text: str, heading_style: bool = False) -> tuple[str, str] | None:
    """(number, title) when a paragraph is an article heading, else None (the grammar is
    :func:`proposals.contract.headings.match_heading`)."""
    found = match_heading(text, heading_style=heading_style)
    if found is None or found.kind != "article":
        return None
    return found.number, found.title


def split_articles(
    paragraphs: list[Paragraph], notes: Notes | None = None, *, titled: bool = False
) -> tuple[list[ImportedArticle], str]:
    """Cut paragraphs into parts at their headings; text before the first is the front matter.
    ``notes``: the footnotes and endnotes the paragraphs' tokens refer to (``Notes.place``);
    ``titled``: titles with no number over numbered clauses are articles (``split_parts``)."""
    split = split_parts((Line(p.text, p.heading_style, p.toc) for p in paragraphs), titled=titled)
    if notes is not None:
        split = notes.place_split(split)
    return [ImportedArticle(p.number, p.title, p.text, p.kind, p.division) for p in split.parts], split.front


def read_docx(
    source: Source, view: View = "accepted", *, history: bool = False, titled: bool = False
) -> ImportedDocx:
    """A .docx as part texts in our format (accepted view: the other side's proposal).

    Raises :class:`DocxError` with a one-line message for anything that is not a readable,
    unencrypted, reasonably sized Word document, and for a negotiation history unless
    ``history`` (reading one back, not importing it). ``titled``: as ``split_articles``.
    """
    reader, paragraphs = _walk(source, view)
    if not history:
        _not_history(reader)
    articles, preamble = split_articles(paragraphs, Notes(tuple(reader.refs)), titled=titled)
    return ImportedDocx(articles, preamble, tuple(sorted(reader.authors)), tuple(reader.notes()))


def slug(title: str, number: str = "") -> str:
    """An article id from its heading (see :func:`proposals.contract.part.slug_id`)."""
    return slug_id("article", number, title)


def read_docx_articles(source: Source, view: View = "accepted") -> dict[str, str]:
    """Part id → text for every part in a .docx (``baseline --from-docx``).

    Ids are slugs of the titles, made unique with ``-2``, ``-3``; text before the first
    heading becomes the preamble when it reads as one. Raises :class:`DocxError` when the file
    holds no heading at all.
    """
    reader, paragraphs = _walk(source, view)
    _not_history(reader)
    split = split_parts((Line(p.text, p.heading_style, p.toc) for p in paragraphs), front_as_preamble=True)
    split = Notes(tuple(reader.refs)).place_split(split)
    if not any(p.kind != "preamble" for p in split.parts):
        name = str(source) if isinstance(source, (str, os.PathLike)) else "document"
        raise DocxError(f"{name}: no article headings like 'ARTICLE 6: STAFFING' found")
    return dict(zip(part_ids(split.parts), (p.text for p in split.parts), strict=True))


def match_articles(
    articles: list[ImportedArticle], known: dict[str, str]
) -> list[tuple[ImportedArticle, str | None]]:
    """Pair each imported part with an existing id (``known``: id → current text); None means a
    new part. The rules are :func:`proposals.contract.matching.match_parts`."""
    return [(a, m.part_id) for a, m in zip(articles, match_parts(articles, known), strict=True)]


__all__ = [
    "DocxError",
    "ImportedArticle",
    "ImportedDocx",
    "NoteRef",
    "Notes",
    "Paragraph",
    "arabic",
    "heading_of",
    "load_document_xml",
    "match_articles",
    "read_docx",
    "read_docx_articles",
    "read_docx_lines",
    "read_paragraphs",
    "slug",
    "split_articles",
]
