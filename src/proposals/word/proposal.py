"""A pass as a Word document: tracked revisions, a static redline, or clean text.

Every function takes plain data (article texts, names, dates), never a repo object, so the CLI,
the TUI and tests call them the same way, and never team notes, so notes cannot leak into
anything exported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocxDocument

from proposals.contract.part import paragraphs
from proposals.word.document import (
    PROPOSAL_MARK,
    ExportError,
    Output,
    _append_body_xml,
    _article_title,
    _enable_track_revisions,
    _iso_day,
    _line_styler,
    _open_template,
    _para_styler,
    _save,
    _set_header_footer,
    _set_properties,
    _style_ids,
    _when,
    division_xml,
)
from proposals.word.modes import MODES, Mode
from proposals.word.moves import Layout
from proposals.word.ooxml import (
    Kind,
    OpLike,
    RevisionWriter,
    UnionPara,
    When,
    check_text,
    color_hex,
    esc,
    lend_mark,
    plain_xml,
    redline_xml,
    revision_texts,
    split_paragraphs,
    tracked_xml,
)
from proposals.word.tables import ends_in_table, first_part_off_table

DiffFn = Callable[[str, str], Sequence[OpLike]]


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """One article in a proposal: its text at ``--from`` and at ``--to``.

    ``old`` is ``""`` for an article the pass adds, ``new`` is ``""`` for one it removes.
    ``ops`` may carry the diff engine's ops for exactly (old, new) when the caller already
    has them; otherwise the export computes them with ``proposals.redline.diff_text``.
    ``author``/``when`` label this article's revisions when its text is not the document's own
    pass (the party and session of the pass that wrote it); ``None`` uses the document's.
    ``division``: the division heading the article stands under ("PART A - GENERAL"), written
    above the first article of each division, as the contract has it.
    """

    old: str
    new: str
    ops: Sequence[OpLike] | None = None
    author: str | None = None
    when: When | None = None
    division: str = ""


def _check_ops(ops: Sequence[OpLike], old: str, new: str) -> bool:
    """Ops must rebuild both texts exactly, or the tracked document would lie."""
    old_join = "".join(
        o.text if getattr(o, "old_text", None) is None else o.old_text  # type: ignore[attr-defined]
        for o in ops
        if o.op != "insert"
    )
    new_join = "".join(o.text for o in ops if o.op != "delete")
    return old_join == old and new_join == new


def _default_diff(old: str, new: str) -> Sequence[OpLike]:
    from proposals.redline import diff_text  # the engine is only needed for tracked and redline

    return diff_text(old, new)


def _inner_diff(old: str, new: str) -> Sequence[OpLike]:
    """A moved block's old text against its new text: words only, no moves inside moves."""
    from proposals.redline import diff_text

    return diff_text(old, new, moves=False)


def _union(change: ArticleChange, diff: DiffFn | None, layout: Layout = Layout.SPLIT) -> list[UnionPara]:
    """Union paragraphs of one article, its final newline kept out of the revisions.

    Each move's own edits are shown inside it (``word.moves``), laid out for ``layout``."""
    old = change.old[:-1] if change.old.endswith("\n") else change.old
    new = change.new[:-1] if change.new.endswith("\n") else change.new
    ops: Sequence[OpLike] | None = None
    if change.ops is not None and _check_ops(change.ops, change.old, change.new):
        ops = list(change.ops)
        if change.old.endswith("\n") and change.new.endswith("\n"):
            last = ops[-1] if ops else None
            if (
                last is not None
                and last.op == "equal"
                and last.text.endswith("\n")
                and getattr(last, "old_text", None) is None
            ):
                ops[-1] = _Op("equal", last.text[:-1], None)
            else:
                ops = None
        elif change.old.endswith("\n") or change.new.endswith("\n"):
            ops = None
    elif change.ops is not None:
        raise ExportError("the ops given for an article do not rebuild its old and new text")
    if ops is None:
        ops = (diff or _default_diff)(old, new) if (old or new) else []
    final: Kind = "equal"
    if not old and new:
        final = "insert"
    elif old and not new:
        final = "delete"
    return split_paragraphs(ops, final_mark=final, inner=diff or _inner_diff, layout=layout)


@dataclass(frozen=True, slots=True)
class _Op:
    op: str
    text: str
    move: str | None


DRAFT_MARK = "DRAFT \u2014 NOT YET PROPOSED, NOT A TENTATIVE AGREEMENT"


def _proposal_header(party: str, pass_name: str, session: When, mark: str) -> list[str]:
    """Who proposes, which pass, which session, and that it is not a TA: on every page."""
    return [f"{party} \u2014 Proposal {pass_name} \u2014 Session {_iso_day(session)}", mark]


def _draft_header(party: str, day: When, based_on: str) -> list[str]:
    """A draft no pass has carried across yet says so, and which pass its text is, if one is."""
    based = f" \u2014 based on {based_on}" if based_on else ""
    return [f"{party} \u2014 Draft, not yet proposed \u2014 {_iso_day(day)}{based}", DRAFT_MARK]


def export_proposal(
    articles: Sequence[ArticleChange],
    out: Output,
    *,
    mode: Mode,
    party: str,
    pass_name: str,
    session: When,
    colour: str = "#1f6feb",
    against: str | None = None,
    title: str | None = None,
    revision: int = 1,
    diff: DiffFn | None = None,
    notes: Sequence[str] = (),
    draft: bool = False,
    based_on: str = "",
) -> Path | None:
    """Write a pass as a .docx: ``tracked`` revisions, static ``redline`` or ``clean`` text.

    ``party`` is the proposing team's name: header, document author and revision author.
    ``session`` dates the revisions and the document. ``against`` names what the changes are
    shown against ("baseline", "E-6") for the header. ``notes`` are further header lines (which
    pass wrote an article's text, a withdrawal). ``draft``: the team's working text that no
    pass has carried across yet, dated ``session`` (the day written), ``based_on`` the pass
    whose text it still is ("U-13 (2025-06-03)"), if one is. Returns the path written (None
    for a stream).
    """
    if mode not in MODES:
        raise ExportError(f"unknown export mode {mode!r}: use tracked, redline or clean")
    if not articles:
        raise ExportError("nothing to export: no articles given")
    try:
        color_hex(colour)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    for i, art in enumerate(articles, 1):
        if art.when is not None:
            _when(art.when)
        texts = (("old", art.old), ("new", art.new), ("author", art.author or ""), ("division", art.division))
        for label, text in texts:
            try:
                check_text(text, f"article {i} ({label} text)")
            except ValueError as exc:
                raise ExportError(str(exc)) from None

    doc = _open_template()
    mark = DRAFT_MARK if draft else PROPOSAL_MARK
    if draft:
        header = _draft_header(party, session, based_on)
    else:
        header = _proposal_header(party, pass_name, session, mark)
    if mode != "clean" and against:
        header.append(f"Changes shown against {against}")
    header += [n for n in notes if n]
    if mode == "redline":
        header.append("Insertions underlined, deletions struck through, moves double-marked")
    _set_header_footer(doc, header)
    names = [_article_title(a.new or a.old) for a in articles]
    if draft:
        what = "draft, not yet proposed" + (f", based on {based_on}" if based_on else "")
        subject = f"Draft, not yet proposed, {_iso_day(session)}"
    else:
        what, subject = f"proposal {pass_name}", f"Proposal {pass_name}, session {_iso_day(session)}"
    compared = f" against {against}" if mode != "clean" and against else ""
    _set_properties(
        doc,
        title=title or f"{party} {what}{compared}: " + "; ".join(n for n in names if n),
        author=party,
        when=session,
        revision=revision,
        subject=subject,
        status=mark,
    )
    items = with_divisions(articles, [a.division for a in articles], _style_ids(doc))
    _write_articles(doc, items, mode=mode, author=party, when=session, colour=colour, diff=diff)
    return _save(doc, out)


def with_divisions(
    items: Sequence[ArticleChange | str], divisions: Sequence[str], ids: Mapping[str, str]
) -> list[ArticleChange | str]:
    """The items with each division's heading (body XML) put before the first item under it;
    a division met again later is not repeated."""
    out: list[ArticleChange | str] = []
    shown: set[str] = set()
    for item, division in zip(items, divisions, strict=True):
        if division and division not in shown:
            shown.add(division)
            out.append(division_xml(division, ids))
        out.append(item)
    return out


def _write_articles(
    doc: DocxDocument,
    articles: Sequence[ArticleChange | str],
    *,
    mode: Mode,
    author: str,
    when: When,
    colour: str,
    diff: DiffFn | None,
) -> None:
    """The body: each article's paragraphs in order, nothing between them (exact round trip).

    An item that is a string is body XML already made (an open part's placeholder)."""
    ids = _style_ids(doc)
    parts: list[str] = []
    if mode == "clean":
        for art in articles:
            parts.append(art if isinstance(art, str) else plain_xml(paragraphs(art.new), _line_styler(ids)))
    else:
        writer = RevisionWriter(author, when)
        last_mark: Kind = "equal"
        layout = Layout.SPLIT if mode == "tracked" else Layout.AT_DESTINATION
        unions = [None if isinstance(art, str) else _union(art, diff, layout) for art in articles]
        # the next part's heading written first too (``first_part_off_table``)
        lifted = mode == "tracked" and len(unions) > 1 and first_part_off_table(unions[0], unions[1])
        # what LibreOffice may pair as moves across articles (``ooxml.lo_pairs``)
        elsewhere: set[tuple[str, Kind, str]] = set()
        for art, paras in zip(articles, unions, strict=True):
            if mode == "tracked" and not isinstance(art, str) and paras is not None:
                elsewhere |= revision_texts(paras, lambda by, art=art: esc(art.author or author))
        for k, (art, paras) in enumerate(zip(articles, unions, strict=True)):
            if isinstance(art, str):
                if last_mark != "equal" and mode == "tracked":
                    parts.append("<w:p/>")  # the revised mark before it merges into this
                parts.append(art)
                last_mark = "equal"
                writer.start_paragraph(None, None, mark="equal")
                continue
            writer.use(art.author or author, art.when if art.when is not None else when)
            if paras is None or not paras or (len(paras) == 1 and not paras[0].pieces):
                continue
            styler = _para_styler(ids)
            if mode == "tracked":
                # a table right after new (removed) paragraphs borrows the mark before them
                lendable = parts and last_mark == "equal" and lend_mark(parts[-1], "<w:ins/>")
                lead = UnionPara() if lendable else None
                above, joined = lifted and k == 1, last_mark != "equal"
                xml = tracked_xml(
                    paras, writer, styler, lead=lead, above=above, elsewhere=elsewhere, joined=joined
                )
                parts.append(xml)
                if lead is not None and lead.mark != "equal":
                    parts[-2] = lend_mark(parts[-2], writer.mark(lead.mark)) or parts[-2]
            else:
                parts.append(redline_xml(paras, styler, colour))
            last_mark = "equal" if ends_in_table(paras) else paras[-1].mark  # a row has no mark
        if mode == "tracked" and last_mark != "equal":
            parts.append("<w:p/>")  # a revised final mark needs a paragraph to merge into
        if mode == "tracked":
            _enable_track_revisions(doc)
    _append_body_xml(doc, "".join(parts))
