"""Tables in a PDF kept as tables (issue 11): LibreOffice prints a Word wage table to PDF, and
``baseline --from-pdf`` gives the same pipe lines as ``--from-docx`` on the .docx it came from.

Before: each cell's text came out as a line of its own ("Registered", "Nurse", "$50.00 $52.00")
and was joined into paragraphs, so the wage table read as a run-on sentence and diffed as one.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import CLI, git
from docx.oxml import OxmlElement

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

STEPS = [f"Classification {n:02d}" for n in range(1, 46)]  # long enough to run over a page
INTRO = (
    "7.1 Wages shall be paid according to the following schedule to every employee in the "
    "bargaining unit, from the first full pay period after ratification."
)


def _wage_contract(path: Path, rate: str = "$54.10") -> Path:
    """A Word contract with a ruled wage table: a two-row header (a cell merged down, one merged
    across the steps), repeated on each page, and 47 rows of amounts."""
    document = docx.Document()
    document.add_paragraph("ARTICLE 6: HOURS")
    document.add_paragraph("6.1 The normal work week shall be forty hours for every full-time employee.")
    document.add_paragraph("ARTICLE 7: WAGES")
    document.add_paragraph(INTRO)
    table = document.add_table(rows=4 + len(STEPS), cols=4)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Classification"
    table.cell(0, 1).merge(table.cell(0, 3)).text = "Hourly Rate"
    for c, step in enumerate(["Step 1", "Step 2", "Step 3"], start=1):
        table.cell(1, c).text = step
    rows = [
        ("Registered Nurse", "$50.00", "$52.00", rate),
        ("Licensed Practical Nurse II", "$30.00", "$31.25", "$32.50"),
    ]
    rows += [(name, f"${20 + n}.00", f"${21 + n}.00", f"${22 + n}.00") for n, name in enumerate(STEPS)]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for tr in table.rows[:2]:
        trpr = tr._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:tblHeader"))
    document.add_paragraph("7.2 Retroactive pay shall be paid within thirty days of ratification.")
    document.add_paragraph("ARTICLE 8: SENIORITY")
    document.add_paragraph("8.1 Seniority is the length of continuous service in the bargaining unit.")
    document.save(path)
    return path


def _pdf(source: Path, tmp_path: Path) -> Path:
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return source.with_suffix(".pdf")


def test_a_libreoffice_pdf_wage_table_reads_as_the_same_table_as_its_docx(cli: CLI, tmp_path: Path) -> None:
    source = _wage_contract(tmp_path / "contract.docx")
    pdf = _pdf(source, tmp_path)
    cli("init", "from-docx", "--union", "U", "--employer", "E")
    cli("-C", "from-docx", "baseline", "--from-docx", str(source))
    cli("init", "from-pdf", "--union", "U", "--employer", "E")
    out = cli("-C", "from-pdf", "baseline", "--from-pdf", str(pdf), "--dry-run").out
    assert "1 ruled tables read as tables" in out
    assert "table header repeated on the next page" in out
    cli("-C", "from-pdf", "baseline", "--from-pdf", str(pdf))
    wages = (tmp_path / "from-pdf" / "articles" / "wages.txt").read_text()
    lines = wages.splitlines()
    assert lines[:7] == [
        "ARTICLE 7: WAGES",
        INTRO,
        "| Classification | Hourly Rate |  |  |",
        "| --- | --- | --- | --- |",
        "|  | Step 1 | Step 2 | Step 3 |",
        "| Registered Nurse | $50.00 | $52.00 | $54.10 |",
        "| Licensed Practical Nurse II | $30.00 | $31.25 | $32.50 |",
    ]
    assert lines[-2:] == [
        "| Classification 45 | $64.00 | $65.00 | $66.00 |",
        "7.2 Retroactive pay shall be paid within thirty days of ratification.",
    ]
    assert len(lines) == 2 + 2 + 2 + len(STEPS) + 1 + 1  # the header once, though printed twice
    for name in ("hours", "wages", "seniority"):
        docx_text = (tmp_path / "from-docx" / "articles" / f"{name}.txt").read_text()
        assert (tmp_path / "from-pdf" / "articles" / f"{name}.txt").read_text() == docx_text, name


def test_their_pdf_with_one_cell_changed_records_that_cell(cli: CLI, tmp_path: Path) -> None:
    source = _wage_contract(tmp_path / "contract.docx")
    (tmp_path / "theirs").mkdir()
    theirs = _pdf(_wage_contract(tmp_path / "theirs" / "E-1.docx", rate="$55.00"), tmp_path)
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-docx", str(source))
    repo = tmp_path / "talks"
    out = cli("-C", "talks", "import-docx", str(theirs), "--party", "employer", "--announced", "wages").out
    assert "pass E-1" in out and ": wages\n" in out and "UNANNOUNCED" not in out
    diff = git(repo, "diff", "--word-diff=plain", "baseline", "E-1", "--", "articles/wages.txt")
    assert "[-$54.10-]{+$55.00+}" in diff
    assert "| Registered Nurse | $50.00 | $52.00 |" in diff
