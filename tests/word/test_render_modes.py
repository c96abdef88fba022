"""Every kind of document rendered as a person sees it (LibreOffice → PDF → PNG pages and laid-out
text): each opens, has pages, and shows what it must on them. Look at the PNGs in the test's
temporary folder (``render.py OUT FILE...`` does the same by hand) before calling a layout done."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from render import missing, render


@pytest.mark.skipif(missing() is not None, reason=missing() or "")
def test_every_mode_renders(cli: CLI, tmp_path: Path) -> None:
    cli("demo", "demo")
    repo = cli.cwd / "demo"
    made: dict[str, Path] = {}

    def run(name: str, *args: str) -> None:
        made[name] = tmp_path / f"{name}.docx"
        cli("-C", str(repo), *args, str(made[name]))

    for mode in ("tracked", "redline", "clean"):
        run(mode, "export", "staffing", "--to", "U-13", "--mode", mode, "-o")
    run("ta", "export", "staffing", "--mode", "ta", "-o")
    run("history", "export", "staffing", "--history", "-o")
    run("status", "status", "--docx")
    run("compile", "compile", "--force", "-o")
    pages = render(list(made.values()), tmp_path / "png")
    for name, path in made.items():
        pngs, text = pages[path]
        assert pngs and all(p.stat().st_size > 1000 for p in pngs), name
        assert "Page 1 of" in text or name == "status", name
    assert "ARTICLE 6: STAFFING" in pages[made["tracked"]][1]
    assert "Tentative Agreement" in pages[made["ta"]][1] and "Signature:" in pages[made["ta"]][1]
    assert "Passes in this history" in pages[made["history"]][1]
    assert "FIRST COLLECTIVE BARGAINING AGREEMENT" in pages[made["compile"]][1]
    assert "Contents" in pages[made["compile"]][1]
