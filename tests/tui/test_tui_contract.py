"""The TUI reopens a TA, imports the baseline and compiles the contract (issue 18): each from a key
and from the palette, through the CLI's core calls, in the repo lane; bad input is one
notification and nothing is written. Real repos in tmp dirs, driven through Pilot at 80x24."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from textual.widgets import Input, Select
from tui_fixtures import select, settle, sync_async_tests

from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp
from proposals_tui.modals.ask_modal import AskModal
from proposals_tui.modals.confirm import ConfirmModal
from proposals_tui.screens.board import BoardScreen

TODAY = date(2025, 4, 7)
MENTORSHIP_NEW = """ARTICLE 9: MENTORSHIP PROGRAM
9.1 Each new clinician shall be paired with a mentor for the first twelve (12) months.
"""
PARTS = {
    "recognition": "ARTICLE 1: RECOGNITION\n1.1 The Employer recognises the Union.\n",
    "wages": "ARTICLE 2: WAGES\n2.1 Wages shall be paid every two weeks.\n",
}


def git(path: Path, *args: str, check: bool = True) -> str:
    return subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, check=check).stdout


def state(path: Path) -> tuple[str, str, str]:
    """Commits, tags and the working tree's status: what 'nothing changed' compares."""
    return (
        git(path, "rev-list", "--all"),
        git(path, "tag", "--list"),
        git(path, "status", "--porcelain", "--untracked-files=all"),
    )


def notes(app: ProposalsApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def answer(pilot, text: str) -> None:
    """Type `text` into the open AskModal and submit it."""
    assert isinstance(pilot.app.screen, AskModal)
    pilot.app.screen.query_one("#ask-text", Input).value = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A new negotiation: no baseline, no passes (the member set, so nothing else asks)."""
    repo = BargainingRepo.init(tmp_path / "fresh", "Clinicians United", "Metro Health")
    return repo.root


# -- reopening a TA ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["key", "palette"])
async def test_reopen_a_ta_with_a_reason_after_confirmation(repo_path: Path, how: str) -> None:
    (repo_path / "articles" / "mentorship.txt").write_text(MENTORSHIP_NEW)
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "mentorship")
        if how == "key":
            await pilot.press("O")
            await settle(pilot)
        else:
            await palette(pilot, "reopen the ta")
        await answer(pilot, "The employer's new program replaces the pairing")
        assert isinstance(app.screen, ConfirmModal)
        assert "ta-mentorship" in str(app.screen.body)
        await pilot.press("y")
        await settle(pilot)
        assert "TA reopened" in notes(app)
    message = git(repo_path, "log", "-1", "--format=%B")
    assert "The employer's new program replaces the pairing" in message
    assert git(repo_path, "show", "HEAD:articles/mentorship.txt") == MENTORSHIP_NEW
    assert "U-4" in git(repo_path, "tag", "--points-at", "HEAD")
    from proposals.negotiation.status import status_rows

    rows = {r.id: r for r in status_rows(BargainingRepo.open(repo_path))}
    assert rows["mentorship"].status == "open"  # reopened: on the table again


async def test_reopen_refuses_no_reason_and_cancel_records_nothing(repo_path: Path) -> None:
    (repo_path / "articles" / "mentorship.txt").write_text(MENTORSHIP_NEW)
    before = state(repo_path)
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "mentorship")
        await pilot.press("O")
        await settle(pilot)
        await answer(pilot, "   ")
        assert isinstance(app.screen, AskModal)  # still asking
        assert "Give a reason" in notes(app)
        await answer(pilot, "a reason")
        await pilot.press("n")  # the confirmation says no
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
    assert state(repo_path) == before


async def test_reopening_unchanged_text_is_one_notification(repo_path: Path) -> None:
    before = state(repo_path)
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "mentorship")
        await pilot.press("O")
        await settle(pilot)
        await answer(pilot, "nothing new")
        await pilot.press("y")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "\n" not in errors[0].message
    assert state(repo_path) == before


async def test_reopen_on_an_article_not_tad_says_why(repo_path: Path) -> None:
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "wages")
        await pilot.press("O")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert "no agreement to reopen" in notes(app)
        await select(pilot, "mentorship")
        await pilot.press("p")
        await settle(pilot)
        assert "O reopens it" in notes(app)


# -- the baseline -----------------------------------------------------------------------------


def _contract_docx(tmp_path: Path, *before: str) -> Path:
    """PARTS as a Word contract, a paragraph a line, after the lines `before` (a division)."""
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    for text in PARTS.values():
        for line in text.strip().split("\n"):
            document.add_paragraph(line)
    source = tmp_path / "contract.docx"
    document.save(str(source))
    return source


async def _import_baseline(pilot, app: ProposalsApp, source: Path) -> str:
    """The board's B with `source` answered and the confirmation taken: what the dialog said."""
    await settle(pilot)
    await pilot.press("B")
    await settle(pilot)
    await answer(pilot, str(source))
    assert isinstance(app.screen, ConfirmModal)
    body = app.screen.body
    await pilot.press("y")
    await settle(pilot)
    return body


@pytest.mark.parametrize("form", ["folder", "docx", "pdf"])
async def test_import_the_baseline(fresh: Path, tmp_path: Path, form: str) -> None:
    if form == "pdf" and not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: the PDF is made by it")
    if form == "folder":
        source = tmp_path / "contract"
        source.mkdir()
        for part_id, text in PARTS.items():
            (source / f"{part_id}.txt").write_text(text)
    else:
        source = _contract_docx(tmp_path)
        if form == "pdf":  # the same contract as a text PDF, written by LibreOffice
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(tmp_path),
                    str(source),
                ],
                capture_output=True,
                check=True,
                timeout=120,
            )
            source = tmp_path / "contract.pdf"
    app = ProposalsApp(fresh, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        body = await _import_baseline(pilot, app, source)
        assert "Import 2 parts" in body
        assert "Baseline imported" in notes(app)
        assert [r.id for r in app.screen.shown] == ["recognition", "wages"]
    assert git(fresh, "tag", "--list", "baseline").strip() == "baseline"
    assert git(fresh, "show", "baseline:articles/wages.txt") == PARTS["wages"]


async def test_importing_the_baseline_keeps_its_divisions(fresh: Path, tmp_path: Path) -> None:
    """A contract grouped under "PART A - GENERAL" keeps the division in bargaining.toml when
    the baseline is imported from the TUI, as from the CLI (compile shows it again)."""
    source = _contract_docx(tmp_path, "PART A - GENERAL")
    app = ProposalsApp(fresh, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _import_baseline(pilot, app, source)
        assert "Baseline imported" in notes(app)
    config = git(fresh, "show", "baseline:bargaining.toml")
    assert config.count('division = "PART A - GENERAL"') == 2, config


@pytest.mark.parametrize("given", ["missing.docx", "notes.odt", ""])
async def test_a_bad_baseline_path_is_one_notification_and_nothing_written(
    fresh: Path, tmp_path: Path, given: str
) -> None:
    (fresh.parent / "notes.odt").write_text("not a contract")
    before = state(fresh)
    app = ProposalsApp(fresh, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await palette(pilot, "import the baseline")
        await answer(pilot, str(fresh.parent / given) if given else "")
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "\n" not in errors[0].message
        assert not isinstance(app.screen, ConfirmModal)
    assert state(fresh) == before


async def test_import_baseline_is_disabled_once_there_is_one(repo_path: Path) -> None:
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert "already has a baseline" in notes(app)


# -- compiling --------------------------------------------------------------------------------


async def test_compile_the_contract(fresh: Path, tmp_path: Path) -> None:
    source = tmp_path / "contract"
    source.mkdir()
    for part_id, text in PARTS.items():
        (source / f"{part_id}.txt").write_text(text)
    app = ProposalsApp(fresh, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _import_baseline(pilot, app, source)
        await pilot.press("K")
        await settle(pilot)
        assert isinstance(app.screen, AskModal)
        default = app.screen.query_one("#ask-text", Input).value
        assert default == "../fresh-exports/contract-2025-04-07.docx"  # outside the repo
        app.screen.query_one("#ask-choice", Select).value = "redline"
        await answer(pilot, default)
        assert "Contract compiled" in notes(app)
    out = fresh.parent / "fresh-exports" / "contract-2025-04-07.docx"
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
    assert "Wages shall be paid every two weeks" in body
    assert git(fresh, "status", "--porcelain", "--untracked-files=all") == ""


async def test_compile_with_open_articles_is_one_notification_and_no_file(repo_path: Path) -> None:
    before = state(repo_path)
    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await palette(pilot, "compile the contract")
        await answer(pilot, "../out/contract.docx")
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "open" in errors[0].message and "\n" not in errors[0].message
    assert not (repo_path.parent / "out" / "contract.docx").exists()
    assert state(repo_path) == before


async def test_compile_offers_the_clis_options_force_omit_open_and_term(repo_path: Path) -> None:
    """`compile --force/--omit-open/--term` from K's dialog, through the same core call."""
    from textual.widgets import Checkbox

    app = ProposalsApp(repo_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, AskModal)
        modal.query_one("#ask-more", Input).value = "July 1, 2025 to June 30, 2028"
        modal.query_one("#ask-force", Checkbox).value = True
        await answer(pilot, "../out/placed.docx")
        assert "Contract compiled" in notes(app), notes(app)
        await pilot.press("K")
        await settle(pilot)
        app.screen.query_one("#ask-omit_open", Checkbox).value = True
        await answer(pilot, "../out/omitted.docx")
        assert "left out" in notes(app), notes(app)
    with zipfile.ZipFile(repo_path.parent / "out" / "placed.docx") as z:
        placed = z.read("word/document.xml").decode()
    with zipfile.ZipFile(repo_path.parent / "out" / "omitted.docx") as z:
        omitted = z.read("word/document.xml").decode()
    assert "July 1, 2025 to June 30, 2028" in placed
    assert "OPEN" in placed and "SCHEDULING" in placed  # an open article placed, marked
    assert "SCHEDULING" not in omitted


sync_async_tests(globals())
