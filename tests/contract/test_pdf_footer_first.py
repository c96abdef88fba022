"""A running footer drawn first on each page (Word draws it before the body), a page number
just above it (so it is not clear of the body by a margin's gap and stays where it was drawn),
and a heading standing well above the page's first paragraph (a local memorandum's last page:
"Memorandum of Agreement" over "Re: Labor/ Management Corporation"). The heading, moved to the
page's start as a line in its margin, went in front of the footer, which was then no longer at
the page's edge: the footer stayed in the text, and became the title of the letter under the
heading. The heading now goes after a footer left first, which is removed as page furniture.
"""

from __future__ import annotations

from pathlib import Path

from handpdf import write_pdf

from proposals.negotiation.baseline import read_contract

FOOTER = "LOCAL MEMORANDUM OF UNDERSTANDING PRAL-1070"


def _page(number: int, heading: str, first: str, text: str) -> list[tuple[float, float, str]]:
    return [
        (51, 33, FOOTER),
        (182, 704, heading),
        (51, 673, first),
        (56, 620, text),
        (540, 59, str(number)),
    ]


def test_a_footer_drawn_first_under_a_page_number_is_furniture(tmp_path: Path) -> None:
    pages = [
        _page(1, "ARTICLE 1 - RECOGNITION", "1.1 The Employer recognizes the Union.", "1.2 For all crafts."),
        _page(2, "ARTICLE 2 - HOURS OF WORK", "2.1 The work week is forty hours.", "2.2 For all tours."),
        _page(3, "Memorandum of Agreement", "Re: Labor/ Management Corporation", "A. Use of Swing Rooms."),
    ]
    reading = read_contract(write_pdf(tmp_path / "lmou.pdf", pages), "pdf")
    assert [p.kind for p in reading.parts] == ["article", "article", "letter"]
    assert reading.parts[2].text.startswith("Memorandum of Agreement\nRe: Labor/ Management Corporation")
    assert not any(FOOTER in p.text or FOOTER in p.title for p in reading.parts)
    assert sum(s.text == FOOTER for s in reading.skipped) == 3
