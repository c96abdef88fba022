"""The one heading grammar (issue 11): headings as real contracts write them, and prose that is not."""

from __future__ import annotations

import pytest

from proposals.contract.headings import arabic, format_heading, match_heading, order_key, read_heading
from proposals.contract.part import comparable, parse_heading
from proposals.contract.split import Line, duplicate_numbers, part_ids, split_parts, toc_entry


@pytest.mark.parametrize(
    ("line", "kind", "number", "title"),
    [
        ("ARTICLE 6: STAFFING", "article", "6", "STAFFING"),
        ("Article 6 - Staffing", "article", "6", "Staffing"),
        ("ARTICLE 6 – STAFFING", "article", "6", "STAFFING"),
        ("ARTICLE 6.", "article", "6", ""),
        ("ARTICLE VI", "article", "VI", ""),
        ("ARTICLE SIX", "article", "SIX", ""),
        ("ARTICLE 12A \u2014 Leaves", "article", "12A", "Leaves"),
        ("ARTICLE 6 STAFFING", "article", "6", "STAFFING"),
        ("PREAMBLE", "preamble", "", ""),
        ("Recitals", "preamble", "", ""),
        ("APPENDIX A", "appendix", "A", ""),
        ("APPENDIX A - WAGE SCALES", "appendix", "A", "WAGE SCALES"),
        ("SCHEDULE 1", "appendix", "1", ""),
        ("Exhibit B: Step Table", "appendix", "B", "Step Table"),
        ("LETTER OF AGREEMENT #3", "letter", "3", ""),
        ("MEMORANDUM OF UNDERSTANDING RE: Scheduling Pilot", "letter", "", "Scheduling Pilot"),
        ("SIDE LETTER", "letter", "", ""),
        ("MOU #2 - Remote Work", "letter", "2", "Remote Work"),
    ],
)
def test_headings_as_contracts_write_them(line: str, kind: str, number: str, title: str) -> None:
    found = match_heading(line)
    assert found is not None, line
    assert (found.kind, found.number, found.title) == (kind, number, title)


@pytest.mark.parametrize(
    "line",
    [
        "Article 12 of this Agreement applies to all Clinicians.",
        "ARTICLE 12 SHALL APPLY TO ALL",
        "ARTICLE IN GENERAL USE IS NOT A HEADING",
        "Appendix A shows the rates in force.",
        "Schedule a meeting within ten days",
        "Preamble text goes on here",
        "6.1 Purpose. The Employer shall staff safely.",
    ],
)
def test_prose_is_not_a_heading(line: str) -> None:
    assert match_heading(line) is None


@pytest.mark.parametrize(
    ("line", "number", "value", "title"),
    [
        ("ARTICLE FIRST", "FIRST", "1", ""),
        ("ARTICLE First – Recognition", "FIRST", "1", "Recognition"),
        ("ARTICLE 1st – RECOGNITION", "1ST", "1", "RECOGNITION"),
        ("ARTICLE 22nd: WAGES", "22ND", "22", "WAGES"),
        ("ARTICLE TWENTY-FIRST - LEAVES", "TWENTY-FIRST", "21", "LEAVES"),
        ("ARTICLE Twentieth – Seniority", "TWENTIETH", "20", "Seniority"),
        ("ARTICLE FOURTEENTH: HOURS", "FOURTEENTH", "14", "HOURS"),
        ("ARTICLE TWELFTH", "TWELFTH", "12", ""),
        ("ARTICLE FOURTEEN: HOURS", "FOURTEEN", "14", "HOURS"),
    ],
)
def test_ordinal_article_numbers(line: str, number: str, value: str, title: str) -> None:
    """Word's "ordinal" and "ordinalText" list formats (LibreOffice's "1st" and "First") number
    articles as the text shows them: "ARTICLE First" is article 1, not "ARTICLE 1S" titled "t"."""
    found = match_heading(line)
    assert found is not None, line
    assert (found.kind, found.number, found.value, found.title) == ("article", number, value, title)


def test_ordinal_section_and_clause_numbers() -> None:
    section = match_heading("Section First. Hours of Work", style="section")
    clause = match_heading("CLAUSE 3rd - PAY", style="clause")
    assert section is not None and (section.value, section.title) == ("1", "Hours of Work")
    assert clause is not None and (clause.value, clause.title) == ("3", "PAY")


def test_numbers_compare_across_styles_and_parts_sort_in_contract_order() -> None:
    assert arabic("VI") == arabic("SIX") == arabic("6") == "6"
    assert arabic("XIV") == "14" and arabic("twenty-one") == "21" and arabic("12A") == "12A"
    keys = [
        order_key("letter", "1"),
        order_key("appendix", "B"),
        order_key("article", "X"),
        order_key("article", "9"),
        order_key("preamble", ""),
        order_key("appendix", "A"),
    ]
    assert sorted(keys) == [keys[4], keys[3], keys[2], keys[5], keys[1], keys[0]]
    assert format_heading("article", "6", "STAFFING") == "ARTICLE 6: STAFFING"
    assert format_heading("preamble", "", "") == "PREAMBLE"
    assert format_heading("appendix", "A", "WAGES") == "APPENDIX A: WAGES"


def test_a_part_file_heading_roman_with_its_title_on_the_next_line() -> None:
    head = read_heading("ARTICLE VI\nSTAFFING\n6.1 Text.\n")
    assert head is not None and (head.kind, head.number, head.title, head.lines) == (
        "article",
        "VI",
        "STAFFING",
        2,
    )
    assert parse_heading("ARTICLE VI\nSTAFFING\n6.1 Text.\n").title == "Staffing"
    assert parse_heading("PREAMBLE\n\nThis Agreement is made...\n").kind == "preamble"
    assert parse_heading("Just some text\n").kind is None


def test_blank_lines_and_spacing_are_layout_not_language() -> None:
    ours = "ARTICLE 6: STAFFING\n\n6.1  Purpose.\n\n6.2 Panels.\n"
    theirs = "ARTICLE 6: STAFFING\n6.1 Purpose. \n6.2 Panels.\n"
    assert comparable(ours) == comparable(theirs)
    assert comparable(ours) != comparable(theirs.replace("Panels", "Panel sizes"))


def test_split_skips_the_table_of_contents_and_keeps_the_preamble() -> None:
    lines = [
        "COLLECTIVE BARGAINING AGREEMENT",
        "TABLE OF CONTENTS",
        "ARTICLE 1 - RECOGNITION\t2",
        "ARTICLE 2 - DEFINITIONS ........ 3",
        "APPENDIX A - WAGES\t9",
        "This Agreement is entered into by the Employer and the Union, who agree as follows.",
        "ARTICLE 1 - RECOGNITION",
        "1.1 The Employer recognizes the Union.",
        "ARTICLE 2 - DEFINITIONS",
        "2.1 Words mean what they say.",
        "APPENDIX A - WAGES",
        "Step 1\t$50.00",
    ]
    split = split_parts([Line(t) for t in lines], front_as_preamble=True)
    assert [(p.kind, p.number) for p in split.parts] == [
        ("preamble", ""),
        ("article", "1"),
        ("article", "2"),
        ("appendix", "A"),
    ]
    assert split.parts[0].text.startswith("PREAMBLE\n\nThis Agreement is entered into")
    assert split.parts[3].text == "APPENDIX A - WAGES\nStep 1\t$50.00\n"
    reasons = {s.text: s.reason for s in split.skipped}
    assert reasons["ARTICLE 1 - RECOGNITION\t2"] == "table of contents"
    assert reasons["COLLECTIVE BARGAINING AGREEMENT"] == "cover page"
    assert part_ids(split.parts) == ["preamble", "recognition", "definitions", "wages"]
    assert toc_entry("ARTICLE 12 – HOURS OF WORK\t14") and not toc_entry("ARTICLE 12 – HOURS OF WORK")


def test_a_toc_without_page_numbers_is_recognised_by_its_repeated_headings() -> None:
    lines = [
        "ARTICLE 1 - RECOGNITION",
        "ARTICLE 2 - DEFINITIONS",
        "ARTICLE 1 - RECOGNITION",
        "1.1 Text.",
        "ARTICLE 2 - DEFINITIONS",
        "2.1 Text.",
    ]
    split = split_parts([Line(t) for t in lines])
    assert [p.text for p in split.parts] == [
        "ARTICLE 1 - RECOGNITION\n1.1 Text.\n",
        "ARTICLE 2 - DEFINITIONS\n2.1 Text.\n",
    ]
    assert duplicate_numbers(split.parts) == []
    twice = split_parts([Line(t) for t in ["ARTICLE 3: A", "x", "ARTICLE III: B", "y"]])
    assert duplicate_numbers(twice.parts) == ["ARTICLE 3"]


@pytest.mark.parametrize(
    ("heading", "name", "short"),
    [
        ("SIDE LETTER 3: PARKING", "Side Letter 3", "SL 3"),
        ("MEMORANDUM OF UNDERSTANDING RE: TELEHEALTH", "Memorandum of Understanding", "MOU"),
        ("MOU #4 - TRAVEL", "MOU 4", "MOU 4"),
        ("LETTER OF UNDERSTANDING 2: CME", "Letter of Understanding 2", "LOU 2"),
        ("LETTER OF AGREEMENT #1: PILOT", "Letter of Agreement 1", "LOA 1"),
        ("SCHEDULE A - WAGES", "Schedule A", "Sch A"),
        ("APPENDIX B: STIPENDS", "Appendix B", "App B"),
        ("PREAMBLE", "Preamble", "Pre."),
    ],
)
def test_a_part_is_named_in_its_own_headings_words(heading: str, name: str, short: str) -> None:
    from proposals.contract.headings import part_name, short_name

    found = read_heading(heading + "\nText.\n")
    assert found is not None
    assert part_name(found.kind, found.number, found.keyword) == name
    assert short_name(found.kind, found.number, found.keyword) == short
    assert format_heading(found.kind, found.number, "X", found.keyword).startswith(found.keyword)
