"""How ``layout.page_text`` reads a page set in two columns, on lines placed by hand.

A line at the foot of the left column that reaches its column's edge runs on at the head of the
right column (a booklet's clause crossing the column); but not when the right column starts with
a clause number of its own ("1.02 La présente ..."): that is a new clause beside it, as in an
agreement printing its French beside its English, and joining them would put two languages in
one paragraph. Before the guard, the English clause and the French one were one paragraph.
"""

from __future__ import annotations

from proposals.contract.layout import PageLine, page_text

LEFT = [
    "1.01 The Employer shall give each employee reasonable",
    "notice of any change in scheduled hours, and the Union",
    "shall be informed in writing within ten working days of",
]


def _page(right: list[str]) -> list[PageLine]:
    """LEFT down the left column, `right` down the right one, 4 points a character."""
    lines = []
    for x0, column in ((72.0, LEFT), (320.0, right)):
        for k, text in enumerate(column):
            y = 700.0 - 13 * k
            lines.append(PageLine(text, x0, x0 + 4 * len(text), y, y + 8, size=11))
    return lines


def _paragraphs(lines: list[PageLine]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    texts = page_text(lines, (72, 538))
    for text, following in zip(texts, [*texts[1:], None], strict=True):
        if not text:
            out.append([])
            continue
        out[-1].append(str(text))
        if getattr(text, "full", None) is False and following:
            out.append([])
    return [p for p in out if p]


def test_a_clause_crossing_the_column_runs_on() -> None:
    right = ["such a change, and the parties shall meet within thirty", "days of a request."]
    assert _paragraphs(_page(right)) == [[*LEFT, *right]]


def test_a_numbered_clause_at_the_head_of_the_next_column_is_its_own() -> None:
    right = ["1.01 L'Employeur donne à chaque employé un préavis", "raisonnable de tout changement."]
    assert _paragraphs(_page(right)) == [LEFT, right]
