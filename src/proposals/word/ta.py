"""The tentative agreement document: the agreed text once, a signature block with room to
sign and date for each side, and a footer citing the pass and the agreed text's blob id."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.parser import OxmlElement

from proposals.contract.part import paragraphs
from proposals.word.document import (
    BODY_STYLE,
    TA_MARK,
    ExportError,
    Output,
    _append_body_xml,
    _article_title,
    _cell,
    _iso_day,
    _line_styler,
    _open_template,
    _ruled_table,
    _save,
    _set_header_footer,
    _set_properties,
    _style_ids,
    aside,
)
from proposals.word.ooxml import (
    When,
    check_text,
    plain_xml,
)


def export_ta(
    texts: Sequence[str],
    out: Output,
    *,
    union: str,
    employer: str,
    union_sign: str,
    employer_sign: str,
    ta_date: When,
    team: str,
    section: str | None = None,
    revision: int = 1,
    source: str | None = None,
    blob: str | None = None,
) -> Path | None:
    """The agreed text of one or more articles with a signature block for both parties.

    ``team`` is the exporting team (document author); ``section`` ("12.3") narrows the title
    when only one section was TA'd. ``source`` (the pass whose text was agreed) and ``blob``
    (the agreed text's git blob id, what ``proposals verify`` checks) go in the footer of every
    page, so a signed copy can be matched to the record.
    """
    if not texts:
        raise ExportError("nothing to export: no agreed text given")
    for i, text in enumerate(texts, 1):
        try:
            check_text(text, f"agreed text {i}")
        except ValueError as exc:
            raise ExportError(str(exc)) from None
    doc = _open_template()
    ids = _style_ids(doc)
    day = _iso_day(ta_date)
    names = "; ".join(_article_title(t) for t in texts if t.strip())
    scope = f"{names}, section {section}" if section else names
    cited = [f"Agreed text of {source}" if source else "", f"blob {blob}" if blob else ""]
    footer = ", ".join(c for c in cited if c)
    _set_header_footer(doc, [f"{union} \u2014 {employer} \u2014 Tentative agreement {day}", TA_MARK], footer)
    _set_properties(
        doc,
        title=f"Tentative agreement: {scope}",
        author=team,
        when=ta_date,
        revision=revision,
        subject=f"Tentative agreement of {day}" + (f", {footer}" if footer else ""),
        status=TA_MARK,
    )
    # The title says what this is; the article's own heading follows once, in the agreed text.
    doc.add_paragraph(
        "Tentative Agreement" + (f" \u2014 Section {section}" if section else ""), style="Document Title"
    )
    parts = [plain_xml(paragraphs(t), _line_styler(ids)) for t in texts]
    _append_body_xml(doc, "".join(parts))
    closing = doc.add_paragraph(
        f"The parties tentatively agreed to the text above at the table on {day}, subject to"
        " ratification of the complete agreement.",
        style=BODY_STYLE,
    )
    table = _signature_block(doc, [(union, union_sign), (employer, employer_sign)])
    aside(doc, "sign-off", [closing._p, table._tbl])
    return _save(doc, out)


def _signature_block(doc: DocxDocument, sides: Sequence[tuple[str, str]]) -> Any:
    """One column per party: its name, a tall empty box to sign in, the signatory's printed
    name and a line to date by hand. Rows never split across pages."""
    from docx.shared import Cm

    table = _ruled_table(doc, 4, len(sides))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, (party, signatory) in enumerate(sides):
        _cell(doc, table.cell(0, c), f"For {party}", bold=True, fill="E6E6E6")
        _cell(doc, table.cell(1, c), "Signature:")
        _cell(doc, table.cell(2, c), f"Name: {signatory}" if signatory else "Name:")
        _cell(doc, table.cell(3, c), "Date:")
    for r, height in ((1, 2.2), (3, 1.2)):
        table.rows[r].height = Cm(height)
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
    return table
