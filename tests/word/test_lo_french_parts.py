"""A French agreement written in LibreOffice (a Quebec or federal one): its letters and annexes
are parts, and its ids read.

Before: "LETTRE D'ENTENTE NO 1" and "ANNEXE A – ÉCHELLES SALARIALES" were not headings, so the
letter, its text, the annex and its wage table went into the last article with nothing said;
"DÉFINITIONS" made the id ``d-finitions`` and "CONGÉS ANNUELS" ``cong-s-annuels``; a letter's
"Objet :" line right under its heading was not its title.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CLI, part_files
from lo_fodt import convert, write

from proposals.contract.headings import part_name, short_name
from proposals.contract.split import Line, split_parts

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed"
)

BLOCKS = [
    ("part", "PRÉAMBULE"),
    ("para", "La présente convention est conclue entre le Centre et le Syndicat des professionnels."),
    ("article", "DÉFINITIONS"),
    ("section", "Aux fins de la présente convention, on entend par salarié toute personne visée."),
    ("article", "CONGÉS ANNUELS"),
    ("section", "Le salarié a droit à vingt-cinq jours ouvrables de congé annuel."),
    ("article", "DURÉE DE LA CONVENTION"),
    ("section", "La présente convention se termine le 31 mars 2028."),
    ("part", "LETTRE D\u2019ENTENTE NO 1"),
    ("para", "Objet : Projet pilote d\u2019horaire de quatre (4) jours"),
    ("para", "Les parties conviennent de mettre sur pied un projet pilote d\u2019une durée de douze mois."),
    ("part", "ANNEXE A \u2013 ÉCHELLES SALARIALES"),
    ("table", [["Échelon", "Taux"], ["1", "45,00 $"], ["2", "47,50 $"]]),
]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("french")
    source = write(folder / "convention.fodt", BLOCKS)
    return {form: convert(source, form) for form in ("docx", "odt")}


@pytest.mark.parametrize("form", ["docx", "odt"])
def test_letters_and_annexes_are_parts_with_readable_ids(
    cli: CLI, documents: dict[str, Path], form: str
) -> None:
    cli("init", "talks", "--union", "U", "--employer", "E")
    done = cli("-C", "talks", "baseline", "--from-docx", str(documents[form]))
    assert "Baseline imported: 6 parts (1 preamble, 3 articles, 1 letter, 1 appendix)" in done.out
    files = part_files(cli.cwd / "talks")
    assert sorted(files) == [
        "conges-annuels", "definitions", "duree-de-la-convention", "echelles-salariales", "preamble",
        "projet-pilote-d-horaire-de-quatre-4-jours"]  # fmt: skip
    assert files["duree-de-la-convention"].count("\n") == 2  # its heading and its one clause, nothing more
    letter = files["projet-pilote-d-horaire-de-quatre-4-jours"]
    assert letter.startswith("LETTRE D\u2019ENTENTE NO 1\nObjet : ")
    assert "| 2 | 47,50 $ |" in files["echelles-salariales"]


def test_french_keywords_are_named_in_their_own_words() -> None:
    text = "ARTICLE 1 – OBJET\n1.01 Texte.\nLETTRE D'ENTENTE Nº 2 – HORAIRE\nTexte.\nANNEXE B\nTaux.\n"
    parts = split_parts(Line(t) for t in text.split("\n")).parts
    assert [(p.kind, p.number, p.title) for p in parts] == [
        ("article", "1", "OBJET"), ("letter", "2", "HORAIRE"), ("appendix", "B", "")]  # fmt: skip
    assert part_name("letter", "2", "LETTRE D'ENTENTE") == "Lettre d'entente 2"
    assert short_name("appendix", "B", "ANNEXE") == "Ann B"
