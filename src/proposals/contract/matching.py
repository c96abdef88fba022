"""Pairing the parts of their document with ours: by number and title, and by content.

The other side retitles, renumbers, splits and merges articles. Headings alone mislead (a
renumbered article takes another's number; a retitled and renumbered one matches nothing), so a
part with no heading match is paired by its text: the share of three-word phrases the two texts
have in common. Plain logic, so intake can say how each part was matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from proposals.contract.headings import arabic, read_heading
from proposals.contract.part import comparable
from proposals.contract.split import PartLike

SAME_TEXT = 0.5  # at least half of the phrases in common: the same part, whatever its heading


@dataclass(frozen=True, slots=True)
class Match:
    """Our id for one of their parts (None: a new part) and how it was found."""

    part_id: str | None
    how: str  # "number and title", "title", "number", "text", "" (new)


def _norm_title(title: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", title.lower()).split())


def _body(text: str) -> str:
    heading = read_heading(text)
    lines = text.split("\n")[heading.lines if heading else 0 :]
    return comparable("\n".join(lines)).lower()


def phrases(text: str) -> set[tuple[str, ...]]:
    """The text's three-word phrases (its words, for a text under three words)."""
    words = re.findall(r"[\w$%.,()'-]+", text)
    if len(words) < 3:
        return {(w,) for w in words}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    """Jaccard similarity of two phrase sets: 1.0 the same text, 0.0 nothing in common."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def match_parts(parts: Sequence[PartLike], known: Mapping[str, str]) -> list[Match]:
    """Pair each of their parts with one of our ids (``known``: id → our current text).

    In order: kind, number and title equal; the title (they renumbered); the number, when their
    part has a body (they retitled; a bare heading is never enough); then the text, for a part
    retitled and renumbered at once. Each id is used once.
    """
    heads = {}
    for part_id, text in known.items():
        found = read_heading(text)
        heads[part_id] = (found.kind, found.value, _norm_title(found.title)) if found else ("", "", "")
    # Each rule is a key of the part and of our heading; ids under one key in our order, so each
    # part takes the first unused one, as a scan would, without comparing every pair (2,000
    # parts against 2,000 were 4 million comparisons).
    rules: tuple[tuple[str, Callable[[PartLike], tuple | None], Callable[[tuple], tuple | None]], ...] = (
        ("number and title", lambda p: (p.kind, arabic(p.number), _norm_title(p.title)), lambda h: h),
        ("title", lambda p: (p.kind, _norm_title(p.title)), lambda h: (h[0], h[2]) if h[2] else None),
        (
            "number",
            lambda p: (p.kind, arabic(p.number)) if p.number and _body(p.text) else None,
            lambda h: (h[0], h[1]),
        ),
    )
    used: set[str] = set()
    result: list[Match] = [Match(None, "")] * len(parts)
    for how, theirs_key, ours_key in rules:
        by_key: dict[tuple, list[str]] = {}
        for part_id, head in heads.items():
            key = ours_key(head)
            if key is not None:
                by_key.setdefault(key, []).append(part_id)
        for i, part in enumerate(parts):
            if result[i].part_id is not None:
                continue
            key = theirs_key(part)
            candidates = by_key.get(key, []) if key is not None else []
            part_id = next((c for c in candidates if c not in used), None)
            if part_id is not None:
                result[i] = Match(part_id, how)
                used.add(part_id)
    theirs = {i: phrases(_body(p.text)) for i, p in enumerate(parts) if result[i].part_id is None}
    ours = {k: phrases(_body(t)) for k, t in known.items() if k not in used}
    # Only texts with a phrase in common can be alike: found through an index of our phrases.
    holders: dict[tuple[str, ...], list[str]] = {}
    for k, b in ours.items():
        for phrase in b:
            holders.setdefault(phrase, []).append(k)
    order = {k: n for n, k in enumerate(ours)}
    scored = []
    for i, a in theirs.items():
        sharing = sorted({k for phrase in a for k in holders.get(phrase, ())}, key=order.__getitem__)
        scored.extend((similarity(a, ours[k]), i, k) for k in sharing)
    pairs = sorted(scored, key=lambda x: -x[0])
    for score, i, part_id in pairs:
        if score < SAME_TEXT:
            break
        if result[i].part_id is None and part_id not in used:
            result[i] = Match(part_id, "text")
            used.add(part_id)
    return result


def containment(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    """The share of `part`'s phrases found in `whole` (1.0: all of it is in there)."""
    return len(part & whole) / len(part) if part else 0.0


def splits_and_merges(
    parts: Sequence[PartLike], matches: Sequence[Match], known: Mapping[str, str]
) -> dict[int, str]:
    """For their parts that matched none of ours, a note when one is most of one of ours (they
    split it: "split from staffing") or holds most of one of ours that they dropped ("merges
    staffing-committee"), so intake reports a split or merge rather than a new part alone."""
    notes: dict[int, str] = {}
    used = {m.part_id for m in matches if m.part_id}
    ours = {k: phrases(_body(t)) for k, t in known.items()}
    for i, (part, match) in enumerate(zip(parts, matches, strict=True)):
        if match.part_id is not None:
            continue
        mine = phrases(_body(part.text))
        for part_id, theirs in ours.items():
            if containment(mine, theirs) >= SAME_TEXT:
                notes[i] = f"split from {part_id}"
                break
            if part_id not in used and containment(theirs, mine) >= SAME_TEXT:
                notes[i] = f"merges {part_id}"
                break
    for i, match in enumerate(matches):
        if match.part_id is None:
            continue
        mine = phrases(_body(parts[i].text))
        merged = [k for k, t in ours.items() if k not in used and containment(t, mine) >= SAME_TEXT]
        if merged:
            notes[i] = "merges " + ", ".join(merged)
    return notes


__all__ = ["Match", "containment", "match_parts", "phrases", "similarity", "splits_and_merges"]
