"""Bad input through every reader (issue 11): the same contract as a .docx, a PDF, one text file
and a folder of part files, each with a part id that collides with one of ours, the same article
number twice, and an article over 5 MB. Each is one line on stderr, a non-zero exit, and the repo
exactly as it was: refs, index and working tree (and --dry-run writes nothing either)."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import CLI, git

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
READERS = ["docx", "pdf", "text", "dir"]
PREAMBLE = "This Agreement is made between the City of Example and the Municipal Workers Union, Local 1."


def _write(form: str, paragraphs: list[str], where: Path) -> Path:
    """The paragraphs as a contract in the form given; a folder gets one file per part."""
    if form == "text":
        path = where / "contract.txt"
        path.write_text("\n".join(paragraphs) + "\n")
        return path
    if form == "dir":
        path = where / "parts"
        path.mkdir()
        parts: list[list[str]] = []
        for line in paragraphs:
            if line.startswith(("ARTICLE", "APPENDIX", "LETTER", "PREAMBLE")) or not parts:
                parts.append([])
            parts[-1].append(line)
        for n, part in enumerate(parts):
            (path / f"part-{n}.txt").write_text("\n".join(part) + "\n")
        return path
    document = docx.Document()
    for line in paragraphs:
        document.add_paragraph(line)
    path = where / "contract.docx"
    document.save(path)
    if form == "docx":
        return path
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = where / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(where), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return path.with_suffix(".pdf")


def _state(repo: Path) -> tuple[str, str, str, dict[str, bytes]]:
    files = {
        str(p.relative_to(repo)): p.read_bytes()
        for p in repo.rglob("*")
        if p.is_file() and ".git" not in p.parts
    }
    return (
        git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
        git(repo, "ls-files", "--stage"),
        git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all"),
        files,
    )


def _refused(cli: CLI, repo: Path, form: str, source: Path, message: str) -> str:
    before = _state(repo)
    flag = {"docx": "--from-docx", "pdf": "--from-pdf", "text": "--from-text", "dir": "--from-dir"}[form]
    for extra in (["--dry-run"], []):
        result = cli("-C", str(repo), "baseline", flag, str(source), *extra, ok=False)
        assert result.code != 0
        assert result.err.count("\n") == 1, result.err
        assert message in result.err, result.err
    assert _state(repo) == before
    return result.err


@pytest.fixture
def repo(cli: CLI) -> Path:
    cli("init", "talks", "--union", "Municipal Workers Union", "--employer", "City of Example")
    return cli.cwd / "talks"


@pytest.mark.parametrize("form", READERS)
def test_a_part_id_colliding_with_one_of_ours(cli: CLI, repo: Path, tmp_path: Path, form: str) -> None:
    ours = repo / "articles" / ("part-0.txt" if form == "dir" else "recognition.txt")
    ours.write_text("ARTICLE 1: RECOGNITION\nOur own draft, not yet committed.\n")
    source = _write(form, ["ARTICLE 1 - RECOGNITION", "1.1 The City recognizes the Union."], tmp_path)
    _refused(
        cli, repo, form, source, f"articles/{ours.name} already exists with other text; move it away first"
    )
    assert ours.read_text() == "ARTICLE 1: RECOGNITION\nOur own draft, not yet committed.\n"


@pytest.mark.parametrize("form", READERS)
def test_duplicate_article_numbers_are_listed(cli: CLI, repo: Path, tmp_path: Path, form: str) -> None:
    paragraphs = [
        "ARTICLE 1 - RECOGNITION", "1.1 The City recognizes the Union.",
        "ARTICLE 2 - RIGHTS", "2.1 The City manages.",
        "ARTICLE II - HOURS", "2.1 Eight hours a day.",
        "ARTICLE 3 - WAGES", "3.1 Paid biweekly.",
        "ARTICLE 3 - BENEFITS", "3.1 Health plan.",
        "APPENDIX A - RATES", "Clerk 20.00",
        "APPENDIX A - STEPS", "Step 1 20.00",
    ]  # fmt: skip
    source = _write(form, paragraphs, tmp_path)
    _refused(cli, repo, form, source, "the same number is used twice: ARTICLE 2, ARTICLE 3, APPENDIX A")


@pytest.mark.parametrize("form", ["docx", "text", "dir"])
def test_an_article_over_five_megabytes(cli: CLI, repo: Path, tmp_path: Path, form: str) -> None:
    """(A PDF of 5 MB of text is some 2,000 pages: its parts go through the same check in
    baseline.read_contract as the .docx and text readers' do.)"""
    words = [f"{a}{b}{c}" for a in "bcdfgklmnprstvz" for b in "aeiou" for c in "dklmnrst"]
    rng = random.Random(11)
    big = " ".join(rng.choice(words) for _ in range(5 * 2**20 // 4 + 1000))  # hardly compressible
    source = _write(
        form,
        ["ARTICLE 1 - RECOGNITION", "1.1 The City recognizes the Union.", "ARTICLE 2 - POSTINGS", big],
        tmp_path,
    )
    err = _refused(cli, repo, form, source, "MB; ")
    assert "limited to 5 MB" in err


@pytest.mark.parametrize("form", ["docx", "pdf", "text"])
def test_no_headings_says_what_was_found_instead(cli: CLI, repo: Path, tmp_path: Path, form: str) -> None:
    paragraphs = [
        "Minutes of the bargaining meeting",
        "SECTION 1 RECOGNITION",
        "The City recognizes the Union as the sole bargaining agent for its employees.",
    ]
    source = _write(form, paragraphs, tmp_path)
    err = _refused(
        cli, repo, form, source, "no part headings found: read 3 paragraphs; the first lines look like"
    )
    assert "'Minutes of the bargaining meeting', 'SECTION 1 RECOGNITION'" in err
    assert "1 line read as SECTION headings ('SECTION 1 RECOGNITION'): try --as section" in err
