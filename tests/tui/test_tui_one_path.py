"""The CLI and the TUI record through one core path: the same acts give the same repository.

Two copies of one negotiation. In one, a team member types `proposals pass`, `pass --from-file`,
`ta` and `withdraw`; in the other, they do the same in the terminal UI (Pilot: keys, dialogs,
confirmation). Both repos must then hold the same commits (trees, messages with their trailers,
authors and dates), the same tags with the same messages, and the same working tree. A rule
copied into the TUI, or a field the dialog fills differently, shows up here as a difference.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_fixtures import STAFFING_E1, quiet_app, select, settle, sync_async_tests

from proposals_tui.modals.confirm import ConfirmModal
from proposals_tui.modals.pass_modal import PassModal
from proposals_tui.modals.ta_modal import TAModal
from proposals_tui.modals.withdraw_modal import WithdrawModal
from proposals_tui.screens.board import BoardScreen

SRC = Path(__file__).resolve().parents[2] / "src"
OUR_STAFFING = STAFFING_E1.replace("quarterly", "monthly")
THEIR_WAGES = "ARTICLE 20: WAGES\n20.1 A general increase of two percent (2%) on ratification.\n"
PASS_SESSION, THEIR_SESSION, TA_DATE, WITHDRAW_SESSION = (
    "2025-04-01",
    "2025-04-02",
    "2025-04-03",
    "2025-04-04",
)


@pytest.fixture
def clean_git_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Both front ends take the identity from the repo's own config (the fixture sets it)."""
    for key in list(os.environ):
        if key.startswith("GIT_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return {**os.environ, "PYTHONPATH": str(SRC)}


def cli(repo: Path, env: dict[str, str], *args: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "proposals", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, f"{args}: {proc.stdout}{proc.stderr}"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def record(repo: Path) -> dict[str, object]:
    """Everything a recording command leaves behind but the clock: when a commit was made
    (committer date), and so the commit and tag ids, differ between two runs by nature."""
    return {
        "commits": git(repo, "log", "--format=%T%n%an <%ae> %aI%n%cn <%ce>%n%B%x1e", "HEAD"),
        "tags": git(
            repo,
            "for-each-ref",
            "refs/tags",
            "--format=%(refname) %(*tree)%n%(taggername) %(taggeremail) %(taggerdate:iso-strict)%n"
            "%(contents)%1e",
        ),
        "refs": git(repo, "for-each-ref", "--format=%(refname) %(tree)%(*tree)"),
        "status": git(repo, "status", "--porcelain=v1", "--untracked-files=all"),
        "files": {
            p.relative_to(repo).as_posix(): p.read_bytes()
            for p in sorted(repo.rglob("*"))
            if p.is_file() and ".git" not in p.relative_to(repo).parts
        },
    }


async def fill(pilot: Pilot, selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Input).value = value
    await pilot.pause()


async def in_the_tui(repo: Path) -> None:
    app = quiet_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # our pass: the draft of staffing, preselected because it is an unsent draft
        await select(pilot, "staffing")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PassModal)
        await fill(pilot, "#session", PASS_SESSION)
        await pilot.press("ctrl+s")
        await settle(pilot)
        # their pass, pasted
        await select(pilot, "wages")
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, PassModal)
        await fill(pilot, "#session", THEIR_SESSION)
        app.screen.query_one("#paste", TextArea).load_text(THEIR_WAGES)
        await pilot.press("ctrl+s")
        await settle(pilot)
        # a TA of scheduling, confirmed
        await select(pilot, "scheduling")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TAModal)
        await fill(pilot, "#union-sign", "A. Rivera")
        await fill(pilot, "#employer-sign", "B. Chen")
        await fill(pilot, "#ta-date", TA_DATE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        # withdraw wages
        await select(pilot, "wages")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WithdrawModal)
        await fill(pilot, "#session", WITHDRAW_SESSION)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert not app._notifications or all(n.severity != "error" for n in app._notifications)


def on_the_command_line(repo: Path, env: dict[str, str], scratch: Path) -> None:
    cli(repo, env, "pass", "--party", "union", "--session", PASS_SESSION, "staffing")
    theirs = scratch / "their-wages.txt"
    theirs.write_text(THEIR_WAGES, encoding="utf-8")
    cli(
        repo,
        env,
        "pass",
        "--party",
        "employer",
        "--session",
        THEIR_SESSION,
        "--from-file",
        str(theirs),
        "wages",
    )
    cli(
        repo,
        env,
        "ta",
        "scheduling",
        "--union-sign",
        "A. Rivera",
        "--employer-sign",
        "B. Chen",
        "--date",
        TA_DATE,
    )
    cli(repo, env, "withdraw", "--party", "union", "--session", WITHDRAW_SESSION, "wages")


async def test_cli_and_tui_record_the_same_repository(
    template_repo: Path, tmp_path: Path, clean_git_env: dict[str, str]
) -> None:
    by_cli, by_tui = tmp_path / "cli", tmp_path / "tui"
    for repo in (by_cli, by_tui):
        shutil.copytree(template_repo, repo, symlinks=True)
        (repo / "articles" / "staffing.txt").write_text(OUR_STAFFING, encoding="utf-8")
    before = git(by_cli, "rev-parse", "HEAD")
    on_the_command_line(by_cli, clean_git_env, tmp_path)
    await in_the_tui(by_tui)
    cli_record, tui_record = record(by_cli), record(by_tui)
    assert git(by_cli, "rev-list", "--count", f"{before.strip()}..HEAD").strip() == "4"
    for key in cli_record:
        assert tui_record[key] == cli_record[key], f"the TUI and the CLI recorded different {key}"


sync_async_tests(globals())
