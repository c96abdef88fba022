"""Deterministic contract-like corpora for the benchmarks: no data files to ship or download."""

from __future__ import annotations

import random

SUBJECTS = [
    "The Employer",
    "The Union",
    "Each Clinician",
    "The Medical Director",
    "The Committee",
    "A bargaining unit member",
    "The parties",
    "The Clinic Manager",
    "Human Resources",
]
VERBS = [
    "shall provide",
    "shall maintain",
    "may request",
    "shall not reduce",
    "shall schedule",
    "shall review",
    "shall notify",
    "may designate",
    "shall establish",
    "shall compensate",
]
OBJECTS = [
    "protected administrative time",
    "a panel of no more than 1,800 patients",
    "on-call coverage",
    "two (2) medical assistants",
    "written notice of any change",
    "the float pool",
    "continuing medical education funds of $3,500.00",
    "a schedule posted eight (8) weeks in advance",
    "paid time off",
    "the grievance procedure",
]
TAILS = [
    "within thirty (30) days",
    "in accordance with Section 12.3",
    "except in an emergency",
    "subject to Article 16 (Grievance and Arbitration)",
    "at the Clinician's regular rate",
    "for each calendar year",
    "without loss of pay",
    "as determined by mutual agreement",
]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def article(number: int, words: int, rng: random.Random, title: str = "") -> str:
    """An article in the repo format: heading, numbered sections, one paragraph per line."""
    lines = [f"ARTICLE {number}: {title or f'SUBJECT {number}'}", ""]
    count, section = 0, 0
    while count < words:
        section += 1
        paragraph = [f"{number}.{section} Caption {section}."]
        for _ in range(rng.randint(3, 7)):
            paragraph.append(sentence(rng))
        lines.append(" ".join(paragraph))
        for letter in "abc"[: rng.randint(0, 3)]:
            lines.append(f"({letter}) {sentence(rng)}")
        lines.append("")
        count += sum(len(line.split()) for line in lines[-5:])
    return "\n".join(lines).rstrip("\n") + "\n"


def contract(articles: int = 60, words: int = 150_000, seed: int = 7) -> dict[str, str]:
    rng = random.Random(seed)
    per = words // articles
    return {f"art-{n:02d}": article(n, per, rng) for n in range(1, articles + 1)}


def edit(text: str, rate: float, rng: random.Random) -> str:
    """Change about `rate` of the words: substitutions, insertions and deletions of words."""
    out_lines = []
    for line in text.split("\n"):
        if not line or line.startswith("ARTICLE"):
            out_lines.append(line)
            continue
        words = line.split(" ")
        new: list[str] = []
        for word in words:
            roll = rng.random()
            if roll < rate / 3:
                new.append(rng.choice(["reasonable", "twelve (12)", "may", "shall", "$2,000.00"]))
            elif roll < 2 * rate / 3:
                continue
            elif roll < rate:
                new += [word, rng.choice(["promptly", "in writing", "annually"])]
            else:
                new.append(word)
        out_lines.append(" ".join(new) if new else words[0])
    return "\n".join(out_lines)
