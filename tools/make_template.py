"""Regenerate src/proposals/word/template.docx, byte for byte the same on every run.

The exporter never relies on python-docx's default template: every style it uses is defined
here (a missing style raises ``KeyError`` in python-docx and many templates only hold latent
styles). Zip entry timestamps are pinned so the file does not change in git on a rebuild.

Run: ``python tools/make_template.py [OUT]``.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.shared import Inches, Pt, RGBColor
from docx.styles.style import BaseStyle

OUT = Path(__file__).resolve().parents[1] / "src" / "proposals" / "word" / "template.docx"
FONT = "Liberation Serif"
FIXED = datetime(2025, 1, 1, tzinfo=UTC)

# (name, base, size pt, bold, space before, space after, left indent in, hanging in)
PARAGRAPH_STYLES = [
    ("Contract Body", "Normal", 11, False, 0, 6, 0.0, 0.0),
    ("Contract List 1", "Contract Body", 11, False, 0, 4, 0.5, 0.3),
    ("Contract List 2", "Contract Body", 11, False, 0, 4, 1.0, 0.3),
    ("Contract List 3", "Contract Body", 11, False, 0, 4, 1.5, 0.3),
    ("Document Title", "Normal", 16, True, 0, 12, 0.0, 0.0),
    ("Group Heading", "Normal", 13, True, 12, 6, 0.0, 0.0),
    ("Table Text", "Normal", 10, False, 0, 0, 0.0, 0.0),
    ("Proposal Header", "Header", 9, True, 0, 0, 0.0, 0.0),
    ("Proposal Footer", "Footer", 9, False, 0, 0, 0.0, 0.0),
]


def _style(doc: docx.document.Document, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    """Reuse a style the base template already defines, else add it."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, kind)
    if style.type != kind:
        raise SystemExit(f"style {name!r} exists with the wrong type")
    return style


def _one_font(doc: docx.document.Document) -> None:
    """Headings and body in one family: a theme font attribute (``asciiTheme="majorHAnsi"``,
    which python-docx's Heading 1 carries, and the defaults and table styles too) beats
    ``w:ascii``, so Word and LibreOffice would set headings in the theme's sans font whatever
    ``font.name`` says. Every theme font in the styles part becomes the one family."""
    from docx.oxml.ns import qn

    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attr}"), FONT)


def _rule_below(style: BaseStyle) -> None:
    """A thin rule under the page header, so it reads apart from the body (consecutive header
    lines share one border, drawn under the last)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "4"), ("color", "808080")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    # CT_PPr is a sequence: pBdr comes before shd, tabs, spacing, ind and jc
    later = [ppr.find(qn(f"w:{t}")) for t in ("shd", "tabs", "suppressAutoHyphens", "spacing", "ind", "jc")]
    anchor = next((x for x in later if x is not None), None)
    if anchor is not None:
        anchor.addprevious(border)
    else:
        ppr.append(border)
    style.paragraph_format.space_after = Pt(0)


def build() -> bytes:
    """The template's bytes."""
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)

    heading = _style(doc, "Heading 1", WD_STYLE_TYPE.PARAGRAPH)
    heading.font.name = FONT
    heading.font.size = Pt(13)
    heading.font.bold = True
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = Pt(18)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True

    for name, base, size, bold, before, after, left, hanging in PARAGRAPH_STYLES:
        style = _style(doc, name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]
        style.quick_style = True
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        fmt = style.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(after)
        if left:
            fmt.left_indent = Inches(left)
            fmt.first_line_indent = Inches(-hanging)
    doc.styles["Proposal Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    ins = _style(doc, "Redline Insert", WD_STYLE_TYPE.CHARACTER)
    ins.font.underline = True
    ins.font.color.rgb = RGBColor(0x1F, 0x6F, 0xEB)
    dele = _style(doc, "Redline Delete", WD_STYLE_TYPE.CHARACTER)
    dele.font.strike = True
    dele.font.color.rgb = RGBColor(0xCF, 0x22, 0x2E)
    move = _style(doc, "Redline Move", WD_STYLE_TYPE.CHARACTER)
    move.font.underline = WD_UNDERLINE.DOUBLE
    move.font.color.rgb = RGBColor(0x82, 0x50, 0xDF)
    for style in (ins, dele, move):
        style.base_style = doc.styles["Default Paragraph Font"]
        style.quick_style = True

    table = _style(doc, "Proposals Table", WD_STYLE_TYPE.TABLE)
    table.base_style = doc.styles["Table Grid"]
    table.font.name = FONT
    table.font.size = Pt(10)

    _one_font(doc)
    _rule_below(doc.styles["Proposal Header"])

    props = doc.core_properties
    props.title = "proposals template"
    props.author = "proposals"
    props.last_modified_by = "proposals"
    props.created = FIXED
    props.modified = FIXED
    props.revision = 1
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.category = ""

    raw = io.BytesIO()
    doc.save(raw)
    return _pin_zip(raw.getvalue())


DROP = {
    "docProps/thumbnail.jpeg",  # Word's picture of a blank page; stale once text is added
    "word/stylesWithEffects.xml",  # a Word 2010 copy of styles.xml; styles.xml is the truth
}
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>proposals</Application><DocSecurity>0</DocSecurity>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _pin_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry timestamps, without the parts in ``DROP`` (and every
    reference to them), and with extended properties that claim no Word version or stats."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename in DROP:
                continue
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            blob = src.read(info)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                blob = _drop_references(blob)
            elif info.filename == "docProps/app.xml":
                blob = APP_XML
            dst.writestr(fixed, blob)
    return out.getvalue()


def _drop_references(blob: bytes) -> bytes:
    """Relationships and content-type overrides pointing at dropped parts must go too."""
    from lxml import etree

    root = etree.fromstring(blob)
    for el in list(root):
        target = el.get("Target") or el.get("PartName") or ""
        if any(target.lstrip("/").endswith(name.split("/", 1)[1]) for name in DROP):
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def main(argv: list[str]) -> int:
    """Write the template (default: the shipped location)."""
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
