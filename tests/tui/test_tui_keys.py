"""Each action is described once (issue 19): `keys.ACTIONS` gives the footer label, the help
line and the palette entry; bindings, the help screen and the palette all read it."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.binding import Binding
from tui_fixtures import settle, sync_async_tests, tui_app

import proposals_tui
from proposals_tui.commands import ProposalsCommands
from proposals_tui.keys import ACTIONS
from proposals_tui.roles import OffersCommands

PACKAGE = Path(proposals_tui.__file__).parent


def every_bindings_list() -> list[tuple[str, list]]:
    import importlib

    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = importlib.import_module(
            "proposals_tui." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        )
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and "BINDINGS" in vars(value):
                out.append((f"{module.__name__}.{value.__name__}", vars(value)["BINDINGS"]))
    return out


def test_no_binding_or_palette_entry_spells_out_its_own_words() -> None:
    """Only keys.py builds a `Binding` or writes a palette triple; every other module asks it."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "keys.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Binding":
                found.append(f"{path.name}:{node.lineno} Binding(...)")
            if isinstance(node, ast.FunctionDef) and node.name.endswith("palette_commands"):
                for inner in ast.walk(node):
                    written = isinstance(inner, ast.Tuple) and len(inner.elts) == 3
                    if written and all(isinstance(e, ast.Constant | ast.JoinedStr) for e in inner.elts):
                        found.append(f"{path.name}:{inner.lineno} a written palette entry")
    assert found == []


def test_every_binding_takes_its_words_from_the_table() -> None:
    lists = every_bindings_list()
    assert len(lists) >= 20
    for owner, bindings in lists:
        for binding in bindings:
            assert isinstance(binding, Binding), owner
            entry = ACTIONS.get(binding.action)
            assert entry is not None, f"{owner}: {binding.action} is not in keys.ACTIONS"
            assert binding.tooltip == entry.help, (owner, binding.action)


def test_help_lines_are_the_tables() -> None:
    from proposals_tui.screens.help import help_table

    table = help_table()
    described = {str(cell) for cell in table.columns[1]._cells}
    for owner, bindings in every_bindings_list():
        if owner.startswith(("proposals_tui.screens.", "proposals_tui.app.")) and "help" not in owner:
            for binding in bindings:
                assert ACTIONS[binding.action].help in described, (owner, binding.action)


async def test_the_palette_says_what_the_help_says(repo_path: Path) -> None:
    app = tui_app(repo_path, autosave_delay=3600, prefetch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for keys in ([], ["enter"], ["e"]):
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            screen = app.screen
            assert isinstance(screen, OffersCommands)
            entries = screen.palette_commands()
            assert entries
            for label, action, help_text in entries:
                entry = ACTIONS[action]
                assert label == (entry.command or entry.help), action
                if action not in ("cycle_status", "cycle_sort", "next_compare"):  # these say the state
                    assert help_text == entry.help, action
            offered = {label for label, _, _ in ProposalsCommands(screen)._commands()}
            assert ACTIONS["toggle_theme"].command in offered
            if keys == ["e"]:
                await pilot.press("escape")
                await settle(pilot)
                await pilot.press("escape")
                await settle(pilot)


sync_async_tests(globals())
