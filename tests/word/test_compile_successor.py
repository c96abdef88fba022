"""A successor contract (a baseline in force): `compile --redline` marks the conforming changes
against the agreement in force and nothing else, and the compiled contract read back by
`baseline --from-docx` gives exactly the parts compiled, a wage table included (issue 12)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import CLI, PARKING, SCHEDULING, STAFFING
from docx_checks import body_paragraphs, document_root, schema_problems

WAGES = """ARTICLE 10: WAGES

10.1 Schedule. Clinicians shall be paid as follows:

| Classification | Step 1 | Step 2 |
| --- | --- | --- |
| Physician | $250,000.00 | $257,500.00 |
| Nurse Practitioner | $120,000.00 | $123,600.00 |
"""
AGREED_STAFFING = STAFFING.replace("two (2) medical assistants", "three (3) medical assistants")
AGREED_WAGES = WAGES.replace("$123,600.00", "$126,000.00")
IN_FORCE = {"staffing": STAFFING, "scheduling": SCHEDULING, "parking": PARKING, "wages": WAGES}


@pytest.fixture(scope="module")
def successor(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path]:
    where = tmp_path_factory.mktemp("successor")
    cli = CLI(where)
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    repo = where / "talks"
    parts = where / "in-force"
    parts.mkdir()
    for name, text in IN_FORCE.items():
        (parts / f"{name}.txt").write_text(text)
    cli("-C", str(repo), "baseline", "--from-dir", str(parts))
    (repo / "articles" / "staffing.txt").write_text(AGREED_STAFFING)
    (repo / "articles" / "wages.txt").write_text(AGREED_WAGES)
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-02-01", "staffing", "wages")
    for part in ("staffing", "wages"):
        cli("-C", str(repo), "ta", part, "--union-sign", "A. Union", "--employer-sign", "B. Employer",
            "--date", "2025-02-15")  # fmt: skip
    return cli, repo


def test_compile_redline_marks_changes_against_the_contract_in_force(
    successor: tuple[CLI, Path], tmp_path: Path
) -> None:
    cli, repo = successor
    out = tmp_path / "redline.docx"
    cli("-C", str(repo), "compile", "--redline", "-o", str(out))
    document = docx.Document(str(out))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    assert "Conforming changes shown against the agreement in force" in header
    assert "first" not in header.lower()
    assert schema_problems(document_root(out)) == []

    def marked(style: str) -> list[str]:
        runs = [r for p in body_paragraphs(document) for r in p.runs if r.style.name == style]
        cells = [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
                 for r in p.runs if r.style.name == style]  # fmt: skip
        return [r.text for r in runs + cells]

    deleted = "".join(marked("Redline Delete"))
    assert "two" in deleted and "$123,600.00" in deleted and "three" not in deleted
    assert "three" in "".join(marked("Redline Insert")) and "$126,000.00" in marked("Redline Insert")
    texts = " ".join(p.text for p in body_paragraphs(document))
    assert "free parking at every clinic" in texts  # an untouched part stands as in force, unmarked
    assert not [t for t in marked("Redline Insert") if "parking" in t.lower()]


def test_compiled_contract_reads_back_as_the_same_parts(successor: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = successor
    out = tmp_path / "contract.docx"
    cli("-C", str(repo), "compile", "--term", "2025 to 2028", "-o", str(out))
    cli("init", "next", "--union", "Clinicians United", "--employer", "Northstar Health")
    again = cli.cwd / "next"
    cli("-C", str(again), "baseline", "--from-docx", str(out))
    read = {p.stem: p.read_text() for p in (again / "articles").glob("*.txt")}
    expected = {**IN_FORCE, "staffing": AGREED_STAFFING, "wages": AGREED_WAGES}
    assert sorted(read.values()) == sorted(expected.values())
