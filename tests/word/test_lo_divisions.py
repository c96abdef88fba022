"""Contracts grouped under division headings, written by LibreOffice, keep their divisions.

Each document is built over UNO (``lo_contract.py``): a title page, LibreOffice's own table of
contents listing the division headings among the articles, articles whose "ARTICLE n –" labels are
automatic outline numbering, and divisions numbered in words ("PART ONE: GENERAL PROVISIONS"),
Roman numerals ("CHAPTER II - ECONOMIC PROVISIONS") or letters in mixed case ("Part A – General").
Read as .docx and as LibreOffice's PDF, every part gets the division it stands under, the contents
entries are left out, and the compiled contract shows each division again above its first part.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import docx
import pytest
from conftest import CLI
from test_lo_contracts import PREAMBLE, REASON, build_documents

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

STYLES = {
    "words": ("PART ONE: GENERAL PROVISIONS", "PART TWO: ECONOMIC PROVISIONS"),
    "roman": ("CHAPTER I - GENERAL PROVISIONS", "CHAPTER II - ECONOMIC PROVISIONS"),
    "letters": ("Part A \u2013 General Provisions", "Part B \u2013 Economic Provisions"),
}


def _blocks(first: str, second: str) -> list[list]:
    return [
        ["cover", "COLLECTIVE BARGAINING AGREEMENT"],
        ["cover", "between Northstar Health and Clinicians United"],
        ["pagebreak"],
        ["toc"],
        ["pagebreak"],
        ["part", "PREAMBLE"],
        ["para", PREAMBLE],
        ["division", first],
        ["article", "RECOGNITION"],
        ["section", "Recognition. The Employer recognizes the Union as the exclusive representative."],
        ["article", "MANAGEMENT RIGHTS"],
        ["section", "Rights. The Employer retains the right to direct the work."],
        ["division", second],
        ["article", "WAGES"],
        ["section", "Wages. Wages are set out in Appendix A."],
        ["part", "APPENDIX A - WAGE SCALES"],
        ["table", [["Step", "Rate"], ["1", "$50.00"], ["2", "$52.00"]]],
    ]


# The employer's pass proposing a new article under the contract's economic division, its
# heading typed otherwise than the contract's ("Part B – Economic Provisions").
THEIR_PASS = [
    ["division", "PART B - ECONOMIC PROVISIONS"],
    ["part", "ARTICLE 45 - TELEHEALTH"],
    ["para", "45.1 A visit by video counts as a visit in person."],
]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-divisions")
    spec = {
        "docs": [{"name": name, "blocks": _blocks(*heads)} for name, heads in STYLES.items()]
        + [{"name": "their-pass", "blocks": THEIR_PASS}],
        "pdf": list(STYLES),
    }
    return build_documents(out, spec)


@pytest.mark.parametrize("name", list(STYLES))
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_every_part_gets_its_division_and_the_contents_are_left_out(
    documents: Path, name: str, form: str
) -> None:
    first, second = STYLES[name]
    reading = read_contract(documents / f"{name}.{form}", form)  # type: ignore[arg-type]
    assert [(p.kind, p.value, p.division) for p in reading.parts] == [
        ("preamble", "", ""),
        ("article", "1", first),
        ("article", "2", first),
        ("article", "3", second),
        ("appendix", "A", second),
    ]
    assert not [p for p in reading.parts if first in p.text or second in p.text]
    contents = [s.text for s in reading.skipped if s.reason.startswith("table of contents")]
    assert any(first in line for line in contents), contents  # LibreOffice's contents list them
    assert any(second in line for line in contents), contents


def test_the_compiled_contract_heads_each_division(cli: CLI, documents: Path) -> None:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    cli("-C", "talks", "baseline", "--from-docx", str(documents / "letters.docx"))
    out = cli.cwd / "compiled.docx"
    cli("-C", "talks", "compile", "-o", str(out))
    first, second = STYLES["letters"]
    heads = [
        p.text
        for p in docx.Document(str(out)).paragraphs
        if p.text.startswith(("Part", "ARTICLE", "APPENDIX", "PREAMBLE"))
    ]
    assert heads == [
        "PREAMBLE",
        first,
        "ARTICLE 1 \u2013 RECOGNITION",
        "ARTICLE 2 \u2013 MANAGEMENT RIGHTS",
        second,
        "ARTICLE 3 \u2013 WAGES",
        "APPENDIX A - WAGE SCALES",
    ]


def test_their_docx_proposing_a_new_article_places_it_under_the_division_it_shows(
    cli: CLI, documents: Path
) -> None:
    """A part new in their pass took no division (compile set it under none); now it takes the
    one their document shows above it, in the contract's own spelling, and the pass says so."""
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    cli("-C", "talks", "baseline", "--from-docx", str(documents / "letters.docx"))
    repo = cli.cwd / "talks"
    result = cli(
        "-C",
        "talks",
        "import-docx",
        str(documents / "their-pass.docx"),
        "--party",
        "employer",
        "--session",
        "2025-03-14",
    )
    second = STYLES["letters"][1]
    settings = tomllib.loads((repo / "bargaining.toml").read_text())["articles"]
    new = [i for i in settings if "telehealth" in i]
    assert len(new) == 1 and settings[new[0]].get("division") == second, result.err
    assert f"{new[0]} is new: it stands under {second} (as the pass document shows it" in result.err
    out = cli.cwd / "compiled.docx"
    cli("-C", "talks", "compile", "--force", "-o", str(out))
    heads = [p.text for p in docx.Document(str(out)).paragraphs if p.text.startswith(("Part", "ARTICLE"))]
    assert heads[heads.index(second) :] == [second, "ARTICLE 3 \u2013 WAGES", "ARTICLE 45 - TELEHEALTH"]


GENERAL = "PART A - GENERAL"
PAY = "PART B - PAY"
RECOGNITION = "ARTICLE 1 - RECOGNITION\n1.1 The Employer recognizes the Union.\n"
SAFETY = "ARTICLE 2 - SAFETY\n2.1 The Employer shall keep every clinic safe.\n2.2 Masks are provided.\n"
WAGES = "ARTICLE 3 - WAGES\n3.1 Wages are set out in Appendix A.\n"


@pytest.mark.parametrize(
    "changes",
    [
        # an edited part, then a wholly new part heading the next division, then an edited one
        [
            (RECOGNITION, RECOGNITION.replace("Union", "Union as sole agent"), GENERAL),
            ("", SAFETY, PAY),
            (WAGES, WAGES.replace("Appendix A", "Appendix B"), PAY),
        ],
        # a wholly new part ends a division: its revised final mark meets the next division
        [
            (RECOGNITION, RECOGNITION, GENERAL),
            ("", SAFETY, GENERAL),
            (WAGES, WAGES + "3.2 Paid weekly.\n", PAY),
        ],
    ],
    ids=["new-part-opens-a-division", "new-part-ends-a-division"],
)
def test_a_tracked_pass_keeps_its_divisions_when_accepted_or_rejected(
    tmp_path: Path, changes: list[tuple[str, str, str]]
) -> None:
    import json
    import subprocess
    from datetime import date

    from test_docx_libreoffice import LO_CHECK, LO_PYTHON

    from proposals.word.proposal import ArticleChange, export_proposal

    path = tmp_path / "pass.docx"
    export_proposal(
        [ArticleChange(old, new, division=division) for old, new, division in changes],
        path,
        mode="tracked",
        party="Clinicians United",
        pass_name="U-7",
        session=date(2025, 3, 14),
    )
    proc = subprocess.run(
        [LO_PYTHON, str(LO_CHECK), "accept", str(path), "reject", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    accepted, rejected = json.loads(proc.stdout)["results"]

    def expected(side: int) -> list[str]:
        out, shown = [], set()
        for change in changes:
            if change[2] not in shown:
                shown.add(change[2])
                out.append(change[2])
            out += change[side].rstrip("\n").split("\n") if change[side] else []
        return out

    assert [p for p in accepted["paragraphs"] if p] == expected(1)
    assert [p for p in rejected["paragraphs"] if p] == expected(0)
    assert accepted["redlines_after"] == rejected["redlines_after"] == 0
