"""The session summary: one day at the table as a .docx for the team's files.

It takes plain values (the model picks them) and holds only what both sides saw: the place,
times, who attended, what was passed, TA'd and packaged. Internal notes and information
requests are never handed to it, so they cannot reach the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from proposals.word.document import (
    BODY_STYLE,
    ExportError,
    Output,
    _open_template,
    _save,
    _set_header_footer,
    _set_properties,
    _style_ids,
)
from proposals.word.ooxml import check_text


@dataclass(frozen=True, slots=True)
class SessionSummary:
    day: date
    team: str
    place: str = ""
    start: str = ""
    end: str = ""
    attendees: Sequence[tuple[str, Sequence[str]]] = ()  # (party name, names)
    moves: Sequence[str] = ()  # "Pass U-7 (Union): staffing, wages", "TA on scheduling", ...


def export_session_summary(summary: SessionSummary, out: Output) -> Path | None:
    title = f"{summary.team} \u2014 bargaining session {summary.day.isoformat()}"
    lines = [summary.place, summary.start, summary.end, *summary.moves]
    lines += [name for _, names in summary.attendees for name in (_, *names)]
    for i, text in enumerate(lines):
        try:
            check_text(text, f"session summary line {i + 1}")
        except ValueError as exc:
            raise ExportError(str(exc)) from None
    doc = _open_template()
    _style_ids(doc)
    _set_header_footer(doc, [title, "Session summary \u2014 for the bargaining team"])
    _set_properties(doc, title=title, author=summary.team, when=summary.day, revision=1, subject="Session")
    doc.add_paragraph(title, style="Document Title")
    when = " to ".join(t for t in (summary.start, summary.end) if t)
    facts = ", ".join(x for x in (summary.place, when) if x)
    if facts:
        doc.add_paragraph(facts + ".", style=BODY_STYLE)
    doc.add_paragraph("Attendance", style="Group Heading")
    for party, names in summary.attendees:
        doc.add_paragraph(f"For {party}: {', '.join(names) if names else 'not recorded'}.", style=BODY_STYLE)
    doc.add_paragraph("At the table", style="Group Heading")
    for line in summary.moves or ("Nothing was passed or agreed.",):
        doc.add_paragraph(line, style=BODY_STYLE)
    return _save(doc, out)
