"""`compile`: the whole successor contract (issue 12): contract order, open parts as marked
placeholders with their TA'd sections (or left out with --omit-open), a title page with the
parties and term, a real TOC field, the wording of a first contract, and --pdf."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import CLI, cli_command, cli_env
from docx_checks import body_paragraphs, document_root, schema_problems

from proposals.word.reader import read_paragraphs


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path]:
    where = tmp_path_factory.mktemp("compile")
    cli = CLI(where)
    cli("demo", "demo")
    return cli, where / "demo"


def _compile(cli: CLI, repo: Path, out: Path, *extra: str) -> str:
    return cli("-C", str(repo), "compile", "--force", "-o", str(out), *extra).err


def test_whole_contract_with_placeholders_title_page_and_toc(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "contract.docx"
    err = _compile(cli, repo, out, "--term", "July 1, 2025 to June 30, 2028")
    assert "staffing is open: a placeholder marks it with its TA'd sections" in err
    document = docx.Document(str(out))
    texts = [p.text for p in body_paragraphs(document)]
    assert texts[0] == "FIRST COLLECTIVE BARGAINING AGREEMENT"  # no contract in force: a first one
    assert "Northstar Health" in texts[:6] and "Northstar Clinicians United" in texts[:6]
    assert "Term: July 1, 2025 to June 30, 2028" in texts
    headings = [p.text for p in body_paragraphs(document) if p.style.name == "Heading 1"]
    # contract order: the preamble, the articles by number, the appendix, the letter
    assert headings[0] == "PREAMBLE"
    assert headings[-2:] == [
        "APPENDIX A: DIFFERENTIALS AND STIPENDS",
        "LETTER OF AGREEMENT #1: TELEHEALTH PILOT",
    ]
    numbers = [int(h.split()[1].rstrip(":")) for h in headings[1:-2]]
    assert numbers == sorted(numbers) and len(numbers) == 18  # parking withdrawn, new
    assert texts.count("ARTICLE 6: STAFFING") == 2  # its contents entry and its heading
    staffing = len(texts) - 1 - texts[::-1].index("ARTICLE 6: STAFFING")
    assert texts[staffing + 1].startswith("OPEN \u2014 not agreed")
    assert "6.3 (TA'd 2024-12-17)" in texts[staffing + 1]
    assert any(t.startswith("6.3 Interpreter Services") for t in texts[staffing : staffing + 5])
    assert not any(t.startswith("6.1 ") for t in texts[staffing:])  # open text is not agreed text
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "agreement in force" not in header and "parts marked OPEN are not agreed" in header
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'TOC \\o "1-1"' in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    assert "<w:updateFields" in zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert schema_problems(document_root(out)) == []
    # the TA'd article's agreed text is there in full
    body = "\n".join(read_paragraphs(out))
    scheduling = cli("-C", str(repo), "show", "scheduling", "--at", "ta-scheduling").out
    assert scheduling.rstrip("\n") in body


def test_omit_open_leaves_open_parts_out(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "agreed.docx"
    err = _compile(cli, repo, out, "--omit-open")
    assert "staffing is open: left out (--omit-open)" in err
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert "ARTICLE 6: STAFFING" not in headings and "ARTICLE 5: SCHEDULING" in headings
    assert "OPEN" not in " ".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_redline_of_a_first_contract_shows_all_as_new(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "redline.docx"
    _compile(cli, repo, out, "--redline")
    document = docx.Document(str(out))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "A first agreement: all text shown as new" in header
    inserted = [r for p in document.paragraphs for r in p.runs if r.style.name == "Redline Insert"]
    assert inserted and not [
        r for p in document.paragraphs for r in p.runs if r.style.name == "Redline Delete"
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_beside_the_docx(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "contract.docx"
    said = cli("-C", str(repo), "compile", "--force", "--pdf", "-o", str(out)).out
    pdf = out.with_suffix(".pdf")
    assert f"Wrote {pdf}" in said and pdf.read_bytes().startswith(b"%PDF")


def test_pdf_without_libreoffice_is_a_one_line_error(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    _, repo = demo
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("git") or "/usr/bin/git", bin_dir / "git")
    out = tmp_path / "contract.docx"
    env = {**cli_env(), "PATH": str(bin_dir)}
    proc = subprocess.run([*cli_command(), "-C", str(repo), "compile", "--force", "--pdf", "-o", str(out)],
                          env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode != 0 and "LibreOffice" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not out.exists()
