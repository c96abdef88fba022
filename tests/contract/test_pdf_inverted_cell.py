"""A PDF line whose second piece is read right to left (a real agreement's letter: "Dear Matt:"
and, beside it, a paragraph whose box came back with its ends swapped, x0 610 > x1 518): before,
the table finder found no column for that cell and the whole import stopped with an internal
error (StopIteration)."""

from __future__ import annotations

from proposals.contract.layout import PageLine, find_tables


def _line(y: float, cells: list[tuple[float, float, str]]) -> PageLine:
    text = " ".join(c[2] for c in cells)
    xs = [x for a, b, _ in cells for x in (a, b)]
    return PageLine(text, min(xs), max(xs), y, y + 10, cells=list(cells))


def test_a_cell_with_its_ends_swapped_is_no_crash() -> None:
    lines = [
        _line(429.2, [(115.2, 129.6, "Re:"), (137.9, 312.6, "Made-For-Home Video Productions")]),
        _line(373.7, [(80.5, 127.7, "Dear Matt:"), (610.5, 518.5, "1 This will memorialize the agreement")]),
    ]
    positioned, _ = find_tables(lines)
    words = " ".join(line.text if line.table is None else " ".join(line.table) for line in positioned)
    assert "Dear Matt:" in words and "memorialize" in words
