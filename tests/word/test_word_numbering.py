"""Word's automatic numbering, tables of contents, text boxes, hidden text and embedded documents
in hand-written WordprocessingML, as Word writes them (issue 11)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from proposals.word.numbering import Numbering, format_number, odf_format, written, zero_padded
from proposals.word.reader import DocxError, read_docx_articles, read_paragraphs

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'

# One legal list: ARTICLE n –, n.m, (a); level 2 restarts only after level 0 (lvlRestart 1).
NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="7">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="ARTICLE %1 –"/>
  <w:pStyle w:val="Heading1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/>
  <w:lvlRestart w:val="1"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="7"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"""
STYLES = f"""<w:styles {NS}>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
 <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>
</w:styles>"""


def _docx(tmp_path: Path, body: str, name: str = "contract.docx") -> Path:
    out = tmp_path / name
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>")
        zf.writestr("word/numbering.xml", NUMBERING)
        zf.writestr("word/styles.xml", STYLES)
    return out


def _p(text: str, num: tuple[int, int] | None = None, style: str = "", run_props: str = "") -> str:
    ppr = ""
    if style or num:
        numpr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
        ppr = f"<w:pPr>{pstyle}{numpr}</w:pPr>"
    return f'<w:p>{ppr}<w:r>{run_props}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_numbering_is_written_out_with_counters_restarts_and_overrides(tmp_path: Path) -> None:
    body = (
        _p("STAFFING", style="Heading1")  # numbered through its style: ARTICLE I –
        + _p("Purpose.", (1, 1))
        + _p("one MA;", (1, 2))
        + _p("one RN.", (1, 2))
        + _p("Float pool.", (1, 1))
        + _p("nights;", (1, 2))  # lvlRestart 1: (c) continues after 6.2, restarts only at a new article
        + _p("point one", (3, 0))  # a bullet adds no label
        + _p("HOURS", style="Heading1")
        + _p("Week.", (1, 1))
        + _p("days;", (1, 2))
        + _p("LEAVES", (2, 0))  # a list instance with startOverride 10
    )
    assert read_paragraphs(_docx(tmp_path, body)) == [
        "ARTICLE I – STAFFING",
        "1.1 Purpose.",
        "(a) one MA;",
        "(b) one RN.",
        "1.2 Float pool.",
        "(c) nights;",
        "point one",
        "ARTICLE II – HOURS",
        "2.1 Week.",
        "(a) days;",
        "ARTICLE X – LEAVES",
    ]


def test_number_formats() -> None:
    assert [format_number(n, "upperLetter") for n in (1, 26, 27)] == ["A", "Z", "AA"]
    assert format_number(14, "lowerRoman") == "xiv" and format_number(3, "decimalZero") == "03"
    assert format_number(21, "cardinalText") == "Twenty-one" and format_number(2, "ordinal") == "2nd"
    # LibreOffice's letters (an .odt's num-format="a") count on as columns do; Word's repeat.
    assert [format_number(n, "lowerAlphabetic") for n in (1, 26, 27, 28, 52, 53, 702, 703)] == [
        "a", "z", "aa", "ab", "az", "ba", "zz", "aaa"
    ]  # fmt: skip
    assert [format_number(n, "lowerLetter") for n in (26, 27, 28)] == ["z", "aa", "bb"]
    assert format_number(28, "upperAlphabetic") == "AB"


def test_words_and_marks() -> None:
    """Word's formats in words and marks, as Word and LibreOffice show them in English: words
    past a hundred as LibreOffice spells them (no "and"); Unicode's enclosed numbers as far as it
    has them (circled to 50, parenthesised and with a full stop to 20), then none."""
    assert [format_number(n, "ordinalText") for n in (1, 2, 3, 5, 8, 9, 12, 14, 20, 21, 40, 99)] == [
        "First", "Second", "Third", "Fifth", "Eighth", "Ninth", "Twelfth", "Fourteenth", "Twentieth",
        "Twenty-first", "Fortieth", "Ninety-ninth",
    ]  # fmt: skip
    assert [format_number(n, "ordinalText") for n in (100, 101, 112, 1000)] == [
        "One hundredth", "One hundred first", "One hundred twelfth", "One thousandth"
    ]  # fmt: skip
    assert [format_number(n, "cardinalText") for n in (1, 19, 20, 85, 100, 101, 1234)] == [
        "One", "Nineteen", "Twenty", "Eighty-five", "One hundred", "One hundred one",
        "One thousand two hundred thirty-four",
    ]  # fmt: skip
    assert [format_number(n, "ordinal") for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"
    ]  # fmt: skip
    assert [written(n, "decimalEnclosedCircle") for n in (1, 20, 21, 35, 36, 50, 51)] == [
        "\u2460", "\u2473", "\u3251", "\u325f", "\u32b1", "\u32bf", None
    ]  # fmt: skip
    assert [written(n, "decimalEnclosedParen") for n in (1, 20, 21)] == ["\u2474", "\u2487", None]
    assert [written(n, "decimalEnclosedFullstop") for n in (1, 20, 21)] == ["\u2488", "\u249b", None]
    assert written(12, "decimalFullWidth") == "\uff11\uff12" and written(12, "decimalHalfWidth") == "12"
    assert [written(n, "chicago") for n in (1, 2, 3, 4, 5, 9)] == [
        "*", "\u2020", "\u2021", "\u00a7", "**", "***"
    ]  # fmt: skip
    # A format this module does not write, or words in another language: decimals, as before.
    assert written(3, "japaneseCounting") is None and format_number(3, "japaneseCounting") == "3"
    assert written(3, "ordinalText", "fr-FR") is None and format_number(3, "ordinalText", "fr-FR") == "3"
    assert written(3, "ordinalText", "en-GB") == "Third" and written(3, "upperRoman", "fr-FR") == "III"
    assert format_number(51, "decimalEnclosedCircle") == "51"


def test_odf_names_of_formats() -> None:
    """LibreOffice's style:num-format values; one it has that this module does not write keeps
    its own name, for the notes."""
    assert [odf_format(v) for v in ("1st", "One", "First", "\u2460, \u2461, \u2462, ...", "I", "")] == [
        "ordinal", "cardinalText", "ordinalText", "decimalEnclosedCircle", "upperRoman", "none"
    ]  # fmt: skip
    assert odf_format("01, 02, 03, ...") == "decimalZero"
    assert odf_format("\u4e00, \u4e8c, \u4e09, ...") == 'num-format "\u4e00, \u4e8c, \u4e09, ..."'


def _words_list(lang: str = "", style_lang: str = "", level_lang: str = "") -> Numbering:
    """One list whose articles are ordinalText and sections cardinalText, in documents whose
    default language is ``lang``, whose "Body" style's is ``style_lang``, whose level 0's is
    ``level_lang``."""
    rpr = lambda tag, v: f"<w:{tag}><w:lang w:val=\"{v}\"/></w:{tag}>" if v else ""  # noqa: E731
    numbering = etree.fromstring(
        f"""<w:numbering {NS}><w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ordinalText"/><w:lvlText w:val="ARTICLE %1 –"/>
         {rpr("rPr", level_lang)}</w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="cardinalText"/>
         <w:lvlText w:val="Section %2."/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"""
    )
    styles = etree.fromstring(
        f"""<w:styles {NS}><w:docDefaults><w:rPrDefault>{rpr("rPr", lang)}</w:rPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/>
         {rpr("rPr", style_lang)}</w:style>
        </w:styles>"""
    )
    return Numbering.parse(numbering, styles, W)


def _numbered(ilvl: int, style: str = "", mark_lang: str = "") -> etree._Element:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    mark = f'<w:rPr><w:lang w:val="{mark_lang}"/></w:rPr>' if mark_lang else ""
    num_pr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'
    return etree.fromstring(f"<w:pPr {NS}>{pstyle}{num_pr}{mark}</w:pPr>")


def test_words_are_written_in_english_only_and_others_said() -> None:
    """The words are in the label's language (the level's, else the paragraph mark's, its
    style's, the document's): English is written; any other is read in decimals and counted."""
    english = _words_list()
    assert [english.label(_numbered(i)) for i in (0, 1, 1, 0)] == [
        "ARTICLE First – ", "Section One. ", "Section Two. ", "ARTICLE Second – "
    ]  # fmt: skip
    assert english.unwritten.notes() == []
    french = _words_list("fr-CA")
    assert [french.label(_numbered(i)) for i in (0, 1, 1)] == ["ARTICLE 1 – ", "Section 1. ", "Section 2. "]
    assert french.unwritten.notes() == [
        "3 list numbers in a format this reader does not write (w:numFmt ordinalText in fr-CA: 1; "
        "w:numFmt cardinalText in fr-CA: 2) read as 1, 2, 3: check them against the document"
    ]
    # An English paragraph, style or level in a French document is written in English, and back.
    assert _words_list("fr-CA").label(_numbered(0, mark_lang="en-CA")) == "ARTICLE First – "
    assert _words_list("fr-CA", "en-US").label(_numbered(0, style="Body")) == "ARTICLE First – "
    assert _words_list("fr-CA", level_lang="en-US").label(_numbered(0)) == "ARTICLE First – "
    assert _words_list("en-US", "fr-FR").label(_numbered(0, style="Body")) == "ARTICLE 1 – "
    assert _words_list("", "fr-FR").label(_numbered(0)) == "ARTICLE First – "  # Normal is not Body


def test_a_bullet_counts_no_number_for_the_notes() -> None:
    """A bullet level whose text names its own counter shows a bullet, not a number to report."""
    numbering = etree.fromstring(
        f"""<w:numbering {NS}><w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="%1"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"""
    )
    lists = Numbering.parse(numbering, None, W)
    assert [lists.label(_numbered(0)) for _ in range(3)] == ["", "", ""]
    assert lists.unwritten.notes() == []


def test_zero_padded_formats() -> None:
    """Word 2010's custom formats and LibreOffice's ODF num-format name zero padding alike."""
    assert zero_padded("01, 02, 03, ...") == "decimalZero"
    assert zero_padded("001, 002, 003, ...") == "decimalZero3"
    assert zero_padded("00001, 00002, 00003, ...") == "decimalZero5"
    assert zero_padded("1, 2, 3, ...") is None
    assert [format_number(n, "decimalZero3") for n in (7, 42, 1234)] == ["007", "042", "1234"]


def test_custom_formats_in_alternate_content() -> None:
    """Word writes "001, 002, 003, ..." as a custom numFmt a reader that knows Word 2010 chooses,
    beside a plain fallback; a custom format it cannot write takes the fallback's."""
    numbering = etree.fromstring(
        f"""<w:numbering {NS}><w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="9"/><mc:AlternateContent><mc:Choice Requires="w14">
         <w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice>
         <mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>
         <w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><mc:AlternateContent><mc:Choice Requires="w14">
         <w:numFmt w:val="custom" w:format="①, ②, ③, ..."/></mc:Choice>
         <mc:Fallback><w:numFmt w:val="upperRoman"/></mc:Fallback></mc:AlternateContent>
         <w:lvlText w:val="%1.%2"/></w:lvl>
        </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"""
    )
    lists = Numbering.parse(numbering, None, W)

    def ppr(ilvl: int) -> etree._Element:
        num_pr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'
        return etree.fromstring(f"<w:pPr {NS}>{num_pr}</w:pPr>")

    assert [lists.label(ppr(i)) for i in (0, 0, 1, 1)] == ["009. ", "010. ", "010.I ", "010.II "]


def test_table_of_contents_field_and_styles_are_skipped(tmp_path: Path) -> None:
    toc_field = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>ARTICLE 1 - RECOGNITION</w:t></w:r>'
        "<w:r><w:tab/><w:t>2</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>ARTICLE 2 - STAFFING</w:t></w:r><w:r><w:tab/><w:t>3</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    body = (
        _p("ARTICLE 9 - OLD TOC LINE", style="TOC1")
        + toc_field
        + _p("ARTICLE 1 - RECOGNITION")
        + _p("1.1 The Employer recognizes the Union.")
        + _p("ARTICLE 2 - STAFFING")
        + _p("2.1 Staff safely.")
    )
    texts = read_docx_articles(_docx(tmp_path, body))
    assert texts == {
        "recognition": "ARTICLE 1 - RECOGNITION\n1.1 The Employer recognizes the Union.\n",
        "staffing": "ARTICLE 2 - STAFFING\n2.1 Staff safely.\n",
    }


def test_text_boxes_are_read_once_and_hidden_text_is_left_out(tmp_path: Path) -> None:
    box = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        + _p("6.3 In a box.")
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + _p("6.3 In a box.")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    hidden_paragraph = (
        "<w:p><w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:rPr><w:vanish/></w:rPr>"
        "<w:t>CAUCUS: we settle at 2 MAs</w:t></w:r></w:p>"
    )
    body = (
        _p("ARTICLE 6: STAFFING")
        + _p("6.1 Shown.")
        + box
        + hidden_paragraph
        + '<w:p><w:r><w:t xml:space="preserve">6.4 Seen</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>'
        "<w:t> and not seen</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>" + _p("6.5 Next.")
    )
    assert read_paragraphs(_docx(tmp_path, body)) == [
        "ARTICLE 6: STAFFING", "6.1 Shown.", "", "6.3 In a box.", "6.4 Seen.", "6.5 Next."]  # fmt: skip


def test_an_embedded_document_is_refused_in_one_line(tmp_path: Path) -> None:
    body = _p("ARTICLE 6: STAFFING") + '<w:altChunk r:id="rId9" xmlns:r="urn:r"/>'
    with pytest.raises(DocxError, match=r"contract.docx: holds an embedded document \(w:altChunk\)"):
        read_paragraphs(_docx(tmp_path, body))


def test_a_restarted_level_keeps_the_list_counting(tmp_path: Path) -> None:
    """LibreOffice's "Restart Numbering" on a section is a second numId over the same list with a
    startOverride: it restarts that level once, and both numIds go on counting one list. Before:
    the second numId counted alone ("1.1" under ARTICLE 2, then "2.1" for the next section)."""
    numbering = NUMBERING.replace(
        "</w:numbering>",
        '<w:num w:numId="4"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"/>'
        '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>',
    )
    body = (
        _p("RECOGNITION", (1, 0)) + _p("Unit.", (1, 1))
        + _p("STAFFING", (1, 0)) + _p("Purpose.", (4, 1)) + _p("Ratios.", (1, 1))
        + _p("HOURS", (1, 0)) + _p("Week.", (1, 1))
    )  # fmt: skip
    out = tmp_path / "restart.docx"
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>")
        zf.writestr("word/numbering.xml", numbering)
        zf.writestr("word/styles.xml", STYLES)
    assert read_paragraphs(out) == [
        "ARTICLE I – RECOGNITION", "1.1 Unit.", "ARTICLE II – STAFFING", "2.1 Purpose.", "2.2 Ratios.",
        "ARTICLE III – HOURS", "3.1 Week."]  # fmt: skip
