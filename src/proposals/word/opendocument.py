"""Read an OpenDocument text (.odt, what LibreOffice saves by default) as the .docx reader reads
a Word file: the same paragraphs, numbering labels, tables, notes and tracked changes, so a
contract or a pass written in LibreOffice is imported without saving it as Word first.

``content.xml`` holds the body; ``styles.xml`` the named styles, the outline (chapter) numbering
and most list styles. As in a .docx, automatic numbering is not in the text: "ARTICLE 7 –" or
"7.2" exist only while LibreOffice counts headings (``text:h`` under ``text:outline-style``) and
list items (``text:list``, continued by ``text:continue-numbering`` / ``text:continue-list``,
restarted by ``text:start-value``). The counters are kept here and each label is written with
the vocabulary of :mod:`proposals.word.numbering` (``odf_format``, ``Unwritten.number``), so both
readers number alike and say alike which numbers they read in decimals, not as shown.

Tracked changes: ODF stores the text with insertions in place (between ``text:change-start`` and
``text:change-end``) and each deletion in ``text:tracked-changes``, marked in the body by
``text:change``. The accepted view reads the body and leaves both marks out; the rejected view
drops inserted text (a paragraph mark inside an insertion joins its paragraph to the next) and
puts each deletion's paragraphs back. Numbering is counted after the view is taken, so a deleted
heading still has its number in the rejected view.

Headers and footers live in ``styles.xml`` and are never read; a table of contents is read as
contents lines (the splitter skips them); footnotes, comments and hidden text are counted in the
notes with the .docx reader's words (:data:`proposals.word.reader.FOUND_LABELS`), less the Word
elements a .docx's notes name.

The file comes from outside: the package checks are the .docx reader's (size, entries, ratios,
encryption, a bounded read, no DTD or entities), and every failure is one :class:`DocxError` line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from lxml import etree

from proposals.contract.table import format_row
from proposals.word.numbering import Unwritten, odf_format
from proposals.word.reader import (
    BLANK_LINE_MIN_TWIPS,
    FOUND_LABELS,
    MAX_DOCUMENT_BYTES,
    SPACED_STYLES,
    DocxError,
    NoteKind,
    NoteRef,
    Paragraph,
    Source,
    View,
    _joined_spacing,
    _load,
    _read_part,
    bounded_zip,
    found_notes,
)

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
DC = "http://purl.org/dc/elements/1.1/"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"

MIMETYPE_PREFIX = b"application/vnd.oasis.opendocument."
TEXT_MIMETYPES = ("text", "text-template", "text-master", "text-master-template")
_HEAD = b"PK\x03\x04"
_SNIFF = 8192  # a flat .fodt names its mimetype after the namespace declarations
_FLAT_ROOT = re.compile(
    rb"<office:document\s[^>]*office:mimetype=\"application/vnd\.oasis\.opendocument\.text\""
)
MAX_LEVELS = 10
MAX_REPEAT = 64  # a cell or row repeated by number-columns/rows-repeated: a grid, not a bomb
MAX_SPACES = 1000
# What repetition may add to a document in all (spaces of text:s, repeated rows and cells): a
# few bytes of XML must not become gigabytes of text.
MAX_EXPANDED = 5_000_000

_STATIC_REDLINE = ("Redline Insert", "Redline Delete", "Redline Move")  # ``ooxml.redline_xml``'s styles
_SPACED = {name.lower() for name in SPACED_STYLES}  # by display name, as LibreOffice keeps them
_WHITESPACE = re.compile(r"[ \t\r\n]+")
# Index bodies (contents, figures, an alphabetical index): lines the splitter leaves out.
_INDEXES = {"table-of-content", "illustration-index", "table-index", "object-index", "user-index",
            "alphabetical-index", "bibliography"}  # fmt: skip
# Point marks and declarations with no text of their own.
_SKIP = {
    (TEXT, n)
    for n in ("bookmark", "bookmark-start", "bookmark-end", "reference-mark", "reference-mark-start",
              "reference-mark-end", "toc-mark", "toc-mark-start", "toc-mark-end", "alphabetical-index-mark",
              "alphabetical-index-mark-start", "alphabetical-index-mark-end", "user-index-mark",
              "user-index-mark-start", "user-index-mark-end", "soft-page-break", "sequence-decls",
              "variable-decls", "user-field-decls", "dde-connection-decls", "tracked-changes",
              "page-number", "page-count", "page-continuation", "note-citation", "ruby-text",
              "alphabetical-index-auto-mark-file", "bibliography-mark")
} | {(OFFICE, "annotation-end"), (OFFICE, "forms"), (OFFICE, "event-listeners")}  # fmt: skip


def _q(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


def sniff(source: Source) -> bool:
    """Whether ``source`` is an OpenDocument package (its first bytes name the ODF mimetype) or a
    flat OpenDocument text (.fodt), told without consuming a stream: the .docx reader hands such
    a file here."""
    head = b""
    if isinstance(source, bytes):
        head = source[:_SNIFF]
    elif hasattr(source, "read"):
        stream = source  # type: ignore[assignment]
        try:
            if not stream.seekable():  # type: ignore[union-attr]
                return False
            at = stream.tell()  # type: ignore[union-attr]
            head = stream.read(_SNIFF)  # type: ignore[union-attr]
            stream.seek(at)  # type: ignore[union-attr]
        except (OSError, ValueError):
            return False
    else:
        try:
            with open(os.fspath(source), "rb") as fh:  # type: ignore[arg-type]
                head = fh.read(_SNIFF)
        except OSError:
            return False  # the .docx reader says why, in its one line
    if head.startswith(_HEAD):
        return b"mimetype" + MIMETYPE_PREFIX in head[:256]
    return _flat(head)


def _flat(head: bytes) -> bool:
    """A flat OpenDocument text: XML whose root is ``office:document`` of a text mimetype."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith((b"<?xml", b"<office:document")) and bool(_FLAT_ROOT.search(head))


# --------------------------------------------------------------------------- package checks


def _parse(blob: bytes, name: str, part: str) -> etree._Element:
    if b"<!DOCTYPE" in blob[:4096] or b"<!ENTITY" in blob:
        raise DocxError(f"{name}: {part} declares a DTD or entities, which LibreOffice never writes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"{name}: {part} is not well-formed XML ({exc.msg})") from None


@dataclass(frozen=True, slots=True)
class OdfPackage:
    """The parts of an .odt a reader needs: the content and the named styles."""

    content: etree._Element
    styles: etree._Element | None
    name: str


def load_odt(data: bytes, name: str) -> OdfPackage:
    """The parsed ``content.xml`` and ``styles.xml`` of an OpenDocument text, after every check."""
    with bounded_zip(data, name, ".odt") as zf:

        def part(path: str, limit: int) -> bytes | None:
            try:
                info = zf.getinfo(path)
            except KeyError:
                return None
            if info.file_size > limit:
                raise DocxError(
                    f"{name}: its {path} is {info.file_size // 2**20} MB uncompressed; "
                    f"the limit is {limit // 2**20} MB"
                )
            return _read_part(zf, info, name)

        mimetype = (part("mimetype", 256) or b"").strip()
        kind = mimetype[len(MIMETYPE_PREFIX) :].decode("ascii", "replace")
        if not mimetype.startswith(MIMETYPE_PREFIX) or kind not in TEXT_MIMETYPES:
            what = kind.split("-")[0] if mimetype.startswith(MIMETYPE_PREFIX) else "package"
            raise DocxError(
                f"{name}: an OpenDocument {what or 'package'}, not a text document; "
                "open it in LibreOffice and save the contract as .odt or .docx"
            )
        manifest = part("META-INF/manifest.xml", 4 * 2**20)
        if manifest is not None and b"encryption-data" in manifest:
            raise DocxError(f"{name}: encrypted (password-protected); remove the password and save it again")
        content_blob = part("content.xml", MAX_DOCUMENT_BYTES)
        if content_blob is None:
            raise DocxError(f"{name}: no content.xml inside; not an OpenDocument text")
        content = _parse(content_blob, name, "content.xml")
        styles_blob = part("styles.xml", MAX_DOCUMENT_BYTES)
        styles = _parse(styles_blob, name, "styles.xml") if styles_blob is not None else None
    if (
        content.tag != _q(OFFICE, "document-content")
        or content.find(f"{_q(OFFICE, 'body')}/{_q(OFFICE, 'text')}") is None
    ):
        raise DocxError(f"{name}: content.xml is not an OpenDocument text")
    return OdfPackage(content, styles, name)


# --------------------------------------------------------------------------- styles and numbering


@dataclass(frozen=True, slots=True)
class _Level:
    """One level of a list or outline style, as LibreOffice shows its label."""

    fmt: str = "decimal"
    prefix: str = ""
    suffix: str = ""
    display: int = 1
    list_format: str | None = None  # loext:num-list-format, "ARTICLE %1% –": the whole label
    start: int = 1
    spaced: bool = True  # text:label-followed-by is not "nothing"
    bullet: bool = False
    legal: bool = False  # loext:is-legal: every number in the label in decimals (Word's isLgl)


@dataclass(frozen=True, slots=True)
class _ParaStyle:
    parent: str | None
    display: str
    list_style: str | None  # None: not set here; "": numbering explicitly off
    outline: int | None
    hidden: bool | None  # text:display="none" on the style's text (None: not set here)
    blank: tuple[bool, bool] = (False, False)  # direct space above, below of a blank line or more
    language: str | None = None  # fo:language(-fo:country) of its text: its list labels' words


_UNITS = {"in": 1440.0, "cm": 1440 / 2.54, "mm": 1440 / 25.4, "pt": 20.0, "pc": 240.0, "px": 15.0}
_LENGTH = re.compile(r"(-?[0-9.]+)(in|cm|mm|pt|pc|px)")


def _twips(length: str | None) -> float:
    """An ODF length ("0.1665in", "0.42cm", "12pt") in twips, the unit of Word's spacing."""
    found = _LENGTH.fullmatch(length or "")
    if found is None:
        return 0.0
    try:
        return float(found[1]) * _UNITS[found[2]]
    except ValueError:
        return 0.0


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _levels(style: etree._Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for el in style:
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        if local not in ("list-level-style-number", "outline-level-style", "list-level-style-bullet",
                         "list-level-style-image"):  # fmt: skip
            continue
        n = _int(el.get(_q(TEXT, "level")), 1)
        followed = el.find(f"{_q(STYLE, 'list-level-properties')}/{_q(STYLE, 'list-level-label-alignment')}")
        spaced = followed is None or followed.get(_q(TEXT, "label-followed-by")) != "nothing"
        if local in ("list-level-style-bullet", "list-level-style-image"):
            levels[n] = _Level(bullet=True)
            continue
        num_format = el.get(_q(STYLE, "num-format"), "")
        fmt = odf_format(num_format)  # its ODF names are word.numbering's too
        if fmt.endswith("Alphabetic") and el.get(_q(STYLE, "num-letter-sync")) == "true":
            fmt = fmt.replace("Alphabetic", "Letter")  # aa, bb: the letter repeated
        levels[n] = _Level(
            fmt=fmt,
            prefix=el.get(_q(STYLE, "num-prefix"), ""),
            suffix=el.get(_q(STYLE, "num-suffix"), ""),
            display=max(1, min(_int(el.get(_q(TEXT, "display-levels")), 1), MAX_LEVELS)),
            list_format=el.get(_q(LOEXT, "num-list-format")),
            start=_int(el.get(_q(TEXT, "start-value")), 1),
            spaced=spaced,
            legal=el.get(_q(LOEXT, "is-legal")) == "true",
        )
    return levels


@dataclass
class _Styles:
    """Paragraph, text and list styles of both parts, by name."""

    paragraphs: dict[str, _ParaStyle] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)  # paragraph styles of office:styles (not automatic)
    hidden_text: dict[str, bool] = field(default_factory=dict)  # text style -> display none or not
    lists: dict[str, dict[int, _Level]] = field(default_factory=dict)
    outline: dict[int, _Level] = field(default_factory=dict)
    outline_name: str | None = None  # a text:list naming it numbers on the outline's counters
    tracked_rows: set[str] = field(default_factory=set)  # row styles of rows inserted or deleted whole
    static_redline: set[str] = field(default_factory=set)  # our redline export's character styles
    default_language: str | None = None  # the default paragraph style's fo:language (and fo:country)

    def read(self, root: etree._Element | None) -> None:
        if root is None:
            return
        for holder in root:
            if not isinstance(holder.tag, str) or holder.tag not in (
                _q(OFFICE, "styles"),
                _q(OFFICE, "automatic-styles"),
            ):
                continue
            named = holder.tag == _q(OFFICE, "styles")
            for el in holder:
                if el.tag == _q(STYLE, "default-style") and el.get(_q(STYLE, "family")) == "paragraph":
                    props = el.find(_q(STYLE, "text-properties"))
                    self.default_language = _language(props) or self.default_language
                elif el.tag == _q(STYLE, "style"):
                    name = el.get(_q(STYLE, "name"), "")
                    family = el.get(_q(STYLE, "family"))
                    props = el.find(_q(STYLE, "text-properties"))
                    display = props.get(_q(TEXT, "display")) if props is not None else None
                    hidden = None if display is None else display == "none"
                    if family == "paragraph":
                        outline = el.get(_q(STYLE, "default-outline-level"))
                        para = el.find(_q(STYLE, "paragraph-properties"))
                        blank = (False, False)
                        if para is not None and not named:  # direct formatting, as Word's spacing is
                            blank = (
                                _twips(para.get(_q(FO, "margin-top"))) >= BLANK_LINE_MIN_TWIPS,
                                _twips(para.get(_q(FO, "margin-bottom"))) >= BLANK_LINE_MIN_TWIPS,
                            )
                        self.paragraphs[name] = _ParaStyle(
                            el.get(_q(STYLE, "parent-style-name")),
                            el.get(_q(STYLE, "display-name"), name),
                            el.get(_q(STYLE, "list-style-name")),
                            _int(outline, 0) or None if outline else None,
                            hidden,
                            blank,
                            _language(props),
                        )
                        if named:
                            self.named.add(name)
                    elif family == "text" and el.get(_q(STYLE, "display-name"), name) in _STATIC_REDLINE:
                        self.static_redline.add(name)
                    elif family == "text" and hidden is not None:
                        self.hidden_text[name] = hidden
                    elif family == "table-row":
                        row = el.find(_q(STYLE, "table-row-properties"))
                        if row is not None and row.get(_q(LOEXT, "text-changes-only")) == "false":
                            self.tracked_rows.add(name)
                elif el.tag == _q(TEXT, "list-style"):
                    self.lists[el.get(_q(STYLE, "name"), "")] = _levels(el)
                elif el.tag == _q(TEXT, "outline-style"):
                    self.outline = _levels(el)
                    self.outline_name = el.get(_q(STYLE, "name"))

    def chain(self, name: str | None) -> list[_ParaStyle]:
        """A paragraph style and its parents, nearest first (a loop is cut)."""
        out: list[_ParaStyle] = []
        seen: set[str] = set()
        while name and name not in seen and name in self.paragraphs:
            seen.add(name)
            style = self.paragraphs[name]
            out.append(style)
            name = style.parent
        return out

    def named_style(self, name: str | None) -> str:
        """The display name of the named style a paragraph's (automatic) style stands on, lower
        case: what Word's style id is made from when LibreOffice saves it as .docx."""
        seen: set[str] = set()
        while name and name not in seen:
            seen.add(name)
            style = self.paragraphs.get(name)
            if style is None:
                return name.lower()
            if name in self.named:
                return style.display.lower()
            name = style.parent
        return ""

    def list_style(self, name: str | None) -> str | None:
        return next((s.list_style for s in self.chain(name) if s.list_style is not None), None)

    def outline_level(self, name: str | None) -> int | None:
        return next((s.outline for s in self.chain(name) if s.outline is not None), None)

    def language(self, name: str | None) -> str | None:
        """The language of a paragraph style's text ("fr-FR"), through its parents to the default."""
        return next((s.language for s in self.chain(name) if s.language is not None), self.default_language)

    def hidden(self, name: str | None) -> bool:
        return next((s.hidden for s in self.chain(name) if s.hidden is not None), False)


def _language(props: etree._Element | None) -> str | None:
    """``fo:language`` and ``fo:country`` of text properties as one tag ("fr-FR"), if set."""
    language = None if props is None else props.get(_q(FO, "language"))
    if not language or language == "zxx":  # zxx: "no language"
        return None
    country = props.get(_q(FO, "country")) if props is not None else None
    return f"{language}-{country}" if country and country != "none" else language


def _label(
    levels: dict[int, _Level],
    counters: list[int | None],
    level: int,
    language: str | None = None,
    unwritten: Unwritten | None = None,
) -> str:
    """The label LibreOffice shows at ``level`` (1-based) for these counters ("ARTICLE 7 – "),
    its words in ``language`` (a number it cannot write so is in decimals, counted in ``unwritten``)."""
    unwritten = unwritten if unwritten is not None else Unwritten(odf=True)
    spec = levels.get(level)
    if spec is None or spec.bullet:
        return ""

    def number(n: int) -> str:
        lvl = levels.get(n, _Level())
        value = counters[n - 1]
        fmt = "decimal" if spec.legal and lvl.fmt not in ("none", "decimal") else lvl.fmt
        return unwritten.number(lvl.start if value is None else value, fmt, language)

    if spec.list_format is not None:
        text = spec.list_format
        for n in range(MAX_LEVELS, 0, -1):
            if f"%{n}%" in text:
                text = text.replace(f"%{n}%", number(n))
    else:
        if spec.fmt == "none":
            text = spec.prefix + spec.suffix
        else:
            shown = range(max(1, level - spec.display + 1), level + 1)
            text = spec.prefix + ".".join(number(n) for n in shown) + spec.suffix
    if not text.strip():
        return ""
    return text + (" " if spec.spaced else "")


# --------------------------------------------------------------------------- the walk


@dataclass(frozen=True, slots=True)
class _Number:
    """How a paragraph is numbered: in the outline or in a list (``key``: one list's counters,
    shared by the lists that continue it), at a level, restarted at ``start`` or not."""

    key: str
    style: str | None  # the list style (None: the outline)
    level: int
    start: int | None = None


@dataclass
class _Deleted:
    """A tracked deletion: its paragraphs, shown only in the rejected view."""

    paragraphs: list[_Raw]


@dataclass
class _Raw:
    """One paragraph as stored: text pieces (each marked inserted or not) and deletions, its
    heading and contents flags, its numbering, and whether its mark is inserted or hidden."""

    pieces: list[tuple[str, bool] | _Deleted] = field(default_factory=list)
    heading: bool = False
    toc: bool = False
    number: _Number | None = None
    language: str | None = None  # its text's language (its style's): the words of its label
    mark_inserted: bool = False
    mark_hidden: bool = False
    hidden_text: bool = False  # any hidden text left out
    started: bool = False  # text met: white space from here on is shown
    blank: tuple[bool, bool] = (False, False)  # the blank lines our export set above and below


@dataclass
class _Row:
    cells: list[list[_Raw | _Row]]
    header: bool
    toc: bool
    tracked: bool = False  # inserted or deleted whole (LibreOffice's loext:text-changes-only="false")


class OdtReader:
    """Walks an .odt body in document order, as :class:`proposals.word.reader._Reader` walks a
    .docx, and yields the same :class:`Paragraph` s for one view of its tracked changes."""

    def __init__(self, package: OdfPackage, view: View, parent: OdtReader | None = None) -> None:
        self.name = package.name
        self.view = view
        self.package = package
        if parent is None:
            self.styles = _Styles()
            self.styles.read(package.styles)
            self.styles.read(package.content)
        else:
            self.styles = parent.styles
        # the footnotes and endnotes referenced, in order (``reader.Notes``); None inside a note
        self.refs: list[NoteRef] | None = [] if parent is None else None
        self.expanded = parent.expanded if parent is not None else [0]  # shared with note readers
        self.found: dict[str, int] = dict.fromkeys(FOUND_LABELS, 0)
        # the list numbers read in decimals, not as shown: shared with the notes' readers
        self.unwritten: Unwritten = parent.unwritten if parent is not None else Unwritten(odf=True)
        self.formatted: set[str] = set()  # the tracked formatting changes counted, by region id
        self.authors: set[str] = set()
        self.revisions = 0
        self.asides: set[str] = set()  # our own Word asides: none survive a save as .odt
        self.regions: dict[str, tuple[str, etree._Element]] = {}  # change id -> kind, element
        self.open_insertions: set[str] = set()
        self.list_keys: dict[str, str] = {}  # xml:id of a list -> its counters' key
        self.last_list: dict[str | None, str] = {}  # list style -> the key of its last list
        self.lists = 0
        self.counters: dict[str, list[int | None]] = {}
        body = package.content.find(f"{_q(OFFICE, 'body')}/{_q(OFFICE, 'text')}")
        assert body is not None  # load_odt checked it
        self.body = body
        changes = body.find(_q(TEXT, "tracked-changes"))
        if parent is not None:
            self.regions = parent.regions
        elif changes is not None:
            self._read_changes(changes)

    def _expand(self, n: int) -> int:
        """Count ``n`` characters or cells that repetition adds; refuse past the limit."""
        self.expanded[0] += n
        if self.expanded[0] > MAX_EXPANDED:
            raise DocxError(
                f"{self.name}: repeated spaces, rows or cells expand past {MAX_EXPANDED:,}; refusing"
            )
        return n

    def notes(self) -> list[str]:
        """What was found but not imported, or read specially, in the .docx reader's words, and
        the list numbers read in decimals, not as shown."""
        return [*found_notes(self.found), *self.unwritten.notes()]

    def _read_changes(self, changes: etree._Element) -> None:
        for region in changes.iter(_q(TEXT, "changed-region")):
            rid = region.get(_q(TEXT, "id")) or region.get("{http://www.w3.org/XML/1998/namespace}id") or ""
            for kind in ("insertion", "deletion", "format-change"):
                el = region.find(_q(TEXT, kind))
                if el is not None:
                    self.regions[rid] = (kind, el)
                    break
            else:  # LibreOffice's own kinds (a paragraph's attributes: "UnknownChange") change no text
                if len(region):
                    self.regions[rid] = ("format-change", region[0])

    def _note_change(self, rid: str) -> str | None:
        kind, el = self.regions.get(rid, ("", None))
        if kind == "format-change" and rid not in self.formatted:
            self.formatted.add(rid)
            self.found["formatting changes"] += 1
        if el is None or kind == "format-change":
            return None
        self.revisions += 1
        author = el.findtext(f"{_q(OFFICE, 'change-info')}/{_q(DC, 'creator')}")
        if author and author.strip():
            self.authors.add(author.strip())
        return kind

    # ----------------------------------------------------------------- blocks

    def paragraphs(self) -> list[Paragraph]:
        """Every body paragraph in this view, numbered, tables as pipe rows."""
        raws = list(self._blocks(self.body, toc=False, number=None))
        return list(self._view(raws))

    def _blocks(self, parent: etree._Element, toc: bool, number: _Number | None,
                item: list[bool] | None = None) -> list[_Raw | _Row]:  # fmt: skip
        out: list[_Raw | _Row] = []
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            qn = etree.QName(tag)
            ns, local = qn.namespace, qn.localname
            if (ns, local) in _SKIP:
                continue
            if ns == TEXT and local in ("p", "h"):
                numbered = number
                if item is not None:  # only a list item's first paragraph carries its label
                    numbered = number if item[0] else None
                    item[0] = False
                out.extend(self._paragraph(child, toc, numbered))
            elif ns == TEXT and local == "list":
                out.extend(self._list(child, toc, number))
            elif ns == TEXT and local == "numbered-paragraph":
                level = _int(child.get(_q(TEXT, "level")), 1)
                key = self._list_key(child, child.get(_q(TEXT, "style-name")))
                num = _Number(key, child.get(_q(TEXT, "style-name")), level)
                out.extend(self._blocks(child, toc, num, [True]))
            elif ns == TABLE and local == "table":
                out.extend(self._table(child, toc))
            elif ns == TEXT and local in _INDEXES:
                body = child.find(_q(TEXT, "index-body"))
                if body is not None:
                    out.extend(self._blocks(body, True, None))
            elif ns == TEXT and local == "index-title":
                out.extend(self._blocks(child, True, None))
            elif ns == TEXT and local == "section":
                if child.get(_q(TEXT, "display")) == "none":
                    self.found["hidden"] += 1
                    continue
                out.extend(self._blocks(child, toc, None))
            elif ns == TEXT and local in ("change-start", "change-end", "change"):
                raw = _Raw(toc=toc, mark_inserted=bool(self.open_insertions))
                self._change(child, raw)
                if raw.pieces:  # a deletion between blocks: its paragraphs stand on their own
                    out.extend(
                        d for piece in raw.pieces if isinstance(piece, _Deleted) for d in piece.paragraphs
                    )
            elif ns == DRAW:
                for box in self._boxes(child):
                    self.found["text boxes"] += 1
                    out.extend(self._blocks(box, toc, None))
            elif ns in (TEXT, TABLE, OFFICE, LOEXT):
                out.extend(self._blocks(child, toc, number))
        return out

    def _list_key(self, el: etree._Element, style: str | None) -> str:
        """Which counters a top-level list counts on: its own, or those of the list it continues
        (``text:continue-list`` names it; ``text:continue-numbering`` is the last of its style)."""
        key: str | None = None
        named = el.get(_q(TEXT, "continue-list"))
        if named:
            key = self.list_keys.get(named)
        elif el.get(_q(TEXT, "continue-numbering")) == "true":
            key = self.last_list.get(style)
        if key is None:
            self.lists += 1
            key = f"list{self.lists}"
        own = el.get("{http://www.w3.org/XML/1998/namespace}id")
        if own:
            self.list_keys[own] = key
        self.last_list[style] = key
        return key

    def _list(self, el: etree._Element, toc: bool, outer: _Number | None) -> list[_Raw | _Row]:
        style = el.get(_q(TEXT, "style-name"))
        if outer is None or outer.style is None:
            if style is None:
                first = el.find(f".//{_q(TEXT, 'p')}")
                style = self.styles.list_style(
                    first.get(_q(TEXT, "style-name")) if first is not None else None
                )
            key, level = self._list_key(el, style), 1
            if style is not None and style == self.styles.outline_name:
                key, style = "outline", None  # headings in a list of the outline style
        else:
            key, level, style = outer.key, outer.level + 1, outer.style
        out: list[_Raw | _Row] = []
        for child in el:
            if child.tag == _q(TEXT, "list-item"):
                start = child.get(_q(TEXT, "start-value"))
                num = _Number(key, style, min(level, MAX_LEVELS), _int(start, 1) if start else None)
                out.extend(self._blocks(child, toc, num, [True]))
            elif child.tag == _q(TEXT, "list-header"):
                out.extend(self._blocks(child, toc, None))
        return out

    def _boxes(self, el: etree._Element) -> list[etree._Element]:
        """The text frames (and shapes holding text) in a drawing element, each once."""
        found: list[etree._Element] = []
        for child in el.iter(_q(DRAW, "text-box")):
            found.append(child)
        if not found and any(c.tag in (_q(TEXT, "p"), _q(TEXT, "list")) for c in el):
            found.append(el)
        return found

    def _table(self, tbl: etree._Element, toc: bool) -> list[_Raw | _Row]:
        rows: list[tuple[etree._Element, bool]] = []

        def collect(parent: etree._Element, header: bool) -> None:
            for child in parent:
                if child.tag == _q(TABLE, "table-row"):
                    times = min(max(_int(child.get(_q(TABLE, "number-rows-repeated")), 1), 1), MAX_REPEAT)
                    rows.extend([(child, header)] * times)
                    self._expand(times * max(len(child), 1))
                elif child.tag == _q(TABLE, "table-header-rows"):
                    collect(child, True)
                elif child.tag in (_q(TABLE, "table-rows"), _q(TABLE, "table-row-group")):
                    collect(child, header)

        collect(tbl, False)
        out: list[_Raw | _Row] = []
        for n, (tr, header) in enumerate(rows):
            cells: list[list[_Raw | _Row]] = []
            styles: list[str] = []
            for tc in tr:
                if tc.tag not in (_q(TABLE, "table-cell"), _q(TABLE, "covered-table-cell")):
                    continue
                times = min(max(_int(tc.get(_q(TABLE, "number-columns-repeated")), 1), 1), MAX_REPEAT)
                content = self._blocks(tc, toc, None) if tc.tag == _q(TABLE, "table-cell") else []
                cells.extend([content] * self._expand(times))
                for p in tc.iter(_q(TEXT, "p"), _q(TEXT, "h")):
                    name = self.styles.named_style(p.get(_q(TEXT, "style-name")))
                    if name and name not in ("standard", "default paragraph style"):
                        styles.append(name)
            heading_row = n == 0 and bool(styles) and all("heading" in s for s in styles)
            tracked = tr.get(_q(TABLE, "style-name"), "") in self.styles.tracked_rows
            out.append(_Row(cells, n == 0 and (header or heading_row), toc, tracked))
        return out

    # ----------------------------------------------------------------- paragraphs

    def _paragraph(self, p: etree._Element, toc: bool, number: _Number | None) -> list[_Raw | _Row]:
        style = p.get(_q(TEXT, "style-name"))
        named = self.styles.named_style(style)
        outline = _int(p.get(_q(TEXT, "outline-level")), 0) if p.tag == _q(TEXT, "h") else 0
        heading = named.startswith("heading") or named == "title" or outline == 1
        heading = heading or (outline == 0 and self.styles.outline_level(style) == 1)
        toc = toc or named.startswith(("contents", "toc", "table of contents", "index"))
        if number is None and p.tag == _q(TEXT, "h") and outline and self.styles.outline:
            header = p.get(_q(TEXT, "is-list-header")) == "true"
            if not header and self.styles.list_style(style) != "":
                restart = p.get(_q(TEXT, "restart-numbering")) == "true"
                start = _int(p.get(_q(TEXT, "start-value")), 1) if restart else None
                number = _Number("outline", None, min(outline, MAX_LEVELS), start)
        raw = _Raw(heading=heading, toc=toc, number=number, language=self.styles.language(style))
        if named.replace(" ", "") in _SPACED:
            # our export's blank lines, set as space on the paragraph (``ooxml.spaced``), as
            # LibreOffice keeps them in an .odt saved from it
            own = self.styles.paragraphs.get(style or "")
            raw.blank = own.blank if own is not None else (False, False)
        raw.mark_hidden = self.styles.hidden(style)
        boxes: list[etree._Element] = []
        self._collect(p, raw, raw.mark_hidden, boxes)
        if raw.mark_hidden:
            self.found["hidden"] += 1
        raw.mark_inserted = bool(self.open_insertions)
        out: list[_Raw | _Row] = [raw]
        for box in boxes:
            self.found["text boxes"] += 1
            out.extend(self._blocks(box, toc, None))
        return out

    def _text(self, raw: _Raw, text: str | None, hidden: bool) -> None:
        if not text:
            return
        if hidden:
            raw.hidden_text = True
            return
        text = _WHITESPACE.sub(" ", text)
        if not raw.started:
            text = text.lstrip(" ")  # leading white space in a paragraph is not shown
        if text:
            raw.started = True
            raw.pieces.append((text, bool(self.open_insertions)))

    def _literal(self, raw: _Raw, text: str, hidden: bool) -> None:
        if hidden:
            raw.hidden_text = True
        else:
            raw.started = True
            raw.pieces.append((text, bool(self.open_insertions)))

    def _collect(self, el: etree._Element, raw: _Raw, hidden: bool, boxes: list[etree._Element]) -> None:
        self._text(raw, el.text, hidden)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                self._inline(child, raw, hidden, boxes)
            self._text(raw, child.tail, hidden)

    def _inline(self, child: etree._Element, raw: _Raw, hidden: bool, boxes: list[etree._Element]) -> None:
        qn = etree.QName(child.tag)
        ns, local = qn.namespace, qn.localname
        if (ns, local) in _SKIP:
            return
        if ns == TEXT:
            if local == "s":
                spaces = self._expand(min(max(_int(child.get(_q(TEXT, "c")), 1), 1), MAX_SPACES))
                self._literal(raw, " " * spaces, hidden)
            elif local == "tab":
                self._literal(raw, "\t", hidden)
            elif local == "line-break":
                self._literal(raw, "\n", hidden)
            elif local == "note":
                self.found["footnotes"] += 1
                if self.refs is not None:
                    self._note(child, raw, hidden)
            elif local in ("change-start", "change-end", "change"):
                self._change(child, raw)
            elif local == "span":
                name = child.get(_q(TEXT, "style-name"))
                if name in self.styles.static_redline:
                    raise DocxError(
                        f"{self.name}: a static redline (export --mode redline) saved as OpenDocument: its "
                        "marks are formatting, not tracked changes; import their tracked or clean document"
                    )
                own = self.styles.hidden_text.get(name or "")
                if own and not hidden:
                    self.found["hidden"] += 1
                self._collect(child, raw, hidden if own is None else own, boxes)
            elif local == "hidden-text":
                if child.get(_q(TEXT, "is-hidden")) == "true":
                    self.found["hidden"] += 1
                    raw.hidden_text = True
                else:
                    self._text(raw, child.get(_q(TEXT, "string-value")), hidden)
            elif local == "hidden-paragraph":
                if child.get(_q(TEXT, "is-hidden")) == "true":
                    raw.mark_hidden = True
                    self.found["hidden"] += 1
            else:
                self._collect(child, raw, hidden, boxes)
        elif ns == OFFICE and local == "annotation":
            self.found["comments"] += 1
        elif ns == DRAW:
            boxes.extend(self._boxes(child))
        elif ns == LOEXT and local == "content-control":
            if child.get(_q(LOEXT, "showing-place-holder")) == "true":
                self.found["placeholders"] += 1
                return
            self.found["content controls"] += 1
            self._collect(child, raw, hidden, boxes)
        else:
            self._collect(child, raw, hidden, boxes)

    def _note(self, note: etree._Element, raw: _Raw, hidden: bool) -> None:
        """A footnote or endnote: its text read (in this view, by a reader of its own: a note's
        lists are not the body's) and a token left where it is referenced, as the .docx reader
        leaves one (``reader.Notes`` puts "[1]" there and the note at the end of the part)."""
        assert self.refs is not None
        kind: NoteKind = "endnote" if note.get(_q(TEXT, "note-class")) == "endnote" else "footnote"
        sub = OdtReader(self.package, self.view, self)
        body = note.find(_q(TEXT, "note-body"))
        paragraphs = sub._view(sub._blocks(body, False, None)) if body is not None else []
        text = " ".join(t for t in (" ".join(p.text.split()) for p in paragraphs) if t)
        self.authors |= sub.authors
        self.revisions += sub.revisions
        for what, n in sub.found.items():
            if what != "footnotes":
                self.found[what] += n
        citation = note.find(_q(TEXT, "note-citation"))
        mark = citation.get(_q(TEXT, "label"), "") if citation is not None else ""
        mark = " ".join(mark.split())
        while mark and text.startswith(mark):  # the note may repeat its own mark
            text = text[len(mark) :].lstrip()
        self.refs.append(NoteRef(kind, text, mark))
        self._literal(raw, f"\x01{len(self.refs) - 1}\x02" + mark, hidden)

    def _change(self, el: etree._Element, raw: _Raw) -> None:
        rid = el.get(_q(TEXT, "change-id"), "")
        local = etree.QName(el).localname
        if local == "change-end":
            self.open_insertions.discard(rid)
            return
        kind = self._note_change(rid)
        if local == "change-start" and kind == "insertion":
            self.open_insertions.add(rid)
        elif local == "change" and kind == "deletion":
            _, region = self.regions[rid]
            held, self.open_insertions = self.open_insertions, set()
            deleted = [r for r in self._blocks(region, raw.toc, None) if isinstance(r, _Raw)]
            self.open_insertions = held
            raw.pieces.append(_Deleted(deleted))

    # ----------------------------------------------------------------- the view

    def _view(self, blocks: list[_Raw | _Row]) -> list[Paragraph]:
        """The paragraphs of this view: joined where a mark is removed, then numbered.

        A joined paragraph keeps the attributes (numbering, heading) of its first paragraph, as
        LibreOffice keeps them, unless the removed text began at the start of that paragraph and
        ended at the start of a later one: that whole paragraph is gone and the later one's stay
        (LibreOffice's Reject All, ``test_opendocument.py``)."""
        out: list[Paragraph] = []
        pending: list[str] = []
        parts: list[tuple[bool, bool, bool, str]] = []  # each joined part's blank lines, gone, text
        first: _Raw | None = None
        chain_gone = False  # every paragraph joined so far is removed whole
        for block in blocks:
            if isinstance(block, _Row):
                if pending and first is not None:
                    out.extend(self._close(first, pending, parts))
                    pending, parts, first = [], [], None
                out.extend(self._row(block))
                continue
            gone = self._gone(block)
            if first is not None and chain_gone:
                if self._starts_kept(block):
                    first = None  # the removed text ended where this paragraph starts
                elif not gone:
                    chain_gone = False
            for n, (raw, text, closes) in enumerate(self._pieces(block)):
                if first is None:
                    first, chain_gone = raw, gone and n == 0
                pending.append(text)
                parts.append((*raw.blank, gone and n == 0, text))
                if not closes:
                    continue
                if raw.mark_hidden:
                    if not "".join(pending).strip() and raw.hidden_text:
                        pending, parts, first = [], [], None  # nothing of it is shown
                    continue  # shown run into the next paragraph, as the .docx reader has it
                out.extend(self._close(first, pending, parts))
                pending, parts, first = [], [], None
        if pending and first is not None:
            out.extend(self._close(first, pending, parts))
        return out

    def _removed(self, piece: tuple[str, bool] | _Deleted) -> bool:
        """Whether a piece of text is not in this view (a deletion is, in the rejected view)."""
        if isinstance(piece, _Deleted):
            return self.view == "accepted"
        return piece[1] and self.view == "rejected"

    def _gone(self, raw: _Raw) -> bool:
        """A paragraph removed whole in this view: no text of it kept, its mark removed."""
        return self.view == "rejected" and raw.mark_inserted and all(self._removed(p) for p in raw.pieces)

    def _starts_kept(self, raw: _Raw) -> bool:
        kept = [p for p in raw.pieces if not (isinstance(p, _Deleted) and self.view == "accepted")]
        return not kept or not self._removed(kept[0])

    def _pieces(self, raw: _Raw) -> list[tuple[_Raw, str, bool]]:
        """(paragraph whose attributes apply, text, whether a mark ends a paragraph after it): a
        deletion put back in the rejected view splits its paragraph, the first part keeping the
        paragraph's attributes and each further part the deleted paragraph's own."""
        out: list[tuple[_Raw, str, bool]] = []
        current: list[str] = []
        for piece in raw.pieces:
            if self._removed(piece):
                continue
            if isinstance(piece, _Deleted):
                for n, deleted in enumerate(piece.paragraphs):
                    current.append("".join(t for t, _ in _plain(deleted)))
                    if n < len(piece.paragraphs) - 1:
                        out.append((raw if n == 0 else deleted, "".join(current), True))
                        current = []
            else:
                current.append(piece[0])
        ends = not (raw.mark_inserted and self.view == "rejected")
        out.append((raw, "".join(current), ends))
        return out

    def _close(
        self, first: _Raw, texts: list[str], parts: list[tuple[bool, bool, bool, str]]
    ) -> list[Paragraph]:
        """The paragraph, numbered, with the blank lines around it that its joined parts give
        (as the .docx reader joins them: ``reader._joined_spacing``)."""
        label = self._count(first.number, first.language) if first.number is not None else ""
        before, after = _joined_spacing(parts) if parts else (False, False)
        blank = Paragraph("", False, first.toc)
        return [
            *([blank] * before),
            Paragraph(label + "".join(texts), first.heading, first.toc),
            *([blank] * after),
        ]

    def _count(self, number: _Number, language: str | None = None) -> str:
        levels = self.styles.outline if number.style is None else self.styles.lists.get(number.style, {})
        counters = self.counters.setdefault(number.key, [None] * MAX_LEVELS)
        i = number.level - 1
        spec = levels.get(number.level, _Level())
        if number.start is not None:
            counters[i] = number.start
        else:
            counters[i] = spec.start if counters[i] is None else counters[i] + 1  # type: ignore[operator]
        for deeper in range(i + 1, MAX_LEVELS):
            counters[deeper] = None
        return _label(levels, counters, number.level, language, self.unwritten)

    def _row(self, row: _Row) -> list[Paragraph]:
        cells = []
        for cell in row.cells:
            texts = [p.text for p in self._view(cell)]
            cells.append(" ".join(" ".join(t.split()) for t in texts if t.strip()))
        if row.tracked and not any(cells):
            return []  # a row inserted or deleted whole, with its text, is not in this view
        out = [Paragraph(format_row(cells), False, row.toc)]
        if row.header:
            out.append(Paragraph(format_row(["---"] * len(cells)), False, row.toc))
        return out


def _plain(raw: _Raw) -> list[tuple[str, bool]]:
    return [p for p in raw.pieces if isinstance(p, tuple)]


def load_flat(data: bytes, name: str) -> OdfPackage:
    """A flat OpenDocument text (.fodt): styles and body in one XML file, checked as a part is."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocxError(
            f"{name}: is {len(data) // 2**20} MB of XML; the limit is {MAX_DOCUMENT_BYTES // 2**20} MB"
        )
    root = _parse(data, name, "the flat OpenDocument XML")
    if root.tag != _q(OFFICE, "document") or root.find(f"{_q(OFFICE, 'body')}/{_q(OFFICE, 'text')}") is None:
        raise DocxError(f"{name}: not an OpenDocument text")
    return OdfPackage(root, None, name)


def walk(source: Source, view: View) -> tuple[OdtReader, list[Paragraph]]:
    """An .odt's (or .fodt's) paragraphs in one view and the reader that walked them (its notes,
    authors and revisions), as :func:`proposals.word.reader._walk` returns them for a .docx."""
    data, name = _load(source)
    package = load_odt(data, name) if data.startswith(_HEAD) else load_flat(data, name)
    reader = OdtReader(package, view)
    return reader, reader.paragraphs()


__all__ = ["OdfPackage", "OdtReader", "load_flat", "load_odt", "sniff", "walk"]
