"""The costing screen: opened from the board (c) and from an article ($), keyboard only, 80x24."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static
from tui_fixtures import AUTHOR, WAGES_U1, build_negotiation, settle, sync_async_tests

from proposals.costing.compare import import_roster
from proposals.negotiation.passes import record_pass
from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp
from proposals_tui.screens.article import ArticleScreen
from proposals_tui.screens.board import BoardScreen
from proposals_tui.screens.costing import CostingScreen

ROSTER = "id,classification,fte,base_pay,clinic\n" + "".join(
    f"M{n:02d},{('physician', 'NP', 'PA')[n % 3]},{('1.0', '0.8', '0.5')[n % 2]},{150000 + 10000 * n},"
    f"{('North', '[/] South [b]')[n % 2]}\n"  # a clinic name that is not markup
    for n in range(12)
)
UNION = "[[across_the_board]]\nyear = 2025\npercent = 4\n\n[[across_the_board]]\nyear = 2026\npercent = 3\n"
EMPLOYER = "[[across_the_board]]\nyear = 2025\npercent = -2\n\n[pto]\ndays_per_fte = 0\n"


def build_costed(path: Path, roster_dir: Path) -> Path:
    """The TUI negotiation plus terms on a union and an employer pass on wages, and a roster."""
    build_negotiation(path)
    repo = BargainingRepo.open(path, env=AUTHOR)
    for party, terms, text, session in (
        ("union", UNION, WAGES_U1.replace("six percent (6%)", "four percent (4%)"), "2025-03-10"),
        ("employer", EMPLOYER, WAGES_U1.replace("six percent (6%)", "minus two percent (-2%)"), "2025-03-17"),
    ):
        (path / "terms" / party).mkdir(parents=True, exist_ok=True)
        (path / "terms" / party / "wages.toml").write_text(terms)
        record_pass(repo, party, ["wages"], session=session, texts={"wages": text})
    (roster_dir / "members.csv").write_text(ROSTER)
    import_roster(repo, roster_dir / "members.csv")
    return path


@pytest.fixture(scope="module")
def costed_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("costed")
    return build_costed(base / "negotiation", base)


def cells(table: DataTable) -> list[str]:
    return [str(c) for r in range(table.row_count) for c in table.get_row_at(r)]


async def test_costing_from_the_board_by_year_and_by_member(costed_repo: Path) -> None:
    app = ProposalsApp(costed_repo, today=date(2025, 4, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CostingScreen)
        shown = cells(screen.query_one("#costing-table", DataTable))
        assert "U-4 Union" in shown and "E-2 Employer" in shown
        assert "value of 1%" in shown and "U-4 − E-2" in shown
        head = str(screen.query_one("#costing-head", Static).render())
        assert "12 members · 2025-2026" in head
        assert "█" in str(screen.query_one("#costing-chart", Static).render())
        assert "$88.3k" in shown  # 80 columns: short figures (exact ones from 110 columns)
        await pilot.press("v")
        people = cells(screen.query_one("#costing-people", DataTable))
        assert "M00" in people and "North" in people
        groups = cells(screen.query_one("#costing-groups", DataTable))
        assert "physician" in groups and "0/4" in groups  # the employer's cut: no physician gains
        await pilot.press("b")
        assert "[/] South [b]" in cells(screen.query_one("#costing-groups", DataTable))
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_one_members_pay_year_by_year_keyboard_only(costed_repo: Path) -> None:
    # M00: physician, 1.0 FTE, base 150000, no status quo terms (pay held). Union: +4% in 2025,
    # +3% in 2026: 156000.00 then 160680.00, a change of 6000 and 10680 (16680 over the term).
    # Employer: -2% in 2025, carried: 147000.00 both years, -3000 each.
    app = ProposalsApp(costed_repo, today=date(2025, 4, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CostingScreen)
        await pilot.press("v", "enter")
        await pilot.pause()
        assert screen.view == "member"
        head = str(screen.query_one("#costing-member-head", Static).render())
        assert "Member M00 · physician · North · FTE 1.0" in head
        table = screen.query_one("#costing-member-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]
        assert rows[0] == ["status quo", "$150.0k", "$150.0k", "$300.0k"]
        assert rows[1] == ["U-4 Union", "$156.0k", "$160.7k", "$316.7k"]
        assert rows[2] == ["  change", "$6.0k", "$10.7k", "$16.7k"]
        assert rows[3] == ["E-2 Employer", "$147.0k", "$147.0k", "$294.0k"]
        assert rows[4] == ["  change", "-$3.0k", "-$3.0k", "-$6.0k"]
        assert screen.query_one("#costing-member").region.bottom <= 23  # fits 80x24 above the footer
        await pilot.press("escape")
        assert screen.view == "members" and isinstance(app.screen, CostingScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Member M01 · NP · [/] South [b]" in str(
            screen.query_one("#costing-member-head", Static).render()
        )
        await pilot.press("v")
        assert screen.view == "years"
    wide = ProposalsApp(costed_repo, today=date(2025, 4, 7))
    async with wide.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("v", "enter")
        await pilot.pause()
        table = wide.screen.query_one("#costing-member-table", DataTable)
        assert [str(c) for c in table.get_row_at(2)][1:] == ["$6,000.00", "$10,680.00", "$16,680.00"]


async def test_costing_from_an_article_and_without_a_roster(costed_repo: Path, tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "copy"
    shutil.copytree(costed_repo, repo, symlinks=True)
    (repo / ".git" / "proposals" / "roster.csv").unlink()
    app = ProposalsApp(repo, today=date(2025, 4, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("$")
        await settle(pilot)
        assert isinstance(app.screen, CostingScreen)
        head = str(app.screen.query_one("#costing-head", Static).render())
        assert "Nothing to cost yet: no roster yet" in head


def test_costing_snapshot(snap_compare, costed_repo: Path, tmp_path: Path, monkeypatch) -> None:
    import shutil

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.delenv("NO_COLOR", raising=False)
    repo = tmp_path / "negotiation"
    shutil.copytree(costed_repo, repo, symlinks=True)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)

    app = ProposalsApp(repo, today=date(2025, 4, 7), autosave_delay=3600)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


sync_async_tests(globals())
