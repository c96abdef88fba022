"""Division headings are kept: each part knows the division it stands under ("PART A -
GENERAL", "Part 2 — Consultation", "PART ONE: ECONOMIC PROVISIONS", "DIVISION 3", "CHAPTER
II"), so compile, the Word export and the site can show them again.

Before: a division line was skipped and forgotten, so a ratified contract came back from
``compile`` without its PART headings; ``DIVISION`` and ``CHAPTER`` lines, a PART line without a
separator ("PART B WAGES AND HOURS") and one with its title on the next line were not divisions.
"""

from __future__ import annotations

import pytest

from proposals.contract.headings import division_heading
from proposals.contract.split import Line, split_parts


def _divisions(text: str) -> list[tuple[str, str, str]]:
    split = split_parts((Line(line) for line in text.split("\n")), front_as_preamble=True)
    return [(p.kind, p.number, p.division) for p in split.parts]


PREAMBLE = "This Agreement is made between the Employer and the Union for the purposes set out below."


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("PART ONE: ECONOMIC PROVISIONS", "ONE: ECONOMIC PROVISIONS"),
        ("Part Two - Consultation", "Two - Consultation"),
        ("DIVISION 3", "3"),
        ("Division 4 \u2014 Leave", "4 \u2014 Leave"),
        ("CHAPTER II", "II"),
        ("CHAPTER IV - DISPUTES", "IV - DISPUTES"),
        ("PART B WAGES AND HOURS", "B WAGES AND HOURS"),
        ("Chapter 2 of the Act applies", None),
        ("Part B wages", None),
        ("DIVISION 3 EMPLOYEES SHALL BE PAID", None),
        ("PART TIME EMPLOYEES", None),
    ],
)
def test_division_lines_in_their_variety(line: str, found: str | None) -> None:
    assert division_heading(line) == found


LETTERS = f"""AGREEMENT

{PREAMBLE}

TABLE OF CONTENTS
PART A - GENERAL ........ 2
ARTICLE 1 - RECOGNITION ........ 2
PART B - WAGES AND HOURS ........ 3
ARTICLE 2 - WAGES ........ 3

PART A - GENERAL

ARTICLE 1 - RECOGNITION

1.1 The Employer recognises the Union.

ARTICLE 2 - WAGES

2.1 Wages are set out in Appendix A.

PART B - WAGES AND HOURS

ARTICLE 3 - HOURS OF WORK

3.1 The normal work week is forty hours.

APPENDIX A - WAGE SCALES

Step 1 $50.00
"""


def test_each_part_gets_the_division_above_it_until_the_next() -> None:
    assert _divisions(LETTERS) == [
        ("preamble", "", ""),
        ("article", "1", "PART A - GENERAL"),
        ("article", "2", "PART A - GENERAL"),
        ("article", "3", "PART B - WAGES AND HOURS"),
        ("appendix", "A", "PART B - WAGES AND HOURS"),  # nothing new above it: where it stands
    ]


WORDS_TITLE_BELOW = f"""{PREAMBLE}

PART ONE
GENERAL PROVISIONS

ARTICLE I - RECOGNITION

The Employer recognises the Union.

PART TWO
ECONOMIC PROVISIONS

ARTICLE II - WAGES

Wages are set out below.
"""


def test_a_division_whose_title_is_on_the_next_line() -> None:
    split = split_parts((Line(line) for line in WORDS_TITLE_BELOW.split("\n")), front_as_preamble=True)
    assert [(p.number, p.division) for p in split.parts] == [
        ("", ""),
        ("I", "PART ONE - GENERAL PROVISIONS"),
        ("II", "PART TWO - ECONOMIC PROVISIONS"),
    ]
    assert all("PROVISIONS" not in p.text for p in split.parts)


ROMAN_NO_PAGES = f"""{PREAMBLE}

CONTENTS
CHAPTER I - GENERAL
1. RECOGNITION
CHAPTER II - PAY
2. WAGES

CHAPTER I - GENERAL

1. RECOGNITION

1.1 The Employer recognises the Union.

CHAPTER II - PAY

2. WAGES

2.1 Wages are paid fortnightly.
"""


def test_a_contents_list_without_pages_gives_no_part_its_divisions() -> None:
    split = split_parts((Line(line) for line in ROMAN_NO_PAGES.split("\n")), front_as_preamble=True)
    assert [(p.kind, p.number, p.division) for p in split.parts] == [
        ("preamble", "", ""),
        ("article", "1", "CHAPTER I - GENERAL"),
        ("article", "2", "CHAPTER II - PAY"),
    ]
    assert split.parts[1].text == "1. RECOGNITION\n\n1.1 The Employer recognises the Union.\n"


def test_a_contract_without_divisions_has_none() -> None:
    text = LETTERS.replace("PART A - GENERAL\n", "").replace("PART B - WAGES AND HOURS\n", "")
    assert {d for *_, d in _divisions(text)} == {""}


def test_a_part_line_with_text_under_it_stays_the_part_text() -> None:
    text = f"""{PREAMBLE}

DIVISION 1 - GENERAL
ARTICLE 1 - BENEFITS

1.1 Benefits are as follows.

PART C - HEALTH PLAN

The Employer shall pay 80 per cent of the premium.
"""
    split = split_parts((Line(line) for line in text.split("\n")), front_as_preamble=True)
    assert [p.division for p in split.parts] == ["", "DIVISION 1 - GENERAL"]
    assert "PART C - HEALTH PLAN\n" in split.parts[1].text
