"""Tracked formatting changes (Word's ``w:rPrChange`` on a run, ``w:pPrChange`` on a paragraph):
the other side bolds a clause or restyles a paragraph with Track Changes on.

proposals keeps text, so a formatting change is not part of the record; before, it vanished
without a word (no note in the dry run, the import or their pass), and a team told "no change can
hide" was not told there was one. Now the reader counts them and each of those commands says how
many there are and that they were not recorded. Text is read the same either way.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from conftest import CLI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

CHANGE = 'w:id="{id}" w:author="M. Chen" w:date="2025-03-05T10:00:00Z"'


def _contract(path: Path, tracked: bool) -> Path:
    document = docx.Document()
    document.add_paragraph("ARTICLE 6 – STAFFING")
    clause = document.add_paragraph("6.1 Each unit shall be staffed at ")
    bold = clause.add_run("no fewer than one nurse to four patients")
    bold.bold = True
    clause.add_run(".")
    restyled = document.add_paragraph("6.2 The Employer shall post the staffing plan.")
    document.add_paragraph("ARTICLE 7 – HOURS OF WORK")
    document.add_paragraph("7.1 The normal work week is forty hours.")
    if tracked:
        bold._r.get_or_add_rPr().append(
            parse_xml(f"<w:rPrChange {nsdecls('w')} {CHANGE.format(id=1)}><w:rPr/></w:rPrChange>")
        )
        ppr = restyled._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="720"/>'))
        ppr.append(parse_xml(f"<w:pPrChange {nsdecls('w')} {CHANGE.format(id=2)}><w:pPr/></w:pPrChange>"))
    document.save(path)
    return path


def test_formatting_changes_are_counted_and_said_everywhere(cli: CLI, tmp_path: Path) -> None:
    plain = _contract(tmp_path / "plain.docx", tracked=False)
    theirs = _contract(tmp_path / "theirs.docx", tracked=True)
    cli("init", "talks", "--union", "U", "--employer", "E")
    dry = cli("-C", "talks", "baseline", "--from-docx", str(theirs), "--dry-run").out
    assert "2 tracked formatting changes" in dry and "not recorded" in dry
    assert (
        "formatting changes" not in cli("-C", "talks", "baseline", "--from-docx", str(plain), "--dry-run").out
    )
    cli("-C", "talks", "baseline", "--from-docx", str(plain))
    before = (cli.cwd / "talks" / "articles" / "staffing.txt").read_text("utf-8")
    record = ["-C", "talks", "import-docx", "--party", "employer", "--session", "2025-03-05"]
    only = cli(*record, str(theirs), ok=False)
    assert only.code == 1
    assert only.err.strip().endswith(
        "no article differs from the text on the table (it holds 2 tracked formatting changes: proposals "
        "records text)"
    ), only.err
    worded = _contract(tmp_path / "worded.docx", tracked=True)
    edited = docx.Document(str(worded))
    edited.paragraphs[-1].runs[0].text = "7.1 The normal work week is thirty-six hours."
    edited.save(str(worded))
    assert "2 tracked formatting changes" in cli(*record, "--dry-run", str(worded)).out
    assert "2 tracked formatting changes" in cli(*record, str(worded)).out
    assert (cli.cwd / "talks" / "articles" / "staffing.txt").read_text("utf-8") == before  # text alone
    assert "thirty-six" in (cli.cwd / "talks" / "articles" / "hours-of-work.txt").read_text("utf-8")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_keeps_them_in_an_odt_and_they_are_counted_there(cli: CLI, tmp_path: Path) -> None:
    """LibreOffice saves the bold as a ``text:format-change`` and the indent as its own kind of
    region ("UnknownChange"): both counted, no text taken from either."""
    theirs = _contract(tmp_path / "theirs.docx", tracked=True)
    assert SOFFICE is not None
    with tempfile.TemporaryDirectory(prefix="lo_profile_") as profile:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "odt",
             "--outdir", str(tmp_path), str(theirs)],
            capture_output=True, timeout=180, check=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    cli("init", "talks", "--union", "U", "--employer", "E")
    dry = cli("-C", "talks", "baseline", "--from-docx", str(tmp_path / "theirs.odt"), "--dry-run").out
    assert "2 tracked formatting changes" in dry, dry
    assert "(2 paragraphs, 27 words)" in dry
