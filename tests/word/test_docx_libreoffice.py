"""LibreOffice headless as the independent judge: accept-all gives the new text, reject-all the old.

One soffice process (driven by tests/lo_check.py under the system interpreter, which has
Debian's python3-uno) handles every document of the module, because starting it costs seconds.
Skipped, with the reason printed, where LibreOffice or python3-uno is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from difffix import Op
from docx_checks import document_root, schema_problems
from docx_samples import (
    EMPLOYER,
    SAFETY,
    SESSION,
    STAFFING,
    UNION,
    WAGES,
    Case,
    cases,
    demo_cases,
    engine_diff,
    move_cases,
    random_edit_cases,
)

from proposals.negotiation.status import STATUS_MEANINGS, STATUS_WORDS
from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import read_paragraphs
from proposals.word.status_chart import export_status
from proposals.word.ta import export_ta

LO_PYTHON = os.environ.get("LO_PYTHON", "/usr/bin/python3")
LO_CHECK = Path(__file__).with_name("lo_check.py")


def _lo_missing() -> str | None:
    if not shutil.which("soffice"):
        return "LibreOffice (soffice) is not installed"
    if not Path(LO_PYTHON).exists():
        return f"{LO_PYTHON} not found (python3-uno needs the system interpreter)"
    probe = subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True, text=True, timeout=60)
    if probe.returncode:
        return f"{LO_PYTHON} cannot import uno: install python3-uno"
    return None


REASON = _lo_missing()
if REASON:
    print(f"skipping LibreOffice tests: {REASON}")
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


def _lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n") if text else []


def _trim(paragraphs: list[str]) -> list[str]:
    """Word needs a final paragraph after a revised one; an empty trailing one is no text."""
    out = list(paragraphs)
    while out and not out[-1]:
        out.pop()
    return out


def _tracked(path: Path, changes: list[ArticleChange], session: date = SESSION) -> Path:
    export_proposal(
        changes, path, mode="tracked", party=UNION, pass_name="U-7", session=session,
        diff=engine_diff,
    )  # fmt: skip
    return path


GROUPS = {"three-articles": slice(0, 3), "three-moves": slice(-3, None)}
# an article ending in an insertion followed by a wholly new article: the revisions meet
# across the first article's unchanged final paragraph mark
ENDS_IN_INSERT = [
    Case(
        "ends-in-insert",
        WAGES,
        WAGES.rstrip("\n") + " Retroactive\n",
        (Op("equal", WAGES.rstrip("\n")), Op("insert", " Retroactive"), Op("equal", "\n")),
    ),
    Case("then-new-article", "", SAFETY),
    Case("then-unchanged-article", STAFFING, STAFFING),
]


def _singles() -> list[Case]:
    return [*cases(), *demo_cases(), *move_cases()]


def _group(name: str) -> list[Case]:
    """The articles of one test document: a case alone or several in one file."""
    if name == "demo-contract":
        return demo_cases()
    if name == "insert-then-new-article":
        return ENDS_IN_INSERT
    if name == "random-edits-contract":
        return random_edit_cases()
    if name in GROUPS:
        return cases()[GROUPS[name]]
    return [c for c in _singles() if c.name == name]


def _all_cases() -> list[Case]:
    """Each case alone, plus multi-article documents (move ids repeat across articles)."""
    combined = [
        Case(name, "".join(c.old for c in _group(name)), "".join(c.new for c in _group(name)))
        for name in (*GROUPS, "demo-contract", "insert-then-new-article", "random-edits-contract")
    ]
    return [*_singles(), *combined]


@pytest.fixture(scope="module")
def lo(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    """Export every case, run LibreOffice once over all of them, index results by (name, action)."""
    tmp = tmp_path_factory.mktemp("lo")
    jobs: list[tuple[str, str, Path]] = []
    for case in _all_cases():
        changes = [ArticleChange(c.old, c.new, c.ops) for c in _group(case.name)]
        path = _tracked(tmp / f"{case.name}.docx", changes)
        assert schema_problems(document_root(path)) == [], case.name
        jobs += [(case.name, "accept", path), (case.name, "reject", path), (case.name, "resave", path)]
    clean = tmp / "clean.docx"
    export_proposal(
        [ArticleChange(STAFFING, SAFETY)], clean, mode="clean", party=UNION, pass_name="U-7",
        session=SESSION,
    )  # fmt: skip
    redline = tmp / "redline.docx"
    export_proposal(
        [ArticleChange(STAFFING, STAFFING.replace("1,800", "1,500"))], redline, mode="redline",
        party=UNION, pass_name="U-7", session=SESSION, diff=engine_diff,
    )  # fmt: skip
    ta = tmp / "ta.docx"
    export_ta(
        [WAGES], ta, union=UNION, employer=EMPLOYER, union_sign="A", employer_sign="B",
        ta_date=SESSION, team=UNION,
    )  # fmt: skip
    status = tmp / "status.docx"
    export_status(
        [{"id": "w", "number": "10", "title": "Wages", "economic": True, "status": "open",
          "move": "union", "last_pass": "E-2", "session": "2025-03-01"}],
        status, team=UNION, as_of=SESSION, words=STATUS_WORDS, meanings=STATUS_MEANINGS,
    )  # fmt: skip
    jobs += [
        ("clean", "none", clean),
        ("redline", "none", redline),
        ("ta", "none", ta),
        ("status", "none", status),
    ]
    args = [x for _, action, path in jobs for x in (action, str(path))]
    proc = subprocess.run([LO_PYTHON, str(LO_CHECK), *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)["results"]
    assert len(results) == len(jobs)
    indexed = {(name, action): res for (name, action, _), res in zip(jobs, results, strict=True)}
    for name, action, path in jobs:
        if action == "resave":
            indexed[(name, action)]["saved"] = str(path.with_suffix(".lo.docx"))
    return indexed


@pytest.mark.parametrize("case", _all_cases(), ids=lambda c: c.name)
def test_accept_all_gives_new_text(lo: dict[tuple[str, str], Any], case: Case) -> None:
    result = lo[(case.name, "accept")]
    assert result["redlines"], "LibreOffice saw no tracked changes"
    assert result["redlines_after"] == 0
    assert _trim(result["paragraphs"]) == _lines(case.new)


@pytest.mark.parametrize("case", _all_cases(), ids=lambda c: c.name)
def test_reject_all_gives_old_text(lo: dict[tuple[str, str], Any], case: Case) -> None:
    result = lo[(case.name, "reject")]
    assert result["redlines_after"] == 0
    assert _trim(result["paragraphs"]) == _lines(case.old)


def test_libreoffice_reads_author_and_date(lo: dict[tuple[str, str], Any]) -> None:
    for case in _all_cases():
        for red in lo[(case.name, "accept")]["redlines"]:
            assert red["author"] == UNION
            assert red["date"] == "2025-03-14"  # base time or two minutes later, same day
            assert red["type"] in ("Insert", "Delete", "ParagraphFormat", "Format")


def test_other_documents_open_in_libreoffice(lo: dict[tuple[str, str], Any]) -> None:
    assert lo[("clean", "none")]["paragraphs"] == _lines(SAFETY)
    assert lo[("clean", "none")]["redlines"] == []
    redline = lo[("redline", "none")]["paragraphs"]
    assert redline[0] == "ARTICLE 6: STAFFING" and lo[("redline", "none")]["redlines"] == []
    assert any("1,8001,500" in p or ("800" in p and "500" in p) for p in redline)
    assert _lines(WAGES)[0] in lo[("ta", "none")]["paragraphs"]
    assert any("status" in p for p in lo[("status", "none")]["paragraphs"])


@pytest.mark.parametrize("case", _all_cases(), ids=lambda c: c.name)
def test_import_reads_libreoffice_saved_revisions(lo: dict[tuple[str, str], Any], case: Case) -> None:
    """Our export saved again by LibreOffice (its own revision markup) reads back exactly."""
    saved = Path(lo[(case.name, "resave")]["saved"])
    assert saved.exists()
    assert _trim(read_paragraphs(saved, "accepted")) == _lines(case.new)
    assert _trim(read_paragraphs(saved, "rejected")) == _lines(case.old)


# A blank line in one text only where the other has two in a row (a random edit dropped the
# line between them): one of the two must stay an empty paragraph there.
STRUCTURAL = {"random-edits-contract"}


@pytest.mark.parametrize("case", [c for c in _all_cases() if c.name not in STRUCTURAL], ids=lambda c: c.name)
def test_blank_lines_are_spacing_not_empty_paragraphs(lo: dict[tuple[str, str], Any], case: Case) -> None:
    """Issue 12: no empty paragraphs used as spacing. A blank line of the article is space above
    (or below) a paragraph in LibreOffice after accept-all and after reject-all alike; the
    lists compared above count that space as the blank line, so the text is exact too. Only
    a second blank line in a row (one paragraph carries one) is an empty paragraph."""
    for action in ("accept", "reject"):
        result = lo[(case.name, action)]
        lines = _trim(result["paragraphs"])
        empty = [i for i in result["empty_paragraphs"] if i < len(lines)]
        assert [i for i in empty if "" not in (lines[i - 1], lines[min(i + 1, len(lines) - 1)])] == [], action
