"""Hostile text through every screen and dialog: shown literally, never parsed, never acted on.

The other side writes their headings, a teammate writes notes and `bargaining.toml`, and errors
quote what was typed. Textual reads a plain `str` as markup in most widgets, so `[/]` crashed the
app (MarkupError), `[@click=app.quit]` became a clickable action, `[RESERVED]` vanished, and ESC or
U+202E reached the terminal raw. Each screen is rendered in full (as a snapshot would be) and its
segments are checked: no crash, no action or link from our text, no raw control character, and
the text visible as written.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from rich.segment import Segment
from sync_support import git, ok
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_fixtures import AUTHOR, select, settle, sync_async_tests

from proposals.negotiation.passes import record_pass
from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp
from proposals_tui.modals.confirm import ConfirmModal, QuitModal
from proposals_tui.modals.export_modal import ExportModal
from proposals_tui.modals.pass_modal import PassModal
from proposals_tui.modals.sync_modal import SyncModal
from proposals_tui.modals.ta_modal import TAModal
from proposals_tui.modals.withdraw_modal import WithdrawModal
from proposals_tui.screens.article import ArticleScreen
from proposals_tui.screens.board import BoardScreen
from proposals_tui.screens.editor import EditorScreen
from proposals_tui.screens.help import HelpScreen
from proposals_tui.screens.history import HistoryScreen
from proposals_tui.screens.sync import ConflictScreen

TODAY = date(2025, 4, 7)
# Markup that crashes (`[/]`), acts (`[@click=...]`), links (`[link=...]`) or vanishes (`[RESERVED]`).
MARKUP = "[/] [link=https://x.example]L[/link] [@click=app.quit]Q[/] [RESERVED] [x] [b]"
# What a terminal acts on: a colour change, a title change, a bidi override that reverses text.
CONTROL = "\x1b[31mRED\x1b]0;pwned\x07 \u202eevil"
UNION = "Local [/] [@click=app.quit]Q[/] [RESERVED]"  # bargaining.toml refuses control characters
EMPLOYER = "[link=https://x.example]Boss[/link] [x] Health"
HEADING = f"ARTICLE 6: STAFFING {MARKUP}"
STAFFING_U1 = (
    f"{HEADING}\n6.1 The Employer shall maintain safe staffing [RESERVED].\n\n6.2 Ratios {MARKUP}.\n"
)
STAFFING_E1 = f"{HEADING} {CONTROL}\n6.1 The Employer decides staffing [x].\n\n6.2 Ratios {MARKUP}.\n"
NOTES = f"Their chief said {MARKUP}\nand {CONTROL}\n"
NEW_ARTICLE = f"ARTICLE 40: NEW {MARKUP} {CONTROL}\n40.1 A first draft [RESERVED].\n"
SIGNER = "A. [@click=app.quit]Q[/] Rivera [RESERVED]"


def build_hostile(path: Path) -> Path:
    """A negotiation whose every user-written string is hostile: parties, headings, notes, signers."""
    repo = BargainingRepo.init(path, UNION, EMPLOYER, env=AUTHOR)
    repo.store.run("config", "user.name", AUTHOR["GIT_AUTHOR_NAME"])
    repo.store.run("config", "user.email", AUTHOR["GIT_AUTHOR_EMAIL"])
    record_pass(
        repo,
        "union",
        ["staffing", "wages"],
        session="2025-02-03",
        texts={
            "staffing": STAFFING_U1,
            "wages": f"ARTICLE 20: WAGES [RESERVED]\n20.1 Six percent {MARKUP}.\n",
        },
    )
    record_pass(repo, "employer", ["staffing"], session="2025-02-17", texts={"staffing": STAFFING_E1})
    from proposals.negotiation.agreements import make_ta

    make_ta(repo, "wages", union_sign=SIGNER, employer_sign=f"[/] {MARKUP}", ta_date="2025-03-03")
    (path / "notes").mkdir(exist_ok=True)
    (path / "notes" / "staffing.md").write_text(NOTES, encoding="utf-8")  # notes are never validated
    (path / "articles" / "newart.txt").write_text(NEW_ARTICLE, encoding="utf-8")  # an unsent draft
    return path


@pytest.fixture(scope="module")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "negotiation")


@pytest.fixture
def hostile(hostile_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "negotiation"
    shutil.copytree(hostile_template, target, symlinks=True)
    return target


@pytest.fixture(autouse=True)
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


def screen_segments(app: ProposalsApp) -> list[Segment]:
    """The whole screen as the terminal would get it (the screen, dialogs over it, toasts)."""
    console = Console(width=app.size.width, height=app.size.height, force_terminal=True, record=True)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return [s for s in console.render(update) if not s.control]


def check_screen(app: ProposalsApp, *expected: str) -> str:
    """Assert nothing hostile was acted on; return the screen's text for further checks."""
    segments = screen_segments(app)
    text = "".join(s.text for s in segments)
    for seg in segments:
        style = seg.style
        if style is None:
            continue
        assert not style.link, f"a link from user text: {style.link!r} on {seg.text!r}"
        meta = style.meta or {}
        assert "app.quit" not in str(meta.get("@click", "")), f"an action from user text on {seg.text!r}"
    for raw in ("\x1b", "\x07", "\u202e"):
        at = text.find(raw)
        assert at < 0, (
            f"{raw!r} reached the terminal on {type(app.screen).__name__}: {text[at - 60 : at + 20]!r}"
        )
    for needle in expected:
        assert needle in text, f"{needle!r} not shown literally on {type(app.screen).__name__}:\n{text}"
    assert app.is_running
    return text


def make_app(path: Path) -> ProposalsApp:
    return ProposalsApp(path, today=TODAY, autosave_delay=3600, prefetch=False)




async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def test_every_screen_shows_hostile_text_literally(hostile: Path) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        text = check_screen(app, "STAFFING [/] [link=https://x.example]L[/link]", "[RESERVED]", "\\u001b[31m")
        assert "\\u202eevil" in text
        assert "[@click=app.quit]Q[/]" in app.title  # the header shows the party names as written

        await select(pilot, "staffing")
        await press(pilot, "enter")
        assert isinstance(app.screen, ArticleScreen)
        # their pass holds no control character (contract.part.normalise_text), its override shown
        check_screen(app, "[@click=app.quit]Q[/]", "Boss[/link] [x] Health", "[31mRED]0;pwned \\u202eevil")
        await press(pilot, "n")  # the notes panel: a teammate's file, markup and ESC
        check_screen(app, "Their chief said [/]", "\\u001b[31m")
        for _ in range(2):
            await press(pilot, "v")  # inline, then provenance
            check_screen(app, "[RESERVED]")
        await press(pilot, "escape", "h")
        assert isinstance(app.screen, HistoryScreen)
        check_screen(app, "[x] Health")
        await press(pilot, "escape")

        await press(pilot, "e")
        assert isinstance(app.screen, EditorScreen)
        check_screen(app, "[RESERVED]")
        await press(pilot, "ctrl+n")  # the notes dialog
        check_screen(app, "Team notes · 6 STAFFING [/]", "Their chief said [/]")
        await press(pilot, "escape", "ctrl+r")  # record a pass from the editor: titles in the article list
        assert isinstance(app.screen, PassModal)
        check_screen(app, "[RESERVED]", "Local [/] [@click=app.quit]Q[/]")
        await press(pilot, "escape", "escape")

        await press(pilot, "p")
        assert isinstance(app.screen, PassModal)
        check_screen(app, "STAFFING [/] [link=https://x.example]L[/link]")
        number = app.screen.query_one("#number", Input)
        number.value = "[/] [@click=app.quit]"  # refused by the core: the error quotes it
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BoardScreen)
        check_screen(app, "[/] [@click=app.quit]")

        await press(pilot, "i")
        check_screen(app, "Boss[/link]")
        await press(pilot, "escape", "w")
        assert isinstance(app.screen, WithdrawModal)
        check_screen(app, "STAFFING [/]")
        await press(pilot, "escape", "x")
        assert isinstance(app.screen, ExportModal)
        check_screen(app)
        await press(pilot, "escape", "t")
        assert isinstance(app.screen, TAModal)
        check_screen(app, "Tentative agreement: 6 STAFFING [/]", "A. [@click=app.quit]Q[/] Rivera")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal)
        check_screen(app, "signed A. [@click=app.quit]Q[/]", "Rivera [RESERVED] (union)")
        await press(pilot, "n")

        await select(pilot, "newart")  # an unsent draft whose heading carries ESC and U+202E
        await press(pilot, "e")
        check_screen(app, "4 control characters", "NEW [/] [link=https://x.example]L[/link]")
        await press(pilot, "X", "ctrl+q")
        assert isinstance(app.screen, QuitModal)
        check_screen(app, "Your edits to newart")
        await press(pilot, "escape", "escape")  # stay, then leave the editor: it asks again
        assert isinstance(app.screen, QuitModal)
        await press(pilot, "d")

        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        check_screen(app)
        await press(pilot, "escape", "ctrl+p")
        await pilot.press(*"staffing")
        await settle(pilot)
        check_screen(app, "STAFFING [/]")
        await press(pilot, "escape")
        app.notify(f"{MARKUP} {CONTROL}", title=MARKUP)  # Screen.notify asks for markup by default
        app.screen.notify(MARKUP)
        await pilot.pause()
        check_screen(app, "[@click=app.quit]Q[/]")


async def test_quit_dialog_names_the_article_literally(hostile: Path) -> None:
    app = make_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select(pilot, "staffing")
        await press(pilot, "e")
        await pilot.press("X")
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, QuitModal)
        check_screen(app, "Your edits to staffing")
        await press(pilot, "escape")


async def test_sync_report_and_conflicts_show_hostile_text_literally(hostile: Path, tmp_path: Path) -> None:
    """Bob's pass (hostile heading) replaces the text Alice has a draft of: the report, the
    conflict list and both texts side by side are shown as written."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(hostile, "remote", "add", "origin", str(remote))
    (hostile / "articles" / "newart.txt").unlink()
    ok(hostile, "sync")
    ok(tmp_path, "clone", str(remote), "bob", name="Bob")
    bob = tmp_path / "bob"
    (bob / "articles" / "staffing.txt").write_text(STAFFING_E1.replace("decides", f"decides {MARKUP}"))
    ok(bob, "pass", "--party", "employer", "--session", "2025-03-10", "staffing", name="Bob")
    ok(bob, "sync", name="Bob")
    draft = STAFFING_E1.replace("decides", f"decides with the union {CONTROL}")
    (hostile / "articles" / "staffing.txt").write_text(draft, encoding="utf-8")
    app = make_app(hostile)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        assert isinstance(app.screen, SyncModal)
        check_screen(app, "staffing")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConflictScreen)
        check_screen(app, "decides with the union \\u001b[31mRED", "Ratios [/]")
        await press(pilot, "m")
        assert isinstance(app.screen, ConfirmModal)
        check_screen(app, "Keep MY text of staffing")


async def test_sessions_packages_costing_and_blame_show_hostile_text_literally(
    hostile: Path, tmp_path: Path
) -> None:
    """The screens added since: sessions (place, attendees, notes, requests, a package's title),
    costing (their terms, a roster's clinics and classifications) and blame, all hostile."""
    from proposals.costing.compare import import_roster
    from proposals.negotiation.packages import record_package
    from proposals.negotiation.sessions import add_note, request_information, start_session
    from proposals_tui.screens.blame import BlameScreen
    from proposals_tui.screens.costing import CostingScreen
    from proposals_tui.screens.sessions import SessionsScreen

    repo = BargainingRepo.open(hostile, env=AUTHOR)
    start_session(repo, "2025-04-07", place=f"Hall {MARKUP}", union=SIGNER, employer="[/] M. [x] Chen")
    add_note(repo, f"Caucus {MARKUP}")
    request_information(repo, f"Staffing grid {MARKUP}", due="2025-04-21")
    (hostile / "terms" / "union").mkdir(parents=True, exist_ok=True)
    (hostile / "terms" / "union" / "wages.toml").write_text(
        "[[across_the_board]]\nyear = 2025\npercent = 4\n"
    )
    texts = {
        "staffing": STAFFING_E1.replace("decides", "decides with us"),
        "wages": f"ARTICLE 20: WAGES [RESERVED]\n20.1 Four percent {MARKUP}.\n",
    }
    record_package(
        repo, "union", list(texts), title="Floats [/] [@click=app.quit]Q[/]", texts=texts, reopen=True
    )
    roster = tmp_path / "members.csv"
    clinic = "[@click=app.quit]North[/] [RESERVED]"
    roster.write_text(
        "id,classification,fte,base_pay,clinic\n"
        + "".join(f"M{n},[/] NP [b],1.0,{150000 + n},{clinic}\n" for n in range(3)),
        encoding="utf-8",
    )
    import_roster(repo, roster)
    app = make_app(hostile)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        assert isinstance(app.screen, SessionsScreen)
        check_screen(app, "Hall [/] [link=https://x.example]L[/link]", "Caucus [/]", "Staffing grid [/]")
        await press(pilot, "escape", "c")
        assert isinstance(app.screen, CostingScreen)
        check_screen(app)
        await press(pilot, "v")
        check_screen(app, "[/] NP [b]", "[@click=app.qu")  # the column cuts the clinic
        await press(pilot, "b")
        check_screen(app, "[@click=app.quit]N")
        await press(pilot, "v", "v", "enter")
        check_screen(app)
        await press(pilot, "escape", "escape")
        if isinstance(app.screen, CostingScreen):
            await press(pilot, "escape")
        assert isinstance(app.screen, BoardScreen)
        await select(pilot, "staffing")
        await press(pilot, "enter", "b")
        assert isinstance(app.screen, BlameScreen)
        check_screen(app, "Ratios [/] [link=https://x.example]L[/link]")
        await press(pilot, "enter")
        check_screen(app)


sync_async_tests(globals())
