"""Intake of LibreOffice-made documents that carry what real contracts carry (issue 11).

Comments are reported as present and never imported; a footnote is read into its part (its
paragraph "[1] ..." at the end: test_lo_footnotes.py covers them); content controls are read as
body text (a control still showing its prompt is left out); hidden text is skipped. The other
side's pass is LibreOffice's own Compare Documents on a contract with a title page, a table of
contents, a preamble and automatic "ARTICLE n –" / "n.m" / "(a)" numbering, with a paragraph
moved, an article retitled, and (in the sneaky copy) edits made before the compare so they carry
no tracked change: every one of those is reported, and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, git
from test_lo_contracts import REASON, build_documents

pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

PREAMBLE = (
    "This Agreement is made between Northstar Health and Clinicians United to set wages, hours and terms."
)
FRONT = [
    ["cover", "COLLECTIVE BARGAINING AGREEMENT"],
    ["cover", "between Northstar Health and Clinicians United"],
    ["pagebreak"],
    ["toc"],
    ["pagebreak"],
    ["part", "PREAMBLE"],
    ["para", PREAMBLE],
]
FURNITURE = [
    *FRONT,
    ["article", "STAFFING"],
    ["section", "Purpose. The Employer shall maintain safe staffing."],
    [
        "footnote",
        "Ratios. The ratio is one medical assistant per Clinician.",
        "See the 2019 staffing survey.",
    ],
    ["comment", "Review. Staffing is reviewed every year.", "CAUCUS: can we live with two years?"],
    ["control", "Float Pool. A float pool covers every clinic."],
    ["control", "Click here to enter text.", "placeholder"],
    ["hidden", "CAUCUS NOTE: we can live with one MA"],
    ["hidden_run", "Posting. Vacancies are posted for two weeks.", " HIDDEN WORDS"],
    ["article", "PARKING"],
    ["section", "Parking. Parking is free."],
]
FURNITURE_STAFFING = (
    "ARTICLE 1 – STAFFING\n"
    "1.1 Purpose. The Employer shall maintain safe staffing.\n"
    "Ratios. The ratio is one medical assistant per Clinician.[1]\n"
    "Review. Staffing is reviewed every year.\n"
    "Float Pool. A float pool covers every clinic.\n\n"
    "Posting. Vacancies are posted for two weeks.\n"
    "\n"
    "[1] See the 2019 staffing survey.\n"
)

CONTRACT = [
    *FRONT,
    ["article", "RECOGNITION"],
    ["section", "Recognition. The Employer recognizes the Union as the exclusive representative."],
    ["section", "Exclusions. Medical directors are excluded from the unit."],
    ["article", "STAFFING"],
    ["section", "Purpose. The Employer shall maintain safe staffing."],
    ["section", "Support. Each Clinician shall be supported by:"],
    ["item", "one medical assistant;"],
    ["item", "a float pool."],
    ["article", "HOURS OF WORK"],
    ["section", "Workweek. The normal workweek is forty hours."],
    ["section", "Sessions. A clinic session is four hours."],
    ["section", "Breaks. Each Clinician has a thirty minute lunch break."],
    ["article", "PARKING"],
    ["section", "Parking. Parking is free at every clinic."],
    ["part", "APPENDIX A - WAGE SCALES"],
    ["table", [["Step", "Rate"], ["1", "$50.00"], ["2", "$52.00"]]],
    ["part", "LETTER OF AGREEMENT #1: TELEHEALTH"],
    ["para", "The parties agree to pilot telehealth visits until the contract expires."],
]


def _their_edit(blocks: list) -> list:
    """Their announced pass: STAFFING retitled and reworded, 3.1 (Workweek) moved to the end of
    HOURS OF WORK, a word of the preamble changed."""
    out = []
    moved = None
    for block in blocks:
        if block == ["article", "STAFFING"]:
            block = ["article", "STAFFING LEVELS"]
        elif block[0] == "section" and "safe staffing" in block[1]:
            block = ["section", block[1].replace("safe staffing", "safe and adequate staffing")]
        elif block == ["para", PREAMBLE]:
            block = ["para", PREAMBLE.replace("to set", "to establish")]
        elif block[0] == "section" and block[1].startswith("Workweek."):
            moved = block
            continue
        out.append(block)
        if moved and block[0] == "section" and block[1].startswith("Breaks."):
            out.append(moved)
    return out


def _silent(blocks: list) -> list:
    """Edits made with change tracking off, before the compare: in RECOGNITION (untouched by
    their pass) and in STAFFING (which their pass retitles)."""
    swaps = {
        "Medical directors are excluded": "Medical directors and locums are excluded",
        "one medical assistant;": "one-half medical assistant;",
    }
    out = []
    for block in blocks:
        for old, new in swaps.items():
            if block[0] in ("section", "item") and old in block[1]:
                block = [block[0], block[1].replace(old, new)]
        out.append(block)
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-intake")
    edited_furniture = [
        ["section", b[1].replace("safe staffing", "safe and adequate staffing")]
        if "safe staffing" in b[-1]
        else b
        for b in FURNITURE
    ]
    spec = {
        "docs": [
            {"name": "furniture", "blocks": FURNITURE},
            {"name": "furniture-edited", "blocks": edited_furniture},
            {"name": "contract", "blocks": CONTRACT},
            {"name": "edited", "blocks": _their_edit(CONTRACT)},
            {"name": "silent", "blocks": _silent(CONTRACT)},
            {"name": "silent-edited", "blocks": _their_edit(_silent(CONTRACT))},
        ],
        "compare": [["contract", "edited", "theirs"], ["silent", "silent-edited", "sneaky"]],
    }
    return build_documents(out, spec)


def _repo(cli: CLI, docx: Path, name: str = "talks") -> Path:
    cli("init", name, "--union", "Clinicians United", "--employer", "Northstar Health")
    cli("-C", name, "baseline", "--from-docx", str(docx))
    return cli.cwd / name


def test_comments_are_reported_never_imported(cli: CLI, documents: Path) -> None:
    """Content controls are read as body text, a prompt is not, hidden text is skipped; a
    footnote is contract text, read into its part."""
    dry = cli("baseline", "--from-docx", str(documents / "furniture.docx"), "--dry-run").out
    assert "Note: 1 footnotes or endnotes (read at the end of the part that refers to them: [1] ...)" in dry
    assert "Note: 1 comments (present, not imported)" in dry
    assert "Note: 1 content controls (w:sdt, read as body text)" in dry
    assert "Note: 1 content controls showing only their prompt (left out)" in dry
    assert "hidden runs or paragraphs (w:vanish, left out)" in dry
    repo = _repo(cli, documents / "furniture.docx")
    assert (repo / "articles" / "staffing.txt").read_text() == FURNITURE_STAFFING
    everything = "".join(p.read_text() for p in (repo / "articles").glob("*.txt"))
    for absent in ("CAUCUS", "HIDDEN", "Click here"):
        assert absent not in everything

    out = cli("-C", str(repo), "import-docx", str(documents / "furniture-edited.docx"),
              "--party", "employer", "--session", "2025-04-02").out  # fmt: skip
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing\n" in out
    assert "Note: 1 footnotes or endnotes (read at the end of the part that refers to them: [1] ...)\n" in out
    assert "Note: 1 comments (present, not imported)\n" in out
    assert git(repo, "show", "E-1:articles/staffing.txt") == FURNITURE_STAFFING.replace(
        "safe staffing", "safe and adequate staffing"
    )


RECOGNITION = (
    "ARTICLE 1 – RECOGNITION\n"
    "1.1 Recognition. The Employer recognizes the Union as the exclusive representative.\n"
    "1.2 Exclusions. Medical directors are excluded from the unit.\n"
)
STAFFING = (
    "ARTICLE 2 – STAFFING\n"
    "2.1 Purpose. The Employer shall maintain safe staffing.\n"
    "2.2 Support. Each Clinician shall be supported by:\n"
    "(a) one medical assistant;\n"
    "(b) a float pool.\n"
)
HOURS = (
    "ARTICLE 3 – HOURS OF WORK\n"
    "3.1 Workweek. The normal workweek is forty hours.\n"
    "3.2 Sessions. A clinic session is four hours.\n"
    "3.3 Breaks. Each Clinician has a thirty minute lunch break.\n"
)
THEIR_HOURS = (
    "ARTICLE 3 – HOURS OF WORK\n"
    "3.1 Sessions. A clinic session is four hours.\n"
    "3.2 Breaks. Each Clinician has a thirty minute lunch break.\n"
    "3.3 Workweek. The normal workweek is forty hours.\n"
)
THEIR_STAFFING = STAFFING.replace("STAFFING\n", "STAFFING LEVELS\n").replace(
    "safe staffing", "safe and adequate staffing"
)


def test_the_contract_is_read_part_by_part_with_its_numbering(cli: CLI, documents: Path) -> None:
    repo = _repo(cli, documents / "contract.docx")
    articles = repo / "articles"
    assert (articles / "preamble.txt").read_text() == f"PREAMBLE\n{PREAMBLE}\n"
    assert (articles / "recognition.txt").read_text() == RECOGNITION
    assert (articles / "staffing.txt").read_text() == STAFFING
    assert (articles / "hours-of-work.txt").read_text() == HOURS
    assert (articles / "wage-scales.txt").read_text() == (
        "APPENDIX A - WAGE SCALES\n| Step | Rate |\n| --- | --- |\n| 1 | $50.00 |\n| 2 | $52.00 |\n"
    )
    rows = [r.split(",")[0] for r in cli("-C", str(repo), "status", "--csv").out.splitlines()[1:]]
    assert rows == ["preamble", "recognition", "staffing", "hours-of-work", "parking", "wage-scales",
                    "telehealth"]  # fmt: skip


def test_their_compare_documents_pass_with_a_move_records_exactly_their_changes(
    cli: CLI, documents: Path
) -> None:
    repo = _repo(cli, documents / "contract.docx")
    out = cli("-C", str(repo), "import-docx", str(documents / "theirs.docx"), "--party", "employer",
              "--session", "2025-04-02").out  # fmt: skip
    assert "UNANNOUNCED" not in out
    assert (
        "Recorded Northstar Health pass E-1 (session 2025-04-02): preamble, staffing, hours-of-work\n" in out
    )
    assert "Unchanged, not part of the pass: recognition, parking, wage-scales, telehealth\n" in out
    assert git(repo, "show", "E-1:articles/staffing.txt") == THEIR_STAFFING
    assert git(repo, "show", "E-1:articles/hours-of-work.txt") == THEIR_HOURS
    assert (
        git(repo, "show", "E-1:articles/preamble.txt")
        == f"PREAMBLE\n{PREAMBLE.replace('to set', 'to establish')}\n"
    )
    changed = git(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", "E-1").split()
    assert changed == ["articles/hours-of-work.txt", "articles/preamble.txt", "articles/staffing.txt"]


def test_every_edit_made_without_tracking_is_reported_and_nothing_else(cli: CLI, documents: Path) -> None:
    repo = _repo(cli, documents / "contract.docx")
    out = cli("-C", str(repo), "import-docx", str(documents / "sneaky.docx"), "--party", "employer").out
    flagged = [line.split(":")[0] for line in out.splitlines() if line.startswith("UNANNOUNCED")]
    assert flagged == ["UNANNOUNCED CHANGE in recognition", "UNANNOUNCED CHANGE in staffing"]
    assert "UNANNOUNCED CHANGE in recognition: 2 words differ" in out
    assert git(repo, "show", "E-1:articles/recognition.txt") == RECOGNITION.replace(
        "directors are", "directors and locums are"
    )
    assert git(repo, "show", "E-1:articles/staffing.txt") == THEIR_STAFFING.replace(
        "one medical", "one-half medical"
    )
    assert git(repo, "show", "E-1:articles/hours-of-work.txt") == THEIR_HOURS
    changed = git(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", "E-1").split()
    assert "articles/parking.txt" not in changed and "articles/telehealth.txt" not in changed
