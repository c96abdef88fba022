"""A .docx made by pasting a hard-wrapped text into a word processor (issue 11): every line of
the text is a paragraph of its own (~70 characters, stopping mid-sentence), with an empty
paragraph between real paragraphs or none. Read as a contract, it is unwrapped the way the text
file itself is and gives the same parts with the same text; a document typed paragraph by
paragraph (the corpus .docx files) is left as it is.

Before: each line of the Canadian agreement was a paragraph of its own in every part."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from corpus_docs import NS, STYLES, convert, soffice
from test_corpus import CANADIAN, CORPUS

from proposals.contract.plaintext import pasted_wrapped
from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def _pasted(lines: list[str]) -> str:
    """A flat ODF document with each line as a plain paragraph, as pasting text leaves it."""
    body = "".join(f'<text:p text:style-name="Standard">{escape(line)}</text:p>' for line in lines)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f"<office:styles>{STYLES}</office:styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document>"
    )


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each form as the pasted .docx and as the text file it was pasted from."""
    out = tmp_path_factory.mktemp("pasted")
    lines = (CORPUS / "canadian.txt").read_text("utf-8").split("\n")
    sources = {
        "blank": lines,  # an empty paragraph between paragraphs, as pasted
        "none": [line for line in lines if line.strip()],  # no empty paragraph anywhere
    }
    paths, texts = [], []
    for name, paras in sources.items():
        path = out / f"canadian-pasted-{name}.fodt"
        path.write_text(_pasted(paras), "utf-8")
        paths.append(path)
        texts.append(out / f"canadian-pasted-{name}.txt")
        texts[-1].write_text("\n".join(paras), "utf-8")
    docx = convert(paths, "docx", out)
    return dict(zip(sources, zip(docx, texts, strict=True), strict=True))


@pytest.mark.parametrize("form", ["blank", "none"])
def test_a_pasted_hard_wrapped_text_reads_as_the_text_file_does(
    pasted: dict[str, tuple[Path, Path]], form: str
) -> None:
    text = read_contract(pasted[form][1], "text")
    docx = read_contract(pasted[form][0], "docx")
    assert [(p.kind, p.number, p.title) for p in text.parts] == CANADIAN.parts
    assert [(p.kind, p.number, p.title) for p in docx.parts] == [
        (p.kind, p.number, p.title) for p in text.parts
    ]
    assert [p.text for p in docx.parts] == [p.text for p in text.parts]
    assert any("wrapped lines joined" in note for note in docx.notes)


def test_paragraphs_typed_one_by_one_are_not_taken_for_pasted_lines() -> None:
    for name in ("us_private", "us_public", "uk", "australian", "australian_ea"):
        from corpus_docs import paragraphs

        assert not pasted_wrapped(paragraphs((CORPUS / f"{name}.txt").read_text("utf-8"))), name
    assert pasted_wrapped((CORPUS / "canadian.txt").read_text("utf-8").split("\n"))
