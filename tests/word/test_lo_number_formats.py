"""List numbers in words and marks ("ARTICLE Second –", "Section Twenty-one.", "1st", "①", "†")
in contracts LibreOffice writes, read as LibreOffice itself shows them (its text export of the
same file), and a format or language the reader does not write said in the import's notes.

The contracts are flat ODF (``lo_fodt.py``) whose levels use LibreOffice's "First", "One", "1st",
"①, ②, ③, ..." and "*, †, ‡, §, ..." formats, converted by ``soffice`` to .odt and .docx. In the
.odt the format is the level's ``style:num-format``; in the .docx Word's ``w:numFmt``
``ordinalText``, ``cardinalText``, ``ordinal``, ``decimalEnclosedCircle`` and ``chicago``. The
words are in the language of the text: a French contract shows "Premier", "Un", "1ᵉʳ", which the
reader does not write (English only): it reads decimals, as before, and says so.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import CLI
from lo_fodt import as_shown, collapsed, write

from proposals.word.reader import read_docx_lines, read_paragraphs

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed"
)

SECTIONS = 22  # past twenty: "Twenty-one", "22nd", "㉑"
# (prefix, format, suffix, levels shown) of the article, section, subsection and item levels.
SPECS = {
    "outline": [("ARTICLE ", "ordinalText", " –", 1), ("Section ", "cardinalText", ".", 1),
                ("", "ordinal", "", 1), ("", "decimalEnclosedCircle", "", 1)],
    "list": [("ARTICLE ", "ordinal", " –", 1), ("", "ordinalText", ".", 1),
             ("", "decimalEnclosedCircle", "", 1), ("", "chicago", "", 1)],
}  # fmt: skip


def _contract() -> list[tuple]:
    blocks: list[tuple] = [("part", "PREAMBLE"), ("para", "This Agreement is made by the parties.")]
    blocks += [("article", "RECOGNITION"), ("section", "The Employer recognises the Union.")]
    blocks += [("article", "HOURS OF WORK")]
    blocks += [("section", f"Rule {n}. As scheduled.") for n in range(1, SECTIONS + 1)]
    blocks += [("subsection", f"Shift {n}. Eight hours.") for n in range(1, SECTIONS + 1)]
    blocks += [("item", f"post {n};") for n in range(1, 6)]
    blocks += [("article", "WAGES"), ("section", "As in Appendix A.")]
    return blocks


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-number-formats")
    made = [write(out / f"{name}.fodt", _contract(), mode=name, spec=SPECS[name]) for name in SPECS]
    french = write(out / "french.fodt", _contract(), mode="outline", spec=SPECS["outline"], language="fr-FR")
    made.append(french)
    for fodt in made:
        as_shown(fodt, out)
    return out


@pytest.mark.parametrize("mode", ["outline", "list"])
@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_words_and_marks_read_as_libreoffice_shows_them(documents: Path, mode: str, kind: str) -> None:
    """Before: the .odt read "ARTICLE 1 –", "Section 1.", "1", "1" (its num-format unknown, so
    decimal); the .docx read "ARTICLE 1 –" for ordinalText, "21" for chicago and "1" circled."""
    shown = collapsed((documents / kind / f"{mode}.txt").read_text("utf-8-sig").splitlines())
    assert collapsed(read_paragraphs(documents / f"{mode}.{kind}")) == shown
    _, notes, _ = read_docx_lines(documents / f"{mode}.{kind}")
    assert not [n for n in notes if "list number" in n]
    hours = shown[shown.index(f"ARTICLE {'Second' if mode == 'outline' else '2nd'} – HOURS OF WORK") :]
    if mode == "outline":
        assert hours[1:3] == ["Section One. Rule 1. As scheduled.", "Section Two. Rule 2. As scheduled."]
        assert hours[21:23] == [
            "Section Twenty-one. Rule 21. As scheduled.",
            "Section Twenty-two. Rule 22. As scheduled.",
        ]
        assert hours[23:25] == ["1st Shift 1. Eight hours.", "2nd Shift 2. Eight hours."]
        assert hours[43:45] == ["21st Shift 21. Eight hours.", "22nd Shift 22. Eight hours."]
        assert hours[45:48] == ["\u2460 post 1;", "\u2461 post 2;", "\u2462 post 3;"]
        assert shown[-2] == "ARTICLE Third – WAGES"
    else:
        assert hours[1:3] == ["First. Rule 1. As scheduled.", "Second. Rule 2. As scheduled."]
        assert hours[21:23] == [
            "Twenty-first. Rule 21. As scheduled.",
            "Twenty-second. Rule 22. As scheduled.",
        ]
        assert hours[23] == "\u2460 Shift 1. Eight hours."
        assert hours[43:45] == ["\u3251 Shift 21. Eight hours.", "\u3252 Shift 22. Eight hours."]
        assert hours[45:50] == [
            "* post 1;", "\u2020 post 2;", "\u2021 post 3;", "\u00a7 post 4;", "** post 5;"
        ]  # fmt: skip
        assert shown[-2] == "ARTICLE 3rd – WAGES"


def test_libreoffice_writes_word_formats_for_words_and_marks(documents: Path) -> None:
    """What the .docx holds, so the test above covers Word's own format names."""
    numbering = ""
    for mode in SPECS:
        with zipfile.ZipFile(documents / f"{mode}.docx") as zf:
            numbering += zf.read("word/numbering.xml").decode("utf-8")
    for fmt in ("ordinalText", "cardinalText", "ordinal", "decimalEnclosedCircle", "chicago"):
        assert f'<w:numFmt w:val="{fmt}"/>' in numbering


@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_words_in_another_language_are_read_as_numbers_and_said(documents: Path, kind: str) -> None:
    """LibreOffice writes a French contract's words in French; the reader writes English words
    only, so it reads the numbers in decimals and its notes say which and how many."""
    shown = collapsed((documents / kind / "french.txt").read_text("utf-8-sig").splitlines())
    assert "ARTICLE Deuxième – HOURS OF WORK" in shown and "Section Un. Rule 1. As scheduled." in shown
    read = collapsed(read_paragraphs(documents / f"french.{kind}"))
    assert "ARTICLE 2 – HOURS OF WORK" in read and "Section 1. Rule 1. As scheduled." in read
    assert "1 post 1;" not in read and "\u2460 post 1;" in read  # circled numbers have no language
    _, notes, _ = read_docx_lines(documents / f"french.{kind}")
    (note,) = [n for n in notes if "list number" in n]
    if kind == "docx":
        assert "w:numFmt ordinalText in fr-FR: 3" in note and "w:numFmt cardinalText in fr-FR: 24" in note
        assert "w:numFmt ordinal in fr-FR: 22" in note
    else:
        assert 'num-format "First" in fr-FR: 3' in note and 'num-format "One" in fr-FR: 24' in note
        assert 'num-format "1st" in fr-FR: 22' in note
    assert note.startswith("49 list numbers in a format this reader does not write (")
    assert note.endswith("read as 1, 2, 3: check them against the document")


@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_baseline_splits_at_ordinal_article_headings(cli: CLI, documents: Path, kind: str) -> None:
    """"ARTICLE Second – HOURS OF WORK" is article 2's heading, as "ARTICLE 2" was."""
    cli("init", "talks", "--union", "Nurses United", "--employer", "Northstar Health")
    cli("-C", "talks", "baseline", "--from-docx", str(documents / f"outline.{kind}"))
    articles = cli.cwd / "talks" / "articles"
    assert (articles / "recognition.txt").read_text() == (
        "ARTICLE First – RECOGNITION\nSection One. The Employer recognises the Union.\n"
    )
    hours = (articles / "hours-of-work.txt").read_text()
    assert hours.startswith("ARTICLE Second – HOURS OF WORK\nSection One. Rule 1. As scheduled.\n")
    assert (articles / "wages.txt").read_text().startswith("ARTICLE Third – WAGES\n")


def test_dry_run_says_what_was_read_in_decimals(cli: CLI, documents: Path) -> None:
    cli("init", "talks", "--union", "Nurses United", "--employer", "Northstar Health")
    dry = cli("-C", "talks", "baseline", "--from-docx", str(documents / "french.docx"), "--dry-run").out
    assert "49 list numbers in a format this reader does not write" in " ".join(dry.split())
