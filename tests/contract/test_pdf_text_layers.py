"""A PDF with two text layers: a Word PDF later run through OCR (Acrobat's "Recognize Text", a
scanner's software) keeps its own text and gets an invisible copy (text render mode 3) laid over
it, word by word, a little off its glyphs, often in a form XObject of its own. Before, every line
was read twice ("Memorandum of Agreement 31 Memorandum of Agreement 31"). The invisible copy of
visible text is left out, and so is what OCR made of the page's pictures where the page was
recognised over its own text; a scanned page whose only text is the invisible layer is still read
from it (there it is the text).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import pytest
from handpdf import assemble, page_stream

from proposals.contract.pdf import read_pdf
from proposals.negotiation.baseline import read_contract

Lines = Sequence[tuple[float, float, str]]

BODY: list[tuple[float, float, str]] = [
    (72, 740, "ARTICLE 1 - RECOGNITION"),
    (72, 712, "1.1 The Employer recognizes the Union as the sole bargaining agent for all"),
    (72, 698.8, "employees of the bargaining unit certified by the Board."),
    (72, 660, "ARTICLE 2 - HOURS OF WORK"),
    (72, 632, "2.1 The normal work week shall be forty hours for all employees."),
]
# what OCR read in the page's logo (no visible text there)
LOGO = [(400, 100, "VCoONOUIA WN HH")]


_NARROW = {"i": 222, "l": 222, "j": 222, "f": 278, "t": 278, "r": 333, "m": 833, "w": 722, ".": 278,
           ",": 278, "-": 333, "I": 278}  # fmt: skip


def _width(word: str, size: float) -> float:
    """A word's width in Helvetica (its metrics, roughly): where OCR puts the next word."""
    return size * sum(_NARROW.get(c, 700 if c.isupper() else 556) for c in word) / 1000


def _ocr_stream(lines: Lines, size: float = 11) -> bytes:
    """The invisible layer as OCR writes it: each word on its own (``3 Tr``), set a little
    larger and off the visible glyphs (so no engine takes it for the same text drawn twice)."""
    ops = [b"BT", b"3 Tr", b"/F1 %.2f Tf" % (size * 1.04)]
    for x, y, text in lines:
        at = x + 0.6
        for word in text.split(" "):
            ops.append(b"1 0 0 1 %.2f %.2f Tm" % (at, y - 1.4))
            ops.append(b"(" + word.replace("(", "\\(").replace(")", "\\)").encode("latin-1") + b") Tj")
            at += _width(word, size * 1.04) + size * 0.4
    ops.append(b"ET")
    return b"\n".join(ops)


def _write(path: Path, visible: Lines, hidden: Lines, *, form: bool) -> Path:
    """One page: ``visible`` drawn as Word draws it, ``hidden`` as an invisible OCR layer, in the
    page's content or (``form``) in a form XObject the page draws after its text."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    ocr = _ocr_stream(hidden) if hidden else b""
    content = page_stream(visible, 11) if visible else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        font,
    ]
    resources = b"/Font << /F1 3 0 R >>"
    if form and ocr:
        resources += b" /XObject << /Fm1 6 0 R >>"
        content += b"\nq /Fm1 Do Q"
    elif ocr:
        content += b"\n" + ocr
    objects.append(
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << "
        + resources
        + b" >> /Contents 5 0 R >>"
    )
    stream = zlib.compress(content)
    objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    if form and ocr:
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Length %d >>\nstream\n" % len(ocr) + ocr + b"\nendstream"
        )
    path.write_bytes(assemble(objects))
    return path


WANT = {
    "article 1": (
        "ARTICLE 1 - RECOGNITION\n1.1 The Employer recognizes the Union as the sole bargaining agent "
        "for all employees of the bargaining unit certified by the Board.\n"
    ),
    "article 2": (
        "ARTICLE 2 - HOURS OF WORK\n2.1 The normal work week shall be forty hours for all employees.\n"
    ),
}


@pytest.mark.parametrize("form", [False, True], ids=["in-page", "in-form"])
def test_an_ocr_layer_over_the_text_is_read_once(tmp_path: Path, form: bool) -> None:
    pdf = _write(tmp_path / "ocrd.pdf", BODY, [*BODY, *LOGO], form=form)
    reading = read_contract(pdf, "pdf")
    assert {f"{p.kind} {p.number}": p.text for p in reading.parts} == WANT
    assert not reading.skipped  # the logo's OCR is in no part and not skipped: left out with the copy
    assert any("invisible text layer (OCR)" in note for note in reading.notes)


def test_a_scan_whose_only_text_is_the_ocr_layer_is_read_from_it(tmp_path: Path) -> None:
    pdf = _write(tmp_path / "scan.pdf", [], BODY, form=True)
    reading = read_contract(pdf, "pdf")
    assert {f"{p.kind} {p.number}": p.text for p in reading.parts} == WANT
    assert not any("invisible" in note for note in reading.notes)


def test_invisible_text_over_no_visible_text_stays(tmp_path: Path) -> None:
    """A page with a visible stamp ("Page 1 of 1") over a scanned page: the OCR layer is not a
    copy of it, and is the page's text."""
    stamp = [(500, 40, "Page 1 of 1")]
    pdf = _write(tmp_path / "stamped.pdf", stamp, BODY, form=False)
    text = " ".join(line.text for line in read_pdf(pdf).unwrapped.lines)
    assert "1.1 The Employer recognizes the Union" in text
    assert text.count("recognizes") == 1
