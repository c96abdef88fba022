"""At 80x24 every key the footer shows is shown whole: "t TA", never "t" alone, and "^q Quit",
never "^q Qui" (issue 18). The test reads the painted bottom line of each screen and asks that
each footer key's words, key and label, are in it; a cut key is a failure whatever its place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sync_support import git, ok, read, run, write
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from tui_fixtures import quiet_app, select, settle, sync_async_tests

from proposals_tui.app import ProposalsApp


def footer_line(app: ProposalsApp) -> str:
    """The bottom line as painted (the compositor's strips, not the widgets' wishes)."""
    strips = app.screen._compositor.render_strips()
    return "".join(segment.text for segment in strips[-1])


def footer_words(app: ProposalsApp) -> list[str]:
    footer = app.screen.query_one(Footer)
    return [f"{k.key_display} {k.description}".strip() for k in footer.query(FooterKey)]


def cut_keys(app: ProposalsApp) -> list[str]:
    line = footer_line(app)
    words = footer_words(app)
    assert words, f"no footer on {app.screen}"
    assert words[0] == "? Help", words  # the key that lists the others comes first
    return [w for w in words if w not in line]


async def walk(pilot, *keys: str, select_id: str | None = None) -> None:
    await settle(pilot)
    if select_id is not None:
        await select(pilot, select_id)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


WALKS = {
    "board": ((), None),
    "article": (("enter",), "scheduling"),
    "article_moves": (("enter",), "staffing"),
    "article_ta": (("enter",), "mentorship"),
    "article_section_ta": (("enter",), "safety"),
    "article_notes": (("enter", "n"), "scheduling"),
    "editor": (("e",), "wages"),
    "editor_unsaved": (("e", "X"), "wages"),
    "history": (("h",), "scheduling"),
    "blame": (("enter", "b"), "staffing"),
    "costing": (("c",), None),
    "sessions": (("g",), None),
    "packages": (("P",), None),
}


@pytest.mark.parametrize("where", list(WALKS))
def test_every_footer_key_is_whole_at_80x24(repo_path: Path, where: str) -> None:
    import asyncio

    keys, select_id = WALKS[where]

    async def go() -> None:
        app = quiet_app(repo_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await walk(pilot, *keys, select_id=select_id)
            assert cut_keys(app) == [], (where, footer_line(app))

    asyncio.run(go())


@pytest.fixture
def team(template_repo: Path, tmp_path: Path) -> Path:
    """Alice's clone with a remote (so the board offers Sync) and a conflict to settle."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = tmp_path / "alice"
    shutil.copytree(template_repo, alice, symlinks=True)
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync")
    ok(tmp_path, "clone", str(remote), "bob", name="Bob Steward")
    bob = tmp_path / "bob"
    write(bob, "staffing", read(bob, "staffing").replace("quarterly", "every other month"))
    run(
        bob,
        "pass",
        "--party",
        "employer",
        "--session",
        "2025-04-01",
        "staffing",
        name="Bob Steward",
        check=True,
    )
    ok(bob, "sync", name="Bob Steward")
    write(alice, "staffing", read(alice, "staffing").replace("quarterly", "weekly"))
    return alice


async def test_the_board_with_a_remote_and_the_conflict_screen_keep_every_key_whole(team: Path) -> None:
    app = quiet_app(team)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert cut_keys(app) == [], ("board", footer_line(app))
        await pilot.press("S")
        await settle(pilot)
        await pilot.press("enter")  # the report's OK / resolve: the conflict screen
        await settle(pilot)
        assert type(app.screen).__name__ == "ConflictScreen"
        assert cut_keys(app) == [], ("conflicts", footer_line(app))
        await pilot.press("escape")
        await settle(pilot)
        assert cut_keys(app) == [], ("board with a conflict", footer_line(app))


sync_async_tests(globals())
