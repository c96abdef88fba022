"""Text from the record shown safely: on a terminal, in a spreadsheet, in a Markdown table.

Headings, titles, party names and signatories come from both sides of the table and from every
clone; the record keeps them exactly, and this module decides how they may be shown. A terminal
must never receive a raw escape sequence or a bidi override (shown instead as a visible ``\\x1b``
or ``\\u202e``); a spreadsheet must never read a cell as a formula (OWASP's CSV-injection rule);
a Markdown table cell must not end early at a ``|`` or a line break.
"""

from __future__ import annotations

import re

# C0/C1 controls, DEL, line/paragraph separators, bidi marks, embeddings, overrides and isolates,
# the BOM, and lone surrogates (undecodable bytes from git, which a terminal cannot even encode).
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
_UNSAFE_KEEP_LINES = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# What a command may write to a terminal or a pipe: lines, tabs and CRLF endings kept, a lone CR
# (which rewrites the line it ends) and everything in _UNSAFE shown.
_UNSAFE_IN_OUTPUT = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]|\r(?!\n)"
)
# Each pattern's ASCII characters alone: all that can match in ASCII text (most of what is shown).
_ASCII = {
    _UNSAFE: "[\x00-\x1f\x7f]",
    _UNSAFE_KEEP_LINES: "[\x00-\x08\x0b-\x1f\x7f]",
    _UNSAFE_IN_OUTPUT: "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)",
}
_COMPILED: dict[str, re.Pattern[str]] = {}


def _unsafe(pattern: str, text: str) -> re.Pattern[str]:
    """`pattern`, compiled on first use, or its ASCII part for ASCII text: a class holding the
    surrogates takes re ~2 ms to compile, which a command printing plain lines never needs."""
    source = _ASCII[pattern] if text.isascii() else pattern
    found = _COMPILED.get(source)
    if found is None:
        found = _COMPILED[source] = re.compile(source)
    return found


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def for_terminal(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every control, separator and bidi character shown as a visible escape."""
    return _unsafe(_UNSAFE_KEEP_LINES if keep_newlines else _UNSAFE, text).sub(_visible, text)


def for_output(text: str) -> str:
    """Whatever a command writes (stdout, stderr): `text` with every control, separator and bidi
    character shown as a visible escape, but line breaks (LF, CRLF) and tabs kept. The CLI passes
    all its output through this (``cli.output``), so no command can forget it."""
    return _unsafe(_UNSAFE_IN_OUTPUT, text).sub(_visible, text)


def for_json(text: str) -> str:
    """JSON text (already serialised) with each unsafe character as a JSON ``\\uXXXX`` escape:
    the same string to a JSON reader, nothing raw for a terminal."""
    return _unsafe(_UNSAFE_KEEP_LINES, text).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def for_csv(cell: str) -> str:
    """A CSV cell no spreadsheet will run: OWASP's rule, a leading ``'`` before a cell starting
    with ``=``, ``+``, ``-``, ``@``, tab or CR; control characters shown as escapes."""
    if cell.startswith(CSV_TRIGGERS):
        cell = "'" + cell
    return for_terminal(cell)


def for_markdown_cell(text: str) -> str:
    """One Markdown table cell: pipes escaped, line breaks as spaces, no raw HTML, no controls."""
    flat = " ".join(re.split(r"\r\n|[\r\n\u2028\u2029\x85]", text))
    safe = for_terminal(flat).replace("\\", "\\\\").replace("|", "\\|")
    return safe.replace("<", "&lt;").replace(">", "&gt;")
