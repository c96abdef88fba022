"""No regex on user or remote text is anchored with ``$``: it accepts a trailing newline.

``re.match(r"^U-\\d+$", "U-7\\n")`` matches, so a pass number, party code or tag name with a
newline could slip past a check; ``\\Z`` (or ``fullmatch``) ends at the end. Read from the source
(AST): every ``re.compile/match/search/...`` pattern literal ending in ``$`` fails here, unless
the call says ``re.MULTILINE`` (where ``$`` means the end of each line, on purpose).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RE_FUNCS = {"compile", "match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"}


def dollar_anchored(source: str) -> list[int]:
    """Lines of `source` whose regex literal ends in an unescaped ``$``."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        if node.func.attr not in RE_FUNCS or ast.unparse(node.func.value) != "re":
            continue
        pattern = node.args[0]
        if isinstance(pattern, ast.JoinedStr) and pattern.values:
            pattern = pattern.values[-1]
        text = pattern.value if isinstance(pattern, ast.Constant) else None
        anchored = isinstance(text, str) and text.endswith("$") and not text.endswith("\\$")
        if anchored and "MULTILINE" not in ast.unparse(node):
            lines.append(node.lineno)
    return lines


def test_no_dollar_anchors_in_the_code() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted([*(ROOT / "src").rglob("*.py"), *(ROOT / "tui").rglob("*.py")])
        for line in dollar_anchored(path.read_text(encoding="utf-8"))
    ]
    assert not found, "use \\Z or fullmatch, not $:\n" + "\n".join(found)


def test_the_detector_and_why_it_matters() -> None:
    assert re.match(r"^U-\d+$", "U-7\n")  # what $ lets through
    assert not re.match(r"^U-\d+\Z", "U-7\n")
    assert dollar_anchored('re.compile(r"^[A-Z]+$")') == [1]
    assert dollar_anchored('re.match(rf"^{code}-(\\d+)$", s)') == [1]
    assert not dollar_anchored('re.compile(r"^[A-Z]+\\Z")')
    assert not dollar_anchored('re.compile(r"^x$", re.MULTILINE)')
