"""Colours come from the theme (issue 19): parties, status words, warnings and redline marks are
component classes that `app.tcss` paints from theme variables, so ctrl+t and custom themes
repaint them; no TUI module names a colour.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rich.style import Style
from tui_fixtures import settle, sync_async_tests, tui_app

import proposals_tui
from proposals_tui.diffing import Palette
from proposals_tui.roles import FollowsTheme
from proposals_tui.screens.article import ArticleScreen
from proposals_tui.screens.blame import BlameScreen
from proposals_tui.screens.board import BoardScreen
from proposals_tui.screens.costing import CostingScreen
from proposals_tui.screens.editor import EditorScreen
from proposals_tui.screens.history import HistoryScreen
from proposals_tui.screens.sync import ConflictScreen
from proposals_tui.styles import CLASSES
from proposals_tui.widgets.redline_view import RedlineView

PACKAGE = Path(proposals_tui.__file__).parent
COLOUR_WORDS = {"red", "green", "yellow", "blue", "cyan", "magenta", "white", "black", "grey", "gray"}
STYLE_WORDS = {"bold", "dim", "italic", "underline", "strike", "reverse", "not", "on"}
HEX = re.compile(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}")


def _names_a_colour(text: str) -> bool:
    """A style string like "bold red" or "#1f6feb" (prose that mentions red is not a style)."""
    words = text.split()
    if not words or not all(w in COLOUR_WORDS | STYLE_WORDS or w.startswith("#") for w in words):
        return False
    return any(w in COLOUR_WORDS or HEX.fullmatch(w) for w in words)


def test_no_tui_module_names_a_colour() -> None:
    """Colours live in app.tcss only: no style string with a colour, no `.colour` of a party."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _names_a_colour(node.value):
                found.append(f"{where} {node.value!r}")
            elif isinstance(node, ast.Attribute) and (node.attr == "colour" or node.attr.endswith("_colour")):
                found.append(f"{where} .{node.attr}")
    assert found == []


def test_screens_that_paint_in_colour_follow_the_theme() -> None:
    screens = (
        BoardScreen,
        ArticleScreen,
        EditorScreen,
        HistoryScreen,
        CostingScreen,
        ConflictScreen,
        BlameScreen,
    )
    for screen in screens:
        assert isinstance(screen, type) and issubclass(screen, FollowsTheme), screen
        assert screen._get_component_classes() >= CLASSES, screen
    assert RedlineView._get_component_classes() >= CLASSES


def test_a_palette_names_roles_not_colours() -> None:
    palette = Palette("employer", "union")
    assert palette.deleted() == "redline--delete party--employer"
    assert palette.inserted() == "redline--insert party--union"
    # NO_COLOR: strike and underline carry the change; markers: the brackets do
    assert Palette("employer", "union", coloured=False).deleted() == "redline--delete"
    assert Palette("employer", "union", markers=True, coloured=False).inserted() == "redline--marked"


def _status_style(board: BoardScreen, status: str) -> Style:
    table = board.query_one("DataTable")
    row = next(n for n, r in enumerate(board.shown) if r.status == status)
    cell = table.get_row_at(row)[2]
    return cell.style


async def test_ctrl_t_repaints_status_words_and_parties(repo_path: Path) -> None:
    app = tui_app(repo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        dark_open = _status_style(board, "open")
        dark_union = board.themed("party--union")
        assert dark_open.color is not None and dark_open.bold
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert not app.current_theme.dark
        light_open = _status_style(board, "open")
        assert light_open.bold and light_open.color != dark_open.color  # the cells were built again
        assert board.themed("party--union").color != dark_union.color
        assert light_open == board.themed("status--open")


async def test_ctrl_t_repaints_the_redline_runs_and_heads(repo_path: Path) -> None:
    app = tui_app(repo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        view = screen.query_one(RedlineView)
        roles = ("redline--delete party--employer", "redline--insert party--union")
        dark = {role: view.roles()[role] for role in roles}
        heads = str(screen.query_one("#column-heads").render())
        await pilot.press("ctrl+t")
        await settle(pilot)
        for role in roles:
            light = view.roles()[role]
            assert light.color != dark[role].color, role
            assert (light.strike, light.underline) == (dark[role].strike, dark[role].underline)
        assert dark["redline--delete party--employer"].strike
        assert str(screen.query_one("#column-heads").render()) == heads  # same words, new colours


async def test_a_custom_theme_paints_the_gutters_and_moves(repo_path: Path) -> None:
    """Any theme but the two tuned built-ins takes its own text colours for gutters and moves."""
    app = tui_app(repo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(RedlineView)
        app.theme = "nord"
        await settle(pilot)
        roles = view.roles()
        colours = app.theme_variables
        for role, variable in (
            ("redline--gutter-change", "text-warning"),
            ("redline--gutter-delete", "text-error"),
            ("redline--gutter-insert", "text-success"),
            ("redline--move", "text-accent"),
            ("party--union", "text-primary"),
            ("status--open", "text-warning"),
        ):
            assert roles[role].color is not None, role
            assert roles[role].color.triplet.hex == colours[variable].lower(), role


sync_async_tests(globals())
