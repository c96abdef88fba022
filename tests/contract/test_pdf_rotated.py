"""A landscape page in a portrait PDF: the wage schedule set sideways, on a page turned by
``/Rotate 90`` (or 270), as some PDF printers write a landscape section.

PDFium gives the characters' boxes in PDF space, where the turned page's lines run up the page.
Before: every line of the page was read as standing apart from the next in the wrong direction,
so its clauses ran together ("ARTICLE 3" lost inside article 2's text) and its ruled table was
not found. Now each turned page is turned upright before it is read: it reads exactly as the
same page set landscape without a turn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handpdf import frame, layout, write_pdf

from proposals.negotiation.baseline import read_contract

BEFORE = [
    "ARTICLE 1 - RECOGNITION",
    "1.1 The Employer recognizes the Union as the exclusive bargaining agent for all employees in the unit "
    "described in the certificate issued by the Board, and the parties agree to bargain in good faith.",
    "1.2 Nothing in this Agreement shall be read to limit the rights of an employee under the Act.",
]
TURNED = [
    "ARTICLE 2 - WAGES",
    "2.1 Employees shall be paid the rates set out in the schedule below for all hours worked, and no "
    "employee shall suffer a reduction in pay on the signing of this Agreement by the parties.",
    "2.2 Rates shall increase by three percent on the first pay period after the first day of April in each "
    "year of this Agreement, and retroactive pay shall be paid within sixty days of ratification.",
    "ARTICLE 3 - HOURS OF WORK",
    "3.1 The normal work week shall be thirty-seven and one half hours, scheduled over five days.",
]
ROWS = [("Classification", "Step 1", "Step 2"), ("Clerk", "24.10", "25.30"), ("Technician", "31.75", "33.02")]


def _landscape_page() -> tuple[list[tuple[float, float, str]], bytes]:
    """Article 2 and 3 on a page 792 wide and 612 high, a ruled wage table under clause 2.2."""
    lines = layout(TURNED[:3], width=110, top=560)[0]
    y = lines[-1][1] - 40
    table = []
    for row in ROWS:
        table += [(80 + 150 * k, y, cell) for k, cell in enumerate(row)]
        y -= 24
    rest = layout(TURNED[3:], width=110, top=y - 24)[0]
    top, bottom = lines[-1][1] - 24, y + 8
    grid = frame(72, bottom, 522, top, rules=[top - 24 * k for k in (1, 2)], columns=[222, 372])
    return lines + table + rest, grid


def _contract(path: Path, turn: int) -> Path:
    first = layout(BEFORE)[0]
    second, grid = _landscape_page()
    if turn:
        return write_pdf(path, [first, second], drawings=[b"", grid], turns=[0, turn])
    return write_pdf(path, [first, second], box=(792, 612), drawings=[b"", grid])  # no turn: landscape


@pytest.mark.parametrize("turn", [90, 270])
def test_a_turned_page_reads_as_the_same_page_set_landscape(tmp_path: Path, turn: int) -> None:
    turned = read_contract(_contract(tmp_path / "turned.pdf", turn), "pdf")
    assert [(p.number, p.title) for p in turned.parts] == [
        ("1", "RECOGNITION"),
        ("2", "WAGES"),
        ("3", "HOURS OF WORK"),
    ]
    wages = turned.parts[1].text
    assert "| Clerk | 24.10 | 25.30 |" in wages, wages
    for clause in TURNED[1:3]:
        assert clause in wages.split("\n")
    assert turned.parts[2].text.split("\n")[1] == TURNED[4]
    landscape = read_contract(_contract(tmp_path / "landscape.pdf", 0), "pdf")
    assert [p.text for p in turned.parts] == [p.text for p in landscape.parts]
