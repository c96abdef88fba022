"""Render Word (and spreadsheet) files as a person sees them: LibreOffice converts to PDF, then
pdftoppm makes PNG pages and pdftotext the laid-out text. One soffice run converts a batch.

    python tests/word/render.py out_dir a.docx b.docx     # writes out_dir/a-1.png, ...

Tests use :func:`render` to check layout (a word broken over two lines, a page count); a
developer looks at the PNGs before calling a document done.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def missing() -> str | None:
    """Why rendering cannot run here, or None."""
    for tool in ("soffice", "pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    return None


def render(files: list[Path], out_dir: Path, dpi: int = 60) -> dict[Path, tuple[list[Path], str]]:
    """For each file: its PNG pages and its text laid out as on the page (``pdftotext -layout``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render_") as profile:
        proc = subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, files)],
            capture_output=True, text=True, timeout=240,
        )  # fmt: skip
    if proc.returncode:
        raise RuntimeError(f"soffice failed: {proc.stderr[-500:]}")
    result: dict[Path, tuple[list[Path], str]] = {}
    for path in files:
        pdf = out_dir / f"{path.stem}.pdf"
        if not pdf.exists():
            raise RuntimeError(f"LibreOffice made no PDF of {path.name}")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / path.stem)], check=True)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout  # fmt: skip
        pages = sorted(out_dir.glob(f"{path.stem}-*.png"))
        result[path] = (pages, text)
    return result


if __name__ == "__main__":
    done = render([Path(a) for a in sys.argv[2:]], Path(sys.argv[1]))
    for source, (pages, _) in done.items():
        print(source, "->", ", ".join(str(p) for p in pages))
