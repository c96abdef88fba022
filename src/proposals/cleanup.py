"""Semantic cleanup of a token-level diff, so a redline reads like an editor's, not a machine's.

A port of diff-match-patch's ``diff_cleanupSemantic`` that works on encoded tokens (one code
point per token) instead of characters, with three changes for contract prose:

* an equality is folded into the surrounding edits only if it is *strictly* shorter (in tokens)
  than the edits on both sides: with whole-word tokens, ``≤`` would swallow the ``(`` in
  ``ten (10)`` → ``twelve (12)`` and give ``-ten (10 +twelve (12`` instead of two small changes;
* an equality holding a paragraph break is never folded, so edits in neighbouring paragraphs
  are not fused into one cross-paragraph block;
* the "lossless" pass slides an edit to the best *token* boundary (paragraph, sentence, clause),
  not to the best character boundary, since every position is already between words.
"""

from __future__ import annotations

from collections.abc import Mapping

from proposals.engine import DELETE, EQUAL, INSERT, PYTHON_DMP, RawDiff
from proposals.tokens import is_newline

_OPENERS = frozenset("([{\"'\u2018\u201c\u00ab")
_CLOSERS = frozenset(")]}\"'.,;:!?\u2019\u201d\u00bb")


class Boundaries:
    """Scores a boundary between two encoded tokens: higher is a more natural place to cut."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self._scores: dict[tuple[str, str], int] = {}
        self._keys = keys
        self.newlines = frozenset(c for c, k in keys.items() if is_newline(k))

    def _score(self, left: str, right: str) -> int:
        lkey, rkey = self._keys.get(left, ""), self._keys.get(right, "")
        if is_newline(lkey):
            return 5
        if is_newline(rkey):
            return 4
        stripped = lkey.rstrip()
        if stripped.endswith((".", "!", "?", "\u3002")):
            return 4
        if stripped.endswith((",", ";", ":")):
            return 3
        if stripped in _OPENERS or rkey[:1] in _CLOSERS:
            return 0
        return 1

    def score(self, one: str, two: str) -> int:
        """Score the cut between the end of ``one`` and the start of ``two``; text edges score 6."""
        if not one or not two:
            return 6
        pair = (one[-1], two[0])
        found = self._scores.get(pair)
        if found is None:
            found = self._scores[pair] = self._score(*pair)
        return found


def _eliminate_equalities(diffs: RawDiff, newlines: frozenset[str]) -> bool:
    """Fold short coincidental equalities (``the``, ``of the``) into the edits around them."""
    changes = False
    equalities: list[int] = []
    last_equality: str | None = None
    pointer = 0
    ins1 = del1 = ins2 = del2 = 0
    while pointer < len(diffs):
        op, text = diffs[pointer]
        if op == EQUAL:
            equalities.append(pointer)
            ins1, del1, ins2, del2 = ins2, del2, 0, 0
            last_equality = text
        else:
            if op == INSERT:
                ins2 += len(text)
            else:
                del2 += len(text)
            if (
                last_equality
                and len(last_equality) < max(ins1, del1)
                and len(last_equality) < max(ins2, del2)
                and not any(c in newlines for c in last_equality)
            ):
                at = equalities[-1]
                diffs.insert(at, (DELETE, last_equality))
                diffs[at + 1] = (INSERT, diffs[at + 1][1])
                equalities.pop()
                if equalities:
                    equalities.pop()
                pointer = equalities[-1] if equalities else -1
                ins1 = del1 = ins2 = del2 = 0
                last_equality = None
                changes = True
        pointer += 1
    return changes


def _slide_to_boundaries(diffs: RawDiff, boundaries: Boundaries) -> None:
    """Shift each lone edit between two equalities to where it cuts at the best boundaries."""
    pointer = 1
    while pointer < len(diffs) - 1:
        if diffs[pointer - 1][0] == EQUAL and diffs[pointer + 1][0] == EQUAL:
            equality1, edit = diffs[pointer - 1][1], diffs[pointer][1]
            equality2 = diffs[pointer + 1][1]
            offset = PYTHON_DMP.diff_commonSuffix(equality1, edit)
            if offset:
                common = edit[-offset:]
                equality1 = equality1[:-offset]
                edit = common + edit[:-offset]
                equality2 = common + equality2
            best = (equality1, edit, equality2)
            best_score = boundaries.score(equality1, edit) + boundaries.score(edit, equality2)
            while edit and equality2 and edit[0] == equality2[0]:
                equality1 += edit[0]
                edit = edit[1:] + equality2[0]
                equality2 = equality2[1:]
                score = boundaries.score(equality1, edit) + boundaries.score(edit, equality2)
                if score >= best_score:  # ties go right, as in diff-match-patch
                    best_score = score
                    best = (equality1, edit, equality2)
            if diffs[pointer - 1][1] != best[0]:
                if best[0]:
                    diffs[pointer - 1] = (EQUAL, best[0])
                else:
                    del diffs[pointer - 1]
                    pointer -= 1
                diffs[pointer] = (diffs[pointer][0], best[1])
                if best[2]:
                    diffs[pointer + 1] = (EQUAL, best[2])
                else:
                    del diffs[pointer + 1]
                    pointer -= 1
        pointer += 1


def _extract_overlaps(diffs: RawDiff) -> None:
    """Turn ``-abcxxx +xxxdef`` into ``-abc =xxx +def`` when the overlap is substantial."""
    pointer = 1
    while pointer < len(diffs):
        if diffs[pointer - 1][0] == DELETE and diffs[pointer][0] == INSERT:
            deletion, insertion = diffs[pointer - 1][1], diffs[pointer][1]
            overlap1 = PYTHON_DMP.diff_commonOverlap(deletion, insertion)
            overlap2 = PYTHON_DMP.diff_commonOverlap(insertion, deletion)
            if overlap1 >= overlap2:
                if overlap1 >= len(deletion) / 2 or overlap1 >= len(insertion) / 2:
                    diffs.insert(pointer, (EQUAL, insertion[:overlap1]))
                    diffs[pointer - 1] = (DELETE, deletion[: len(deletion) - overlap1])
                    diffs[pointer + 1] = (INSERT, insertion[overlap1:])
                    pointer += 1
            elif overlap2 >= len(deletion) / 2 or overlap2 >= len(insertion) / 2:
                diffs.insert(pointer, (EQUAL, deletion[:overlap2]))
                diffs[pointer - 1] = (INSERT, insertion[: len(insertion) - overlap2])
                diffs[pointer + 1] = (DELETE, deletion[overlap2:])
                pointer += 1
            pointer += 1
        pointer += 1


def cleanup_semantic(diffs: RawDiff, keys: Mapping[str, str]) -> RawDiff:
    """Clean a raw token diff for human readers; returns the list (also modified in place)."""
    boundaries = Boundaries(keys)
    if _eliminate_equalities(diffs, boundaries.newlines):
        PYTHON_DMP.diff_cleanupMerge(diffs)
    _slide_to_boundaries(diffs, boundaries)
    _extract_overlaps(diffs)
    return [(op, text) for op, text in diffs if text]
