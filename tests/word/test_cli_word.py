"""Word in and out through the real CLI: export, TA documents, status chart, compile, import-docx.

Exports are opened again with python-docx and, where LibreOffice is installed, accepted and
rejected in LibreOffice itself. Team notes are planted with a marker that must never appear.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import CLI, STAFFING, git

from proposals.word.document import _list_level
from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import read_paragraphs

MARKER = "CAUCUS-ONLY-7731: our bottom line is 1.5 MAs"
LO_PYTHON = os.environ.get("LO_PYTHON", "/usr/bin/python3")
LO_CHECK = Path(__file__).with_name("lo_check.py")


def all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


@pytest.fixture
def talks(cli: CLI, negotiation: Path) -> Path:
    (negotiation / "notes" / "staffing.md").write_text(f"# Staffing\n\n{MARKER}\n")
    (negotiation / "notes" / "scheduling.md").write_text(f"{MARKER}\n")
    git(negotiation, "add", "notes")
    git(negotiation, "commit", "-qm", "notes")
    return negotiation


def test_export_modes_open_in_python_docx(cli: CLI, talks: Path, tmp_path: Path) -> None:
    for mode in ("tracked", "redline", "clean"):
        out = tmp_path / f"{mode}.docx"
        said = cli("-C", str(talks), "export", "staffing", "--to", "E-1", "--mode", mode, "-o", str(out)).out
        assert "Northstar Health proposal E-1, 2024-03-05" in said
        document = docx.Document(str(out))
        header = " ".join(p.text for p in document.sections[0].header.paragraphs)
        assert "Northstar Health" in header and "E-1" in header and "2024-03-05" in header
        assert "NOT A TENTATIVE AGREEMENT" in header
        props = document.core_properties
        assert props.author == "Northstar Health" and props.author != "python-docx"
        assert props.created.date() == date(2024, 3, 5)
        xml = all_xml(out)
        assert MARKER not in xml and "CAUCUS" not in xml
        assert oct(out.stat().st_mode & 0o777) != "0o600"
        if mode == "tracked":
            assert "<w:del " in xml and "<w:ins " in xml and 'w:author="Northstar Health"' in xml
        accepted = "\n".join(read_paragraphs(out, "accepted"))
        if mode == "redline":  # static markup: both texts on the page, struck and underlined,
            # read back as the new text (accepted) and the old (rejected), like tracked changes
            assert "<w:strike/>" in xml or '<w:strike w:val="1"/>' in xml or "w:strike" in xml
            assert "w:u " in xml and ">two</w:t>" in xml and ">one</w:t>" in xml
            rejected = "\n".join(read_paragraphs(out, "rejected"))
            assert "one (1) medical assistant" in accepted and "two (2) medical" not in accepted
            assert "two (2) medical assistants" in rejected
            continue
        assert "one (1) medical assistant" in accepted and "two (2) medical" not in accepted
        if mode == "tracked":
            rejected = "\n".join(read_paragraphs(out, "rejected"))
            assert "two (2) medical assistants" in rejected


def test_export_defaults_and_errors(cli: CLI, talks: Path, tmp_path: Path) -> None:
    staffing = talks / "articles" / "staffing.txt"
    staffing.write_text(staffing.read_text().replace("ten (10) days", "seven (7) days"))
    out = tmp_path / "draft.docx"
    said = cli("-C", str(talks), "export", "staffing", "--mode", "tracked", "-o", str(out)).out
    assert "draft, not yet proposed" in said  # our unsent draft, against the employer's last pass
    rejected = "\n".join(read_paragraphs(out, "rejected"))
    assert "one (1) medical assistant" in rejected and "ten (10) days" in rejected
    assert "seven (7) days" in "\n".join(read_paragraphs(out, "accepted"))
    pdf = str(tmp_path / "x.pdf")
    err = cli("-C", str(talks), "export", "staffing", "--mode", "clean", "-o", pdf, ok=False)
    assert ".docx" in err.err
    missing = str(tmp_path / "no" / "x.docx")
    err = cli("-C", str(talks), "export", "staffing", "--mode", "clean", "-o", missing, ok=False)
    assert "does not exist" in err.err
    err = cli("-C", str(talks), "export", "wages", "--mode", "clean", "-o", str(out), ok=False)
    assert "wages" in err.err


def test_ta_document_status_chart_and_compile(cli: CLI, talks: Path, tmp_path: Path) -> None:
    blocked = cli("-C", str(talks), "compile", "-o", str(tmp_path / "c.docx"), ok=False)
    assert "still open" in blocked.err and "--force" in blocked.err
    cli(
        "-C",
        str(talks),
        "ta",
        "scheduling",
        "--union-sign",
        "J. Alvarez",
        "--employer-sign",
        "M. Chen",
        "--date",
        "2024-06-11",
    )
    ta_doc = tmp_path / "ta.docx"
    cli("-C", str(talks), "export", "scheduling", "--mode", "ta", "-o", str(ta_doc))
    xml = all_xml(ta_doc)
    assert "J. Alvarez" in xml and "M. Chen" in xml and "TENTATIVE AGREEMENT" in xml and MARKER not in xml
    assert "thirty-six (36) hours" in "\n".join(read_paragraphs(ta_doc))

    chart = tmp_path / "status.docx"
    cli("-C", str(talks), "status", "--docx", str(chart))
    cells = {
        c.text.replace("\u2011", "-")
        for t in docx.Document(str(chart)).tables
        for r in t.rows
        for c in r.cells
    }
    assert {"Staffing", "Scheduling", "Parking"} <= cells, cells
    assert "TA'd 2024-06-11" in cells and "Open" in cells
    assert MARKER not in all_xml(chart)

    contract = tmp_path / "contract.docx"
    result = cli("-C", str(talks), "compile", "--force", "-o", str(contract))
    assert "staffing is open" in result.err
    text = "\n".join(read_paragraphs(contract))
    assert "ARTICLE 5: SCHEDULING" in text and MARKER not in all_xml(contract)
    assert "ARTICLE 6: STAFFING\nOPEN \u2014 not agreed" in text  # a placeholder, not its text
    assert "two (2) medical assistants" not in text


def test_import_docx_records_their_pass_and_keeps_our_draft(cli: CLI, talks: Path, tmp_path: Path) -> None:
    on_table = cli("-C", str(talks), "show", "staffing", "--at", "E-1").out
    theirs = on_table.replace("ten (10) days", "thirty (30) days")
    clean = tmp_path / "their-pass.docx"
    export_proposal(
        [ArticleChange("", theirs)],
        clean,
        mode="clean",
        party="Northstar Health",
        pass_name="E-2",
        session=date(2024, 4, 2),
    )
    staffing = talks / "articles" / "staffing.txt"
    our_draft = on_table.replace("one (1) hour", "thirty (30) minutes")
    staffing.write_text(our_draft)
    out = cli(
        "-C",
        str(talks),
        "import-docx",
        str(clean),
        "--party",
        "employer",
        "--session",
        "2024-04-02",
        "--announced",
        "scheduling",
    ).out
    assert "Recorded Northstar Health pass E-2" in out
    assert "UNANNOUNCED CHANGE in staffing" in out  # they only announced scheduling
    assert "refs/drafts/staffing" in out
    assert git(talks, "show", "E-2:articles/staffing.txt") == theirs  # round trip is exact
    assert git(talks, "show", "refs/drafts/staffing:staffing.txt") == our_draft


def test_import_docx_flags_edits_their_tracked_changes_hide(cli: CLI, talks: Path, tmp_path: Path) -> None:
    on_table = cli("-C", str(talks), "show", "staffing", "--at", "E-1").out
    silently = on_table.replace("within one (1) hour", "within four (4) hours")  # not marked
    proposed = silently.replace("ten (10) days", "thirty (30) days")  # marked as a change
    tracked = tmp_path / "their-redline.docx"
    export_proposal(
        [ArticleChange(silently, proposed)],
        tracked,
        mode="tracked",
        party="Northstar Health",
        pass_name="E-2",
        session=date(2024, 4, 2),
    )
    out = cli("-C", str(talks), "import-docx", str(tracked), "--party", "employer").out
    assert "UNANNOUNCED CHANGE in staffing" in out and "words differ" in out
    assert git(talks, "show", "HEAD:articles/staffing.txt") == proposed
    diff = json.loads(cli("-C", str(talks), "diff", "staffing", "--from", "E-1", "--to", "E-2", "--json").out)
    changed = {o["text"] for o in diff["ops"] if o["op"] != "equal"}
    assert {"one", "four", "hour", "hours"} <= changed or {"one (1) hour", "four (4) hours"} & changed


def test_import_docx_refuses_broken_files_without_recording(cli: CLI, talks: Path, tmp_path: Path) -> None:
    before = git(talks, "rev-parse", "HEAD")
    bad = tmp_path / "scan.docx"
    bad.write_bytes(b"%PDF-1.4 this is not a word file")
    err = cli("-C", str(talks), "import-docx", str(bad), "--party", "employer", ok=False).err
    assert "not a .docx" in err or "zip" in err
    same = tmp_path / "same.docx"
    table = STAFFING.replace("two (2) medical assistants", "one (1) medical assistant")
    export_proposal(
        [ArticleChange("", table)], same, mode="clean", party="x", pass_name="E-9", session=date(2024, 4, 2)
    )
    err = cli("-C", str(talks), "import-docx", str(same), "--party", "employer", ok=False).err
    assert "no article differs" in err
    assert git(talks, "rev-parse", "HEAD") == before


def test_roman_letters_in_long_lists_stay_letters() -> None:
    levels, previous, letter = [], 0, ""
    for line in ["(g) a", "(h) b", "(i) c", "(j) d", "Body.", "(a) e", "(i) f", "(ii) g", "(b) h"]:
        previous = _list_level(line, previous, letter)
        letter = line[1] if previous == 1 else ("" if previous == 0 else letter)
        levels.append(previous)
    assert levels == [1, 1, 1, 1, 0, 1, 2, 2, 1]


def _lo_reason() -> str | None:
    if not shutil.which("soffice"):
        return "LibreOffice (soffice) is not installed"
    probe = subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True, timeout=60)
    return f"{LO_PYTHON} cannot import uno (install python3-uno)" if probe.returncode else None


def test_cli_tracked_export_accepts_and_rejects_in_libreoffice(cli: CLI, tmp_path: Path) -> None:
    reason = _lo_reason()
    if reason:
        print(f"skipping: {reason}")
        pytest.skip(reason)
    repo = cli.cwd / "demo"
    cli("demo", "demo")
    out = tmp_path / "staffing.docx"
    cli(
        "-C",
        str(repo),
        "export",
        "staffing",
        "--from",
        "E-11",
        "--to",
        "U-13",
        "--mode",
        "tracked",
        "-o",
        str(out),
    )
    proc = subprocess.run(
        [LO_PYTHON, str(LO_CHECK), "accept", str(out), "reject", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)["results"]

    def body(text: str) -> list[str]:
        return [line for line in text.split("\n") if line.strip()]

    old = cli("-C", str(repo), "show", "staffing", "--at", "E-11").out
    new = cli("-C", str(repo), "show", "staffing", "--at", "U-13").out
    accepted = [p for p in results[0]["paragraphs"] if p.strip()]
    rejected = [p for p in results[1]["paragraphs"] if p.strip()]
    assert accepted[-len(body(new)) :] == body(new)
    assert rejected[-len(body(old)) :] == body(old)
