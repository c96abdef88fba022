"""Split contract prose into diff tokens, and give each token the key it is matched by.

Tokens are slices of the *raw* text, so joining them rebuilds the input exactly; keys are the
normalised form (NFC, optionally folded quotes/dashes/spaces) used only for matching.
Word tokens keep their trailing spaces so a redline never separates a word from its space, and
numbers, amounts and enumerators (``12.3``, ``$1,500.00``, ``on-call``, ``(a)``) stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Literal

Granularity = Literal["word", "sentence", "char"]

# Characters folded for matching when ``normalize=True``. Every mapping is one code point to one
# code point, so the folded text has the raw text's offsets and we can tokenise it instead.
_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
        "\u2008": " ", "\u3000": " ",
    }
)

# Han ideographs and kana are written without spaces: one token per character keeps CJK diffs
# as fine-grained as the words of spaced scripts.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_NEWLINE = r"\r?\n"
_HSPACE = r"(?:[^\S\r\n]|\r(?!\n))*"
_ABBREVIATIONS = frozenset({"sec", "art", "no", "nos", "mr", "ms", "mrs", "dr", "e.g", "i.e",
                            "vs", "cf", "par", "para", "st", "inc", "ltd", "co"})
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f][\"')\]\u2019\u201d]*\s*$")


@cache
def _mark_class() -> str:
    """Combining marks (category M) as a regex class body: they belong to the preceding letter."""
    ranges: list[str] = []
    start: int | None = None
    for cp in range(0x20000):
        is_mark = unicodedata.category(chr(cp)).startswith("M")
        if is_mark and start is None:
            start = cp
        elif not is_mark and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    ranges.append("\U000e0100-\U000e01ef")  # variation selectors supplement
    return "".join(ranges)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compile the word and character patterns once, on first use (building marks costs ~20 ms)."""
    marks = _mark_class()
    # A grapheme-ish tail: combining marks, emoji modifiers, and zero-width-joiner sequences.
    ext = rf"(?:[{marks}\U0001f3fb-\U0001f3ff]|\u200d\S?)*"
    letter = rf"[^\W{_CJK}]{ext}"
    core = rf"(?:{letter})+"
    joiner = r"[.,'\u2019\-/:]"
    word = (
        rf"(?:[$\u20ac\u00a3\u00a5\u00a7#]|[+\-](?=\d))?{core}(?:{joiner}{core})*"
        rf"|\((?:[^\W\d_]{ext}){{1,4}}\)"  # enumerators: (a) (iv) (B)
    )
    cjk = rf"[{_CJK}]{ext}"
    symbol = rf"[^\s]{ext}"
    word_re = re.compile(
        rf"{_NEWLINE}|(?:{word}|{cjk}|{symbol}){_HSPACE}|(?:[^\S\r\n]|\r(?!\n))+"
    )
    char_re = re.compile(rf"{_NEWLINE}|.{ext}", re.DOTALL)
    return word_re, char_re


def fold(text: str) -> str:
    """Fold curly quotes, dash variants and no-break spaces to ASCII, keeping every offset."""
    return text.translate(_FOLD)


def is_newline(token: str) -> bool:
    """A paragraph break: article files hold one paragraph per line."""
    return token == "\n" or token == "\r\n"


def _ends_sentence(token: str) -> bool:
    """Whether a word token closes a sentence (``shall.`` then a space), skipping abbreviations."""
    if not _SENTENCE_END.search(token):
        return False
    stem = token.strip().rstrip("\"')]\u2019\u201d").rstrip(".!?").lower()
    return stem not in _ABBREVIATIONS


def _sentences(words: list[str]) -> list[str]:
    """Group word tokens into sentences, each keeping its trailing spaces; newlines stand alone."""
    out: list[str] = []
    current: list[str] = []
    for index, token in enumerate(words):
        if is_newline(token):
            if current:
                out.append("".join(current))
                current = []
            out.append(token)
            continue
        current.append(token)
        # "." is a token of its own after a word, so look at it together with what precedes it.
        if _ends_sentence(token) and (
            token[-1:].isspace() or index + 1 == len(words) or is_newline(words[index + 1])
        ):
            previous = current[-2].strip().lower() if len(current) > 1 else ""
            if token.strip().startswith(".") and previous in _ABBREVIATIONS:
                continue
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def split(text: str, granularity: Granularity = "word", *, normalize: bool = False) -> list[str]:
    """Cut ``text`` into raw tokens whose concatenation is exactly ``text``."""
    if not text:
        return []
    word_re, char_re = _patterns()
    # Folding is one code point for one, so we tokenise the folded text and slice the raw one:
    # "word—word" and "word-word" then tokenise alike.
    source = fold(text) if normalize else text
    pattern = char_re if granularity == "char" else word_re
    tokens = [text[m.start() : m.end()] for m in pattern.finditer(source)]
    if granularity == "sentence":
        tokens = _sentences(tokens)
    return tokens


def key(token: str, *, normalize: bool = False) -> str:
    """The form a token is matched by: NFC; with ``normalize`` also folded quotes, dashes, CRLF."""
    if normalize:
        if token == "\r\n":
            return "\n"
        token = fold(token)
    return unicodedata.normalize("NFC", token)
