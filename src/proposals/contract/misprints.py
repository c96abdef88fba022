"""Heading numbers typed with a letter for a digit: "ARTICLE l5" (a lower-case L), "ARTICLE 2O"
(a capital O), "ARTICLE I2". Typists and OCR make them; read as printed, the heading is no
heading, and its whole article goes silently into the one before. A number is read again with the
digits those letters stand for only when that gives the number the articles around it call for,
and the import says so (the heading is stored as corrected: the record's heading must parse).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from proposals.contract.headings import match_heading

# "ARTICLE l5 - BURIAL GRANT", "Article 1O": the keyword, then a number mixing digits with the
# letters that look like them (at least one of each), then the end or a non-word character
_MISPRINT_RE = re.compile(
    r"^(?P<lead>\s*(?:ARTICLE|SECTION|CLAUSE)\s+)(?P<number>(?=[0-9lIO]*\d)(?=[0-9lIO]*[lIO])[0-9lIO]{2,3})(?=\W|\Z)",
    re.IGNORECASE,
)
_KINDS = ("article", "section", "clause")
_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0"})


def corrected(texts: Sequence[str]) -> dict[int, tuple[str, str]]:
    """{index: (corrected text, note)} for each line whose heading number is misprinted and whose
    neighbours (the nearest headings of its keyword before and after, read as printed) say which
    number it is."""
    found: dict[int, tuple[str, str]] = {}
    firsts = [text.split("\n", 1)[0] for text in texts]
    candidates = {i: m for i, m in enumerate(map(_MISPRINT_RE.match, firsts)) if m is not None}
    if not candidates:  # nearly every contract: one regex a line, no heading grammar run twice
        return found
    numbers: list[tuple[int, str, int]] = []  # (index, keyword, number) of every numeric heading
    for index, first in enumerate(firsts):
        heading = None if index in candidates else match_heading(first)
        if heading is not None and heading.kind in _KINDS and heading.value.isdigit():
            numbers.append((index, heading.kind, int(heading.value)))
    for index, misprint in candidates.items():
        kind = misprint["lead"].split()[0].lower()
        value = int(misprint["number"].translate(_DIGITS))
        before = [n for i, k, n in numbers if i < index and k == kind]
        after = [n for i, k, n in numbers if i > index and k == kind]
        if (before and before[-1] == value - 1) or (after and after[0] == value + 1):
            text = texts[index]
            fixed = misprint["lead"] + str(value) + text[misprint.end():]
            shown = " ".join(text.split("\n", 1)[0].split())[:60]
            found[index] = (fixed, f"{shown!r} read as {kind.upper()} {value}: a letter printed for a digit")
    return found


__all__ = ["corrected"]
