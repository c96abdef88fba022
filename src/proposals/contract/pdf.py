"""A contract's text from a PDF (most contracts in force are published only as PDF).

The text layer is read with pypdfium2 (PDFium, the engine of Chrome's PDF viewer): on a
310-page contract it takes 0.4 s where pypdf takes 7 s and pdfplumber 34 s (bench/bench_intake.py).
Lines are then unwrapped into paragraphs by :mod:`proposals.contract.plaintext`. A scanned PDF
(no text layer) and an encrypted one get a one-line error; nothing is ever run from the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from proposals.contract.plaintext import Unwrapped, strip_page_furniture, unwrap
from proposals.errors import ProposalsError
from proposals.files import input_size

MAX_PDF_BYTES = 200 * 1024 * 1024
MIN_CHARS_PER_PAGE = 20  # below this on average, the pages are images (a scan)


@dataclass
class PdfText:
    pages: int
    unwrapped: Unwrapped


def read_pdf(path: str | os.PathLike[str]) -> PdfText:
    """The PDF's paragraphs in reading order, page furniture removed; ProposalsError otherwise."""
    source = Path(path)
    name = str(source)
    input_size(source, "a PDF", MAX_PDF_BYTES)
    with source.open("rb") as handle:
        if not handle.read(1024).lstrip().startswith(b"%PDF"):
            raise ProposalsError(f"{name}: not a PDF file")

    import pypdfium2 as pdfium  # lazily: only PDF intake needs it

    try:
        document = pdfium.PdfDocument(str(source))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ProposalsError(
                f"{name}: encrypted (password-protected); save an unprotected copy first"
            ) from None
        raise ProposalsError(f"{name}: not a readable PDF ({exc})") from None
    try:
        pages: list[list[str]] = []
        chars = 0
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            chars += len(text.strip())
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-\n").split("\n"))
    finally:
        document.close()
    if not pages:
        raise ProposalsError(f"{name}: the PDF has no pages")
    if chars < MIN_CHARS_PER_PAGE * len(pages):
        raise ProposalsError(
            f"{name}: no text layer (a scanned PDF?); run it through OCR or use the Word original"
        )
    cleaned, skipped = strip_page_furniture(pages)
    unwrapped = unwrap([line for page in cleaned for line in page])
    unwrapped.skipped[:0] = skipped
    return PdfText(len(pages), unwrapped)


__all__ = ["PdfText", "read_pdf"]
