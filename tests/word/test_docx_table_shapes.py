# ruff: noqa: E501  (edit cases read best one per line)
"""Tables whose shape changes (a row gains or loses a cell, a column is added or dropped, a row
comes with it) stay real Word tables in every export, and LibreOffice's accept-all / reject-all
give exactly the new / old table cell for cell: no pipe line left as text, no empty cell where a
text has none (``w:gridAfter``, which LibreOffice makes a real cell)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import CLI
from docx_checks import body_paragraphs, document_root, schema_problems
from docx_samples import SESSION, UNION, engine_diff
from test_docx_libreoffice import LO_CHECK, LO_PYTHON, REASON

from proposals.contract.part import normalise_text
from proposals.contract.table import is_separator, is_table_row, parse_row
from proposals.word.history import Layer, export_history
from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import read_docx

HEAD = "ARTICLE 10: WAGES\n| A | B | C |\n| --- | --- | --- |\n| x | 1 | 2 |\n| y | 3 | 4 |\n"
OLD = HEAD + "| z | 5 | 6 |\nEnd.\n"
COLUMN = "ARTICLE 10: WAGES\n| A | B | C | D |\n| --- | --- | --- | --- |\n| x | 1 | 2 | 9 |\n| y | 3 | 4 | 9 |\n| z | 5 | 6 | 9 |\nEnd.\n"
CASES: dict[str, tuple[str, str]] = {
    # a row gains a cell and a new row follows it: the diff inserts " 7 |\n| w | 5 | 6 |" in one
    "cell-and-row-added": (OLD, HEAD + "| z | 5 | 6 | 7 |\n| w | 5 | 6 |\nEnd.\n"),
    "cell-and-row-dropped": (HEAD + "| z | 5 | 6 | 7 |\n| w | 5 | 6 |\nEnd.\n", OLD),
    "cell-and-paragraph-added": (OLD, HEAD + "| z | 5 | 6 | 7 |\nA note.\nEnd.\n"),
    "cell-and-two-rows-added-last": (OLD[: -len("End.\n")], HEAD + "| z | 5 | 6 | 7 |\n| w | 5 | 6 |\n| v | 8 | 9 |\n"),
    "column-added": (OLD, COLUMN),
    "column-dropped": (COLUMN, OLD),
    "last-row-gains-cell": (OLD, HEAD + "| z | 5 | 6 | 7 |\nEnd.\n"),
    "middle-row-gains-cell": (OLD, OLD.replace("| y | 3 | 4 |", "| y | 3 | 4 | 7 |")),
    # the diff deletes "\n| z | 5 | 6 |" before it inserts " 7 |": no mark to shift (_lines_whole)
    "cell-added-next-row-dropped": (OLD, HEAD.replace("| y | 3 | 4 |", "| y | 3 | 4 | 7 |") + "End.\n"),
    "cell-added-next-row-dropped-mid": (OLD, OLD.replace("| x | 1 | 2 |", "| x | 1 | 2 | 7 |").replace("| y | 3 | 4 |\n", "")),
}  # fmt: skip


def _expected(text: str) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs and the tables (rows of cells, ``| --- |`` lines left out) a document of
    this part text shows, read with the table format alone."""
    paragraphs: list[str] = []
    tables: list[list[list[str]]] = []
    in_table = False
    for line in text.rstrip("\n").split("\n"):
        if not is_table_row(line):
            paragraphs.append(line)
            in_table = False
            continue
        if not in_table:
            tables.append([])
            in_table = True
        cells = parse_row(line)
        if not is_separator(cells):
            tables[-1].append(cells)
    return paragraphs, tables


ASIDE = "Passes in this history"  # the history's passes table, after the part: not part text


def _body(result: dict[str, Any]) -> tuple[list[str], list[list[list[str]]]]:
    """The part's paragraphs (trailing blanks dropped) and tables as LibreOffice shows them,
    without a history's passes table."""
    paragraphs, tables = [p.rstrip("\r") for p in result["paragraphs"]], result["tables"]
    if ASIDE in paragraphs:
        paragraphs, tables = paragraphs[: paragraphs.index(ASIDE)], tables[:-1]
    return _trim(paragraphs), tables


def _trim(paragraphs: list[str]) -> list[str]:
    out = list(paragraphs)
    while out and not out[-1]:
        out.pop()
    return out


def _export(kind: str, old: str, new: str, path: Path) -> Path:
    if kind == "history":
        layers = [Layer("baseline", "agreement in force", "", old), Layer("U-1", UNION, "2025-03-14", new)]
        export_history(layers, path, team=UNION, diff=engine_diff)
    else:
        export_proposal([ArticleChange(old, new)], path, mode=kind, party=UNION, pass_name="U-1",
                        session=SESSION, diff=engine_diff)  # fmt: skip
    return path


@pytest.mark.parametrize("kind", ["tracked", "redline", "history"])
@pytest.mark.parametrize("name", list(CASES))
def test_no_row_is_left_as_pipe_text(tmp_path: Path, name: str, kind: str) -> None:
    old, new = CASES[name]
    path = _export(kind, old, new, tmp_path / f"{name}-{kind}.docx")
    assert schema_problems(document_root(path)) == []
    document = docx.Document(str(path))
    assert [p.text for p in body_paragraphs(document) if "|" in p.text] == []
    assert len(document.tables) == 1
    history = kind == "history"
    assert read_docx(path, history=history).articles[0].text == new
    assert read_docx(path, view="rejected", history=history).articles[0].text == old


@pytest.fixture(scope="module")
def lo(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], dict[str, Any]]:
    if REASON:
        pytest.skip(REASON)
    tmp = tmp_path_factory.mktemp("lo_table_shapes")
    jobs: list[tuple[str, str, str, Path]] = []
    for name, (old, new) in CASES.items():
        for kind in ("tracked", "history"):
            path = _export(kind, old, new, tmp / f"{name}-{kind}.docx")
            jobs += [(name, kind, "accept", path), (name, kind, "reject", path)]
        jobs.append((name, "clean", "none", _export("clean", old, new, tmp / f"{name}-clean.docx")))
    args = [x for *_, action, path in jobs for x in (action, str(path))]
    proc = subprocess.run([LO_PYTHON, str(LO_CHECK), *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)["results"]
    return {(name, kind, action): res for (name, kind, action, _), res in zip(jobs, results, strict=True)}


@pytest.mark.parametrize("kind", ["tracked", "history"])
@pytest.mark.parametrize("name", list(CASES))
def test_accept_all_gives_the_new_table_cell_for_cell(
    lo: dict[tuple[str, str, str], Any], name: str, kind: str
) -> None:
    result = lo[(name, kind, "accept")]
    assert result["redlines"], "the change is not tracked"
    assert result["redlines_after"] == 0
    paragraphs, tables = _expected(CASES[name][1])
    assert _body(result) == (_trim(paragraphs), tables)


@pytest.mark.parametrize("kind", ["tracked", "history"])
@pytest.mark.parametrize("name", list(CASES))
def test_reject_all_gives_the_old_table_cell_for_cell(
    lo: dict[tuple[str, str, str], Any], name: str, kind: str
) -> None:
    result = lo[(name, kind, "reject")]
    assert result["redlines_after"] == 0
    paragraphs, tables = _expected(CASES[name][0])
    assert _body(result) == (_trim(paragraphs), tables)


@pytest.mark.parametrize("name", list(CASES))
def test_clean_export_is_the_new_table_cell_for_cell(lo: dict[tuple[str, str, str], Any], name: str) -> None:
    paragraphs, tables = _expected(CASES[name][1])
    assert _body(lo[(name, "clean", "none")]) == (_trim(paragraphs), tables)


# --------------------------------------------------------------------------- spacing in a cell

SPACED = OLD.replace("| y | 3 | 4 |", "| y |  3 | 4 |")  # the tester's "dblspace" pass


def test_spaces_around_a_cell_are_not_part_text() -> None:
    """No Word cell shows them and every reader drops them: the stored form has none, so a
    document read back gives the stored text exactly."""
    assert normalise_text(SPACED) == OLD
    assert normalise_text("ARTICLE 1: PAY\n  |x|  1 |2 \\| 3|  \n|---|---|---|\n") == (
        "ARTICLE 1: PAY\n| x | 1 | 2 \\| 3 |\n| --- | --- | --- |\n"
    )


def test_a_pass_that_only_respaces_a_cell_is_refused(tmp_path: Path, cli: CLI) -> None:
    """It recorded a pass whose export showed no change at all."""
    cli("init", "talks", "--union", "U", "--employer", "E")
    repo = tmp_path / "talks"
    (repo / "articles" / "wages.txt").write_text(OLD)
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2024-01-01", "wages")
    (tmp_path / "spaced.txt").write_text(SPACED)
    result = cli("-C", str(repo), "pass", "--party", "employer", "--session", "2024-01-02",
                 "--from-file", str(tmp_path / "spaced.txt"), "wages", ok=False)  # fmt: skip
    assert "has not changed since the last pass" in result.err
