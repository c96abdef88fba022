"""No empty paragraph is used as spacing in any document the CLI writes (issue 12,
presentation): on the demo, every export mode, the history, the TA document, the status chart
and the compiled contract (with and without --redline) have no body paragraph without text,
except one a tracked paragraph mark needs to merge into, a page break or a field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from docx_checks import document_root

from proposals.word.history import Layer, export_history

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

RUNS = {
    "clean": ["export", "wages", "staffing", "--mode", "clean", "-o"],
    "tracked": ["export", "staffing", "--from", "E-11", "--to", "U-13", "--mode", "tracked", "-o"],
    "redline": ["export", "staffing", "--from", "E-11", "--to", "U-13", "--mode", "redline", "-o"],
    "ta": ["export", "scheduling", "--mode", "ta", "-o"],
    "history": ["export", "wages", "--history", "-o"],
    "status": ["status", "--docx"],
    "compile": ["compile", "--force", "--term", "July 1, 2025 to June 30, 2028", "-o"],
    "compile-redline": ["compile", "--force", "--redline", "-o"],
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path]:
    where = tmp_path_factory.mktemp("spacers")
    cli = CLI(where)
    cli("demo", "demo")
    return cli, where / "demo"


def spacers(path: Path) -> list[int]:
    """Indices of body paragraphs (not in table cells) that hold nothing and mark nothing."""
    body = document_root(path).find(f"{W}body")
    assert body is not None
    found = []
    tracked_mark = False  # the paragraph before ends in a tracked mark: this one is its merge
    for i, p in enumerate(body.iter(f"{W}p")):
        if p.getparent().tag == f"{W}tc":
            continue
        after_tracked, tracked_mark = tracked_mark, _tracked_mark(p)
        if after_tracked:
            continue
        if "".join(t.text or "" for t in p.iter(f"{W}t", f"{W}delText")):
            continue
        if any(p.find(f".//{W}{tag}") is not None for tag in ("br", "fldChar", "sectPr")):
            continue
        if tracked_mark:
            continue
        found.append(i)
    return found


def _tracked_mark(p: object) -> bool:
    return any(p.find(f"{W}pPr/{W}rPr/{W}{kind}") is not None for kind in ("ins", "del"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(RUNS))
def test_no_empty_paragraph_as_spacing(demo: tuple[CLI, Path], tmp_path: Path, name: str) -> None:
    cli, repo = demo
    out = tmp_path / f"{name}.docx"
    cli("-C", str(repo), *RUNS[name], str(out))
    assert spacers(out) == []


BASE = "ARTICLE 3: HOURS\n\n3.1 Day. A day is eight (8) hours.\n\n3.2 Week. A week is forty (40) hours.\n"


@pytest.mark.parametrize("start", ["baseline", "new part"])
def test_a_history_ends_without_a_spacer(tmp_path: Path, start: str) -> None:
    """A history of a part the baseline had ends its text without an empty paragraph before
    the passes table; one of a new part keeps the paragraph its inserted closing mark needs."""
    layers = [
        Layer("baseline", "", "", BASE if start == "baseline" else ""),
        Layer("U-1", "Union", "2025-01-07", BASE.replace("eight (8)", "seven (7)")),
        Layer("E-1", "Employer", "2025-01-21", BASE.replace("eight (8)", "seven and one-half (7.5)")),
    ]
    out = tmp_path / "history.docx"
    export_history(layers, out, team="Union")
    assert spacers(out) == []
