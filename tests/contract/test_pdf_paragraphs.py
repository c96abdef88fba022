"""Paragraphs in a PDF split where the layout shows a new one (issue 11).

LibreOffice sets a numbered section ("6.1 Purpose. The parties agree ...") and the plain
paragraph after it with no gap between them; the section's last line stops short ("... shall
apply.") where the next line's first word would have fitted, so the paragraph ends there even
though that line is nearly as long as the text width. A paragraph whose first line is indented
starts a new paragraph after a sentence's end even when the line before it is full (justified
text); a hanging indent (a list item's second line) does not.

Before: the plain paragraph after "1.1 Purpose." was joined into the section.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from handpdf import write_pdf
from word.lo_fodt import convert, soffice, write

from proposals.contract.pdf import read_pdf

LONG = (
    "The parties agree that this Agreement sets out the whole of the terms and conditions of employment "
    "for employees in the bargaining unit and that no other agreement shall apply."
)
NOTHING = (
    "Nothing in this Article prevents the parties from agreeing to a variation in writing "
    "signed by both of them."
)
WRAPS = "A plain paragraph after a short section line that fills more than one line of the page so it wraps."
BLOCKS = [
    ("article", "PURPOSE"),
    ("section", "Purpose. " + LONG),
    ("para", NOTHING),
    ("para", "Short plain paragraph."),
    ("section", "Term. The Agreement runs for three years."),
    (
        "para",
        "A plain paragraph after a short section line that fills more than one line of the page so it wraps.",
    ),
    ("article", "HOURS"),
    ("section", "Hours. " + LONG),
    (
        "item",
        "first item in a list that is long enough to wrap onto a second line of the page at this width;",
    ),
    ("item", "second item."),
    (
        "para",
        "Closing paragraph of the article which is long enough to wrap onto a second line on the page too.",
    ),
]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_plain_paragraph_after_a_section_in_a_libreoffice_pdf(cli: CLI, tmp_path: Path) -> None:
    pdf = convert(write(tmp_path / "contract.fodt", BLOCKS), "pdf")
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    articles = tmp_path / "talks" / "articles"
    assert (articles / "purpose.txt").read_text("utf-8") == (
        f"ARTICLE 1 \u2013 PURPOSE\n1.1 Purpose. {LONG}\n{NOTHING}\nShort plain paragraph.\n"
        "1.2 Term. The Agreement runs for three years.\n"
        f"{WRAPS}\n"
    )
    assert (articles / "hours.txt").read_text("utf-8") == (
        f"ARTICLE 2 \u2013 HOURS\n2.1 Hours. {LONG}\n"
        "(a) first item in a list that is long enough to wrap onto a second line of the page at this width;\n"
        "(b) second item.\n"
        "Closing paragraph of the article which is long enough to wrap onto a second line on the page too.\n"
    )


def test_a_first_line_indent_starts_a_paragraph_and_a_hanging_indent_does_not(tmp_path: Path) -> None:
    step = 13.2
    rows = [
        (72, "ARTICLE 3 - SENIORITY"),
        (72, "3.1 Seniority is the length of continuous service with the Employer in the bargaining unit"),
        (72, "since the date of last hire, and it is kept for every employee on a list held by the parties."),
        (90, "The list is posted in January of each year and a copy of it is sent to the Union by"),
        (72, "the Employer within fourteen days of the posting, with any correction made since then."),
        (72, "(a) an employee on an approved leave of absence keeps and adds to seniority while on"),
        (90, "the leave, as set out in the leave provisions of this Agreement;"),
        (72, "(b) an employee laid off keeps seniority for twelve months."),
    ]
    pdf = write_pdf(
        tmp_path / "indent.pdf", [[(x, 740 - i * step, text) for i, (x, text) in enumerate(rows)]]
    )
    assert [line.text for line in read_pdf(pdf).unwrapped.lines] == [
        rows[0][1],
        f"{rows[1][1]} {rows[2][1]}",
        f"{rows[3][1]} {rows[4][1]}",
        f"{rows[5][1]} {rows[6][1]}",
        rows[7][1],
    ]
