"""Line-numbered PDFs: a column of line numbers down the left (or right) margin, 1..N on every
page, as pleading paper and some US school districts' contracts print them (Portland, Maine's
teachers' agreement: Word's line numbering, every line numbered, blank ones too).

Before: the numbers stayed in the text ("3 A. The Portland Education Association ... 4
Superintendent ...") and no heading was read as one behind its number ("1 ARTICLE 1:
RECOGNITION"): one article of thirty was found. Now the column is found from where the numbers
stand (clear of the text, in line with each other, counting up down every page) and removed,
said in a note; a clause's number, a numbered list's and a table's steps keep theirs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_docs import convert, soffice
from handpdf import layout, write_pdf

from proposals.negotiation.baseline import read_contract

SIZE = 11
LEADING = SIZE * 1.2
TOP = 740
DIGIT = 0.556 * SIZE  # Helvetica's digits are all this wide

CONTRACT = [
    "ARTICLE 1 - RECOGNITION",
    "1.1 The Employer recognizes the Union as the exclusive bargaining agent for all teachers, nurses, "
    "guidance counselors and social workers employed by the Board, excluding supervisors and substitutes.",
    "1.2 Nothing in this Agreement shall be read to limit the rights of a teacher under the laws of the "
    "State, and the parties agree to bargain in good faith over every change in the terms of employment.",
    "ARTICLE 2 - GRIEVANCE PROCEDURE",
    "2.1 A grievance is a claim that this Agreement has been violated, misinterpreted or misapplied, and "
    "it shall be presented within thirty days of the event giving rise to it, at the levels below:",
    "1. The teacher shall first discuss the grievance with the principal, alone or with a representative.",
    "2. If it is not resolved within ten days, the Association may present it in writing to the "
    "Superintendent, who shall meet with the teacher and the Association within ten school days.",
    "3. If it is not resolved within ten days of that meeting, the Association may submit it to "
    "arbitration under the rules of the American Arbitration Association.",
    "ARTICLE 3 - SALARIES",
    "3.1 Teachers shall be paid according to the salary schedule in Appendix A, and a teacher shall "
    "advance one step on the schedule on the first day of each school year of this Agreement.",
    "3.2 A teacher who holds a master's degree shall be paid on the master's lane from the first pay "
    "period after the degree is conferred, and the Board shall pay the difference within thirty days.",
    "ARTICLE 4 - TERM OF AGREEMENT",
    "4.1 This Agreement shall be in effect from the first day of September until the last day of August "
    "three years later, and it shall continue from year to year unless either party gives notice.",
]


def _numbered(paragraphs: list[str], *, side: str = "left", lines_per_page: int = 14) -> list[list[tuple]]:
    """The paragraphs set on pages with a blank line between two, each line slot of a page (a blank
    one too) numbered 1.. in a column: right-aligned 18 points left of the text at 72, or left-aligned
    18 points right of its widest line (84 characters: about 440 points)."""
    pages = layout(paragraphs, width=84, size=SIZE, top=TOP, gap=LEADING, lines_per_page=lines_per_page)
    out = []
    for page in pages:
        slots = round((TOP - page[-1][1]) / LEADING) + 1
        numbers = []
        for k in range(slots):
            label = str(k + 1)
            y = TOP - k * LEADING
            x = 54 - DIGIT * len(label) if side == "left" else 540
            numbers.append((x, y, label))
        out.append(numbers + list(page) if side == "left" else list(page) + numbers)
    return out


def _texts(paragraphs: list[str]) -> list[str]:
    """The parts' texts as read without line numbers: each article its heading and clauses."""
    parts: list[list[str]] = []
    for paragraph in paragraphs:
        if paragraph.startswith("ARTICLE"):
            parts.append([])
        parts[-1].append(paragraph)
    return ["\n".join(part) + "\n" for part in parts]


@pytest.mark.parametrize("side", ["left", "right"])
def test_a_margin_column_of_line_numbers_is_removed_and_the_articles_read(tmp_path: Path, side: str) -> None:
    pages = _numbered(CONTRACT, side=side)
    assert len(pages) >= 3 and any(text == "1" for _, _, text in pages[1])
    reading = read_contract(write_pdf(tmp_path / "numbered.pdf", pages), "pdf")
    assert [(p.kind, p.number, p.title) for p in reading.parts] == [
        ("article", "1", "RECOGNITION"),
        ("article", "2", "GRIEVANCE PROCEDURE"),
        ("article", "3", "SALARIES"),
        ("article", "4", "TERM OF AGREEMENT"),
    ]
    assert [p.text for p in reading.parts] == _texts(CONTRACT)
    slots = sum(1 for page in pages for _, _, text in page if text.isdigit())
    assert f"{slots} margin line numbers removed" in reading.notes


def test_the_same_contract_without_line_numbers_reads_the_same_and_says_nothing(tmp_path: Path) -> None:
    pages = layout(CONTRACT, width=84, size=SIZE, top=TOP, gap=LEADING, lines_per_page=14)
    reading = read_contract(write_pdf(tmp_path / "plain.pdf", pages), "pdf")
    assert [p.text for p in reading.parts] == _texts(CONTRACT)
    assert not any("line number" in note for note in reading.notes)


STEPS = [f"{step} {40000 + 1500 * step:,} {44000 + 1600 * step:,}" for step in range(1, 11)]


def _steps_table(y: float, x: float = 72) -> list[tuple[float, float, str]]:
    """A wage table without rules: a header row, then steps 1..10 down its first column."""
    rows = [(x, y, "Step"), (x + 100, y, "BA"), (x + 200, y, "MA")]
    for k, row in enumerate(STEPS, 1):
        step, ba, ma = row.split()
        rows += [(x + 12 - DIGIT * len(step), y - k * LEADING, step), (x + 100, y - k * LEADING, ba),
                 (x + 200, y - k * LEADING, ma)]  # fmt: skip
    return rows


TABLE_TEXT = "| Step | BA | MA |\n| --- | --- | --- |\n" + "".join(
    f"| {s.split()[0]} | {s.split()[1]} | {s.split()[2]} |\n" for s in STEPS
)


HOLIDAYS = [
    "New Year's Day",
    "Memorial Day",
    "Independence Day",
    "Labor Day",
    "Thanksgiving Day",
    "Christmas Day",
]


def test_numbers_that_are_text_keep_them(tmp_path: Path) -> None:
    """Headings numbered "3 UNION SECURITY", a list numbered 1 2 3 one item a line and a table's
    steps 1..10, all at the text's left edge on pages with no line numbers: nothing is removed."""
    lines = [
        (72, 740, "1 RECOGNITION"),
        (72, 712, "The Employer recognizes the Union as the sole bargaining agent for all its employees."),
        (72, 684, "2 HOLIDAYS"),
        (72, 670, "The following days are paid holidays:"),
        *[(72, 642 - 2 * k * LEADING, f"{k + 1} {day}") for k, day in enumerate(HOLIDAYS)],
        (72, 470, "3 UNION SECURITY"),
        (72, 442, "Every employee shall be a member of the Union or pay it a service fee each month."),
    ]
    second = [
        (72, 740, "4 WAGES"),
        (72, 712, "Employees are paid by the steps of the schedule below."),
        *_steps_table(680),
        (72, 500, "5 TERM"),
        (72, 472, "This Agreement ends on June 30."),
    ]
    reading = read_contract(write_pdf(tmp_path / "clauses.pdf", [lines, second]), "pdf", "numbered")
    assert [(p.number, p.title) for p in reading.parts] == [
        ("1", "RECOGNITION"),
        ("2", "HOLIDAYS"),
        ("3", "UNION SECURITY"),
        ("4", "WAGES"),
        ("5", "TERM"),
    ]
    assert reading.parts[1].text == (
        "2 HOLIDAYS\nThe following days are paid holidays:\n1 New Year's Day\n2 Memorial Day\n"
        "3 Independence Day\n4 Labor Day\n5 Thanksgiving Day\n6 Christmas Day\n"
    )
    assert reading.parts[3].text == (
        "4 WAGES\nEmployees are paid by the steps of the schedule below.\n" + TABLE_TEXT
    )
    assert not any("line number" in note for note in reading.notes)


def test_a_table_of_steps_on_a_line_numbered_page_keeps_its_steps(tmp_path: Path) -> None:
    """Word numbers no line of a table: the page's numbers skip it, its steps stand right of them."""
    pages = _numbered(CONTRACT[:4], lines_per_page=40) + _numbered(CONTRACT[4:6], lines_per_page=40)
    last = [(72, TOP, "The steps of the schedule are these:"), *_steps_table(TOP - 2 * LEADING)]
    after = TOP - 14 * LEADING
    last.append((72, after, "ARTICLE 3 - SALARIES"))
    for slot, y in ((1, TOP), (2, TOP - LEADING), (3, after + LEADING), (4, after)):
        last.append((54 - DIGIT, y, str(slot)))
    reading = read_contract(write_pdf(tmp_path / "table.pdf", [*pages, last]), "pdf")
    assert [p.title for p in reading.parts] == ["RECOGNITION", "GRIEVANCE PROCEDURE", "SALARIES"]
    assert reading.parts[1].text == (
        _texts(CONTRACT[:6])[1] + "The steps of the schedule are these:\n" + TABLE_TEXT
    )
    assert reading.parts[2].text == "ARTICLE 3 - SALARIES\n"
    assert any(note.endswith("margin line numbers removed") for note in reading.notes)


LIBREOFFICE = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:xsl-formatting-objects:1.0:compatible" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


@LIBREOFFICE
@pytest.mark.parametrize("restart", ["true", "false"])
def test_libreoffice_line_numbering_is_removed(tmp_path: Path, restart: str) -> None:
    """Writer's Tools > Line Numbering, every line, restarting on each page or running on."""
    from xml.sax.saxutils import escape

    body = "".join(f'<text:p text:style-name="Body">{escape(p)}</text:p>' for p in CONTRACT * 2)
    source = tmp_path / "numbered.fodt"
    source.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {ODF} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text"><office:styles>'
        '<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties '
        'fo:margin-bottom="0.25cm"/><style:text-properties fo:font-size="11pt"/></style:style>'
        '<text:linenumbering-configuration text:number-lines="true" text:increment="1" '
        f'text:restart-on-page="{restart}" text:number-position="left" text:offset="0.5cm" '
        'style:num-format="1"/></office:styles><office:body><office:text>'
        f"{body}</office:text></office:body></office:document>",
        "utf-8",
    )
    pdf = convert([source], "pdf", tmp_path)[0]
    with pytest.raises(Exception, match="the same number is used twice"):
        read_contract(pdf, "pdf")  # the contract twice over: read, then refused for its numbers
    from proposals.contract.pdf import read_pdf

    read = read_pdf(pdf)
    texts = [line.text for line in read.unwrapped.lines if line.text.strip()]
    assert texts == CONTRACT * 2
    assert any(note.endswith("margin line numbers removed") for note in read.unwrapped.extra)
