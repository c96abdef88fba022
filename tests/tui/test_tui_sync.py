"""Team sync and conflict resolution in the terminal UI, against a real bare remote and two clones.

Alice runs the TUI on her clone; Bob (another team member's laptop) works through the real CLI.
Every flow asserts on the repos (tags on the remote, files, refs) and on what the screen shows.
No mocks: git, the core's sync and the app's repo lane all run for real.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sync_support import git, ok, read, run, tags, write
from textual.pilot import Pilot
from textual.widgets import LoadingIndicator
from tui_fixtures import quiet_app, settle, steps, sync_async_tests

from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp
from proposals_tui.modals.confirm import ConfirmModal
from proposals_tui.modals.sync_modal import SyncModal
from proposals_tui.screens.board import BoardScreen
from proposals_tui.screens.sync import ConflictMarker, ConflictScreen
from proposals_tui.widgets.redline_view import RedlineView
from proposals_tui.workers import REPO_LOCK

BOB = "Bob Steward"
SESSION = "2025-04-01"
# the negotiation's current staffing text says the committee meets "quarterly"
MINE = ("quarterly", "weekly")
THEIRS = ("quarterly", "every other month")
WAGES_CHANGE = ("one percent (1%)", "five percent (5%)")


@pytest.fixture
def team(template_repo: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A bare remote seeded from Alice's negotiation (via `proposals sync`), and Bob's clone."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = tmp_path / "alice"
    shutil.copytree(template_repo, alice, symlinks=True)
    git(alice, "remote", "add", "origin", str(remote))
    assert "pushed main" in ok(alice, "sync")
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    return remote, alice, tmp_path / "bob"


@pytest.fixture
def lone_repo(template_repo: Path, tmp_path: Path) -> Path:
    target = tmp_path / "lone"
    shutil.copytree(template_repo, target, symlinks=True)
    return target


def edited(directory: Path, article_id: str, change: tuple[str, str]) -> str:
    text = read(directory, article_id)
    assert change[0] in text
    return text.replace(*change)


def record(member: Path, party: str, article_id: str, text: str, name: str = "Test Member") -> None:
    write(member, article_id, text)
    ok(member, "pass", "--party", party, "--session", SESSION, article_id, name=name)


async def sync_now(pilot: Pilot) -> SyncModal:
    await settle(pilot)
    assert isinstance(pilot.app.screen, BoardScreen)
    await pilot.press("S")
    await settle(pilot)
    modal = pilot.app.screen
    assert isinstance(modal, SyncModal), f"no sync report: {modal}"
    assert modal.outcome is not None and not modal.outcome.error
    return modal


def shown(widget) -> str:
    return str(widget.render())


def remote_tags(remote: Path) -> dict[str, str]:
    return tags(remote)


def pass_names(directory: Path) -> list[str]:
    out = git(directory, "log", "--format=%(trailers:key=Pass,valueonly)")
    return [line.strip() for line in out.splitlines() if line.strip()]


def marker_text(app: ProposalsApp) -> str:
    marker = app.screen.query_one(ConflictMarker)
    return shown(marker) if marker.display else ""


def sides(screen: ConflictScreen, needle: str) -> tuple[str, str]:
    """Mine and theirs of the aligned row holding `needle`, as painted in the redline view."""
    view = screen.query_one(RedlineView)
    assert view.columns == 2
    row = next(r for r in view.rows if needle in r.text("left") + r.text("right"))
    return row.text("left"), row.text("right")


def last_cell(app: ProposalsApp, article_id: str) -> str:
    return str(app.screen.query_one("DataTable").get_cell(article_id, "last"))


# -- clean sync -------------------------------------------------------------------------------


async def test_clean_sync_merges_pushes_and_reports(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    record(bob, "union", "wages", edited(bob, "wages", WAGES_CHANGE), BOB)
    assert "pushed main, U-4" in ok(bob, "sync", name=BOB)
    record(alice, "employer", "staffing", edited(alice, "staffing", THEIRS))  # entered offline
    app = quiet_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await sync_now(pilot)
        report = modal.outcome.report
        assert report.integrated == "merged"
        assert report.received_tags == ["U-4"]
        assert report.pushed == ["main", "E-2"]
        body = shown(modal.query_one("#sync-body"))
        assert "origin/main" in body and "U-4" in body and "main, E-2" in body
        assert "Synced with origin/main" in shown(modal.query_one("#sync-status"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert last_cell(app, "wages") == "U-4" and last_cell(app, "staffing") == "E-2"
        assert marker_text(app) == ""
    assert "five percent (5%)" in read(alice, "wages")
    on_remote = remote_tags(remote)
    assert on_remote["U-4"] == tags(bob)["U-4"] and on_remote["E-2"] == tags(alice)["E-2"]
    assert git(remote, "rev-parse", "main").strip() == git(alice, "rev-parse", "HEAD").strip()
    assert git(alice, "status", "--porcelain").strip() == ""
    assert "Received from origin: E-2" in ok(bob, "sync", name=BOB)


# -- renumbering ------------------------------------------------------------------------------


async def test_sync_renumbers_our_unpushed_clashing_pass(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    record(bob, "union", "wages", edited(bob, "wages", WAGES_CHANGE), BOB)
    ok(bob, "sync", name=BOB)
    bobs_u4 = tags(bob)["U-4"]
    record(alice, "union", "staffing", edited(alice, "staffing", MINE))  # also U-4, offline
    assert "U-4" in tags(alice)
    app = quiet_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        modal = await sync_now(pilot)
        assert modal.outcome.report.renumbered == {"U-4": "U-5"}
        body = shown(modal.query_one("#sync-body"))
        assert "your unpushed pass U-4 is now U-5" in body
        assert "U-5" in body.split("Pushed")[1]
        await pilot.press("enter")
        await settle(pilot)
        assert last_cell(app, "staffing") == "U-5" and last_cell(app, "wages") == "U-4"
    on_remote = remote_tags(remote)
    assert on_remote["U-4"] == bobs_u4  # pushed history is never rewritten
    assert on_remote["U-5"] == tags(alice)["U-5"]
    message = git(alice, "log", "-1", "--format=%B", "U-5")
    assert "Pass: U-5" in message and "Renumbered-From: U-4" in message
    assert pass_names(alice).count("U-4") == 1
    assert "weekly" in git(alice, "show", "U-5:articles/staffing.txt")


# -- conflicts --------------------------------------------------------------------------------


def bob_passes_staffing(bob: Path) -> str:
    text = edited(bob, "staffing", THEIRS)
    record(bob, "employer", "staffing", text, BOB)
    ok(bob, "sync", name=BOB)
    return text


async def test_draft_conflict_kept_as_mine(team: tuple[Path, Path, Path]) -> None:
    _remote, alice, bob = team
    theirs = bob_passes_staffing(bob)
    mine = edited(alice, "staffing", MINE)
    write(alice, "staffing", mine)  # Alice's unsent draft
    app = quiet_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await sync_now(pilot)
        assert modal.outcome.report.draft_conflicts == ["staffing"]
        body = shown(modal.query_one("#sync-body"))
        assert "your draft of staffing" in body and "1 conflict to settle" in body
        assert read(alice, "staffing") == theirs  # the incoming pass took the draft's place
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        assert [c.article for c in screen.conflicts] == ["staffing"]
        assert "1 conflict" in shown(screen.query_one("#conflict-head"))
        assert "Mine" in shown(screen.query_one("#conflict-cols"))
        left, right = sides(screen, "6.4")
        assert "weekly" in left and "every other month" in right
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)  # nothing left to settle
        assert marker_text(app) == ""
        assert app.screen.check_action("conflicts", ()) is False
    assert read(alice, "staffing") == mine  # back as an uncommitted draft
    assert "articles/staffing.txt" in git(alice, "status", "--porcelain")
    assert git(alice, "for-each-ref", "refs/proposals/conflicts/").strip() == ""
    assert git(alice, "for-each-ref", "refs/drafts/staffing").strip() != ""
    assert "every other month" in git(alice, "show", "HEAD:articles/staffing.txt")


async def test_existing_draft_conflict_kept_as_theirs(team: tuple[Path, Path, Path]) -> None:
    _remote, alice, bob = team
    theirs = bob_passes_staffing(bob)
    mine = edited(alice, "staffing", MINE)
    write(alice, "staffing", mine)
    assert run(alice, "sync").returncode == 1  # the CLI leaves the conflict for later
    app = quiet_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert marker_text(app).startswith("⚠ conflicts: 1 · ")
        await pilot.press("C")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        assert "E-2" in shown(screen.query_one("#conflict-cols"))
        await pilot.press("t")
        await settle(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmModal) and "refs/drafts/staffing" in confirm.body
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert marker_text(app) == ""
    assert read(alice, "staffing") == theirs
    assert git(alice, "status", "--porcelain").strip() == ""
    assert git(alice, "for-each-ref", "refs/proposals/conflicts/").strip() == ""
    repo = BargainingRepo.open(alice)
    assert repo.text_at("staffing", "refs/drafts/staffing") == mine  # the draft is not lost


async def test_merge_conflict_kept_as_theirs_then_published(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    theirs = bob_passes_staffing(bob)
    record(alice, "union", "staffing", edited(alice, "staffing", MINE))  # both recorded a pass
    app = quiet_app(alice)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await sync_now(pilot)
        assert modal.outcome.report.merge_conflicts == ["articles/staffing.txt"]
        assert "nothing (settle the conflict" in shown(modal.query_one("#sync-body"))
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConflictScreen) and screen.conflicts[0].kind == "merge"
        left, right = sides(screen, "6.4")
        assert "weekly" in left and "every other month" in right
        await pilot.press("t", "y")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert read(alice, "staffing") == theirs
        assert git(alice, "diff", "--name-only", "--diff-filter=U").strip() == ""
        await sync_now(pilot)  # publish the merge
        await pilot.press("enter")
        await settle(pilot)
    assert git(remote, "rev-parse", "main").strip() == git(alice, "rev-parse", "HEAD").strip()
    assert "U-4" in remote_tags(remote)


async def test_the_conflict_screen_lists_what_resolve_lists(team: tuple[Path, Path, Path]) -> None:
    """One listing (issue 19): a merge conflict, a draft sync set aside and a draft a pass replaced,
    shown by the screen in the order, with the lines and the remedies `proposals resolve` prints."""
    _remote, alice, bob = team
    record(bob, "employer", "staffing", edited(bob, "staffing", THEIRS), BOB)
    record(bob, "union", "wages", edited(bob, "wages", WAGES_CHANGE), BOB)
    ok(bob, "sync", name=BOB)
    record(alice, "union", "staffing", edited(alice, "staffing", MINE))  # both recorded a pass
    my_wages = edited(alice, "wages", ("one percent (1%)", "two percent (2%)"))
    write(alice, "wages", my_wages)  # an unsent draft the incoming pass changes
    scheduling = read(alice, "scheduling")
    assert "three (3) weeks" in scheduling
    write(alice, "scheduling", scheduling.replace("three (3) weeks", "six (6) weeks"))  # my draft...
    theirs_file = alice.parent / "their-scheduling.txt"
    theirs_file.write_text(scheduling.replace("three (3) weeks", "two (2) weeks"))
    ok(alice, "pass", "--party", "employer", "--session", SESSION, "--from-file", str(theirs_file),
        "scheduling")
    assert run(alice, "sync").returncode == 1  # ...replaced by their pass, typed in here
    listed = ok(alice, "resolve").splitlines()
    assert len(listed) == 3 and [line.split(":")[0] for line in listed] == ["staffing", "scheduling", "wages"]
    app = quiet_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert marker_text(app).startswith("⚠ conflicts: 2 · ")  # left by sync (the replaced draft
        await pilot.press("C")  # has its own mark on the board)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        assert [c.line for c in screen.conflicts] == listed
        assert [c.kind for c in screen.conflicts] == ["merge", "replaced", "draft"]
        options = screen.query_one("#conflict-list")
        assert options.option_count == 3
        replaced = screen.conflicts[1]
        assert "six (6) weeks" in replaced.mine and "two (2) weeks" in replaced.theirs
        await pilot.press("down")
        await settle(pilot)
        left, right = sides(screen, "5.1")
        assert "six (6)" in left and "two (2)" in right
        await pilot.press("m", "y")  # restores my draft, as resolve scheduling --keep mine does
        await settle(pilot)
        assert [c.line for c in app.screen.conflicts] == [listed[0], listed[2]]
    assert "six (6) weeks" in read(alice, "scheduling")
    assert ok(alice, "resolve").splitlines() == [listed[0], listed[2]]


async def test_sync_shows_progress_until_the_lane_finishes(team: tuple[Path, Path, Path]) -> None:
    """Sync waits its turn in the serial repo lane; meanwhile the dialog shows it is working."""
    remote, alice, bob = team
    record(bob, "union", "wages", edited(bob, "wages", WAGES_CHANGE), BOB)
    ok(bob, "sync", name=BOB)
    app = quiet_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with REPO_LOCK:  # someone else's git work holds the lane
            await pilot.press("S")
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, SyncModal) and modal.running
            assert modal.query_one(LoadingIndicator).display
            assert "Fetching from origin" in shown(modal.query_one("#sync-status"))
            await pilot.press("escape")  # git may be mid-push: the dialog stays until it ends
            await pilot.pause()
            assert app.screen is modal
        await settle(pilot)
        assert not modal.running and not modal.query_one(LoadingIndicator).display
        assert modal.outcome.report.integrated == "fast-forward"
        await pilot.press("escape")
        await settle(pilot)
        assert last_cell(app, "wages") == "U-4"
    assert git(alice, "rev-parse", "HEAD") == git(remote, "rev-parse", "main")


# -- no remote, refusals ----------------------------------------------------------------------


async def test_sync_is_disabled_without_a_remote(lone_repo: Path) -> None:
    app = quiet_app(lone_repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.check_action("sync", ()) is False
        labels = [label for label, action, _ in board.palette_commands() if board.check_action(action, ())]
        assert "Sync with the team" not in labels
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)  # no dialog opened
        assert any("git remote add origin" in str(n.message) for n in app._notifications)
        assert marker_text(app) == ""
    assert git(lone_repo, "remote").strip() == ""


async def test_sync_refusal_is_a_notification(team: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _remote, alice, _bob = team
    git(alice, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    head = git(alice, "rev-parse", "HEAD")
    app = quiet_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and errors[-1].title == "Sync refused"
        assert "\n" not in str(errors[-1].message)
    assert git(alice, "rev-parse", "HEAD") == head


async def test_palette_offers_sync_when_there_is_a_remote(team: tuple[Path, Path, Path]) -> None:
    _remote, alice, _bob = team
    app = quiet_app(alice)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"sync with")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SyncModal)
        assert app.screen.outcome.report.integrated == "up to date"


# -- snapshots --------------------------------------------------------------------------------


def test_snapshot_sync_report(snap_compare, team: tuple[Path, Path, Path], no_blink: None) -> None:
    _remote, alice, bob = team
    record(bob, "union", "wages", edited(bob, "wages", WAGES_CHANGE), BOB)
    ok(bob, "sync", name=BOB)
    record(alice, "union", "staffing", edited(alice, "staffing", MINE))  # renumbered to U-5
    assert snap_compare(quiet_app(alice), terminal_size=(80, 24), run_before=steps("S"))


def test_snapshot_conflict_screen(snap_compare, team: tuple[Path, Path, Path], no_blink: None) -> None:
    _remote, alice, bob = team
    bob_passes_staffing(bob)
    write(alice, "staffing", edited(alice, "staffing", MINE))
    assert snap_compare(quiet_app(alice), terminal_size=(80, 24), run_before=steps("S", "enter"))


# NO_COLOR and the light theme (issue 18): the report and the conflict screen read without colour
@pytest.mark.parametrize("look", ["no_color", "light"])
def test_snapshot_sync_report_looks(
    snap_compare, team: tuple[Path, Path, Path], no_blink: None, monkeypatch: pytest.MonkeyPatch, look: str
) -> None:
    _remote, alice, bob = team
    record(bob, "union", "wages", edited(bob, "wages", WAGES_CHANGE), BOB)
    ok(bob, "sync", name=BOB)
    record(alice, "union", "staffing", edited(alice, "staffing", MINE))
    app = looking(quiet_app(alice), monkeypatch, look)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("S"))


@pytest.mark.parametrize("look", ["no_color", "light"])
def test_snapshot_conflict_screen_looks(
    snap_compare, team: tuple[Path, Path, Path], no_blink: None, monkeypatch: pytest.MonkeyPatch, look: str
) -> None:
    _remote, alice, bob = team
    bob_passes_staffing(bob)
    write(alice, "staffing", edited(alice, "staffing", MINE))
    app = looking(quiet_app(alice), monkeypatch, look)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps("S", "enter"))


def looking(app: ProposalsApp, monkeypatch: pytest.MonkeyPatch, look: str) -> ProposalsApp:
    if look == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
        app = quiet_app(app.root)  # NO_COLOR is read when the app is made
        assert app.markers
    else:
        app.theme = "textual-light"
    return app


sync_async_tests(globals())
