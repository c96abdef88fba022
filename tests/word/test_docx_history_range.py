"""`export ID --history --to PASS` and the unsent draft as the last layer, over a real repo with a
baseline and twelve passes (a wage table among the text), judged by LibreOffice: accept-all gives
the text at --to (or the draft), reject-all the text at --from (or the baseline) (issue 12)."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import CLI
from docx_checks import W, document_root, schema_problems
from docx_samples import history_texts
from test_docx_libreoffice import LO_CHECK, LO_PYTHON, REASON

from proposals.word.reader import read_docx
from proposals.word.tables import plain_tables

UNION, EMPLOYER = "Clinicians United", "Northstar Health"
TABLE = (
    "\n| Classification | Step 1 | Step 2 |\n| --- | --- | --- |\n"
    "| Physician | $250,000.00 | $257,500.00 |\n"
)
PASSES = 12
Repo = tuple[CLI, Path, list[str], dict[str, str]]


def _texts() -> list[str]:
    """Baseline text and twelve passes of it; the schedule's cells change along the way."""
    out = []
    for k, text in enumerate(history_texts(PASSES)):
        table = TABLE.replace("$257,500.00", f"${257_500 + 1_000 * (k // 3):,}.00")
        out.append(text + table)
    return out


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path, list[str], dict[str, str]]:
    where = tmp_path_factory.mktemp("history_range")
    cli = CLI(where)
    cli("init", "talks", "--union", UNION, "--employer", EMPLOYER)
    repo = where / "talks"
    texts = _texts()
    contract = where / "parts"
    contract.mkdir()
    (contract / "staffing.txt").write_text(texts[0])
    cli("-C", str(repo), "baseline", "--from-dir", str(contract))
    names: dict[str, str] = {}  # pass name -> its text
    day = date(2024, 2, 1)
    for k, text in enumerate(texts[1:]):
        party = ("union", "employer")[k % 2]
        (repo / "articles" / "staffing.txt").write_text(text)
        day += timedelta(days=14)
        said = cli("-C", str(repo), "pass", "--party", party, "--session", day.isoformat(), "--confirm",
                  "staffing").out  # fmt: skip
        name = f"{'UE'[k % 2]}-{k // 2 + 1}"
        assert name in said
        names[name] = text
    draft = texts[-1].replace("$250,000.00", "$262,000.00").replace("6.1", "6.1 (amended)", 1)
    (repo / "articles" / "staffing.txt").write_text(draft)
    names["draft"] = draft
    names["baseline"] = texts[0]
    return cli, repo, texts, names


def _view(text: str) -> tuple[list[str], list[list[list[str]]]]:
    lines = text.rstrip("\n").split("\n")
    spans = plain_tables(lines)
    paragraphs, tables, skip = [], [], 0
    for i, line in enumerate(lines):
        if i < skip:
            continue
        if i in spans:
            skip, table = spans[i]
            tables.append([row.view("new") for row in table.rows])
            continue
        paragraphs.append(line)
    while paragraphs and not paragraphs[-1]:  # as _body: a table's blank line before it may end them
        paragraphs.pop()
    return paragraphs, tables


def _body(result: dict[str, Any]) -> tuple[list[str], list[list[list[str]]]]:
    out = [p.rstrip("\r") for p in result["paragraphs"]]
    out = out[: out.index("Passes in this history")] if "Passes in this history" in out else out
    while out and not out[-1]:
        out.pop()
    return out, result["tables"][:-1]  # the passes table comes last


EXPORTS = {
    "to-pass": (("--from", "U-1", "--to", "E-4"), "U-1", "E-4"),
    "whole-with-draft": ((), "baseline", "draft"),
    "draft-labelled": (("--as", "U-7", "--session", "2024-09-30"), "baseline", "draft"),
    "to-last-pass": (("--to", "E-6"), "baseline", "E-6"),
}


def _export(cli: CLI, repo: Path, out: Path, *extra: str) -> str:
    return cli("-C", str(repo), "export", "staffing", "--history", *extra, "-o", str(out)).out


def test_history_to_a_pass_and_to_the_draft(repo: Repo, tmp_path: Path) -> None:
    cli, path, _, names = repo
    for key, (extra, start, end) in EXPORTS.items():
        out = tmp_path / f"{key}.docx"
        said = _export(cli, path, out, *extra)
        label = "U-7" if key == "draft-labelled" else ("DRAFT" if end == "draft" else end)
        assert f"{start} to {label}" in said, said
        root = document_root(out)
        assert schema_problems(root) == []
        assert read_docx(out, history=True).articles[0].text == names[end], key
        assert read_docx(out, view="rejected", history=True).articles[0].text == names[start], key
    root = document_root(tmp_path / "draft-labelled.docx")
    dates = {el.get(f"{{{W}}}date")[:10] for el in root.iter(f"{{{W}}}ins")}
    assert "2024-09-30" in dates and len(dates) >= 8  # the draft's label and each pass's session
    authors = {el.get(f"{{{W}}}author") for el in root.iter(f"{{{W}}}ins", f"{{{W}}}del")}
    assert authors == {UNION, EMPLOYER}


def test_history_to_refusals(repo: Repo, tmp_path: Path) -> None:
    cli, path, _, _ = repo
    out = tmp_path / "bad.docx"
    err = cli("-C", str(path), "export", "staffing", "--history", "--to", "E-9", "-o", str(out), ok=False).err
    assert "--to for a history takes draft or a pass on staffing" in err and not out.exists()
    history = ("-C", str(path), "export", "staffing", "--history")
    err = cli(*history, "--from", "E-5", "--to", "E-2", "-o", str(out), ok=False).err
    assert "before --to" in err and not out.exists()
    err = cli(*history, "--to", "E-2", "--as", "U-9", "-o", str(out), ok=False).err
    assert "label a draft" in err and not out.exists()


@pytest.mark.skipif(REASON is not None, reason=REASON or "")
def test_history_ranges_in_libreoffice(repo: Repo, tmp_path: Path) -> None:
    cli, path, _, names = repo
    jobs = []
    for key, (extra, _, _) in EXPORTS.items():
        out = tmp_path / f"{key}.docx"
        _export(cli, path, out, *extra)
        jobs += [(key, "accept", out), (key, "reject", out)]
    args = [x for _, action, out in jobs for x in (action, str(out))]
    proc = subprocess.run([LO_PYTHON, str(LO_CHECK), *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)["results"]
    for (key, action, _), result in zip(jobs, results, strict=True):
        _, start, end = EXPORTS[key]
        assert result["redlines_after"] == 0
        assert _body(result) == _view(names[end if action == "accept" else start]), (key, action)
    whole = results[2]["redlines"]
    assert len({r["date"] for r in whole}) >= 10  # every pass of the twelve that changed a word
    assert {r["author"] for r in whole} == {UNION, EMPLOYER}



def test_history_header_counts_passes_not_the_draft(repo: Repo, tmp_path: Path) -> None:
    """Our unsent draft is a layer of the history but not a pass across the table."""
    cli, path, texts, _ = repo
    passes = len(texts) - 1
    said = _export(cli, path, tmp_path / "d.docx")
    assert f"({passes} passes and our draft)" in said, said
    header = " ".join(p.text for p in docx.Document(str(tmp_path / "d.docx")).sections[0].header.paragraphs)
    assert f"({passes} passes and our draft)" in header, header
    said = _export(cli, path, tmp_path / "p.docx", "--to", "E-6")
    assert f"({passes} passes)" in said and "draft" not in said.split("(")[-1], said
