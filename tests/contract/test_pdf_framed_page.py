"""A page of text inside a ruled frame is text, not a table (a web page printed to PDF: the
Government of Canada's agreements as canada.ca prints them, a frame round the page and a "Top"
link beside every article). Before: the frame and its column rule made a two-column "table"
whose cells held whole articles, so no article heading was read (19 such "tables", every
article lost, in a 95-page agreement)."""

from __future__ import annotations

from pathlib import Path

from handpdf import frame, layout, write_pdf

from proposals.contract.pdf import read_pdf
from proposals.contract.split import split_parts

WORDS = (
    "The Employer and the Association agree that every employee shall receive the terms set out in this "
    "article, and that nothing in it limits any right an employee has under the law or any other article."
)


def test_a_framed_page_of_articles_is_read_as_text(tmp_path: Path) -> None:
    paragraphs = [
        "Article 1: purpose and scope of agreement",
        *(f"1.0{n} {WORDS}" for n in range(1, 7)),
        "Article 2: interpretation and definitions",
        *(f"2.0{n} {WORDS}" for n in range(1, 5)),
    ]
    pages = layout(paragraphs, width=80, top=740, lines_per_page=60)
    assert len(pages) == 1
    lines = [*pages[0], (520, 740, "Top"), (520, 740 - 13.2 * 23, "Top")]
    grid = frame(60, 60, 560, 760, rules=[300], columns=[500])
    source = write_pdf(tmp_path / "framed.pdf", [lines], drawings=[grid])
    text = read_pdf(source)
    assert not any("ruled table" in note for note in text.unwrapped.notes())
    parts = split_parts(text.unwrapped.lines).parts
    assert [(p.kind, p.number) for p in parts] == [("article", "1"), ("article", "2")]
    flat = [" ".join(p.text.split()) for p in parts]  # every word kept, in order
    assert flat[0].count(WORDS) == 6 and flat[1].count(WORDS) == 4
    assert "|" not in parts[0].text + parts[1].text
