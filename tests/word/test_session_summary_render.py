"""The session summary as the team sees it: the demo's package session opened in LibreOffice,
rendered to PDF, PNG pages and laid-out text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from render import missing, render


@pytest.mark.skipif(missing() is not None, reason=str(missing()))
def test_the_session_summary_opens_in_libreoffice_with_the_day_and_no_notes(tmp_path: Path) -> None:
    cli = CLI(tmp_path)
    cli("demo", "demo")
    out = tmp_path / "out"
    out.mkdir()
    for day in ("2024-06-25", "2024-09-24"):  # the package passed, then rejected
        cli("-C", "demo", "session", "show", day, "--docx", str(out / f"session-{day}.docx"))
    done = render(sorted(out.glob("*.docx")), tmp_path / "png", dpi=70)
    proposed, rejected = (done[out / f"session-{d}.docx"] for d in ("2024-06-25", "2024-09-24"))
    for pages, text in (proposed, rejected):
        assert len(pages) == 1  # one day, one page
        flat = " ".join(text.split())
        assert "bargaining session" in flat and "Union hall, 400 Cedar Ave" in flat
        assert "For Northstar Health: M. Chen, P. Hargrove." in flat
        assert "caucus" not in flat.lower() and "Note" not in flat  # team notes never reach it
    flat = " ".join(proposed[1].split())
    assert "Pass U-5 (Northstar Clinicians United): staffing, admin-time, safety, grievance" in flat
    assert "Package P-1 (Staffing with protected time) passed by Northstar Clinicians United in U-5" in flat
    assert "Tentative agreement on mentorship" in flat
    flat = " ".join(rejected[1].split())
    assert "Package P-1 (Staffing with protected time) rejected by Northstar Health" in flat
