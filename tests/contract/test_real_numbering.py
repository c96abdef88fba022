"""Numbered headings real agreements set that were lost, built in LibreOffice at test time.

- "12. WAGES" and "13. SUPERANNUATION" after "3. HOURS OF WORK" (articles 4 to 11 deleted in an
  earlier round). Before: both read as text of article 3, without a note; now a heading whose
  numbering goes on from it is one, and a lone out-of-sequence one is kept as text with a note.
- "7. Hours of work", the one heading typed in mixed case between "6. ALLOWANCES" and "8. PUBLIC
  HOLIDAYS", with no sub-clause under it. Before: text of article 6 (the known limit); now a
  heading, as it stands between headings 6 and 8. A numbered list under an article stays a list.
- "\u00a7 1 Recognition" headings (US public-sector and German agreements). Before: "no part
  headings found"; now the section style, "\u00a7 3.1" staying a sub-section.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from corpus_docs import soffice
from real_docs import document, docx_and_pdf, h, p

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

BODY = (
    "Employees shall be paid for all hours worked at the rates set out in this Agreement, and no "
    "employee shall suffer a reduction in pay."
)


def _bold_headings(titles: list[str], extra: dict[str, list[str]] | None = None) -> str:
    out = p("ENTERPRISE AGREEMENT 2025", "Title")
    for title in titles:
        out += p(title, "Bold") + "".join(p(t) for t in (extra or {}).get(title, [BODY]))
    return document(out, header="Riverside Council")


DOCS = {
    "jump": _bold_headings(
        ["1. TITLE", "2. DEFINITIONS", "3. HOURS OF WORK", "12. WAGES", "13. SUPERANNUATION"]
    ),
    "lone": _bold_headings(["1. TITLE", "2. DEFINITIONS", "3. HOURS OF WORK", "12. WAGES"]),
    "mixed": _bold_headings(
        [
            "1. TITLE",
            "2. DEFINITIONS",
            "3. WAGES",
            "4. HOURS",
            "5. OVERTIME",
            "6. ALLOWANCES",
            "7. Hours of work",
            "8. PUBLIC HOLIDAYS",
        ]
    ),
    "list": _bold_headings(
        ["1. TITLE", "2. LEAVE", "3. TRAINING", "4. CONSULTATION"],
        {
            "2. LEAVE": ["Leave is of these kinds:", "1. Annual leave", "2. Personal leave"],
            "3. TRAINING": ["Training covers:", "3. Induction", "4. First aid"],
        },
    ),
    "sign": document(
        p("AGREEMENT", "Title")
        + p("City of Riverton and Teamsters Local 117", "Title")
        + "".join(
            h(t) + p(BODY)
            for t in ["\u00a7 1 Recognition", "\u00a7 2 Management Rights", "\u00a7 3 Hours of Work"]
        )
        + p("\u00a7 3.1 The normal work week shall be forty (40) hours, as provided in \u00a7 2.")
        + h("\u00a7 4 Overtime")
        + p(BODY),
        header="City of Riverton",
    ),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("real_numbering")
    return docx_and_pdf(DOCS, out)


def _heads(files: dict[str, Path], name: str, form: str) -> list[tuple[str, str]]:
    return [(p.number, p.title) for p in read_contract(files[f"{name}.{form}"], form).parts]  # type: ignore[arg-type]


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_numbered_headings_that_go_on_after_a_gap_are_headings(files: dict[str, Path], form: str) -> None:
    assert _heads(files, "jump", form) == [
        ("1", "TITLE"), ("2", "DEFINITIONS"), ("3", "HOURS OF WORK"),
        ("12", "WAGES"), ("13", "SUPERANNUATION"),
    ]  # fmt: skip
    lone = read_contract(files[f"lone.{form}"], form)  # type: ignore[arg-type]
    assert [p.number for p in lone.parts] == ["1", "2", "3"]
    assert "12. WAGES" in lone.parts[-1].text  # kept, and said
    assert (
        "'12. WAGES' reads like a heading but its number is out of sequence: kept as text of the part "
        "before it" in lone.notes
    )


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_mixed_case_heading_between_its_neighbours_is_a_heading(files: dict[str, Path], form: str) -> None:
    heads = _heads(files, "mixed", form)
    assert heads[5:] == [("6", "ALLOWANCES"), ("7", "Hours of work"), ("8", "PUBLIC HOLIDAYS")]
    assert _heads(files, "list", form) == [
        ("1", "TITLE"),
        ("2", "LEAVE"),
        ("3", "TRAINING"),
        ("4", "CONSULTATION"),
    ]
    training = read_contract(files[f"list.{form}"], form).parts[2].text  # type: ignore[arg-type]
    assert "3. Induction" in training and "4. First aid" in training


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_section_sign_headings_start_sections(files: dict[str, Path], form: str) -> None:
    reading = read_contract(files[f"sign.{form}"], form)  # type: ignore[arg-type]
    assert [(p.number, p.title) for p in reading.parts] == [
        ("1", "Recognition"), ("2", "Management Rights"), ("3", "Hours of Work"), ("4", "Overtime")
    ]  # fmt: skip
    assert "\u00a7 3.1 The normal work week" in reading.parts[2].text


def test_the_command_line_imports_section_sign_headings(files: dict[str, Path], cli: CLI) -> None:
    cli("init", "repo", "--union", "U", "--employer", "E")
    out = cli("-C", "repo", "baseline", "--from-docx", str(files["sign.docx"])).out
    assert "Baseline imported: 4 parts (4 sections)" in out
    assert (
        (cli.cwd / "repo" / "articles" / "overtime.txt").read_text("utf-8").startswith("\u00a7 4 Overtime\n")
    )
    status = cli("-C", "repo", "status").out
    assert "Management Rights" in status and "Hours of Work" in status
    cli("-C", "repo", "compile", "-o", "contract.docx")
