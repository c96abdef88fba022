"""Who records: the first TUI run in a working copy that names no member asks once (issue 18)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_fixtures import select, settle, sync_async_tests

from proposals_tui.app import ProposalsApp
from proposals_tui.modals.member_modal import MemberModal
from proposals_tui.screens.board import BoardScreen

TODAY = date(2025, 4, 7)


def git(path: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, check=True).stdout


async def test_first_run_asks_who_records_and_passes_carry_it(repo_path: Path, nobody: None) -> None:
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MemberModal)
        app.screen.query_one("#member-name", Input).value = "Rosa Delgado"
        app.screen.query_one("#member-email", Input).value = "rosa@clinicians.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
    assert git(repo_path, "config", "--local", "user.name").strip() == "Rosa Delgado"
    assert git(repo_path, "config", "--local", "user.email").strip() == "rosa@clinicians.example"
    # asked once: the next run goes straight to the board, and a pass carries the member
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        (repo_path / "articles" / "parking.txt").write_text(
            "ARTICLE 19: PARKING\n19.1 Parking shall be free at every clinic, day and night.\n"
        )
        await select(pilot, "parking")
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert git(repo_path, "log", "-1", "--format=%an <%ae>|%cn").strip() == (
        "Rosa Delgado <rosa@clinicians.example>|Rosa Delgado"
    )


async def test_the_machines_identity_is_offered_not_taken(repo_path: Path, nobody: None) -> None:
    """A laptop's own identity is someone's: the member confirms or changes it; it is stored here."""
    git(repo_path, "config", "--global", "user.name", "Laptop Owner")
    git(repo_path, "config", "--global", "user.email", "owner@home.example")
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MemberModal)
        assert app.screen.query_one("#member-name", Input).value == "Laptop Owner"
        app.screen.query_one("#member-name", Input).value = "Sam Okafor"
        app.screen.query_one("#member-email", Input).value = "sam@clinicians.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert git(repo_path, "config", "--local", "user.email").strip() == "sam@clinicians.example"


async def test_later_is_asked_again_before_the_first_recording(repo_path: Path, nobody: None) -> None:
    """"Later" at the start does not let a pass carry the laptop's identity unasked: the first
    recording asks again, and the pass carries the member given then."""
    git(repo_path, "config", "--global", "user.name", "Laptop Owner")
    git(repo_path, "config", "--global", "user.email", "owner@home.example")
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MemberModal)
        await pilot.press("escape")  # Later
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        (repo_path / "articles" / "parking.txt").write_text(
            "ARTICLE 19: PARKING\n19.1 Parking shall be free at every clinic, day and night.\n"
        )
        await select(pilot, "parking")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, MemberModal)
        app.screen.query_one("#member-name", Input).value = "Rosa Delgado"
        app.screen.query_one("#member-email", Input).value = "rosa@clinicians.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "PassModal"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press("w")  # asked once more at most: the member is stored now
        await settle(pilot)
        assert type(app.screen).__name__ == "WithdrawModal"
    author = git(repo_path, "log", "-1", "--format=%an <%ae>").strip()
    assert author == "Rosa Delgado <rosa@clinicians.example>"
    assert git(repo_path, "config", "--local", "user.name").strip() == "Rosa Delgado"


@pytest.mark.parametrize(
    ("name", "email", "why"),
    [
        ("", "rosa@clinicians.example", "Name is empty"),
        ("Rosa <x>", "rosa@clinicians.example", "< or >"),
        ("Rosa\x1b[31m", "rosa@clinicians.example", "Name contains"),
        ("Rosa", "not an address", "not an address"),
        ("Rosa", "--global@x.example\n", "Email contains"),
    ],
)
async def test_a_bad_name_or_address_is_refused_and_nothing_stored(
    repo_path: Path, nobody: None, name: str, email: str, why: str
) -> None:
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MemberModal)
        app.screen.query_one("#member-name", Input).value = name
        app.screen.query_one("#member-email", Input).value = email
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MemberModal)
        error = str(app.screen.query_one("#member-error").render())
        assert why in error and "\n" not in error.strip()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
    local = subprocess.run(["git", "config", "--local", "--get-regexp", "^user\\."], cwd=repo_path,
                           capture_output=True, text=True)
    assert local.stdout == ""


async def test_an_identity_named_by_the_environment_is_not_asked_about(repo_path: Path) -> None:
    """Scripts, CI and these tests name the author in the environment: no dialog."""
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


sync_async_tests(globals())
