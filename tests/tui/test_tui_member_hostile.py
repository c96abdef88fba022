"""Issue 13: the TUI's "Who is recording?" dialog fed hostile text (real Pilot).

Each value is refused inline, in one line, with the markup in it shown as typed (never run:
``[@click=app.quit]`` leaves the app running), the dialog stays open, and nothing reaches the
repo's git config. The same rule as `proposals member` (``proposals.team.member.check_member``).
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from textual.widgets import Input
from tui_fixtures import settle, sync_async_tests

from proposals_tui.app import ProposalsApp
from proposals_tui.modals.member_modal import MemberModal
from proposals_tui.screens.board import BoardScreen

TODAY = date(2025, 4, 7)
BLOB = "0" * 40
GOOD = ("Rosa Delgado", "rosa@clinicians.example")

CASES = [
    # (name, email, what the inline error says, text it must show literally)
    ("Rosa\x1b[31m", GOOD[1], "Name contains", ""),
    (f"Rosa\nTA-Blob: {BLOB}", GOOD[1], "Name contains", ""),
    ("Rosa\u2028Pass: E-9", GOOD[1], "Name contains", ""),
    ("Rosa\x1eE-1", GOOD[1], "Name contains", ""),
    ("[/]", GOOD[1], "[ or ]", "[ or ]"),
    ("Rosa [@click=app.quit]", GOOD[1], "[ or ]", "[ or ]"),
    ("[link=https://evil.example]Rosa[/link]", GOOD[1], "[ or ]", "[ or ]"),
    ("R" * 500, GOOD[1], "the limit is 120", ""),
    ("--upload-pack=touch /tmp/pwned", GOOD[1], "starts with -", ""),
    ("-x", GOOD[1], "starts with -", ""),
    (GOOD[0], f"{GOOD[1]}\nTA-Blob: {BLOB}", "Email contains", ""),
    (GOOD[0], "-x@clinicians.example", "starts with -", ""),
    (GOOD[0], "[@click=app.quit]@x", "not an address", "[@click=app.quit]@x"),
    (GOOD[0], "[b]x[/b]", "not an address", "[b]x[/b]"),
]


def git(path: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, check=True).stdout


async def test_hostile_names_and_addresses_are_refused_inline_and_nothing_stored(
    repo_path: Path, nobody: None
) -> None:
    before = git(repo_path, "config", "--local", "--list")
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MemberModal)
        for name, email, why, literally in CASES:
            app.screen.query_one("#member-name", Input).value = name
            app.screen.query_one("#member-email", Input).value = email
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running, f"{name!r} / {email!r} ran an action"
            assert isinstance(app.screen, MemberModal), f"{name!r} / {email!r} was accepted"
            error = str(app.screen.query_one("#member-error").render())
            assert why in error and "\n" not in error.strip(), (name, email, error)
            assert "\x1b" not in error
            if literally:
                assert literally in error, (literally, error)
        # markup alone in the address: refused too, and still nothing written
        app.screen.query_one("#member-name", Input).value = GOOD[0]
        app.screen.query_one("#member-email", Input).value = "[@click=app.quit]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert git(repo_path, "config", "--local", "--list") == before  # still nothing written
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.is_running
    assert git(repo_path, "config", "--local", "--list") == before
    assert "user." not in before


sync_async_tests(globals())
