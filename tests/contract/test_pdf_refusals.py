"""PDFs that cannot be read (issue 11): an encrypted PDF as LibreOffice writes it with an open
password, and a scan, each refused in one line with a non-zero exit, and the repo untouched:
refs, index and working tree, with --dry-run and without."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import CLI, git

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
ENCRYPTED = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
)


def _state(repo: Path) -> tuple[str, str, str]:
    return (
        git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
        git(repo, "ls-files", "--stage"),
        git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all"),
    )


def test_an_encrypted_pdf_is_refused_in_one_line_and_nothing_is_written(cli: CLI, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("ARTICLE 1 - RECOGNITION")
    document.add_paragraph("1.1 The City recognizes the Union.")
    document.save(tmp_path / "locked.docx")
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--norestore",
         "--convert-to", ENCRYPTED, "--outdir", str(out), str(tmp_path / "locked.docx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = out / "locked.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Encrypt" in pdf.read_bytes()
    cli("init", "talks", "--union", "U", "--employer", "E")
    repo = tmp_path / "talks"
    before = _state(repo)
    for extra in ([], ["--dry-run"]):
        result = cli("-C", "talks", "baseline", "--from-pdf", str(pdf), *extra, ok=False)
        assert result.code != 0 and result.err.count("\n") == 1
        assert f"{pdf}: encrypted (password-protected); save an unprotected copy first" in result.err
    assert _state(repo) == before
