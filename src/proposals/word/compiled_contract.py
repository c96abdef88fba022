"""The compiled successor contract: every part in contract order, open parts as marked
placeholders, an optional title page and table of contents, and conforming changes shown
against the agreement in force (static redline or tracked)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from proposals.contract.headings import order_key, read_heading
from proposals.contract.part import paragraphs
from proposals.word.document import (
    BODY_STYLE,
    HEADING_STYLE,
    ExportError,
    Output,
    _append_body_xml,
    _article_title,
    _iso_day,
    _line_styler,
    _open_template,
    _para,
    _save,
    _set_header_footer,
    _set_properties,
    _style_ids,
)
from proposals.word.modes import Mode
from proposals.word.ooxml import (
    When,
    aside_xml,
    check_text,
    color_hex,
    esc,
    plain_xml,
)
from proposals.word.proposal import ArticleChange, DiffFn, _write_articles, with_divisions


@dataclass(frozen=True, slots=True)
class ContractArticle:
    """One article of the compiled contract: its agreed text and, if any, the baseline's.

    ``open_note`` marks a part still open at the table: ``text`` is then its heading and any
    TA'd sections, written plainly under the note in every mode, never as a change.
    """

    text: str
    baseline: str | None = None
    open_note: str | None = None
    division: str = ""  # the division heading it stands under ("PART A - GENERAL"), or ""


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
        for text in (art.text, art.baseline or "", art.open_note or "", term, title or "", art.division):
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
        section = doc.sections[0]
        width = (section.page_width - section.left_margin - section.right_margin) // 635  # EMU to twips
        front = _front_matter(ids, ordered, union, employer, term, lines[1], first_contract, width)
        _append_body_xml(doc, aside_xml("title page", front))
        _update_fields_on_open(doc)
    mode: Mode = "clean" if changes == "none" else changes
    items: list[ArticleChange | str] = [
        _placeholder_xml(a, ids) if a.open_note else ArticleChange(a.baseline or "", a.text) for a in ordered
    ]
    items = with_divisions(items, [a.division for a in ordered], ids)
    _write_articles(doc, items, mode=mode, author=team, when=compiled, colour=colour, diff=diff)
    if front_matter:
        _bookmark_headings(doc, ids[HEADING_STYLE], len(_contents(ordered)))
    return _save(doc, out)


def _front_matter(
    ids: Mapping[str, str],
    articles: Sequence[ContractArticle],
    union: str,
    employer: str,
    term: str,
    compiled_line: str,
    first_contract: bool,
    text_width: int,
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
    entries = _contents(articles) or [""]
    instr = ' TOC \\o "1-1" \\h \\z \\u '
    tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>'
    for i, entry in enumerate(entries):
        runs = []
        if i == 0:
            runs.append('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>')
            runs.append(f'<w:r><w:instrText xml:space="preserve">{instr}</w:instrText></w:r>')
            runs.append('<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        if entry:
            # as Word writes an entry: a link to the heading's bookmark and its page as a
            # PAGEREF field; no page number is known before layout, so none is cached and no
            # tab leads to one (LibreOffice shows the titles alone); Word refreshes the field
            # on opening, and the --pdf copy adds the tab and lets LibreOffice number it
            # (word.pdf.for_print)
            mark = toc_bookmark(i)
            runs.append(
                f'<w:hyperlink w:anchor="{mark}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{esc(entry)}</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink>'
            )
        if i == len(entries) - 1:
            runs.append('<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            runs.append('<w:r><w:br w:type="page"/></w:r>')
        ppr = f'<w:pPr><w:pStyle w:val="{esc(ids[BODY_STYLE])}"/>{tabs if entry else ""}</w:pPr>'
        out.append(f"<w:p>{ppr}{''.join(runs)}</w:p>")
    return "".join(out)


def _contents(articles: Sequence[ContractArticle]) -> list[str]:
    """The contents' entries in body order: each division heading before the first part under
    it (as :func:`~proposals.word.proposal.with_divisions` writes them), then the part titles."""
    out: list[str] = []
    shown: set[str] = set()
    for art in articles:
        if art.division and art.division not in shown:
            shown.add(art.division)
            out.append(" ".join(art.division.split()))
        if art.text.strip():
            out.append(_article_title(art.text))
    return out


def toc_bookmark(index: int) -> str:
    """The bookmark on the ``index``-th part's heading that its contents entry points to
    (a leading underscore keeps it hidden, as Word's own _Toc bookmarks)."""
    return f"_TocPart{index + 1:03d}"


def _bookmark_headings(doc: DocxDocument, heading_style: str, count: int) -> None:
    """Put ``toc_bookmark(i)`` around the i-th part heading of the body, so each contents
    entry links to, and its PAGEREF numbers, the page its part starts on. Ids follow every
    id already written (ECMA-376: w:id unique across revisions and bookmarks)."""
    body = doc.element.body
    used = [int(v) for v in body.xpath(".//@w:id") if str(v).lstrip("-").isdigit()]
    next_id = max(used, default=0) + 1
    heads = [
        p for p in body.iterchildren(qn("w:p")) if p.xpath(f'./w:pPr/w:pStyle[@w:val="{heading_style}"]')
    ]
    for i, para in enumerate(heads[:count]):
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(next_id + i))
        start.set(qn("w:name"), toc_bookmark(i))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(next_id + i))
        ppr = para.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            para.insert(0, start)
        para.append(end)


def _placeholder_xml(article: ContractArticle, ids: Mapping[str, str]) -> str:
    """An open part: its heading, the note saying it is not agreed, then any TA'd sections."""
    lines = paragraphs(article.text)
    styler = _line_styler(ids)

    def style(i: int, line: str) -> str:
        # the note is the heading's next line, so a blank line after it is space above the
        # first TA'd section, never an empty paragraph
        return ids["Group Heading"] if i == 1 else styler(i - 1 if i > 1 else 0, line)

    return plain_xml([*lines[:1], article.open_note or "", *lines[1:]], style)


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
