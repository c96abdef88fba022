"""Word's automatic numbering rendered as text, so "ARTICLE 1 –", "6.3" and "(a)" are not lost.

Legal documents rarely type their labels: a paragraph points at a list (``w:numPr``: ``numId``
and level, on the paragraph or on its style), and ``numbering.xml`` says how each level is
written (``lvlText`` such as ``ARTICLE %1 –`` or ``%1.%2``, a format, a start value). The label
exists only while Word counts, so a reader of ``w:t`` text alone loses it. This module keeps the
counters as Word does: one set per list, a level restarting when a higher level is used (unless
``lvlRestart`` says otherwise), ``startOverride`` restarting a list instance, legal numbering
(``isLgl``) writing every level in decimal.

Each number is written in its level's format (:func:`written`): decimals, letters, Roman, zero
padding, words ("One", "First"), suffixes ("1st"), enclosed numbers ("①", "⑴", "⒈"), full-width
digits and Chicago marks ("*", "†"). Words and suffixes are in the label's language, and only
English is written here: a French "Premier", a format no table here names (``japaneseCounting``)
or a number past the ones a format has (a circled 51) is read in decimals, as it always was, and
counted (:class:`Unwritten`) so that the import's notes say so. An .odt's ``style:num-format``
values are named here too (:func:`odf_format`), so both readers share one list of formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from proposals.contract.headings import NUMBER_WORDS, ORDINAL_WORDS

_ONES = NUMBER_WORDS
_TENS = ["_", "_", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY"]
# LibreOffice's zero-padded formats, by the name it gives them in ODF (style:num-format) and in
# Word's custom w:format: "01, 02, 03, ..." to "00001, 00002, 00003, ...".
_ZERO_PADDED = re.compile(r"(0+)1, \1?2, \1?3, \.\.\.")
_SCALES = ((1_000_000_000, "BILLION"), (1_000_000, "MILLION"), (1000, "THOUSAND"), (100, "HUNDRED"))
# Word's enclosed formats: (first, last, code point of first) runs of Unicode's enclosed digits.
_ENCLOSED = {
    "decimalEnclosedCircle": ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)),
    "decimalEnclosedParen": ((1, 20, 0x2474),),
    "decimalEnclosedFullstop": ((1, 20, 0x2488),),
}
_CHICAGO = "*\u2020\u2021\u00a7"  # *, †, ‡, §, then doubled: **, ††, ‡‡, §§, then tripled
# Formats written in words or with suffixes of a language: only English is written here.
BY_LANGUAGE = frozenset({"ordinal", "cardinalText", "ordinalText"})
# ODF style:num-format values LibreOffice knows, as the format names :func:`format_number` knows.
# Letters go on as LibreOffice counts them past z (aa, ab), or as Word does (aa, bb) under
# style:num-letter-sync="true"; zero-padded numbers ("01, 02, 03, ...") are named by
# :func:`zero_padded`.
_ODF_FORMATS = {
    "1": "decimal",
    "a": "lowerAlphabetic",
    "A": "upperAlphabetic",
    "i": "lowerRoman",
    "I": "upperRoman",
    "": "none",
    "1st": "ordinal",
    "One": "cardinalText",
    "First": "ordinalText",
    "\u2460, \u2461, \u2462, ...": "decimalEnclosedCircle",
    "*, \u2020, \u2021, \u00a7, **, \u2020\u2020, ...": "chicago",
}
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
    """``n`` in English words, upper case ("TWENTY-ONE", "ONE HUNDRED ONE"), as LibreOffice spells
    its "One" format (no "and"); a negative number stays in digits."""
    if n < 0:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    for size, name in _SCALES:
        if n >= size:
            high, rest = divmod(n, size)
            return f"{cardinal(high)} {name}" + (f" {cardinal(rest)}" if rest else "")
    return str(n)  # not reached


def ordinal_words(n: int) -> str:
    """``n`` as an English ordinal in words, upper case ("FIRST", "TWENTY-FIRST", "ONE HUNDREDTH")."""
    words = cardinal(n)
    if n < 0:
        return words
    head, sep, last = words.rpartition(" ")
    before, dash, unit = last.rpartition("-")
    if unit in _ONES:
        unit = ORDINAL_WORDS[_ONES.index(unit)]
    elif unit.endswith("Y"):
        unit = unit[:-1] + "IETH"
    else:
        unit += "TH"
    return head + sep + before + dash + unit


def ordinal_suffix(n: int) -> str:
    """``n`` with its English suffix: 1st, 2nd, 3rd, 4th, 11th, 21st, 112th."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def enclosed(n: int, fmt: str) -> str | None:
    """Word's enclosed numbers as Unicode has them: circled (1 to 50, as LibreOffice shows them),
    parenthesised and with a full stop (1 to 20); past those, None."""
    for first, last, start in _ENCLOSED.get(fmt, ()):
        if first <= n <= last:
            return chr(start + n - first)
    return None


def zero_padded(pattern: str) -> str | None:
    """The format of a zero-padded pattern ("001, 002, 003, ..."), which names the number rather
    than a format: Word's ``decimalZero`` for two digits, ``decimalZero3`` and on for more."""
    found = _ZERO_PADDED.fullmatch(pattern.strip())
    if found is None:
        return None
    width = len(found[1]) + 1
    return "decimalZero" if width == 2 else f"decimalZero{width}"


def english(language: str | None) -> bool:
    """Whether a language tag ("en-US", "fr-FR") is English; none given is taken as English."""
    return not language or language.lower().split("-")[0].split("_")[0] == "en"


def odf_format(num_format: str) -> str:
    """The format name of an ODF ``style:num-format`` value: a name :func:`format_number` knows
    (a zero-padded one from :func:`zero_padded`), else the value itself quoted (``num-format
    "一, 二, 三, ..."``), which it does not know: read in decimals, and named in the notes."""
    known = _ODF_FORMATS.get(num_format) or zero_padded(num_format)
    return known if known is not None else f'num-format "{num_format}"'


def written(n: int, fmt: str, language: str | None = None) -> str | None:
    """``n`` as a level of format ``fmt`` shows it, or None when this module cannot write it so: a
    format it does not know, a number past the ones a format has (a circled 51), or words and
    suffixes (:data:`BY_LANGUAGE`) of a ``language`` other than English ("fr-FR"; none: English).
    ``upperAlphabetic``/``lowerAlphabetic`` are LibreOffice's own letters (:func:`alphabetic`)."""
    if fmt in BY_LANGUAGE and not english(language):
        return None
    match fmt:
        case "decimal" | "decimalHalfWidth":
            return str(n)
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
        case "ordinalText":
            return ordinal_words(n).capitalize()
        case "ordinal":
            return ordinal_suffix(n)
        case "decimalEnclosedCircle" | "decimalEnclosedParen" | "decimalEnclosedFullstop":
            return enclosed(n, fmt)
        case "decimalFullWidth" | "decimalFullWidth2":
            return "".join(chr(0xFF10 + int(d)) for d in str(n)) if n >= 0 else None
        case "chicago":
            return _CHICAGO[(n - 1) % 4] * ((n - 1) // 4 + 1) if n > 0 else None
        case "none":
            return ""
        case _:
            return None


def format_number(n: int, fmt: str, language: str | None = None) -> str:
    """One counter in a level's format as :func:`written` writes it, else in decimals (what a
    document's reader gets for a format or language this module does not write)."""
    shown = written(n, fmt, language)
    return str(n) if shown is None else shown


@dataclass
class Unwritten:
    """The numbers read in decimals because :func:`written` could not write them as the document
    shows them, counted by format (and language), for the import's notes."""

    counts: dict[str, int] = field(default_factory=dict)
    odf: bool = False  # name formats as an .odt does (style:num-format "One"), not as a .docx

    def number(self, n: int, fmt: str, language: str | None = None) -> str:
        shown = written(n, fmt, language)
        if shown is not None:
            return shown
        if " " in fmt:  # :func:`odf_format`'s name of a value it does not know
            name = fmt
        elif self.odf:
            name = f'num-format "{next((v for v, f in _ODF_FORMATS.items() if f == fmt), fmt)}"'
        else:
            name = f"w:numFmt {fmt}"
        if fmt in BY_LANGUAGE and not english(language):
            name += f" in {language}"
        elif fmt in _ENCLOSED:
            name += f" past {max(last for _, last, _ in _ENCLOSED[fmt])}"
        self.counts[name] = self.counts.get(name, 0) + 1
        return str(n)

    def add(self, other: Unwritten) -> None:
        for name, n in other.counts.items():
            self.counts[name] = self.counts.get(name, 0) + n

    def notes(self) -> list[str]:
        """One line for the import's notes, or none."""
        if not self.counts:
            return []
        total = sum(self.counts.values())
        kinds = "; ".join(f"{name}: {n}" for name, n in self.counts.items())
        return [
            f"{total} list number{'s' if total != 1 else ''} in a format this reader does not write "
            f"({kinds}) read as 1, 2, 3: check them against the document"
        ]


@dataclass(frozen=True, slots=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this level (1-based), 0 = never
    legal: bool = False
    suffix: str = "tab"
    style: str = ""
    language: str | None = None  # w:lang of the level's own run properties (its label's language)


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
    # w:lang by paragraph style (through w:basedOn), and the document's default (w:docDefaults)
    style_language: dict[str, str] = field(default_factory=dict)
    language: str | None = None
    unwritten: Unwritten = field(default_factory=Unwritten)  # numbers read in decimals, for the notes

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
            own_language: dict[str, str] = {}
            default_style = ""
            default = styles.find(f"{self._t('docDefaults')}/{self._t('rPrDefault')}/{self._t('rPr')}")
            self.language = self._language(default)
            for style in styles.iter(self._t("style")):
                style_id = style.get(self._t("styleId"), "")
                default = style.get(self._t("default")) in ("1", "true")
                if default and style.get(self._t("type")) == "paragraph":
                    default_style = style_id
                parent = style.find(self._t("basedOn"))
                if parent is not None:
                    based[style_id] = parent.get(self._t("val"), "")
                num_pr = style.find(f"{self._t('pPr')}/{self._t('numPr')}")
                if num_pr is not None:
                    own[style_id] = self._num_pr(num_pr)
                language = self._language(style.find(self._t("rPr")))
                if language is not None:
                    own_language[style_id] = language
            for style_id in set(own) | set(based) | set(own_language):
                num_id, ilvl, seen, current = None, None, set(), style_id
                while current and current not in seen:
                    seen.add(current)
                    got_id, got_lvl = own.get(current, (None, None))
                    num_id = num_id if num_id is not None else got_id
                    ilvl = ilvl if ilvl is not None else got_lvl
                    current = based.get(current, "")
                current, seen = style_id, set()
                while current and current not in seen and current not in own_language:
                    seen.add(current)
                    current = based.get(current, "")
                if current in own_language:
                    self.style_language[style_id] = own_language[current]
                if num_id is not None:
                    if ilvl is None:  # the level that names this style (w:pStyle in w:lvl)
                        levels = self.abstract.get(self.nums.get(num_id, ""), {})
                        ilvl = next((i for i, lvl in levels.items() if lvl.style == style_id), 0)
                    self.style_numbering[style_id] = (num_id, ilvl)
            if default_style in self.style_language:  # a paragraph naming no style is in it
                self.style_language[""] = self.style_language[default_style]
        return self

    def _t(self, local: str) -> str:
        return f"{{{self.w}}}{local}"

    def _val(self, el: etree._Element | None, default: str = "") -> str:
        return default if el is None else el.get(self._t("val"), default)

    def _language(self, rpr: etree._Element | None) -> str | None:
        """The ``w:lang`` of run properties (its Latin-script ``w:val``), if they set one."""
        lang = None if rpr is None else rpr.find(self._t("lang"))
        return None if lang is None else lang.get(self._t("val")) or None

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
            language=self._language(el.find(self._t("rPr"))),
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
        # The language its words are in ("First", "Premier"): the level's own, else the
        # paragraph mark's, its style's, the document's.
        mark = None if ppr is None else self._language(ppr.find(self._t("rPr")))
        abstract_id = self.nums[num_id]
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(self.level_overrides.get(num_id, {}))
        level = levels.get(ilvl)
        if level is None:
            return ""
        language = level.language or mark or self.style_language.get(style) or self.language
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
        if level.fmt == "bullet":
            return ""  # bullets add nothing to the language (nor a number to the notes)
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
            if level.legal and fmt != "decimal" and not fmt.startswith("decimalZero"):
                fmt = "decimal"
            text = text.replace(marker, self.unwritten.number(value, fmt, language))
        if not text.strip():
            return ""  # an empty label adds nothing to the language
        return text + ("" if level.suffix == "nothing" else " ")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


__all__ = [
    "BY_LANGUAGE",
    "Level",
    "Numbering",
    "Unwritten",
    "alphabetic",
    "cardinal",
    "enclosed",
    "english",
    "format_number",
    "letters",
    "odf_format",
    "ordinal_suffix",
    "ordinal_words",
    "roman",
    "written",
    "zero_padded",
]
