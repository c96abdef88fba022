"""Text shown to people with the characters that would act, rather than show, made visible.

Titles, headings, notes and party names come from teammates' files and from the other side. On a
terminal an ESC starts a control sequence and a bidi override (U+202E) makes text read backwards;
in HTML they are invisible. Every front end shows them as escapes (``\\u001b``, ``\\u202e``) so
what is on screen is what is in the record.
"""

from __future__ import annotations

import re

# C0/C1 controls but tab and newline, DEL, the Unicode line/paragraph separators and the bidi marks,
# embeddings, overrides and isolates.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same plus tab and newline: for a value shown on one line (a cell, a title).
_INVISIBLE_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every control or bidi character replaced by its ``\\uXXXX`` escape.

    Tabs and newlines are kept unless `one_line` (a table cell, a title, a list entry).
    """
    pattern = _INVISIBLE_ONE_LINE if one_line else INVISIBLE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)
