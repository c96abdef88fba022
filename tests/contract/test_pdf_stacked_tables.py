"""Two pay tables without rules one above the other on a page (a telecoms agreement's pay
grades schedule: "Non - Technical Base Salary Structure" over one, "Technical ..." over the
other, each title's words spread over the columns, the second table's columns a few points off
the first's; the layout rebuilt by hand here). Before, the rows of both were one run of cells
that made no table (the titles' cells and the shifted columns ran two cells of a row into one
column), so the first table became one paragraph ("Grade Evaluation Range Min Mid Max 15 314 -
370 $41,157.50 ...") and only the second was read as a table. Now the first run is cut where its
number of cells changes, and each table is a table.
"""

from __future__ import annotations

from pathlib import Path

from handpdf import write_pdf

from proposals.contract.pdf import read_pdf

ROWS = [("15", "314 - 370", "$41,157.50", "$51,446.25", "$61,735.00"),
        ("14", "269 - 313", "$34,221.25", "$43,593.75", "$53,185.00"),
        ("13", "228 - 268", "$29,248.75", "$37,260.00", "$45,456.25"),
        ("12", "192 - 227", "$25,001.25", "$31,848.75", "$38,855.00")]  # fmt: skip
HEADER = ("Grade", "Evaluation Range", "Min", "Mid", "Max")


def _table(top: float, title: tuple[str, str], columns: tuple[float, ...]) -> list[tuple[float, float, str]]:
    """A title spread over the columns, a header and the rows, every cell drawn on its own."""
    lines = [(72, top, title[0]), (columns[3] + 10, top, title[1])]  # over Mid and Max
    for n, row in enumerate([HEADER, *ROWS]):
        y = top - 27 - (n and 27 + 13.5 * (n - 1))
        lines += [(x, y, cell) for x, cell in zip(columns, row, strict=True)]
    return lines


PAGE = [
    (268, 700, "SCHEDULE 3"),
    (269, 686, "PAY GRADES"),
    *_table(640, ("Non - Technical", "Base Salary Structure"), (73, 165, 270, 368, 453)),
    *_table(440, ("Technical", "Base Salary Structure"), (73, 173, 278, 359, 448)),
]


def _pipes(title: str) -> list[str]:
    return [
        title,
        "| " + " | ".join(HEADER) + " |",
        "| --- | --- | --- | --- | --- |",
        *("| " + " | ".join(row) + " |" for row in ROWS),
    ]


def test_two_tables_one_above_the_other_are_two_tables(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "pay.pdf", [PAGE], size=9)
    lines = [line.text for line in read_pdf(pdf).unwrapped.lines]
    assert lines == [
        "SCHEDULE 3 PAY GRADES",
        *_pipes("Non - Technical Base Salary Structure"),
        *_pipes("Technical Base Salary Structure"),
    ]
