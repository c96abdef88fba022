"""Heading titles wrapped over two lines, and a letter's own title line under its number.

Seen in a real agreement (a university's postdoctoral fellows' collective agreement, Word →
Acrobat PDFMaker): "ARTICLE 21 – Joint Committee for the Administration of the" / "Agreement
(JCAA)" and "LOA #1 – Access to Services - University’s Employee and Family" / "Assistance
Program", each whole in the table of contents, then "Letter Of Agreement (“LOA”)" centred under
the letter's number. Before: the titles ended on "of the" and "Family", the next line was the
part's first paragraph, and the letter was cut in two ("letter 1" of one paragraph and an
unnumbered letter “LOA”). The layouts are rebuilt here in LibreOffice (.docx and its PDF) and
as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_docs import soffice
from real_docs import document, docx_and_pdf, p

from proposals.negotiation.baseline import read_contract


def _broken(first: str, second: str) -> str:
    """One paragraph in two lines (a manual line break, as a PDF's wrap reads)."""
    return f'<text:p text:style-name="Bold">{first}<text:line-break/>{second}</text:p>'


WRAPPED = document(
    p("COLLECTIVE AGREEMENT", "Title")
    + p("Contents")
    + p("ARTICLE 20 – Arbitration ........................................ 21")
    + p("ARTICLE 21 – Joint Committee for the Administration of the Agreement (JCAA) ........ 22")
    + p("LOA#1-Access to Services-University’s Employee and Family Assistance Program ....... 37")
    + p("ARTICLE 20 – Arbitration", "Bold")
    + p("20.01 The arbitrator shall have no power to alter or amend any provision of this Agreement.")
    + _broken("ARTICLE 21 – Joint Committee for the Administration of the", "Agreement (JCAA)")
    + p("21.01 A JCAA composed of six (6) representatives shall be established within sixty days.")
    + _broken("LOA #1 – Access to Services - University’s Employee and Family", "Assistance Program")
    + p("Letter Of Agreement (“LOA”)", "Bold")
    + p("Re: Access to Services - University’s Employee and Family Assistance Program")
    + p("The Parties agree that Postdoctoral Fellows shall be provided access to the Program.")
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the .docx and PDF are made by it")
    return docx_and_pdf({"wrapped": WRAPPED}, tmp_path_factory.mktemp("wrapped"))


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_title_wrapped_onto_the_next_line_is_joined_by_its_contents_entry(
    files: dict[str, Path], form: str
) -> None:
    reading = read_contract(files[f"wrapped.{form}"], form)  # type: ignore[arg-type]
    heads = {(part.kind, part.number): part for part in reading.parts}
    article = heads[("article", "21")]
    assert article.title == "Joint Committee for the Administration of the Agreement (JCAA)"
    assert article.text.split("\n")[:2] == [
        "ARTICLE 21 – Joint Committee for the Administration of the Agreement (JCAA)", "21.01 A JCAA "
        "composed of six (6) representatives shall be established within sixty days."]  # fmt: skip
    letter = heads[("letter", "1")]
    assert letter.title == "Access to Services - University’s Employee and Family Assistance Program"
    # the letter's own title line and its text stay in it: one letter, not two
    assert [(part.kind, part.number) for part in reading.parts] == [
        ("article", "20"), ("article", "21"), ("letter", "1")]  # fmt: skip
    assert "Letter Of Agreement (“LOA”)" in letter.text and "shall be provided access" in letter.text


def test_a_title_ending_on_a_word_that_carries_on_takes_the_next_line(tmp_path: Path) -> None:
    """No table of contents: "... OF THE" cannot end a title, so the short line under it is its end."""
    source = tmp_path / "contract.txt"
    source.write_text(
        "ARTICLE 1 - RECOGNITION\n\nThe Employer recognizes the Union as the sole bargaining agent.\n\n"
        "ARTICLE 2 - JOINT COMMITTEE FOR THE ADMINISTRATION OF THE\nAGREEMENT\n\n"
        "2.1 A committee of six shall meet monthly to discuss the operation of this Agreement.\n\n"
        "ARTICLE 3 - HOURS OF WORK\n\nHOURLY EMPLOYEES\n\n3.1 Eight hours a day.\n",
        "utf-8",
    )
    parts = read_contract(source, "text").parts
    whole = "JOINT COMMITTEE FOR THE ADMINISTRATION OF THE AGREEMENT"
    assert [p.title for p in parts] == ["RECOGNITION", whole, "HOURS OF WORK"]
    assert parts[1].text.startswith(f"ARTICLE 2 - {whole}\n\n2.1")
    assert "\nHOURLY EMPLOYEES\n" in parts[2].text  # a title that is whole keeps the line under it
