"""Heading separators Word and LibreOffice type that are not "-", "–" or "—", built in
LibreOffice at test time: a non-breaking hyphen (Word's Ctrl+Shift+-, ``w:noBreakHyphen``, set so
"ARTICLE 6 -" never ends a line), the minus sign and the Unicode hyphen.

Before: "ARTICLE 2 \u2011 HOURS OF WORK" was read with the title "\u2011 HOURS OF WORK", and
"Article 1 \u2011 Recognition" or "Article 3 \u2212 Wages" in mixed case was no heading at all, so
the article was lost inside the one before. A title in brackets, "Article 6 (Overtime)", was no
heading either (and "ARTICLE 7 (VACATIONS)" was titled "(VACATIONS)")."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_docs import convert, soffice
from real_docs import document, p

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

BODY = "Employees shall be paid for all hours worked at the rates set out in this Agreement."
HEADINGS = [
    "Article 1 \u2011 Recognition",
    "ARTICLE 2 \u2011 HOURS OF WORK",
    "Article 3 \u2212 Wages",
    "ARTICLE 4 \u2010 SENIORITY",
    "Article 5 \u2012 Holidays",
    "Article 6 (Overtime)",
    "ARTICLE 7 (VACATIONS)",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("real_dashes")
    source = out / "dashes.fodt"
    source.write_text(document("".join(p(t, "Bold") + p(BODY) for t in HEADINGS)), "utf-8")
    docx = convert([source], "docx", out)[0]
    return {"docx": docx, "pdf": convert([docx], "pdf", out)[0]}


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_heading_separated_by_a_non_breaking_hyphen_or_a_minus_is_read(
    files: dict[str, Path], form: str
) -> None:
    reading = read_contract(files[form], form)  # type: ignore[arg-type]
    assert [(p.number, p.title) for p in reading.parts] == [
        ("1", "Recognition"),
        ("2", "HOURS OF WORK"),
        ("3", "Wages"),
        ("4", "SENIORITY"),
        ("5", "Holidays"),
        ("6", "Overtime"),
        ("7", "VACATIONS"),
    ]
    assert reading.ids == [
        "recognition",
        "hours-of-work",
        "wages",
        "seniority",
        "holidays",
        "overtime",
        "vacations",
    ]
