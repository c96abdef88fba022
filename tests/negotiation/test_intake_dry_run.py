"""``baseline --dry-run`` through every reader (issue 11): each part found with its kind, number,
title, paragraphs and words, everything skipped with the reason, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, git
from test_intake_refusals import READERS, _write

CONTRACT = [
    "COLLECTIVE AGREEMENT",
    "City of Example",
    "TABLE OF CONTENTS",
    "ARTICLE 1 - RECOGNITION\t2",
    "ARTICLE 2 - HOURS OF WORK\t3",
    "APPENDIX A - WAGE RATES\t4",
    "This Agreement is made between the City of Example and the Municipal Workers Union, Local 1.",
    "ARTICLE 1 - RECOGNITION",
    "1.1 The City recognizes the Union as the sole bargaining agent.",
    "ARTICLE 2 - HOURS OF WORK",
    "2.1 The normal work week is forty hours.",
    "2.2 Overtime is paid at time and one half.",
    "APPENDIX A - WAGE RATES",
    "Clerk 20.00",
    "LETTER OF UNDERSTANDING No. 2 - PARKING",
    "Parking stays free.",
]


@pytest.mark.parametrize("form", READERS)
def test_dry_run_lists_every_part_and_every_skipped_line_and_writes_nothing(
    cli: CLI, tmp_path: Path, form: str
) -> None:
    cli("init", "talks", "--union", "U", "--employer", "E")
    repo = tmp_path / "talks"
    lines = CONTRACT if form != "dir" else ["PREAMBLE", *CONTRACT[6:]]
    source = _write(form, lines, tmp_path)
    if form == "dir":
        (source / "notes.md").write_text("our own notes\n")
    before = (
        git(repo, "for-each-ref"),
        git(repo, "ls-files", "-s"),
        git(repo, "status", "--porcelain", "--ignored"),
    )
    flag = {"docx": "--from-docx", "pdf": "--from-pdf", "text": "--from-text", "dir": "--from-dir"}[form]
    out = cli("-C", "talks", "baseline", flag, str(source), "--dry-run").out
    after = (
        git(repo, "for-each-ref"),
        git(repo, "ls-files", "-s"),
        git(repo, "status", "--porcelain", "--ignored"),
    )
    assert after == before
    assert "Would import 5 parts" in out
    rows = [line.split() for line in out.splitlines() if line.startswith("  ") and " words)" in line]
    assert [r[:2] for r in rows] == [
        ["preamble", "part-0" if form == "dir" else "preamble"],
        ["article", "1"],
        ["article", "2"],
        ["appendix", "A"],
        ["letter", "2"],
    ]
    assert "HOURS OF WORK  (2 paragraphs, 23 words)" in out.replace("Hours of Work", "HOURS OF WORK")
    assert "PARKING  (1 paragraph, 10 words)" in out.replace("Parking  (", "PARKING  (")
    if form == "dir":
        assert "not a part file (<id>.txt): notes.md" in out
    else:
        assert "table of contents: TABLE OF CONTENTS" in out
        assert "table of contents: ARTICLE 2 - HOURS OF WORK" in out
        assert "cover page: COLLECTIVE AGREEMENT" in out
