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


def _page(n: int, body: list[str]) -> list[str]:
    return ["City of Example and Local 1 Collective Agreement 2024-2027", "", *body, "", f"Page {n}", ""]


WORDS = ["seniority", "vacation", "overtime", "grievance", "holiday", "training", "parking", "uniforms"]


def _lines(count: int, start: int) -> list[str]:
    """Wrapped lines of the same width, each different (a repeated line would be a header)."""
    return [
        f"The Employer shall provide every employee written notice of any {WORDS[(start + i) % 8]:<9} change"
        for i in range(count)
    ]


def test_text_copied_from_a_pdf_viewer_without_form_feeds_loses_its_headers_and_page_numbers() -> None:
    """No form feed between pages: the page numbers on lines of their own mark the pages, so
    the running header goes and a section running over a page break stays one paragraph."""
    a, b, c, d = _lines(6, 0), _lines(6, 1), _lines(6, 2), _lines(6, 3)
    pages = [
        _page(1, ["ARTICLE 1 - RECOGNITION", "1.1 " + a[0], *a[1:]]),
        _page(2, [*b[:3], "on time.", "1.2 " + b[3], *b[4:]]),
        _page(3, [*c, "in advance."]),
        _page(4, ["ARTICLE 2 - HOURS", "2.1 " + d[0], *d[1:], "ever."]),
    ]
    text = "\n".join(line for page in pages for line in page)
    result = read_text_contract(text.encode(), "copied.txt")
    assert [line.text for line in result.lines] == [
        "ARTICLE 1 - RECOGNITION",
        " ".join(" ".join(["1.1 " + a[0], *a[1:], *b[:3], "on time."]).split()),
        " ".join(" ".join(["1.2 " + b[3], *b[4:], *c, "in advance."]).split()),
        "ARTICLE 2 - HOURS",
        " ".join(" ".join(["2.1 " + d[0], *d[1:], "ever."]).split()),
    ]
    assert sorted(s.text for s in result.skipped if s.text.startswith("Page")) == [
        f"Page {n}" for n in range(1, 5)
    ]
    assert len(result.skipped) == 8


def test_pdftotext_pages_keep_a_paragraph_whole_over_the_page_break() -> None:
    a = _lines(12, 0)
    pages = [
        ["ARTICLE 1 - RECOGNITION", "1.1 " + a[0], *a[1:4], "", "", "  1"],
        ["", *a[4:8], "on time.", "", "", "  2"],
        ["", "1.2 " + a[8], *a[9:], "", "", "  3"],
    ]
    text = "\f".join("\n".join(page) for page in pages)
    result = read_text_contract(text.encode(), "pdftotext.txt")
    assert [line.text for line in result.lines] == [
        "ARTICLE 1 - RECOGNITION",
        " ".join(" ".join(["1.1 " + a[0], *a[1:8], "on time."]).split()),
        " ".join(" ".join(["1.2 " + a[8], *a[9:]]).split()),
    ]


def test_list_items_without_closing_punctuation_stay_items_of_their_own() -> None:
    """A real contract's hard-wrapped list (UGSDW's, as published): items end in no punctuation,
    and one nearly as long as the text width is not a line wrapped into the next item; a dash
    after a sentence's end or inside a list of dash items starts an item, a bullet glyph always,
    a dash wrapped to a line's start in running text does not."""
    wide = "2.3 College duties. Nothing in this Agreement shall be construed to limit"
    lines = [
        wide,
        "or impair the right of the College to exercise its own discretion on all of the",
        "following matters, whatever may be the effect upon employment, when in its sole",
        "discretion it may determine it advisable to do any or all of the following:",
        "",
        " - schedule work",
        " - to decide how to provide dining services to Grinnell College students",
        " - to determine schedules",
        " - terminate employment of employees under this Agreement, provided that the",
        "   termination is for just cause",
        " - to maintain order and efficiency in its plants and operations in the College",
        "",
        "\u2022 the employees of the College shall be paid for each hour worked at the rate",
        "\u2022 the employer shall pay",
        "The Union may name one representative for each of the shifts worked in the kitchen",
        "- which the College agrees to - and the College shall pay for the time spent in it.",
    ]
    assert [line.text for line in unwrap(lines).lines] == [
        " ".join(" ".join(lines[:4]).split()),
        "- schedule work",
        "- to decide how to provide dining services to Grinnell College students",
        "- to determine schedules",
        "- terminate employment of employees under this Agreement, provided that the termination is for "
        "just cause",
        "- to maintain order and efficiency in its plants and operations in the College",
        "\u2022 the employees of the College shall be paid for each hour worked at the rate",
        "\u2022 the employer shall pay",
        "The Union may name one representative for each of the shifts worked in the kitchen - which the "
        "College agrees to - and the College shall pay for the time spent in it.",
    ]
