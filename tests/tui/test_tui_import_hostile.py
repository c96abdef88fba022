"""Their pass imported through the TUI (issue 11) with hostile words: a title line of markup and a
bidi override before their first heading, and a new part whose heading is markup. The TUI says
what the CLI says (new parts, what was not imported) and shows their words literally: markup
never read as markup, control and bidi characters as escapes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import git
from rich.markup import render
from tui_fixtures import WAGES_E1, enter_their_docx, sync_async_tests, their_docx

from proposals_tui.app import ProposalsApp

TITLE = "[bold red]EMPLOYER[/] PROPOSAL \u202eE-2"
NEW = "ARTICLE 40: [@click=app.quit]PARKING[/]"


async def test_their_hostile_words_are_shown_literally_and_nothing_is_left_unsaid(repo_path: Path) -> None:
    """Before: the TUI said nothing of the new part or of the title line it left out."""
    paragraphs = [TITLE, *WAGES_E1.replace("one percent (1%)", "two percent (2%)").splitlines()]
    source = their_docx(repo_path.parent, [*paragraphs, NEW, "40.1 Parking is free."])
    app = ProposalsApp(repo_path, today=date(2025, 4, 7))
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_their_docx(pilot, app, source)
        assert app.is_running  # [@click=app.quit] did nothing
        notes = {n.title: n.message for n in app._notifications}
    assert "two percent (2%)" in git(repo_path, "show", "HEAD:articles/wages.txt")
    assert git(repo_path, "show", "HEAD:articles/click-app-quit-parking.txt").startswith(NEW + "\n")
    assert "New parts: click-app-quit-parking" in notes["Their pass imported"]
    shown = render(notes["Note"]).plain  # as the notification paints it
    # Their bidi override is shown as '?' in a quote (it would turn the line around), their
    # markup as the brackets they typed.
    assert shown == (
        "1 paragraph before their first heading, not imported: '[bold red]EMPLOYER[/] PROPOSAL ?E-2'"
    )


sync_async_tests(globals())
