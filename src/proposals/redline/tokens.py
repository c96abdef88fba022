"""Split contract prose into diff tokens, and give each token the key it is matched by.

Tokens are slices of the *raw* text, so joining them rebuilds the input exactly; keys are the
normalised form (NFC, optionally folded quotes/dashes/spaces) used only for matching.
Word tokens keep their trailing spaces so a redline never separates a word from its space, and
numbers, amounts and enumerators (``12.3``, ``$1,500.00``, ``on-call``, ``(a)``) stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, partial
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
# as fine-grained as the words of spaced scripts. Only BMP ranges: a class with any astral
# member is matched range by range instead of by table, which made tokenising several times
# slower; the rare astral ideographs (Extension B on) are treated as letters.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NEWLINE = r"\r?\n"
_HSPACE = r"[^\S\r\n]*(?:\r(?!\n)[^\S\r\n]*)*"
_ABBREVIATIONS = frozenset({"sec", "art", "no", "nos", "mr", "ms", "mrs", "dr", "e.g", "i.e",
                            "vs", "cf", "par", "para", "st", "inc", "ltd", "co"})
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f][\"')\]\u2019\u201d]*\s*\Z")


@cache
def _marks() -> str:
    """Combining marks (category M), which belong to the preceding letter, as a regex group.

    BMP and astral marks go in separate classes so the common BMP test stays a table lookup.
    """
    ranges: dict[bool, list[str]] = {False: [], True: []}
    start: int | None = None
    for cp in range(0x20001):
        is_mark = cp < 0x20000 and unicodedata.category(chr(cp)).startswith("M")
        if is_mark and start is None:
            start = cp
        elif not is_mark and start is not None:
            ranges[start > 0xFFFF].append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    # Astral extras: emoji skin-tone modifiers and the variation selectors supplement.
    astral = "".join(ranges[True]) + "\U0001f3fb-\U0001f3ff\U000e0100-\U000e01ef"
    return f"(?:[{''.join(ranges[False])}\u200c\u200d]|[{astral}])"


def _grapheme_tail() -> str:
    """What may follow a character in the same grapheme: marks, emoji modifiers, ZWJ sequences."""
    return rf"(?:\u200d\S?|{_marks()})*"


# The word tokenizer for ASCII text (the common case): the general pattern below with every
# class spelled out in ASCII (``\w`` is ``[0-9A-Za-z_]``, the horizontal spaces of ``\s`` are
# ``[\t\x0b\x0c\x1c-\x1f ]``), the optional currency or sign prefix as alternatives of their own
# (a plain word, by far the most common token, is then tried first, outside the group the
# rarer starts share: one branch level less per token), the line break last (no
# other alternative can start where it does), and possessive quantifiers, which never change
# what it matches (everything after them is optional) but skip the backtracking bookkeeping.
# About 40% less time than the general pattern on ASCII prose; ``tests/test_redline_golden.py``
# checks the two agree on random ASCII text.
_A_WORD = r"[0-9A-Za-z_]"
_A_HSPACE = r"[\t\x0b\x0c\x1c-\x1f ]"
_A_CORE = rf"{_A_WORD}++(?:[.,'\-/:]{_A_WORD}++)*+"
_A_TAIL = rf"{_A_HSPACE}*+(?:\r(?!\n){_A_HSPACE}*+)*+"
_ASCII_WORD = re.compile(
    rf"{_A_CORE}{_A_TAIL}"  # a plain word, outside the group of the rarer starts: one step less
    rf"|(?:[$#]{_A_CORE}|[+\-](?=\d){_A_CORE}|\([A-Za-z]{{1,4}}\)|\S){_A_TAIL}"
    rf"|(?:{_A_HSPACE}|\r(?!\n))++"
    r"|\r?\n"
)
# The same for ASCII text without a carriage return (files saved with LF line ends, the usual
# case): every ``\r`` branch above then matches nothing, so they are left out, which saves each
# token the attempt at the tail's ``\r`` group (a fifth of the tokeniser's time on the contract).
_ASCII_WORD_LF = re.compile(
    rf"{_A_CORE}{_A_HSPACE}*+"
    rf"|(?:[$#]{_A_CORE}|[+\-](?=\d){_A_CORE}|\([A-Za-z]{{1,4}}\)|\S){_A_HSPACE}*+"
    rf"|{_A_HSPACE}++"
    r"|\n"
)


@cache
def _word_pattern(graphemes: bool) -> re.Pattern[str]:
    """The word tokenizer, compiled on first use.

    ``graphemes=False`` gives ``_ASCII_WORD``, for ASCII text only: no combining marks or
    joiners, so it is faster to build (the marks class costs ~20 ms, paid only once non-ASCII
    text turns up) and to run.
    """
    if not graphemes:
        return _ASCII_WORD
    tail = _grapheme_tail()
    # Letters with their accents; ZWNJ/ZWJ sit inside Persian and Indic words. Written as runs
    # (not a per-letter group) because per-character alternation made tokenising 10x slower.
    core = rf"[^\W{_CJK}]+(?:{_marks()}+[^\W{_CJK}]*)*"
    joiner = r"[.,'\u2019\-/:]"
    word = (
        rf"(?:[$\u20ac\u00a3\u00a5\u00a7#]|[+\-](?=\d))?{core}(?:{joiner}{core})*"
        r"|\([^\W\d_]{1,4}\)"  # enumerators: (a) (iv) (B)
    )
    return re.compile(
        rf"{_NEWLINE}|(?:{word}|[{_CJK}]{tail}|[^\s]{tail}){_HSPACE}|(?:[^\S\r\n]|\r(?!\n))+"
    )


@cache
def _char_pattern() -> re.Pattern[str]:
    """One character with its grapheme tail per token (CRLF counts as one)."""
    return re.compile(rf"{_NEWLINE}|.{_grapheme_tail()}", re.DOTALL)


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
    # Folding is one code point for one, so we tokenise the folded text and slice the raw one:
    # "word—word" and "word-word" then tokenise alike.
    source = fold(text) if normalize else text
    if granularity == "char":
        pattern = _char_pattern()
    elif not text.isascii():
        pattern = _word_pattern(True)
    else:
        pattern = _ASCII_WORD if "\r" in text else _ASCII_WORD_LF
    if normalize:
        tokens = [text[m.start() : m.end()] for m in pattern.finditer(source)]
    else:
        tokens = pattern.findall(text)
    if granularity == "sentence":
        tokens = _sentences(tokens)
    return tokens


def split_space(token: str) -> tuple[str, str]:
    """A token's body and its trailing spaces (a line break is all body)."""
    if is_newline(token):
        return token, ""
    body = token.rstrip()
    return body, token[len(body):]


def key(token: str, *, normalize: bool = False) -> str:
    """The form a token is matched by: its body without trailing spaces, in NFC.

    Trailing spaces are left out so ``clinicians`` before a full stop matches ``clinicians ``
    before more words; the diff then reports only the space. ``normalize`` also folds quotes,
    dashes, no-break spaces and CRLF.
    """
    if normalize:
        if token == "\r\n":
            return "\n"
        token = fold(token)
    return unicodedata.normalize("NFC", split_space(token)[0])


def _ascii_key(token: str) -> str:
    """``key`` for ASCII text without ``normalize``: NFC changes nothing, so just the body."""
    return token if token == "\n" or token == "\r\n" else token.rstrip()


def key_function(*, normalize: bool, ascii: bool) -> Callable[[str], str]:
    """The ``key`` to match tokens by; a cheaper equivalent when both texts are ASCII."""
    return _ascii_key if ascii and not normalize else partial(key, normalize=normalize)
