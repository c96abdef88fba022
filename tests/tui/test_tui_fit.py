"""At 80x24 nothing important is cut: "? Help" stays in the footer, pass numbers stay whole in
the column heads, header lines never wrap; a new article's draft is "New draft" (issue 18)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static
from textual.widgets._footer import FooterKey
from tui_fixtures import select, settle, sync_async_tests

from proposals.negotiation.repo import BargainingRepo
from proposals_tui.app import ProposalsApp


def help_key_visible(app: ProposalsApp) -> bool:
    keys = [k for k in app.screen.query(FooterKey) if k.action in ("help", "app.help")]
    return bool(keys) and keys[0].region.width > 0 and keys[0].region.right <= app.size.width - 12


async def test_every_screen_keeps_help_in_the_footer_at_80x24(repo_path: Path) -> None:
    app = ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert help_key_visible(app), "board"
        await select(pilot, "scheduling")
        for keys, where in ((["enter"], "article"), (["h"], "history"), (["escape", "e"], "editor")):
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            assert help_key_visible(app), where


def test_a_column_head_keeps_its_pass_number_whole() -> None:
    from proposals_tui.screens.article import fitted

    assert fitted("Metro Health E-11", 14).endswith(" E-11") and len(fitted("Metro Health E-11", 14)) == 14
    assert fitted("Metro Health E-11", 40) == "Metro Health E-11"


async def test_heads_with_the_notes_panel_and_after_provenance_at_80x24(repo_path: Path) -> None:
    repo = BargainingRepo.open(repo_path)
    text = repo.read_draft("scheduling") or ""
    long_title = "SCHEDULING OF CLINICAL SESSIONS, ON-CALL ROTATIONS AND PROTECTED TIME"
    repo.write_draft("scheduling", text.replace("SCHEDULING", long_title, 1))
    app = ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")  # the notes panel takes 32 columns from the two text columns
        await settle(pilot)
        heads = str(app.screen.query_one("#column-heads", Static).render())
        names = re.findall(r"[UE]-\d+\b", heads)
        assert len(names) == 2, heads  # both pass numbers whole, not "E-" or "U-"
        for key in ("v", "v", "v"):  # inline, provenance, back to side by side
            await pilot.press(key)
            await settle(pilot)
            for selector in ("#article-head", "#legend", "#column-heads"):
                assert app.screen.query_one(selector, Static).region.height == 1, (key, selector)


async def test_a_draft_of_a_new_article_is_new_not_unchanged(repo_path: Path) -> None:
    (repo_path / "articles" / "overtime.txt").write_text("ARTICLE 40: OVERTIME\n40.1 Time and a half.\n")
    app = ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        board = app.screen
        status = str(board.query_one("DataTable").get_cell("overtime", "status"))
        assert status == "✚ New draft", status
        assert str(board.query_one("DataTable").get_cell("holidays", "status")).endswith("Unchanged")
        await select(pilot, "overtime")
        await pilot.press("enter")
        await settle(pilot)
        assert "New draft" in str(app.screen.query_one("#article-head", Static).render())


async def test_find_in_the_article_view_and_the_editor(repo_path: Path) -> None:
    from textual.widgets import TextArea

    from proposals_tui.widgets.find_bar import FindBar
    from proposals_tui.widgets.redline_view import RedlineView

    app = ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        await pilot.press("enter")
        await settle(pilot)
        article = app.screen
        await pilot.press("ctrl+f")
        bar = article.query_one(FindBar)
        assert bar.has_focus
        await pilot.press(*"preferences", "enter")
        await settle(pilot)
        view = article.query_one(RedlineView)
        lines = view.plain_lines()
        top = int(view.scroll_offset.y)
        assert any("preferences" in line for line in lines[top : top + view.size.height])
        assert article.sub_title == "match 1 of 1"
        await pilot.press(*"zzz-nowhere", "enter")
        await settle(pilot)
        assert any("Not found" in n.message for n in app._notifications)
        await pilot.press("escape")  # closes the find bar, not the article
        assert app.screen is article and not bar.has_focus
        await pilot.press("e")
        await settle(pilot)
        editor = app.screen
        area = editor.query_one("#draft", TextArea)
        before = area.text
        await pilot.press("ctrl+f")  # TextArea's own ctrl+f deletes a word: find comes first
        await pilot.press(*"schedule", "enter")
        await settle(pilot)
        assert area.selected_text.lower() == "schedule"
        first = area.selection
        await pilot.press("enter")
        await settle(pilot)
        assert area.selected_text.lower() == "schedule" and area.selection != first
        assert editor.sub_title.startswith("match 2 of ")
        assert area.text == before  # finding never edits the draft


async def test_history_party_names_are_bold_never_dim_without_colour(
    repo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import DataTable

    monkeypatch.setenv("NO_COLOR", "1")
    app = ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        cells = [table.get_cell(rev, "party") for rev in ("U-1", "E-1")]
        assert [c.plain for c in cells] == ["Clinicians United", "Metro Health"]
        for cell in cells:
            assert cell.style.bold and not cell.style.dim, cell.style


async def test_the_provenance_legend_is_read_whole_at_80x24(repo_path: Path) -> None:
    """The demo's party names do not fit beside each other at 80 columns: the legend names each
    side by its role rather than ending in "plain =…" (issue 18)."""
    toml = repo_path / "bargaining.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8")
        .replace('"Clinicians United"', '"Northstar Clinicians United"')
        .replace('"Metro Health"', '"Metro Health System of the Lakes"'),
        encoding="utf-8",
    )
    app = ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        for key in ("enter", "v", "v"):  # the article, inline, provenance
            await pilot.press(key)
            await settle(pilot)
        legend = app.screen.query_one("#legend", Static)
        text = str(legend.render())
        assert text.endswith("plain = baseline") and "…" not in text, text
        assert len(text) <= legend.region.width - 2, text
        assert "union" in text and "employer" in text, text
    async with ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600).run_test(
        size=(160, 40)
    ) as pilot:
        await settle(pilot)
        await select(pilot, "scheduling")
        for key in ("enter", "v", "v"):
            await pilot.press(key)
            await settle(pilot)
        names = [p.name for p in BargainingRepo.open(repo_path).config.parties.values()]
        text = str(pilot.app.screen.query_one("#legend", Static).render())
        assert all(name in text for name in names), text  # wide enough: the parties' own names


async def test_the_record_dialog_opens_at_the_article_it_was_opened_for_at_80x24(repo_path: Path) -> None:
    """The dialog's list shows a few entries at 80x24: the article being recorded, checked, must be
    in sight without scrolling, even when it is the last of many (issue 18)."""
    from proposals_tui.modals.pass_modal import PassModal

    app = ProposalsApp(repo_path, today=date(2025, 4, 7), autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        checklist = app.screen.query_one("#articles")
        last = checklist.get_option_at_index(checklist.option_count - 1).value
        await pilot.press("escape")
        await settle(pilot)
        await select(pilot, last)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PassModal)
        checklist = app.screen.query_one("#articles")
        index = checklist.option_count - 1
        assert checklist.selected == [last]
        assert index >= checklist.size.height, "the article must be below the list's first screen"
        top = checklist.scroll_offset.y
        assert top <= index < top + checklist.size.height, (top, index, checklist.size.height)
        assert checklist.highlighted == index


sync_async_tests(globals())
