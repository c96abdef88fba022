"""Titles a real agreement prints that end in an abbreviation's full stop, and the centred headings
of a text saved one paragraph a line (a UPS/Teamsters agreement's "ARTICLE 27" over "EXTRA
PAYMENTS, ETC."): before, the title was dropped (a full stop read as a sentence's end), the part
was named ``article-27`` and its stored heading kept the page's centring spaces."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI

from proposals.contract.headings import match_heading, title_from_next_line

CENTRED = """                                 ARTICLE 1
                              RECOGNITION
The Employer recognizes the Union as the exclusive bargaining agent.
                                 ARTICLE 2
                             EXTRA PAYMENTS, ETC.
The Employer shall not put into effect any new plan of an economic nature without the approval of the Union.
                                 ARTICLE 3 - OTHER ALLOWANCES, BENEFITS, ETC.
Allowances continue as before.
                                 ARTICLE 4
                              DURATION
This Agreement expires July 31, 2028.
"""


@pytest.mark.parametrize("line", ["EXTRA PAYMENTS, ETC.", "Affiliates, Inc.", "SUBCONTRACTING, ETC."])
def test_a_title_may_end_in_an_abbreviation(line: str) -> None:
    assert title_from_next_line(line) == line


@pytest.mark.parametrize("line", ["The Employer agrees.", "Pay is weekly.", "SEE ARTICLE 5."])
def test_a_sentence_is_still_no_title(line: str) -> None:
    assert title_from_next_line(line) is None


def test_a_same_line_title_ending_in_etc_is_a_heading() -> None:
    found = match_heading("ARTICLE 3 - OTHER ALLOWANCES, BENEFITS, ETC.")
    assert found is not None and found.title == "OTHER ALLOWANCES, BENEFITS, ETC."


def test_centred_headings_of_a_one_paragraph_a_line_text(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "agreement.txt"
    source.write_text(CENTRED, "utf-8")
    cli("init", "talks", "--union", "Teamsters", "--employer", "Parcel Co")
    cli("-C", "talks", "baseline", "--from-text", str(source))
    articles = tmp_path / "talks" / "articles"
    assert sorted(p.stem for p in articles.glob("*.txt")) == [
        "duration", "extra-payments-etc", "other-allowances-benefits-etc", "recognition"]  # fmt: skip
    stored = (articles / "extra-payments-etc.txt").read_text("utf-8")
    assert stored.startswith("ARTICLE 2\nEXTRA PAYMENTS, ETC.\nThe Employer shall not")
    status = cli("-C", "talks", "status").out
    assert "Extra Payments, Etc." in status and "Other Allowances, Benefits, Etc." in status
