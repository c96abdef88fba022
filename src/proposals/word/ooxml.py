"""The in-house WordprocessingML writer for revisions (python-docx has no tracked-changes API).

Everything here works on the diff engine's ops (``.op`` in equal/delete/insert, ``.text``,
``.move``) over a whole article, where paragraphs are separated by ``\\n``. The ops are cut
into *union paragraphs*: every newline of the old or the new text ends one, and that newline's
op becomes the paragraph mark's revision. That is exactly the OOXML model: a deleted paragraph
mark merges the paragraph with the next one on accept, an inserted one does so on reject, so
accept-all yields the new text and reject-all the old text, paragraph for paragraph.

Body XML is produced as one string and parsed once: building hundreds of thousands of runs
through python-docx's object API costs seconds, a string costs milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, Literal, Protocol

from proposals.word.moves import InnerDiff, Layout, inner_edits

if TYPE_CHECKING:
    from proposals.word.tables import Row, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = 'xml:space="preserve"'
Kind = Literal["equal", "delete", "insert"]
TABLE_STYLE = "TableText"  # the template's "Table Text" paragraph style, for table cells

# Characters XML 1.0 cannot hold at all; Word could not store them either.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OpLike(Protocol):
    """The diff engine's ``Op``: a frozen dataclass with these three fields."""

    @property
    def op(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def move(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text inside one union paragraph with one revision kind.

    ``changed`` marks a word a move dropped or added on the way (``word.moves``): it keeps the
    move id, so it sits inside the move's range, but is written as a plain deletion/insertion.
    """

    kind: Kind
    text: str
    move: str | None = None
    changed: bool = False
    by: int | None = None  # which author/date label (``tracked_xml``'s ``labels``) made it


@dataclass(slots=True)
class UnionPara:
    """One paragraph of the document that shows both texts at once.

    ``mark`` is the revision of the paragraph mark (the newline that ends the paragraph);
    ``"equal"`` for the final paragraph of an article, which has no newline of its own.
    """

    pieces: list[Piece] = field(default_factory=list)
    mark: Kind = "equal"
    mark_move: str | None = None
    mark_by: int | None = None
    mark_changed: bool = False  # the mark is an edit inside a move (``Piece.changed``)
    # a blank line of the article written as space above (below) this paragraph (``spaced``)
    blank_before: bool = False
    blank_after: bool = False
    # the old text's (before, after) when it differs: a tracked paragraph-format change
    blank_was: tuple[bool, bool] | None = None

    def view(self, which: Literal["old", "new"]) -> str:
        """The paragraph's own text as the old or the new document has it (mark excluded)."""
        skip = "insert" if which == "old" else "delete"
        return "".join(p.text for p in self.pieces if p.kind != skip)

    @property
    def wholly(self) -> Kind | None:
        """``insert``/``delete`` when the paragraph, mark included, exists on one side only."""
        kinds = {p.kind for p in self.pieces if p.text} | {self.mark}
        if len(kinds) == 1 and self.mark != "equal":
            return self.mark
        return None


def check_text(text: str, where: str) -> None:
    """Refuse characters XML cannot carry instead of writing a file Word will not open."""
    bad = _XML_BAD.search(text)
    if bad:
        raise ValueError(
            f"{where} contains control character U+{ord(bad.group()):04X}, which a .docx cannot hold"
        )


def split_paragraphs(
    ops: Iterable[OpLike],
    *,
    final_mark: Kind = "equal",
    inner: InnerDiff | None = None,
    layout: Layout = Layout.SPLIT,
) -> list[UnionPara]:
    """Cut an article's ops into union paragraphs (see the module docstring).

    The caller strips the article's final newline before diffing, so the last paragraph has
    no newline and gets ``final_mark``: ``insert`` for a wholly new article, ``delete`` for a
    removed one, so that rejecting (accepting) leaves nothing of it behind. With ``inner`` (a
    diff of two texts) each move's own edits are cut out of it as ``changed`` pieces, laid out
    as ``layout`` says (``word.moves``).
    """
    flat = list(_flat_ops(ops))
    if inner is not None and all(f[4] is None for f in flat):
        flat = [(*f, None) for f in inner_edits([f[:4] for f in flat], inner, layout)]
    paras: list[UnionPara] = [UnionPara()]
    for kind, text, move, changed, by in flat:
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if part:
                cur = paras[-1].pieces
                last = cur[-1] if cur else None
                if last and (last.kind, last.move, last.changed, last.by) == (kind, move, changed, by):
                    cur[-1] = Piece(kind, last.text + part, move, changed, by)
                else:
                    cur.append(Piece(kind, part, move, changed, by))
            if i < len(parts) - 1:
                paras[-1].mark = kind
                paras[-1].mark_move = move
                paras[-1].mark_by = by
                paras[-1].mark_changed = changed
                paras.append(UnionPara())
    paras[-1].mark = final_mark
    _rows_whole(paras)
    _lines_whole(paras)
    return paras


def _rows_whole(paras: list[UnionPara]) -> None:
    """Text added (dropped) at the end of a table row together with the lines after it arrives
    as that row with an inserted (deleted) mark, whole lines, and a last line whose unchanged
    mark is the old (new) text's: ``| z | 5 | 6 |`` + `` 7 |\n| w | 5 | 6 |`` + ``\nEnd.``. A
    row with a revised mark cannot be a table row (``word.tables``), so it was left as pipe text.
    Shifting the marks of that run one paragraph down gives the same two texts with the row's
    mark unchanged and every line after it whole, so the row stays in its table and the lines
    after it are tracked rows (paragraphs) of their own."""
    from proposals.contract.table import is_table_row

    i = 0
    while i < len(paras) - 1:
        head, kind = paras[i], paras[i].mark
        if kind == "equal" or head.wholly is not None or head.mark_move or head.mark_changed:
            i += 1
            continue
        j = i + 1
        while j < len(paras) - 1 and paras[j].wholly == kind and not (_moved(paras[j]) or paras[j].mark_move):
            j += 1
        last = paras[j]
        run = paras[i : j + 1]
        view = "new" if kind == "insert" else "old"
        rows = is_table_row(head.view("old")) and is_table_row(head.view("new"))
        if (
            last.mark != "equal"
            or _moved(last)
            or {p.kind for p in last.pieces if p.text} - {kind}
            or not (rows or any(is_table_row(p.view(view)) for p in run[1:]))
        ):
            i += 1
            continue
        marks = [(p.mark, p.mark_by) for p in run]
        for para, (mark, by) in zip(run, [("equal", None), *marks[:-1]], strict=True):
            para.mark, para.mark_by = mark, by  # type: ignore[assignment]
        i = j + 1


def _lines_whole(paras: list[UnionPara]) -> None:
    """What ``_rows_whole`` cannot shift (a row that gains a cell where the row after it is
    dropped, the diff's insertion coming after the deletion) is still a row with a revised mark,
    left as pipe text. The lines between two unchanged marks, when a table row is among them and
    a line among them is not whole, become the old lines deleted whole and then the new lines
    inserted whole (lines both share at either end stay unchanged), in place: the same two
    texts, every row a whole tracked row. Lines with a move are left as they are."""
    from proposals.contract.table import is_table_row

    i = 0
    while i < len(paras):
        end = i
        while end < len(paras) - 1 and paras[end].mark != "equal":
            end += 1
        region = paras[i : end + 1]
        i = end + 1
        if paras[end].mark != "equal" or any(_moved(p) or p.mark_move for p in region):
            continue
        if all(p.wholly is not None or _same_line(p, is_table_row) for p in region):
            continue
        old = "".join(p.view("old") + ("\n" if p.mark != "insert" else "") for p in region)[:-1].split("\n")
        new = "".join(p.view("new") + ("\n" if p.mark != "delete" else "") for p in region)[:-1].split("\n")
        if not any(is_table_row(line) for line in old + new):
            continue
        by = {kind: _first_by_of(region, kind) for kind in ("delete", "insert")}
        head = tail = 0
        while head < min(len(old), len(new)) and old[head] == new[head]:
            head += 1
        while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        whole = [_line("equal", line, None) for line in old[:head]]
        whole += [_line("delete", line, by["delete"]) for line in old[head : len(old) - tail]]
        whole += [_line("insert", line, by["insert"]) for line in new[head : len(new) - tail]]
        whole += [_line("equal", line, None) for line in old[len(old) - tail :]]
        paras[i - len(region) : i] = whole
        i += len(whole) - len(region)


def _same_line(para: UnionPara, is_row: Callable[[str], bool]) -> bool:
    """An unchanged mark on a line that is a table row in both texts or in neither."""
    return para.mark == "equal" and is_row(para.view("old")) == is_row(para.view("new"))


def _first_by_of(paras: Sequence[UnionPara], kind: Kind) -> int | None:
    """The author label of the first revision of ``kind`` (text, else a mark) in ``paras``."""
    found = (p.by for para in paras for p in para.pieces if p.kind == kind and p.by is not None)
    return next(found, next((para.mark_by for para in paras if para.mark == kind), None))


def _line(kind: Kind, line: str, by: int | None) -> UnionPara:
    """One line as a paragraph wholly of ``kind`` (its text and its mark)."""
    return UnionPara([Piece(kind, line, None, False, by)] if line else [], kind, None, by)


def _flat_ops(ops: Iterable[OpLike]) -> Iterator[tuple[Kind, str, str | None, bool, int | None]]:
    """(kind, text, move, False, by) tuples; an ``equal`` op whose old side differs invisibly
    (the engine's ``old_text``: another Unicode normal form) becomes a delete plus an insert, so
    rejecting all changes restores the old bytes exactly. ``by`` is the op's author label, if
    it has one (the history layers of ``word.history``)."""
    for op in ops:
        kind = op.op
        by = getattr(op, "by", None)
        if kind not in ("equal", "delete", "insert"):
            raise ValueError(f"unknown diff op {kind!r}")
        if kind == "equal":
            old_text = getattr(op, "old_text", None)
            if old_text is not None and old_text != op.text:
                yield "delete", old_text, None, False, by
                yield "insert", op.text, None, False, by
            else:
                yield "equal", op.text, None, False, None
        else:
            yield kind, op.text, op.move, False, by  # type: ignore[misc]


When = date | datetime | str


def as_when(value: When) -> date | datetime:
    """Dates arrive as ``date``, ``datetime`` or the repo's ISO strings ("2025-03-14")."""
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date like 2025-03-14") from None


def iso_date(when: When) -> str:
    """Revision dates are ISO 8601 UTC, whole seconds, as Word writes them."""
    when = as_when(when)
    if not isinstance(when, datetime):
        when = datetime.combine(when, time(0, 0), tzinfo=UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def esc(text: str) -> str:
    """Escape text for element content and attribute values (double-quoted)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def run_content(text: str, deleted: bool = False) -> str:
    """The inside of a ``w:r``: text elements with tabs as ``w:tab`` (Word ignores raw tabs)."""
    tag = "w:delText" if deleted else "w:t"
    out = []
    for i, chunk in enumerate(text.split("\t")):
        if i:
            out.append("<w:tab/>")
        if chunk:
            out.append(f"<{tag} {XML_SPACE}>{esc(chunk)}</{tag}>")
    return "".join(out)


_CAPTION = re.compile(r"\s*(?:Section\s+)?\d{1,4}\.\d{1,4}[A-Za-z]?\.?\s+(?P<title>[^.:;]{1,90})[.:]")
_CAPTION_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def caption_length(text: str) -> int:
    """How much of a section's first line is its caption ("6.1 Purpose." of "6.1 Purpose. The
    Employer..."), set bold; 0 when the number is followed by a sentence, not a title."""
    match = _CAPTION.match(text)
    if match is None:
        return 0
    words = match["title"].split()
    if not words or len(words) > 10:
        return 0
    if any(not (w[:1].isupper() or w[:1].isdigit() or w.lower() in _CAPTION_SMALL) for w in words):
        return 0
    return match.end()


def lead_runs(text: str, rpr: str = "") -> str:
    """Unchanged text at a paragraph's start: its section caption bold, the rest plain."""
    cut = caption_length(text)
    if not cut:
        return run(text, rpr)
    return run(text[:cut], (rpr + "<w:b/>") if not rpr else rpr.replace('"/>', '"/><w:b/>', 1)) + (
        run(text[cut:], rpr) if text[cut:] else ""
    )


def caption_cuts(para: UnionPara) -> list[int]:
    """How many leading characters of each piece belong to the paragraph's section caption,
    set bold: inserted text by the new text's caption, deleted text by the old one's, unchanged
    text by the new one's; so a section the pass writes (or drops) reads like the rest."""
    cut = {"new": caption_length(para.view("new")), "old": caption_length(para.view("old"))}
    pos = {"new": 0, "old": 0}
    out: list[int] = []
    for piece in para.pieces:
        view = "old" if piece.kind == "delete" else "new"
        out.append(max(0, min(len(piece.text), cut[view] - pos[view])))
        for side in ("new", "old"):
            if piece.kind == "equal" or side == view:
                pos[side] += len(piece.text)
    return out


def _bold(rpr: str) -> str:
    """Run properties with bold added where CT_RPr's order wants it (after ``w:rStyle``)."""
    if not rpr:
        return "<w:b/>"
    if rpr.startswith("<w:rStyle"):
        return rpr.replace('"/>', '"/><w:b/>', 1)
    return "<w:b/>" + rpr


def runs(text: str, rpr: str = "", deleted: bool = False, bold: int = 0) -> str:
    """``run`` with the first ``bold`` characters (a section caption, ``caption_cuts``) a
    bold run of their own."""
    if not bold:
        return run(text, rpr, deleted)
    head, tail = text[:bold], text[bold:]
    return run(head, _bold(rpr), deleted) + (run(tail, rpr, deleted) if tail else "")


def run(text: str, rpr: str = "", deleted: bool = False) -> str:
    """One ``w:r``; ``rpr`` is the inside of its ``w:rPr`` (may be empty)."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f"<w:r>{props}{run_content(text, deleted)}</w:r>"


class RevisionWriter:
    """Emits revision markup with one id counter for every annotation in the document.

    ECMA-376 requires ``w:id`` to be unique across ins, del, move and range markers alike;
    sharing one counter (also for comments or bookmarks a caller adds) guarantees that.
    """

    def __init__(self, author: str, when: When, start_id: int = 1) -> None:
        self._alternate = False
        self.use(author, when)
        self._next = start_id
        # (previous paragraph's mark unchanged?, kind of the revision ending it) or None
        self._boundary: tuple[bool, str | None] | None = None

    def use(self, author: str, when: When) -> None:
        """Author and date of the revisions written from now on (each pass its own, in a
        document that shows several); ids keep counting."""
        self.author = esc(author)
        self.base_date = iso_date(when)
        stamp = datetime.strptime(self.base_date, "%Y-%m-%dT%H:%M:%SZ")
        # Same day, two minutes later: see ``start_paragraph`` on why some revisions need it.
        self.alt_date = (stamp + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def date(self) -> str:
        """The date the next revision gets: the base time or, to keep LibreOffice from merging
        it with the previous paragraph's, two minutes later (``start_paragraph``)."""
        return self.alt_date if self._alternate else self.base_date

    def start_paragraph(self, lead: str | None, tail: str | None, mark: str) -> None:
        """Pick the time for a paragraph's revisions, across articles too.

        LibreOffice (7.4, measured) merges a revision ending one paragraph with one of the
        same kind starting the next when their times are within a minute, swallowing the
        unchanged paragraph mark between them, so reject-all joins the two paragraphs. Such
        a paragraph's revisions are dated two minutes apart from the previous ones (still the
        session day), which keeps them separate; all other revisions keep the base time.
        """
        boundary = self._boundary
        if boundary is None:
            alternate = False
        elif boundary[0]:
            same = boundary[1] is not None and boundary[1] == lead
            alternate = (not self._alternate) if same else False
        else:
            alternate = self._alternate
        self._alternate = alternate
        self._boundary = (mark == "equal", tail)

    def new_id(self) -> int:
        """The next free annotation id."""
        n = self._next
        self._next += 1
        return n

    def attrs(self) -> str:
        """``w:id``/``w:author``/``w:date`` for a new annotation."""
        return f'w:id="{self.new_id()}" w:author="{self.author}" w:date="{self.date}"'

    def ins(self, text: str, rpr: str = "", bold: int = 0) -> str:
        """Inserted text: a normal run inside ``w:ins`` (``bold``: see ``runs``)."""
        return f"<w:ins {self.attrs()}>{runs(text, rpr, bold=bold)}</w:ins>"

    def dele(self, text: str, rpr: str = "", bold: int = 0) -> str:
        """Deleted text: ``w:delText`` (never ``w:t``) inside ``w:del``."""
        return f"<w:del {self.attrs()}>{runs(text, rpr, deleted=True, bold=bold)}</w:del>"

    def move_from(self, text: str, rpr: str = "", bold: int = 0) -> str:
        """Moved-away text; Word keeps ``w:t`` inside ``w:moveFrom``."""
        return f"<w:moveFrom {self.attrs()}>{runs(text, rpr, bold=bold)}</w:moveFrom>"

    def move_to(self, text: str, rpr: str = "", bold: int = 0) -> str:
        """Moved-here text."""
        return f"<w:moveTo {self.attrs()}>{runs(text, rpr, bold=bold)}</w:moveTo>"

    def range_start(self, side: Literal["From", "To"], name: str) -> tuple[str, int]:
        """Start of a named move range; returns the markup and the id its end must repeat."""
        rid = self.new_id()
        return (
            f'<w:move{side}RangeStart w:id="{rid}" w:author="{self.author}" '
            f'w:date="{self.date}" w:name="{esc(name)}"/>',
            rid,
        )

    def mark(self, kind: Kind) -> str:
        """The paragraph-mark revision that goes inside ``w:pPr/w:rPr``.

        Always ``w:ins``/``w:del``, also for a moved paragraph's mark: LibreOffice ignores
        ``w:moveFrom``/``w:moveTo`` there (measured with 7.4: accept-all then leaves an empty
        paragraph behind), while the moved *text* keeps its move markup and reads as a move.
        """
        if kind == "equal":
            return ""
        tag = "w:del" if kind == "delete" else "w:ins"
        return f"<{tag} {self.attrs()}/>"


def lend_mark(body: str, mark: str) -> str | None:
    """``body`` with its last paragraph's unchanged mark given the revision ``mark``, or None
    when it does not end in such a paragraph (a table, or a mark already revised)."""
    if not mark or not body.endswith("</w:p>"):
        return None
    start = body.rfind("<w:p>")
    if start < 0 or body.rfind("</w:tbl>") > start:
        return None
    para = body[start:]
    if para.startswith("<w:p><w:pPr>"):
        end = para.index("</w:pPr>")
        if "<w:rPr>" in para[:end]:
            return None
        para = f"{para[:end]}<w:rPr>{mark}</w:rPr>{para[end:]}"
    else:
        para = f"<w:p><w:pPr><w:rPr>{mark}</w:rPr></w:pPr>{para[len('<w:p>') :]}"
    return body[:start] + para


BLANK_LINE_TWIPS = 240  # a blank line between paragraphs, as space above the next (12 pt)
# the styles whose direct space above/below means a blank line (``word.reader`` reads it back)
SPACED_STYLES = ("ContractBody", "ContractList1", "ContractList2", "ContractList3")


def _spacing(before: bool, after: bool) -> str:
    if not (before or after):
        return ""
    return (
        "<w:spacing"
        + (f' w:before="{BLANK_LINE_TWIPS}"' if before else "")
        + (f' w:after="{BLANK_LINE_TWIPS}"' if after else "")
        + "/>"
    )


def _ppr(style: str | None, mark_rpr: str, para: UnionPara | None = None, change: str = "") -> str:
    """``w:pPr``: style, the blank lines as spacing, the mark's revision; ``change`` is the
    ``w:id``/author/date of a ``w:pPrChange`` when the old text's spacing differs."""
    style_xml = f'<w:pStyle w:val="{esc(style)}"/>' if style else ""
    spacing = _spacing(para.blank_before, para.blank_after) if para is not None else ""
    was = ""
    if para is not None and para.blank_was is not None and change:
        was = f"<w:pPrChange {change}><w:pPr>{style_xml}{_spacing(*para.blank_was)}</w:pPr></w:pPrChange>"
    inner = style_xml + spacing + (f"<w:rPr>{mark_rpr}</w:rPr>" if mark_rpr else "") + was
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


_KEEPS = {"equal": ("old", "new"), "insert": ("new",), "delete": ("old",)}  # texts keeping a mark


def spaced(
    paras: Sequence[UnionPara],
    *,
    tracked: bool = True,
    above: bool = False,
    author_of: AuthorOf | None = None,
    elsewhere: Iterable[tuple[str, Kind, str]] = (),
    joined: bool = False,
) -> list[UnionPara]:
    """The paragraphs with the article's blank lines written as spacing, not empty paragraphs.

    A paragraph's properties live with it in each text: where revised marks join paragraphs,
    LibreOffice (measured, 7.4) keeps the properties of the first part that is not removed
    whole (text and mark in one revision; a move's text never is), and ``word.reader`` reads by
    the same rule. So in each text every blank line becomes space above the paragraph after it
    (below the one before, when a table follows), on the part that carries that paragraph's
    properties there; a part whose spacing differs between the texts gets a tracked paragraph
    format change (``tracked``; a static redline keeps such a blank line as a paragraph). A
    blank line that cannot be carried (two in a row, between tables, inside a joined paragraph)
    stays an empty paragraph. With ``author_of`` (tracked), a paragraph removed whole that
    LibreOffice may take for one side of a move of its own (``lo_pairs``; ``elsewhere`` as
    there) may keep its properties or lose them, so both it and the part after it carry them;
    not the first paragraph when it is ``joined`` to the article before (a revised final
    mark): that paragraph's other parts are written there, out of reach.
    """
    from proposals.word.tables import table_spans

    work = _blank_lines_apart(paras)
    paired = lo_pairs(work, author_of, elsewhere) if author_of is not None else None
    if paired is not None and joined and work:
        pairs, first = paired, work[0]
        paired = lambda para: para is not first and pairs(para)  # noqa: E731
    keep: set[int] = set()
    while True:
        placed = _place_blank_lines(work, keep, tracked, table_spans, above, paired)
        if isinstance(placed, int):
            keep.add(placed)
            continue
        return placed


def _blank_lines_apart(paras: Sequence[UnionPara]) -> list[UnionPara]:
    """The same two texts with each blank line a paragraph of its own where it can be.

    A paragraph that is a blank line in one text and new (gone) text in the other (its mark
    unchanged) becomes that blank line's own paragraph beside the whole new (gone) one."""
    swapped = paras
    out: list[UnionPara] = []
    for i, para in enumerate(swapped):
        inside = 0 < i < len(swapped) - 1 and para.pieces and not _moved(para)
        if inside and para.mark == "equal":
            kinds = {p.kind for p in para.pieces}
            row = para.view("new" if "insert" in kinds else "old").startswith("|")
            if len(kinds) == 1 and kinds != {"equal"} and not row:
                (kind,) = kinds
                by = para.pieces[0].by
                if all(p.by == by for p in para.pieces):
                    if kind == "insert":  # the old blank line, then the new paragraph
                        out.append(UnionPara([], "delete", None, by))
                        out.append(UnionPara(list(para.pieces), "insert", None, by))
                    else:  # the old paragraph, then the new blank line
                        out.append(UnionPara([], "insert", None, by))
                        out.append(UnionPara(list(para.pieces), "delete", None, by))
                    continue
        out.append(para)
    return out


def _blank_in(paras: Sequence[UnionPara], i: int, drop: set[int], above: bool = False) -> bool:
    """Whether the blank paragraph ``i`` is a blank line in every text that keeps its mark (the
    paragraphs joined into it there are removed whole) right after a paragraph with text there
    (not after another blank line written as spacing); ``above``: the document has a paragraph
    with text in both texts right above these (``tables.first_part_off_table``)."""
    for view in _KEEPS[paras[i].mark]:
        j = i - 1
        while j >= 0 and view not in _KEEPS[paras[j].mark]:
            if paras[j].view(view):  # type: ignore[arg-type]
                return False
            j -= 1
        if (j < 0 and not above) or j in drop:
            return False
    return True


def _whole_one(para: UnionPara) -> bool:
    return not _moved(para) and all(p.by == para.mark_by for p in para.pieces if p.kind != "equal")


def _gone(para: UnionPara, view: str, tracked: bool = True) -> bool:
    """Whether the paragraph is removed whole (text and mark in one revision) in ``view``:
    nothing of it is left to carry properties there. In a static redline (not ``tracked``)
    nothing joins but as ``word.reader`` reads it: a paragraph struck whole, moved or not."""
    gone = para.wholly is not None and view not in _KEEPS[para.mark]
    return gone and (not tracked or _whole_one(para))


def _carriers(
    parts: list[int],
    paras: Sequence[UnionPara],
    view: str,
    paired: Callable[[UnionPara], bool] | None,
    tracked: bool = True,
) -> list[int]:
    """The parts of a paragraph joined from ``parts`` (by marks removed in ``view``) that carry
    its properties: LibreOffice (7.4, measured) keeps those of the first part not removed whole;
    when that is the last part and empty, sometimes the first part's instead (``word.reader.
    _joined_spacing`` reads those), so then both carry them. A part removed whole before it
    that LibreOffice may pair as a move (``paired``) is not removed whole there: its text and
    its mark are two revisions, and the joined paragraph keeps its properties; so it carries
    them too."""
    keep = next((k for k in parts if not _gone(paras[k], view, tracked)), parts[-1])
    maybe = {k for k in parts if k < keep and paired is not None and paired(paras[k])}
    if keep == parts[-1] and not paras[keep].view(view):  # type: ignore[arg-type]
        return sorted({parts[0], keep, *maybe})
    return sorted({keep, *maybe})


def _changed(para: UnionPara) -> bool:
    return any(p.kind != "equal" for p in para.pieces)


def _moved(para: UnionPara) -> bool:
    return any(p.move is not None for p in para.pieces)


def _place_blank_lines(
    paras: list[UnionPara],
    keep: set[int],
    tracked: bool,
    table_spans: Callable,
    above: bool = False,
    paired: Callable[[UnionPara], bool] | None = None,
) -> list[UnionPara] | int:
    """``spaced`` once: the paragraphs, or the index of a blank line that must stay one."""
    n = len(paras)
    rows = {i for b, (e, _) in table_spans(paras).items() for i in range(b, e)}
    drop: set[int] = set()
    for i, para in enumerate(paras):
        if para.pieces or i == 0 or i + 1 >= n or i in keep or not paras[i + 1].pieces:
            continue
        prev = paras[i - 1]
        if not _blank_in(paras, i, drop, above):
            continue  # where this blank line is, the paragraph before it must end
        if i - 1 in rows and i + 1 in rows:
            continue  # two tables would become one
        if i + 1 in rows and prev.mark != "equal":
            continue  # a revised mark must not touch a table (``keep_marks_off_tables``)
        drop.add(i)
    if not drop:
        return list(paras)
    # per text: the (before, after) of each paragraph carrying properties there, and which
    # blank line set it
    wanted: dict[str, dict[int, list[bool]]] = {"old": {}, "new": {}}
    cause: dict[int, int] = {}
    for view in ("old", "new"):
        flags = wanted[view]
        pending: int | None = None
        first: int | None = None  # the first part of the paragraph being joined
        last: list[int] = []  # the carrier(s) of the paragraph before ([]: none or a table)
        for i, para in enumerate(paras):
            if i in drop:
                if view in _KEEPS[para.mark]:
                    pending = i
                continue
            if i in rows:
                if pending is not None:
                    if not last or 0 in last:
                        return pending
                    for here in last:
                        flags[here][1] = True
                        cause[here] = pending
                    pending = None
                last, first = [], None
                continue
            if first is None:
                first = i
            if view in _KEEPS[para.mark]:
                # the parts of a paragraph joined in this text, less those removed whole
                parts = [k for k in range(first, i + 1) if k not in drop]
                carriers = _carriers(parts, paras, view, paired, tracked)
                for here in carriers:
                    flags.setdefault(here, [False, False])
                    if pending is not None:
                        flags[here][0] = True
                        cause[here] = pending
                pending = None
                last, first = carriers, None
    out: list[UnionPara] = []
    for i, para in enumerate(paras):
        if i in drop:
            continue
        old, new = wanted["old"].get(i), wanted["new"].get(i)
        if old is None and new is None:
            out.append(para)
            continue
        now = new if new is not None else old
        was = None if old is None or new is None or old == new else (old[0], old[1])
        if was is not None and (not tracked or para.mark != "equal"):
            # a format change on a revised mark is lost when LibreOffice joins the paragraph;
            # on a paragraph with changed words it holds (accept, reject and resave, 7.4)
            return cause[i]
        out.append(_copy(para, blank_before=now[0], blank_after=now[1], blank_was=was))  # type: ignore[index]
    return out


def _copy(para: UnionPara, **flags: Any) -> UnionPara:
    return UnionPara(
        list(para.pieces), flags.get("mark", para.mark), flags.get("mark_move", para.mark_move),
        flags.get("mark_by", para.mark_by), flags.get("mark_changed", para.mark_changed),
        flags.get("blank_before", para.blank_before), flags.get("blank_after", para.blank_after),
        flags.get("blank_was", para.blank_was),
    )  # fmt: skip


StyleFor = Callable[[int, UnionPara], str | None]
AuthorOf = Callable[[int | None], str]  # the author of a revision with this ``by`` label
_OTHER: dict[str, Kind] = {"insert": "delete", "delete": "insert"}


def revision_texts(paras: Sequence[UnionPara], author_of: AuthorOf) -> set[tuple[str, Kind, str]]:
    """(author, kind, text without outer white space) of inserted and deleted text, cut every
    way LibreOffice may hold it as one revision: each piece, a paragraph's text of one kind, and
    each stretch of one kind and author across paragraphs (marks as newlines). ``lo_pairs``
    looks a removed paragraph up in these."""
    out: set[tuple[str, Kind, str]] = set()
    stretch: list[str] = []
    key: tuple[str, Kind] | None = None
    for para in paras:
        for kind in ("insert", "delete"):
            own = [p for p in para.pieces if p.kind == kind]
            if own:
                out.add((author_of(own[0].by), kind, "".join(p.text for p in own).strip()))
        tokens = [(p.kind, p.text, p.by) for p in para.pieces] + [(para.mark, "\n", para.mark_by)]
        for kind, text, by in tokens:
            here = None if kind == "equal" else (author_of(by), kind)
            if here != key:
                if key is not None:
                    out.add((*key, "".join(stretch).strip()))
                key, stretch = here, []
            if here is not None:
                stretch.append(text)
                out.add((*here, text.strip()))
    if key is not None:
        out.add((*key, "".join(stretch).strip()))
    return {t for t in out if t[2]}


def lo_pairs(
    paras: Sequence[UnionPara], author_of: AuthorOf, elsewhere: Iterable[tuple[str, Kind, str]] = ()
) -> Callable[[UnionPara], bool]:
    """Which paragraphs removed whole LibreOffice may take for one side of a move.

    LibreOffice (7.4, measured; ``SwRedlineTable::isMoved``) pairs a deletion and an insertion
    of the same text (outer white space aside) by the same author as a move of its own, also
    when the file writes them as plain ``w:del``/``w:ins``. Such a paragraph's text and mark are
    then two revisions, and accepting (rejecting) it joins it into the next paragraph keeping
    its own properties, not the next one's: the blank line written as space above the next
    paragraph was lost (issue 12). Whether it pairs depends on the order LibreOffice reads the
    revisions in, so this says "may": ``spaced`` then makes both readings give the same text.
    ``elsewhere``: ``revision_texts`` of the document's other articles."""
    texts = revision_texts(paras, author_of) | set(elsewhere)
    found: set[tuple[str, Kind, str]] = set()
    run: list[UnionPara] = []  # consecutive paragraphs removed whole of one kind and author

    def key(para: UnionPara) -> tuple[str, Kind] | None:
        kind = para.wholly
        if kind is None or kind == "equal" or not _whole_one(para):
            return None
        return author_of(para.mark_by), kind

    def settle() -> None:
        if not run:
            return
        author, kind = key(run[0])  # type: ignore[misc]
        block = "\n".join(p.view("new" if kind == "insert" else "old") for p in run).strip()
        for para in run:
            own = para.view("new" if kind == "insert" else "old").strip()
            if own and ((author, _OTHER[kind], own) in texts or (author, _OTHER[kind], block) in texts):
                found.add((author, kind, own))
        run.clear()

    for para in paras:
        if run and key(para) != key(run[0]):
            settle()
        if key(para) is not None:
            run.append(para)
    settle()

    def paired(para: UnionPara) -> bool:
        k = key(para)
        return k is not None and (*k, para.view("new" if k[1] == "insert" else "old").strip()) in found

    return paired


def paired_moves(paras: Sequence[UnionPara]) -> set[str]:
    """Move ids with both a deleted and an inserted side in these paragraphs.

    Word pairs ``moveFrom`` and ``moveTo`` ranges by name; a one-sided move (ops from a caller
    that cut a move in two) is written as a plain deletion or insertion instead.
    """
    sides: dict[str, set[str]] = {}
    for para in paras:
        for piece in para.pieces:
            if piece.move is not None and piece.kind != "equal":
                sides.setdefault(piece.move, set()).add(piece.kind)
    return {m for m, kinds in sides.items() if len(kinds) == 2}


def tracked_xml(
    paras: Sequence[UnionPara],
    writer: RevisionWriter,
    style_for: StyleFor,
    *,
    use_moves: bool = True,
    move_names: dict[str, str] | None = None,
    labels: Sequence[tuple[str, When]] = (),
    lead: UnionPara | None = None,
    above: bool = False,
    elsewhere: Iterable[tuple[str, Kind, str]] = (),
    joined: bool = False,
) -> str:
    """Body XML for union paragraphs as real tracked changes.

    Moves become ``w:moveFrom``/``w:moveTo`` with named range markers around each side of the
    block (the range may span paragraphs); ``use_moves=False`` writes them as plain del/ins.
    ``move_names`` maps this article's move ids to range names; pass one dict per article,
    since the engine numbers moves per diff ("m1" again in the next article). Revision
    times come from ``writer.start_paragraph`` (LibreOffice merging, see there). A piece or
    mark with ``by`` set is authored and dated by ``labels[by]`` (each pass its own).
    ``lead`` stands for the paragraph written before these (an unchanged mark): a table may
    need its mark changed (``word.tables.keep_marks_off_tables``); see ``lend_mark``.
    ``elsewhere``: the ``revision_texts`` of the document's other articles (``lo_pairs``);
    ``joined``: the article before ends in a revised mark (``spaced``).
    """
    from proposals.word.tables import Table, blocks, keep_marks_off_tables, move_ids, table_spans

    names = move_names if move_names is not None else {}
    spans = table_spans(paras)
    if spans:
        paras = [_copy(p) for p in paras]
        keep_marks_off_tables(paras, spans, lead)
    default = writer.author

    def author_of(by: int | None) -> str:
        return esc(labels[by][0]) if labels and by is not None else default

    paras = spaced(paras, above=above, author_of=author_of, elsewhere=elsewhere, joined=joined)
    spans = table_spans(paras)
    moves = (paired_moves(paras) - move_ids(paras, spans)) if use_moves else set()
    # First and last piece position of each move side, so ranges open and close once.
    bounds: dict[tuple[str, str], tuple[tuple[int, int], tuple[int, int]]] = {}
    if moves:
        for pi, para in enumerate(paras):
            for ri, piece in enumerate(para.pieces):
                if piece.move in moves and piece.kind != "equal":
                    key = (piece.move, piece.kind)
                    first = bounds.get(key, ((pi, ri), (pi, ri)))[0]
                    bounds[key] = (first, (pi, ri))
    open_ids: dict[tuple[str, str], int] = {}
    out: list[str] = []
    for pi, para in blocks(paras, spans):
        if isinstance(para, Table):
            out.append(_tracked_table(para, writer, labels))
            writer.start_paragraph(None, None, mark="equal")
            continue
        writer.start_paragraph(*_edge_kinds(para), mark=para.mark)
        out.append("<w:p>")
        if labels and para.mark_by is not None:
            writer.use(*labels[para.mark_by])
        change = writer.attrs() if para.blank_was is not None else ""
        out.append(_ppr(style_for(pi, para), writer.mark(para.mark), para, change))
        cuts = caption_cuts(para)
        for ri, piece in enumerate(para.pieces):
            cut = cuts[ri]
            if piece.kind == "equal":
                out.append(runs(piece.text, bold=cut))
                continue
            if labels and piece.by is not None:
                writer.use(*labels[piece.by])
            if piece.move in moves:
                assert piece.move is not None
                key = (piece.move, piece.kind)
                side: Literal["From", "To"] = "From" if piece.kind == "delete" else "To"
                if piece.move not in names:  # ids repeat across articles; names must not
                    names[piece.move] = f"move{writer.new_id()}"
                name = names[piece.move]
                if bounds[key][0] == (pi, ri):
                    markup, rid = writer.range_start(side, name)
                    open_ids[key] = rid
                    out.append(markup)
                if piece.changed:  # a word the move dropped or added: a plain revision in its range
                    write = writer.dele if side == "From" else writer.ins
                else:
                    write = writer.move_from if side == "From" else writer.move_to
                out.append(write(piece.text, bold=cut))
                if bounds[key][1] == (pi, ri):
                    out.append(f'<w:move{side}RangeEnd w:id="{open_ids.pop(key)}"/>')
            elif piece.kind == "delete":
                out.append(writer.dele(piece.text, bold=cut))
            else:
                out.append(writer.ins(piece.text, bold=cut))
        out.append("</w:p>")
    return "".join(out)


def _tracked_table(table: Table, writer: RevisionWriter, labels: Sequence[tuple[str, When]]) -> str:
    """A table whose changed cells are revisions inside the cells and whose rows one text
    lacks are tracked rows (``word.tables``); moves inside it are plain revisions."""
    from proposals.word.tables import table_xml

    def piece_xml(piece: Piece, rpr: str) -> str:
        if piece.kind == "equal":
            return run(piece.text, rpr)
        if labels and piece.by is not None:
            writer.use(*labels[piece.by])
        return writer.dele(piece.text, rpr) if piece.kind == "delete" else writer.ins(piece.text, rpr)

    def row_mark(row: Row) -> str:
        if row.kind == "equal":
            return ""
        if labels and row.by is not None:
            writer.use(*labels[row.by])
        return writer.mark(row.kind)

    return table_xml(table, piece_xml, row_mark, TABLE_STYLE)


def _edge_kinds(para: UnionPara) -> tuple[str | None, str | None]:
    """The revision kind touching the paragraph's start and its end (None: unchanged text).

    A paragraph without text starts and ends with its mark, whatever its revision."""
    pieces = [p for p in para.pieces if p.text]
    if not pieces:
        kind = None if para.mark == "equal" else para.mark
        return kind, kind
    first, last = pieces[0].kind, pieces[-1].kind
    return (None if first == "equal" else first), (None if last == "equal" else last)


def color_hex(colour: str) -> str:
    """``#1f6feb`` → ``1F6FEB`` (what ``w:color`` wants); refuses anything else."""
    value = colour.strip().lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        raise ValueError(f"colour {colour!r} is not a hex colour like #1f6feb")
    return value.upper()


def redline_xml(paras: Sequence[UnionPara], style_for: StyleFor, colour: str) -> str:
    """Body XML for union paragraphs as static markup for people who print.

    Insertions are underlined and deletions struck through in the party's colour; moved text
    gets the double forms of both (the "Redline Move" style), so a move never reads as an
    unrelated deletion and insertion. A deleted paragraph break inside kept text shows as a
    struck pilcrow, since the static page cannot merge the two paragraphs itself. Paragraph
    marks and the cells of a row only one text has carry the same run style, so reading the
    file back (``word.reader``) gives exactly the new text, or with ``rejected`` the old.
    """
    col = f'<w:color w:val="{color_hex(colour)}"/>'
    ins = f'<w:rStyle w:val="RedlineInsert"/>{col}<w:u w:val="single"/>'
    # CT_RPr is a sequence: rStyle, ..., strike, dstrike, ..., color, ..., u. Word rejects
    # a file whose run properties are out of order, so keep exactly this order.
    dele = f'<w:rStyle w:val="RedlineDelete"/><w:strike/>{col}'
    mv_to = f'<w:rStyle w:val="RedlineMove"/>{col}<w:u w:val="double"/>'
    mv_from = f'<w:rStyle w:val="RedlineMove"/><w:dstrike/>{col}'
    # a word the move dropped, struck at the new place: double-underlined like the moved text
    # around it, which also tells the reader it is in neither text's new place
    dropped = f'<w:rStyle w:val="RedlineDelete"/><w:strike/>{col}<w:u w:val="double"/>'
    pilcrow = f'<w:rStyle w:val="RedlineDelete"/><w:strike/><w:noProof/>{col}'  # a mark, not text

    def style_of(kind: Kind, move: str | None, changed: bool) -> str:
        if kind == "insert":
            return mv_to if move in moves and not changed else ins
        if move in moves:
            return dropped if changed else mv_from
        return dele

    from proposals.word.tables import Table, blocks, move_ids, table_spans, table_xml

    paras = spaced(paras, tracked=False)
    spans = table_spans(paras)
    moves = paired_moves(paras) - move_ids(paras, spans)

    def row_style(row: Row) -> str:
        return "" if row.kind == "equal" else (ins if row.kind == "insert" else dele)

    def piece_xml(piece: Piece, bold: str) -> str:
        if piece.kind == "equal":
            return run(piece.text, bold)
        rpr = ins if piece.kind == "insert" else dele
        # bold (a header cell) goes right after rStyle, as CT_RPr's order wants
        return run(piece.text, rpr.replace('"/>', '"/>' + bold, 1))

    out: list[str] = []
    for pi, para in blocks(paras, spans):
        if isinstance(para, Table):
            out.append(table_xml(para, piece_xml, lambda row: "", TABLE_STYLE, cell_mark=row_style))
            continue
        out.append("<w:p>")
        mark = "" if para.mark == "equal" else style_of(para.mark, para.mark_move, para.mark_changed)
        out.append(_ppr(style_for(pi, para), mark, para))
        for piece, cut in zip(para.pieces, caption_cuts(para), strict=True):
            rpr = "" if piece.kind == "equal" else style_of(piece.kind, piece.move, piece.changed)
            out.append(runs(piece.text, rpr, bold=cut))
        if para.mark == "delete" and para.wholly is None:
            out.append(run("\u00b6", pilcrow))
        out.append("</w:p>")
    return "".join(out)


ASIDE_TAG = "proposals:"  # content controls tagged so hold what is not contract text
HISTORY_ASIDE = "passes"  # the aside only a negotiation history has (its table of passes)


def aside_xml(name: str, inner: str) -> str:
    """Body XML that is not contract text (a sign-off block, the passes table, the title page)
    in a content control tagged ``proposals:<name>``: the reader skips it, so a document we
    wrote reads back as exactly its parts."""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{esc(name)}"/><w:tag w:val="{ASIDE_TAG}{esc(name)}"/>'
        f"</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"
    )


def plain_xml(lines: Sequence[str], style_for_line: Callable[[int, str], str | None]) -> str:
    """Body XML for text without any revisions (clean mode, TA text, compiled contract); blank
    lines are spacing (``spaced``)."""
    from proposals.word.tables import Table, blocks, table_spans, table_xml

    paras = [UnionPara([Piece("equal", line)] if line else [], "equal") for line in lines]
    paras = spaced(paras, tracked=False)
    spans = table_spans(paras)
    out: list[str] = []
    for i, para in blocks(paras, spans):
        if isinstance(para, Table):
            out.append(table_xml(para, lambda piece, rpr: run(piece.text, rpr), lambda row: "", TABLE_STYLE))
            continue
        line = para.view("new")
        out.append("<w:p>")
        out.append(_ppr(style_for_line(i, line), "", para))
        if line:
            out.append(lead_runs(line))
        out.append("</w:p>")
    return "".join(out)
