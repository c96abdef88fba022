"""Golden WordprocessingML for each move case (issue 12): the tracked document's body, ids
renumbered in order of appearance, compared with a reviewed file in ``tests/word/goldens``.

A change in how moves are written shows up here as a readable XML diff, never silently. The
same cases are opened in LibreOffice (accept-all gives the new text, reject-all the old, no
revision left) in ``test_docx_libreoffice`` (``move_cases``) and here once more, beside the
snapshot. Goldens are rewritten only on purpose: ``PROPOSALS_UPDATE_GOLDENS=1 pytest
tests/word/test_docx_move_goldens.py``, then review the diff before committing.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx_checks import NS, W, document_root, schema_problems
from docx_samples import SESSION, UNION, Case, engine_diff, move_cases
from lxml import etree
from test_docx_libreoffice import LO_CHECK, LO_PYTHON, REASON, _lines, _trim

from proposals.word.proposal import ArticleChange, export_proposal

GOLDENS = Path(__file__).with_name("goldens")
UPDATE = os.environ.get("PROPOSALS_UPDATE_GOLDENS") == "1"
CASES = {c.name: c for c in move_cases()}


def _export(case: Case, path: Path) -> Path:
    export_proposal([ArticleChange(case.old, case.new, case.ops)], path, mode="tracked", party=UNION,
                    pass_name="U-7", session=SESSION, diff=engine_diff)  # fmt: skip
    return path


def normalised_body(path: Path) -> str:
    """The body without its section properties (the template's page set-up), every ``w:id``
    renumbered 1, 2, ... in order of first appearance (range ends repeat their start's; move
    range names move1, move2, ... likewise), and
    indented one element a line; revision dates are kept (they are the session's)."""
    root = document_root(path)
    body = root.find("w:body", NS)
    assert body is not None
    for sect in body.findall("w:sectPr", NS):
        body.remove(sect)
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for el in body.iter():
        rid = el.get(f"{{{W}}}id") if isinstance(el.tag, str) else None
        if rid is not None:
            el.set(f"{{{W}}}id", ids.setdefault(rid, str(len(ids) + 1)))
        name = el.get(f"{{{W}}}name") if isinstance(el.tag, str) else None
        if name is not None:  # a move range's name pairs its two sides: numbered the same way
            el.set(f"{{{W}}}name", names.setdefault(name, f"move{len(names) + 1}"))
    etree.indent(body, space=" ")
    return etree.tostring(body, encoding="unicode") + "\n"


@pytest.mark.parametrize("name", list(CASES))
def test_move_case_matches_its_golden(tmp_path: Path, name: str) -> None:
    path = _export(CASES[name], tmp_path / f"{name}.docx")
    assert schema_problems(document_root(path)) == []
    got = normalised_body(path)
    golden = GOLDENS / f"{name}.xml"
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden for {name}: run with PROPOSALS_UPDATE_GOLDENS=1 and review it"
    assert got == golden.read_text(encoding="utf-8"), f"{name}: body differs from {golden}"


@pytest.mark.parametrize("name", [n for n in CASES if n != "move-no-edit"])
def test_an_edit_inside_a_move_is_a_revision_inside_its_range(tmp_path: Path, name: str) -> None:
    """The defect the issue opened with: a changed word inside a moved paragraph must be a
    w:ins / w:del inside the move's range, not hidden in w:moveTo / w:moveFrom text."""
    root = document_root(_export(CASES[name], tmp_path / f"{name}.docx"))
    inside: list[str] = []
    open_to: set[str] = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        if local in ("moveToRangeStart", "moveFromRangeStart"):
            open_to.add(el.get(f"{{{W}}}id"))
        elif local in ("moveToRangeEnd", "moveFromRangeEnd"):
            open_to.discard(el.get(f"{{{W}}}id"))
        elif local in ("ins", "del") and open_to and etree.QName(el.getparent()).localname != "rPr":
            inside.append(local)
    assert inside, f"{name}: no insertion or deletion inside a move range"
    assert root.find(".//w:moveTo", NS) is not None and root.find(".//w:moveFrom", NS) is not None


@pytest.fixture(scope="module")
def lo(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    if REASON:
        pytest.skip(REASON)
    tmp = tmp_path_factory.mktemp("move_goldens")
    jobs = [(n, a, _export(c, tmp / f"{n}.docx")) for n, c in CASES.items() for a in ("accept", "reject")]
    args = [x for _, action, path in jobs for x in (action, str(path))]
    proc = subprocess.run([LO_PYTHON, str(LO_CHECK), *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)["results"]
    return {(n, a): r for (n, a, _), r in zip(jobs, results, strict=True)}


@pytest.mark.parametrize("name", list(CASES))
def test_move_case_is_exact_in_libreoffice(lo: dict[tuple[str, str], Any], name: str) -> None:
    case = CASES[name]
    for action, want in (("accept", case.new), ("reject", case.old)):
        result = lo[(name, action)]
        assert result["redlines_after"] == 0, action
        assert _trim(result["paragraphs"]) == _lines(want), action
        lines = _trim(result["paragraphs"])
        assert [i for i in result["empty_paragraphs"] if i < len(lines)] == [], action
    moves = [r for r in lo[(name, "accept")]["redlines"] if r["type"] in ("Insert", "Delete")]
    assert moves and all(r["author"] == UNION and r["date"] == SESSION.isoformat() for r in moves)
