"""Cutting a whole contract's text into its parts, whatever it was read from (.docx, PDF, text).

Readers hand over lines in document order; this module finds the headings (with the one grammar
of :mod:`proposals.contract.headings`), skips what is not contract text (a table of contents, a
cover page) and says why, so ``baseline --dry-run`` can list every skipped line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from proposals.contract import misprints
from proposals.contract.headings import (
    SPANISH_KEYWORDS,
    STRONG_KEYWORDS,
    STYLES,
    HeadingMatch,
    Kind,
    Style,
    arabic,
    detect_style,
    division_heading,
    format_heading,
    letter_subject,
    match_heading,
    numbered_by_layout,
    title_from_next_line,
    titles_over_clauses,
)
from proposals.contract.part import slug_id
from proposals.contract.table import is_separator, is_table_row, parse_row

# "ARTICLE 1 - RECOGNITION<TAB>2", "ARTICLE 1 ........ 2", "Appendix A   41": a heading with a page
# (its dot leaders may be broken by a stray comma: "NO DISCRIMINATION......., ........15").
_TOC_ENTRY_RE = re.compile(
    r"^(?P<head>.*?\S)(?:\s*\t[\s.\u2026]*|\s*[.\u2026\u00b7_]{3,}(?:[\s,]+[.\u2026\u00b7_]{3,})*\s*|\s{3,})"
    r"(?P<page>\d{1,4}|[ivxlc]{1,6})\s*\Z"
)
_PAGE_AT_END_RE = re.compile(r"\s+(?:\d{1,4}|[ivxlc]{1,6})\s*\Z")
_TOC_TITLE_RE = re.compile(r"^\s*(?:TABLE\s+OF\s+CONTENTS|CONTENTS|INDEX)\s*\Z", re.IGNORECASE)
PREAMBLE_MIN_WORDS = 12
# A contents entry's dot leaders ("PERFORMANCE BONUS ........ 15"): no sentence of the text has them
_LEADERS_RE = re.compile(r"[.\u2026\u00b7_]{5,}")
# A sentence's end: a line of running text ends on one ("... as follows:")
_SENTENCE_END_RE = re.compile(r"[.:;][\"'\u201d\u2019)\]]*\s*\Z")
# "WAGES (continued)", "SCHEDULE A (Cont'd)", "- cont." , "(suite)": a heading set again where
# its part goes on over a page
_CONTINUED_RE = re.compile(
    r"[\s,\-\u2013\u2014]*[(\[]?\s*(?:continued|cont['\u2019]?d\.?|cont\.|suite)\s*[)\]]?\s*\Z", re.IGNORECASE
)
# Ligature glyphs ("\ufb01" in "noti\ufb01cation", as typesetters' and Word's fonts print them)
# read as their letters; a soft hyphen is not text; a non-breaking, narrow or figure space is a
# space ("ARTICLE\u00a012"). Every reader's text goes through this (PDF, text, .docx); curly
# quotes and dashes are kept as written.
GLYPHS = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
     "\ufb06": "st", "\u00ad": None, "\u00a0": " ", "\u202f": " ", "\u2007": " "}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph as a reader found it. ``toc``: the reader knows it is a table-of-contents
    entry (Word's TOC field or TOC style); ``heading_style``: styled as a heading."""

    text: str
    heading_style: bool = False
    toc: bool = False


class PartLike(Protocol):
    """Anything with a part's heading fields and text (our Part, the Word reader's article)."""

    kind: str
    number: str
    title: str
    text: str
    division: str  # the division line above it ("PART A - GENERAL"), or ""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of the contract in our file format: heading line(s) first, final LF.

    ``division``: the division heading it stands under as written ("PART A - GENERAL"), the
    same for every part up to the next one; "" in a contract without divisions."""

    kind: Kind
    number: str
    title: str
    text: str
    division: str = ""

    @property
    def value(self) -> str:
        return arabic(self.number)

    @property
    def heading(self) -> str:
        return self.text.split("\n", 1)[0]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A line left out of every part, and why (shown by ``--dry-run``)."""

    text: str
    reason: str


@dataclass
class Split:
    parts: list[Part] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    front: str = ""  # text before the first heading that did not become a preamble
    style: Style = "article"  # which heading started a numbered part (headings.detect_style)
    notes: list[str] = field(default_factory=list)  # what --dry-run reports: numbers out of sequence
    # the index in the lines read of each part's heading line, -1 where none stands (a preamble
    # made of the front matter, a part folded together): where an agreement in a book starts
    starts: list[int] = field(default_factory=list)


def _words(text: str) -> int:
    """How many words a line has, a table row's pipes and empty cells not counted: the last
    row of a contents table read from a PDF ("| ARTICLE 3 - HOURS OF WORK |  | 5 |  |") is
    not a sentence that starts the preamble."""
    return sum(1 for word in text.split() if word != "|")


def toc_entry(text: str) -> bool:
    """True for a table-of-contents line: a heading followed by a tab or dot leaders and a page."""
    match = _TOC_ENTRY_RE.match(text)
    if match is None:
        return False
    head = match["head"].strip().rstrip(" .")  # "...HAIR WORK. ......14": the leader's first dot
    return any(match_heading(head, heading_style=True, style=s) for s in STYLES) or bool(
        division_heading(head)
    )


# A contents line of any kind, a heading's or a sub-entry's ("A. Board ........ 1",
# "LICENSURE ...... 34"): words, then dot leaders (or a tab) and a page number at the end.
_CONTENTS_LINE_RE = re.compile(
    r"^\s*\S.*?(?:\t[\s.\u2026]*|[.\u2026\u00b7]{3,}(?:[\s,]+[.\u2026\u00b7]{3,})*\s*)(?:\d{1,4}|[ivxlc]{1,6})\s*\Z"
)


def contents_line(text: str) -> bool:
    """True for a line of a contents list, whether or not what it lists is a heading: text, then
    dot leaders or a tab, then a page number ("A. Board ........ 1"). Such a line ends there: the
    next entry never runs on from it."""
    return _CONTENTS_LINE_RE.match(text) is not None


def left_out_note(skipped: Iterable[Skipped]) -> str | None:
    """What the split left out of every part (cover page, contents, division lines), counted in
    lines and words by reason: said in every import's notes, never dropped unseen (``--dry-run``
    lists the lines)."""
    lines: Counter[str] = Counter()
    words = 0
    for entry in skipped:
        if entry.text.strip():
            lines[entry.reason] += 1
            words += _words(entry.text)
    if not lines:
        return None
    total = sum(lines.values())
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(lines.items()))
    return (
        f"{total} line{'s' if total != 1 else ''} ({words} word{'s' if words != 1 else ''}) in no part: "
        f"{reasons} (--dry-run lists them)"
    )


def running_text(text: str) -> bool:
    """A sentence of the agreement, never a cover page's or a contents list's line: at least
    PREAMBLE_MIN_WORDS words ending on a sentence's stop, no dot leaders ("THIS AGREEMENT is
    entered into ... of this Agreement.", "A. This Agreement is entered into primarily to ...")."""
    return (
        _words(text) >= PREAMBLE_MIN_WORDS
        and _SENTENCE_END_RE.search(text) is not None
        and _LEADERS_RE.search(text) is None
    )


def toc_title(text: str) -> bool:
    """ "TABLE OF CONTENTS", "CONTENTS" or "INDEX" alone on a line: a contents list starts."""
    return _TOC_TITLE_RE.match(text) is not None


def part_text(lines: list[str]) -> str:
    """Our file format: trailing blanks off each line, no trailing blank lines, final LF."""
    cleaned = [line.translate(GLYPHS).rstrip() for line in lines]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return "\n".join(cleaned) + "\n" if cleaned else ""


def number_titles(lines: list[Line]) -> tuple[list[Line], str | None]:
    """``baseline --as titled``: each part title with no number of its own
    (:func:`proposals.contract.headings.titles_over_clauses`) read as the article its clauses
    number, "RECOGNITION" over 1.01 as "ARTICLE 1: RECOGNITION"; with the note that says so,
    since the heading stored is not the line as written. No such title: the lines as they were."""
    found = titles_over_clauses(["" if line.toc else line.text for line in lines])
    if not found:
        return lines, None
    out = list(lines)
    shown = ""
    for index, number in found.items():
        title = " ".join(lines[index].text.split())
        out[index] = Line(format_heading("article", str(number), title), True)
        shown = shown or f"{title!r} over clause {number}.x as {out[index].text!r}"
    count = len(found)
    note = (
        f"{count} part title{'s' if count != 1 else ''} had no number of {'their' if count != 1 else 'its'} "
        f"own: each is stored as the article its clauses number ({shown})"
    )
    return out, note


def split_parts(
    lines: Iterable[Line],
    *,
    front_as_preamble: bool = False,
    style: Style | None = None,
    titled: bool = False,
) -> Split:
    """Cut lines into parts at their headings.

    A mixed-case "1. Title" line that its layout says is a heading
    (:func:`proposals.contract.headings.numbered_by_layout`) is read as one styled a heading.

    ``style`` says which heading starts a numbered part (ARTICLE, SECTION or "1. TITLE");
    None picks it from the lines themselves (:func:`proposals.contract.headings.detect_style`).
    In the section and numbered styles a SECTION or "1. TITLE" line after the first appendix
    or letter is a heading inside it, not a new part.

    Text before the first heading is front matter; with ``front_as_preamble`` (a contract in
    force) it becomes the preamble part from its first sentence-long paragraph on, and the
    short lines before it (the cover page) are skipped. A heading whose body is empty and
    which appears again later is a table-of-contents entry.

    A division line right above a part heading ("PART A - GENERAL", or "PART ONE" with its
    title on the next line) is in no part's text: it is each part's ``division`` from the part
    under it to the next division (a division above a heading the table of contents held goes
    with it).

    ``titled`` (``baseline --as titled``): part titles with no number over numbered clauses
    are read as articles (:func:`number_titles`), and a note says so.
    """
    lines, titles_note = number_titles(list(lines)) if titled else (list(lines), None)
    misprinted = misprints.corrected([line.text for line in lines])
    for index, (text, _) in misprinted.items():
        lines[index] = Line(text, lines[index].heading_style, lines[index].toc)
    lines, origin = _table_headings(lines)
    lines = _wrapped_entries(lines)
    laid_out = numbered_by_layout([line.text for line in lines])
    lines = [
        Line(line.text, True, line.toc) if i in laid_out and not line.toc else line
        for i, line in enumerate(lines)
    ]
    if style is None:
        style = detect_style(
            (line.text.split("\n", 1)[0], line.heading_style)
            for line in lines
            if not line.toc and not toc_entry(line.text)
        )
    split = Split(style=style, notes=[titles_note] if titles_note else [])
    split.notes += [note for _, note in misprinted.values()]
    front: list[str] = []
    heads: list[tuple[Kind, str, str, list[str]]] = []
    in_toc = False
    index_at, index_lines = "", 0  # an index at the back of the book: its title, its lines so far
    not_headings = _not_headings(lines, style)
    for index, wrapped in sorted(not_headings.items()):
        if not wrapped:
            split.notes.append(
                f"{' '.join(lines[index].text.split())[:60]!r} reads like a heading but its number is out of "
                "sequence: kept as text of the part before it"
            )
    divisions = _divisions(lines, style, not_headings)
    pending = ""  # the division line read, for the next heading
    division_of: dict[int, str] = {}  # id() of a heading's body list -> the division above it
    head_at: dict[int, int] = {}  # id() of a heading's body list -> the index of its line as read
    references = 0
    for index, line in enumerate(lines):
        text = line.text
        first = text.split("\n", 1)[0]
        if index in not_headings:
            body = heads[-1][3] if heads else front
            if not_headings[index]:  # a cross reference wrapped: back into its sentence
                while body and not body[-1].strip():
                    body.pop()
                references += 1
                if body:
                    body[-1] = f"{body[-1].rstrip()} {' '.join(text.split())}"
                    continue
            body.extend(text.split("\n"))
            continue
        if line.toc:
            split.skipped.append(Skipped(text, "table of contents"))
            continue
        if index in divisions:
            pending = divisions[index] if divisions[index] is not None else pending
            reason = "table of contents" if in_toc else "division heading (kept with the parts after it)"
            split.skipped.append(Skipped(text, reason))
            continue
        if _TOC_TITLE_RE.match(first):
            split.skipped.append(Skipped(text, "table of contents"))
            in_toc = True
            if heads and _index_follows(lines, index):
                index_at, index_lines = " ".join(first.split()), 0
            continue
        if toc_entry(first.replace("\u00a0", " ")):
            split.skipped.append(Skipped(text, "table of contents"))
            in_toc = True
            continue
        if index_at and not _index_ends(text, line.heading_style, style):
            if text.strip():
                split.skipped.append(Skipped(text, "index (a contents list at the back)"))
                index_lines += 1
            continue
        if index_at:
            split.notes.append(_index_note(index_at, index_lines))
            index_at = ""
        found = match_heading(first, heading_style=line.heading_style, style=style)
        if (
            found is not None
            and found.kind == "article"
            and found.keyword not in STRONG_KEYWORDS
            and any(k in ("appendix", "letter") for k, *_ in heads)
        ):
            found = None  # "1. CLASSIFICATIONS" inside Appendix A
        if found is not None and not heads and _cover_label(found, lines, index, style):
            split.notes.append(
                f"{' '.join(first.split())[:40]!r} stands alone above the cover page, before the first "
                "part: read as a label of the document, not a part"
            )
            found = None
        if found is not None and not found.number and not found.title and heads and not heads[-1][2]:
            under = [b for b in heads[-1][3][1:] if b.strip()]
            if len(under) == 1 and title_from_next_line(under[0]) is not None:
                found = None  # "APPENDIX B" / "APPROVED WORKSITES FOR THE 9/80" / "SCHEDULE": its title's end
        if (
            found is not None
            and found.kind == "letter"
            and not found.number
            and heads
            and heads[-1][0] == "appendix"
            and not heads[-1][2]
            and not any(b.strip() for b in heads[-1][3][1:])
        ):
            found = None  # "APPENDIX L" / "MEMORANDUM OF UNDERSTANDING REGARDING ...": the appendix's title
        if found is not None and in_toc and _PAGE_AT_END_RE.search(found.title):
            # "APPENDIX A - WAGE RATES 4" under TABLE OF CONTENTS: a PDF drops the tab or leaders
            split.skipped.append(Skipped(text, "table of contents"))
            continue
        if (
            found is not None
            and heads
            and _CONTINUED_RE.search(found.title or first)
            and (found.kind, found.value) == (heads[-1][0], arabic(heads[-1][1]))
        ):
            # "ARTICLE 12 - WAGES (continued)" atop a later page: the part goes on under it
            split.skipped.append(Skipped(text, "heading repeated on a later page (continued)"))
            continue
        if found is not None and _page_top_again(found, first, heads):
            # "APPENDIX A - ALPHA (January 1, 2022 ...)" atop each page of its wage table
            split.skipped.append(Skipped(text, "heading repeated on a later page"))
            continue
        if found is not None:
            heads.append((found.kind, found.number, found.title, []))
            head_at[id(heads[-1][3])] = origin[index]
            if pending:
                division_of[id(heads[-1][3])] = pending
                pending = ""
            in_toc = False
        elif in_toc and not text.strip():
            continue
        elif in_toc and not heads and (_words(text) < PREAMBLE_MIN_WORDS or _LEADERS_RE.search(text)):
            # a short line, or entries with leaders run together ("ARTICLE l4 - BONUS ..... 15
            # ARTICLE l5 - GRANT ..... 16": a misread number, so no heading) is the contents'
            split.skipped.append(Skipped(text, "table of contents"))
            continue
        in_toc = False
        (heads[-1][3] if heads else front).extend(text.split("\n"))

    if index_at:
        split.notes.append(_index_note(index_at, index_lines))
    # A heading with nothing under it that comes again later was a TOC line without a page; one
    # whose title ends in a page number ("RECOGNITION 2") and comes again without it was a TOC
    # line whose tab the PDF lost: what follows it is the front matter's (or the part's before).
    later: Counter[tuple[str, str]] = Counter((k, arabic(n)) for k, n, _, _ in heads)
    titles: dict[tuple[str, str], list[str]] = {}
    for kind, number, title, _ in heads:
        titles.setdefault((kind, arabic(number)), []).append(" ".join(title.split()).upper())
    kept: list[tuple[Kind, str, str, list[str]]] = []
    for position, (kind, number, title, body) in enumerate(heads):
        key = (kind, arabic(number))
        later[key] -= 1
        rest = [b for b in body[1:] if b.strip()]
        bare = not rest or (len(rest) == 1 and not title and title_from_next_line(rest[0]) is not None)
        # ... or a contents entry whose title wraps over its lines ("Article 3: conflict between
        # future legislation and the collective" / "agreement"): the same heading, whole, later
        wrapped = " ".join(" ".join([title, *rest]).split()).upper()
        own = " ".join(title.split()).upper()
        entry = (
            bool(rest)
            and _contents_like(rest)
            and later[key] > 0
            and any(t and (t.startswith(wrapped) or t == own) for t in titles[key][-later[key] :])
        )
        # The last line of a contents list, the title page and recitals under it, the parts
        # starting again from 1 after it ("26 EXPIRATION DATE" / "CONTRACT 2013-2016" /
        # "WHEREAS, ..." / "1 NEGOTIATIONS PROCEDURE"): the text is the front matter's.
        restarts = later[key] > 0 and bool(rest) and _numbering_restarts(heads, position, rest)
        if (bare or entry) and later[key] > 0 and not restarts and not _titled_by_article(heads, position):
            split.skipped.extend(
                Skipped(b, "table of contents (repeated heading)") for b in body if b.strip()
            )
            continue
        paged = _PAGE_AT_END_RE.sub("", " ".join(title.split())).upper()
        # An appendix or letter before the first article that comes again later: a contents
        # entry (a contents list without page numbers, its title on the lines under it). Not
        # one with running text under it: the preamble ("THIS AGREEMENT is entered into ...")
        # is the preamble, whatever schedule has a "Preamble" of its own later.
        early = (
            kind != "article"
            and later[key] > 0
            and not any(k == "article" for k, *_ in kept)
            and not any(running_text(b) for b in rest)
        )
        paged_entry = later[key] > 0 and paged != title.upper() and paged in titles[key][-later[key] :]
        if early or restarts or paged_entry:
            split.skipped.append(Skipped(body[0], "table of contents (repeated heading)"))
            (kept[-1][3] if kept else front).extend(body[1:])
            continue
        kept.append((kind, number, title, body))

    if any(line.strip() for line in front):
        start = next(
            (i for i, b in enumerate(front) if _words(b) >= PREAMBLE_MIN_WORDS),
            None,
        )
        # the preamble heading the contract has, before its first part (a schedule's own
        # "Preamble" later is folded into the schedule below)
        preamble = bool(kept) and kept[0][0] == "preamble"
        if front_as_preamble and start is not None and not preamble:
            split.skipped.extend(Skipped(b, "cover page") for b in front[:start] if b.strip())
            kept.insert(0, ("preamble", "", "", ["PREAMBLE", "", *front[start:]]))
        elif front_as_preamble and start is not None:
            # running text before the preamble's heading is no cover page: the preamble's first
            # paragraphs (only the short lines before it are the cover page)
            split.skipped.extend(Skipped(b, "cover page") for b in front[:start] if b.strip())
            body = kept[0][3]
            kept[0] = (kept[0][0], kept[0][1], kept[0][2], [body[0], "", *front[start:], "", *body[1:]])
        else:
            split.front = part_text(front)
            if front_as_preamble:
                split.skipped.extend(Skipped(b, "cover page") for b in front if b.strip())

    if references:
        split.notes.append(
            f"{references} heading-like line{'s' if references != 1 else ''} read as a cross reference "
            "inside the paragraph before (it ends mid-sentence)"
        )
    kept = _wrapped_titles(kept, split.skipped, style)
    kept = _folded(_folded(kept, _title_line), _late_preamble)
    kept = _attachment(_inside_articles(_letter_articles(kept, split), split), split)
    split.notes.extend(_sequence_notes([(k, n) for k, n, _, _ in kept], style))
    split.notes.extend(_misplaced_sections(kept, style))
    division = ""
    for kind, number, title, body in kept:
        if not title and kind != "preamble":
            nxt = next((b for b in body[1:] if b.strip()), "")
            title = title_from_next_line(nxt) or letter_subject(body[1:]) or _spanish_title(body[0], nxt)
        division = division_of.get(id(body), division)
        split.parts.append(Part(kind, number, title, part_text(body), division))
        split.starts.append(head_at.get(id(body), -1))
    return split


# A heading title that ends on one of these words goes on over the next line ("ARTICLE 21 -
# Joint Committee for the Administration of the" / "Agreement (JCAA)").
_CARRIES_ON = {"a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "of", "on", "or",
               "the", "to", "with", "&", "-", "\u2013", "\u2014"}  # fmt: skip
_WRAP_LINES = 2  # a title wraps over at most this many more lines


def _alnum(text: str) -> str:
    """Letters and digits only, lower case: a heading compared with its contents entry, whatever
    the dashes, spaces and leaders between ("LOA#1-Access" is "LOA #1 – Access")."""
    return "".join(c for c in text.lower() if c.isalnum())


def _numbering_restarts(
    heads: list[tuple[Kind, str, str, list[str]]], position: int, rest: list[str]
) -> bool:
    """Whether the heading at `position` ends a contents list: an article after a bare one (the
    list's lines before it), whose next heading is an article numbered below it, and nothing
    under it is numbered as its clauses ("26.1"). A second language version after the first
    also starts again from 1, but its last article before that has its text, not a bare one."""
    kind, number, _title, _body = heads[position]
    value = _number(arabic(number))
    if kind != "article" or value is None or position + 1 >= len(heads) or position == 0:
        return False
    if any(line.strip() for line in heads[position - 1][3][1:]):
        return False
    nxt = heads[position + 1]
    after = _number(arabic(nxt[1]))
    if nxt[0] != "article" or after is None or after >= value:
        return False
    return not any(re.match(rf"\s*{value}\.\d", line) for line in rest)


def _page_top_again(found: HeadingMatch, first: str, heads: list[tuple[Kind, str, str, list[str]]]) -> bool:
    """An appendix heading set again, word for word, atop each page of its own long table ("APPENDIX
    A - ALPHA (January 1, 2022 - January 31, 2022)" over every page of a wage schedule, "Appendix H"
    as a running header): the appendix goes on, not a second one with the same letter. The part
    before must be that appendix with text under it (a bare one is a contents line)."""
    if found.kind != "appendix" or not found.number or not heads:
        return False
    kind, number, _title, body = heads[-1]
    if (kind, arabic(number)) != (found.kind, found.value) or not any(b.strip() for b in body[1:]):
        return False
    return " ".join(body[0].split()).upper() == " ".join(first.split()).upper()


def _titled_by_article(heads: list[tuple[Kind, str, str, list[str]]], position: int) -> bool:
    """ "LETTER OF AGREEMENT" with nothing under it but "ARTICLE 21: SALARY", the article it
    amends, whose number an article with its text already has: the letter's heading, not a
    contents line (though every such letter's heading comes again later)."""
    if heads[position][0] not in ("letter", "appendix") or position + 1 >= len(heads):
        return False
    kind, number, _title, _body = heads[position + 1]
    return kind == "article" and any(
        k == "article"
        and arabic(n) == arabic(number)
        and not _contents_like([b for b in body[1:] if b.strip()])
        for k, n, _, body in heads[:position]
    )


# An index's entry: "Vacation Pay ........ 19", "| Vacation Pay | 19 |", "Check-Off 2"
_INDEX_ENTRY_RE = re.compile(r"(?:[.\u2026\u00b7_]{3,}\s*\d{1,4}\b|[^\W\d_][^|]*?\s+\d{1,4}\s*\|?\s*\Z)")
INDEX_PROBE = 6  # the lines after an INDEX title that tell an index from a heading in a clause


def _index_follows(lines: list[Line], index: int) -> bool:
    """Whether an INDEX title after the parts began opens an index at the back of the book (an
    alphabetical list of topics with their pages): most of the lines after it are entries. A
    clause's own "INDEX" over a cost-of-living table ("| August 2014 | 0.7713 |") is not."""
    probe = [line.text for line in lines[index + 1 :] if line.text.strip()][:INDEX_PROBE]
    entries = sum(1 for text in probe if _index_entry(text.split("\n", 1)[0]))
    return len(probe) > 0 and entries * 2 > len(probe)


def _index_entry(text: str) -> bool:
    """ "Vacation Pay ........ 19", "Check-Off 2" or a table's row "| Vacation Pay | 19 |"."""
    if is_table_row(text):
        cells = [c.strip() for c in parse_row(text) if c.strip()]
        return len(cells) == 2 and cells[1].isdigit() and len(cells[1]) <= 4 and not cells[0].isdigit()
    return _INDEX_ENTRY_RE.search(text) is not None


def _index_ends(text: str, heading_style: bool, style: Style) -> bool:
    """Where an index at the back ends: at a heading, or at a sentence-long line that is no entry
    (the back cover's text goes on to the part before, as before)."""
    first = text.split("\n", 1)[0]
    if not first.strip():
        return False
    if match_heading(first, heading_style=heading_style, style=style) is not None:
        return True
    return _words(first) >= PREAMBLE_MIN_WORDS and not _index_entry(first) and not is_table_row(first)


def _index_note(title: str, count: int) -> str:
    return (
        f"{title!r} at the back of the book and its {count} line{'s' if count != 1 else ''} "
        "(topics and their pages) left out of the parts, as the table of contents is"
    )


COVER_LABEL_LINES = 2  # a document's label stands within its first lines


def _cover_label(found: HeadingMatch, lines: list[Line], index: int, style: Style) -> bool:
    """ "Attachment B" atop the first page, with no title: the label of the document (it was
    attachment B to a board's agenda), not an appendix, when articles come after it. Before, it
    made the whole contract one appendix, and no numbered heading after it a part."""
    if found.kind not in ("appendix", "letter") or found.title:
        return False
    if sum(1 for line in lines[:index] if line.text.strip()) > COVER_LABEL_LINES:
        return False  # not atop the first page: a contents line, a letter of the front matter
    for line in lines[index + 1 :]:
        head = match_heading(line.text.split("\n", 1)[0], heading_style=line.heading_style, style=style)
        if head is not None:
            if head.kind == "article":
                return True
            if head.kind != "preamble":
                return False
    return False


def _wrapped_titles(
    kept: list[tuple[Kind, str, str, list[str]]], skipped: list[Skipped], style: Style
) -> list[tuple[Kind, str, str, list[str]]]:
    """Each heading whose title a PDF (or a narrow page, or the writer's own line breaks) wrapped
    onto the lines under it, joined back into one line: where the table of contents holds the
    heading whole, or where the title line plainly goes on (:func:`_title_goes_on`). A heading
    with its title on the line under it ("ARTICLE II" / "MANAGEMENT RIGHTS AND" /
    "RESPONSIBILITIES") keeps its title on that one line, joined the same way. Before,
    "Agreement (JCAA)" and "RESPONSIBILITIES" were each the part's first paragraph and the
    titles ended on "of the" and "AND"."""
    contents = set()
    for entry in skipped:
        if entry.reason.startswith("table of contents"):
            match = _TOC_ENTRY_RE.match(entry.text.replace("\u00a0", " "))
            contents.add(_alnum(match.group("head") if match else entry.text))
    out = []
    for kind, number, title, body in kept:
        if kind != "preamble" and title and len(body) > 1 and _alnum(body[0]) not in contents:
            take = 0
            for n in range(1, min(_WRAP_LINES, len(body) - 1) + 1):
                if not body[n].strip() or _CLAUSE_START_RE.match(body[n]):
                    break
                if _alnum(" ".join(body[: n + 1])) in contents:
                    take = n
                    break
            if not take:
                take = _title_goes_on(title, body, 1)
            joined = " ".join(" ".join(body[: take + 1]).split())
            found = match_heading(joined, heading_style=True, style=style) if take else None
            if found is not None and (found.kind, found.number) == (kind, number):
                title, body = found.title, [joined, *body[take + 1 :]]
        elif (
            kind != "preamble"
            and not title
            and len(body) > 2
            and title_from_next_line(body[1]) is not None
            and _alnum(" ".join(body[:2])) not in contents
        ):
            # "ARTICLE II" / its title over the lines under it: joined on the title's own line
            take = 0
            for n in range(2, min(_WRAP_LINES + 1, len(body) - 1) + 1):
                if not body[n].strip() or _CLAUSE_START_RE.match(body[n]):
                    break
                if _alnum(" ".join(body[: n + 1])) in contents:
                    take = n - 1
                    break
            take = take or _title_goes_on(body[1], body, 2)
            line = " ".join(" ".join(body[1 : take + 2]).split())
            if take and title_from_next_line(line) is not None:
                body = [body[0], line, *body[take + 2 :]]
        out.append((kind, number, title, body))
    return out


TITLE_GOES_ON_WORDS = 6  # the most words a title's last line runs to when no word carries it on
WRAPPED_LINE_CHARS = 24  # a heading (or title) line shorter than this was not wrapped for want of room
# A part's first sub-heading, never the last line of its title when no word carries the title on
_SUB_HEADINGS = {"INTRODUCTION", "GENERAL", "PURPOSE", "SCOPE", "DEFINITIONS", "DEFINITION", "POLICY",
                 "INTENT", "APPLICATION", "PREAMBLE", "OBJECTIVE", "OBJECTIVES", "ELIGIBILITY",
                 "COVERAGE"}  # fmt: skip
_SENTENCE_STOP_RE = re.compile(r"[.;:!?](?:\s|\Z)")


def _title_goes_on(title: str, body: list[str], start: int) -> int:
    """How many of the lines of `body` from `start` on are the rest of the title `title` (the
    title as it stands on the line above `start`), at most ``_WRAP_LINES``. A line is, when it
    reads as a title (:func:`proposals.contract.headings.title_from_next_line`: short, set
    like a title, no section number, no heading of its own) and has no sentence in it, and
    either the title so far ends on a word that carries on ("... HOURS OF WORK AND" /
    "OVERTIME", "... OF THE", "&", "/", a comma), or it is in capitals as the title is, no
    longer than the title's line, with sentence-case text under it and no other line of the
    part set in capitals like a sub-heading ("... GRIEVANCE AND ARBITRATION" / "PROCEDURE" /
    "A grievance is..."). An all-caps first sentence ("EMPLOYEE MEANS ..."), a first clause
    ("1.1 PURPOSE") or a sub-heading ("Section 1. Definitions", "SICK LEAVE" under "LEAVES")
    stays the part's text."""
    take = 0
    last = title
    while take < _WRAP_LINES and start + take < len(body):
        line = " ".join(body[start + take].split())
        if (
            not line
            or _CLAUSE_START_RE.match(line)
            or title_from_next_line(line) is None
            or _SENTENCE_STOP_RE.search(line)
            or any(match_heading(line, style=s) is not None for s in STYLES)
            or division_heading(line) is not None
        ):
            break
        words = last.split()
        carries = words[-1].lower() in _CARRIES_ON or last.endswith((",", "/", "&"))
        if not carries and (take or not _capitals_go_on(title, body[start - 1], line, body[start + 1 :])):
            break
        take += 1
        last = line
    return take


def _capitals_go_on(title: str, wrapped: str, line: str, under: list[str]) -> bool:
    """Whether `line`, in capitals under the capitals title `title` with no word carrying it on,
    is the title's end: the line above it (`wrapped`, the heading or title line as written)
    long enough to have wrapped, `line` no longer than the title, no number in it and no
    sub-heading's word ("INTRODUCTION", "GENERAL") first, the text under it in sentence case,
    and no line of the part below set in capitals on its own as a sub-heading."""
    if not (title.isupper() and line.isupper()) or any(c.isdigit() for c in line):
        return False
    if len(line.split()) > TITLE_GOES_ON_WORDS or len(_alnum(line)) > len(_alnum(title)):
        return False
    if len(" ".join(wrapped.split())) < WRAPPED_LINE_CHARS or line.split()[0].upper() in _SUB_HEADINGS:
        return False  # "ARTICLE 13 - EVALUATION" never wrapped: "INTRODUCTION" under it is its text's
    below = next((b.strip() for b in under if b.strip()), "")
    if not below or below.isupper() or not any(c.islower() for c in below):
        return False
    return not any(_capitals_line(b) for b in under)


def _capitals_line(text: str) -> bool:
    """A short line set wholly in capitals, no clause or table row: a sub-heading's shape."""
    line = text.strip()
    return (
        bool(line)
        and line.isupper()
        and len(line.split()) <= TITLE_GOES_ON_WORDS
        and not is_table_row(line)
        and not line[:1].isdigit()
        and _SENTENCE_STOP_RE.search(line) is None
    )


_Head = tuple[Kind, str, str, list[str]]  # kind, number, title, body (its heading line first)


def _folded(kept: list[_Head], belongs: Callable[[_Head, _Head, list[_Head]], bool]) -> list[_Head]:
    """`kept` with each head that `belongs(previous, head, so_far)` says is text of the part
    before it folded into that part's body."""
    out: list[_Head] = []
    for head in kept:
        if out and belongs(out[-1], head, out):
            out[-1][3].extend(head[3])
            continue
        out.append(head)
    return out


def _late_preamble(before: _Head, head: _Head, so_far: list[_Head]) -> bool:
    """A "Preamble" heading after the contract's first part (a schedule's or a letter's own
    preamble) is text of the part it stands in: a contract has one preamble, before its
    articles. Before, a schedule's "Preamble" became the contract's, listed after the appendix."""
    return head[0] == "preamble" and any(k != "preamble" for k, *_ in so_far)


def _title_line(before: _Head, head: _Head, so_far: list[_Head]) -> bool:
    """A letter's own title line under its numbered heading ("LOA #1 - Access to Services" /
    "Letter Of Agreement ("LOA")"): an unnumbered letter heading with nothing but its title
    between it and the numbered one is text of that letter, not a letter of its own."""
    kind, number, _, body = before
    return (
        head[0] == "letter"
        and not head[1]
        and kind == "letter"
        and bool(number)
        and not any(b.strip() for b in body[1:])
    )


_CLAUSE_START_RE = re.compile(r"\s*(?:\(?\d+(?:\.\d+)*[.)]?|\([a-z]{1,3}\))\s")


def _contents_like(rest: list[str]) -> bool:
    """Whether the lines under a heading could be a contents entry's: its title's other lines,
    a few short ones with no clause in them ("14.01 On lay-off" is a clause)."""
    return (
        len(rest) <= TOC_ENTRY_LINES
        and sum(len(b.split()) for b in rest) <= TOC_ENTRY_WORDS
        and not any(_CLAUSE_START_RE.match(b) for b in rest)
    )


TOC_ENTRY_LINES = 3  # a heading with no more under it than this, and the same heading again
TOC_ENTRY_WORDS = 30  # later, is a contents entry whose title wrapped, not a part


ARTICLES_SKIPPED = 3  # the next article may follow the last one by this much (articles deleted)


def _inside_articles(
    kept: list[tuple[Kind, str, str, list[str]]], split: Split
) -> list[tuple[Kind, str, str, list[str]]]:
    """Appendix or letter headings between two articles of one sequence are lines of the article
    before them, not parts: "Schedule 1: Forensics Director" in a list of stipends under Article
    28 with Article 29 after it; a wage grid's "SCHEDULE A - 9/1/21" inside Article VIII with
    Article IX after it. A contract's attachments come after its articles; before, each became a
    part and took the article's remaining text with it. Folded back, no word lost, said in a note.
    An attached text that numbers its articles again (1, 2, ... after Article 30) is not this."""
    out: list[tuple[Kind, str, str, list[str]]] = []
    index = 0
    while index < len(kept):
        kind = kept[index][0]
        last = _number(arabic(out[-1][1])) if out and out[-1][0] == "article" else None
        if kind in ("appendix", "letter") and last is not None:
            end = next((j for j in range(index, len(kept)) if kept[j][0] not in ("appendix", "letter")), None)
            after = kept[end] if end is not None else None
            following = _number(arabic(after[1])) if after is not None and after[0] == "article" else None
            if end is not None and following is not None and 0 < following - last <= ARTICLES_SKIPPED:
                article_kind, number, title, body = out[-1]
                merged = list(body)
                for _, _, _, more in kept[index:end]:
                    merged.extend(more)
                heads = [" ".join(more[0].split())[:40] for _, _, _, more in kept[index:end]]
                split.notes.append(
                    f"{len(heads)} appendix or letter heading{'s' if len(heads) != 1 else ''} between "
                    f"{out[-1][3][0].strip()[:40]!r} and the article after it ({heads[0]!r}"
                    f"{' ...' if len(heads) > 1 else ''}): kept as text of that article, not parts"
                )
                out[-1] = (article_kind, number, title, merged)
                index = end
                continue
        out.append(kept[index])
        index += 1
    return out


def _letter_articles(kept: list[_Head], split: Split) -> list[_Head]:
    """Once the articles have ended and a letter or appendix has begun, an ARTICLE heading with a
    number an article already has is text of that letter: "LETTER OF AGREEMENT" / "ARTICLE 21:
    SALARY" (the letter amends Article 21; right under the letter's heading it is the letter's
    title), a letter for one program with "Article 22: Salary Administration", "Article 25:
    Overtime" ... subheads. Before, each was refused as a number used twice. Said in a note per
    letter. Not when the parts run twice (a second language version), nor when both the first
    article and the letter are no more than a contents entry (a contents list read as parts)."""
    if _runs_twice([(k, arabic(n)) for k, n, _, _ in kept]):
        return kept
    out: list[_Head] = []
    articles: dict[str, list[str]] = {}  # number -> the lines under the first article with it
    held: dict[int, list[str]] = {}  # position in out of a letter -> the headings it took
    for position, (kind, number, title, body) in enumerate(kept):
        key = arabic(number)
        holder = out[-1] if out and out[-1][0] in ("appendix", "letter") else None
        rest = [b for b in body[1:] if b.strip()]
        entries = holder is not None and key in articles and _contents_like(articles[key])
        after = kept[position + 1] if position + 1 < len(kept) else None
        # Article 1, Article 2 ... again: a text attached with its own numbering (``_attachment``)
        own = key == "1" and after is not None and (after[0], arabic(after[1])) == ("article", "2")
        if (
            kind == "article"
            and holder is not None
            and key in articles
            and any(k == "article" for k, *_ in out)
            and not (entries and _contents_like([b for b in holder[3][1:] if b.strip()]))
            and not (own and len(out) - 1 not in held)
        ):
            h_kind, h_number, h_title, h_body = holder
            if not h_title and not any(b.strip() for b in h_body[1:]):
                h_title = " ".join(body[0].split())  # "LETTER OF AGREEMENT" / "ARTICLE 21: SALARY"
            h_body.extend(body)  # the same list: the division above the letter stays its own
            out[-1] = (h_kind, h_number, h_title, h_body)
            held.setdefault(len(out) - 1, []).append(" ".join(body[0].split())[:40])
            continue
        if kind == "article":
            articles.setdefault(key, rest)
        out.append((kind, number, title, body))
    for position, heads in held.items():
        letter, many = " ".join(out[position][3][0].split())[:40], len(heads) != 1
        split.notes.append(
            f"{letter} holds the {len(heads)} heading{'s' if many else ''} after it with an article's number "
            f"({heads[0]!r}{' ...' if many else ''}: the article it amends or its subheads), "
            "kept as its text, not articles"
        )
    return out


def _attachment(
    kept: list[tuple[Kind, str, str, list[str]]], split: Split
) -> list[tuple[Kind, str, str, list[str]]]:
    """A text attached to a letter or appendix numbers its headings again: Boilermakers' letter
    of understanding with its own Articles 1.000 to 6.000 and Appendices A, B, D; a Government
    of Canada appendix quoting the Article 14 it archives. The letter or appendix before the
    first number seen twice holds the parts after it, up to the next of its own kind that the
    contract's sequence goes on with (Appendix D after Appendix C): one part, bargained as one,
    no word left out, said in the dry run. The whole agreement printed twice (a second language
    version) is no attachment: its numbers stay twice and the import is refused saying so."""
    if _runs_twice([(k, arabic(n)) for k, n, _, _ in kept]):
        return kept
    out = list(kept)
    while True:
        keys = [(k, arabic(n)) for k, n, _, _ in out]
        seen: set[tuple[str, str]] = set()
        again = None
        for i, key in enumerate(keys):
            if key[0] == "preamble" or not key[1]:
                continue
            if key in seen:
                again = i
                break
            seen.add(key)
        if again is None:
            return out
        holder = next((j for j in range(again - 1, -1, -1) if out[j][0] in ("letter", "appendix")), None)
        if holder is None or not any(k == "article" for k, *_ in out[:holder]):
            return out
        first = keys.index(keys[again])
        if any(_contents_like([b for b in out[j][3][1:] if b.strip()]) for j in (holder, first)):
            return out  # a contents entry read as a part: no attachment, the numbers stay twice
        if keys[again] == ("article", "1") and any(
            _book_opening(b) for _, _, _, body in out[holder:again] for b in body[1:]
        ):
            return out  # the next agreement of a book, opened with its own title or preamble: books()
        before, own = set(keys[: holder + 1]), keys[holder][0]
        goes_on = (j for j in range(again + 1, len(out)) if keys[j][0] == own and keys[j] not in before)
        end = next(goes_on, len(out))
        kind, number, title, body = out[holder]
        merged = list(body)
        for _, _, _, more in out[holder + 1 : end]:
            merged.extend(more)
        held = end - holder - 1
        split.notes.append(
            f"{body[0].strip()} holds the {held} heading{'s' if held != 1 else ''} after it, "
            "numbered again (a text attached with its own numbering): kept as one part, its headings as text"
        )
        out = [*out[:holder], (kind, number, title, merged), *out[end:]]


CONTENTS_NEAR = 3  # a wrapped contents entry has a contents line within this many lines of it
_ENTRY_LABEL_RE = re.compile(r"\s*(?:[A-Za-z]|\d{1,3}|[ivxlc]{1,6})[.)]\s")  # "D. Licensure Cost ... 35"


def _wrapped_entries(lines: list[Line]) -> list[Line]:
    """Contents entries whose title wraps onto a second line, read as contents: a heading with no
    page ("ARTICLE 22: PROFESSIONAL LEARNING AND EDUCATIONAL IMPROVEMENT/") over the title's end
    with the leaders and the page ("LICENSURE ........ 34"), among other contents lines. Before,
    the first line was read as the article's heading, and its number came twice. The line under
    it is contents too when it is the title's end (a few words, no sub-entry's label "D.")."""
    out = list(lines)
    shown = [i for i, line in enumerate(lines) if line.text.strip()]

    def heading_like(text: str) -> bool:
        return any(match_heading(text, heading_style=True, style=s) for s in STYLES)

    def contents(i: int) -> bool:
        text = lines[i].text.strip()
        return lines[i].toc or toc_title(text) or toc_entry(text.replace("\u00a0", " "))

    for at, index in enumerate(shown[:-1]):
        line, after = lines[index], lines[shown[at + 1]]
        text, tail = line.text.strip(), after.text.strip()
        if line.toc or "\n" in text or "\n" in tail or not contents_line(tail) or toc_entry(tail):
            continue
        if toc_entry(text.replace("\u00a0", " ")) or contents_line(text) or not heading_like(text):
            continue
        near = shown[max(0, at - CONTENTS_NEAR) : at] + shown[at + 2 : at + 2 + CONTENTS_NEAR]
        if not any(contents(i) for i in near):
            continue
        out[index] = Line(line.text, line.heading_style, True)
        title_end = _TOC_ENTRY_RE.match(tail.replace("\u00a0", " "))
        if title_end is not None and not _ENTRY_LABEL_RE.match(tail) and len(title_end["head"].split()) <= 10:
            out[shown[at + 1]] = Line(after.text, after.heading_style, True)
    return out


_PAGE_CELL_RE = re.compile(r"\s*(?:\d{1,4}|[ivxlc]{1,6})\s*\Z", re.IGNORECASE)


def _row_heading(line: Line) -> str | None:
    """The heading a table row holds, as one line, or None: a layout table sets "ARTICLE 8" in
    one cell and "HOLIDAYS" in the next (or both in the first), and a bilingual agreement puts
    "ARTICLE 1 PURPOSE" and "ARTICLE 1 OBJET" side by side. At most two cells hold text, no
    cell is a page number, and the row read as a line is a keyword heading (ARTICLE, CLAUSE,
    SECTION, APPENDIX, LETTER...), never "1. TITLE" (a wage table's "1 | LEVEL ONE")."""
    if line.toc or "\n" in line.text or not is_table_row(line.text):
        return None
    cells = [" ".join(c.split()) for c in parse_row(line.text)]
    filled = [c for c in cells if c]
    if (
        not filled
        or len(filled) > 2
        or is_separator(cells)
        or any(_PAGE_CELL_RE.match(c) for c in filled[1:])
    ):
        return None

    def keyword_heading(text: str) -> tuple[str, str] | None:
        for style in STYLES[:3]:
            head = match_heading(text, heading_style=line.heading_style, style=style)
            if head is not None and (head.kind != "article" or head.keyword):
                return head.kind, head.value
        return None

    first = keyword_heading(filled[0])
    if len(filled) == 2 and first is not None and keyword_heading(filled[1]) == first:
        return f"{filled[0]} / {filled[1]}"  # the same heading in two languages
    joined = " ".join(filled)
    return joined if keyword_heading(joined) is not None else None


def _table_headings(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """Headings set in a table row read as heading lines, so the part they start is not lost
    inside the part before; the rest of the table stays a table. A table of several heading
    rows in a row is a contents list set as a table and is left alone. With the lines, the index
    each came from (a heading row's rule under it is dropped): where a part starts in the file."""
    found = {i: _row_heading(line) for i, line in enumerate(lines)}
    out: list[Line] = []
    origin: list[int] = []
    skip_separator = False
    for index, line in enumerate(lines):
        head = found[index]
        if head is not None and not found.get(index - 1) and not found.get(index + 1):
            out.append(Line(head, line.heading_style, line.toc))
            origin.append(index)
            skip_separator = True
            continue
        if skip_separator and is_table_row(line.text) and is_separator(parse_row(line.text)):
            continue  # the header rule under the heading row: the table's rows start after it
        skip_separator = False
        out.append(line)
        origin.append(index)
    return out, origin


def _divisions(lines: list[Line], style: Style, not_headings: dict[int, bool]) -> dict[int, str | None]:
    """Lines that are a division grouping the parts after it ("PART A - GENERAL" right above
    "1. TITLE" or "CLAUSE 1"): not text of the part before, nor a part of their own; index →
    the division as written, one line ("PART ONE - ECONOMIC PROVISIONS" when its title is the
    next line, which maps to None). A PART line with body text after it ("PART A - HEALTH
    PLAN" inside an article) stays text."""
    out: dict[int, str | None] = {}

    def next_line(index: int) -> int | None:
        return next((i for i in range(index + 1, len(lines)) if lines[i].text.strip()), None)

    def heading_at(index: int | None) -> bool:
        if index is None or index in not_headings or lines[index].toc:
            return False
        first = lines[index].text.split("\n", 1)[0]
        if toc_entry(first.replace("\u00a0", " ")):
            return False
        return match_heading(first, heading_style=lines[index].heading_style, style=style) is not None

    for index, line in enumerate(lines):
        text = line.text.strip()
        found = division_heading(text) if not line.toc and "\n" not in text else None
        if found is None:
            continue
        words = " ".join("".join(c if c.isprintable() else " " for c in text).split())  # a label: one line
        after = next_line(index)
        if heading_at(after):
            out[index] = words
        elif after is not None and len(found.split()) == 1 and "\n" not in lines[after].text.strip():
            title = title_from_next_line(lines[after].text)  # "PART ONE" / "ECONOMIC PROVISIONS"
            if title is not None and division_heading(title) is None and heading_at(next_line(after)):
                out[index] = f"{words} - {' '.join(title.split())}"
                out[after] = None
    return out


# A paragraph that stops mid-sentence: "... as set out in", "... subject to", "... Articles 4,".
_MID_SENTENCE_RE = re.compile(r"(?:\b[a-z][a-z'\u2019]*|,|\b(?:and|or))\s*\Z")
_SECTION_LABEL_RE = re.compile(r"^\s*(?:Section\s+|SECTION\s+|Clause\s+|CLAUSE\s+)?(\d+)\.\d+", re.IGNORECASE)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _not_headings(lines: list[Line], style: Style) -> dict[int, bool]:
    """Lines the grammar reads as headings that the layout around them says are not: index →
    True for a cross reference wrapped onto a line of its own (to be joined back to the sentence
    before it), False for a line that is body text where it stands.

    An ``ARTICLE``/``APPENDIX`` line is a cross reference when the paragraph before it stops
    mid-sentence ("... as set out in") and, besides, the line ends in a full stop or comma
    ("ARTICLE 12 - HOURS OF WORK."), or its number is out of sequence, or the same heading
    comes again later, or the next paragraph is numbered under the article before it ("3.02").
    A "1. TITLE" or "SECTION 1" line (no ARTICLE word: weaker evidence) is body text when its
    number is out of sequence: not 1, nor one to three after the last part's ("123 MAIN STREET"
    on a cover page). A paragraph styled as a heading is never a wrapped cross reference."""
    found: list[tuple[int, str, str, str]] = []  # index, kind, value, keyword
    for index, line in enumerate(lines):
        first = line.text.split("\n", 1)[0]
        if line.toc or toc_entry(first.replace("\u00a0", " ")):
            continue
        head = match_heading(first, heading_style=line.heading_style, style=style)
        if head is not None and not _CONTINUED_RE.search(head.title or first):
            found.append((index, head.kind, head.value, head.keyword))
    later = Counter((kind, value) for _, kind, value, _ in found)
    heading_rows = {i for i, *_ in found}
    out: dict[int, bool] = {}
    last: int | None = None  # the last article's number
    used: set[int] = set()  # the article numbers read so far
    for position, (index, kind, value, keyword) in enumerate(found):
        later[(kind, value)] -= 1
        if kind == "preamble":
            continue
        number = _number(value)
        in_sequence = number == 1 or (number or 0) - (last or 0) in ((1, 2) if last is None else (1, 2, 3))
        if (
            kind == "article"
            and keyword not in STRONG_KEYWORDS
            and number is not None
            and not in_sequence
            and not _numbering_goes_on(found, position, number, last)
        ):
            out[index] = False
            continue
        if kind == "article" and _mentioned_between(found, position, number, last, used):
            out[index] = False
            continue
        text = " ".join(lines[index].text.split())
        before = next((i for i in range(index - 1, -1, -1) if lines[i].text.strip()), None)
        previous = " ".join(lines[before].text.split()) if before is not None else ""
        mid = (
            before is not None
            and not lines[index].heading_style  # Word styles it a heading: the author's word
            and before not in heading_rows
            and len(previous.split()) >= 5
            and _MID_SENTENCE_RE.search(previous) is not None
        )
        if mid and kind in ("article", "appendix", "letter"):
            at = next((i for i in range(index + 1, len(lines)) if lines[i].text.strip()), None)
            after = lines[at].text if at is not None else ""
            label = _SECTION_LABEL_RE.match(after)
            # "LETTER OF AGREEMENT" over "ARTICLE 25: OVERTIME": a letter headed by the article it amends
            headed = kind != "article" and at in heading_rows
            if (
                text.endswith((".", ",", ";"))
                or (later[(kind, value)] > 0 and not headed)
                or (kind == "article" and last is not None and number is not None and number != last + 1)
                or (label is not None and last is not None and int(label[1]) == last != number)
            ):
                out[index] = True
                continue
        if kind == "article" and number is not None:
            last = number
            used.add(number)
    return out


def _mentioned_between(
    found: list[tuple[int, str, str, str]],
    position: int,
    number: int | None,
    last: int | None,
    used: set[int],
) -> bool:
    """ "Article 21—Salary, (PSU Trades); ..." in a list of the letters that apply, inside Article
    63 with Article 64 next: an article number already used, below the last one, between two
    articles that follow each other, fills no gap and is text of the article before. A misprinted
    heading fills the gap it stands in (XV between XXIV and XXVI) and is still refused; so is a
    second ARTICLE 18 after the first."""
    if number is None or last is None or number >= last or number not in used:
        return False
    after = next((v for _, k, v, _ in found[position + 1 :] if k == "article"), None)
    return after is not None and _number(after) == last + 1


def _numbering_goes_on(
    found: list[tuple[int, str, str, str]], position: int, number: int, last: int | None
) -> bool:
    """ "12. WAGES" after "3. HOURS OF WORK" is a heading all the same when the numbering goes on
    from it: the next heading of its kind is 13 ("13. SUPERANNUATION", articles 4 to 11 deleted
    in an earlier round). A lone "123 MAIN STREET" on a cover page has no 124 after it."""
    _index, kind, _value, keyword = found[position]
    if last is not None and number <= last:
        return False
    after = next(((k, v, w) for _, k, v, w in found[position + 1 :] if k == kind and w == keyword), None)
    return after is not None and _number(after[1]) == number + 1


def _spanish_title(heading: str, line: str) -> str:
    """ "ANEXO I" over "Tabla salarial 2024": a Spanish heading's title under it is set in
    sentence case (a short line, no full stop, not itself a heading)."""
    found = match_heading(heading.split("\n", 1)[0])
    text = " ".join(line.split())
    if found is None or found.keyword not in SPANISH_KEYWORDS or not text[:1].isupper():
        return ""
    if len(text.split()) > 8 or text.endswith((".", ",", ";", ":")) or match_heading(text) is not None:
        return ""
    return text


def _sequence_notes(heads: list[tuple[str, str]], style: Style = "article") -> list[str]:
    """'ARTICLE 7 follows ARTICLE 5': article numbers that skip or go back, for the dry run
    (clause or section numbers, in a contract whose parts are clauses or sections)."""
    word = {"clause": "clause", "section": "section"}.get(style, "article")
    notes = []
    last: int | None = None
    for kind, number in heads:
        if kind != "article":
            continue
        value = _number(arabic(number))
        if value is None:
            continue
        if last is not None and value != last + 1:
            notes.append(
                f"{word} numbers out of sequence: {number} follows {last} "
                "(check nothing is missing or misread)"
            )
        last = value
    return notes


# "6.3 The Employer", "Section 6.3 Hours", "Clause 6.3.1 (a)", "1.01 The purpose": a numbered
# paragraph's label and the part number it claims; never "40.5 hours" (lower case after it).
_PARAGRAPH_LABEL_RE = re.compile(
    r"^\s*(?:(?:Section|SECTION|Clause|CLAUSE|Sec\.|\u00a7)\s*)?(?P<label>(?P<major>\d{1,3})\.\d{1,3}(?:\.\d{1,3})*)"
    r"\.?(?=\s+[A-Z(\"\u201c]|\s*\Z)"
)


def _misplaced_sections(parts: list[tuple[Kind, str, str, list[str]]], style: Style) -> list[str]:
    """'section 6.3 is under ARTICLE 7': a numbered paragraph whose number names another
    article than the one it sits in, for the dry run (a misread heading or a page out of
    order would file it silently under the wrong part). Appendices and letters number their
    own way and are not checked."""
    notes = []
    for kind, number, _title, body in parts:
        value = _number(arabic(number))
        if kind != "article" or value is None:
            continue
        head = match_heading(body[0], heading_style=True, style=style) if body else None
        word = f"{head.keyword or 'part'} {number}" if head is not None else f"article {number}"
        for line in body[1:]:
            label = _PARAGRAPH_LABEL_RE.match(line)
            if label is not None and int(label["major"]) != value:
                notes.append(
                    f"section {label['label']} is under {word} "
                    "(check it is not misplaced or its article heading misread)"
                )
    return notes


def duplicate_numbers(parts: Iterable[PartLike]) -> list[str]:
    """Headings whose kind and number appear more than once ("ARTICLE 6" twice), in order."""
    seen: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], str] = {}
    for part in parts:
        if part.kind == "preamble" or not part.number:
            continue
        key = (part.kind, arabic(part.number))
        seen[key] += 1
        first.setdefault(key, f"{part.kind.upper()} {part.number}")
    return [first[k] for k, n in seen.items() if n > 1]


def where_twice(parts: Iterable[PartLike]) -> str:
    """Where the first number used twice stands, for the refusal: each of its parts by title and
    the part before it ("ARTICLE XV is 'WAGEWORKS' after ARTICLE XIV and 'CHECK-OFF' after
    ARTICLE XXIV"), so the team finds a misprinted heading without reading the whole contract."""
    listed = [p for p in parts if p.kind != "preamble" and p.number]
    keys = [(p.kind, arabic(p.number)) for p in listed]
    again = next((key for i, key in enumerate(keys) if key in keys[:i]), None)
    if again is None:
        return ""
    places = []
    for index, part in enumerate(listed):
        if keys[index] == again:
            before = listed[index - 1] if index else None
            after = f" after {before.kind.upper()} {before.number}" if before is not None else " first"
            places.append(f"{' '.join(part.title.split())[:40]!r}{after}")
    first = listed[keys.index(again)]
    return f"{first.kind.upper()} {first.number} is {' and '.join(places)}"


def repeated_version(parts: Iterable[PartLike]) -> bool:
    """Whether the numbered parts run twice in the same order: the whole agreement again after
    itself, as a bilingual agreement prints its French version after the English one."""
    return _runs_twice([(p.kind, arabic(p.number)) for p in parts])


def _runs_twice(keys: list[tuple[str, str]]) -> bool:
    """``repeated_version`` on (kind, number) pairs, the preamble and unnumbered parts aside."""
    numbered = [key for key in keys if key[0] != "preamble" and key[1]]
    half = len(numbered) // 2
    return half >= 2 and len(numbered) % 2 == 0 and numbered[:half] == numbered[half:]


def part_ids(parts: Iterable[Part]) -> list[str]:
    """A stable id for each part (a slug of its title), made unique with -2, -3."""
    ids: list[str] = []
    for part in parts:
        base = slug_id(part.kind, part.number, part.title)
        part_id, n = base, 1
        while part_id in ids:
            n += 1
            part_id = f"{base}-{n}"
        ids.append(part_id)
    return ids


def books(parts: list[Part]) -> list[int]:
    """Where each agreement of a book of agreements starts, as positions in ``parts``: a book
    bound for several bargaining units (teachers, paraprofessionals, substitutes; a master
    agreement and its locals) numbers each one's articles from its first number again. An
    article with the first article's number after a higher one, the next one numbered after it
    (1, 2 again: no misprinted heading) and each agreement two articles at least; a preamble
    part just before it is the new agreement's. The first number is 1 (I, ONE), or 0 for a book
    whose first article is 0; the first agreement may start higher (its first pages an extract).
    Book 1 starts at 0. [] for one agreement."""
    numbered = [
        (i, _number(arabic(p.number))) for i, p in enumerate(parts) if p.kind == "article" and p.number
    ]
    if len(numbered) < 4 or numbered[0][1] is None:
        return []
    first = min(numbered[0][1], 1)
    found = [0]
    since = 0  # the article (in numbered) that started the last agreement
    for at in range(2, len(numbered) - 1):
        position, value = numbered[at]
        before, after = numbered[at - 1][1], numbered[at + 1][1]
        if (
            value == first
            and before is not None
            and before > first
            and after == first + 1
            and at - since >= 2
        ):
            while position > found[-1] + 1 and parts[position - 1].kind == "preamble":
                position -= 1
            found.append(position)
            since = at
    return found if len(found) > 1 else []


# What opens an agreement bound after another: a short title line ("AGREEMENT BETWEEN ...",
# "MASTER AGREEMENT", "PREAMBLE", "CONTENTS"), or the sentence a preamble or recitals start with
# ("THIS AGREEMENT is made ...", "WHEREAS, ..."), never the previous one's last sentences.
_BOOK_TITLE_RE = re.compile(
    r"\s*(?:(?:collective\s+bargaining\s+|master\s+|negotiated\s+|local\s+|supplemental\s+)?agreements?\b|"
    r"preamble\b|recitals?\b|witnesseth\b|(?:by\s+and\s+)?between\b|table\s+of\s+contents\b|contents\b)",
    re.IGNORECASE,
)
_BOOK_OPENING_RE = re.compile(
    r"\s*(?:this\s+(?:collective\s+bargaining\s+)?agreement,?\s+(?:is\s+)?(?:made|entered|executed)|"
    r"whereas\b|witnesseth\b)",
    re.IGNORECASE,
)
_BOOK_FRONT_RUN = 8  # lines with nothing that opens an agreement: the part before goes on there
_TITLE_PAGE_LINES = 8  # short lines over the first such line: its title page


def _book_opening(text: str) -> bool:
    """A line that opens an agreement: a short title line or a preamble's first sentence."""
    text = text.strip()
    return bool(text) and (
        (_words(text) < PREAMBLE_MIN_WORDS and _BOOK_TITLE_RE.match(text) is not None)
        or _BOOK_OPENING_RE.match(text) is not None
    )


def book_start(lines: list[Line], heading: int, after: int) -> int:
    """The line where an agreement bound after another starts, its first article's heading at
    ``heading`` and the previous agreement's last part's heading at ``after``: back over its
    own front matter when it has some (a contents list, "AGREEMENT BETWEEN ...", a preamble,
    "WHEREAS" recitals, and the short capitals lines of a title page above the first of them); a run of
    ``_BOOK_FRONT_RUN`` lines with none of these ends the search: they are the part before's.
    No front matter: the heading itself."""
    opened: int | None = None
    plain = 0
    for index in range(heading - 1, after, -1):
        line = lines[index]
        text = line.text.strip()
        if not text:
            continue
        if line.toc or toc_entry(text) or contents_line(text) or _book_opening(text):
            opened, plain = index, 0
            continue
        plain += 1
        if plain > _BOOK_FRONT_RUN or (is_table_row(text) and opened is None):
            break
    if opened is None:
        return heading
    start, shown = opened, 0
    for index in range(opened - 1, after, -1):
        text = lines[index].text.strip()
        if not text:
            continue
        if (
            _words(text) >= PREAMBLE_MIN_WORDS
            or is_table_row(text)
            or shown >= _TITLE_PAGE_LINES
            or text != text.upper()  # "For the City: ...": the signatures before, not a title
        ):
            break
        start, shown = index, shown + 1
    return start


__all__ = [
    "GLYPHS",
    "Line",
    "Part",
    "Skipped",
    "Split",
    "book_start",
    "books",
    "contents_line",
    "duplicate_numbers",
    "part_ids",
    "part_text",
    "repeated_version",
    "split_parts",
    "toc_entry",
    "toc_title",
    "where_twice",
]
