"""Text PDFs as word processors print them (issue 11): LibreOffice prints a Word contract with a
running header, a page-number footer, words hyphenated at line ends, a wage table without ruling
lines and a two-column passage, and ``baseline --from-pdf`` gives back the contract's own text.

Before: a section's first line at the top of a page was taken for a running header (its shape,
digits aside, repeated at the top of other pages) and dropped; a wage table without rules came
out as run-on text with a cell's second line ("Worker") on a line of its own.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import docx
import pytest
from conftest import CLI, git
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

SH = "\u00ad"  # a soft hyphen: LibreOffice breaks the word there, with a hyphen, at a line end
CLAUSE = (
    f"The Em{SH}ployer shall pro{SH}vide every em{SH}ployee with ad{SH}vance no{SH}ti{SH}fi{SH}ca{SH}tion "
    f"of sched{SH}ule changes and ac{SH}com{SH}mo{SH}da{SH}tion. "
) * 3
HEADER = "Agreement between the City of Example and Local 1, 2024-2027"
WAGES = [
    ("Classification", "Step 1", "Step 2", "Step 3"),
    ("Clerk I", "20.00", "21.00", "22.50"),
    ("Clerk II", "22.00", "23.10", "24.25"),
    ("Maintenance Worker", "25.00", "26.25", "27.60"),
    ("Equipment Operator", "28.00", "29.40", "30.90"),
]


def to_pdf(source: Path) -> Path:
    profile = source.parent / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return source.with_suffix(".pdf")


def _page_furniture(document: docx.Document) -> None:
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _contract(path: Path) -> Path:
    document = docx.Document()
    _page_furniture(document)
    document.add_paragraph("COLLECTIVE AGREEMENT")
    document.add_paragraph(
        "This Agreement is made between the City of Example and the Municipal Workers Union, Local 1."
    )
    for n in range(1, 9):
        document.add_paragraph(f"ARTICLE {n} - TOPIC {n}")
        for k in range(1, 4):
            document.add_paragraph(f"{n}.{k} {CLAUSE}")
    document.add_paragraph("APPENDIX A - WAGE RATES")
    table = document.add_table(rows=len(WAGES), cols=4)  # no style: no ruling lines
    for r, row in enumerate(WAGES):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("LETTER OF AGREEMENT #1 - PARKING")
    document.add_paragraph("Parking stays free.")
    document.save(path)
    return to_pdf(path)


CLAUSE_TEXT = CLAUSE.replace(SH, "").strip()


def test_headers_footers_hyphens_and_a_table_without_rules(cli: CLI, tmp_path: Path) -> None:
    pdf = _contract(tmp_path / "contract.docx")
    cli("init", "talks", "--union", "U", "--employer", "E")
    out = cli("-C", "talks", "baseline", "--from-pdf", str(pdf), "--dry-run").out
    assert f"page header or footer: {HEADER}" in out
    assert "page header or footer: Page 2" in out
    assert "1 table without ruling lines read as a table from the columns of their cells" in out
    assert "hyphenated words joined" in out
    assert "(4 paragraphs" not in out  # every article is its heading and three sections
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    articles = tmp_path / "talks" / "articles"
    for n in range(1, 9):  # each section whole, wherever the page broke
        expected = f"ARTICLE {n} - TOPIC {n}\n" + "".join(f"{n}.{k} {CLAUSE_TEXT}\n" for k in range(1, 4))
        assert (articles / f"topic-{n}.txt").read_text() == expected
    assert (articles / "wage-rates.txt").read_text() == (
        "APPENDIX A - WAGE RATES\n"
        "| Classification | Step 1 | Step 2 | Step 3 |\n"
        "| --- | --- | --- | --- |\n"
        "| Clerk I | 20.00 | 21.00 | 22.50 |\n"
        "| Clerk II | 22.00 | 23.10 | 24.25 |\n"
        "| Maintenance Worker | 25.00 | 26.25 | 27.60 |\n"
        "| Equipment Operator | 28.00 | 29.40 | 30.90 |\n"
    )
    assert (articles / "parking.txt").read_text() == "LETTER OF AGREEMENT #1 - PARKING\nParking stays free.\n"
    assert HEADER not in "".join(p.read_text() for p in articles.iterdir())


LEFT = "2.1 Seniority lists are posted in every workplace in each quarter of the year and sent to the Union."
RIGHT = "2.2 Vacation requests are answered in writing within ten days of the day they are made."


def _two_columns(document: docx.Document) -> None:
    """A section of two columns from here on, with a paragraph for each."""
    cols = document.add_section(WD_SECTION.CONTINUOUS)._sectPr.xpath("./w:cols")[0]
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "720")
    document.add_paragraph(LEFT)
    document.add_paragraph(RIGHT)


def test_two_columns_are_read_one_column_after_the_other(cli: CLI, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("ARTICLE 1 - RECOGNITION")
    document.add_paragraph("1.1 The Employer recognizes the Union.")
    document.add_paragraph("ARTICLE 2 - NOTICES")
    _two_columns(document)
    document.add_section(WD_SECTION.CONTINUOUS)._sectPr.xpath("./w:cols")[0].set(qn("w:num"), "1")
    document.add_paragraph("ARTICLE 3 - WAGES")
    document.add_paragraph("3.1 Wages are paid every second week.")
    document.save(tmp_path / "columns.docx")
    pdf = to_pdf(tmp_path / "columns.docx")
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    text = (tmp_path / "talks" / "articles" / "notices.txt").read_text()
    # Never interleaved: the left column's words, then the right column's, each in order (a
    # column's lines are shorter than the page's, so they may stay lines of their own).
    assert text.startswith("ARTICLE 2 - NOTICES\n2.1 Seniority")
    assert " ".join(text.split()) == f"ARTICLE 2 - NOTICES {LEFT} {RIGHT}"


def _png(width: int = 400, height: int = 400) -> bytes:
    """A grey page-sized image, as a scanner gives: no text at all."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_a_scanned_pdf_is_refused_in_one_line_and_nothing_is_written(cli: CLI, tmp_path: Path) -> None:
    image = tmp_path / "scan.png"
    image.write_bytes(_png())
    document = docx.Document()
    for _ in range(2):
        document.add_picture(str(image))
    document.save(tmp_path / "scan.docx")
    pdf = to_pdf(tmp_path / "scan.docx")
    cli("init", "talks", "--union", "U", "--employer", "E")
    repo = tmp_path / "talks"
    before = (
        git(repo, "for-each-ref"),
        git(repo, "ls-files", "-s"),
        git(repo, "status", "--porcelain", "--ignored"),
    )
    for extra in ([], ["--dry-run"]):
        result = cli("-C", "talks", "baseline", "--from-pdf", str(pdf), *extra, ok=False)
        assert result.code != 0 and result.err.count("\n") == 1
        assert "no text layer (a scanned PDF?); run it through OCR or use the Word original" in result.err
    after = (
        git(repo, "for-each-ref"),
        git(repo, "ls-files", "-s"),
        git(repo, "status", "--porcelain", "--ignored"),
    )
    assert after == before


def test_an_indented_list_item_and_a_column_wrap_like_the_text_around_them(cli: CLI, tmp_path: Path) -> None:
    """Lines far shorter than the page's (an item indented 2 inches, a column of two) end where
    their own column does: they are wrapped lines, not paragraphs of their own."""
    from docx.shared import Inches

    document = docx.Document()
    document.add_paragraph("ARTICLE 1 - LEAVES")
    document.add_paragraph("1.1 " + CLAUSE_TEXT)
    item = (
        "(i) an employee who has completed the probationary period may take an unpaid leave of "
        "absence of up to twelve months for education related to the work of the bargaining unit, "
        "on thirty days written notice to the Employer, and returns to the same position after it."
    )
    document.add_paragraph(item).paragraph_format.left_indent = Inches(2)
    document.add_paragraph("1.2 " + CLAUSE_TEXT)
    document.add_paragraph("ARTICLE 2 - NOTICES")
    _two_columns(document)
    document.save(tmp_path / "indented.docx")
    pdf = to_pdf(tmp_path / "indented.docx")
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    articles = tmp_path / "talks" / "articles"
    assert (articles / "leaves.txt").read_text() == (
        f"ARTICLE 1 - LEAVES\n1.1 {CLAUSE_TEXT}\n{item}\n1.2 {CLAUSE_TEXT}\n"
    )
    assert (articles / "notices.txt").read_text() == f"ARTICLE 2 - NOTICES\n{LEFT}\n{RIGHT}\n"


def test_a_two_column_rate_table_without_rules(cli: CLI, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("ARTICLE 1 - RECOGNITION")
    document.add_paragraph("1.1 The City recognizes the Union.")
    document.add_paragraph("APPENDIX A - SHIFT PREMIUMS")
    rows = [
        ("Premium", "Per hour"),
        ("Evening shift", "$1.25"),
        ("Night shift", "$2.00"),
        ("Weekend", "$1.50"),
    ]
    table = document.add_table(rows=len(rows), cols=2)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(tmp_path / "premiums.docx")
    pdf = to_pdf(tmp_path / "premiums.docx")
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    assert (tmp_path / "talks" / "articles" / "shift-premiums.txt").read_text() == (
        "APPENDIX A - SHIFT PREMIUMS\n| Premium | Per hour |\n| --- | --- |\n| Evening shift | $1.25 |\n"
        "| Night shift | $2.00 |\n| Weekend | $1.50 |\n"
    )


def test_a_line_pdfium_breaks_in_two_is_one_line_again() -> None:
    """Boxes as PDFium gives them for a real agreement's PDF (Pipefitters', from Power PDF),
    which it breaks after each "#". Before: "Local Union #" and "488, Edmonton" became two
    paragraphs. A piece further than a word space away (a second column) stays a line of its own."""
    from proposals.contract.layout import PageLine, _rejoin_rows

    lines = [
        PageLine("The jurisdictional area of Local Union #", 108, 302, 570.0, 579.9),
        PageLine("488, Edmonton, Alberta in the Province of Alberta shall", 303, 576, 570.0, 578.2),
        PageLine("jurisdictional area of Local Unions #", 107, 282, 484.7, 497.2),
        PageLine("496 and #", 282, 328, 487.3, 497.2),
        PageLine("488 respectively.", 328, 409, 487.2, 495.4),
        PageLine("Wages are paid weekly.", 72, 290, 400.0, 409.0),
        PageLine("Hours are set by the roster.", 302, 540, 400.0, 409.0),
    ]
    assert [line.text for line in _rejoin_rows(lines)] == [
        "The jurisdictional area of Local Union #488, Edmonton, Alberta in the Province of Alberta shall",
        "jurisdictional area of Local Unions #496 and #488 respectively.",
        "Wages are paid weekly.",
        "Hours are set by the roster.",
    ]
