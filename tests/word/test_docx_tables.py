# ruff: noqa: E501  (edit cases read best one per line)
"""Article tables (wage schedules) as real Word tables in every kind of document: a changed cell
is tracked inside its cell, a row one text lacks is a tracked row, and LibreOffice's accept-all /
reject-all give exactly the new / old table; reading the file back gives the same pipe lines."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx_checks import W, document_root, schema_problems
from docx_samples import EMPLOYER, SESSION, UNION, engine_diff
from lxml import etree
from test_docx_libreoffice import LO_CHECK, LO_PYTHON, REASON

from proposals.word.compiled_contract import ContractArticle, export_contract
from proposals.word.history import Layer, export_history
from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import read_docx
from proposals.word.ta import export_ta
from proposals.word.tables import plain_tables

NS = {"w": W}
SCHEDULE = """| Classification | Step 1 | Step 2 | Step 3 |
| --- | --- | --- | --- |
| Physician | $250,000.00 | $257,500.00 | $265,225.00 |
| Nurse Practitioner | $120,000.00 | $123,600.00 | $127,308.00 |
| Physician Assistant | $115,000.00 | $118,450.00 | $122,003.50 |
"""
WAGES = f"""ARTICLE 10: WAGES

10.1 Salary Schedule. Clinicians shall be paid in accordance with the following schedule:

{SCHEDULE}
10.2 Extra Sessions. A Clinician who works an extra session shall be paid $650 per session.
"""
NEW_PART = f"""ARTICLE 31: ESSENTIAL WORKER PAY

31.1 Premium. Each Clinician shall receive the premium below for each shift worked:

{SCHEDULE.replace("$", "").replace(",000.00", "")}"""
OTHER = "ARTICLE 11: HOURS\n\n11.1 Week. The normal work week is forty (40) hours.\n"
# an appendix that is its table: it starts with it (right under the heading) and ends with it
APPENDIX = f"APPENDIX A: SALARY SCHEDULE\n{SCHEDULE}"
APPENDIX_NOTE = f"APPENDIX B: STIPENDS\n{SCHEDULE}\nStipends are paid monthly.\n"


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


CASES: dict[str, list[tuple[str, str]]] = {
    "cell-changed": [(WAGES, _edit(WAGES, ("$123,600.00", "$125,000.00")))],
    "cells-in-two-rows": [(WAGES, _edit(WAGES, ("$257,500.00", "$260,000.00"), ("$122,003.50", "$124,000.00")))],
    "row-added": [(WAGES, _edit(WAGES, ("| Physician Assistant |", "| Midwife | $110,000.00 | $113,300.00 | $116,699.00 |\n| Physician Assistant |")))],
    "row-dropped": [(WAGES, _edit(WAGES, ("| Nurse Practitioner | $120,000.00 | $123,600.00 | $127,308.00 |\n", "")))],
    "column-added": [(WAGES, WAGES.replace("$265,225.00 |", "$265,225.00 | $273,182.00 |")
                      .replace("Step 3 |", "Step 3 | Step 4 |").replace("| --- | --- | --- | --- |", "| --- | --- | --- | --- | --- |")
                      .replace("$127,308.00 |", "$127,308.00 | $131,127.00 |").replace("$122,003.50 |", "$122,003.50 | $125,663.60 |"))],
    "cell-emptied-and-filled": [(_edit(WAGES, ("$118,450.00", "")), _edit(WAGES, ("$250,000.00", "")))],
    "header-cell": [(WAGES, _edit(WAGES, ("Step 1", "Step 1 (hire)")))],
    "text-around-table": [(WAGES, _edit(WAGES, ("following schedule:\n\n", "following schedule:\n\nNew paragraph above the table.\n\n"),
                                        ("\n10.2 Extra", "\nNew paragraph below the table.\n\n10.2 Extra")))],
    "paragraph-before-table-dropped": [(_edit(WAGES, ("schedule:\n\n", "schedule:\n\nAn old note.\n\n")), WAGES)],
    "new-part-with-table": [(OTHER, OTHER), ("", NEW_PART), (WAGES, WAGES)],
    "withdrawn-part-with-table": [(OTHER, OTHER), (NEW_PART, ""), (WAGES, WAGES)],
    "escaped-pipe": [(WAGES, _edit(WAGES, ("| Physician |", "| Physician \\| Surgeon |")))],
    # issue 12: a part that starts or ends with a table, inserted, deleted or with a changed cell
    "new-part-ending-in-table-last": [(OTHER, OTHER), ("", NEW_PART)],
    "withdrawn-part-ending-in-table-last": [(OTHER, OTHER), (NEW_PART, "")],
    "new-part-that-is-a-table": [(OTHER, OTHER), ("", APPENDIX), (WAGES, WAGES)],
    "withdrawn-part-that-is-a-table": [(OTHER, OTHER), (APPENDIX, ""), (WAGES, WAGES)],
    "new-part-that-is-a-table-first": [("", APPENDIX), (OTHER, OTHER)],
    "withdrawn-part-that-is-a-table-first": [(APPENDIX, ""), (OTHER, OTHER)],
    "new-part-that-is-a-table-alone": [("", APPENDIX)],
    "withdrawn-part-that-is-a-table-alone": [(APPENDIX, "")],
    "new-part-starting-with-table": [(OTHER, OTHER), ("", APPENDIX_NOTE)],
    "withdrawn-part-starting-with-table": [(APPENDIX_NOTE, ""), (OTHER, OTHER)],
    "cell-changed-in-table-first": [(APPENDIX, _edit(APPENDIX, ("$250,000.00", "$260,000.00"))), (OTHER, OTHER)],
    "cell-changed-in-table-last": [(OTHER, OTHER), (APPENDIX, _edit(APPENDIX, ("$122,003.50", "$125,663.60")))],
    "row-added-in-table-last": [(OTHER, OTHER), (APPENDIX, APPENDIX + "| Resident | $60,000.00 | $61,800.00 | $63,654.00 |\n")],
    "row-removed-in-table-first": [(APPENDIX, APPENDIX.replace("| Physician | $250,000.00 | $257,500.00 | $265,225.00 |\n", "")), (OTHER, OTHER)],
}  # fmt: skip


# A part added or withdrawn whole at the very top of a document whose heading is right above a
# table: nothing is above the heading to take its revised mark, so the next part's heading is
# written there too (``tables.first_part_off_table``); before, LibreOffice left one empty
# paragraph at the top where the part was.
FIRST_WHOLE_TABLE_PART = {"new-part-that-is-a-table-first", "withdrawn-part-that-is-a-table-first",
                          "withdrawn-part-starting-with-table", "new-part-that-is-a-table-alone",
                          "withdrawn-part-that-is-a-table-alone"}  # fmt: skip


def _changes(name: str) -> list[ArticleChange]:
    return [ArticleChange(old, new) for old, new in CASES[name]]


def _tracked(path: Path, changes: list[ArticleChange]) -> Path:
    export_proposal(changes, path, mode="tracked", party=UNION, pass_name="U-7", session=SESSION,
                    diff=engine_diff)  # fmt: skip
    return path


def _layout(texts: list[str]) -> tuple[list[str], list[list[list[str]]]]:
    """What a document of these articles shows: its paragraphs (table rows taken out) and its
    tables as rows of cells, as LibreOffice reports them."""
    paragraphs: list[str] = []
    tables: list[list[list[str]]] = []
    for text in texts:
        if not text:
            continue
        lines = text.rstrip("\n").split("\n")
        spans = plain_tables(lines)
        skip = 0
        for i, line in enumerate(lines):
            if i < skip:
                continue
            if i in spans:
                skip, table = spans[i]
                tables.append([row.view("new") for row in table.rows])
                continue
            paragraphs.append(line)
    return paragraphs, tables


def _trim(paragraphs: list[str]) -> list[str]:
    out = list(paragraphs)
    while out and not out[-1]:
        out.pop()
    return out


def _cells(tables: list[list[list[str]]]) -> list[list[list[str]]]:
    """LibreOffice fills a short row with empty cells to the grid; those are not text."""

    def cut(row: list[str]) -> list[str]:
        while row and not row[-1]:
            row = row[:-1]
        return row

    return [[cut(row) for row in table] for table in tables]


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("name", list(CASES))
def test_tracked_tables_are_tables_with_cell_revisions(tmp_path: Path, name: str) -> None:
    changes = _changes(name)
    path = _tracked(tmp_path / f"{name}.docx", changes)
    root = document_root(path)
    assert schema_problems(root) == []
    tables = root.findall(".//w:body/w:tbl", NS)
    assert tables, "the schedule is not a Word table"
    assert not [p for p in root.iter(f"{{{W}}}t") if (p.text or "").startswith("| ")], "a pipe line left as text"
    # revisions sit inside cells or on whole rows, never across the table
    for tbl in tables:
        for change in tbl.iter(f"{{{W}}}ins", f"{{{W}}}del"):
            parent = change.getparent()
            assert etree.QName(parent).localname in ("p", "trPr", "rPr"), etree.QName(parent).localname
    accepted, rejected = read_docx(path), read_docx(path, view="rejected")
    assert [a.text for a in accepted.articles] == [c.new for c in changes if c.new]
    assert [a.text for a in rejected.articles] == [c.old for c in changes if c.old]


def test_a_changed_cell_is_tracked_inside_that_cell(tmp_path: Path) -> None:
    root = document_root(_tracked(tmp_path / "cell.docx", _changes("cell-changed")))
    (tbl,) = root.findall(".//w:body/w:tbl", NS)
    changed = [
        (r, c)
        for r, tr in enumerate(tbl.findall("w:tr", NS))
        for c, tc in enumerate(tr.findall("w:tc", NS))
        if tc.find(".//w:ins", NS) is not None or tc.find(".//w:del", NS) is not None
    ]
    assert changed == [(2, 2)]
    cell = tbl.findall("w:tr", NS)[2].findall("w:tc", NS)[2]
    assert "".join(t.text for t in cell.iter(f"{{{W}}}delText")) == "$123,600.00"
    assert "".join(t.text for t in cell.findall(".//w:ins//w:t", NS)) == "$125,000.00"
    header = tbl.find("w:tr/w:trPr/w:tblHeader", NS)
    assert header is not None, "the header row is not repeated on each page"


@pytest.mark.parametrize("mode", ["clean", "redline"])
def test_static_modes_write_tables(tmp_path: Path, mode: str) -> None:
    changes = _changes("row-added") + _changes("new-part-with-table")[1:2]
    path = tmp_path / f"{mode}.docx"
    export_proposal(changes, path, mode=mode, party=UNION, pass_name="U-7", session=SESSION, diff=engine_diff)
    root = document_root(path)
    assert schema_problems(root) == []
    assert len(root.findall(".//w:body/w:tbl", NS)) == 2
    if mode == "clean":
        assert [a.text for a in read_docx(path).articles] == [c.new for c in changes]
    else:
        added = root.findall(".//w:tbl//w:rStyle[@w:val='RedlineInsert']", NS)
        assert added, "the new row is not marked as inserted"


def test_ta_compile_and_history_write_tables(tmp_path: Path) -> None:
    ta = tmp_path / "ta.docx"
    export_ta([WAGES], ta, union=UNION, employer=EMPLOYER, union_sign="A", employer_sign="B",
              ta_date=SESSION, team=UNION)  # fmt: skip
    assert len(document_root(ta).findall(".//w:body/w:tbl", NS)) == 1  # the signatures are aside
    assert read_docx(ta).articles[0].text == WAGES
    contract = tmp_path / "contract.docx"
    export_contract([ContractArticle(WAGES), ContractArticle(OTHER)], contract, team=UNION, union=UNION,
                    employer=EMPLOYER, compiled=SESSION, front_matter=True)  # fmt: skip
    assert len(document_root(contract).findall(".//w:body/w:tbl", NS)) == 1
    assert [a.text for a in read_docx(contract).articles] == [WAGES, OTHER]
    history = tmp_path / "history.docx"
    layers = [Layer("baseline", "agreement in force", "", WAGES)]
    text = WAGES
    for k, (old, new) in enumerate([("$123,600.00", "$125,000.00"), ("$257,500.00", "$259,000.00"),
                                     ("$125,000.00", "$126,000.00")], 1):  # fmt: skip
        text = text.replace(old, new)
        layers.append(Layer(f"U-{k}", UNION if k % 2 else EMPLOYER, f"2025-0{k}-01", text))
    export_history(layers, history, team=UNION)
    root = document_root(history)
    assert schema_problems(root) == []
    assert len(root.findall(".//w:body/w:tbl", NS)) == 1  # the passes table is aside
    assert read_docx(history, history=True).articles[0].text == text
    assert read_docx(history, view="rejected", history=True).articles[0].text == WAGES
    authors = {el.get(f"{{{W}}}author") for el in root.findall(".//w:tbl//w:ins", NS)}
    assert authors == {UNION, EMPLOYER}


# --------------------------------------------------------------------------- LibreOffice


@pytest.fixture(scope="module")
def lo(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict[str, Any]]:
    if REASON:
        pytest.skip(REASON)
    tmp = tmp_path_factory.mktemp("lo_tables")
    jobs: list[tuple[str, str, Path]] = []
    for name in CASES:
        path = _tracked(tmp / f"{name}.docx", _changes(name))
        jobs += [(name, "accept", path), (name, "reject", path)]
    args = [x for _, action, path in jobs for x in (action, str(path))]
    proc = subprocess.run([LO_PYTHON, str(LO_CHECK), *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)["results"]
    return {(name, action): res for (name, action, _), res in zip(jobs, results, strict=True)}


@pytest.mark.parametrize("name", list(CASES))
def test_libreoffice_accept_all_gives_the_new_table(lo: dict[tuple[str, str], Any], name: str) -> None:
    result = lo[(name, "accept")]
    assert result["redlines"] and result["redlines_after"] == 0
    paragraphs, tables = _layout([new for _, new in CASES[name]])
    assert _trim(result["paragraphs"]) == _trim(paragraphs)
    assert _cells(result["tables"]) == _cells(tables)


@pytest.mark.parametrize("name", list(CASES))
def test_libreoffice_reject_all_gives_the_old_table(lo: dict[tuple[str, str], Any], name: str) -> None:
    result = lo[(name, "reject")]
    assert result["redlines_after"] == 0
    paragraphs, tables = _layout([old for old, _ in CASES[name]])
    assert _trim(result["paragraphs"]) == _trim(paragraphs)
    assert _cells(result["tables"]) == _cells(tables)


@pytest.mark.parametrize("name", sorted(FIRST_WHOLE_TABLE_PART))
def test_no_empty_paragraph_on_top_where_a_first_part_was(lo: dict[tuple[str, str], Any], name: str) -> None:
    for action in ("accept", "reject"):
        result = lo[(name, action)]
        if _trim(result["paragraphs"]):  # an empty document is one empty paragraph
            assert 0 not in result["empty_paragraphs"], action
            assert result["paragraphs"][0], action
