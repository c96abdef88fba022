"""Unwrapping a contract's text copied from a PDF or a wrapped text file (issue 11)."""

from __future__ import annotations

from proposals.contract.plaintext import looks_wrapped, read_text_contract, strip_page_furniture, unwrap

WIDE = "The Employer shall provide each employee with written notice of any change to the regular"


def test_wrapped_lines_become_paragraphs_at_labels_headings_and_short_lines() -> None:
    lines = [
        "ARTICLE 6 - STAFFING",
        "6.1 Purpose. " + WIDE,
        "schedule not less than fourteen calendar days in advance, and the Union may request a",
        "meeting.",
        "6.2 Panels. Each panel is capped.",
        "(a) one medical assistant;",
        "(b) a float pool of no fewer than five Clinicians, staffed at all hours, except for the on-",
        "call Clinicians assigned to the emergency department by the Staffing Committee, whose employ-",
        "ees are paid. The employees and on-call staff agree.",
    ]
    result = unwrap(lines)
    assert [line.text for line in result.lines] == [
        "ARTICLE 6 - STAFFING",
        "6.1 Purpose. "
        + WIDE
        + " schedule not less than fourteen calendar days in advance, and the Union may "
        "request a meeting.",
        "6.2 Panels. Each panel is capped.",
        "(a) one medical assistant;",
        "(b) a float pool of no fewer than five Clinicians, staffed at all hours, except for the on-call "
        "Clinicians assigned to the emergency department by the Staffing Committee, whose employees are "
        "paid. The employees and on-call staff agree.",
    ]
    assert (result.joined, result.hyphens) == (4, 1)


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    body = ["Wages are paid.", "Hours are set.", "Leave is granted.", "Safety comes first."]
    pages = [["CONTRACT 2021-2024", body[n - 1], f"Page {n} of 4"] for n in range(1, 5)]
    pages[1].append("- 2 -")
    cleaned, skipped = strip_page_furniture(pages)
    assert cleaned == [[line] for line in body]
    assert {s.reason for s in skipped} == {"page header or footer", "page number"}


def test_a_text_file_with_one_paragraph_per_line_is_kept_as_written() -> None:
    text = "ARTICLE 1: RECOGNITION\n\n1.1 Short.\n1.2 Also short.\n"
    result = read_text_contract(text.encode(), "contract.txt")
    assert [line.text for line in result.lines] == [
        "ARTICLE 1: RECOGNITION",
        "",
        "1.1 Short.",
        "1.2 Also short.",
        "",
    ]
    assert not looks_wrapped(text.split("\n"))
    wrapped = "\n".join([WIDE[:70]] * 6)
    assert looks_wrapped(wrapped.split("\n"))
