"""The negotiation history of one part as one Word document: every pass a layer of revisions.

No redline tool offers this: the reviewing pane lists who proposed what and when. Each pass's
diff against the pass before it (words, no moves) is replayed from the first version: a
character of the first version is kept until a pass deletes it, and every inserted character
belongs to the pass that wrote it. What the last version holds is then written against the first
as tracked changes, each authored by the party of the pass that made it and dated with its
session. Accept-all gives the last version, reject-all the first, exactly (checked in
LibreOffice).

Language a pass proposed and a later pass dropped again is in neither version; Word can only
show it as an insertion nested in a deletion, which LibreOffice (7.4, measured) keeps on
accept-all and on reject-all alike, so it is left out and the header says so; the passes table
at the end names every pass, and ``proposals diff`` shows any one of them. For the same reason a
history that ends in the part's withdrawal shows the text as last proposed, with the withdrawal
said in the header and above the passes table (``withdrawal``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from docx.enum.table import WD_TABLE_ALIGNMENT

from proposals.word import document as docs
from proposals.word.ooxml import (
    HISTORY_ASIDE,
    Kind,
    OpLike,
    RevisionWriter,
    StyleFor,
    When,
    check_text,
    split_paragraphs,
    tracked_xml,
)


@dataclass(frozen=True, slots=True)
class Layer:
    """One state of the part: the pass that wrote it (``name``, the party's ``author`` name, its
    ``session``) and its text. The first layer is the starting point (the baseline, or an empty
    text for a part the negotiation created); its session may be ``""``."""

    name: str
    author: str
    session: When
    text: str
    draft: bool = False  # our unsent draft: a layer, but not a pass across the table
    withdrawn: bool = False  # the pass withdrew the part: its text is none (see `withdrawal`)


class LayerOp(NamedTuple):
    """A run of the history redline: kept, or deleted/inserted by ``labels[by]``."""

    op: Kind
    text: str
    move: str | None = None
    by: int | None = None


Diff = Callable[[str, str], Sequence[OpLike]]


# a history shows what each side proposed, pass by pass: not itself a proposal, nor agreed
HISTORY_MARK = "NEGOTIATION HISTORY \u2014 NOT A PROPOSAL, NOT A TENTATIVE AGREEMENT"


def _default_diff(old: str, new: str) -> Sequence[OpLike]:
    from proposals.redline import diff_text

    return diff_text(old, new, moves=False)


def layer_ops(texts: Sequence[str], diff: Diff | None = None) -> list[LayerOp]:
    """Ops from ``texts[0]`` to ``texts[-1]``; ``by`` is the index of the text whose pass made
    each change. Joining equal+delete gives the first text, equal+insert the last, exactly."""
    if not texts:
        return []
    diff = diff or _default_diff
    first = texts[0]
    # owner of each character of the current text: >= 0 a character of the first text (its
    # index), < 0 inserted by text -owner
    owners: list[int] = list(range(len(first)))
    deleted_by: dict[int, int] = {}
    for k in range(1, len(texts)):
        old, new = texts[k - 1], texts[k]
        if old == new:
            continue
        out: list[int] = []
        pos = 0
        for op in diff(old, new):
            old_text = getattr(op, "old_text", None)
            if op.op == "equal" and (old_text is None or old_text == op.text):
                out += owners[pos : pos + len(op.text)]
                pos += len(op.text)
                continue
            if op.op in ("delete", "equal"):  # an equal in another normal form: delete + insert
                gone = len(old_text if op.op == "equal" and old_text is not None else op.text)
                for owner in owners[pos : pos + gone]:
                    if owner >= 0:
                        deleted_by[owner] = k
                pos += gone
            if op.op in ("insert", "equal"):
                out += [-k] * len(op.text)
        if pos != len(old) or len(out) != len(new):
            raise ValueError(f"the diff of layers {k - 1} and {k} does not rebuild their texts")
        owners = out
    return _merge(first, texts[-1], owners, deleted_by)


def _merge(first: str, last: str, owners: list[int], deleted_by: dict[int, int]) -> list[LayerOp]:
    """Interleave the deleted characters of the first text with the last text, in reading order
    (kept characters keep their order: no diff here moves anything). Between two kept
    characters the deleted text comes before the inserted, as Word and our tracked passes
    write a replacement ("~~fourteen~~ twenty-one", not "twenty-one ~~fourteen~~")."""
    units: list[tuple[Kind, int | None, str]] = []
    # the first text's index of the next kept character at or after each position of the last
    following = [len(first)] * (len(owners) + 1)
    for j in range(len(owners) - 1, -1, -1):
        following[j] = owners[j] if owners[j] >= 0 else following[j + 1]
    base = 0
    for j, owner in enumerate(owners):
        for i in range(base, following[j]):  # the gap's deletions, before its first insertion
            units.append(("delete", deleted_by[i], first[i]))
        base = max(base, following[j])
        if owner >= 0:
            units.append(("equal", None, last[j]))
            base = owner + 1
        else:
            units.append(("insert", -owner, last[j]))
    for i in range(base, len(first)):
        units.append(("delete", deleted_by[i], first[i]))
    return [
        LayerOp(kind, "".join(u[2] for u in group), None, by)
        for (kind, by), group in groupby(units, key=lambda u: (u[0], u[1]))
    ]


def check_layers(layers: Sequence[Layer]) -> None:
    """Refuse what a .docx cannot hold before anything is written."""
    if len(layers) < 2:
        raise ValueError("a history needs a starting text and at least one pass")
    for layer in layers:
        check_text(layer.text, f"the text of {layer.name}")
        check_text(layer.author, f"the author of {layer.name}")


def final_mark(layers: Sequence[Layer]) -> Kind:
    """How the part's closing paragraph mark is tracked: inserted for a part the negotiation
    created, deleted for one it removed, unchanged otherwise."""
    first, last = (t[:-1] if t.endswith("\n") else t for t in (layers[0].text, layers[-1].text))
    if not first and last:
        return "insert"
    if first and not last:
        return "delete"
    return "equal"


def history_xml(
    layers: Sequence[Layer],
    writer: RevisionWriter,
    style_for: StyleFor,
    diff: Diff | None = None,
) -> str:
    """Body XML: the part as tracked changes layered by pass (see the module docstring)."""
    texts = [layer.text[:-1] if layer.text.endswith("\n") else layer.text for layer in layers]
    ops = layer_ops(texts, diff)
    final = final_mark(layers)
    paras = split_paragraphs(ops, final_mark=final)
    if final != "equal":  # the closing mark belongs to the pass that created or removed the part
        last_by = next((op.by for op in reversed(ops) if op.by is not None), None)
        paras[-1].mark_by = last_by
    labels = [(layer.author, layer.session) for layer in layers]
    return tracked_xml(paras, writer, style_for, use_moves=False, labels=labels)


def withdrawal(layers: Sequence[Layer]) -> Layer | None:
    """The pass that withdrew the part, when that is where the history ends. Its deletion of
    text an earlier pass inserted could only be nested revisions, which LibreOffice cannot
    accept or reject (module docstring): the body stops at the text as last proposed and the
    withdrawal is said in the header, a note and the passes table, as the tracked export says it."""
    return layers[-1] if len(layers) > 1 and layers[-1].withdrawn else None


def withdrawn_note(layers: Sequence[Layer]) -> str:
    """The withdrawal in words ("" if none): the pass, its session, and which text is shown."""
    gone = withdrawal(layers)
    if gone is None:
        return ""
    shown = layers[-2]
    what = f"as last proposed in {shown.name}" if len(layers) > 2 else f"as it stood at {shown.name}"
    return (
        f"Withdrawn in {gone.name} ({docs._iso_day(gone.session)}) by {gone.author}: the text is shown {what}"
    )


def passes_in(layers: Sequence[Layer]) -> str:
    """How many passes a history shows, in words: the starting point is none, and our unsent
    draft is a layer but not a pass ("3 passes and our draft")."""
    steps = sum(1 for layer in layers[1:] if not layer.draft)
    said = f"{steps} pass" + ("" if steps == 1 else "es")
    return said + (" and our draft" if any(layer.draft for layer in layers) else "")


def span(layers: Sequence[Layer]) -> str:
    """What a history runs over, in words: "baseline to U-13", or for a part the negotiation
    created (its first layer is no text, which is no pass to name) "from its first proposal
    (U-1) to U-13"."""
    first, last = layers[0], layers[-1]
    if first.text or len(layers) < 2:
        return f"{first.name} to {last.name}"
    if len(layers) == 2:
        return f"its first proposal, {last.name}"
    return f"from its first proposal ({layers[1].name}) to {last.name}"


def export_history(
    layers: Sequence[Layer],
    out: docs.Output,
    *,
    team: str,
    title: str | None = None,
    revision: int = 1,
    diff: Diff | None = None,
) -> Path | None:
    """Write the history document: the part with every pass a layer of tracked changes, then a
    table of the passes. ``team`` is the exporting team (document author); returns the path
    written (None for a stream)."""
    try:
        check_layers(layers)
        for layer in layers[1:]:
            docs._when(layer.session)
    except ValueError as exc:
        raise docs.ExportError(str(exc)) from None
    first, last = layers[0], layers[-1]
    proposed = list(layers[:-1] if withdrawal(layers) else layers)  # the text up to its withdrawal
    if len(proposed) == 1:  # withdrawn by the first pass shown: the text it started from, unrevised
        proposed.append(proposed[0])
    name = title or docs._article_title(next((x.text for x in reversed(proposed) if x.text), "")) or "Part"
    passes = passes_in(layers)
    note = withdrawn_note(layers)
    doc = docs._open_template()
    ids = docs._style_ids(doc)
    header = [
        f"{name} \u2014 negotiation history, {span(layers)} ({passes})",
        HISTORY_MARK,
        "Each change is authored by the party whose pass made it and dated with that session;"
        " language proposed and dropped again in between is not shown",
        *([note] if note else []),
    ]
    docs._set_header_footer(doc, header)
    docs._set_properties(
        doc,
        title=f"{name}: history, {span(layers)}",
        author=team,
        when=last.session,
        revision=revision,
        subject=f"Negotiation history of {name}, {passes}",
        status=HISTORY_MARK,
    )
    writer = RevisionWriter(last.author, last.session)
    body = history_xml(proposed, writer, docs._para_styler(ids), diff)
    # a revised closing mark needs a paragraph to merge into on accept (reject); otherwise
    # none is written, as an empty paragraph would only be space before the passes table
    docs._append_body_xml(doc, body + ("<w:p/>" if final_mark(proposed) != "equal" else ""))
    docs._enable_track_revisions(doc)
    aside = [doc.add_paragraph(note, style="Group Heading")._p] if note else []
    caption = doc.add_paragraph("Passes in this history", style="Group Heading")
    shown = layers if first.text else layers[1:]  # no text before a new part's first pass
    table = docs._ruled_table(doc, 1 + len(shown), 3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [("Pass", "Party", "Session")]
    rows += [
        (layer.name, layer.author, docs._iso_day(layer.session) if layer.session else "") for layer in shown
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            docs._cell(doc, table.cell(r, c), value, bold=r == 0, fill="D0D7DE" if r == 0 else "")
    # one block: a row split over a page break left an empty row atop the next page, and the
    # caption could stand alone at a page's foot (rendered, issue 12)
    caption.paragraph_format.keep_with_next = True
    for r, row in enumerate(table.rows):
        row._tr.get_or_add_trPr().append(docs.OxmlElement("w:cantSplit"))
        for para in (p for cell in row.cells for p in cell.paragraphs if r < len(table.rows) - 1):
            para.paragraph_format.keep_with_next = True
    docs._mark_header_row(table)
    docs.aside(doc, HISTORY_ASIDE, [*aside, caption._p, table._tbl])
    return docs._save(doc, out)
