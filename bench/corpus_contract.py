"""Deterministic contract-like prose for the redline tests and benchmark (fixed seeds, no files)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

_VOCABULARY = (
    "the Employer shall provide each employee with written notice of any change to the "
    "regular schedule not less than fourteen calendar days in advance except in an emergency "
    "as defined in Section 12.3 and the Union may request a meeting within ten working days "
    "to discuss the impact of such change on bargaining unit members who are on-call or "
    "assigned to rotating shifts provided that no employee will suffer loss of pay benefits "
    "or seniority as a result grievance arbitration overtime premium differential holiday "
    "vacation accrual probationary period clinician patient panel administrative time"
)
WORDS = tuple(_VOCABULARY.split())
AMOUNTS = ("$1,500.00", "12.3", "(a)", "(b)", "thirty (30)", "2.5%")


def paragraph(rng: random.Random, words: int) -> str:
    """One paragraph of sentences, with the odd amount or section number."""
    out: list[str] = []
    sentence = 0
    for k in range(words):
        word = rng.choice(AMOUNTS) if rng.random() < 0.04 else rng.choice(WORDS)
        if sentence == 0:
            word = word[:1].upper() + word[1:]
        sentence += 1
        end = (sentence > 8 and rng.random() < 0.2) or k == words - 1
        out.append(word + ("." if end else ""))
        if end:
            sentence = 0
    return " ".join(out)


def article(rng: random.Random, pages: float, *, words_per_page: int = 500,
            number: int = 7) -> str:
    """An article: heading line, then one paragraph per line, blank lines between sections."""
    lines = [f"ARTICLE {number} - HOURS OF WORK", ""]
    total = 0
    target = int(pages * words_per_page)
    while total < target:
        size = rng.randint(25, 90)
        lines.append(f"{number}.{len(lines)} " + paragraph(rng, size))
        total += size
        if rng.random() < 0.15:
            lines.append("")
    return "\n".join(lines) + "\n"


def contract(rng: random.Random, articles: int = 60, words: int = 150_000) -> list[str]:
    """A whole agreement: ``articles`` articles of uneven length totalling about ``words``."""
    weights = [rng.uniform(0.2, 2.0) for _ in range(articles)]
    scale = words / 500 / sum(weights)
    return [article(rng, w * scale, number=n) for n, w in enumerate(weights, 1)]


def edit(rng: random.Random, text: str, rate: float, *, moves: int = 0,
         paragraphs: int = 0) -> str:
    """Scatter word-level edits (replace, insert, delete) over ``rate`` of the words.

    Then ``moves`` paragraphs move elsewhere, and ``paragraphs`` paragraphs are deleted and as
    many new ones inserted, as a pass reorganising an article does.
    """
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        words = line.split(" ")
        changed: list[str] = []
        for word in words:
            roll = rng.random()
            if not word or roll >= rate:
                changed.append(word)
            elif roll < rate / 3:
                changed.append(rng.choice(WORDS))
            elif roll < 2 * rate / 3:
                changed.extend([word, rng.choice(WORDS)])
        out.append(" ".join(changed))
    moved: set[str] = set()  # moved paragraphs are not then deleted: they stay moves

    def body() -> list[int]:
        return [k for k, line in enumerate(out) if len(line.split(" ")) > 10 and line not in moved]

    for _ in range(moves if len(body()) > 2 else 0):
        source = rng.choice(body())
        line = out.pop(source)
        # Land at least two paragraphs away, or it is no move at all.
        places = [k for k in range(2, len(out)) if abs(k - source) >= 2] or [2]
        out.insert(rng.choice(places), line)
        moved.add(line)
    for _ in range(paragraphs if len(body()) > 2 else 0):
        del out[rng.choice(body())]
        out.insert(rng.randrange(2, len(out)), "New. " + paragraph(rng, rng.randint(25, 90)))
    return "\n".join(out)


def clean_docx(articles: list[str], path: Path) -> Path:
    """`articles` as the employer's clean .docx pass E-1, written by our own export: the document
    the intake benchmark and its tests read back (as .docx, and as LibreOffice prints it)."""
    from proposals.word.proposal import ArticleChange, export_proposal  # only for this document

    export_proposal(
        [ArticleChange("", text) for text in articles],
        path,
        mode="clean",
        party="Employer",
        pass_name="E-1",
        session=date(2025, 1, 1),
    )
    return path
