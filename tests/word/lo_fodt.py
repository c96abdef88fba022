"""Contracts written as flat ODF (.fodt) with real list or outline numbering, converted by
LibreOffice itself (``soffice --headless --convert-to docx`` / ``pdf``), as a team's word
processor saves them (issue 11).

A document is a list of blocks ``(kind, text)``:

- ``("article", title)``: level 1 of the numbering ("ARTICLE %1 –"), a Heading 1 paragraph;
- ``("section", text)``: level 2 ("%1.%2"), restarting under each article;
- ``("subsection", text)``: level 3 ("%1.%2.%3"); ``("item", text)``: level 4 ("(%4)");
- a third element ``"restart"`` on a numbered block: LibreOffice's "Restart Numbering" there;
- ``("para", text)``: an unnumbered body paragraph; ``("part", text)``: an unnumbered heading
  (PREAMBLE, APPENDIX A); ``("table", rows)``: a table of strings.

Numbered paragraphs are written as LibreOffice writes them: each run between unnumbered
paragraphs is a ``text:list`` that continues the first (``text:continue-list``), a deeper level
nested in list items (``mode="list"``), or ``text:h`` headings under the document's
``text:outline-style`` (``mode="outline"``). Word's legal numbering (``w:isLgl``), which
LibreOffice 7.4 cannot write, is put on chosen levels of the converted file's ``numbering.xml``
by :func:`set_legal`, which touches nothing else.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xml="http://www.w3.org/XML/1998/namespace"'
)
LEVEL_OF = {"article": 1, "section": 2, "subsection": 3, "item": 4}
# ODF num-format for each Word format name used by the tests (zero-padded, words, circled:
# LibreOffice's names; the words are in the document's language).
FORMATS = {"decimal": "1", "upperRoman": "I", "lowerRoman": "i", "upperLetter": "A", "lowerLetter": "a",
           "decimalZero": "01, 02, 03, ...", "decimalZero3": "001, 002, 003, ...", "ordinal": "1st",
           "cardinalText": "One", "ordinalText": "First",
           "decimalEnclosedCircle": "\u2460, \u2461, \u2462, ...",
           "chicago": "*, \u2020, \u2021, \u00a7, **, \u2020\u2020, ..."}  # fmt: skip


def levels(article: str = "decimal", item: str = "lowerLetter") -> list[tuple[str, str, str, int]]:
    """The levels of a legal outline: (prefix, format, suffix, levels shown)."""
    return [
        ("ARTICLE ", article, " –", 1),
        ("", "decimal", "", 2),
        ("", "decimal", "", 3),
        ("(", item, ")", 1),
    ]


def _level_styles(tag: str, spec: Sequence[tuple[str, str, str, int]]) -> str:
    out = []
    for n, (prefix, fmt, suffix, shown) in enumerate(spec, 1):
        out.append(
            f'<{tag} text:level="{n}" style:num-prefix="{escape(prefix)}" '
            f'style:num-suffix="{escape(suffix)}" style:num-format="{FORMATS[fmt]}" '
            f'text:display-levels="{shown}">'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            '<style:list-level-label-alignment text:label-followed-by="space"/>'
            f"</style:list-level-properties></{tag}>"
        )
    return "".join(out)


def fodt(blocks: Sequence[tuple], *, mode: str = "list",
         spec: Sequence[tuple[str, str, str, int]] | None = None,
         language: str | None = None) -> str:  # fmt: skip
    """The flat ODF text of a contract (see the module docstring); ``language`` ("fr-FR"): the
    default paragraph style's, which the words of a list's "One" and "First" formats are in."""
    spec = list(spec or levels())
    if mode not in ("list", "outline"):
        raise ValueError(mode)
    names = ["Heading 1", "Heading 2", "Heading 3", "List Item"]
    styles = []
    if language is not None:
        lang, _, country = language.partition("-")
        styles.append(
            '<style:default-style style:family="paragraph"><style:text-properties '
            f'fo:language="{lang}" fo:country="{country or "none"}"/></style:default-style>'
        )
    styles += [
        # LibreOffice's own Text Body: a small gap after each paragraph, as in its default template.
        '<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph">'
        '<style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.247cm"/></style:style>',
        '<style:style style:name="Heading" style:family="paragraph" style:class="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style>',
        '<style:style style:name="Article" style:family="paragraph" style:parent-style-name="Text_20_body" '
        'style:list-style-name="Contract">'
        '<style:text-properties fo:font-weight="bold"/></style:style>',
    ]
    for n, name in enumerate(names, 1):
        attrs = (f'style:name="{name.replace(" ", "_20_")}" style:display-name="{name}" '
                 'style:family="paragraph" style:parent-style-name="Text_20_body"')  # fmt: skip
        if mode == "outline" and n <= 3:
            attrs += f' style:default-outline-level="{n}"'
        elif mode == "list":
            attrs += ' style:list-style-name="Contract"'
        weight = "bold" if n == 1 else "normal"
        styles.append(
            f'<style:style {attrs}><style:text-properties fo:font-weight="{weight}"/></style:style>'
        )
    list_style = _level_styles("text:list-level-style-number", spec)
    if mode == "outline":
        # Headings number by the outline; items (level 4) by the same levels in a list style.
        outline = _level_styles("text:outline-level-style", spec)
        styles.append(f'<text:outline-style style:name="Outline">{outline}</text:outline-style>')
    styles.append(f'<text:list-style style:name="Contract">{list_style}</text:list-style>')
    body: list[str] = []
    run: list[tuple[int, str, bool]] = []
    lists = 0

    def flush() -> None:
        nonlocal lists
        if not run:
            return
        lists += 1
        attrs = f'xml:id="list{lists}" text:style-name="Contract"'
        if lists > 1:
            attrs += ' text:continue-list="list1"'
        out = [f"<text:list {attrs}>"]
        for level, content, restart in run:
            # "Restart numbering" on a paragraph: LibreOffice writes its item's start value.
            item = '<text:list-item text:start-value="1">' if restart else "<text:list-item>"
            nest = "<text:list-item>" + "<text:list><text:list-item>" * (level - 2) + "<text:list>"
            out.append(nest + item if level > 1 else item)
            out.append(content)
            out.append("</text:list-item></text:list>" * (level - 1) + "</text:list-item>")
        out.append("</text:list>")
        body.append("".join(out))
        run.clear()

    for kind, value, *flags in blocks:
        if kind in LEVEL_OF:
            level = LEVEL_OF[kind]
            style = names[level - 1].replace(" ", "_20_")
            if mode == "outline" and level <= 3:
                flush()
                restart = ' text:restart-numbering="true" text:start-value="1"' if "restart" in flags else ""
                body.append(f'<text:h text:style-name="{style}" text:outline-level="{level}"{restart}>'
                            f"{escape(str(value))}</text:h>")  # fmt: skip
            else:
                # In a list, an article is a bold "Article" paragraph: a Heading 1 (text:h) would
                # take LibreOffice's outline numbering instead of the list's.
                style = "Article" if level == 1 else style
                content = f'<text:p text:style-name="{style}">{escape(str(value))}</text:p>'
                run.append((level, content, "restart" in flags))
            continue
        flush()
        if kind == "para":
            body.append(f'<text:p text:style-name="Text_20_body">{escape(str(value))}</text:p>')
        elif kind == "part":
            body.append(f'<text:p text:style-name="Heading">{escape(str(value))}</text:p>')
        elif kind == "table":
            rows = list(value)  # type: ignore[call-overload]
            cells = "".join(
                "<table:table-row>"
                + "".join(f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
                + "</table:table-row>"
                for row in rows
            )
            body.append(f'<table:table table:name="T{len(body)}"><table:table-column '
                        f'table:number-columns-repeated="{len(rows[0])}"/>{cells}</table:table>')  # fmt: skip
        else:
            raise ValueError(f"unknown block {kind!r}")
    flush()
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:styles>{''.join(styles)}</office:styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>"
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, to: str, outdir: Path | None = None) -> Path:
    """``soffice --headless --convert-to`` in a throwaway profile: ``source`` as ``to`` (docx, pdf;
    txt: LibreOffice's own text export, which writes each list label as it shows it)."""
    outdir = outdir or source.parent
    filters = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_pdf_Export", "fodt": "fodt", "odt": "odt",
               "txt": "txt:Text (encoded):UTF8"}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="lo_fodt_") as profile:
        subprocess.run(
            [soffice() or "soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", filters[to], "--outdir", str(outdir), str(source)],
            check=True, capture_output=True, timeout=180, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    out = outdir / f"{source.stem}.{to}"
    if not out.exists():
        raise RuntimeError(f"LibreOffice wrote no {out.name}")
    return out


def as_shown(fodt: Path, out: Path) -> None:
    """``fodt`` saved by LibreOffice as .odt and .docx (beside it), and each of those exported as
    text to ``out/odt`` and ``out/docx``: what LibreOffice shows, read from that very file."""
    for kind in ("odt", "docx"):
        made = convert(fodt, kind)
        (out / kind).mkdir(exist_ok=True)
        convert(made, "txt", out / kind)


def collapsed(lines: list[str]) -> list[str]:
    """Non-empty lines with their white space collapsed: LibreOffice's text export indents list
    items and writes a space after every label."""
    return [" ".join(line.split()) for line in lines if line.strip()]


def write(path: Path, blocks: Sequence[tuple], **kwargs: object) -> Path:
    """Write ``path`` (.fodt) and return it."""
    path.write_text(fodt(blocks, **kwargs), "utf-8")  # type: ignore[arg-type]
    return path


def set_legal(docx: Path, ilvls: Sequence[int], out: Path) -> Path:
    """``docx`` with ``<w:isLgl/>`` on levels ``ilvls`` of every list (Word's "legal style
    numbering"), written to ``out``; every other byte of the package is LibreOffice's."""
    with zipfile.ZipFile(docx) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/numbering.xml":
                xml = data.decode("utf-8")
                for ilvl in ilvls:
                    # In w:lvl, isLgl follows start, numFmt, lvlRestart and pStyle: before suff/lvlText.
                    xml = re.sub(
                        rf'(<w:lvl w:ilvl="{ilvl}"[^>]*>(?:(?!</w:lvl>).)*?)(<w:suff |<w:lvlText )',
                        r"\1<w:isLgl/>\2",
                        xml,
                        flags=re.S,
                    )
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    return out
