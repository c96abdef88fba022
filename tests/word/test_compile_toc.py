"""The compiled contract's contents page is usable in print (issue 12): each entry links to a
bookmark on its part's heading and numbers its page with a PAGEREF field (Word refreshes the TOC
field on opening, w:updateFields); the --pdf copy, laid out by LibreOffice, prints the page each
part starts on. An open part's note is followed by its TA'd sections with no empty paragraph."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CLI
from docx_checks import document_root, schema_problems

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path, Path]:
    where = tmp_path_factory.mktemp("toc")
    cli = CLI(where)
    cli("demo", "demo")
    out = where / "contract.docx"
    cli(
        "-C",
        str(where / "demo"),
        "compile",
        "--force",
        "--term",
        "July 1, 2025 to June 30, 2028",
        "-o",
        str(out),
    )
    return cli, where / "demo", out


def _text(p: object) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))  # type: ignore[attr-defined]


def test_contents_entries_point_at_bookmarked_headings(compiled: tuple[CLI, Path, Path]) -> None:
    _, _, out = compiled
    root = document_root(out)
    body = root.find(f"{W}body")
    assert body is not None
    marks = {b.get(f"{W}name"): b.getparent() for b in body.iter(f"{W}bookmarkStart")}
    instructions = ["".join(i.text or "" for i in p.iter(f"{W}instrText")) for p in body.iter(f"{W}p")]
    pagerefs = [m for text in instructions for m in re.findall(r"PAGEREF (\S+)", text)]
    assert len(pagerefs) == 21  # the preamble, 18 articles, the appendix and the letter
    for name in pagerefs:
        link = next(h for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor") == name)
        heading = marks[name]  # the bookmark exists, on the heading with the entry's title
        assert heading.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1"
        assert _text(heading) == _text(link)
        # no page number is cached (none is known before layout), so no dot leader leads to
        # nothing where LibreOffice shows the cached entries as they are
        assert link.getparent().find(f".//{W}r/{W}tab") is None
    ids = [
        el.get(f"{W}id") for el in body.iter() if el.get(f"{W}id") is not None and el.tag != f"{W}bookmarkEnd"
    ]
    assert len(ids) == len(set(ids))
    assert schema_problems(root) == []
    assert "<w:updateFields" in zipfile.ZipFile(out).read("word/settings.xml").decode()


def test_an_open_part_has_no_empty_paragraph(compiled: tuple[CLI, Path, Path]) -> None:
    _, _, out = compiled
    body = document_root(out).find(f"{W}body")
    assert body is not None
    empty = [
        p for p in body.iter(f"{W}p")
        if not _text(p) and p.find(f".//{W}br") is None and p.find(f"{W}pPr/{W}sectPr") is None
        and p.find(f".//{W}fldChar") is None
    ]  # fmt: skip
    assert empty == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_contents_number_the_pages_parts_start_on(
    compiled: tuple[CLI, Path, Path], tmp_path: Path
) -> None:
    cli, repo, _ = compiled
    out = tmp_path / "contract.docx"
    cli("-C", str(repo), "compile", "--force", "--pdf", "-o", str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out.with_suffix(".pdf")), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout  # fmt: skip
    pages = text.split("\f")
    contents = next(i for i, page in enumerate(pages) if "\nContents\n" in page)
    entries = re.findall(r"^(\S.*?)\.{3,}\s*(\d+)$", pages[contents], flags=re.M)
    assert len(entries) == 21
    for title, number in entries:
        starts = [i + 1 for i, page in enumerate(pages) if i > contents and title in page.splitlines()]
        assert starts and int(number) == starts[0], (title, number, starts)
    assert len({n for _, n in entries}) > 3  # the parts do not all start on one page
