"""PDF copies of our Word documents, made by LibreOffice, for members and the record.

LibreOffice is the only converter that reads tracked changes and fields the way Word does and
is packaged everywhere; it is looked up before anything is written, so a missing LibreOffice
is a one-line error and not a .docx without its PDF. Each conversion runs in a throwaway
profile (a user's open LibreOffice is never touched) and is killed after ``TIMEOUT`` seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from proposals.errors import ProposalsError

TIMEOUT = 180


def converter() -> str:
    """The soffice executable, or a one-line error saying how to get one."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ProposalsError(
            "--pdf needs LibreOffice (soffice), which is not installed: install it or leave out --pdf"
        )
    return found


def pdf_beside(document: Path) -> Path:
    """Write ``document`` as ``document.pdf`` beside it and return that path."""
    soffice = converter()
    # an absolute path can never read as an option (soffice has no "--" terminator)
    target = document.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="proposals-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        try:
            proc = subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(outdir), str(document.resolve())],
                capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise ProposalsError(f"LibreOffice did not convert {document.name} within {TIMEOUT} s") from None
        made = outdir / f"{document.stem}.pdf"
        if proc.returncode or not made.exists():
            raise ProposalsError(f"LibreOffice could not convert {document.name} to PDF")
        shutil.move(str(made), target)
    return target
