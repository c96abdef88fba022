"""Canadian and public-sector numbering, and cross references that look like headings (issue 11).

``ARTICLE 1 - RECOGNITION`` with sections ``1.01``; contracts numbered ``1.0 RECOGNITION`` /
``1.1`` / ``1.01`` or a bare ``3 UNION SECURITY``; ``Section 3.01`` sub-headings; ``ARTICLE 3``
with its title on the next line; ``Article 4 — Hours of Work``; ``4.01 (a)`` lists. A cross
reference in capitals wrapped onto a line of its own ("... as set out in" / "ARTICLE 12 - HOURS
OF WORK.") is a heading by its words only: the paragraph before stops mid-sentence, so it stays
in that sentence. Article numbers out of sequence are reported.

Before: the Canadian contract was refused ("the same number is used twice: ARTICLE 12": the
reference was cut out as an article of its own) and the ``1.0`` contract had "no part headings".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proposals.contract.headings import match_heading
from proposals.contract.plaintext import unwrap
from proposals.contract.split import Line, split_parts
from proposals.negotiation.baseline import read_contract

CANADIAN = """COLLECTIVE AGREEMENT

BETWEEN

THE CITY OF NORTHVALE

AND

CANADIAN UNION OF PUBLIC EMPLOYEES, LOCAL 4321

ARTICLE 1 - PURPOSE

1.01 The purpose of this Agreement is to maintain harmonious relations between the parties.

1.02 The parties agree to co-operate fully, individually and collectively.

ARTICLE 2 - RECOGNITION

2.01 The Employer recognizes the Union as the sole bargaining agent for all employees as set out in

ARTICLE 12 - HOURS OF WORK.

2.02 No employee shall be required to make an agreement that conflicts with this Agreement.

ARTICLE 3
MANAGEMENT RIGHTS

Section 3.01 The Union recognizes the right of the Employer to manage, subject to

ARTICLE 12.

Section 3.02 The Employer shall exercise these rights in a fair manner.

Article 4 \u2014 Hours of Work

4.01 The normal hours of work shall be:
(a) seven and one-half hours per day;
(b) thirty-seven and one-half hours per week.

ARTICLE 5 - SENIORITY

5.01 Seniority is length of continuous service, as provided in Article 4.

ARTICLE 7 - GRIEVANCES

7.01 A grievance is a difference between the parties.
"""


def _read(tmp_path: Path, text: str) -> tuple[list[tuple[str, str, str]], dict[str, str], list[str]]:
    source = tmp_path / "contract.txt"
    source.write_text(text, "utf-8")
    reading = read_contract(source, "text")
    heads = [(p.kind, p.number, p.title) for p in reading.parts]
    return heads, dict(zip(reading.ids, (p.text for p in reading.parts), strict=True)), reading.notes


def test_a_canadian_contract_with_wrapped_cross_references(tmp_path: Path) -> None:
    heads, texts, notes = _read(tmp_path, CANADIAN)
    assert heads == [
        ("article", "1", "PURPOSE"),
        ("article", "2", "RECOGNITION"),
        ("article", "3", "MANAGEMENT RIGHTS"),
        ("article", "4", "Hours of Work"),
        ("article", "5", "SENIORITY"),
        ("article", "7", "GRIEVANCES"),
    ]
    assert texts["recognition"] == (
        "ARTICLE 2 - RECOGNITION\n\n2.01 The Employer recognizes the Union as the sole bargaining agent for "
        "all employees as set out in ARTICLE 12 - HOURS OF WORK.\n\n"
        "2.02 No employee shall be required to make an agreement that conflicts with this Agreement.\n"
    )
    assert texts["management-rights"] == (
        "ARTICLE 3\nMANAGEMENT RIGHTS\n\nSection 3.01 The Union recognizes the right of the Employer to "
        "manage, subject to ARTICLE 12.\n\nSection 3.02 The Employer shall exercise these rights in a fair "
        "manner.\n"
    )
    assert texts["hours-of-work"].endswith("4.01 The normal hours of work shall be:\n"
                                           "(a) seven and one-half hours per day;\n"
                                           "(b) thirty-seven and one-half hours per week.\n")  # fmt: skip
    assert (
        "2 heading-like lines read as a cross reference inside the paragraph before (it ends mid-sentence)"
        in notes
    )
    assert any("out of sequence: 7 follows 5" in n for n in notes), notes


def test_the_same_contract_wrapped_as_a_pdf_gives_it(tmp_path: Path) -> None:
    """Hard-wrapped at a page margin (the text layer of a PDF): the reference on a line of its
    own after a full line is joined back too."""
    lines = [
        "ARTICLE 1 - PURPOSE",
        "1.01 The purpose of this Agreement is to maintain harmonious relations between the",
        "parties and to set out the terms and conditions of employment as set out in",
        "ARTICLE 12 - HOURS OF WORK.",
        "1.02 The parties agree to co-operate fully, individually and collectively, for the",
        "advancement of the said conditions.",
        "ARTICLE 2 - RECOGNITION",
        "2.01 The Employer recognizes the Union as the sole bargaining agent for all of its",
        "employees.",
    ]
    split = split_parts(unwrap(lines).lines)
    assert [(p.number, p.title) for p in split.parts] == [("1", "PURPOSE"), ("2", "RECOGNITION")]
    assert split.parts[0].text.split("\n")[1] == (
        "1.01 The purpose of this Agreement is to maintain harmonious relations between the parties and to "
        "set out the terms and conditions of employment as set out in ARTICLE 12 - HOURS OF WORK."
    )


def test_a_contract_numbered_1_0_with_sections_1_1_and_1_01(tmp_path: Path) -> None:
    text = (
        "MEMORANDUM OF SETTLEMENT COVER\n\n123 MAIN STREET\n\n"
        "1.0 RECOGNITION\n\n1.1 The Employer recognizes the Union as the exclusive bargaining agent.\n\n"
        "1.01 Definitions follow in this clause for the purposes of the Agreement.\n\n"
        "2.0 MANAGEMENT RIGHTS\n\n2.1 The Employer retains all rights to manage the operation.\n\n"
        "3 UNION SECURITY\n\n3.01 All employees shall pay dues.\n\n"
        "4.0 Hours of Work\n\n4.1 The normal work week shall be forty hours.\n\n"
        "40 HOURS PER WEEK\n\n"
        "APPENDIX A - WAGES\n\n1.0 CLASSIFICATIONS\n\nClerk 20.00\n"
    )
    heads, texts, notes = _read(tmp_path, text)
    assert heads == [
        ("article", "1", "RECOGNITION"),
        ("article", "2", "MANAGEMENT RIGHTS"),
        ("article", "3", "UNION SECURITY"),
        ("article", "4", "Hours of Work"),
        ("appendix", "A", "WAGES"),
    ]
    assert texts["recognition"] == (
        "1.0 RECOGNITION\n\n1.1 The Employer recognizes the Union as the exclusive bargaining agent.\n\n"
        "1.01 Definitions follow in this clause for the purposes of the Agreement.\n"
    )
    assert texts["hours-of-work"] == (
        "4.0 Hours of Work\n\n4.1 The normal work week shall be forty hours.\n\n40 HOURS PER WEEK\n"
    )
    assert "numbered parts start at '1. TITLE' headings (--as numbered)" in notes


@pytest.mark.parametrize(
    ("line", "style", "number", "title"),
    [
        ("ARTICLE 1 - RECOGNITION", "article", "1", "RECOGNITION"),
        ("Article 12 \u2014 Hours of Work", "article", "12", "Hours of Work"),
        ("1.0 RECOGNITION", "numbered", "1", "RECOGNITION"),
        ("1.0 Recognition", "numbered", "1", "Recognition"),
        ("12 HOURS OF WORK", "numbered", "12", "HOURS OF WORK"),
    ],
)
def test_canadian_headings(line: str, style: str, number: str, title: str) -> None:
    found = match_heading(line, style=style)  # type: ignore[arg-type]
    assert found is not None and (found.kind, found.number, found.title) == ("article", number, title)


@pytest.mark.parametrize(
    ("line", "style"),
    [
        ("Section 1.01 The Union recognizes", "section"),
        ("Section 1.01", "article"),
        ("1.01 Definitions", "numbered"),
        ("12.01 (a) the Employer", "numbered"),
        ("6.1 Purpose. The parties agree", "numbered"),
        ("1.0 The Employer shall", "numbered"),
        ("40 HOURS 1,040.00", "numbered"),
    ],
)
def test_canadian_sections_are_not_part_headings(line: str, style: str) -> None:
    assert match_heading(line, style=style) is None  # type: ignore[arg-type]


def test_an_article_after_a_finished_paragraph_is_a_heading_even_out_of_sequence() -> None:
    lines = ["ARTICLE 1 - PURPOSE", "1.01 The purpose is stated.", "ARTICLE 3 - RIGHTS", "3.01 Rights."]
    split = split_parts([Line(t) for t in lines])
    assert [p.number for p in split.parts] == ["1", "3"]
    assert split.notes == [
        "article numbers out of sequence: 3 follows 1 (check nothing is missing or misread)"
    ]
