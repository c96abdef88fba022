"""A static redline we wrote reads back exactly: its accepted view is the new text and its
rejected view the old (what ``import-docx`` and ``baseline --from-docx`` see), over every move
case, the sample and demo cases, random edits and a wage table; LibreOffice opens it with no
tracked changes at all."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from docx_samples import SESSION, UNION, cases, demo_cases, engine_diff, move_cases, random_edit_cases
from test_docx_libreoffice import LO_CHECK, LO_PYTHON, REASON

from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import read_docx, read_paragraphs

TABLE_OLD = (
    "APPENDIX A: WAGES\n\n| Classification | Step 1 | Step 2 |\n| --- | --- | --- |\n"
    "| RN | $40.00 | $42.00 |\n| LPN | $28.00 | $29.50 |\n\nA.2 Rates rise each July.\n"
)
TABLE_NEW = (
    "APPENDIX A: WAGES\n\n| Classification | Step 1 | Step 2 |\n| --- | --- | --- |\n"
    "| RN | $41.20 | $42.00 |\n| NP | $55.00 | $57.00 |\n\nA.2 Rates rise each January.\n"
)


def _export(path: Path, changes: list[ArticleChange]) -> Path:
    export_proposal(
        changes, path, mode="redline", party=UNION, pass_name="U-7", session=SESSION, diff=engine_diff
    )
    return path


def test_redline_views_give_new_and_old_text(tmp_path: Path) -> None:
    every = [*cases(), *demo_cases(), *move_cases(), *random_edit_cases()]
    for n, case in enumerate(every):
        out = _export(tmp_path / f"{n}.docx", [ArticleChange(case.old, case.new, case.ops)])
        accepted = "\n".join(read_paragraphs(out, "accepted")).rstrip("\n")
        rejected = "\n".join(read_paragraphs(out, "rejected")).rstrip("\n")
        assert accepted == case.new.rstrip("\n"), case.name
        assert rejected == case.old.rstrip("\n"), case.name


def test_redline_round_trip_through_import(tmp_path: Path) -> None:
    changes = [ArticleChange(c.old, c.new, c.ops) for c in [*cases()[:6], *demo_cases()]]
    changes.append(ArticleChange(TABLE_OLD, TABLE_NEW))
    changes.append(ArticleChange("", "ARTICLE 40: NEW THING\n\n40.1 It is new.\n"))
    out = _export(tmp_path / "rt.docx", changes)
    assert [a.text for a in read_docx(out).articles] == [c.new for c in changes if c.new]
    assert [a.text for a in read_docx(out, view="rejected").articles] == [c.old for c in changes if c.old]
    assert not read_docx(out).has_revisions


@pytest.mark.skipif(REASON is not None, reason=REASON or "")
def test_redline_saved_by_libreoffice_reads_back(tmp_path: Path) -> None:
    """LibreOffice opens the redline with no tracked changes and, saved again as its own .docx,
    it still reads back as the new text (accepted) and the old (rejected)."""
    every = [*cases()[:6], *move_cases(), *demo_cases(4)]
    changes = [ArticleChange(c.old, c.new, c.ops) for c in every] + [ArticleChange(TABLE_OLD, TABLE_NEW)]
    out = _export(tmp_path / "r.docx", changes)
    proc = subprocess.run(
        [LO_PYTHON, str(LO_CHECK), "resave", str(out)], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"][0]["redlines"] == []
    saved = tmp_path / "r.lo.docx"
    assert [a.text for a in read_docx(saved).articles] == [c.new for c in changes]
    assert [a.text for a in read_docx(saved, view="rejected").articles] == [c.old for c in changes]
