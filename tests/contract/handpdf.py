"""PDFs written by hand, as Word, Acrobat and typesetters write them rather than LibreOffice.

Each line is drawn at its own position (``Tm``); its text is a ``TJ`` array in which the words
carry no space characters and are set apart by kerning offsets (as Word's PDF export and Acrobat
do), and letter pairs inside a word are kerned by small offsets. The font is Helvetica with an
``/Differences`` encoding that gives the glyphs ``fi``, ``fl``, ``ff``, ``ffi``, ``ffl``, curly
quotes, an en dash, a hyphen and a non-breaking space their own codes, so the text layer holds
the ligature glyphs a typesetter's PDF holds.

``page`` lines are ``(x, y, text)`` in points (y up); a ``size`` per document.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

# code → glyph name (Adobe glyph list); PDFium maps the names to Unicode.
GLYPH_CODES = {
    "\ufb01": (128, "fi"),
    "\ufb02": (129, "fl"),
    "\ufb00": (130, "ff"),
    "\ufb03": (131, "ffi"),
    "\ufb04": (132, "ffl"),
    "\u201c": (133, "quotedblleft"),
    "\u201d": (134, "quotedblright"),
    "\u2019": (135, "quoteright"),
    "\u2013": (136, "endash"),
    "\u2014": (137, "emdash"),
    "\u00a0": (138, "space"),
}
_DIFFERENCES = " ".join(f"{code} /{name}" for code, name in sorted(GLYPH_CODES.values()))


def _encode(word: str) -> bytes:
    out = bytearray()
    for ch in word:
        if ch in GLYPH_CODES:
            out.append(GLYPH_CODES[ch][0])
        elif ch in "()\\":
            out += b"\\" + ch.encode()
        else:
            out += ch.encode("latin-1")
    return bytes(out)


THIN = "\u2009"  # in a line's text: a word space drawn as a narrow shift only (a squeezed line)
TRACKED = "\u2002"  # a word starting with it is letter-spaced: a shift between every two letters


def tj(text: str, *, space: int = -278, kern: int = 15, thin: int = -80) -> bytes:
    """``[(Wo) 15 (rd) -278 (next)] TJ``: words without space characters, set apart by ``space``
    thousandths of the font size, and each word cut in two by a ``kern`` offset. ``THIN`` in the
    text sets two words apart by ``thin`` only (narrower than PDFium takes for a space, as in
    Word's justified lines); a ``TRACKED`` word has ``thin`` between all its letters."""
    items: list[bytes] = []
    for i, word in enumerate(text.replace(THIN, " " + THIN).split(" ")):
        if i:
            items.append(str(thin if word.startswith(THIN) else space).encode())
        word = word.removeprefix(THIN)
        if word.startswith(TRACKED):
            items.append(f" {thin} ".encode().join(b"(" + _encode(c) + b")" for c in word[1:]))
            continue
        half = max(1, len(word) // 2)
        for j, piece in enumerate((word[:half], word[half:])):
            if piece:
                if j and kern:
                    items.append(str(kern).encode())
                items.append(b"(" + _encode(piece) + b")")
    return b"[" + b" ".join(items) + b"] TJ"


def page_stream(lines: Sequence[tuple[float, float, str]], size: float) -> bytes:
    parts = [b"BT", b"/F1 %.2f Tf" % size]
    for x, y, text in lines:
        parts.append(b"1 0 0 1 %.2f %.2f Tm" % (x, y))
        parts.append(tj(text))
    parts.append(b"ET")
    return b"\n".join(parts)


def frame(x0: float, y0: float, x1: float, y1: float, rules: Sequence[float] = (),
          columns: Sequence[float] = ()) -> bytes:  # fmt: skip
    """A box drawn round text as Word draws a paragraph's border: a stroked rectangle, with a
    rule across it at each of ``rules`` (y; Word shades a wrapped heading line by line), and one
    down it at each of ``columns`` (x: a ruled table's)."""
    ops = [b"0.5 w %.2f %.2f %.2f %.2f re S" % (x0, y0, x1 - x0, y1 - y0)]
    ops += [b"%.2f %.2f m %.2f %.2f l S" % (x0, y, x1, y) for y in rules]
    ops += [b"%.2f %.2f m %.2f %.2f l S" % (x, y0, x, y1) for x in columns]
    return b"\n".join(ops)


# A page turned by /Rotate (degrees clockwise) as it is shown: its content drawn turned back by
# this matrix, so that lines and drawings given as shown (y up, lower left 0, 0) come out upright.
_TURNED = {90: "0 1 -1 0 {w} 0 cm", 270: "0 -1 1 0 0 {h} cm"}


def write_pdf(path: Path, pages: Sequence[Sequence[tuple[float, float, str]]], *, size: float = 11,
              box: tuple[float, float] = (612, 792), drawings: Sequence[bytes] = (),
              turns: Sequence[int] = ()) -> Path:  # fmt: skip
    """A PDF of ``pages``, each page's ``drawings`` (content operators) drawn before its text;
    a page with a ``turns`` entry of 90 or 270 is ``box`` turned by ``/Rotate`` (a landscape page
    set on a portrait one, as some PDF printers write it), its lines given as shown. Returns
    ``path``."""
    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
        b"/BaseEncoding /WinAnsiEncoding /Differences [" + _DIFFERENCES.encode() + b"] >> >>"
    )
    for i, lines in enumerate(pages):
        drawn = drawings[i] + b"\n" if i < len(drawings) else b""
        turn = turns[i] if i < len(turns) else 0
        turned = _TURNED[turn].format(w=box[0], h=box[1]).encode() + b"\n" if turn else b""
        stream = zlib.compress(turned + drawn + page_stream(lines, size))
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {box[0]} {box[1]}] "
                + (f"/Rotate {turn} " if turn else "")
                + f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
            ).encode()
        )
        objects.append(
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream"
        )
    path.write_bytes(assemble(objects))
    return path


def assemble(objects: Sequence[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, the catalog first) with its xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def layout(paragraphs: Sequence[str], *, width: int = 88, size: float = 11, top: float = 740,
           left: float = 72, indent: float = 0, lines_per_page: int = 52,
           gap: float = 0) -> list[list[tuple[float, float, str]]]:  # fmt: skip
    """Paragraphs wrapped at ``width`` characters and set on pages: a line every 1.2 × size,
    ``gap`` points more between paragraphs, a first line indented by ``indent``."""
    pages: list[list[tuple[float, float, str]]] = [[]]
    y = top
    leading = size * 1.2
    for paragraph in paragraphs:
        words = paragraph.split(" ")
        lines: list[str] = []
        for word in words:
            if lines and len(lines[-1]) + 1 + len(word) <= width:
                lines[-1] += " " + word
            else:
                lines.append(word)
        for i, line in enumerate(lines):
            if len(pages[-1]) >= lines_per_page:
                pages.append([])
                y = top
            pages[-1].append((left + (indent if i == 0 else 0), y, line))
            y -= leading
        y -= gap
    return pages
