"""The corpus contracts (``tests/contract/corpus/*.txt``) as a word processor saves them: each
text laid out as a flat ODF document, then converted by LibreOffice itself to .docx and from
that .docx to PDF (writer_pdf_Export), all files of a kind in one ``soffice`` run.

How a contract is laid out is said by the test, not guessed from the text with the code under
test: which lines are the cover page (centred, then a page break), the table of contents (a
real LibreOffice index field, or plain "Contents 1" paragraphs with a dot-leader tab) and the
part headings, and how headings are set:

- ``"heading"``: Heading 1 paragraphs (a title on the next line too);
- ``"bold"``: bold body text, no heading style (how many agreements are typed);
- ``"plain"``: headings are body paragraphs like any other (only their layout says what they are);
- ``"numbered"``: Word's automatic numbering: "ARTICLE %1 –" on the headings, "Section %1.%2" on
  the sections and "(%3)" on the lists, so those labels are not in the document's text at all.

Every page has a running header and a "Page N" footer.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xml="http://www.w3.org/XML/1998/namespace"'
)
HEADER = "Collective Agreement"
_TOC_LEADER_RE = re.compile(r"\s*(?:\t|\.{3,})\s*(\S+)\s*\Z")
_SECTION_RE = re.compile(r"^Section (\d+)\.(\d+) ")
_ITEM_RE = re.compile(r"^\(([a-z])\) ")

STYLES = """
<style:style style:name="Standard" style:family="paragraph" style:class="text">
 <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.25cm"/>
 <style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
 style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">
 <style:paragraph-properties fo:margin-top="0.4cm" fo:keep-with-next="always"/>
 <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="center"/>
 <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Contents_20_Heading" style:display-name="Contents Heading"
 style:family="paragraph" style:parent-style-name="Standard">
 <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Contents_20_1" style:display-name="Contents 1" style:family="paragraph"
 style:parent-style-name="Standard" style:class="index">
 <style:paragraph-properties><style:tab-stops><style:tab-stop style:position="16cm"
  style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops>
 </style:paragraph-properties></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:text-align="center"/></style:style>
<text:list-style style:name="Legal">
 <text:list-level-style-number text:level="1" style:num-prefix="ARTICLE " style:num-suffix=" –"
  style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
  <style:list-level-label-alignment text:label-followed-by="space" fo:margin-left="0cm"/>
  </style:list-level-properties></text:list-level-style-number>
 <text:list-level-style-number text:level="2" style:num-prefix="Section " style:num-format="1"
  text:display-levels="2">
  <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
  <style:list-level-label-alignment text:label-followed-by="space" fo:margin-left="0cm"/>
  </style:list-level-properties></text:list-level-style-number>
 <text:list-level-style-number text:level="3" style:num-prefix="(" style:num-suffix=")"
  style:num-format="a"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
  <style:list-level-label-alignment text:label-followed-by="space" fo:margin-left="1cm"/>
  </style:list-level-properties></text:list-level-style-number>
</text:list-style>
"""
AUTOMATIC = """
<style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:keep-with-next="always"/>
 <style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="BreakHeading" style:family="paragraph" style:parent-style-name="Heading_20_1">
 <style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="BreakBold" style:family="paragraph" style:parent-style-name="Bold">
 <style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="BreakPlain" style:family="paragraph" style:parent-style-name="Standard">
 <style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="BreakContents" style:family="paragraph"
 style:parent-style-name="Contents_20_Heading">
 <style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="ListArticle" style:family="paragraph" style:parent-style-name="Bold"
 style:list-style-name="Legal"/>
<style:style style:name="ListArticleBreak" style:family="paragraph" style:parent-style-name="Bold"
 style:list-style-name="Legal"><style:paragraph-properties fo:break-before="page"/></style:style>
<style:style style:name="ListBody" style:family="paragraph" style:parent-style-name="Standard"
 style:list-style-name="Legal"/>
<style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="21.59cm"
 fo:page-height="27.94cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm"
 fo:margin-right="2.5cm"/></style:page-layout>
"""


@dataclass
class Layout:
    """How one corpus contract is set: the cover lines, the contents lines (``toc_field``: a
    LibreOffice index, else plain Contents 1 paragraphs), the heading lines and their look."""

    cover: Sequence[str]
    headings: Sequence[str]
    look: str = "heading"  # heading | bold | numbered | plain
    toc: Sequence[str] = ()
    toc_title: str = ""
    toc_field: bool = False
    titles: Sequence[str] = field(default_factory=tuple)  # a title on the line after its heading


def paragraphs(text: str) -> list[str]:
    """The corpus text's paragraphs: blocks between blank lines with their wrapped lines joined,
    or one paragraph per line in a file without blank lines."""
    if "\n\n" not in text.strip():
        return [line for line in text.split("\n") if line.strip()]
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        if len(lines) > 1 and all(len(line) < 50 for line in lines):
            out.extend(lines)  # "ARTICLE VI" / "LEAVES OF ABSENCE": lines of their own
            continue
        joined = ""
        for line in lines:
            joined += (
                line if joined.endswith("-") and not joined.endswith(" -") else (" " if joined else "") + line
            )
        out.append(joined)
    return out


def _p(style: str, text: str) -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def fodt(text: str, layout: Layout) -> str:
    """The flat ODF document of a corpus contract laid out as ``layout`` says."""
    body: list[str] = []
    paras = paragraphs(text)
    brk = False
    in_list: list[str] = []

    def close_list() -> None:
        if in_list:
            # the first list is named; every later one continues its numbering, as Writer saves
            first = not any('xml:id="legal"' in b for b in body)
            attrs = 'xml:id="legal"' if first else 'text:continue-list="legal"'
            body.append(f'<text:list text:style-name="Legal" {attrs}>{"".join(in_list)}</text:list>')
            in_list.clear()

    toc = [p for p in paras if p in layout.toc]
    if toc and layout.toc_field:
        entries = "".join(
            _p("Contents_20_1", re.sub(_TOC_LEADER_RE, lambda m: f"<TAB>{m[1]}", p)).replace(
                "&lt;TAB&gt;", "<text:tab/>"
            )
            for p in toc
        )
        toc_xml = (
            '<text:table-of-content text:name="Contents" text:protected="true">'
            '<text:table-of-content-source text:outline-level="1"/>'
            f'<text:index-body><text:index-title text:name="Contents_Head">'
            f"{_p('BreakContents', layout.toc_title)}</text:index-title>{entries}</text:index-body>"
            "</text:table-of-content>"
        )
    for para in paras:
        if para in layout.cover:
            body.append(_p("Title", para))
            brk = True
            continue
        if para == layout.toc_title or para in layout.toc:
            if layout.toc_field:
                if para == layout.toc_title:
                    body.append(toc_xml)
            elif para == layout.toc_title:
                body.append(_p("BreakContents", para))
            else:
                body.append(
                    _p("Contents_20_1", re.sub(_TOC_LEADER_RE, r"<TAB>\1", para)).replace(
                        "&lt;TAB&gt;", "<text:tab/>"
                    )
                )
            brk = True
            continue
        heading = para in layout.headings or para in layout.titles
        if layout.look == "numbered":
            article = re.match(r"^ARTICLE \d+ – (.*)\Z", para) if heading else None
            section = _SECTION_RE.match(para)
            item = _ITEM_RE.match(para)
            if article or section or item:
                level, rest = (
                    (1, article[1])
                    if article
                    else (2, para[section.end() :])
                    if section
                    else (3, para[item.end() :])
                )  # type: ignore[index]
                style = ("ListArticleBreak" if brk else "ListArticle") if level == 1 else "ListBody"
                content = _p(style, rest)
                nest = "<text:list-item><text:list>" * (level - 1)
                in_list.append(
                    f"{nest}<text:list-item>{content}</text:list-item>"
                    + "</text:list></text:list-item>" * (level - 1)
                )
                brk = False
                continue
            close_list()
        if heading and layout.look == "heading":
            style = "BreakHeading" if brk else "Heading_20_1"
            body.append(f'<text:h text:style-name="{style}" text:outline-level="1">{escape(para)}</text:h>')
        elif heading and layout.look == "plain":
            body.append(_p("BreakPlain" if brk else "Standard", para))
        elif heading:
            body.append(_p("BreakBold" if brk else "Bold", para))
        else:
            body.append(_p("Standard", para))
        brk = False
    close_list()
    master = (
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page">'
        f"<style:header>{_p('Header', HEADER)}</style:header>"
        '<style:footer><text:p text:style-name="Footer">Page <text:page-number text:select-page="current"/>'
        "</text:p></style:footer></style:master-page></office:master-styles>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:styles>{STYLES}</office:styles><office:automatic-styles>{AUTOMATIC}"
        f"</office:automatic-styles>{master}"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>"
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(sources: Sequence[Path], to: str, outdir: Path) -> list[Path]:
    """All ``sources`` converted to ``to`` (docx: Word 2007 XML, pdf: writer_pdf_Export) by one
    headless LibreOffice in a throwaway profile."""
    filters = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_pdf_Export", "odt": "odt"}
    with tempfile.TemporaryDirectory(prefix="corpus_lo_") as profile:
        subprocess.run(
            [soffice() or "soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", filters[to], "--outdir", str(outdir), *map(str, sources)],
            check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    out = [outdir / f"{s.stem}.{to}" for s in sources]
    missing = [p.name for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice wrote no {', '.join(missing)}")
    return out
