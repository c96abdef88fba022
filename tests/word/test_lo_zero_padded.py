"""Zero-padded list numbers ("ARTICLE 01 –", "1.01", "1.01.001") in contracts LibreOffice writes,
read as LibreOffice itself shows them (its text export of the same file).

The contracts are flat ODF (``lo_fodt.py``) whose levels use LibreOffice's "01, 02, 03, ..." and
"001, 002, 003, ..." formats, converted by ``soffice`` to .odt and .docx. In the .odt the format
is the level's ``style:num-format``; in the .docx two digits are Word's own ``decimalZero`` and
three are ``w:numFmt w:val="custom" w:format="001, 002, 003, ..."`` inside an
``mc:AlternateContent`` over a plain ``decimal`` fallback.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import CLI
from lo_fodt import as_shown, collapsed, write

from proposals.word.reader import read_paragraphs

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed"
)

SECTIONS = ["Hours.", "Overtime.", "Shifts.", "Breaks.", "Meals.", "Rest.", "Nights.", "Weekends.", "Call.",
            "Standby."]  # fmt: skip


def _spec(article: str) -> list[tuple[str, str, str, int]]:
    """ARTICLE n –, then n.01 and n.01.001 (each shows the levels above it), then (a)."""
    return [
        ("ARTICLE ", article, " –", 1),
        ("", "decimalZero", "", 2),
        ("", "decimalZero3", "", 3),
        ("(", "lowerLetter", ")", 1),
    ]


def _contract() -> list[tuple]:
    blocks: list[tuple] = [("part", "PREAMBLE"), ("para", "This Agreement is made by the parties.")]
    blocks += [("article", "RECOGNITION"), ("section", "The Employer recognises the Union.")]
    blocks += [("article", "HOURS OF WORK")]
    blocks += [("section", f"{title} As scheduled.") for title in SECTIONS]  # 2.10: two digits
    blocks += [
        ("subsection", "Days. Eight hours."),
        ("subsection", "Nights. Ten hours."),
        ("item", "one assistant;"),
        ("item", "a float pool."),
    ]
    return blocks


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-zero-padded")
    for mode, article in (("list", "decimal"), ("outline", "decimalZero")):
        fodt = write(out / f"{mode}.fodt", _contract(), mode=mode, spec=_spec(article))
        as_shown(fodt, out)
    return out


@pytest.mark.parametrize("mode", ["list", "outline"])
@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_zero_padded_labels_read_as_libreoffice_shows_them(documents: Path, mode: str, kind: str) -> None:
    """Before: the .odt read "1.1", "1.1.1" and "ARTICLE 1 –" (its num-format unknown, so
    decimal); the .docx read "1.01.1" (the custom format inside mc:AlternateContent not found)."""
    shown = collapsed((documents / kind / f"{mode}.txt").read_text("utf-8-sig").splitlines())
    assert collapsed(read_paragraphs(documents / f"{mode}.{kind}")) == shown
    a = "02" if mode == "outline" else "2"  # a section shows its article in the article's format
    assert shown[shown.index(f"ARTICLE {a} – HOURS OF WORK") + 1 :] == [
        *(f"{a}.{n:02d} {title} As scheduled." for n, title in enumerate(SECTIONS, 1)),
        f"{a}.10.001 Days. Eight hours.",
        f"{a}.10.002 Nights. Ten hours.",
        "(a) one assistant;",
        "(b) a float pool.",
    ]


def test_libreoffice_writes_word_formats_for_zero_padding(documents: Path) -> None:
    """What the .docx holds, so the test above covers both of Word's forms."""
    with zipfile.ZipFile(documents / "outline.docx") as zf:
        numbering = zf.read("word/numbering.xml").decode("utf-8")
    assert '<w:numFmt w:val="decimalZero"/>' in numbering
    assert 'w:val="custom" w:format="001, 002, 003, ..."' in numbering
    assert '<mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback>' in numbering


@pytest.mark.parametrize("kind", ["odt", "docx"])
def test_baseline_keeps_the_padded_numbers(cli: CLI, documents: Path, kind: str) -> None:
    cli("init", "talks", "--union", "Nurses United", "--employer", "Northstar Health")
    cli("-C", "talks", "baseline", "--from-docx", str(documents / f"list.{kind}"))
    articles = cli.cwd / "talks" / "articles"
    assert (articles / "recognition.txt").read_text() == (
        "ARTICLE 1 – RECOGNITION\n1.01 The Employer recognises the Union.\n"
    )
    hours = (articles / "hours-of-work.txt").read_text()
    assert hours.startswith("ARTICLE 2 – HOURS OF WORK\n2.01 Hours. As scheduled.\n")
