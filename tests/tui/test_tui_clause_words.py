"""A clause contract reads in its own words (issue 11): a UK or Australian agreement's status says
"5 clauses" and heads the number column "Cl.", on the command line and on the TUI board, where it
said "5 articles" and "Art."."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI
from tui_fixtures import settle, sync_async_tests, tui_app

from proposals_tui.screens.board import BoardScreen

CORPUS = Path(__file__).parent.parent / "contract" / "corpus"


def _clause_repo(cli: CLI) -> Path:
    cli("init", "uk", "--union", "Unite", "--employer", "Northern Care")
    cli("-C", "uk", "baseline", "--from-text", str(CORPUS / "uk.txt"))
    return cli.cwd / "uk"


async def test_a_clause_contract_is_counted_and_headed_in_clauses(cli: CLI) -> None:
    repo = _clause_repo(cli)
    table = cli("-C", str(repo), "status").out
    assert " clauses · " in table.splitlines()[0] and "articles" not in table.splitlines()[0]
    assert table.splitlines()[2].startswith("Cl. ")
    assert "| Cl. |" in cli("-C", str(repo), "status", "--md").out
    app = tui_app(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        counts = str(board.query_one("#counts").render())
        assert " clauses · " in counts
        assert board.query_one("#board").columns["number"].label.plain == "Cl."


def test_an_article_contract_keeps_its_words(cli: CLI) -> None:
    cli("demo", "demo")
    table = cli("-C", "demo", "status").out
    assert " articles · " in table.splitlines()[0] and table.splitlines()[2].startswith("Art.")


sync_async_tests(globals())
