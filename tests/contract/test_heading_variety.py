"""Headings as real collective agreements write them (issue 11): quoted appendix ids, contracts
numbered by SECTION or by "1. TITLE" with no ARTICLE word, and the prose that must stay prose."""

from __future__ import annotations

import pytest

from proposals.contract.headings import detect_style, match_heading, read_heading
from proposals.contract.part import parse_heading, sections
from proposals.contract.plaintext import unwrap
from proposals.contract.split import Line, split_parts


@pytest.mark.parametrize(
    ("line", "style", "kind", "number", "title"),
    [
        ('Schedule "A"', "article", "appendix", "A", ""),
        ('APPENDIX "B"', "article", "appendix", "B", ""),
        ("SCHEDULE \u201cC\u201d \u2013 WAGE RATES", "article", "appendix", "C", "WAGE RATES"),
        ("Appendix A - Wage Rates", "article", "appendix", "A", "Wage Rates"),
        ("SCHEDULE 1", "article", "appendix", "1", ""),
        ("ARTICLE 6.", "article", "article", "6", ""),
        ("ARTICLE SIX", "article", "article", "SIX", ""),
        ("Article VI \u2014 Staffing", "article", "article", "VI", "Staffing"),
        ("LETTER OF AGREEMENT #3", "article", "letter", "3", ""),
        ("MEMORANDUM OF UNDERSTANDING RE: Parking", "article", "letter", "", "Parking"),
        ("SIDE LETTER", "article", "letter", "", ""),
        ("LETTER OF UNDERSTANDING No. 2", "article", "letter", "2", ""),
        ("SECTION 1 RECOGNITION", "section", "article", "1", "RECOGNITION"),
        ("Section 2. Management Rights", "section", "article", "2", "Management Rights"),
        ("SECTION 12", "section", "article", "12", ""),
        ("1. RECOGNITION", "numbered", "article", "1", "RECOGNITION"),
        ("2.  MANAGEMENT RIGHTS", "numbered", "article", "2", "MANAGEMENT RIGHTS"),
        ("10) HOURS OF WORK", "numbered", "article", "10", "HOURS OF WORK"),
        ("Article 12 Grievance Procedure", "article", "article", "12", "Grievance Procedure"),
        ("Article 6 Hours of Work", "article", "article", "6", "Hours of Work"),
        ("Schedule A Rates of Pay", "article", "appendix", "A", "Rates of Pay"),
        ("Section 4 Seniority", "section", "article", "4", "Seniority"),
    ],
)
def test_headings_of_every_style(line: str, style: str, kind: str, number: str, title: str) -> None:
    found = match_heading(line, style=style)  # type: ignore[arg-type]
    assert found is not None, line
    assert (found.kind, found.number, found.title) == (kind, number, title)


@pytest.mark.parametrize(
    ("line", "style"),
    [
        ("SECTION 1 RECOGNITION", "article"),  # a section inside an article, in an ARTICLE contract
        ("1. RECOGNITION", "article"),
        ("Section 6.1", "section"),
        ("SECTION 6.1 HOURS", "section"),
        ("Section 6. The Employer shall post the schedule", "section"),
        ("1. The Employer shall pay.", "numbered"),
        ("1. The Employer", "numbered"),
        ("6.1", "numbered"),
        ("(a)", "numbered"),
        ("Article 12. The Union shall be notified", "article"),
        ("Article 6 provides that the Employer shall", "article"),
        ("as provided in Article 12.", "article"),
        ("1. EMPLOYEES SHALL BE PAID", "numbered"),
        ("Article 12 The Employer", "article"),
        ("Article 12 of this Agreement", "article"),
        ("Article 12 Employees Are Paid", "article"),
    ],
)
def test_prose_and_sections_within_are_not_part_headings(line: str, style: str) -> None:
    assert match_heading(line, style=style) is None  # type: ignore[arg-type]


SECTION_CONTRACT = """COLLECTIVE AGREEMENT
TABLE OF CONTENTS
SECTION 1 RECOGNITION ....... 2
SECTION 2 MANAGEMENT RIGHTS ..... 3
This Agreement is made between the City of Example and the Workers Union Local 1 on the first day of May.
SECTION 1 RECOGNITION
1.1 The City recognizes the Union.
Section 2. Management Rights
Section 2.1 The City manages, as provided in Section 1.
(a) to hire;
SCHEDULE "A" - WAGE RATES
Section 1 Classifications
Step 1 20.00
"""


def test_a_contract_numbered_by_section_only() -> None:
    split = split_parts([Line(t) for t in SECTION_CONTRACT.splitlines()], front_as_preamble=True)
    assert split.style == "section"
    assert [(p.kind, p.number, p.title) for p in split.parts] == [
        ("preamble", "", ""),
        ("article", "1", "RECOGNITION"),
        ("article", "2", "Management Rights"),
        ("appendix", "A", "WAGE RATES"),
    ]
    assert split.parts[2].text == (
        "Section 2. Management Rights\n"
        "Section 2.1 The City manages, as provided in Section 1.\n(a) to hire;\n"
    )
    assert "Section 1 Classifications" in split.parts[3].text  # a heading inside the schedule
    assert sections("Section 2. Management Rights\n\nSection 2.1 The City manages.\n(a) to hire;\n") == {
        "2.1": "Section 2.1 The City manages.\n(a) to hire;"
    }
    # Stored, the part's own first line is its heading whatever the contract's style.
    assert parse_heading(split.parts[1].text).kind == "article"
    head = read_heading("SECTION 2.\nMANAGEMENT RIGHTS\n2.1 Text.\n")
    assert head is not None and (head.number, head.title, head.lines) == ("2", "MANAGEMENT RIGHTS", 2)


def test_a_contract_numbered_by_title_lines() -> None:
    lines = [
        "1. RECOGNITION",
        "The Employer recognizes the Union as the sole bargaining agent.",
        "1. The Employer shall pay dues deducted to the Union.",
        "2.  MANAGEMENT RIGHTS",
        "The Employer manages.",
        "APPENDIX A - WAGES",
        "1. CLASSIFICATIONS",
        "Clerk 20.00",
    ]
    split = split_parts([Line(t) for t in lines])
    assert split.style == "numbered"
    assert [(p.kind, p.number) for p in split.parts] == [
        ("article", "1"),
        ("article", "2"),
        ("appendix", "A"),
    ]
    assert "1. The Employer shall pay" in split.parts[0].text
    assert "1. CLASSIFICATIONS" in split.parts[2].text


def test_an_article_contract_keeps_its_sections_inside_its_articles() -> None:
    lines = [
        "ARTICLE 1 - RECOGNITION",
        "SECTION 1. SCOPE",
        "Text.",
        "ARTICLE 2 - RIGHTS",
        "SECTION 1. GENERAL",
    ]
    assert detect_style(lines) == "article"
    split = split_parts([Line(t) for t in lines])
    assert [p.number for p in split.parts] == ["1", "2"]


def test_a_cross_reference_wrapped_onto_a_line_of_its_own_is_not_a_heading() -> None:
    wide = "The Employer shall provide each employee with written notice of a grievance as provided in"
    lines = [
        "ARTICLE 11 - DISCIPLINE",
        wide,
        "Article 12. Any employee may be accompanied by a steward at any meeting called for the",
        "purpose of discipline.",
        "ARTICLE 12 - GRIEVANCES",
        "12.1 Steps.",
    ]
    split = split_parts(unwrap(lines).lines)
    assert [p.number for p in split.parts] == ["11", "12"]
    assert "as provided in Article 12. Any employee" in split.parts[0].text


def test_a_contents_line_whose_tab_the_pdf_lost_is_skipped_and_what_follows_kept() -> None:
    lines = [
        "ARTICLE 1 - RECOGNITION 2",
        "ARTICLE 2 - HOURS OF WORK 3",
        "APPENDIX A - WAGE RATES 4",
        "This Agreement is made between the City of Example and the Municipal Workers Union, Local 1.",
        "ARTICLE 1 - RECOGNITION",
        "1.1 Text.",
        "ARTICLE 2 - HOURS OF WORK",
        "2.1 Text.",
        "APPENDIX A - WAGE RATES",
        "Clerk 20.00",
    ]
    split = split_parts([Line(t) for t in lines], front_as_preamble=True)
    assert [(p.kind, p.number, p.title) for p in split.parts] == [
        ("preamble", "", ""),
        ("article", "1", "RECOGNITION"),
        ("article", "2", "HOURS OF WORK"),
        ("appendix", "A", "WAGE RATES"),
    ]
    assert split.parts[0].text == f"PREAMBLE\n\n{lines[3]}\n"
    assert [s.text for s in split.skipped] == lines[:3]
    after_title = split_parts([Line(t) for t in ["TABLE OF CONTENTS", *lines[2:]]], front_as_preamble=True)
    assert [p.kind for p in after_title.parts] == ["preamble", "article", "article", "appendix"]


def test_numbered_titles_in_a_word_heading_style_may_be_in_title_case() -> None:
    lines = [Line("1. Recognition", heading_style=True), Line("The Employer recognizes the Union."),
             Line("2. Management Rights", heading_style=True), Line("The Employer manages."),
             Line("3. The Employer shall pay dues.")]  # fmt: skip
    split = split_parts(lines)
    assert split.style == "numbered"
    assert [(p.number, p.title) for p in split.parts] == [("1", "Recognition"), ("2", "Management Rights")]


def test_a_centred_title_ending_in_a_keyword_is_the_title_not_a_heading() -> None:
    """Boilermakers Local 146's "APPENDIX B" / "APPROVED WORKSITES FOR THE 9/80" / "SCHEDULE":
    before, the lone "SCHEDULE" started a part with no number, and APPENDIX B, left with its
    title alone under it, was dropped as a contents line (its number came again later)."""
    lines = [
        "ARTICLE 1 - PURPOSE",
        "1.01 This Agreement sets the terms of maintenance work.",
        "APPENDIX B",
        "APPROVED WORKSITES FOR THE 9/80",
        "SCHEDULE",
        "Shell Scotford, Fort Saskatchewan, Alberta",
        "APPENDIX C - SIGNATORY EMPLOYERS",
        "Acme Industrial Ltd.",
    ]
    split = split_parts([Line(t) for t in lines])
    assert [(p.kind, p.number, p.title) for p in split.parts] == [
        ("article", "1", "PURPOSE"),
        ("appendix", "B", "APPROVED WORKSITES FOR THE 9/80"),
        ("appendix", "C", "SIGNATORY EMPLOYERS"),
    ]
    assert split.parts[1].text == "\n".join(lines[2:6]) + "\n"
