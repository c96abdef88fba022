"""Two layouts of a real faculty collective agreement (a university's faculty association, its
web edition saved as .docx by LibreOffice).

- "Article 25: Termination of Appointment for Financial Emergency or Due to Program Redundancy,
  Not Applicable to Members Holding Term Appointments or Sessional Lecturer Appointments", set in
  Word's heading style: 23 words, past the 14 a title may have. Before: not a heading, so
  article 25 was read into article 24 (and the dry run said "26 follows 24").
- "Schedule E: Professional Activities Report", then "Preamble" over the schedule's own first
  paragraph. Before: the contract got a preamble part, listed after Schedule E, and the
  schedule was empty.
"""

from __future__ import annotations

from pathlib import Path

import docx

from proposals.negotiation.baseline import read_contract

LONG = (
    "Termination of Appointment for Financial Emergency or Due to Program Redundancy, Not "
    "Applicable to Members Holding Term Appointments or Sessional Lecturer Appointments"
)


def test_a_long_title_in_a_heading_style_is_a_heading(tmp_path: Path) -> None:
    document = docx.Document()
    for heading, text in [
        ("Article 24: Supervision and Discipline", "24.01 A Member may be disciplined only for just cause."),
        (f"Article 25: {LONG}", "25.01 No tenured Member shall be terminated except under this Article."),
        ("Article 26: Holidays", "26.01 The holidays are those the Board observes."),
    ]:
        document.add_paragraph(heading, style="Heading 1")
        document.add_paragraph(text)
    # the same words in a body paragraph are no heading: a sentence-length line is text
    document.add_paragraph(f"Article 27: {LONG}")
    document.save(tmp_path / "faculty.docx")
    reading = read_contract(tmp_path / "faculty.docx", "docx")
    assert [(p.number, p.title) for p in reading.parts] == [
        ("24", "Supervision and Discipline"), ("25", LONG), ("26", "Holidays")]  # fmt: skip
    assert "25.01 No tenured Member" in reading.parts[1].text
    assert not any("out of sequence" in note for note in reading.notes)


def test_a_schedules_own_preamble_stays_in_the_schedule(tmp_path: Path) -> None:
    source = tmp_path / "faculty.txt"
    source.write_text(
        "ARTICLE 1 - PURPOSE\n\n1.01 The purpose of this Agreement is to set out the terms of employment.\n\n"
        "SCHEDULE E - PROFESSIONAL ACTIVITIES REPORT\n\nPreamble\n\n"
        "The duties described in Article 13.02 are not intended to comprise exhaustive lists.\n\n"
        "E.01 Teaching.\n",
        "utf-8",
    )
    reading = read_contract(source, "text")
    assert [(p.kind, p.number) for p in reading.parts] == [("article", "1"), ("appendix", "E")]
    assert [line for line in reading.parts[1].text.split("\n")[1:] if line] == [
        "Preamble", "The duties described in Article 13.02 are not intended to comprise exhaustive lists.",
        "E.01 Teaching."]  # fmt: skip
