"""What the core did beside a job reaches the TUI under its own name: a repair (a pass killed
before its tag, finished first) is titled "Repaired"; a note (a part new in their pass placed
under a division of bargaining.toml) is titled "Note". Before, every notice was titled
"Repaired", so a team read a routine placement as a fix of a broken record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import git
from tui_fixtures import WAGES_E1, enter_their_docx, sync_async_tests, their_docx

from proposals_tui.app import ProposalsApp


async def test_a_new_part_placed_under_a_division_is_a_note_not_a_repair(repo_path: Path) -> None:
    config = repo_path / "bargaining.toml"
    config.write_text(
        config.read_text().replace(
            "[articles.wages]\n", '[articles.wages]\ndivision = "PART B - ECONOMIC PROVISIONS"\n'
        )
    )
    git(repo_path, "commit", "-qam", "Divisions")
    source = their_docx(
        repo_path.parent,
        [
            *WAGES_E1.replace("one percent (1%)", "two percent (2%)").splitlines(),
            "PART B - ECONOMIC PROVISIONS",
            "ARTICLE 41: TELEHEALTH",
            "41.1 Telehealth visits count as clinic hours.",
        ],
    )
    app = ProposalsApp(repo_path, today=date(2025, 4, 7))
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_their_docx(pilot, app, source)
        shown = [(n.title, n.message) for n in app._notifications]
    assert "division = " in git(repo_path, "show", "HEAD:bargaining.toml").split("[articles.telehealth]")[1]
    placed = [(title, message) for title, message in shown if "telehealth is new" in message]
    assert placed and all(title == "Note" for title, _ in placed), shown
    assert not any(title == "Repaired" for title, _ in shown), shown


sync_async_tests(globals())
