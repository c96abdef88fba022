"""Word numbering as LibreOffice writes it, read exactly as the document shows it (issue 11).

The contracts are flat ODF with real list and outline numbering (``lo_fodt.py``), converted to
.docx (and PDF) by ``soffice --headless --convert-to``: articles numbered by the list
("ARTICLE %1 –"), sections by its second level ("%1.%2"), restarting under each article, with
LibreOffice's "Restart Numbering" on a section (a second w:num over the same list with a
startOverride) and a list taken up again after plain paragraphs. Legal numbering (Word's
``w:isLgl``, put on the converted file) writes a Roman article number in decimals inside a
section number ("2.1.1"), and only on the levels that carry it ("II.1").
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CLI
from lo_fodt import convert, levels, set_legal, write

from proposals.word.reader import read_paragraphs

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed"
)

FILLER = ["RECOGNITION", "UNION SECURITY", "MANAGEMENT RIGHTS", "SENIORITY", "GRIEVANCES"]


def _contract() -> list[tuple]:
    blocks: list[tuple] = [("part", "PREAMBLE"), ("para", "This Agreement is made by the parties.")]
    for title in FILLER:
        blocks += [("article", title), ("section", f"{title.title()}. First."),
                   ("section", f"{title.title()}. Second.")]  # fmt: skip
    blocks += [
        ("article", "STAFFING"),
        ("section", "Purpose. The Employer shall maintain safe staffing.", "restart"),
        ("para", "The parties agree as follows:"),
        ("section", "Ratios. Ratios are set by unit:"),
        ("subsection", "Days. One nurse per four patients."),
        ("subsection", "Nights. One nurse per five patients."),
        ("section", "Support. Each nurse is supported by:"),
        ("item", "one assistant;"),
        ("item", "a float pool."),
        ("article", "HOURS OF WORK"),
        ("section", "Workweek. The normal workweek is forty hours.", "restart"),
        ("section", "Breaks. Each nurse has a thirty minute break."),
        ("part", "APPENDIX A - WAGE SCALES"),
        ("table", [["Step", "Rate"], ["1", "$50.00"]]),
    ]
    return blocks


def staffing(article: str, section: str = "{a}.{s}") -> str:
    """ARTICLE 6 as Word shows it, article number ``article`` and section numbers ``section``."""
    n = {"6": "6", "VI": "VI"}[article]
    s = lambda sec, *sub: ".".join([section.format(a=n, s=sec).split(".")[0], str(sec), *map(str, sub)])  # noqa: E731
    return (
        f"ARTICLE {article} – STAFFING\n"
        f"{s(1)} Purpose. The Employer shall maintain safe staffing.\n"
        "The parties agree as follows:\n"
        f"{s(2)} Ratios. Ratios are set by unit:\n"
        f"{s(2, 1)} Days. One nurse per four patients.\n"
        f"{s(2, 2)} Nights. One nurse per five patients.\n"
        f"{s(3)} Support. Each nurse is supported by:\n"
        "(a) one assistant;\n"
        "(b) a float pool.\n"
    )


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-numbering")
    for mode in ("list", "outline"):
        for article in ("decimal", "upperRoman"):
            fodt = write(out / f"{mode}-{article}.fodt", _contract(), mode=mode, spec=levels(article))
            convert(fodt, "docx")
            if (mode, article) == ("list", "decimal"):
                convert(fodt, "pdf")
    # Legal numbering on the section and subsection levels only, then on the subsections only.
    set_legal(out / "outline-upperRoman.docx", [1, 2], out / "legal.docx")
    set_legal(out / "outline-upperRoman.docx", [2], out / "legal-deep.docx")
    return out


def _baseline(cli: CLI, docx: Path, name: str) -> Path:
    cli("init", name, "--union", "Nurses United", "--employer", "Northstar Health")
    cli("-C", name, "baseline", "--from-docx", str(docx))
    return cli.cwd / name / "articles"


@pytest.mark.parametrize("mode", ["list", "outline"])
def test_sections_restart_under_each_article_as_the_document_shows(
    cli: CLI, documents: Path, mode: str
) -> None:
    """Before: a restarted section counted in a list of its own ("1.1 Purpose" under ARTICLE 6)
    and the list's next section went on from the article before ("6.1 Ratios")."""
    articles = _baseline(cli, documents / f"{mode}-decimal.docx", f"talks-{mode}")
    assert (articles / "staffing.txt").read_text() == staffing("6")
    assert (articles / "hours-of-work.txt").read_text() == (
        "ARTICLE 7 – HOURS OF WORK\n7.1 Workweek. The normal workweek is forty hours.\n"
        "7.2 Breaks. Each nurse has a thirty minute break.\n"
    )
    assert (articles / "grievances.txt").read_text() == (
        "ARTICLE 5 – GRIEVANCES\n5.1 Grievances. First.\n5.2 Grievances. Second.\n"
    )
    assert (articles / "preamble.txt").read_text() == "PREAMBLE\nThis Agreement is made by the parties.\n"


def test_roman_articles_keep_roman_numbers_in_sections_without_legal_numbering(documents: Path) -> None:
    paragraphs = read_paragraphs(documents / "outline-upperRoman.docx")
    start = paragraphs.index("ARTICLE VI – STAFFING")
    assert "\n".join(paragraphs[start : start + 9]) + "\n" == staffing("VI")
    assert "VII.1 Workweek. The normal workweek is forty hours." in paragraphs


def test_legal_numbering_writes_roman_levels_in_decimals(documents: Path) -> None:
    """w:isLgl on a level: every number in its label is decimal ("2.1.1", not "II.1.1"); the
    article heading, without it, stays "ARTICLE VI"."""
    paragraphs = read_paragraphs(documents / "legal.docx")
    start = paragraphs.index("ARTICLE VI – STAFFING")
    assert "\n".join(paragraphs[start : start + 9]) + "\n" == staffing("VI").replace("VI.", "6.")
    deep = read_paragraphs(documents / "legal-deep.docx")
    start = deep.index("ARTICLE VI – STAFFING")
    assert deep[start + 1 : start + 6] == [
        "VI.1 Purpose. The Employer shall maintain safe staffing.",
        "The parties agree as follows:",
        "VI.2 Ratios. Ratios are set by unit:",
        "6.2.1 Days. One nurse per four patients.",
        "6.2.2 Nights. One nurse per five patients.",
    ]


def test_the_same_contract_as_pdf_reads_the_same_numbers(cli: CLI, documents: Path) -> None:
    """LibreOffice's own PDF of the flat ODF shows the labels the .docx import writes out, line
    for line (the PDF reader's paragraph joins are its own business: only labels are compared)."""
    import re

    labels = re.compile(r"^(ARTICLE \w+ –|\d+(?:\.\d+)+|\([a-z]\)) ", re.M)
    from_docx = _baseline(cli, documents / "list-decimal.docx", "from-docx")
    cli("init", "from-pdf", "--union", "Nurses United", "--employer", "Northstar Health")
    cli("-C", "from-pdf", "baseline", "--from-pdf", str(documents / "list-decimal.pdf"))
    from_pdf = cli.cwd / "from-pdf" / "articles"
    for name in ("staffing.txt", "hours-of-work.txt", "recognition.txt"):
        docx_labels = labels.findall((from_docx / name).read_text())
        assert labels.findall((from_pdf / name).read_text()) == docx_labels, name
    assert labels.findall((from_docx / "staffing.txt").read_text()) == [
        "ARTICLE 6 –", "6.1", "6.2", "6.2.1", "6.2.2", "6.3", "(a)", "(b)"]  # fmt: skip
