"""A letter of understanding whose heading has no title and whose parties come next.

Seen in a real agreement (Boilermakers Local 146, six letters set "LETTER OF UNDERSTANDING" /
"By and Between" / the parties / "Re: Continuing Case Managed Aftercare"). Before: each letter
was titled "Between" or "By and Between" (ids ``between``, ``by-and-between-2``...), on the dry
run, the board and every export. Now its "Re:" line is its title; without one it has none.
"""

from __future__ import annotations

from pathlib import Path

from proposals.contract.headings import read_heading, title_from_next_line
from proposals.negotiation.baseline import read_contract

CONTRACT = """ARTICLE 1 - RECOGNITION

1.1 The Association recognizes the Local Lodge as the bargaining agent of all employees.

LETTER OF UNDERSTANDING
By and Between
The Boilermaker Contractors' Association of Alberta
and
Local Lodge 146
Re: Continuing Case Managed Aftercare

Whereas individuals who have had a violation may be required to attend counselling.

LETTER OF UNDERSTANDING
Between
The Boilermaker Contractors' Association of Alberta
And
Local Lodge 146

Now therefore, it is agreed between the parties hereto that the model is incorporated.
"""


def test_a_letter_is_titled_by_its_subject_never_by_between(tmp_path: Path) -> None:
    source = tmp_path / "contract.txt"
    source.write_text(CONTRACT, "utf-8")
    reading = read_contract(source, "text")
    subject = "Continuing Case Managed Aftercare"
    assert [(p.kind, p.title) for p in reading.parts] == [
        ("article", "RECOGNITION"), ("letter", subject), ("letter", "")]  # fmt: skip
    assert reading.ids == ["recognition", "continuing-case-managed-aftercare", "letter"]
    # the stored part's heading (what the board and the exports show) reads the same
    stored = read_heading(reading.texts["continuing-case-managed-aftercare"])
    assert stored is not None and (stored.title, stored.lines) == (subject, 1)
    plain = read_heading(reading.texts["letter"])
    assert plain is not None and (plain.title, plain.lines) == ("", 1)
    assert "By and Between\n" in reading.texts["continuing-case-managed-aftercare"]  # its text, kept


def test_a_title_that_starts_like_and_or_between_is_still_a_title() -> None:
    """Only a whole "Between" / "and" line is the parties' (before: any line starting with "And"
    or "Between" was, so "APPENDIX B" / "ANDERSON PARK SITE" lost its title)."""
    assert title_from_next_line("ANDERSON PARK SITE") == "ANDERSON PARK SITE"
    assert title_from_next_line("Betweenness Rules") == "Betweenness Rules"
    assert [title_from_next_line(t) for t in ("Between", "BY AND BETWEEN:", "- and -", "And")] == [None] * 4
