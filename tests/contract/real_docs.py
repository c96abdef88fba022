"""Contracts set the ways real ones are, as flat ODF that LibreOffice converts to .docx and PDF
at test time (``corpus_docs.convert``): headings in a table cell, bilingual headings side by
side, LibreOffice/Word files of other kinds. Each test module says what it builds."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from corpus_docs import NS as _NS
from corpus_docs import STYLES, convert

NS = (
    _NS + ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
AUTOMATIC = """
<style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard">
 <style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties
 fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
"""


def p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def h(text: str) -> str:
    return f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{escape(text)}</text:h>'


def table(rows: list[list[list[str]]]) -> str:
    """A table whose cells each hold one or more paragraphs (bold when the text starts with *)."""
    width = max(len(r) for r in rows)
    name = f"T{abs(hash(str(rows))) % 10**6}"
    out = f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="{width}"/>'
    for row in rows:
        out += "<table:table-row>"
        for cell in row:
            paras = "".join(p(t[1:], "Bold") if t.startswith("*") else p(t) for t in cell) or p("")
            out += f'<table:table-cell table:style-name="Cell">{paras}</table:table-cell>'
        out += "</table:table-row>"
    return out + "</table:table>"


def document(body: str, header: str = "Northern Transit Authority") -> str:
    master = (
        '<office:master-styles><style:master-page style:name="Standard">'
        f"<style:header>{p(header, 'Header')}</style:header>"
        '<style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current"/>'
        " of <text:page-count/></text:p></style:footer></style:master-page></office:master-styles>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:styles>{STYLES}</office:styles><office:automatic-styles>{AUTOMATIC}"
        f"</office:automatic-styles>{master}<office:body><office:text>{body}</office:text></office:body>"
        "</office:document>"
    )


def docx_and_pdf(docs: dict[str, str], out: Path) -> dict[str, Path]:
    """Each document (name -> flat ODF) saved by LibreOffice as .docx, and that .docx as PDF, as a
    contract reaches a team: ``{"name.docx": path, "name.pdf": path}``."""
    sources = []
    for name, xml in docs.items():
        sources.append(out / f"{name}.fodt")
        sources[-1].write_text(xml, "utf-8")
    docx = convert(sources, "docx", out)
    pdf = convert(docx, "pdf", out)
    return {f"{path.stem}.{path.suffix[1:]}": path for path in [*docx, *pdf]}
