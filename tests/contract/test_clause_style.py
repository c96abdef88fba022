"""UK, Irish and Australian agreements (issue 11): ``CLAUSE 1 - TITLE`` / ``Clause 3. Hours of
Work`` headings with ``Clause 3.1`` or ``3.1`` sub-clauses, ``1. TITLE`` clauses grouped under
``PART A`` divisions, and ``SCHEDULE 1 – RATES OF PAY`` appendices.

Before: the CLAUSE contract was imported wrongly without an error: ``CLAUSE 1 - TITLE`` was
skipped as "cover page" and every clause was swallowed into one PREAMBLE part; a ``PART A``
line was "cover page" or glued to the end of the clause before it. A section under the wrong
article ("6.3" inside ARTICLE 7) went through without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI

from proposals.contract.headings import (
    detect_style,
    division_heading,
    format_heading,
    match_heading,
    part_name,
    read_heading,
)
from proposals.contract.part import parse_heading, sections
from proposals.contract.split import Line, split_parts
from proposals.negotiation.baseline import read_contract

UK = """NORTHERN CARE LIMITED
ENTERPRISE AGREEMENT 2024

CLAUSE 1 - TITLE

This agreement shall be known as the Northern Care Enterprise Agreement 2024 and applies to\
all employees of the Company.

CLAUSE 2 - DEFINITIONS

Clause 2.1 In this agreement "the Company" means Northern Care Limited.

Clause 2.2 "Employee" means a person employed by the Company under a contract of employment.

Clause 3. Hours of Work

Clause 3.1 Ordinary hours of work shall be 37.5 per week, worked over five days.

Clause 3.2 Overtime shall be paid at time and a half.

CLAUSE 4 – ANNUAL LEAVE

4.1 Employees are entitled to 25 days of annual leave in addition to public holidays.

4.2 Leave shall be booked with four weeks' notice.

SCHEDULE 1 – RATES OF PAY

1. Rates are payable from 1 April 2024.

Band 1: £24,500 per annum
"""


def _split(text: str) -> tuple[list[tuple[str, str, str]], dict[str, str], list[str], list[tuple[str, str]]]:
    split = split_parts((Line(line) for line in text.split("\n")), front_as_preamble=True)
    heads = [(p.kind, p.number, p.title) for p in split.parts]
    texts = {f"{p.kind} {p.number}": p.text for p in split.parts}
    return heads, texts, split.notes, [(s.reason, s.text) for s in split.skipped]


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("CLAUSE 1 - TITLE", "1", "TITLE"),
        ("Clause 1. Title", "1", "Title"),
        ("Clause 3. Hours of Work", "3", "Hours of Work"),
        ("CLAUSE 12: GRIEVANCE PROCEDURE", "12", "GRIEVANCE PROCEDURE"),
        ("CLAUSE 4 \u2013 ANNUAL LEAVE", "4", "ANNUAL LEAVE"),
        ("Clause 7 \u2014 Dispute Resolution", "7", "Dispute Resolution"),
        ("CLAUSE 9", "9", ""),
        ("CLAUSE NINE", "NINE", ""),
    ],
)
def test_clause_headings(line: str, number: str, title: str) -> None:
    found = match_heading(line, style="clause")
    assert found is not None, line
    assert (found.kind, found.number, found.title, found.keyword) == ("article", number, title, "CLAUSE")


@pytest.mark.parametrize(
    ("line", "style"),
    [
        ("Clause 3.1 Ordinary hours of work shall be 37.5 per week.", "clause"),
        ("Clause 3.1", "clause"),
        ("CLAUSE 3.1 HOURS", "clause"),
        ("Clause 12 of this Agreement shall apply", "clause"),
        ("clause 4. Leave is booked", "clause"),
        ("CLAUSE 4 - ANNUAL LEAVE", "article"),  # in an ARTICLE contract a clause is inside one
    ],
)
def test_sub_clauses_and_prose_are_not_clause_headings(line: str, style: str) -> None:
    found = match_heading(line, style=style)  # type: ignore[arg-type]
    assert found is None or found.kind != "article", line


def test_a_clause_contract_is_found_as_such() -> None:
    assert detect_style(UK.split("\n")) == "clause"
    # a US contract with a "Clause 1", "Clause 2" under each article stays an ARTICLE contract
    us = [
        "ARTICLE 1 - RECOGNITION",
        "CLAUSE 1",
        "CLAUSE 2",
        "ARTICLE 2 - DUES",
        "CLAUSE 1",
        "ARTICLE 3 - PAY",
    ]
    assert detect_style(us) == "article"
    # a UK agreement quoting a treaty's article on a line of its own stays a CLAUSE contract
    assert detect_style([*UK.split("\n"), "ARTICLE 8"]) == "clause"
    assert detect_style(["CLAUSE 1 - TITLE", "1. TITLE", "2. TERM", "3. PAY"]) == "numbered"


def test_clauses_are_parts_and_sub_clauses_stay_inside_them() -> None:
    heads, texts, notes, skipped = _split(UK)
    assert heads == [
        ("article", "1", "TITLE"),
        ("article", "2", "DEFINITIONS"),
        ("article", "3", "Hours of Work"),
        ("article", "4", "ANNUAL LEAVE"),
        ("appendix", "1", "RATES OF PAY"),
    ]
    assert texts["article 3"] == (
        "Clause 3. Hours of Work\n\n"
        "Clause 3.1 Ordinary hours of work shall be 37.5 per week, worked over five days.\n\n"
        "Clause 3.2 Overtime shall be paid at time and a half.\n"
    )
    assert texts["appendix 1"] == (
        "SCHEDULE 1 \u2013 RATES OF PAY\n\n1. Rates are payable from 1 April 2024.\n\n"
        "Band 1: \u00a324,500 per annum\n"
    )
    assert skipped == [("cover page", "NORTHERN CARE LIMITED"), ("cover page", "ENTERPRISE AGREEMENT 2024")]
    assert notes == []
    assert sections(texts["article 3"]).keys() == {"3.1", "3.2"}


def test_a_clause_part_file_reads_back_as_the_clause_it_is() -> None:
    found = read_heading("CLAUSE 4 - ANNUAL LEAVE\n\n4.1 Employees are entitled to leave.\n")
    assert found is not None
    assert (found.kind, found.number, found.title, found.keyword) == (
        "article",
        "4",
        "ANNUAL LEAVE",
        "CLAUSE",
    )
    heading = parse_heading("Clause 3. Hours of Work\n\nClause 3.1 Hours.\n")
    assert (heading.kind, heading.number, heading.title, heading.keyword) == (
        "article",
        "3",
        "Hours of Work",
        "CLAUSE",
    )
    assert part_name("article", "4", "CLAUSE") == "Clause 4"
    assert format_heading("article", "5", "REDUNDANCY", "CLAUSE") == "CLAUSE 5: REDUNDANCY"


AUSTRALIAN = """HEALTH SERVICES ENTERPRISE AGREEMENT 2023

PART A \u2013 APPLICATION AND OPERATION

1. TITLE

This agreement is the Health Services Enterprise Agreement 2023 and covers the employees of the Service.

2. COVERAGE

2.1 This agreement covers the Service and its nursing employees.

PART B \u2013 WAGES AND HOURS

3. HOURS OF WORK

3.1 Ordinary hours are 38 per week.

PART C - HEALTH PLAN

The Service shall pay 80 per cent of the premium.

SCHEDULE 1 \u2013 RATES OF PAY

1. CLASSIFICATIONS

Registered Nurse Level 1: $1,520.40 per week
"""


def test_clauses_under_part_divisions_and_a_schedule() -> None:
    heads, texts, notes, skipped = _split(AUSTRALIAN)
    assert heads == [
        ("article", "1", "TITLE"),
        ("article", "2", "COVERAGE"),
        ("article", "3", "HOURS OF WORK"),
        ("appendix", "1", "RATES OF PAY"),
    ]
    # a PART line above a clause groups clauses; one with text under it is that text's heading
    assert texts["article 2"] == (
        "2. COVERAGE\n\n2.1 This agreement covers the Service and its nursing employees.\n"
    )
    assert texts["article 3"] == (
        "3. HOURS OF WORK\n\n3.1 Ordinary hours are 38 per week.\n\n"
        "PART C - HEALTH PLAN\n\nThe Service shall pay 80 per cent of the premium.\n"
    )
    assert texts["appendix 1"].startswith("SCHEDULE 1 \u2013 RATES OF PAY\n\n1. CLASSIFICATIONS\n")
    division = "division heading (kept with the parts after it)"
    assert sorted(skipped) == sorted(
        [
            ("cover page", "HEALTH SERVICES ENTERPRISE AGREEMENT 2023"),
            (division, "PART A \u2013 APPLICATION AND OPERATION"),
            (division, "PART B \u2013 WAGES AND HOURS"),
        ]
    )
    assert notes == []


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("PART A \u2013 APPLICATION AND OPERATION", "A \u2013 APPLICATION AND OPERATION"),
        ("Part 2 \u2014 Consultation and Dispute Resolution", "2 \u2014 Consultation and Dispute Resolution"),
        ("PART IV", "IV"),
        ("Part A employees shall be paid weekly", None),
        ("PART-TIME EMPLOYEES", None),
        ("Part 2 of the Award applies", None),
    ],
)
def test_division_headings(line: str, found: str | None) -> None:
    assert division_heading(line) == found


WRONG_ARTICLE = """ARTICLE 6 - HOURS OF WORK

6.1 The normal work week shall be forty hours.

6.2 Overtime shall be paid at time and one-half after forty hours.

ARTICLE 7 - WAGES

7.1 Wages are set out in Appendix A.

6.3 Employees shall receive an unpaid meal break of thirty minutes.

7.2 Employees working 40.5 hours
40.5 hours and more shall be paid at the overtime rate.

Section 7.3 Wages are paid every two weeks.
"""


def test_a_section_under_the_wrong_article_is_reported(tmp_path: Path) -> None:
    source = tmp_path / "contract.txt"
    source.write_text(WRONG_ARTICLE, "utf-8")
    reading = read_contract(source, "text")
    assert [(p.kind, p.number) for p in reading.parts] == [("article", "6"), ("article", "7")]
    assert [n for n in reading.notes if "section" in n] == [
        "section 6.3 is under ARTICLE 7 (check it is not misplaced or its article heading misread)"
    ]
    _, _, notes, _ = _split(UK.replace("CLAUSE 4 \u2013 ANNUAL LEAVE", "CLAUSE 5 \u2013 ANNUAL LEAVE"))
    assert notes == ["clause numbers out of sequence: 5 follows 3 (check nothing is missing or misread)"] + [
        f"section {n} is under CLAUSE 5 (check it is not misplaced or its article heading misread)"
        for n in ("4.1", "4.2")
    ]
    _, _, notes, _ = _split(UK.replace("4.2 Leave", "3.3 Leave"))
    assert notes == [
        "section 3.3 is under CLAUSE 4 (check it is not misplaced or its article heading misread)"
    ]


def test_a_clause_contract_round_trips_through_the_repo_and_word(cli: CLI, tmp_path: Path) -> None:
    """Imported from text, stored with its own CLAUSE headings, read back from the part files
    (status names the parts), exported clean to Word and imported from that as a baseline again:
    the same parts, the same texts."""
    source = tmp_path / "agreement.txt"
    source.write_text(UK, "utf-8")
    cli("init", "uk", "--union", "Unite", "--employer", "Northern Care")
    out = cli("-C", "uk", "baseline", "--from-text", str(source)).out
    assert "5 parts (4 clauses, 1 appendix)" in out  # a clause contract's words (issue 11)
    articles = tmp_path / "uk" / "articles"
    assert (
        (articles / "hours-of-work.txt")
        .read_text("utf-8")
        .startswith("Clause 3. Hours of Work\n\nClause 3.1")
    )
    status = cli("-C", "uk", "status", "--json").out
    assert '"kind": "appendix"' in status and "Annual Leave" in status
    ids = ["title", "definitions", "hours-of-work", "annual-leave", "rates-of-pay"]
    assert sorted(p.stem for p in articles.glob("*.txt")) == sorted(ids)
    cli("-C", "uk", "export", "--mode", "clean", "-o", str(tmp_path / "clean.docx"), *ids)
    cli("init", "again", "--union", "Unite", "--employer", "Northern Care")
    cli("-C", "again", "baseline", "--from-docx", str(tmp_path / "clean.docx"))
    for part_id in ids:
        assert (tmp_path / "again" / "articles" / f"{part_id}.txt").read_text("utf-8") == (
            articles / f"{part_id}.txt"
        ).read_text("utf-8"), part_id
    cli("init", "from-dir", "--union", "Unite", "--employer", "Northern Care")
    dry = cli("-C", "from-dir", "baseline", "--from-dir", str(articles), "--dry-run").out
    assert "clause 3" in dry and "Hours of Work" in dry and "article 3" not in dry
