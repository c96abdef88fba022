"""A contents entry wrapped over two lines, contents sub-entries, and a wage table's header that
reads like a schedule's heading.

Seen in a real agreement (a teachers' association's, Word → PDF, margin line numbers): the
contents list has "ARTICLE 22: PROFESSIONAL LEARNING and EDUCATIONAL IMPROVEMENT/" on one line
and "LICENSURE ........ 34" on the next, and sub-entries ("A. Board ........ 1") under each
article, every one reaching the margin with its leaders; each appendix's salary grid starts with a
header row "Schedule 183 Day Professional Learning-Based Salary Schedule". Before: the first line
of the wrapped entry was read as article 22 (its number came twice, and the import was refused),
the sub-entries were joined into one paragraph with the next, and each grid's header was read as
a heading "SCHEDULE 183" (a number of days, not an appendix's), so every grid was a part of its
own and 183 and 193 came three times each. Two of its pages (its last article, a memorandum of
agreement) are scans among typed pages and two appendices' tables are pictures: the dry run now
names those pages. Rebuilt here as small synthetic documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handpdf import write_pdf

from proposals.contract.headings import match_heading
from proposals.contract.split import Line, split_parts
from proposals.negotiation.baseline import read_contract

SIZE = 11
LEADING = SIZE * 1.2
TOP = 740
PAGE_AT = 530.0  # where each contents line's page number stands, at the right margin
# Helvetica's widths (thousandths of the size); any other capital 667, small letter or digit 556
_NARROW = {
    ".": 278, " ": 278, "I": 278, ":": 278, "/": 278, "-": 333, "t": 278, "i": 222, "l": 222,
    "f": 278, "r": 333, "c": 500, "s": 500, "k": 500, "v": 500, "y": 500, "z": 500, "M": 833,
    "W": 944, "m": 833, "w": 722, "E": 667, "L": 556, "F": 611, "T": 611, "Z": 611, "J": 500,
    "O": 778, "Q": 778, "G": 778, "C": 722, "D": 722, "H": 722, "N": 722, "R": 722, "U": 722,
}  # fmt: skip


def _width(text: str) -> float:
    return sum(_NARROW.get(c, 667 if c.isupper() else 556) for c in text) * SIZE / 1000


def _entry(title: str, page: int, indent: int = 0, space: str = "") -> list[tuple[float, str]]:
    """A contents line as Word sets it: its title (set in by ``indent`` points), dot leaders up
    to the page number at the right margin (after a space, as Word sets some)."""
    x = 72 + indent
    dots = "." * int((PAGE_AT - 4 - x - _width(title + space)) / _width("."))
    return [(x, f"{title}{space}{dots}"), (PAGE_AT, str(page))]


CONTENTS: list[list[tuple[float, str]]] = [
    [(250, "TABLE OF CONTENTS")],
    _entry("ARTICLE 1: RECOGNITION", 1),
    _entry("ARTICLE 2: DEFINITIONS", 1),
    _entry("A. Board", 1, 11, " "),
    _entry("B. Association", 2, 11, " "),
    _entry("C. Superintendent", 2, 11, " "),
    [(72, "ARTICLE 3: PROFESSIONAL LEARNING and EDUCATIONAL IMPROVEMENT/")],
    _entry("LICENSURE", 3, 27, " "),
    _entry("D. Licensure Cost", 3, 11, " "),
    _entry("ARTICLE 4: TERM OF AGREEMENT", 4),
]

BODY = [
    "ARTICLE 1: RECOGNITION",
    "A. The Board recognizes the Association as the exclusive representative of a unit of all certificated",
    "employees of the school system, excluding administrators and other non-represented personnel.",
    "ARTICLE 2: DEFINITIONS",
    "A. The Board of Education of the City, which may act through its Chairperson or any committee thereof.",
    "B. The Association, which may act through its President or any other representative it names.",
    "ARTICLE 3: PROFESSIONAL LEARNING and EDUCATIONAL IMPROVEMENT/ LICENSURE",
    "A. The Board shall pay the cost of courses approved in advance by the Superintendent, to a",
    "maximum of six credit hours in each school year, at the rate of the state university.",
    "ARTICLE 4: TERM OF AGREEMENT",
    "A. This Agreement shall be in effect from the first day of September until the last day of",
    "August three years later, and shall continue from year to year unless either party gives notice.",
]


def _pages() -> list[list[tuple[float, float, str]]]:
    contents = [(x, TOP - i * LEADING, text) for i, line in enumerate(CONTENTS) for x, text in line]
    body = []
    y = TOP
    for text in BODY:
        gap = text.startswith(("ARTICLE", "A. ", "B. "))
        y -= LEADING * (2 if gap and body else 1 if body else 0)
        body.append((72 if not text.startswith("ARTICLE") else 200, y, text))
    return [contents, body]


def test_a_contents_entry_wrapped_onto_two_lines_is_contents_not_an_article(tmp_path: Path) -> None:
    reading = read_contract(write_pdf(tmp_path / "contents.pdf", _pages(), size=SIZE), "pdf")
    assert [(p.kind, p.number, p.title) for p in reading.parts] == [
        ("article", "1", "RECOGNITION"),
        ("article", "2", "DEFINITIONS"),
        ("article", "3", "PROFESSIONAL LEARNING and EDUCATIONAL IMPROVEMENT/ LICENSURE"),
        ("article", "4", "TERM OF AGREEMENT"),
    ]
    contents = [s.text for s in reading.skipped if s.reason.startswith("table of contents")]
    # each sub-entry a contents line of its own, never run on into the next one
    assert any(text.startswith("B. Association .") and text.endswith("2") for text in contents)
    assert any(text.startswith("C. Superintendent .") and text.endswith("2") for text in contents)
    assert "ARTICLE 3: PROFESSIONAL LEARNING and EDUCATIONAL IMPROVEMENT/" in contents
    assert any(text.startswith("LICENSURE .") and text.endswith("3") for text in contents)
    assert not any("Licensure Cost" in p.text or "Association." in p.text for p in reading.parts)


def test_the_wrapped_entry_is_contents_in_any_reader() -> None:
    """The same as lines handed over by any reader (a .docx, a text file): the heading line with
    no page, over the title's end with its leaders and page, among other contents lines."""
    lines = [
        "TABLE OF CONTENTS",
        "ARTICLE 1: RECOGNITION ........ 1",
        "ARTICLE 2: LEAVES OF ABSENCE AND",
        "PROFESSIONAL IMPROVEMENT ........ 2",
        "ARTICLE 3: TERM ........ 3",
        "ARTICLE 1: RECOGNITION",
        "The Board recognizes the Association as the exclusive representative of the unit's teachers.",
        "ARTICLE 2: LEAVES OF ABSENCE AND PROFESSIONAL IMPROVEMENT",
        "A teacher may take leave for professional improvement as this Article provides below.",
        "ARTICLE 3: TERM",
        "This Agreement shall remain in effect until a successor agreement is signed by the parties.",
    ]
    split = split_parts([Line(t) for t in lines])
    assert [(p.number, p.title) for p in split.parts] == [
        ("1", "RECOGNITION"),
        ("2", "LEAVES OF ABSENCE AND PROFESSIONAL IMPROVEMENT"),
        ("3", "TERM"),
    ]
    assert [s.text for s in split.skipped] == lines[:5]


def test_a_heading_over_a_line_of_leaders_in_the_body_stays_a_heading() -> None:
    """A heading with a list set with leaders under it, and no contents list near: still a part."""
    lines = [
        "ARTICLE 1: RECOGNITION",
        "The Board recognizes the Association as the exclusive representative of the unit's teachers.",
        "ARTICLE 2: STIPENDS",
        "Department head ........ 1200",
        "Team leader ........ 900",
        "ARTICLE 3: TERM",
        "This Agreement shall remain in effect until a successor agreement is signed by the parties.",
    ]
    split = split_parts([Line(t) for t in lines])
    assert [(p.number, p.title) for p in split.parts] == [
        ("1", "RECOGNITION"),
        ("2", "STIPENDS"),
        ("3", "TERM"),
    ]
    assert "Team leader ........ 900" in split.parts[1].text


@pytest.mark.parametrize(
    "line",
    [
        "Schedule 183 Day Professional Learning-Based Salary Schedule",
        "SCHEDULE 193 DAY EXPERIENCE-BASED SALARY SCHEDULE",
        "Schedule 183 Day",
        "APPENDIX 2019-2020 SALARY SCHEDULE",
    ],
)
def test_a_number_of_days_or_a_year_is_no_appendix_number(line: str) -> None:
    found = match_heading(line)
    assert found is None or found.kind != "appendix" or not found.number


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("SCHEDULE 1", "1", ""),
        ("Schedule 12 - Wages", "12", "Wages"),
        ("SCHEDULE 10B", "10B", ""),
        ("Appendix 2.1: Rates", "2.1", "Rates"),
        ("APPENDIX A-1: PEA Salary Schedule 2019-2020 (Schedule 183 Day)", "A-1",
         "PEA Salary Schedule 2019-2020 (Schedule 183 Day)"),
    ],
)  # fmt: skip
def test_appendix_numbers_still_read(line: str, number: str, title: str) -> None:
    found = match_heading(line)
    assert found is not None and (found.kind, found.number, found.title) == ("appendix", number, title)


def _grid(days: int) -> list[str]:
    return [
        f"| Schedule {days} Day Professional Learning-Based Salary Schedule |  |  |  |",
        "| --- | --- | --- | --- |",
        "| STEP | Lane I | Lane II | Lane III |",
        "| 1 | 39,611 | 46,096 | 55,385 |",
        "| 2 | 41,013 | 47,497 | 56,787 |",
    ]


def test_a_wage_table_headed_schedule_183_day_stays_in_its_appendix(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "ARTICLE 1: RECOGNITION",
            "The Board recognizes the Association as the exclusive representative of the unit's teachers.",
            "ARTICLE 2: SALARIES",
            "Educators shall be paid according to the salary schedules in Appendix A-1 and Appendix A-2.",
            "APPENDIX A-1: Salary Schedule 2019-2020 (Schedule 183 Day)",
            "(Step + 1.0% Increase)",
            "\n".join(_grid(183)),
            "APPENDIX A-2: Salary Schedule 2019-2020 (Schedule 193 Day)",
            "\n".join(_grid(193)),
            "APPENDIX A-3: Salary Schedule 2020-2021 (Schedule 183 Day)",
            "\n".join(_grid(183)),
        ]
    )
    source = tmp_path / "grids.txt"
    source.write_text(text + "\n", encoding="utf-8")
    reading = read_contract(source, "text")
    assert [(p.kind, p.number) for p in reading.parts] == [
        ("article", "1"),
        ("article", "2"),
        ("appendix", "A-1"),
        ("appendix", "A-2"),
        ("appendix", "A-3"),
    ]
    assert "| Schedule 183 Day Professional Learning-Based Salary Schedule |" in reading.parts[2].text
    assert "| 2 | 41,013 | 47,497 | 56,787 |" in reading.parts[4].text


def _picture(x: float, y: float, width: float, height: float) -> bytes:
    """An image drawn at (x, y) over width × height points (an inline 2 × 2 grey image: what a
    scanned page or a table pasted as a picture draws)."""
    return b"q %.2f 0 0 %.2f %.2f %.2f cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q" % (
        width,
        height,
        x,
        y,
    )


def test_pages_shown_as_images_are_named_in_the_notes(tmp_path: Path) -> None:
    """Two of the agreement's pages were scans among typed ones (its last article, a letter of
    agreement) and two appendices' tables were pictures: none of that is text, and before, the
    dry run said nothing of it, so the article was missing from the import without a word."""
    body = [(72, TOP - i * LEADING, text) for i, text in enumerate(BODY[:6])]
    table = [(72, TOP, "APPENDIX C: Differential Schedule 2019-2022")]
    rule = [(72, TOP, "APPENDIX D: Teacher Leadership Schedule"), (72, TOP - LEADING, "Rates as below.")]
    pages = [body, [], table, rule]
    drawings = [
        b"0.5 w 72 400 468 0.5 re S",  # a ruling line
        _picture(0, 0, 612, 792),  # the scanned page: an image, no text
        _picture(72, 300, 468, 400),  # a table pasted as a picture under its heading
        _picture(72, 700, 468, 2),  # a rule drawn as a picture (a sliver of the page) is none
    ]
    reading = read_contract(write_pdf(tmp_path / "scanned.pdf", pages, drawings=drawings), "pdf")
    notes = [note for note in reading.notes if "image" in note]
    assert notes == [
        "pages 2 (no text), 3 of the PDF show an image (a scanned page, a table pasted as a picture): "
        "what it shows is not text and is not imported; check those pages against the parts"
    ]


def test_a_pdf_without_pictures_says_nothing_of_images(tmp_path: Path) -> None:
    pages = [[(72, TOP - i * LEADING, text) for i, text in enumerate(BODY)]]
    reading = read_contract(write_pdf(tmp_path / "typed.pdf", pages, size=SIZE), "pdf")
    assert [p.number for p in reading.parts] == ["1", "2", "3", "4"]
    assert not any("image" in note for note in reading.notes)
