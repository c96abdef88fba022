"""The one check for every string that becomes part of a commit, a tag, a trailer or a file name.

The record is read back by git's own parsers (trailer blocks, ref names, dates), so a value that
carries a line break, a control character or a Unicode line separator could end a trailer early
and start a forged one, split a record, or be dated by git differently from what the user typed.
Such values are refused here, in one line, before anything is written. Patterns are matched with
``fullmatch`` (never ``$``, which also accepts a trailing newline).
"""

from __future__ import annotations

import re
from datetime import date

from proposals.errors import ProposalsError

# C0 and C1 controls, DEL, the Unicode line/paragraph separators, bidi embeddings, overrides and
# isolates (they make one name display as another), the BOM, and lone surrogates (undecodable
# bytes carried through surrogateescape). Tab and newline are allowed only where a value may be
# several lines (a pass message, notes).
_FORBIDDEN = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
_FORBIDDEN_MULTILINE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
# Each class's ASCII characters alone: all it can find in ASCII text (names, dates, most messages).
_ASCII = {_FORBIDDEN: "[\x00-\x1f\x7f]", _FORBIDDEN_MULTILINE: "[\x00-\x08\x0b-\x1f\x7f]"}
_COMPILED: dict[str, re.Pattern[str]] = {}


def _forbidden(value: str, *, multiline: bool = False) -> re.Pattern[str]:
    """The class for `value`, compiled on first use: the whole one holds the surrogates, which
    re takes ~1 ms to compile at every command's start; ASCII text needs only its ASCII part."""
    whole = _FORBIDDEN_MULTILINE if multiline else _FORBIDDEN
    source = _ASCII[whole] if value.isascii() else whole
    found = _COMPILED.get(source)
    if found is None:
        found = _COMPILED[source] = re.compile(source)
    return found


_CHAR_NAMES = {
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
    "\x00": "a NUL byte",
    "\x1b": "an escape sequence",
    "\x85": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2029": "a paragraph separator (U+2029)",
}
DATE_FORMAT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# git stores dates as seconds since 1970 and its date parser refuses years past 2099
# (and reads 0001 as 2001), so only this range can be recorded as typed.
FIRST_DATE = date(1970, 1, 1)
LAST_DATE = date(2099, 12, 31)


def describe_char(char: str) -> str:
    """A character named for an error message, never printed raw (it may be the attack)."""
    if char in _CHAR_NAMES:
        return _CHAR_NAMES[char]
    return f"a control character (U+{ord(char):04X})"


def check_text(
    value: str | None,
    what: str,
    *,
    multiline: bool = False,
    max_length: int = 200,
    allow_empty: bool = False,
    fix: str = "type it again without it",
) -> str:
    """`value` without surrounding blanks, refused in one line if it cannot be recorded safely.

    One-line values (names, signatories, titles, file names) may hold no control character at
    all; multi-line values (messages, notes) may hold tabs and newlines, nothing else.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ProposalsError(f"{what} must be text")
    bad = _forbidden(value, multiline=multiline).search(value)
    if bad:
        raise ProposalsError(
            f"{what} contains {describe_char(bad.group())} at character {bad.start() + 1}; {fix}"
        )
    value = value.strip()
    if not value and not allow_empty:
        raise ProposalsError(f"{what} is empty")
    if len(value) > max_length:
        raise ProposalsError(f"{what} is {len(value)} characters long; the limit is {max_length}")
    return value


def has_control(value: str, *, multiline: bool = False) -> bool:
    """Whether `value` holds a character check_text refuses (for text read back from git)."""
    return _forbidden(value, multiline=multiline).search(value) is not None


def check_pattern(value: str | None, pattern: re.Pattern[str], what: str, hint: str) -> str:
    """`value` if the whole of it matches `pattern` (a trailing newline never slips through)."""
    if not isinstance(value, str) or pattern.fullmatch(value) is None:
        shown = value if value is None or not _forbidden(value).search(value) else ascii(value)
        raise ProposalsError(f"invalid {what} {shown!r}: {hint}")
    return value


def check_date(value: str | None, what: str = "date") -> str:
    """A calendar date as YYYY-MM-DD that git will record as typed; empty is refused."""
    if value is None or not value.strip():
        raise ProposalsError(f"{what} is empty: give a date as YYYY-MM-DD")
    if DATE_FORMAT.fullmatch(value) is None:
        shown = value if not _forbidden(value).search(value) else ascii(value)
        raise ProposalsError(f"invalid {what} {shown!r}: use YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ProposalsError(f"invalid {what} {value!r}: no such day") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise ProposalsError(
            f"invalid {what} {value!r}: git records dates from {FIRST_DATE} to {LAST_DATE} only"
        )
    return value


def date_or_today(value: str | None, what: str = "date") -> str:
    """The date given, checked; today only when none was given at all (an empty one is refused)."""
    if value is None:
        return date.today().isoformat()
    return check_date(value, what)
