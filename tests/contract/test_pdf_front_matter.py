"""The preamble after a contents page is the preamble, never the cover page (a Word 365 PDF of a
telecoms company's agreement; its layout rebuilt by hand here). Its contents list "PREAMBLE
...... 3", and one entry has a misread number ("ARTICLE l3", a letter l for 1), so it is no
heading and the PDF runs it into the next entry; a schedule later has a "Preamble" of its own.

Before, the preamble's heading was taken for a contents entry (a heading that comes again later,
before the first article) and every recital under it for the cover page ("THIS AGREEMENT is
hereby entered into ...", "WHEREAS", "A. This Agreement is ..."): no preamble part, its words
silently lost; and the contents entry with the misread number was "cover page". Now a cover page
is the short lines before the body: running sentences of the agreement are never left out as
one, the entry with leaders is a contents line, and what the split leaves out of every part is
counted in a note.
"""

from __future__ import annotations

from pathlib import Path

from handpdf import write_pdf

from proposals.contract.split import Line, split_parts
from proposals.negotiation.baseline import read_contract

LEADERS = "." * 60

COVER = [
    (160, 600, "COLLECTIVE BARGAINING AGREEMENT"),
    (260, 570, "BETWEEN"),
    (200, 540, "NORTHWIND TELECOM LIMITED"),
    (290, 500, "AND"),
    (180, 460, "NORTHWIND COMMUNICATIONS WORKERS UNION"),
    (270, 420, "2021-2024"),
]
CONTENTS = [
    (250, 740, "TABLE OF CONTENTS"),
    (72, 700, f"PREAMBLE {LEADERS} 3"),
    (72, 686, f"ARTICLE 1 - RECOGNITION {LEADERS} 3"),
    (72, 672, f"ARTICLE 2 - HOURS OF WORK {LEADERS} 3"),
    (72, 658, f"ARTICLE l3 - PERFORMANCE BONUS {LEADERS} 4"),
    (72, 644, f"SCHEDULE 1 - PERFORMANCE APPRAISAL {LEADERS} 4"),
]
RECITALS = [
    "THIS AGREEMENT is hereby entered into on the 30th day of April, 2021 BETWEEN the Union and "
    "the Company, who agree to fulfill all the terms of this collective agreement.",
    "WHEREAS",
    "A. This Agreement is entered into primarily to maintain and enhance the good relations "
    "existing between the Company and the Union.",
    "B. This Agreement shall be binding on both Parties and shall not be in contravention of the "
    "Laws of the land.",
    "NOW THEREFORE, the Parties agree as follows:",
]


def _set(paragraphs: list[str], top: float = 740) -> list[tuple[float, float, str]]:
    """Paragraphs wrapped at 88 characters, a line every 13.2 points, 14 more between them."""
    out, y = [], top
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > 88:
                out.append((72, y, line))
                y -= 13.2
                line = word
            else:
                line = f"{line} {word}".strip()
        out.append((72, y, line))
        y -= 27.2
    return out


BODY = _set(
    [
        "PREAMBLE",
        *RECITALS,
        "ARTICLE 1 - RECOGNITION",
        "1.1 The Company recognizes the Union as the bargaining agent of its employees.",
        "ARTICLE 2 - HOURS OF WORK",
        "2.1 The normal work week shall be forty hours.",
        "ARTICLE 3 - PERFORMANCE BONUS",
        "3.1 A bonus is paid each year on the Company's results.",
    ]
)
SCHEDULE = _set(
    [
        "SCHEDULE 1 - PERFORMANCE APPRAISAL",
        "PREAMBLE",
        "The appraisal system sets out how each employee's performance is reviewed every year.",
    ]
)


def test_the_preamble_after_the_contents_is_kept(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "agreement.pdf", [COVER, CONTENTS, BODY, SCHEDULE])
    reading = read_contract(pdf, "pdf")
    assert [(p.kind, p.number) for p in reading.parts] == [
        ("preamble", ""),
        ("article", "1"),
        ("article", "2"),
        ("article", "3"),
        ("appendix", "1"),
    ]
    preamble = reading.parts[0].text
    assert preamble == "PREAMBLE\n" + "\n".join(RECITALS) + "\n"
    assert "PREAMBLE\nThe appraisal system" in reading.parts[-1].text  # the schedule's own
    skipped = [(s.reason, s.text.split(" .")[0]) for s in reading.skipped]
    assert ("table of contents", "ARTICLE l3 - PERFORMANCE BONUS") in skipped
    cover = [text for reason, text in skipped if reason == "cover page"]
    assert " ".join(cover) == " ".join(line for _, _, line in COVER)  # its short lines, run together
    assert not any(reason == "table of contents (repeated heading)" for reason, _ in skipped)
    words = sum(len(s.text.split()) for s in reading.skipped)
    assert (
        f"{len(reading.skipped)} lines ({words} words) in no part: {len(cover)} cover page, "
        f"{len(CONTENTS)} table of contents (--dry-run lists them)"
    ) in reading.notes


def test_running_text_before_the_preamble_heading_is_the_preamble() -> None:
    """Recitals before a "PREAMBLE" heading (a title page's recital, then the heading): the
    preamble's first paragraphs, never the cover page; the title lines over them are."""
    lines = [
        "COLLECTIVE AGREEMENT",
        "2021-2024",
        "THIS AGREEMENT is made this 1st day of May, 2021, between the Company and the Union.",
        "PREAMBLE",
        "The parties agree to work together in good faith for the term of this agreement.",
        "ARTICLE 1 - RECOGNITION",
        "1.1 The Company recognizes the Union.",
        "SCHEDULE 1 - PAY",
        "PREAMBLE",
        "This schedule sets the rates of pay of every classification in the unit.",
    ]
    split = split_parts([Line(t) for t in lines], front_as_preamble=True)
    assert split.parts[0].kind == "preamble"
    assert split.parts[0].text == (
        "PREAMBLE\n\n"
        "THIS AGREEMENT is made this 1st day of May, 2021, between the Company and the Union.\n\n"
        "The parties agree to work together in good faith for the term of this agreement.\n"
    )
    assert [(s.reason, s.text) for s in split.skipped] == [
        ("cover page", "COLLECTIVE AGREEMENT"),
        ("cover page", "2021-2024"),
    ]
