"""Git only through the store: no module outside ``src/proposals/store`` builds a git command line.

Read from the source (AST), so a new raw ``store.run("log", ...)`` in sync, integrity, the model,
the demo or the TUI fails here, and the author adds a named operation to ``store.operations``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORE = ROOT / "src" / "proposals" / "store"
# git subcommands: a call `.run("<one of these>", ...)` / `.out(...)` is a raw git command line.
GIT_COMMANDS = {
    "add", "branch", "cat-file", "check-ref-format", "checkout", "clone", "commit", "commit-tree",
    "config", "diff", "diff-tree", "fetch", "for-each-ref", "gc", "hash-object", "init",
    "interpret-trailers", "log", "ls-files", "ls-remote", "ls-tree", "merge", "merge-base", "mktag",
    "mktree", "push", "remote", "reset", "restore", "rev-list", "rev-parse", "rm", "show", "show-ref",
    "stash", "status", "switch", "symbolic-ref", "tag", "update-ref", "version",
}
PRIVATE_STORE_STATE = {"_env", "_tags", "_git_dir"}


def modules() -> list[Path]:
    found = [*(ROOT / "src").rglob("*.py"), *(ROOT / "tui").rglob("*.py")]
    return sorted(p for p in found if STORE not in p.parents)


def receiver(node: ast.expr) -> str:
    return ast.unparse(node)


def offences(source: str) -> list[str]:
    """Each raw git call in `source`, as "line: code"."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, owner = node.func.attr, receiver(node.func.value)
            first = node.args[0] if node.args else None
            git_argv = isinstance(first, ast.Constant) and first.value in GIT_COMMANDS
            if attr in ("run", "out") and ("store" in owner.lower() or git_argv):
                found.append(f"{node.lineno}: {ast.unparse(node)[:90]}")
        if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
            head = node.elts[0]
            if isinstance(head, ast.Constant) and head.value == "git" and len(node.elts) > 1:
                found.append(f"{node.lineno}: git argv {ast.unparse(node)[:90]}")
        private = isinstance(node, ast.Attribute) and node.attr in PRIVATE_STORE_STATE
        if private and "store" in receiver(node.value).lower():  # type: ignore[attr-defined]
            found.append(f"{node.lineno}: private store state {ast.unparse(node)}")
    return found


def test_no_git_command_line_outside_the_store() -> None:
    problems = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in modules()
        for line in offences(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "git command lines outside proposals.store:\n" + "\n".join(problems)


def test_the_check_sees_the_shapes_it_forbids() -> None:
    """The detector itself: each way a raw git call was written before it had a name."""
    bad = [
        'store.out("remote").split()',
        'repo.store.run("merge-base", "--is-ancestor", a, b, check=False)',
        'probe.run("rev-parse", "--show-toplevel")',
        'subprocess.run(["git", "log"])',
        "repo.store._env.update(env)",
        "self.store.out(*args)",
    ]
    for code in bad:
        assert offences(code), code
    fine = ["store.is_ancestor(a, b)", "app.run()", 'subprocess.run([soffice, "--headless"])']
    for code in fine:
        assert not offences(code), code


def test_the_git_dir_is_asked_for_in_one_place() -> None:
    """``rev-parse --absolute-git-dir`` appears once in the whole code base, in the store."""
    hits = [
        path.relative_to(ROOT)
        for path in [*(ROOT / "src").rglob("*.py"), *(ROOT / "tui").rglob("*.py")]
        if "--absolute-git-dir" in path.read_text(encoding="utf-8")
    ]
    assert hits == [Path("src/proposals/store/operations.py")], hits
