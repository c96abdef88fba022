"""SVG snapshots of every screen and dialog at 80x24 and 120x40, and of each with NO_COLOR and in
the light theme (issue 18).

The negotiation is built with fixed dates and authors, "today" is frozen, cursors do not blink,
and workers are waited for before the picture is taken, so the SVGs are the same on every run.
Regenerate with `pytest tests/test_tui_snapshots.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_fixtures import build_negotiation, steps

from proposals_tui.app import ProposalsApp

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(scope="module")
def snapshot_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_negotiation(tmp_path_factory.mktemp("snap") / "negotiation")


pytestmark = pytest.mark.usefixtures("no_blink")


SCREENS = {  # every screen and dialog, in colour, NO_COLOR and the light theme
    "board": steps(),
    "article": steps("enter", select="scheduling"),
    "article_moves": steps("enter", select="staffing"),
    "article_locked": steps("enter", select="safety"),
    "article_inline_markers": steps("enter", "v", "m", select="scheduling"),
    "article_provenance": steps("enter", "v", "v", select="scheduling"),
    "article_notes": steps("enter", "n", select="scheduling"),
    "editor": steps("e", select="wages"),
    "history": steps("h", select="scheduling"),
    "pass_modal": steps("p", select="staffing"),
    "their_pass_modal": steps("i", select="wages"),
    "ta_modal": steps("t", select="staffing"),
    "ta_confirm": steps("t", "ctrl+s", select="staffing"),
    "withdraw_modal": steps("w", select="wages"),
    "export_modal": steps("x", select="scheduling"),
    "quit_modal": steps("e", "X", "ctrl+q", select="wages"),
    "notes_modal": steps("e", "ctrl+n", select="wages"),
    "help": steps("question_mark"),
    "blame": steps("enter", "b", select="staffing"),  # who last wrote each line, at 80x24 too
    "board_filtered_open": steps("f", "s"),
    "costing": steps("c"),
    "sessions": steps("g"),
    "packages": steps("P"),
}
CASES = {
    **SCREENS,
    "article_light_theme": steps("enter", "ctrl+t", select="scheduling"),
    # gutters and moved text take the light theme's colours (component classes in app.tcss)
    "article_moves_light_theme": steps("enter", "ctrl+t", select="staffing"),
    "board_light_theme": steps("ctrl+t"),
}


def light(run_before: Callable[[Pilot], Awaitable[None]]) -> Callable[[Pilot], Awaitable[None]]:
    async def in_light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await run_before(pilot)

    return in_light


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", list(CASES))
def test_snapshot(
    snap_compare, snapshot_repo: Path, tmp_path: Path, case: str, size: tuple[int, int]
) -> None:
    import shutil

    repo = tmp_path / "negotiation"
    shutil.copytree(snapshot_repo, repo, symlinks=True)
    app = ProposalsApp(repo, today=date(2025, 4, 7), autosave_delay=3600)
    assert snap_compare(app, terminal_size=size, run_before=CASES[case])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", list(SCREENS))
def test_snapshot_no_color(
    snap_compare, snapshot_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, size
) -> None:
    import shutil

    monkeypatch.setenv("NO_COLOR", "1")
    repo = tmp_path / "negotiation"
    shutil.copytree(snapshot_repo, repo, symlinks=True)
    app = ProposalsApp(repo, today=date(2025, 4, 7), autosave_delay=3600)
    assert app.markers  # [-old-]{+new+}: a change is readable without colour
    assert snap_compare(app, terminal_size=size, run_before=SCREENS[case])


@pytest.mark.parametrize("case", list(SCREENS))
def test_snapshot_light(snap_compare, snapshot_repo: Path, tmp_path: Path, case: str) -> None:
    """The light theme (ctrl+t) on every screen and dialog, at 80x24."""
    import shutil

    repo = tmp_path / "negotiation"
    shutil.copytree(snapshot_repo, repo, symlinks=True)
    app = ProposalsApp(repo, today=date(2025, 4, 7), autosave_delay=3600)
    assert snap_compare(app, terminal_size=(80, 24), run_before=light(SCREENS[case]))


def test_every_snapshot_is_one_svg_file() -> None:
    """conftest's stale-snapshot check under xdist matches snapshots by file: that holds while
    each snapshot is a file of its own (syrupy's single-file .svg), not one of many in a file."""
    files = [p for p in Path(__file__).parent.glob("__snapshots__/**/*") if p.is_file()]
    assert files and all(p.suffix == ".svg" for p in files), sorted({p.suffix for p in files})
