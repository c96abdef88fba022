"""Word's automatic numbering rendered as text, so "ARTICLE 1 –", "6.3" and "(a)" are not lost.

Legal documents rarely type their labels: a paragraph points at a list (``w:numPr``: ``numId``
and level, on the paragraph or on its style), and ``numbering.xml`` says how each level is
written (``lvlText`` such as ``ARTICLE %1 –`` or ``%1.%2``, a format, a start value). The label
exists only while Word counts, so a reader of ``w:t`` text alone loses it. This module keeps the
counters as Word does: one set per list, a level restarting when a higher level is used (unless
``lvlRestart`` says otherwise), ``startOverride`` restarting a list instance, legal numbering
(``isLgl``) writing every level in decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from proposals.contract.headings import NUMBER_WORDS

_ONES = NUMBER_WORDS
_TENS = ["_", "_", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]
# LibreOffice's zero-padded formats, by the name it gives them in ODF (style:num-format) and in
# Word's custom w:format: "01, 02, 03, ..." to "00001, 00002, 00003, ...".
_ZERO_PADDED = re.compile(r"(0+)1, \1?2, \1?3, \.\.\.")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: A..Z, then AA..ZZ, AAA.. (the letter repeated)."""
    if n <= 0:
        return ""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def alphabetic(n: int) -> str:
    """LibreOffice's letter numbering (ODF ``style:num-format="A"`` without
    ``style:num-letter-sync``): A..Z, then AA, AB.. AZ, BA.. as columns count, not Word's AA, BB."""
    out = []
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out.append(chr(ord("A") + rest))
    return "".join(reversed(out))


def cardinal(n: int) -> str:
    if n < 20:
        return _ONES[n] if n >= 0 else str(n)
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    return str(n)


def zero_padded(pattern: str) -> str | None:
    """The format of a zero-padded pattern ("001, 002, 003, ..."), which names the number rather
    than a format: Word's ``decimalZero`` for two digits, ``decimalZero3`` and on for more."""
    found = _ZERO_PADDED.fullmatch(pattern.strip())
    if found is None:
        return None
    width = len(found[1]) + 1
    return "decimalZero" if width == 2 else f"decimalZero{width}"


def format_number(n: int, fmt: str) -> str:
    """One counter in a level's ``numFmt`` (decimal, letters, Roman, words; others as decimal);
    ``upperAlphabetic``/``lowerAlphabetic`` are LibreOffice's own letters (:func:`alphabetic`)."""
    match fmt:
        case "upperAlphabetic":
            return alphabetic(n)
        case "lowerAlphabetic":
            return alphabetic(n).lower()
        case "upperLetter":
            return letters(n)
        case "lowerLetter":
            return letters(n).lower()
        case "upperRoman":
            return roman(n)
        case "lowerRoman":
            return roman(n).lower()
        case "decimalZero":
            return f"{n:02d}"
        case _ if fmt.startswith("decimalZero") and fmt[11:].isdigit():  # :func:`zero_padded`
            return str(n).zfill(int(fmt[11:]))
        case "cardinalText":
            return cardinal(n).capitalize()
        case "ordinal":
            suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
            return f"{n}{suffix}"
        case "none":
            return ""
        case _:
            return str(n)


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this level (1-based), 0 = never
    legal: bool = False
    suffix: str = "tab"
    style: str = ""


@dataclass
class Numbering:
    """The lists of one document and their running counters."""

    w: str
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # style -> numId, ilvl
    counters: dict[str, list[int | None]] = field(default_factory=dict)  # abstractNumId -> per level
    restarted: set[tuple[str, int]] = field(default_factory=set)  # (numId, level) overrides applied

    @classmethod
    def parse(cls, numbering: etree._Element | None, styles: etree._Element | None, w: str) -> Numbering:
        self = cls(w)
        if numbering is not None:
            for abstract in numbering.iter(self._t("abstractNum")):
                self.abstract[abstract.get(self._t("abstractNumId"), "")] = {
                    lvl_id: lvl for lvl_id, lvl in (self._level(el) for el in abstract.iter(self._t("lvl")))
                }
            for num in numbering.iter(self._t("num")):
                num_id = num.get(self._t("numId"), "")
                ref = num.find(self._t("abstractNumId"))
                self.nums[num_id] = ref.get(self._t("val"), "") if ref is not None else ""
                for override in num.iter(self._t("lvlOverride")):
                    ilvl = _int(override.get(self._t("ilvl")), 0)
                    start = override.find(self._t("startOverride"))
                    if start is not None:
                        self.overrides.setdefault(num_id, {})[ilvl] = _int(start.get(self._t("val")), 1)
                    lvl = override.find(self._t("lvl"))
                    if lvl is not None:
                        self.level_overrides.setdefault(num_id, {})[ilvl] = self._level(lvl)[1]
        if styles is not None:
            based: dict[str, str] = {}
            own: dict[str, tuple[str | None, int | None]] = {}
            for style in styles.iter(self._t("style")):
                style_id = style.get(self._t("styleId"), "")
                parent = style.find(self._t("basedOn"))
                if parent is not None:
                    based[style_id] = parent.get(self._t("val"), "")
                num_pr = style.find(f"{self._t('pPr')}/{self._t('numPr')}")
                if num_pr is not None:
                    own[style_id] = self._num_pr(num_pr)
            for style_id in set(own) | set(based):
                num_id, ilvl, seen, current = None, None, set(), style_id
                while current and current not in seen:
                    seen.add(current)
                    got_id, got_lvl = own.get(current, (None, None))
                    num_id = num_id if num_id is not None else got_id
                    ilvl = ilvl if ilvl is not None else got_lvl
                    current = based.get(current, "")
                if num_id is not None:
                    if ilvl is None:  # the level that names this style (w:pStyle in w:lvl)
                        levels = self.abstract.get(self.nums.get(num_id, ""), {})
                        ilvl = next((i for i, lvl in levels.items() if lvl.style == style_id), 0)
                    self.style_numbering[style_id] = (num_id, ilvl)
        return self

    def _t(self, local: str) -> str:
        return f"{{{self.w}}}{local}"

    def _val(self, el: etree._Element | None, default: str = "") -> str:
        return default if el is None else el.get(self._t("val"), default)

    def _format(self, el: etree._Element) -> str:
        """A level's ``numFmt``. Word 2010's zero-padded formats ("001, 002, 003, ...", which
        LibreOffice also writes) are ``custom`` with a ``w:format``, inside an
        ``mc:AlternateContent`` whose fallback is plain ``decimal``: its choice comes first in
        document order, and a custom format this module cannot write yields to the fallback."""
        for num_fmt in el.iter(self._t("numFmt")):
            fmt = self._val(num_fmt, "decimal")
            if fmt != "custom":
                return fmt
            padded = zero_padded(num_fmt.get(self._t("format"), ""))
            if padded is not None:
                return padded
        return "decimal"

    def _level(self, el: etree._Element) -> tuple[int, Level]:
        restart = el.find(self._t("lvlRestart"))
        legal = el.find(self._t("isLgl"))
        return _int(el.get(self._t("ilvl")), 0), Level(
            start=_int(self._val(el.find(self._t("start")), "1"), 1),
            fmt=self._format(el),
            text=self._val(el.find(self._t("lvlText")), ""),
            restart=None if restart is None else _int(self._val(restart), 0),
            legal=legal is not None and self._val(legal, "1") not in ("0", "false"),
            suffix=self._val(el.find(self._t("suff")), "tab"),
            style=self._val(el.find(self._t("pStyle"))),
        )

    def _num_pr(self, num_pr: etree._Element) -> tuple[str | None, int | None]:
        num = num_pr.find(self._t("numId"))
        ilvl = num_pr.find(self._t("ilvl"))
        return (None if num is None else self._val(num)), (None if ilvl is None else _int(self._val(ilvl), 0))

    def label(self, ppr: etree._Element | None) -> str:
        """The label Word shows before this paragraph ("ARTICLE 6 – ", "6.3 ", "(a) "), counting it.

        Call once per paragraph in document order; an unnumbered paragraph returns "".
        """
        num_id: str | None = None
        ilvl: int | None = None
        style = ""
        if ppr is not None:
            style = self._val(ppr.find(self._t("pStyle")))
            num_pr = ppr.find(self._t("numPr"))
            if num_pr is not None:
                num_id, ilvl = self._num_pr(num_pr)
        if num_id is None or ilvl is None:
            from_style = self.style_numbering.get(style)
            if from_style is not None:
                num_id = num_id if num_id is not None else from_style[0]
                ilvl = ilvl if ilvl is not None else from_style[1]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = min(max(ilvl or 0, 0), 8)
        abstract_id = self.nums[num_id]
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(self.level_overrides.get(num_id, {}))
        level = levels.get(ilvl)
        if level is None:
            return ""
        # One set of counters per abstract list: every numId over it continues the others, as
        # Word shows them. A numId's startOverride restarts its level once, at the first
        # paragraph of that numId on that level ("Restart numbering" on 6.1 under ARTICLE 6
        # reads "6.1", and the next "6.2" in the list's own numId goes on from it); the
        # higher levels keep their count, so a restarted section never loses its article.
        counters = self.counters.get(abstract_id)
        if counters is None:
            counters = self.counters[abstract_id] = [None] * 9
        starts = self.overrides.get(num_id, {})
        current = counters[ilvl]
        if ilvl in starts and (num_id, ilvl) not in self.restarted:
            self.restarted.add((num_id, ilvl))
            counters[ilvl] = starts[ilvl]
        else:
            counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            deep = levels.get(deeper)
            restart = deep.restart if deep is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        text = level.text
        for n in range(9, 0, -1):
            marker = f"%{n}"
            if marker not in text:
                continue
            other = levels.get(n - 1)
            value = counters[n - 1]
            if value is None:
                value = other.start if other else 1
            fmt = other.fmt if other else "decimal"
            if level.legal and not fmt.startswith("decimal"):
                fmt = "decimal"
            text = text.replace(marker, format_number(value, fmt))
        if level.fmt == "bullet" or not text.strip():
            return ""  # bullets and empty labels add nothing to the language
        return text + ("" if level.suffix == "nothing" else " ")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


__all__ = ["Level", "Numbering", "alphabetic", "cardinal", "format_number", "letters", "roman", "zero_padded"]
