"""Letters after the articles that name the articles they amend, and back matter (synthetic texts,
laid out as a state university system's agreement and a parcel carrier's local agreement print them).

- "LETTER OF AGREEMENT" / "ARTICLE 21: SALARY": a letter titled by the article it amends, and a
  letter for one program with "Article 22: Salary Administration", "Article 25: Overtime"...
  subheads. Before: "the same number is used twice", the whole contract refused.
- A list of the letters that apply inside an article ("Article 2—Salary, (Trades); Drug ..."),
  between two articles that follow each other. Before: refused as ARTICLE 2 twice.
- "APPENDIX A - ALPHA (January 1, 2022)" set again atop each page of its wage table. Before:
  refused as APPENDIX A twice.
- A bare "SETTLEMENT AGREEMENT" after the last letter. Before: glued to the letter.
- An INDEX at the back of the book ("Vacation Pay ..... 19", "| Bidding | 21 |"). Before: its
  lines were the last part's text.

Two ARTICLE 2s in the body (a misprint) are still refused, naming where each stands.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proposals.contract.split import Line, split_parts
from proposals.errors import ProposalsError
from proposals.negotiation.baseline import read_contract

ARTICLES = """\
ARTICLE 1: RECOGNITION
1.1 The Employer recognizes the Union as the exclusive bargaining agent for all employees.
ARTICLE 2: SALARY
2.1 Employees shall be paid according to the salary schedule in Appendix A of this Agreement.
ARTICLE 3: DURATION
3.1 This Agreement shall remain in effect until June 30, 2026, and from year to year after.
"""


def _read(tmp_path: Path, text: str):
    path = tmp_path / "contract.txt"
    path.write_text(text, encoding="utf-8")
    return read_contract(path, "text")


def _split(text: str):
    return split_parts([Line(line) for line in text.splitlines()], front_as_preamble=True)


def test_a_letter_titled_by_the_article_it_amends_is_a_letter(tmp_path: Path) -> None:
    reading = _read(
        tmp_path,
        ARTICLES
        + "LETTER OF AGREEMENT\n"
        + "ARTICLE 2: SALARY\n"
        + "The University and the Union enter into the following Letter of Agreement. The parties "
        + "agree that this Letter of Agreement will continue until June 30, 2026 for the trades\n"
        + "LETTER OF AGREEMENT\n"
        + "ARTICLE 3: DURATION\n"
        + "Employees in the trades will receive a retention bonus of ten percent of their base pay\n",
    )
    kinds = [(p.kind, p.number, p.title) for p in reading.parts]
    assert kinds == [
        ("article", "1", "RECOGNITION"),
        ("article", "2", "SALARY"),
        ("article", "3", "DURATION"),
        ("letter", "", "ARTICLE 2: SALARY"),
        ("letter", "", "ARTICLE 3: DURATION"),
    ]
    assert reading.parts[3].text.startswith("LETTER OF AGREEMENT\nARTICLE 2: SALARY\nThe University")
    assert reading.ids[3:] == ["article-2-salary", "article-3-duration"]
    assert (
        sum(
            "LETTER OF AGREEMENT holds the 1 heading after it with an article's number" in n
            for n in reading.notes
        )
        == 2
    )


def test_a_letter_with_article_subheads_keeps_them_as_its_text(tmp_path: Path) -> None:
    reading = _read(
        tmp_path,
        ARTICLES
        + "LETTER OF AGREEMENT\n"
        + "CHILD WELFARE PARTNERSHIP\n"
        + "The following provisions will apply to the positions in the partnership program:\n"
        + "Article 3: Duration\n"
        + "With reference to Article 3, employees hired into these positions keep their prior dates.\n"
        + "Article 2: Salary\n"
        + "With reference to Article 2, employees start at the step closest to their prior rate.\n",
    )
    assert [(p.kind, p.title) for p in reading.parts][3:] == [("letter", "CHILD WELFARE PARTNERSHIP")]
    letter = reading.parts[3].text
    assert "Article 3: Duration\nWith reference to Article 3" in letter
    assert letter.rstrip().endswith("prior rate.")
    assert any("holds the 2 headings after it" in n and "'Article 3: Duration'" in n for n in reading.notes)


def test_two_article_twos_in_the_body_are_still_refused(tmp_path: Path) -> None:
    text = ARTICLES.replace(
        "ARTICLE 3: DURATION",
        "ARTICLE 2: OVERTIME\n2.1 Overtime is paid at time and one half for all hours over forty.\n"
        "ARTICLE 3: DURATION",
    )
    with pytest.raises(
        ProposalsError, match=r"used twice: ARTICLE 2\b.*'SALARY' after ARTICLE 1 and 'OVERTIME'"
    ):
        _read(tmp_path, text + "LETTER OF AGREEMENT\nARTICLE 2: SALARY\nThe parties agree to a bonus.\n")


def test_an_article_named_in_a_list_inside_another_is_its_text() -> None:
    split = _split(
        ARTICLES.replace(
            "ARTICLE 3: DURATION",
            "2.2 Only the following Letters of Agreement apply to temporary employees:\n"
            "Article 1\u2014Recognition, (Trades); Drug and Alcohol Testing Policy for Ships\n"
            "ARTICLE 3: DURATION",
        )
    )
    assert [(p.kind, p.number) for p in split.parts] == [("article", "1"), ("article", "2"), ("article", "3")]
    assert "Drug and Alcohol Testing Policy" in split.parts[1].text
    assert any("number is out of sequence" in n for n in split.notes)


def test_an_appendix_heading_set_again_atop_each_page_goes_on() -> None:
    head = "APPENDIX A - ALPHA (January 1, 2022 - January 31, 2022)"
    split = _split(
        ARTICLES
        + f"{head}\n| 0102 | Office Assistant | 12 |\n| 0103 | Office Specialist 1 | 14 |\n"
        + f"{head}\n| 0104 | Office Specialist 2 | 17 |\n"
        + "APPENDIX B - NUMERIC (February 1, 2022)\n| 0102 | Office Assistant | 13 |\n"
    )
    assert [(p.kind, p.number) for p in split.parts][3:] == [("appendix", "A"), ("appendix", "B")]
    assert "Office Specialist 2" in split.parts[3].text
    assert [s.reason for s in split.skipped if s.text == head] == ["heading repeated on a later page"]


def test_a_settlement_agreement_after_the_last_letter_is_a_part_of_its_own() -> None:
    split = _split(
        ARTICLES
        + "LETTER OF AGREEMENT\nBETWEEN LOCAL 710 and THE COMPANY\n"
        + "Drivers shall be permitted to wear brown hooded sweatshirts during inclement weather.\n"
        + "SETTLEMENT AGREEMENT\n"
        + "This agreement between the Company and the Local pertains to Article 3 (Duration). The parties "
        + "agree that all full time employees must record their meal period.\n"
    )
    assert [(p.kind, p.heading) for p in split.parts][3:] == [
        ("letter", "LETTER OF AGREEMENT"),
        ("letter", "SETTLEMENT AGREEMENT"),
    ]
    assert "sweatshirts" in split.parts[3].text and "meal period" not in split.parts[3].text
    # in a sentence, "Settlement agreement" is no heading
    assert _split(ARTICLES + "Settlement agreement\n").parts[-1].kind == "article"


def test_an_index_at_the_back_is_left_out_like_the_contents() -> None:
    split = _split(
        ARTICLES
        + "INDEX\n"
        + "Bidding ......................... 21 Bonds ..................... 69\n"
        + "| Vacation Pay | 19 |\n"
        + "| Vacation Schedule | 18 |\n"
        + "Check-Off 2\n"
        + "Wages\n"
        + "| Work Assignments | 21 |\n"
    )
    assert split.parts[-1].text.rstrip().endswith("from year to year after.")
    index = [s.text for s in split.skipped if s.reason.startswith("index")]
    assert index[0].startswith("Bidding") and index[-1] == "| Work Assignments | 21 |" and len(index) == 6
    assert any("'INDEX' at the back of the book and its 6 lines" in n for n in split.notes)


def test_an_index_heading_over_a_table_of_rates_stays_text() -> None:
    split = _split(
        ARTICLES.replace(
            "ARTICLE 3: DURATION",
            "INDEX\n| August 2014 | 0.7713 | 0.7882 |\n| August 2015 | 0.7873 | 0.8045 |\n"
            "| August 2016 | 0.7964 | 0.8138 |\nARTICLE 3: DURATION",
        )
    )
    assert "| August 2015 | 0.7873 | 0.8045 |" in split.parts[1].text
    assert not any(s.reason.startswith("index") for s in split.skipped)
