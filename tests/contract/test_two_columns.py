"""A contract printed as a booklet in two columns, built in LibreOffice at test time.

Narrow columns wrap what a page-wide column does not: "ARTICLE 3 - UNION" / "SECURITY", and a
clause that runs from the foot of the left column to the head of the right one. Before: the
title was cut ("UNION"; "ARTICLE 2 -" with "MANAGEMENT RIGHTS" read as the first words of its
clause 2.1) and every clause crossing a column was cut in two. Now a line set in the heading's
own size and reaching its column's edge carries the title on, a line in another font size never
runs on into the next, and a line at a column's foot runs on at the next column's head when it
reaches its own column's edge. A clause that ends a page in the right column, over a centred
"Page 1 of 3", runs on to the next page (before: the page number, centred under text set flush,
ended it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_docs import soffice
from real_docs import document, docx_and_pdf, h, p

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

TITLES = [
    "RECOGNITION", "MANAGEMENT RIGHTS", "UNION SECURITY", "HOURS OF WORK", "OVERTIME",
    "PAID HOLIDAYS", "VACATION", "SICK LEAVE", "SENIORITY", "GRIEVANCE PROCEDURE", "DISCIPLINE",
    "WAGES",
]  # fmt: skip
SENTENCES = [
    "The Employer shall give each employee reasonable notice of any change in scheduled hours.",
    "The Union shall be informed in writing within ten working days of such a change.",
    "Nothing in this Article limits the right of an employee to request a different schedule.",
    "An employee who works more than eight hours in a day shall be paid at one and one half times.",
    "Time worked on a paid holiday shall be paid at double the employee's regular rate.",
    "Requests shall not be unreasonably denied, and a denial shall be given with reasons.",
]
COLUMNS = (
    '<style:style style:name="Two" style:family="section"><style:section-properties>'
    '<style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties></style:style>'
)


def clauses(article: int) -> list[str]:
    count = 2 + article % 3
    return [
        f"{article}.{k} "
        + " ".join(SENTENCES[(article + k + j) % len(SENTENCES)] for j in range(2 + (article * k) % 3))
        for k in range(1, count + 1)
    ]


def booklet() -> str:
    body = "".join(
        h(f"ARTICLE {n} - {title}") + "".join(p(c) for c in clauses(n)) for n, title in enumerate(TITLES, 1)
    )
    xml = document(
        p("COLLECTIVE AGREEMENT", "Title")
        + f'<text:section text:style-name="Two" text:name="Body">{body}</text:section>',
        header="Riverton Transit",
    )
    return xml.replace("</office:automatic-styles>", COLUMNS + "</office:automatic-styles>")


def sections() -> str:
    """Each article's heading across the page, its clauses in two columns under it (a section of
    its own): a clause crossing a page ends in the right column, over a centred "Page 1 of 3"."""
    body = "".join(
        h(f"ARTICLE {n} - {title}")
        + f'<text:section text:style-name="Two" text:name="S{n}">'
        + "".join(p(c) for c in clauses(n))
        + "</text:section>"
        for n, title in enumerate(TITLES, 1)
    )
    xml = document(p("COLLECTIVE AGREEMENT", "Title") + body, header="Riverton Transit")
    return xml.replace("</office:automatic-styles>", COLUMNS + "</office:automatic-styles>")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return docx_and_pdf(
        {"booklet": booklet(), "sections": sections()}, tmp_path_factory.mktemp("two_columns")
    )


@pytest.mark.parametrize("name", ["booklet", "sections"])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_titles_wrapped_in_a_narrow_column_are_whole(files: dict[str, Path], form: str, name: str) -> None:
    reading = read_contract(files[f"{name}.{form}"], form)  # type: ignore[arg-type]
    assert [(part.number, part.title) for part in reading.parts] == [
        (str(n), title) for n, title in enumerate(TITLES, 1)
    ]


@pytest.mark.parametrize("name", ["booklet", "sections"])
def test_clauses_crossing_a_column_are_whole(files: dict[str, Path], name: str) -> None:
    reading = read_contract(files[f"{name}.pdf"], "pdf")
    for n, part in enumerate(reading.parts, 1):
        paragraphs = part.text.rstrip("\n").split("\n")
        assert paragraphs[1:] == clauses(n), part.title
