"""Reading .docx back: round trips, the other side's tracked changes, and hostile files."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx_samples import SAFETY, SESSION, STAFFING, UNION, WAGES, cases, demo_cases, engine_diff

from proposals.errors import ProposalsError
from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import (
    DocxError,
    ImportedArticle,
    arabic,
    heading_of,
    match_articles,
    read_docx,
    read_docx_articles,
    read_paragraphs,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _export(path: Path, mode: str, changes: list[ArticleChange]) -> Path:
    export_proposal(
        changes, path, mode=mode, party=UNION, pass_name="U-7", session=SESSION,
        diff=engine_diff,
    )  # fmt: skip
    return path


@pytest.mark.parametrize("mode", ["clean", "tracked"])
def test_round_trip_gives_back_the_article_texts(tmp_path: Path, mode: str) -> None:
    changes = [ArticleChange(c.old, c.new, c.ops) for c in [*cases()[:6], *demo_cases()]]
    out = _export(tmp_path / "rt.docx", mode, changes)
    imported = read_docx(out)
    assert [a.text for a in imported.articles] == [c.new for c in changes]
    assert imported.preamble == ""
    assert [a.number for a in imported.articles][:6] == ["6", "6", "14", "10", "14", "11"]
    assert imported.articles[0].title == "STAFFING"
    assert imported.has_revisions is (mode == "tracked")
    if mode == "tracked":
        assert imported.revision_authors == (UNION,)
        rejected = read_docx(out, view="rejected")
        assert [a.text for a in rejected.articles] == [c.old for c in changes]


def test_tabs_and_unicode_survive(tmp_path: Path) -> None:
    text = "ARTICLE 3: DÉFINITIONS\n\n3.1\t«Clinician» means a physician — or an NP/PA.\n"
    out = _export(tmp_path / "u.docx", "tracked", [ArticleChange(text.replace("NP", "N.P."), text)])
    assert read_docx(out).articles[0].text == text


# --------------------------------------------------------------------------- foreign files


def _docx_with_body(tmp_path: Path, body: str, name: str = "foreign.docx") -> Path:
    """A real .docx from python-docx whose body XML is replaced with Word-style markup."""
    doc = docx.Document()
    doc.add_paragraph("x")
    raw = io.BytesIO()
    doc.save(raw)
    out = tmp_path / name
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    f'<w:document xmlns:w="{W}" '
                    f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                    f"<w:body>{body}<w:sectPr/></w:body></w:document>"
                ).encode()
            dst.writestr(info, data)
    return out


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _a(kind: str, n: int) -> str:
    return f'<w:{kind} w:id="{n}" w:author="Employer Team" w:date="2025-03-20T10:00:00Z">'


def test_counterparty_tracked_changes(tmp_path: Path) -> None:
    """Their inserted and moved-to text counts; deleted, moved-from and delText do not."""
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        + _r("ARTICLE 12: LEAVES")
        + "</w:p>"
        + "<w:p>"
        + _r("12.1 Clinicians shall receive ")
        + _a("ins", 1)
        + _r("twelve")
        + "</w:ins>"
        + _a("del", 2)
        + '<w:r><w:delText xml:space="preserve">ten</w:delText></w:r></w:del>'
        + _r(" days")
        + _a("moveFrom", 3)
        + _r(" of paid leave")
        + "</w:moveFrom>"
        + _r(".")
        + "</w:p>"
        # a whole deleted paragraph: content and mark
        + "<w:p><w:pPr><w:rPr>"
        + _a("del", 4)
        + "</w:del></w:rPr></w:pPr>"
        + _a("del", 5)
        + '<w:r><w:delText xml:space="preserve">12.2 Gone.</w:delText></w:r></w:del></w:p>'
        # a whole inserted paragraph with a moved-to run and a soft break
        + "<w:p><w:pPr><w:rPr>"
        + _a("ins", 6)
        + "</w:ins></w:rPr></w:pPr>"
        + _a("ins", 7)
        + _r("12.3 Leave")
        + "</w:ins>"
        + _a("moveTo", 8)
        + _r(" of paid leave")
        + "</w:moveTo>"
        + _a("ins", 9)
        + "<w:r><w:tab/><w:t>(a)</w:t><w:br/><w:t>second line</w:t></w:r></w:ins></w:p>"
        + "<w:p>"
        + _r("12.4 Stays.")
        + "</w:p>"
    )
    path = _docx_with_body(tmp_path, body)
    # python-docx's own reading loses the inserted word: the reason this module exists
    assert "twelve" not in docx.Document(str(path)).paragraphs[1].text
    accepted = read_docx(path)
    assert accepted.articles[0].text == (
        "ARTICLE 12: LEAVES\n"
        "12.1 Clinicians shall receive twelve days.\n"
        "12.3 Leave of paid leave\t(a)\n"
        "second line\n"
        "12.4 Stays.\n"
    )
    assert accepted.revision_authors == ("Employer Team",)
    rejected = read_paragraphs(path, "rejected")
    assert rejected == [
        "ARTICLE 12: LEAVES",
        "12.1 Clinicians shall receive ten days of paid leave.",
        "12.2 Gone.",
        "12.4 Stays.",
    ]


def test_tables_fields_and_textboxes(tmp_path: Path) -> None:
    row = "<w:tr>{}</w:tr>"
    cell = "<w:tc><w:p>{}</w:p></w:tc>"
    body = (
        "<w:p>" + _r("ARTICLE 10: WAGES") + "</w:p>"
        "<w:tbl>"
        + row.format(cell.format(_r("Step 1")) + cell.format(_r("$100.00")))
        + "<w:tr><w:trPr>" + _a("del", 1) + "</w:del></w:trPr>"
        + cell.format(_r("Step 0")) + cell.format(_r("$90.00")) + "</w:tr>"
        "</w:tbl>"
        "<w:p><w:fldSimple w:instr=\" REF x \">" + _r("see 10.2") + "</w:fldSimple>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<mc:AlternateContent><mc:Choice Requires=\"wps\"/><mc:Fallback>"
        + _r("DUPLICATE")
        + "</mc:Fallback></mc:AlternateContent></w:p>"
    )  # fmt: skip
    path = _docx_with_body(tmp_path, body)
    assert read_paragraphs(path) == ["ARTICLE 10: WAGES", "| Step 1 | $100.00 |", "see 10.2"]


def test_preamble_and_heading_detection(tmp_path: Path) -> None:
    body = (
        "<w:p>" + _r("EMPLOYER PROPOSAL E-4") + "</w:p>"
        "<w:p>" + _r("ARTICLE 6: STAFFING") + "</w:p>"
        "<w:p>" + _r("Article 12 of this Agreement applies.") + "</w:p>"
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" + _r("Article 7 - Hours") + "</w:p>"
        "<w:p>" + _r("7.1 Text.  ") + "</w:p><w:p/><w:p/>"
    )  # fmt: skip
    imported = read_docx(_docx_with_body(tmp_path, body))
    assert imported.preamble == "EMPLOYER PROPOSAL E-4\n"
    assert [(a.number, a.title) for a in imported.articles] == [("6", "STAFFING"), ("7", "Hours")]
    assert imported.articles[0].text == "ARTICLE 6: STAFFING\nArticle 12 of this Agreement applies.\n"
    assert imported.articles[1].text == "Article 7 - Hours\n7.1 Text.\n"


def test_heading_of() -> None:
    assert heading_of("ARTICLE 6: STAFFING") == ("6", "STAFFING")
    assert heading_of("ARTICLE 12A \u2014 Leaves") == ("12A", "Leaves")
    assert heading_of("ARTICLE 9") == ("9", "")
    assert heading_of("Article 9: Hours") == ("9", "Hours")  # as contracts write it (issue 11)
    assert heading_of("Article 9 of this Agreement applies to all Clinicians.") is None
    assert heading_of("Article 9: Hours", heading_style=True) == ("9", "Hours")
    assert heading_of("ARTICLE 12 SHALL APPLY TO ALL") is None


def test_python_docx_document_reads(tmp_path: Path) -> None:
    doc = docx.Document()
    for line in WAGES.rstrip("\n").split("\n"):
        doc.add_paragraph(line)
    path = tmp_path / "plain.docx"
    doc.save(str(path))
    assert read_docx(path).articles[0].text == WAGES


# --------------------------------------------------------------------------- broken inputs


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return raw.getvalue()


GOOD_XML = f'<w:document xmlns:w="{W}"><w:body><w:p/></w:body></w:document>'.encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"ARTICLE 6: STAFFING\n", "not a .docx file (not a zip archive)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "encrypted"),
        (b"PK\x03\x04 truncated", "not a readable .docx"),
        (_zip({"word/other.xml": b"<x/>"}), "no word/document.xml inside"),
        (_zip({"word/document.xml": b"<w:document><w:body>"}), "not well-formed XML"),
        (_zip({"word/document.xml": b"<html><body/></html>"}), "not a WordprocessingML"),
        (
            _zip({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'}),
            "declares a DTD",
        ),
        (_zip({"word/document.xml": GOOD_XML + b" " * (50 * 2**20)}), "zip bomb"),
    ],
    ids=[
        "empty",
        "text",
        "ole",
        "truncated-zip",
        "no-document",
        "bad-xml",
        "not-wml",
        "dtd",
        "bomb",
    ],
)
def test_broken_inputs_raise_one_line_errors(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "in.docx"
    path.write_bytes(data)
    with pytest.raises(DocxError, match=re.escape(message)) as info:
        read_docx(path)
    text = str(info.value)
    assert "\n" not in text and text.startswith(f"{path}: ")
    assert isinstance(info.value, ValueError)


def test_encrypted_zip_entry(tmp_path: Path) -> None:
    data = bytearray(_zip({"word/document.xml": GOOD_XML}, zipfile.ZIP_STORED))
    # set the "encrypted" general-purpose flag in the local and central headers
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.find(sig)
        flag_at = at + (6 if sig == b"PK\x03\x04" else 8)
        data[flag_at] |= 1
    path = tmp_path / "enc.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(DocxError, match="encrypted"):
        read_docx(path)


def test_lying_zip_sizes_are_caught(tmp_path: Path) -> None:
    """An entry whose declared size is smaller than what it inflates to is refused."""
    big = GOOD_XML + b" " * 100_000
    data = bytearray(_zip({"word/document.xml": big}))
    central = data.find(b"PK\x01\x02")
    size_at = central + 24  # uncompressed size in the central directory
    data[size_at : size_at + 4] = (len(GOOD_XML)).to_bytes(4, "little")
    path = tmp_path / "lie.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(DocxError, match=r"declared size|corrupt"):
        read_docx(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocxError, match="no such file"):
        read_docx(tmp_path / "nope.docx")
    with pytest.raises(DocxError, match="directory"):
        read_docx(tmp_path)


def test_bytes_and_stream_sources(tmp_path: Path) -> None:
    out = _export(tmp_path / "s.docx", "clean", [ArticleChange(SAFETY, STAFFING)])
    data = out.read_bytes()
    assert read_docx(data).articles[0].text == STAFFING
    assert read_docx(io.BytesIO(data)).articles[0].text == STAFFING


def test_read_docx_articles_for_baseline(tmp_path: Path) -> None:
    changes = [ArticleChange("", t) for t in (STAFFING, WAGES, SAFETY, WAGES)]
    out = _export(tmp_path / "contract.docx", "clean", changes)
    texts = read_docx_articles(out)
    assert list(texts) == ["staffing", "wages", "health-and-safety", "wages-2"]
    assert texts["wages"] == WAGES and texts["health-and-safety"] == SAFETY


def test_read_docx_articles_needs_headings(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Just a letter.")
    doc.save(str(tmp_path / "letter.docx"))
    with pytest.raises(DocxError, match="no article headings"):
        read_docx_articles(tmp_path / "letter.docx")


def test_docx_error_is_a_proposals_error() -> None:
    """The CLI prints ProposalsError as its one-line error; DocxError needs no mapping."""
    assert issubclass(DocxError, ProposalsError) and issubclass(DocxError, ValueError)


def test_match_articles_by_number_and_title() -> None:
    known = {
        "staffing": STAFFING,
        "wages": WAGES,
        "safety": SAFETY,
    }
    imported = [
        ImportedArticle("6", "STAFFING", STAFFING),  # both equal
        ImportedArticle("11", "Wages", WAGES),  # renumbered: title wins
        ImportedArticle("14", "SAFETY AND HEALTH", SAFETY),  # retitled: number wins
        ImportedArticle("30", "NEW ARTICLE", "ARTICLE 30: NEW ARTICLE\n"),
    ]
    got = [(a.number, i) for a, i in match_articles(imported, known)]
    assert got == [("6", "staffing"), ("11", "wages"), ("14", "safety"), ("30", None)]


def test_roman_numerals_and_two_line_headings(tmp_path: Path) -> None:
    """Many Word contracts say "ARTICLE VI" and put the title on the next line."""
    body = (
        "<w:p>" + _r("ARTICLE VI") + "</w:p><w:p>" + _r("STAFFING") + "</w:p>"
        "<w:p>" + _r("6.1 Text.") + "</w:p>"
        "<w:p>" + _r("ARTICLE XIV: HEALTH AND SAFETY") + "</w:p>"
        "<w:p>" + _r("ARTICLE IN GENERAL USE IS NOT A HEADING") + "</w:p>"
    )  # fmt: skip
    imported = read_docx(_docx_with_body(tmp_path, body))
    assert [(a.number, a.title) for a in imported.articles] == [
        ("VI", "STAFFING"),
        ("XIV", "HEALTH AND SAFETY"),
    ]
    assert imported.articles[0].text == "ARTICLE VI\nSTAFFING\n6.1 Text.\n"
    matched = match_articles(imported.articles, {"staffing": STAFFING, "safety": SAFETY})
    assert [i for _, i in matched] == ["staffing", "safety"]
    assert arabic("XIV") == "14" and arabic("IX") == "9" and arabic("12A") == "12A"
