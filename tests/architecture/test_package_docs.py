"""Every package's `__init__` says what it owns and what it may import, and says it truly (issue 19).

The import paragraph of each docstring names the packages the package may import before the word
"never" and those it must not after it; this reads every module of the package (lazy imports
included) and checks the code against the words, so a docstring cannot drift from the imports
and the import-linter contracts in `pyproject.toml`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import proposals
import proposals_tui

CORE = Path(proposals.__file__).parent
TUI = Path(proposals_tui.__file__).parent
PACKAGES = sorted(p.parent for p in CORE.glob("*/__init__.py"))
SHARED = {"errors", "files", "visible"}  # modules at the top of proposals, named like packages


def imported(package: Path, root: str) -> set[str]:
    """The proposals packages (or shared modules) that any module of `package` imports."""
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                parts = name.split(".")
                if parts[0] == "proposals" and len(parts) > 1:
                    found.add(parts[1])
                elif parts[0] in ("textual", "rich"):
                    found.add(parts[0])
    found.discard(root)
    return found


def import_paragraph(doc: str) -> str:
    says = re.compile(r"\b(May import|Imports only|imports nothing)")
    paragraphs = [p for p in doc.split("\n\n") if says.search(p)]
    assert len(paragraphs) == 1, f"one paragraph says what the package may import: {doc!r}"
    return paragraphs[0]


def named(text: str) -> set[str]:
    """Package names in ``double backticks`` (``store.network`` counts as ``store``)."""
    return {name.split(".")[0] for name in re.findall(r"``([a-z_.]+)``", text)}


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_each_core_package_says_what_it_may_import(package: Path) -> None:
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text())) or ""
    assert "ARCHITECTURE.md" in doc
    paragraph = import_paragraph(doc)
    allowed_part, _, never_part = paragraph.partition("never")
    allowed = named(allowed_part) - {package.name}
    never = named(never_part)
    uses = imported(package, package.name)
    proposals_uses = uses - {"textual", "rich"}
    assert proposals_uses <= allowed, f"{package.name} imports {sorted(proposals_uses - allowed)} unsaid"
    assert not (uses & never), f"{package.name} imports {sorted(uses & never)} it says it never does"
    if package.name != "cli":
        assert not (uses & {"textual", "rich"}), "the core never imports Textual or Rich"


def test_the_tui_says_what_it_may_import() -> None:
    doc = ast.get_docstring(ast.parse((TUI / "__init__.py").read_text())) or ""
    paragraph = import_paragraph(doc)
    allowed_part, _, never_part = paragraph.partition("never")
    uses = imported(TUI, "proposals_tui") - {"textual", "rich"}
    assert uses <= named(allowed_part), sorted(uses - named(allowed_part))
    assert named(never_part) == {"store", "cli"} and not (uses & named(never_part))
    for sub in ("modals", "screens", "widgets"):
        assert ast.get_docstring(ast.parse((TUI / sub / "__init__.py").read_text())), sub


def test_every_pinned_dependency_works_and_the_readme_says_why_git_is_the_cli() -> None:
    """GitPython was pinned and never imported: it is gone, and the README says why (issue 19)."""
    import tomllib

    root = CORE.parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pins = [*project["dependencies"], *(d for ds in project["optional-dependencies"].values() for d in ds)]
    assert not [pin for pin in pins if pin.lower().startswith("gitpython")]
    readme = (root / "README.md").read_text()
    assert "GitPython was dropped" in readme and "NUL-delimited" in readme


def _edits_sys_path(node: ast.AST) -> bool:
    def is_sys_path(expr: ast.AST) -> bool:
        return (
            isinstance(expr, ast.Attribute)
            and expr.attr == "path"
            and isinstance(expr.value, ast.Name)
            and expr.value.id == "sys"
        )

    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return is_sys_path(node.func.value)  # sys.path.insert / append / extend / remove
    if isinstance(node, ast.Assign | ast.AugAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(is_sys_path(t) or (isinstance(t, ast.Subscript) and is_sys_path(t.value)) for t in targets)
    return False


def test_no_test_file_edits_sys_path() -> None:
    """Helpers import by name through pytest's `pythonpath`; scripts LibreOffice's python runs by
    path (`tests/word/lo_contract.py`, `lo_check.py`) find their neighbours as scripts do."""
    tests = Path(__file__).resolve().parents[1]
    found = [
        f"{path.relative_to(tests)}:{node.lineno}"
        for path in sorted(tests.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if _edits_sys_path(node)
    ]
    assert found == []


def test_the_export_modes_are_spelled_out_once() -> None:
    """A list of the export modes is written only in `proposals.word.modes` (issue 19: it was five)."""
    modes = {"tracked", "redline", "clean"}
    found = []
    for root in (CORE, TUI):
        for path in sorted(root.rglob("*.py")):
            if path == CORE / "word" / "modes.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                    items = node.keys if isinstance(node, ast.Dict) else node.elts
                    strings = {n.value for n in items if isinstance(n, ast.Constant)}
                    values = [n for n in getattr(node, "values", []) if isinstance(n, ast.Tuple)]
                    strings |= {e.value for t in values for e in t.elts if isinstance(e, ast.Constant)}
                    if strings >= modes:
                        found.append(f"{path.name}:{node.lineno}")
    assert found == []


def _splits_into_lines(node: ast.AST) -> bool:
    """A function body that splits text at "\\n" and drops the final newline's empty tail."""
    calls = [n for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]

    def called(method: str) -> bool:
        return any(
            c.func.attr == method and any(isinstance(a, ast.Constant) and a.value == "\n" for a in c.args)
            for c in calls
        )

    return called("split") and called("endswith")


def test_an_articles_paragraphs_are_split_in_one_place() -> None:
    """`proposals.contract.part.paragraphs` is the one split of an article into paragraphs (issue 19:
    the redline's alignment, the TUI's diffing and the Word documents each had their own)."""
    found = []
    for root in (CORE, TUI):
        for path in sorted(root.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.FunctionDef) and _splits_into_lines(node):
                    found.append(f"{path.relative_to(root.parent)}:{node.name}")
    assert found == ["proposals/contract/part.py:paragraphs"]
