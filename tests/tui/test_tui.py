"""Pilot-driven flows of the terminal UI against real bargaining repos in tmp dirs (no mocks).

Every flow asserts on the repo (git log, tags, files) and on what the screen shows.
"""

from __future__ import annotations

import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Select
from tui_fixtures import STAFFING_E1, enter_their_docx, select, settle, sync_async_tests

from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp
from proposals_tui.modals.confirm import ConfirmModal, QuitModal
from proposals_tui.modals.export_modal import ExportModal
from proposals_tui.modals.notes_modal import NotesModal
from proposals_tui.modals.pass_modal import PassModal
from proposals_tui.modals.ta_modal import TAModal
from proposals_tui.modals.withdraw_modal import WithdrawModal
from proposals_tui.screens.article import ArticleScreen
from proposals_tui.screens.board import BoardScreen
from proposals_tui.screens.editor import EditorScreen
from proposals_tui.screens.help import HelpScreen
from proposals_tui.screens.history import HistoryScreen
from proposals_tui.widgets.redline_view import RedlineView

TODAY = date(2025, 4, 7)


def make_app(path: Path, **kw) -> ProposalsApp:
    kw.setdefault("today", TODAY)
    return ProposalsApp(path, **kw)




def git(path: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, check=True).stdout


def view_text(app) -> str:
    return "\n".join(app.screen.query_one(RedlineView).plain_lines())


# -- board ------------------------------------------------------------------------------------


async def test_board_shows_every_article_with_status_words(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert [r.id for r in board.shown] == [
            "scheduling",
            "staffing",
            "mentorship",
            "holidays",
            "safety",
            "wages",
            "parking",
        ]
        assert "7 articles · 1 TA · 4 open · 1 withdrawn · 1 unchanged" in str(
            board.query_one("#counts").render()
        )
        table = board.query_one("DataTable")
        status = {r.id: str(table.get_cell(r.id, "status")) for r in board.shown}
        assert status["mentorship"].endswith("TA'd")
        assert status["parking"].endswith("Withdrawn")
        assert status["holidays"].endswith("Unchanged")
        assert str(table.get_cell("scheduling", "move")) == "Them"
        assert str(table.get_cell("staffing", "move")) == "Us"
        assert str(table.get_cell("wages", "econ")) == "yes"
        assert str(table.get_cell("scheduling", "last")) == "U-2"


async def test_board_filters_by_text_and_status_and_sorts(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.screen
        await pilot.press("slash", "w", "a", "g")
        assert [r.id for r in board.shown] == ["wages"]
        await pilot.press("enter", "escape")
        assert len(board.shown) == 7
        await pilot.press("f")
        assert board.status_filter == "open"
        assert {r.status for r in board.shown} == {"open"}
        await pilot.press("f")
        assert [r.id for r in board.shown] == ["mentorship"]
        await pilot.press("f", "f", "f", "s")
        assert board.sort == "title"
        assert [r.title for r in board.shown][:2] == ["Holidays", "Mentorship Program"]


async def test_enter_opens_the_article_side_by_side(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article_id == "scheduling"
        lines = app.screen.query_one(RedlineView).plain_lines()
        row = next(line for line in lines if "5.1" in line)
        left, right = row.split("│")
        assert "three (3)" in left and "two (2)" in right
        assert row.startswith("~")
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_switching_comparisons_views_and_markers(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert screen.compare() == ("union", "employer")
        await pilot.press("c")
        await settle(pilot)
        assert screen.compare() == ("baseline", "union")
        text = view_text(app)
        assert "5.4 The Employer" in text.split("│", 1)[-1]  # U-2 added 5.4: right side only
        await pilot.press("c")
        await settle(pilot)
        assert screen.compare() == ("baseline", "employer")
        await pilot.press("c")
        await settle(pilot)
        assert screen.compare() == ("employer", "draft")
        assert "Our draft" in str(screen.query_one("#column-heads").render())
        await pilot.press("v")
        await settle(pilot)
        assert screen.view == "inline"
        assert "│" not in view_text(app)
        await pilot.press("m")
        await settle(pilot)
        assert app.markers
        inline = view_text(app)
        assert "[-two" in inline and "{+three" in inline
        assert "{+" in inline
        await pilot.press("v")
        await settle(pilot)
        assert screen.view == "provenance"
        assert "{U-2:" in view_text(app) or "{U-" in view_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert screen.view == "side" and screen.compare() == ("union", "employer")


async def test_the_provenance_view_reads_the_versions_the_cli_reads(repo_path: Path) -> None:
    """One path (issue 19): the view's versions are `BargainingRepo.versions`, as `provenance` reads
    them, and each pass's words it marks are the words the CLI's spans give that pass."""
    import json
    import re

    from sync_support import ok

    expected = BargainingRepo.open(repo_path).versions("scheduling")
    assert [v.label for v in expected] == ["baseline", "U-1", "E-1", "U-2"]
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m", "v", "v")  # markers, then inline, then provenance
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.view == "provenance"
        assert screen.data is not None and screen.data.versions == expected
        painted = view_text(app)
    spans = json.loads(ok(repo_path, "provenance", "scheduling", "--json"))["spans"]

    def words(pairs) -> dict[str, str]:
        out: dict[str, str] = {}
        for label, text in pairs:
            out[label] = out.get(label, "") + re.sub(r"\s+", "", text)
        return out

    cli = words((s["pass"], s["text"]) for s in spans if s["party"] != "baseline")
    assert set(cli) == {"U-1", "U-2"}  # E-1's words did not survive U-2
    assert words(re.findall(r"\{([UE]-\d+):(.*?)\}", painted, re.S)) == cli


async def test_jump_between_changes(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 10)) as pilot:
        await settle(pilot)
        app.open_article("staffing")
        await settle(pilot)
        view = app.screen.query_one(RedlineView)
        changes = view.change_lines()
        assert len(changes) >= 3
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.scroll_offset.y in changes and view.scroll_offset.y > 0
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.scroll_offset.y < changes[-1]


async def test_jumps_count_changes_and_stop_at_the_end(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        app.open_article("staffing")
        await settle(pilot)
        screen = app.screen
        total = len(screen.query_one(RedlineView).change_lines())
        seen = []
        for _ in range(total):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.append(screen.sub_title)
        assert seen == [f"change {n} of {total}" for n in range(1, total + 1)]
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert any(f"last of {total} changes" in n.message for n in app._notifications)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.sub_title == f"change {total - 1} of {total}"
        assert f"change {total - 1} of {total}" in str(app.screen.query_one("HeaderTitle").render())


async def test_the_change_and_match_counters_are_read_whole_at_80x24(repo_path: Path) -> None:
    """With the demo's long party names the header cut "— change 2 of 3" to "— …" at 80 columns:
    the title gives way instead, in the article view (] and find) and the editor (find)."""
    app = make_app(repo_path, autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.title = "proposals · Northstar Clinicians United / Northstar Health"
        app.open_article("staffing")
        await settle(pilot)

        def header() -> str:
            return "".join(s.text for s in app.screen._compositor.render_strips()[0])

        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "— change 1 of " in header() and "proposals · Northstar" in header(), header()
        await pilot.press("ctrl+f", *"staffing", "enter")
        await settle(pilot)
        assert "— match 1 of " in header(), header()
        await pilot.press("escape", "e")
        await settle(pilot)
        await pilot.press("ctrl+f", *"staffing", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EditorScreen) and "— match 1 of " in header(), header()


async def test_marker_mode_keeps_the_reader_in_place(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 12)) as pilot:
        await settle(pilot)
        app.open_article("staffing")
        await settle(pilot)
        view = app.screen.query_one(RedlineView)
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        row = view._lines[int(view.scroll_offset.y)][0]
        assert view.scroll_offset.y > 0
        await pilot.press("m")
        await settle(pilot)
        assert view.scroll_offset.y > 0
        assert view._lines[int(view.scroll_offset.y)][0] == row


async def test_the_article_screen_is_reused_and_reset(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article("scheduling")
        await settle(pilot)
        first = app.screen
        await pilot.press("v", "c")
        await settle(pilot)
        await pilot.press("escape")
        await select(pilot, "staffing")
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")  # E-1 against U-1, picked from the board's history
        await settle(pilot)
        assert app.screen is first and first.article_id == "staffing"
        assert first.compare() == ("U-1", "E-1") and first.view == "side"
        assert "STAFFING" in view_text(app) and "SCHEDULING" not in view_text(app)
        await pilot.press("escape")
        app.open_article("wages")
        await settle(pilot)
        assert app.screen is first and first.compare() == ("union", "employer")
        assert "WAGES" in view_text(app)


async def test_moves_and_locked_sections_are_marked(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article("safety")
        await settle(pilot)
        lines = view_text(app).splitlines()
        locked = [line for line in lines if line.startswith("TA")]
        assert locked and "14.2" in locked[0]
        await pilot.press("escape")
        app.open_article("staffing")
        await settle(pilot)
        assert any(line.startswith("⇄") for line in view_text(app).splitlines())


async def test_articles_with_one_side_open_on_a_comparison_that_exists(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article("holidays")  # untouched: only the baseline
        await settle(pilot)
        assert app.screen.compare() == ("baseline", "draft")
        assert "paid holidays" in view_text(app)
        await pilot.press("escape")
        app.open_article("mentorship")  # TA'd after a union pass only: locked everywhere
        await settle(pilot)
        assert app.screen.compare() == ("union", "draft")
        lines = [line for line in view_text(app).splitlines() if "9." in line]
        assert lines and all(line.startswith("TA") for line in lines)


async def test_a_fresh_repo_and_a_first_draft(tmp_path: Path) -> None:
    from tui_fixtures import AUTHOR

    repo = BargainingRepo.init(tmp_path / "fresh", "Union", "Employer", env=AUTHOR)
    repo.store.run("config", "user.name", "Test Team")
    repo.store.run("config", "user.email", "team@example.org")
    app = make_app(repo.root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        assert board.shown == [] and "0 articles" in str(board.query_one("#counts").render())
        for action in ("open", "edit", "record_pass", "ta", "withdraw", "export", "history"):
            assert board.check_action(action, ()) is False
        await pilot.press("enter", "p", "t")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
    repo.write_draft("parking", "ARTICLE 31: PARKING\n31.1 Free parking at every clinic.\n")
    app = make_app(repo.root)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.compare() == ("draft", "draft")
        assert "Free parking" in view_text(app)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Pass: U-1" in git(repo.root, "log", "-1", "--format=%B")


async def test_notes_panel_shows_internal_notes(repo_path: Path) -> None:
    (repo_path / "notes" / "wages.md").write_text("Hold at 4% until the staffing TA.\n")
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article("wages")
        await settle(pilot)
        panel = app.screen.query_one("#notes-panel")
        assert not panel.display
        await pilot.press("n")
        assert panel.display
        assert "Hold at 4%" in str(app.screen.query_one("#notes").render())


# -- editing ----------------------------------------------------------------------------------


async def test_edit_autosaves_atomically_and_previews(repo_path: Path) -> None:
    app = make_app(repo_path, autosave_delay=0.6, preview_delay=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        area = editor.query_one("#draft")
        assert area.text == (repo_path / "articles" / "wages.txt").read_text()
        assert not editor.dirty
        area.move_cursor((1, 0))
        await pilot.press("N", "E", "W", "space")
        assert editor.dirty
        assert "unsaved" in str(editor.query_one("#editor-head").render())
        assert "NEW" not in (repo_path / "articles" / "wages.txt").read_text()
        await pilot.pause(0.8)
        await settle(pilot)
        assert not editor.dirty
        assert "saved" in str(editor.query_one("#editor-head").render())
        on_disk = (repo_path / "articles" / "wages.txt").read_text()
        assert "NEW 20.1" in on_disk
        assert "articles/wages.txt" in git(repo_path, "status", "--porcelain")
        assert not list((repo_path / "articles").glob(".*.tmp"))  # atomic: no temp file left
        preview = view_text(app)
        assert "NEW" in preview
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "baseline" in str(editor.query_one("#preview-title").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert "✎" in str(app.screen.query_one("DataTable").get_cell("wages", "title"))


async def test_the_editor_preview_follows_the_cursor(repo_path: Path) -> None:
    app = make_app(repo_path, autosave_delay=3600, preview_delay=0.0)
    async with app.run_test(size=(90, 12)) as pilot:
        await settle(pilot)
        app.open_editor("scheduling")
        await settle(pilot)
        editor = app.screen
        area = editor.query_one("#draft")
        area.move_cursor(area.document.end)
        await pilot.press("5", ".", "9", "space", "Z", "Z", "Z")
        await pilot.pause(0.1)
        await settle(pilot)
        preview = editor.query_one("#preview")
        assert len(preview.plain_lines()) > preview.size.height  # the preview scrolls
        top = int(preview.scroll_offset.y)
        visible = preview.plain_lines()[top : top + preview.size.height]
        assert any("5.9 ZZZ" in line for line in visible), visible


async def test_editor_flags_changes_to_tad_text(repo_path: Path) -> None:
    app = make_app(repo_path, autosave_delay=3600, preview_delay=0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_editor("safety")
        await settle(pilot)
        editor = app.screen
        assert editor.broken == []
        locked = [line for line in view_text(app).splitlines() if line.startswith("TA")]
        assert any("14.2" in line for line in locked)
        area = editor.query_one("#draft")
        row = area.text.split("\n").index(next(p for p in area.text.split("\n") if p.startswith("14.2")))
        area.move_cursor((row, 5))
        await pilot.press("X")
        await pilot.pause(0.05)
        await settle(pilot)
        assert editor.broken == ["14.2"]
        assert "changes TA'd text (§ 14.2)" in str(editor.query_one("#editor-head").render())


async def test_overlapping_autosaves_leave_the_last_keystroke_on_disk(repo_path: Path) -> None:
    app = make_app(repo_path, autosave_delay=0.001, preview_delay=0.001)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_editor("wages")
        await settle(pilot)
        editor = app.screen
        for word in ("alpha ", "beta ", "gamma "):
            await pilot.press(*word)
            await pilot.press("ctrl+s")
        await pilot.pause(0.1)
        await settle(pilot)
        area = editor.query_one("#draft")
        assert area.text.startswith("alpha beta gamma ARTICLE 20")
        assert (repo_path / "articles" / "wages.txt").read_text() == area.text
        assert not editor.dirty


async def _open_notes(pilot, app, entry: str) -> None:
    if entry == "board":
        await select(pilot, "staffing")
        await pilot.press("N")
    elif entry == "article":
        app.open_article("staffing")
        await settle(pilot)
        await pilot.press("n", "N")
    elif entry == "editor":
        app.open_editor("staffing")
        await settle(pilot)
        await pilot.press("ctrl+n")
    else:  # the editor's command palette
        app.open_editor("staffing")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"team's notes")
        await pilot.pause(0.3)
        await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, NotesModal)


@pytest.mark.parametrize("entry", ["board", "article", "editor", "palette"])
async def test_notes_typed_from_every_entry_point_never_reach_an_article(repo_path: Path, entry: str) -> None:
    """Notes have their own dialog: keys typed there (even ones bound below: e, t, p, x, q) only
    ever reach the notes file; no article file, index or commit changes."""
    articles = {p.name: p.read_bytes() for p in (repo_path / "articles").iterdir()}
    head = git(repo_path, "rev-parse", "HEAD")
    app = make_app(repo_path, autosave_delay=0.01)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_notes(pilot, app, entry)
        typed = "hold e t p x q w n until the ta"
        await pilot.press(*["space" if c == " " else c for c in typed], "enter", "ctrl+n", "escape")
        await pilot.pause(0.1)
        await settle(pilot)
        assert not isinstance(app.screen, NotesModal)
        if entry == "article":
            assert "hold e t p" in str(app.screen.query_one("#notes").render())
    assert (repo_path / "notes" / "staffing.md").read_text() == typed + "\n"
    assert {p.name: p.read_bytes() for p in (repo_path / "articles").iterdir()} == articles
    assert git(repo_path, "rev-parse", "HEAD") == head
    assert git(repo_path, "status", "--porcelain", "--", "articles") == ""


async def test_leaving_the_editor_with_unsaved_work_asks(repo_path: Path) -> None:
    before = (repo_path / "articles" / "wages.txt").read_text()
    app = make_app(repo_path, autosave_delay=60)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_editor("wages")
        await settle(pilot)
        await pilot.press("X", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        assert "before closing the editor" in str(app.screen.query_one("#quit-body").render())
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.screen.dirty
        await pilot.press("escape", "d")  # discard: the file keeps its last saved text
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert (repo_path / "articles" / "wages.txt").read_text() == before
        app.open_editor("wages")
        await settle(pilot)
        await pilot.press("Y", "escape", "s")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert (repo_path / "articles" / "wages.txt").read_text() == "Y" + before


async def test_an_autosave_landing_under_the_dialog_updates_it(repo_path: Path) -> None:
    """The status line and the dialog never disagree: the save lands, both say saved."""
    app = make_app(repo_path, autosave_delay=1.5)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_editor("wages")
        await settle(pilot)
        editor = app.screen
        await pilot.press("X", "ctrl+q")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, QuitModal)
        assert "not saved yet" in str(modal.query_one("#quit-body").render())
        assert "unsaved" in str(editor.query_one("#editor-head").render())
        await pilot.pause(2.0)
        await settle(pilot)
        assert "saved now" in str(modal.query_one("#quit-body").render())
        assert "✓ saved" in str(editor.query_one("#editor-head").render())
        await pilot.press("escape")


async def test_quit_with_unsaved_work_asks_and_can_discard(repo_path: Path) -> None:
    before = (repo_path / "articles" / "wages.txt").read_text()
    app = make_app(repo_path, autosave_delay=60)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_editor("wages")
        await settle(pilot)
        await pilot.press("X")
        assert app.screen.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitModal)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
    assert app.return_value == 0
    assert (repo_path / "articles" / "wages.txt").read_text() == before


async def test_quit_with_unsaved_work_can_save(repo_path: Path) -> None:
    app = make_app(repo_path, autosave_delay=60)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_editor("wages")
        await settle(pilot)
        await pilot.press("X")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    assert (repo_path / "articles" / "wages.txt").read_text().startswith("XARTICLE 20")


async def test_quit_without_unsaved_work_just_quits(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0


# -- passes, TAs, withdrawals -----------------------------------------------------------------


async def test_record_pass_from_the_board(repo_path: Path) -> None:
    repo = BargainingRepo.open(repo_path)
    repo.write_draft("staffing", STAFFING_E1.replace("quarterly", "every two weeks"))
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "staffing")
        await pilot.press("p")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PassModal)
        assert modal.query_one("#number").value == "U-4"
        assert modal.query_one("#session").value == "2025-04-07"
        assert modal.query_one("#articles").selected == ["staffing"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        log = git(repo_path, "log", "-1", "--format=%B")
        assert "Pass: U-4" in log and "Articles: staffing" in log and "Session: 2025-04-07" in log
        assert "U-4" in git(repo_path, "tag", "--list").split()
        assert "every two weeks" in git(repo_path, "show", "U-4:articles/staffing.txt")
        table = app.screen.query_one("DataTable")
        assert str(table.get_cell("staffing", "last")) == "U-4"
        assert str(table.get_cell("staffing", "move")) == "Them"


async def test_a_pass_from_the_tui_first_finishes_an_interrupted_one(repo_path: Path) -> None:
    """The repair-before-recording rule lives in the core, so the TUI follows it like the CLI."""
    commit = git(repo_path, "rev-parse", "U-3^{commit}").strip()
    git(repo_path, "tag", "-d", "U-3")  # a pass killed between its commit and its tag
    repo = BargainingRepo.open(repo_path)
    repo.write_draft("staffing", STAFFING_E1.replace("quarterly", "every two weeks"))
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "staffing")
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert git(repo_path, "rev-parse", "U-3^{commit}").strip() == commit
        assert "U-4" in git(repo_path, "tag", "--list").split()
        notices = [(n.title, n.message) for n in app._notifications]
        assert ("Repaired", "Repaired: pass U-3 was recorded but not tagged; tagged it") in notices, notices


async def test_enter_their_pass_by_pasting(repo_path: Path) -> None:
    repo = BargainingRepo.open(repo_path)
    repo.write_draft("wages", "ARTICLE 20: WAGES\n20.1 Our unsent draft.\n")
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_article("wages")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PassModal) and modal.party == "employer"
        assert modal.query_one("#number").value == "E-2"
        modal.query_one("#paste").load_text("ARTICLE 20: WAGES\n20.1 A general increase of 2%.\n")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert "2%" in git(repo_path, "show", "E-2:articles/wages.txt")
        assert "Proposal-Party: employer" in git(repo_path, "log", "-1", "--format=%B")
        assert "unsent draft" in git(repo_path, "show", "refs/drafts/wages:wages.txt")
        assert "E-2" in str(app.screen.query_one("#column-heads").render())


async def test_a_draft_their_pass_replaced_is_marked_and_restored(repo_path: Path) -> None:
    """Their pass pasted over our unsent draft: the board marks the saved draft (↺) and R puts it
    back through the core's restore (the rule `resolve --keep mine` uses)."""
    repo = BargainingRepo.open(repo_path)
    mine = "ARTICLE 20: WAGES\n20.1 Our unsent draft.\n"
    repo.write_draft("wages", mine)
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press("R")  # nothing saved yet: the key says why
        await settle(pilot)
        assert any("no saved draft" in n.message for n in app._notifications)
        await pilot.press("i")
        await settle(pilot)
        app.screen.query_one("#paste").load_text("ARTICLE 20: WAGES\n20.1 A general increase of 2%.\n")
        await pilot.press("ctrl+s")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert "↺" in str(board.query_one("DataTable").get_cell("wages", "title"))
        assert "1 saved draft ↺ (R restores)" in str(board.query_one("#counts").render())
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert (repo_path / "articles" / "wages.txt").read_text(encoding="utf-8") == mine
        assert "↺" not in str(board.query_one("DataTable").get_cell("wages", "title"))
        assert "✎" in str(board.query_one("DataTable").get_cell("wages", "title"))
        assert "2%" in git(repo_path, "show", "HEAD:articles/wages.txt")  # their pass stays recorded


async def test_enter_their_pass_from_a_word_file(repo_path: Path) -> None:
    from proposals.word.proposal import ArticleChange, export_proposal

    theirs = "ARTICLE 20: WAGES\n20.1 A general increase of three percent (3%).\n\n20.2 Steps as before.\n"
    docx = repo_path.parent / "employer-E2.docx"
    export_proposal(
        [ArticleChange(old=theirs, new=theirs)],
        docx,
        mode="clean",
        party="Metro Health",
        pass_name="E-2",
        session=date(2025, 4, 7),
    )
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_their_docx(pilot, app, docx)
        assert "three percent (3%)" in git(repo_path, "show", "E-2:articles/wages.txt")
        assert "Articles: wages" in git(repo_path, "log", "-1", "--format=%B")
        assert str(app.screen.query_one("DataTable").get_cell("wages", "last")) == "E-2"


async def test_their_word_file_with_unannounced_edits_is_flagged(repo_path: Path) -> None:
    from tui_fixtures import WAGES_E1

    from proposals.word.proposal import ArticleChange, export_proposal

    claimed = WAGES_E1.replace("anniversary date", "anniversary date, if funds allow")  # not on the table
    theirs = claimed.replace("one percent (1%)", "two percent (2%)")
    docx = repo_path.parent / "employer-E2-tracked.docx"
    export_proposal(
        [ArticleChange(old=claimed, new=theirs)],
        docx,
        mode="tracked",
        party="Metro Health",
        pass_name="E-2",
        session=date(2025, 4, 7),
    )
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_their_docx(pilot, app, docx)
        assert "if funds allow" in git(repo_path, "show", "E-2:articles/wages.txt")
        assert any(n.title == "Unannounced change" and "wages" in n.message for n in app._notifications)


async def test_mark_ta_with_confirmation(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "staffing")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TAModal)
        assert app.screen.query_one("#union-sign").value == "A. Rivera"  # last signatories
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await pilot.pause()
        assert "ta-staffing" not in git(repo_path, "tag", "--list")
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "ta-staffing" in git(repo_path, "tag", "--list").split()
        log = git(repo_path, "log", "-1", "--format=%B")
        assert "TA-Article: staffing" in log and "TA-Date: 2025-04-07" in log
        board = app.screen
        assert [r.status for r in board.shown if r.id == "staffing"] == ["ta"]
        assert board.check_action("ta", ()) is False
        assert board.check_action("withdraw", ()) is False


async def test_ta_one_section(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article("safety")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        modal = app.screen
        modal.query_one("#section").value = "14.3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "TA-Section: 14.3" in git(repo_path, "log", "-1", "--format=%B")
        assert isinstance(app.screen, ArticleScreen)
        locked = [line for line in view_text(app).splitlines() if line.startswith("TA")]
        assert any("14.2" in line for line in locked) and any("14.3" in line for line in locked)


async def test_withdraw(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WithdrawModal)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Withdrawn: wages" in git(repo_path, "log", "-1", "--format=%B")
        assert "U-4" in git(repo_path, "tag", "--list").split()
        assert [r.status for r in app.screen.shown if r.id == "wages"] == ["withdrawn"]


@pytest.mark.parametrize("key", ["p", "w"])
async def test_choosing_the_other_party_proposes_its_next_pass(repo_path: Path, key: str) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press(key)
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, PassModal | WithdrawModal)
        assert modal.query_one("#number").value == "U-4"
        modal.query_one("#party", Select).value = "employer"
        await settle(pilot)
        employer_next = modal.query_one("#number").value
        assert employer_next.startswith("E-") and employer_next == modal.next_names["employer"]
        if key == "w":  # withdrawing needs no text, so the pass is recorded under that name
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert f"Pass: {employer_next}" in git(repo_path, "log", "-1", "--format=%B")
            assert employer_next in git(repo_path, "tag", "--list").split()


async def test_refused_operation_is_a_notification_not_a_crash(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one("#number").value = "U-1"  # already used
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
        assert any("already exists" in n.message for n in app._notifications)
        assert "U-4" not in git(repo_path, "tag", "--list").split()


async def test_impossible_actions_are_disabled(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.screen
        await select(pilot, "mentorship")
        assert board.check_action("ta", ()) is False
        assert board.check_action("withdraw", ()) is False
        assert board.check_action("record_pass", ()) is False
        await select(pilot, "parking")
        assert board.check_action("withdraw", ()) is False
        assert board.check_action("export", ()) is False
        await select(pilot, "holidays")
        assert board.check_action("history", ()) is False
        assert board.check_action("ta", ()) is True  # agreeing to keep the baseline text
        await select(pilot, "wages")
        assert all(board.check_action(a, ()) for a in ("ta", "withdraw", "record_pass", "export", "history"))
        await pilot.press("w")  # and a disabled key does nothing on the TA'd article
        await settle(pilot)
        await pilot.press("escape")
        await select(pilot, "mentorship")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)


async def test_selection_marks_are_text_not_colour(repo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The record-pass and withdraw lists mark chosen articles [x] and the rest [ ], with NO_COLOR."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        for key, modal in (("p", PassModal), ("w", WithdrawModal)):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, modal)
            checklist = app.screen.query_one("#articles")
            lines = ["".join(s.text for s in checklist.render_line(y)) for y in range(checklist.option_count)]
            marks = {line.split("]")[1].strip(): line[:3] for line in lines}
            assert marks.pop("20 Wages") == "[x]", lines
            assert set(marks.values()) == {"[ ]"}, lines
            assert not any("▐" in line for line in lines)
            await pilot.press("escape")
            await settle(pilot)


async def test_the_ta_dialog_never_offers_a_section_already_agreed(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "safety")  # 14.2 is TA'd
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TAModal)
        offered = [str(prompt) for prompt, _ in app.screen.query_one("#section", Select)._options]
        assert "Section 14.2" not in offered
        assert "Section 14.3" in offered


async def test_clearing_the_filter_keeps_the_chosen_article(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        board = app.screen
        await pilot.press("slash", "s", "a", "f", "e")
        await pilot.press("enter")
        await settle(pilot)
        assert board.current_id() == "safety"
        await pilot.press("escape")
        await settle(pilot)
        assert len(board.shown) == 7
        assert board.current_id() == "safety"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == "safety"


async def test_a_filter_that_shows_nothing_keeps_the_chosen_article(repo_path: Path) -> None:
    """A filter (words or status) that leaves no row, then cleared: the cursor is back on the
    article chosen before, not on row 1, so enter opens it (issue 18)."""
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        await select(pilot, "wages")
        await pilot.press("slash", "z", "z", "z")  # nothing matches
        await settle(pilot)
        assert board.shown == [] and board.current_id() is None
        await pilot.press("escape")
        await settle(pilot)
        assert board.current_id() == "wages"
        await pilot.press("f")  # open articles only: wages is one
        await pilot.press("slash", "z", "z", "z", "enter")
        await settle(pilot)
        while board.status_filter != "all":
            await pilot.press("f")
            await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert len(board.shown) == 7 and board.current_id() == "wages"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == "wages"


async def test_board_last_and_date_describe_one_event(repo_path: Path) -> None:
    """A TA'd article shows the TA and its date; a withdrawn one the withdrawal and its date."""
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("DataTable")

        def cells(article_id: str) -> tuple[str, str]:
            return str(table.get_cell(article_id, "last")), str(table.get_cell(article_id, "date"))

        assert cells("mentorship") == ("TA", "2025-03-03")  # proposed as U-1 on 2025-02-03
        withdrawal = git(repo_path, "log", "-1", "--format=%(trailers:key=Pass,valueonly)", "HEAD")
        assert cells("parking") == (withdrawal.strip(), "2025-03-17") == ("U-3", "2025-03-17")
        assert cells("scheduling") == ("U-2", "2025-03-03")


def notes_shown(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


@pytest.mark.parametrize(
    ("article", "key", "why"),
    [
        ("mentorship", "t", "TA: not now: 9 Mentorship Program is already TA'd."),
        ("mentorship", "p", "its agreed text is locked"),
        ("parking", "w", "Only open articles can be withdrawn; 31 Parking is Withdrawn."),
        ("parking", "x", "is withdrawn: there is no proposal to export"),
        ("holidays", "h", "12 Holidays has no passes or TAs yet."),
        ("wages", "C", "Conflicts: not now: No conflicts to settle: sync left none."),
        ("wages", "S", "No team remote yet"),
    ],
)
async def test_a_disabled_key_says_why(repo_path: Path, article: str, key: str, why: str) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, article)
        app.clear_notifications()
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert any(why in note for note in notes_shown(app)), notes_shown(app)


async def test_disabled_keys_in_the_article_and_editor_say_why(repo_path: Path) -> None:
    app = make_app(repo_path, autosave_delay=3600)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article("mentorship")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert any("no draft to edit" in n for n in notes_shown(app))
        app.open_editor("wages")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert any("Nothing to save" in n for n in notes_shown(app))


# -- export, history, help, verify ------------------------------------------------------------


async def test_export_to_word_with_progress(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        await pilot.press("x")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ExportModal)
        assert modal.query_one("#path").value == "../negotiation-exports/scheduling-2025-04-07.docx"
        modal.query_one("#against").value = "employer"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        out = repo_path.parent / "negotiation-exports" / "scheduling-2025-04-07.docx"
        assert out.exists()
        assert git(repo_path, "status", "--porcelain") == ""  # nothing new inside the repo
        with zipfile.ZipFile(out) as zf:
            body = zf.read("word/document.xml").decode()
        assert "w:ins" in body and "w:del" in body
        assert any("Wrote" in n.message for n in app._notifications)


async def test_the_exports_folder_can_be_chosen(repo_path: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PROPOSALS_EXPORTS", str(tmp_path / "for-members"))
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
    assert (tmp_path / "for-members" / "status-2025-04-07.docx").exists()


async def test_the_palette_screenshot_is_saved(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"screenshot", "enter")
        await pilot.pause(0.3)
        await settle(pilot)
        assert not any(n.severity == "error" for n in app._notifications), list(app._notifications)
    shots = list((repo_path.parent / "negotiation-exports").glob("*.svg"))
    assert len(shots) == 1 and "<svg" in shots[0].read_text()


async def test_export_the_status_chart(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        out = repo_path.parent / "negotiation-exports" / "status-2025-04-07.docx"
        assert out.exists()
        assert git(repo_path, "status", "--porcelain") == ""
        with zipfile.ZipFile(out) as zf:
            assert "Mentorship" in zf.read("word/document.xml").decode()


async def test_history_pick_two_and_compare(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        await pilot.press("h")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        assert [r.rev for r in history.rows] == ["baseline", "U-1", "E-1", "U-2"]
        assert history.rows[1].summary.startswith("+")
        table = history.query_one("DataTable")
        table.move_cursor(row=1)
        await pilot.press("space")
        table.move_cursor(row=2)
        await pilot.press("space")
        assert history.picked == ["U-1", "E-1"]
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.compare() == ("U-1", "E-1")
        row = next(line for line in view_text(app).splitlines() if "5.1" in line)
        assert "four (4)" in row.split("│")[0] and "two (2)" in row.split("│")[1]
        # from the article view, the history replaces the comparison in place
        await pilot.press("h")
        await settle(pilot)
        app.screen.query_one("DataTable").move_cursor(row=3)
        await pilot.press("enter")  # no picks: the version against the one before it
        await settle(pilot)
        assert app.screen is screen and screen.compare() == ("E-1", "U-2")


async def test_history_keeps_pass_and_party_names_whole(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "safety")
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one("DataTable")
        assert table.columns["rev"].width >= len("ta-safety-14.2")
        assert table.columns["party"].width >= len("Clinicians United")


async def test_help_lists_keys_by_screen(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from proposals_tui.screens.help import help_table

        text = "".join(str(c) for col in help_table().columns for c in col._cells)
        for word in (
            "Board",
            "Editor",
            "History",
            "Compare",
            "Record a pass",
            "Withdraw",
            "Export",
            "ctrl+s",
        ):
            assert word in text
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_verify_reports_intact_tas(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        assert any("intact" in n.message for n in app._notifications)


async def test_command_palette_offers_screen_actions(repo_path: Path) -> None:
    from proposals_tui.commands import ProposalsCommands

    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "mentorship")
        provider = ProposalsCommands(app.screen)
        labels = [label for label, _, _ in provider._commands()]
        assert "Mark a tentative agreement" not in labels  # disabled now, so not offered
        assert "Open article 20: Wages" in labels
        await select(pilot, "wages")
        assert "Mark a tentative agreement" in [label for label, _, _ in provider._commands()]


async def test_command_palette_runs_an_action(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"withdraw")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WithdrawModal)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open article 14")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == "safety"


async def test_no_color_turns_on_markers(repo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.markers
        app.open_article("scheduling")
        await settle(pilot)
        assert "[-" in view_text(app) and "{+" in view_text(app)


async def test_theme_toggles_light_and_dark(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is not dark


async def test_works_at_80x24(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "staffing")
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(RedlineView)
        assert all(len(line) <= 80 for line in view.plain_lines())
        assert view.column_width() >= 30


sync_async_tests(globals())
