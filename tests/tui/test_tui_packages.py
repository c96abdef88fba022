"""The packages screen (`P` on the board, issue 18): every package from the core's one list,
with its state and each part's status, read in the repo lane."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable
from tui_fixtures import SCHEDULING_U2, STAFFING_U1, quiet_app, settle, sync_async_tests

from proposals.negotiation.packages import record_package, reject_package
from proposals.negotiation.repo import BargainingRepo
from proposals_tui.screens.packages import PackagesScreen


async def test_packages_screen_lists_each_package_its_state_and_parts(repo_path: Path) -> None:
    repo = BargainingRepo.open(repo_path)
    texts = {
        "staffing": STAFFING_U1.replace("monthly", "weekly"),
        "scheduling": SCHEDULING_U2.replace("three (3)", "five (5)"),
    }
    record_package(
        repo, "union", ["staffing", "scheduling"], title="Staffing + time", session="2025-03-17", texts=texts
    )
    record_package(
        repo,
        "union",
        ["staffing", "wages"],
        title="Second",
        session="2025-03-18",
        texts={"staffing": STAFFING_U1, "wages": "ARTICLE 20: WAGES\n20.1 Seven percent.\n"},
    )
    reject_package(repo, "P-2", session="2025-03-19")
    app = quiet_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("P")
        await settle(pilot)
        assert isinstance(app.screen, PackagesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert str(table.get_cell("P-1", "state")) == "open"
        assert "staffing (Open)" in str(table.get_cell("P-1", "parts"))
        assert "Staffing + time" in str(table.get_cell("P-1", "parts"))
        assert str(table.get_cell("P-2", "state")).startswith("rejected 2025-03-19")
        assert str(table.get_cell("P-1", "proposed")) == "U-4, 2025-03-17"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PackagesScreen)


sync_async_tests(globals())
