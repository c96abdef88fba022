"""Provenance: which party first proposed each span of the text on the table."""

from __future__ import annotations

from proposals.redline import Span, Version, provenance

BASELINE = Version(
    "baseline", "baseline", "Employees receive ten days of leave per year. Requests need two weeks notice."
)
UNION = Version(
    "U-1", "union", "Employees receive twelve days of paid leave per year. Requests need one week notice."
)
EMPLOYER = Version(
    "E-1",
    "employer",
    "Employees receive twelve days of paid leave per year, after probation. Requests need one week notice.",
)


def attributed(versions: list[Version]) -> list[tuple[str, str]]:
    text = versions[-1].text
    return [(s.label, text[s.start : s.end]) for s in provenance(versions)]


def test_three_versions_attribute_each_span_to_its_first_proposer() -> None:
    assert attributed([BASELINE, UNION, EMPLOYER]) == [
        ("baseline", "Employees receive "),
        ("U-1", "twelve"),
        ("baseline", " days of "),
        ("U-1", "paid "),
        ("baseline", "leave per year"),
        ("E-1", ", after probation"),
        ("baseline", ". Requests need "),
        ("U-1", "one week"),
        ("baseline", " notice."),
    ]


def test_spans_carry_the_party() -> None:
    spans = provenance([BASELINE, UNION, EMPLOYER])
    assert spans[0] == Span(0, len("Employees receive "), "baseline", "baseline")
    assert {s.party for s in spans} == {"baseline", "union", "employer"}


def test_restored_language_belongs_to_the_pass_that_restored_it() -> None:
    cut = Version("E-1", "employer", "Employees receive leave per year.")
    back = Version("U-2", "union", "Employees receive ten days of leave per year.")
    assert attributed([BASELINE, cut, back]) == [
        ("baseline", "Employees receive "),
        ("U-2", "ten days of "),
        ("baseline", "leave per year."),
    ]


def test_moved_language_keeps_its_author() -> None:
    first = Version(
        "U-1",
        "union",
        "Intro.\nOvertime is strictly voluntary for every member.\nSchedules post two weeks ahead.\n",
    )
    moved = Version(
        "E-1",
        "employer",
        "Intro.\nSchedules post two weeks ahead.\nOvertime is voluntary for every member.\n",
    )
    assert attributed([first, moved]) == [("U-1", moved.text)]


def test_first_contract_without_baseline_and_empty_text() -> None:
    only = Version("U-1", "union", "New article.")
    assert attributed([only]) == [("U-1", "New article.")]
    assert provenance([only, Version("E-1", "employer", "")]) == []
    assert provenance([]) == []
