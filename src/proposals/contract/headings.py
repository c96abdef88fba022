"""The heading grammar of a contract's parts: the one place that decides what a heading is.

A contract is a preamble, numbered articles, appendices (schedules, exhibits: wage tables) and
letters (letters of agreement, memoranda of understanding, side letters). Every reader (.docx,
PDF, plain text, article files) and writer asks this module, so ``ARTICLE VI`` read from Word is
the same heading when it is recorded, redlined and compiled.

Headings as contracts write them: ``ARTICLE 6: STAFFING``, ``Article 6 - Staffing``, ``ARTICLE 6 –
STAFFING``, ``ARTICLE 6.`` or ``ARTICLE VI`` or ``ARTICLE SIX`` with the title on the next line
(and ``ARTICLE 1st``, ``ARTICLE FIRST``: the ordinals list numbering writes), ``PREAMBLE``,
``APPENDIX A``, ``Schedule "A"``, ``SCHEDULE 1 - WAGES``, ``LETTER OF AGREEMENT #3``,
``MEMORANDUM OF UNDERSTANDING RE: ...``, ``SIDE LETTER``. A keyword in capitals is always a heading;
in mixed case only when it cannot be a sentence (a separator and a short title without a verb, or
the keyword and number alone), so "Article 12 of this Agreement shall..." stays body text.

Not every contract calls its numbered parts articles. The *style* says which heading starts one:
``article`` (``ARTICLE 6``; a ``Section 6.1`` is then a section inside it), ``clause``
(``CLAUSE 6 - STAFFING``, ``Clause 6. Staffing``: UK, Irish and Australian agreements; ``Clause
6.1`` stays a sub-clause), ``section`` (``SECTION 6 STAFFING``, ``Section 6. Staffing``: contracts
with no ARTICLE word; ``Section 6.1`` stays a section) or ``numbered`` (``6. STAFFING``, a number
and a title in capitals alone on a line, never ``6. The Employer shall...``). :func:`detect_style`
picks it from the lines of a whole contract; ``baseline --as`` overrides it. Preambles,
appendices and letters read the same in all. A ``PART A - GENERAL`` line grouping the clauses
after it is a division, not a part (:func:`division_heading`): the splitter gives it to each part
after it, so compile, the Word export and the site show it again above the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["preamble", "article", "appendix", "letter"]
KINDS: tuple[Kind, ...] = ("preamble", "article", "appendix", "letter")
Style = Literal["article", "clause", "section", "numbered"]
STYLES: tuple[Style, ...] = ("article", "clause", "section", "numbered")
# The keyword that starts a numbered part in each style ("" for "1. TITLE").
STYLE_KEYWORDS: dict[Style, str] = {
    "article": "ARTICLE",
    "clause": "CLAUSE",
    "section": "SECTION",
    "numbered": "",
}
# Keywords that name a numbered part outright (a cross reference aside), in any style: the
# others ("SECTION 6", "6. TITLE") are weaker evidence and yield to the numbers around them.
STRONG_KEYWORDS = frozenset({"ARTICLE", "CLAUSE"})


class _Lazy:
    """A pattern of the grammar, compiled on its first match: a pass reads one heading (two or
    three patterns), so the rest (~6 ms of every command's start to compile) wait for a contract.
    The first match puts the compiled pattern in this module's globals in its place, so the
    loops that read thousands of lines call ``re.Pattern.match`` directly after it."""

    __slots__ = ("_flags", "_name", "_pattern")

    def __init__(self, name: str, pattern: str, flags: int = 0) -> None:
        self._name, self._pattern, self._flags = name, pattern, flags

    def match(self, text: str) -> re.Match[str] | None:
        compiled = globals()[self._name] = re.compile(self._pattern, self._flags)
        return compiled.match(text)


NUMBER_WORDS = [  # also how word/numbering.py spells Word's "cardinalText" numbers
    "ZERO",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
    "FIFTEEN",
    "SIXTEEN",
    "SEVENTEEN",
    "EIGHTEEN",
    "NINETEEN",
]
# "FIRST" .. "NINETEENTH": how word/numbering.py spells Word's "ordinalText" numbers (LibreOffice's
# "First"), read back here as numbers: "ARTICLE FIRST" is article 1.
_IRREGULAR_ORDINALS = {"ZERO": "ZEROTH", "ONE": "FIRST", "TWO": "SECOND", "THREE": "THIRD", "FIVE": "FIFTH",
                       "EIGHT": "EIGHTH", "NINE": "NINTH", "TWELVE": "TWELFTH"}  # fmt: skip
ORDINAL_WORDS = [_IRREGULAR_ORDINALS.get(word, word + "TH") for word in NUMBER_WORDS]
_TENS = {"TWENTY": 20, "THIRTY": 30, "FORTY": 40, "FIFTY": 50, "SIXTY": 60, "SEVENTY": 70}
_TENS_ORDINALS = {word[:-1] + "IETH": word for word in _TENS}  # "TWENTIETH": "TWENTY"
_CARDINAL_OF = dict(zip(ORDINAL_WORDS, NUMBER_WORDS, strict=True)) | _TENS_ORDINALS
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# ":", ".", an em or en dash, a hyphen, and the dashes Word and LibreOffice type instead: a
# non-breaking hyphen (w:noBreakHyphen, U+2011, keeping "ARTICLE 6 -" on one line), the
# Unicode hyphen, figure dash, horizontal bar and minus sign
_SEP = r"[:.\u2014\u2013\-\u2010\u2011\u2012\u2015\u2212]"
_NUMBER_WORD = (
    r"(?:(?:TWENTY|THIRTY|FORTY|FIFTY|SIXTY|SEVENTY)(?:[\s-](?:"
    + "|".join(NUMBER_WORDS[1:10])
    + r"))?|"
    + "|".join(sorted(NUMBER_WORDS[1:], key=len, reverse=True))
    + ")"
)
# "1st", "22nd", "FIRST", "TWENTY-FIRST", "TWENTIETH": ordinal numbers (Word's "ordinal" and
# "ordinalText" list formats, LibreOffice's "1st" and "First"), tried before the cardinals.
_ORDINAL = (
    r"\d+(?:ST|ND|RD|TH)\b|(?:(?:" + "|".join(_TENS) + r")[\s-](?:" + "|".join(ORDINAL_WORDS[1:10]) + r")|"
    + "|".join(sorted([*ORDINAL_WORDS[1:], *_TENS_ORDINALS], key=len, reverse=True))
    + r")\b"
)
_NUMBER_WORD = _ORDINAL + "|" + _NUMBER_WORD
_ARTICLE_NUMBER = r"\d+(?:ST|ND|RD|TH)\b|\d+[A-Z]?(?:\.\d+)?|[IVXLC]+\b|(?:" + _NUMBER_WORD + r")\b"
# An appendix is numbered A, A-1, 1 to 99, 2.1 or IV: never "Schedule 183 Day" (a wage table's
# header: a number of days) nor "Appendix 2019-2020" (a year), which are no appendix's number.
_APPENDIX_ID = r"[A-Z]\b(?:-?\d+)?|\d{1,2}(?!\d)[A-Z]?(?:\.\d+)?|[IVXLC]+\b"
_QUOTE = "[\"'\u201c\u201d\u2018\u2019]"  # Schedule "A", APPENDIX \u201cB\u201d
# French (Quebec, federal and New Brunswick agreements): "LETTRE D'ENTENTE NO 1", "PROTOCOLE
# D'ACCORD", "ANNEXE A"; the apostrophe straight or curly, as Word types it.
_LETTER_KEYWORDS = (
    r"LETTER\s+OF\s+(?:AGREEMENT|UNDERSTANDING|INTENT)|MEMORANDUM\s+OF\s+(?:AGREEMENT|UNDERSTANDING)"
    r"|MOU|MOA|LOA|LOU|SIDE\s+LETTER(?:\s+OF\s+AGREEMENT)?|SETTLEMENT\s+AGREEMENT"
    r"|LETTRE\s+D['\u2019]\s?(?:ENTENTE|INTENTION)|PROTOCOLE\s+D['\u2019]\s?(?:ENTENTE|ACCORD)"
)

_ARTICLE_RE = _Lazy(
    "_ARTICLE_RE",
    rf"^\s*(?P<kw>ARTICLE|ART[IÍ]CULO)\s+(?P<number>{_ARTICLE_NUMBER})\s*(?P<sep>{_SEP})?\s*(?P<title>.*?)\s*\Z",
    re.IGNORECASE,
)
_APPENDIX_RE = _Lazy(
    "_APPENDIX_RE",
    rf"^\s*(?P<kw>APPENDIX|SCHEDULE|EXHIBIT|ATTACHMENT|ADDENDUM|ANNEXE|ANNEX|ANEXO)"
    rf"(?:\s+(?:N[o\u00ba\u00b0]\.?\s*|#\s*)?(?P<q>{_QUOTE})?(?P<number>{_APPENDIX_ID})(?(q){_QUOTE}))?"
    rf"\s*(?P<sep>{_SEP})?\s*(?P<title>.*?)\s*\Z",
    re.IGNORECASE,
)
_LETTER_RE = _Lazy(
    "_LETTER_RE",
    rf"^\s*(?P<kw>{_LETTER_KEYWORDS})(?:\s*(?:N[o\u00ba\u00b0]\.?\s*|#\s*)(?P<number>\d+[A-Z]?)|\s+(?P<bare>\d+[A-Z]?)\b)?"
    rf"\s*(?P<sep>{_SEP}|\bRE\s*:|\bREGARDING\b)?\s*(?P<title>.*?)\s*\Z",
    re.IGNORECASE,
)
# "SECTION 6 STAFFING", "Section 6. Staffing", "\u00a7 6 Staffing" (US public-sector and German
# agreements): a part in the section style; "Section 6.1" and "\u00a7 6.1" never are.
_SECTION_RE = _Lazy(
    "_SECTION_RE",
    rf"^\s*(?P<kw>SECTION(?=\s)|\u00a7(?!\u00a7))\s*(?P<number>\d+(?:ST|ND|RD|TH)\b|\d+[A-Z]?(?![.\d]*\d)|[IVXLC]+\b|(?:{_NUMBER_WORD})\b)"
    rf"\s*(?P<sep>{_SEP})?\s*(?P<title>.*?)\s*\Z",
    re.IGNORECASE,
)
# "CLAUSE 1 - TITLE", "Clause 3. Hours of Work": a part in the clause style (UK, Irish, Australian
# agreements); "Clause 3.1" is a sub-clause inside it, never a part.
_CLAUSE_RE = _Lazy(
    "_CLAUSE_RE",
    rf"^\s*(?P<kw>CLAUSE)\s+(?P<number>\d+(?:ST|ND|RD|TH)\b|\d+[A-Z]?(?![.\d]*\d)|[IVXLC]+\b|(?:{_NUMBER_WORD})\b)"
    rf"\s*(?P<sep>{_SEP})?\s*(?P<title>.*?)\s*\Z",
    re.IGNORECASE,
)
# "PART A - GENERAL", "Part 2 — Consultation", "PART ONE: ECONOMIC PROVISIONS", "DIVISION 3",
# "CHAPTER II", "PART B WAGES AND HOURS": a division grouping the parts after it, not a part.
_DIVISION_RE = _Lazy(
    "_DIVISION_RE",
    rf"^\s*(?P<kw>PART|DIVISION|CHAPTER|CAP[IÍ]TULO|T[IÍ]TULO)\s+(?P<number>[A-Z]\b|\d+(?:ST|ND|RD|TH)?\b|[IVXLC]+\b|(?:{_NUMBER_WORD})\b)"
    rf"\s*(?P<sep>{_SEP})?\s*(?P<title>.*?)\s*\Z",
    re.IGNORECASE,
)
# "1. RECOGNITION", "2)  MANAGEMENT RIGHTS", "1.0 RECOGNITION" (sections 1.1, 1.2 under it) or
# "3 UNION SECURITY": a part in the numbered style (title in capitals); never "6.1 Purpose".
_NUMBERED_RE = _Lazy(
    "_NUMBERED_RE", r"^\s*(?P<number>\d{1,3})(?P<zero>\.0)?(?P<sep>[.)])?\s+(?P<title>\S.*?)\s*\Z"
)
_PREAMBLE_RE = _Lazy(
    "_PREAMBLE_RE", r"^\s*(?P<kw>PREAMBLE|RECITALS)\s*(?P<sep>[:.])?\s*(?P<title>.*?)\s*\Z", re.IGNORECASE
)
# Spanish agreements (the BOE's "Artículo 1. Ámbito territorial.", "CAPÍTULO II", "ANEXO I")
# end a heading's title with a full stop: no sentence for all that.
SPANISH_KEYWORDS = {"ARTÍCULO", "ARTICULO", "ANEXO"}
_KIND_WORD = {
    "preamble": "PREAMBLE",
    "article": "ARTICLE",
    "appendix": "APPENDIX",
    "letter": "LETTER OF AGREEMENT",
}
MAX_TITLE_WORDS = 14
# "ARTICLE 12 SHALL APPLY": words that make a line without a separator a sentence.
_VERBS = {
    "SHALL", "WILL", "MAY", "MUST", "IS", "ARE", "BE", "APPLY", "APPLIES", "SHOWS", "LISTS",
    "HAS", "HAVE", "WAS", "WERE", "CAN", "SHOULD", "WOULD", "PROVIDES", "SETS", "STATES",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """A heading line as read: its kind, the number as written ("6", "VI", "A") and title.

    ``keyword`` is the word that introduced it (``SCHEDULE``, ``SIDE LETTER``), kept so a writer
    can say it the way the contract does.
    """

    kind: Kind
    number: str
    title: str
    keyword: str = ""

    @property
    def value(self) -> str:
        """The number for matching across documents: "VI", "SIX" and "6" are all "6"."""
        return arabic(self.number)


def arabic(number: str) -> str:
    """ "VI" → "6", "SIX" → "6", "twenty-one" → "21"; anything else unchanged (upper-cased).

    A single letter (appendix "C", "D") stays a letter: a Roman reading would make appendix C
    equal appendix 100.
    """
    upper = number.strip().upper()
    if not upper:
        return ""
    if (len(upper) > 1 and all(c in _ROMAN for c in upper)) or upper in ("I", "V", "X"):
        total = 0
        for i, c in enumerate(upper):
            value = _ROMAN[c]
            total += -value if i + 1 < len(upper) and _ROMAN[upper[i + 1]] > value else value
        return str(total)
    ordinal = re.fullmatch(r"(\d+)(?:ST|ND|RD|TH)", upper)
    if ordinal:
        return ordinal[1]
    words = re.split(r"[\s-]+", upper)
    if words[-1] in _CARDINAL_OF:  # "TWENTY-FIRST" as "TWENTY-ONE"
        words[-1] = _CARDINAL_OF[words[-1]]
        upper = " ".join(words)
    if words[0] in _TENS and all(w in NUMBER_WORDS for w in words[1:]) and len(words) <= 2:
        return str(_TENS[words[0]] + (NUMBER_WORDS.index(words[1]) if len(words) == 2 else 0))
    if len(words) == 1 and upper in NUMBER_WORDS:
        return str(NUMBER_WORDS.index(upper))
    return upper


# "Shift Differential. Employees assigned to a shift...": a run-in title, then its sentence.
_RUN_IN_RE = _Lazy("_RUN_IN_RE", r"^\S+(?:\s+\S+)+?\.\s+\S+(?:\s+\S+){3}")


def _sentence_like(title: str) -> bool:
    """A 'title' that reads as prose: too long, a sentence ending in a full stop, or a run-in
    title with the paragraph's sentence after it ("Section 4. Shift Differential. Employees
    assigned to a shift of which ... falls between", a line of a wrapped section)."""
    words = title.split()
    return (
        len(words) > MAX_TITLE_WORDS
        or (title.endswith(".") and len(words) > 3 and not _ABBREVIATED_TITLE.search(title))
        or title.endswith(",")
        or _RUN_IN_RE.match(title) is not None
    )


def match_heading(line: str, *, heading_style: bool = False, style: Style = "article") -> HeadingMatch | None:
    """The heading this one line is, or None when it is body text.

    ``heading_style``: Word styles the paragraph as a heading, so mixed case is trusted too.
    ``style``: which heading starts a numbered part (see the module docstring); ``ARTICLE 6``
    is one in every style.
    """
    if not line or len(line) > 300:
        return None
    text = _unmarked(line.replace("\u00a0", " ").replace("\t", " "))
    if style == "numbered":
        numbered = _numbered(text, heading_style)
        if numbered is not None:
            return numbered
    for kind, regex in (
        ("preamble", _PREAMBLE_RE),
        ("article", _ARTICLE_RE),
        ("article", _CLAUSE_RE if style == "clause" else None),
        ("article", _SECTION_RE if style == "section" else None),
        ("letter", _LETTER_RE),
        ("appendix", _APPENDIX_RE),
    ):
        if regex is None:
            continue
        match = regex.match(text)
        if match is None:
            continue
        keyword = " ".join(match["kw"].split())
        if keyword == "\u00a7":  # "\u00a7 3 Hours of Work": the section sign is the word SECTION
            keyword = "Section"
        if not keyword[:1].isupper():
            return None  # "schedule. Advance notice..." is a sentence that wrapped, never a heading
        capitals = keyword.isupper()
        if keyword.upper() == "SETTLEMENT AGREEMENT" and not capitals:
            return None  # "Settlement agreement" in a sentence; a letter only when set in capitals
        number = (match.groupdict().get("number") or match.groupdict().get("bare") or "").strip()
        title = match["title"].strip()
        sep = match["sep"]
        if keyword.upper() in SPANISH_KEYWORDS and title.endswith(".") and ". " not in title:
            title = title[:-1].rstrip()  # "Artículo 5. Comisión de ... del convenio.": set so in Spain
        if not sep and len(title) > 2 and title[0] == "(" and title[-1] == ")" and "(" not in title[1:]:
            title, sep = title[1:-1].strip(), "("  # "Article 12 (Wages)": the title in brackets
        if kind == "appendix" and not number and not (capitals and (not title or title.isupper())):
            return None  # "Schedule. Advance notice" or "Exhibit: see below": no number, not set as a heading
        if kind == "preamble" and title and not sep:
            return None  # "Preamble text goes on..." without a colon is prose
        if kind == "article" and not number:
            return None
        if (
            title
            and _sentence_like(title)
            and not _memorandum_title(kind, number, sep, title)
            and not (heading_style and _styled_long_title(number, sep, title))
        ):
            return None
        if title and not sep:
            # "ARTICLE 12 SHALL APPLY" or "Appendix A shows": no separator, so a sentence
            # unless it is set like a heading (all capitals, or a Word heading style).
            if not (
                heading_style
                or (capitals and title.isupper() and not _VERBS & set(title.split()))
                or (number and _title_case(title))
            ):
                return None
            if kind == "appendix" and not number:
                return None
        if not capitals and not heading_style:
            # Mixed case: a heading only when it is the keyword and number alone, or has a
            # separator and a title set in title case or capitals, not a sentence ("Article
            # 12. The Union shall...", a cross reference wrapped onto a new line).
            if (
                title
                and not (sep and (title.isupper() or title[:1].isupper()))
                and not _title_case(title)
                and not (sep == ":" and _colon_title(title))
            ):
                return None
            if title and _VERBS & {w.strip(",;").upper() for w in title.split()}:
                return None
            if kind == "appendix" and not number and not title:
                return None
        return HeadingMatch(kind, number.upper(), title, keyword.upper())
    return None


_NOT_FIRST = {
    "THE",
    "A",
    "AN",
    "THIS",
    "THAT",
    "EACH",
    "ANY",
    "ALL",
    "SUCH",
    "NO",
    "AND",
    "OR",
    "OF",
    "IN",
    "TO",
}


def _title_case(title: str) -> bool:
    """ "Grievance Procedure", "Hours of Work": a short title with every word capitalised but the
    small ones, no verb, not starting like a sentence ("The Employer"), no closing punctuation."""
    words = title.split()
    if not words or len(words) > 8 or title.endswith((".", ",", ";", ":")):
        return False
    if words[0].upper() in _NOT_FIRST or _VERBS & {w.upper() for w in words}:
        return False
    return (
        all(w[:1].isupper() or w in _SMALL or not w[:1].isalpha() for w in words) and words[0][:1].isupper()
    )


MEMORANDUM_TITLE_WORDS = 30  # "Appendix D: Memorandum of understanding between ... language": 22


def _memorandum_title(kind: str, number: str, sep: str | None, title: str) -> bool:
    """A numbered appendix or letter with a colon may carry a memorandum's whole name ("Appendix
    D: Memorandum of understanding between the Treasury Board of Canada and the ... Association
    with respect to gender-inclusive language"): longer than a title, still no sentence."""
    words = title.split()
    return (
        kind in ("appendix", "letter")
        and bool(number)
        and sep == ":"
        and len(words) <= MEMORANDUM_TITLE_WORDS
        and not title.endswith((".", ",", ";"))
        and not _VERBS & {w.strip(",;:").upper() for w in words}
    )


def _styled_long_title(number: str, sep: str | None, title: str) -> bool:
    """A numbered heading Word styles as one, with a separator, may carry a long title ("Article
    25: Termination of Appointment for Financial Emergency or Due to Program Redundancy, Not
    Applicable to Members Holding Term Appointments or Sessional Lecturer Appointments", 23
    words): set in title case, no verb, no full stop, it is no sentence."""
    words = title.split()
    capitalised = sum(1 for w in words if w[:1].isupper())
    return (
        bool(number)
        and bool(sep)
        and len(words) <= MEMORANDUM_TITLE_WORDS
        and capitalised * 2 >= len(words)
        and not title.endswith((".", ",", ";"))
        and not _VERBS & {w.strip(",;:").upper() for w in words}
    )


COLON_TITLE_WORDS = 10  # "notice to amend or renew the collective agreement": 8
_CHANGE_MARK_RE = _Lazy("_CHANGE_MARK_RE", r"^\s*\*{1,3}\s*(?=[A-Za-z])")


def _unmarked(text: str) -> str:
    """A heading without the asterisks that flag it as changed since the last agreement
    ("**Article 13: other types of leave", the Government of Canada's mark)."""
    marked = _CHANGE_MARK_RE.match(text)
    return text[marked.end() :] if marked else text


def _colon_title(title: str) -> bool:
    """ "Article 1: purpose of agreement", "Part II: working conditions": the Government of
    Canada's agreements set each title in sentence case after a colon. A short phrase after the
    colon, no verb (checked by the caller), not a sentence's end or a list's comma."""
    words = title.split()
    return 0 < len(words) <= COLON_TITLE_WORDS and title[:1].isalpha() and not title.endswith((",", ";", ":"))


def _numbered(text: str, heading_style: bool) -> HeadingMatch | None:
    """ "1. RECOGNITION", "1.0 RECOGNITION" or "1 RECOGNITION" as an article heading: a number
    (with a full stop, a bracket, ".0" or nothing), and a short title in capitals (any case in
    a Word heading style) that is not a sentence."""
    match = _NUMBERED_RE.match(text)
    if match is None:
        return None
    title = match["title"]
    words = title.split()
    if len(words) > MAX_TITLE_WORDS or title.endswith((",", ";")) or _sentence_like(title):
        return None
    if not any(c.isalpha() for c in title) or _VERBS & {w.strip(",;.").upper() for w in words}:
        return None
    if not (
        title.isupper()
        or (heading_style and title[:1].isupper())
        or (match["zero"] and _title_case(title))  # "1.0 Recognition": no sentence starts so
    ):
        return None
    if not match["sep"] and not match["zero"] and (len(words) > 8 or any(c.isdigit() for c in title)):
        return None  # "3 UNION SECURITY" but never "40 HOURS 1,040.00" from a table
    return HeadingMatch("article", match["number"], title.rstrip("."), "")


def _laid_out_title(text: str) -> tuple[int, str] | None:
    """ "1. Title and commencement": a number with a full stop or bracket and a short title in
    sentence or title case that is not a sentence (no verb, no closing full stop, not "The ...");
    the number and title, or None."""
    match = _NUMBERED_RE.match(text.replace("\u00a0", " ").replace("\t", " "))
    if match is None or not (match["sep"] or match["zero"]):
        return None
    title = match["title"]
    words = title.split()
    if (
        not title[:1].isupper()
        or len(words) > MAX_TITLE_WORDS
        or title.endswith((".", ",", ";", ":"))
        or _sentence_like(title)
        or words[0].upper() in _NOT_FIRST
        or _VERBS & {w.strip(",;.()").upper() for w in words}
        or any(c.isdigit() for c in title)
    ):
        return None
    return int(match["number"]), title


def numbered_by_layout(lines: list[str]) -> set[int]:
    """Which lines are mixed-case numbered headings ("1. Title and commencement", "2. Definitions")
    by where they stand, as Australian, New Zealand and Irish agreements set them without a Word
    heading style: a short title line (:func:`_laid_out_title`) whose next paragraph is a
    sub-clause of the same number ("1.1 This Agreement..."), and whose number follows the last
    numbered heading (1, or one or two after it). "1. The Employer shall..." (a sentence) and
    "1. Nine day fortnight" in a list under clause 8 never are; nor anything after the first
    appendix or letter (a schedule numbers its own paragraphs). A title line in sequence with no
    sub-clause under it ("4. Redundancy", its text unnumbered) is one too when it stands between
    headings found so that number one less and one more ("1. Title" before a "2." found so).
    Each index in the set is to be read as if styled a heading."""
    out: set[int] = set()
    bare: list[tuple[int, int]] = []  # in sequence, but no sub-clause follows
    plain_at: dict[int, int] = {}  # "6. ALLOWANCES": numbered headings the grammar reads alone
    last: int | None = None
    for index, line in enumerate(lines):
        first = line.split("\n", 1)[0]
        plain = match_heading(first, style="numbered")
        if plain is not None and plain.kind in ("appendix", "letter"):
            break
        if plain is not None and plain.kind == "article" and plain.value.isdigit():
            last = int(plain.value)
            if not plain.keyword:
                plain_at[index] = last
            continue
        found = _laid_out_title(first)
        if found is None or "\n" in line.strip():
            continue
        number, _title = found
        if number - (last or 0) not in (1, 2):
            continue
        after = next((t for t in lines[index + 1 :] if t.strip()), "")
        if re.match(rf"\s*(?:Clause\s+|CLAUSE\s+)?{number}\.\d{{1,3}}(?:\.\d{{1,3}})*\.?(?:\s|\Z)", after):
            out.add(index)
            last = number
        else:
            bare.append((index, number))

    # "4. Redundancy" with its text unnumbered under it: a heading when it stands between
    # headings 3 and 5 found so, and the line after it is not another numbered title (a list)
    def number_at(i: int) -> tuple[int, str] | None:
        if i in plain_at:
            return plain_at[i], ""
        return _laid_out_title(lines[i].split("\n", 1)[0])

    for index, number in bare:
        # its neighbours found so, or read as "6. ALLOWANCES" / "8. PUBLIC HOLIDAYS" by the
        # grammar: "7. Hours of work" between them is the one heading typed in mixed case
        before = max((i for i in (*out, *plain_at) if i < index), default=None)
        after_index = min((i for i in (*out, *plain_at) if i > index), default=None)
        if after_index is None or (before is None and number != 1):
            continue
        numbers = (number_at(before) if before is not None else (0, ""), number_at(after_index))
        following = next((t for t in lines[index + 1 :] if t.strip()), "")
        if (
            numbers[0] is not None
            and numbers[1] is not None
            and numbers[0][0] == number - 1
            and numbers[1][0] == number + 1
            and _laid_out_title(following) is None
            and not re.match(r"\s*\d+[.)]\s", following)
        ):
            out.add(index)
    return out


# "1.01 The Employer...", "3.1", "Clause 12.2": the first clause under a part title, its number N.x
_CLAUSE_UNDER_RE = re.compile(r"\s*(?:Clause\s+|CLAUSE\s+)?(\d{1,3})\.\d{1,3}(?:\.\d{1,3})*\.?(?:\s|\Z)")


def titles_over_clauses(lines: list[str]) -> dict[int, int]:
    """Part titles with no number of their own, and the number each takes from the clauses under
    it: "RECOGNITION" over "1.01 The Employer recognizes...", "Hours of Work" over "3.1 ...", as
    agreements that number only their clauses set them. A title line (:func:`title_from_next_line`:
    short, capitals or title case, no full stop) whose next paragraph is a clause numbered N.x,
    N above the last title's (so a sub-heading over 12.05 inside article 12 is not one), and not
    under a heading already (the title of "ARTICLE 6" on its own line); nothing after the first
    appendix or letter. Index of the line -> N. ``baseline --as titled`` reads them as articles."""
    out: dict[int, int] = {}
    last = 0
    before = ""  # the last non-blank line
    for index, line in enumerate(lines):
        first = line.split("\n", 1)[0]
        if not first.strip():
            continue
        head = match_heading(first)
        if head is not None and head.kind in ("appendix", "letter"):
            break
        previous, before = before, first
        if "\n" in line.strip() or title_from_next_line(first) is None:
            continue
        if any(match_heading(previous, style=style) is not None for style in STYLES):
            continue
        after = next((t for t in lines[index + 1 :] if t.strip()), "")
        found = _CLAUSE_UNDER_RE.match(after)
        if found is None or int(found[1]) <= last:
            continue
        out[index] = last = int(found[1])
    return out


def detect_style(lines: Iterable[str | tuple[str, bool]]) -> Style:
    """Which heading starts a numbered part in this contract: ``clause`` (``CLAUSE 1 - TITLE``)
    when CLAUSE headings carry more different numbers than ARTICLE ones (a "Clause 1" under
    each article restarts, so it never does); ``article`` when any ARTICLE heading is found;
    else, of ``section`` and ``numbered`` ("1. RECOGNITION"), the one whose headings carry the
    most different numbers, at least two (a tie goes to SECTION); ``article`` otherwise.
    A line may come with whether Word styles it as a heading (``(text, True)``)."""
    found: dict[Style, set[str]] = {s: set() for s in STYLES}
    for item in lines:
        line, styled = (item, False) if isinstance(item, str) else item
        for style in STYLES:
            head = match_heading(line, heading_style=styled, style=style)
            if head is not None and head.kind == "article" and head.keyword == STYLE_KEYWORDS[style]:
                found[style].add(head.value)
    if len(found["clause"]) >= 2 and len(found["clause"]) > len(found["article"]):
        return "clause"  # a UK agreement quoting "ARTICLE 8" of a treaty on a line of its own
    if found["article"]:
        return "article"
    best = max(STYLES[1:], key=lambda s: (len(found[s]), -STYLES.index(s)))
    return best if len(found[best]) >= 2 else "article"


def style_candidates(lines: Iterable[str]) -> dict[Style, list[str]]:
    """For an error message: the lines each style would take for a numbered part heading."""
    out: dict[Style, list[str]] = {s: [] for s in STYLES}
    for line in lines:
        for style, keyword in STYLE_KEYWORDS.items():
            head = match_heading(line, style=style)
            if head is not None and head.kind == "article" and head.keyword == keyword:
                out[style].append(line.strip())
    return out


def division_heading(line: str) -> str | None:
    """``PART A - GENERAL`` (``DIVISION 3``, ``CHAPTER II``, ``PART ONE: ...``) as a line of its
    own: a division grouping the parts after it (the number and title as written, "A -
    GENERAL"), or None. Whether it is one where it stands (a part heading follows it) is the
    splitter's call; ``Part A employees shall...`` never is."""
    if not line or len(line) > 120:
        return None
    match = _DIVISION_RE.match(_unmarked(line.replace("\u00a0", " ").replace("\t", " ")))
    if match is None or not match["kw"][:1].isupper():
        return None
    title = (match["title"] or "").strip()
    if title and (_sentence_like(title) or _VERBS & {w.strip(",;").upper() for w in title.split()}):
        return None
    if title and not match["sep"] and not (match["kw"].isupper() and title.isupper()):
        return None  # "Part 2 of the Award" is a sentence; "PART B WAGES AND HOURS" is set as a heading
    if (
        not match["kw"].isupper()
        and title
        and not (title.isupper() or _title_case(title) or (match["sep"] == ":" and _colon_title(title)))
    ):
        return None
    return " ".join(line.split()[1:])


def title_from_next_line(line: str) -> str | None:
    """When a heading has no title ("ARTICLE VI"), the next line is its title if it is short and
    set like one (capitals or title case, no section number, no full stop), and is not the
    "Between" that opens a letter's list of parties (``letter_subject`` finds that one's)."""
    text = line.strip()
    if not text or len(text.split()) > 10 or text.endswith((",", ";")) or text[:1].isdigit():
        return None
    if text.endswith(".") and not _ABBREVIATED_TITLE.search(text):  # "EXTRA PAYMENTS, ETC." is one
        return None
    if _PARTIES_LINE.fullmatch(text):  # the whole line: "ANDERSON PARK" is a title
        return None
    if text.startswith("(") or _heading_not_title(text):
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    if text.isupper() or all(w[:1].isupper() or w.lower() in _SMALL for w in text.split()):
        return text
    return None


def _heading_not_title(text: str) -> bool:
    """A heading of its own, which is no title of the heading above it; but a letter's name with
    no number is one ("APPENDIX L" / "MEMORANDUM OF UNDERSTANDING REGARDING PREPARATION TIME")."""
    found = match_heading(text)
    return found is not None and not (found.kind == "letter" and not found.number)


# A title may end in an abbreviation's full stop, never in a sentence's
_ABBREVIATED_TITLE = re.compile(r"(?:^|[\s,])(?:etc|inc|ltd|co|corp|misc|dept)\.\Z", re.IGNORECASE)
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "re:", "re"}
# "Between", "BY AND BETWEEN:", "- and -": a letter's parties, set under its heading, never its title
_PARTIES_LINE = re.compile(r"(?:by\s+and\s+)?between\s*:?|[-\u2013\s]*and[-\u2013\s]*:?", re.IGNORECASE)
_SUBJECT_RE = re.compile(r"(?:re|subject|objet)\s*:\s*(?P<subject>\S.{0,200})", re.IGNORECASE)
SUBJECT_LINES = 12  # a letter's "Re:" line comes within this many lines of its heading


def letter_subject(lines: Sequence[str]) -> str | None:
    """The subject of a letter whose heading has no title and whose parties come next
    ("LETTER OF UNDERSTANDING" / "By and Between" / ... / "Re: Continuing Case Managed
    Aftercare"), or right under its heading ("Objet : Projet pilote", a French letter's): its "Re:"
    line, for a title. Before, every such letter was titled "Between" (or nothing)."""
    shown = [line.strip() for line in lines[:SUBJECT_LINES] if line.strip()]
    if not shown or not (_PARTIES_LINE.fullmatch(shown[0]) or _SUBJECT_RE.fullmatch(shown[0])):
        return None
    for line in shown[0 if _SUBJECT_RE.fullmatch(shown[0]) else 1 :]:  # "Objet : ..." right under it
        found = _SUBJECT_RE.fullmatch(line)
        if found:
            subject = found.group("subject").strip().rstrip(".:;,")
            return subject if len(subject.split()) <= 20 else None
    return None


@dataclass(frozen=True, slots=True)
class PartHeading:
    """A part's heading as stored in its file: kind, number, title and how many of the file's
    first lines the heading takes (2 when the title is on the line after ``ARTICLE VI``)."""

    kind: Kind
    number: str
    title: str
    lines: int = 1
    keyword: str = ""  # as written, upper-cased: "SIDE LETTER", "SCHEDULE"

    @property
    def value(self) -> str:
        return arabic(self.number)


def read_heading(text: str) -> PartHeading | None:
    """The heading at the top of a part's text (its first line, and the second when that holds
    the title), or None when the text does not start with one."""
    lines = text.lstrip("\ufeff").split("\n", SUBJECT_LINES + 1)
    index = 0
    found = None
    for style in STYLES:  # a part file's first line is its heading, whatever the contract's style
        found = match_heading(lines[index], heading_style=True, style=style) if lines else None
        if found is not None:
            break
    if found is None:
        return None
    if not found.title and found.kind != "preamble" and index + 1 < len(lines):
        title = title_from_next_line(lines[index + 1])
        if title is not None:
            return PartHeading(found.kind, found.number, title, index + 2, found.keyword)
        subject = letter_subject(lines[index + 1 :])
        if subject is not None:  # its parties and subject are its text: the heading is one line
            return PartHeading(found.kind, found.number, subject, index + 1, found.keyword)
    return PartHeading(found.kind, found.number, found.title, index + 1, found.keyword)


def format_heading(kind: Kind, number: str, title: str, keyword: str = "") -> str:
    """The one-line heading our files use for a new part: ``ARTICLE 6: STAFFING``; ``keyword``
    keeps the part's own word (``SIDE LETTER 3``)."""
    word = _keyword(kind, keyword)
    if kind == "preamble":
        return f"{word}: {title}" if title and title.upper() != word else word
    head = f"{word} {number}".strip()
    return f"{head}: {title}" if title else head


_ACRONYMS = {"MOU", "MOA", "LOA", "LOU"}
_SHORT = {
    "APPENDIX": "App",
    "SCHEDULE": "Sch",
    "EXHIBIT": "Exh",
    "ATTACHMENT": "Att",
    "ADDENDUM": "Add",
    "ANNEX": "Anx",
    "ANNEXE": "Ann",
    "LETTRE D'ENTENTE": "LE",
    "LETTRE D\u2019ENTENTE": "LE",
    "PROTOCOLE D'ACCORD": "PA",
    "PROTOCOLE D\u2019ACCORD": "PA",
    "LETTER OF AGREEMENT": "LOA",
    "LETTER OF UNDERSTANDING": "LOU",
    "LETTER OF INTENT": "LOI",
    "MEMORANDUM OF UNDERSTANDING": "MOU",
    "MEMORANDUM OF AGREEMENT": "MOA",
    "SIDE LETTER": "SL",
    "SIDE LETTER OF AGREEMENT": "SL",
    "SETTLEMENT AGREEMENT": "SA",
    "PREAMBLE": "Pre.",
    "RECITALS": "Rec.",
}


def _keyword(kind: Kind, keyword: str) -> str:
    """The heading's keyword as written ("SIDE LETTER"), or the kind's own word when the part's
    text has none or a keyword of another kind."""
    word = " ".join(keyword.split()).upper()
    probe = word if kind == "preamble" else f"{word} 1"
    for style in STYLES if word else ():
        found = match_heading(probe, style=style)
        if found is not None and found.kind == kind and found.keyword == word:
            return word
    return _KIND_WORD[kind]


def part_name(kind: Kind, number: str, keyword: str = "") -> str:
    """A part named in the words its heading uses: "Side Letter 3", "Schedule A", "Memorandum of
    Understanding 2", "MOU 1"; "Appendix A", "Letter of Agreement 1" when the keyword is unknown.
    An article is "Article 6", the preamble "Preamble" (or "Recitals")."""
    word = _keyword(kind, keyword)
    if kind == "preamble":
        number = ""
    name = " ".join(w if w in _ACRONYMS else _title_word(w, i) for i, w in enumerate(word.split()))
    return f"{name} {number}".strip()


_PLURALS = {"appendix": "appendices", "preamble": "preambles"}


def kind_name(kind: Kind, keyword: str = "", count: int = 1) -> str:
    """The word a person reads for a part's kind: "clause" for a part whose heading says CLAUSE
    (a UK or Australian agreement's), "section" for SECTION, else the kind itself ("article",
    "appendix"); plural when ``count`` is not 1 ("clauses", "appendices")."""
    word = " ".join(keyword.split()).upper()
    name = word.lower() if kind == "article" and word in ("CLAUSE", "SECTION") else kind
    return name if count == 1 else _PLURALS.get(name, f"{name}s")


def short_name(kind: Kind, number: str, keyword: str = "") -> str:
    """The same name abbreviated for a narrow column: "SL 3", "Sch A", "MOU 2", "LOA 1", "Pre."."""
    word = _keyword(kind, keyword)
    if kind == "article":
        return number
    short = _SHORT.get(word, word if word in _ACRONYMS else word.title())
    return short if kind == "preamble" else f"{short} {number}".strip()


def _title_word(word: str, index: int) -> str:
    low = word.lower()
    if index and (low in _SMALL or low.startswith(("d'", "d\u2019"))):  # "Lettre d'entente"
        return low
    return low[:1].upper() + low[1:]


def order_key(kind: Kind, number: str) -> tuple[int, int, str]:
    """Contract order: the preamble, articles by number, appendices, then letters."""
    value = arabic(number)
    digits = re.match(r"\d+", value)
    if digits:
        numeric = int(digits[0])
        rest = value[digits.end() :]
    elif len(value) <= 2 and value.isalpha():
        numeric = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(value)))
        rest = ""
    else:
        numeric, rest = 10**6, value
    return (KINDS.index(kind), numeric, rest)


__all__ = [
    "KINDS",
    "SPANISH_KEYWORDS",
    "STRONG_KEYWORDS",
    "STYLES",
    "STYLE_KEYWORDS",
    "HeadingMatch",
    "Kind",
    "PartHeading",
    "Style",
    "arabic",
    "detect_style",
    "division_heading",
    "format_heading",
    "kind_name",
    "match_heading",
    "numbered_by_layout",
    "order_key",
    "part_name",
    "read_heading",
    "short_name",
    "style_candidates",
    "title_from_next_line",
    "titles_over_clauses",
]
