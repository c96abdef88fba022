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

import re
from collections.abc import Mapping

from proposals.engine import DELETE, EQUAL, INSERT, PYTHON_DMP, RawDiff
from proposals.tokens import is_newline

_WORD = re.compile(r"\w")
_OPENERS = frozenset("([{\"'\u2018\u201c\u00ab")
_CLOSERS = frozenset(")]}\"'.,;:!?\u2019\u201d\u00bb")


def boundary_class(key: str) -> tuple[int, int]:
    """What a token contributes to boundary scores: (as the left token, as the right token).

    Tokens of the same class score alike, which lets ``engine.encode`` share one code among
    one-sided tokens of a class without changing the cleanup's result.
    """
    if is_newline(key):
        return 5, 4
    stripped = key.rstrip()
    right = 0 if key[:1] in _CLOSERS else 1
    if stripped.endswith((".", "!", "?", "\u3002")):
        return 4, right
    if stripped.endswith((",", ";", ":")):
        return 3, right
    if stripped in _OPENERS:
        return 0, right
    return 1, right


class Boundaries:
    """Scores a boundary between two encoded tokens: higher is a more natural place to cut."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self._classes: dict[str, tuple[int, int]] = {}
        self._keys = keys
        self.newlines = frozenset(c for c, k in keys.items() if is_newline(k))
        self.wordless = frozenset(c for c, k in keys.items() if not _WORD.search(k))

    def _class(self, code: str) -> tuple[int, int]:
        found = self._classes.get(code)
        if found is None:
            found = self._classes[code] = boundary_class(self._keys.get(code, ""))
        return found

    def score(self, one: str, two: str) -> int:
        """Score the cut between the end of ``one`` and the start of ``two``; text edges score 6."""
        if not one or not two:
            return 6
        left = self._class(one[-1])[0]
        if left >= 3:  # after a paragraph break (5), a sentence (4) or a clause (3)...
            right = self._class(two[0])[1]
            return 4 if left == 3 and right == 4 else left  # ...unless a break follows a clause
        right = self._class(two[0])[1]
        return 4 if right == 4 else min(left, right)  # before a break; 0 by an opener or closer


def _foldable(equality: str, edits_break: bool, boundaries: Boundaries) -> bool:
    """Whether an equality may be folded despite a paragraph break in it.

    Only when it holds no words (just ``.`` and the break, say) and the edits beside it already
    cross a paragraph break: whole paragraphs being inserted or deleted should not leave a
    stray ``.\n`` behind as "unchanged". Otherwise each paragraph keeps its own edits.
    """
    if not any(n in equality for n in boundaries.newlines):
        return True
    return edits_break and all(c in boundaries.wordless for c in equality)


def _eliminate_equalities(diffs: RawDiff, boundaries: Boundaries) -> bool:
    """Fold short coincidental equalities (``the``, ``of the``) into the edits around them."""
    changes = False
    equalities: list[int] = []
    last_equality: str | None = None
    pointer = 0
    ins1 = del1 = ins2 = del2 = 0
    breaks1 = breaks2 = False  # whether the edits before/after the equality cross a paragraph
    newlines = boundaries.newlines
    while pointer < len(diffs):
        op, text = diffs[pointer]
        if op == EQUAL:
            equalities.append(pointer)
            ins1, del1, ins2, del2 = ins2, del2, 0, 0
            breaks1, breaks2 = breaks2, False
            last_equality = text
        else:
            if op == INSERT:
                ins2 += len(text)
            else:
                del2 += len(text)
            breaks2 = breaks2 or any(n in text for n in newlines)
            if (
                last_equality
                and len(last_equality) < max(ins1, del1)
                and len(last_equality) < max(ins2, del2)
                and _foldable(last_equality, breaks1 or breaks2, boundaries)
            ):
                at = equalities[-1]
                diffs.insert(at, (DELETE, last_equality))
                diffs[at + 1] = (INSERT, diffs[at + 1][1])
                equalities.pop()
                if equalities:
                    equalities.pop()
                pointer = equalities[-1] if equalities else -1
                ins1 = del1 = ins2 = del2 = 0
                breaks1 = breaks2 = False
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
            if equality1[-1] != edit[-1] and edit[0] != equality2[0]:
                pointer += 1  # the usual case: the edit cannot slide either way
                continue
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
            # An overlap starts with the other side's first token: skip the search if absent.
            overlap1 = PYTHON_DMP.diff_commonOverlap(deletion, insertion) if insertion[0] in deletion else 0
            overlap2 = PYTHON_DMP.diff_commonOverlap(insertion, deletion) if deletion[0] in insertion else 0
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


def _snap_to_paragraphs(diffs: RawDiff, boundaries: Boundaries) -> RawDiff:
    """Let a replacement that crosses paragraph breaks take whole paragraphs.

    Replacing the last paragraph by two others leaves ``[-…year-]{+…day.\n…members+}.\n``:
    the shared ``.`` and line break are no evidence of anything. When a hunk with both a
    deletion and an insertion crosses a break, or starts a paragraph, the wordless run up to
    the next break after it joins the hunk on both sides; when it crosses a break, so does the
    wordless run after the break before it.
    """
    newlines, wordless = boundaries.newlines, boundaries.wordless
    if not newlines:
        return diffs
    out: RawDiff = []
    pointer = 0
    while pointer < len(diffs):
        if diffs[pointer][0] == EQUAL:
            out.append(diffs[pointer])
            pointer += 1
            continue
        end = pointer + 1
        while end < len(diffs) and diffs[end][0] != EQUAL:
            end += 1
        if end - pointer == 1:  # a lone deletion or insertion: nothing to snap
            out.append(diffs[pointer])
            pointer = end
            continue
        run = diffs[pointer:end]
        crosses = any(n in t for _, t in run for n in newlines)
        starts = not out or out[-1][1][-1:] in newlines
        if len({op for op, _ in run}) < 2 or not (crosses or starts):
            out.extend(run)
            pointer = end
            continue
        # A replacement crossing a paragraph break: widen it to the breaks around it.
        deleted = "".join(t for op, t in run if op == DELETE)
        inserted = "".join(t for op, t in run if op == INSERT)
        if crosses and out and out[-1][0] == EQUAL:
            before = out[-1][1]
            cut = max(before.rfind(c) for c in newlines) + 1
            if cut and all(c in wordless for c in before[cut:]):
                deleted, inserted = before[cut:] + deleted, before[cut:] + inserted
                out[-1] = (EQUAL, before[:cut])
        if end < len(diffs):
            after = diffs[end][1]
            found = [at for c in newlines if (at := after.find(c)) >= 0]
            cut = min(found) + 1 if found else 0
            if cut and all(c in wordless for c in after[:cut]):
                deleted, inserted = deleted + after[:cut], inserted + after[:cut]
                diffs[end] = (EQUAL, after[cut:])
        out.extend([(DELETE, deleted), (INSERT, inserted)])
        pointer = end
    return [(op, text) for op, text in out if text]


def cleanup_semantic(diffs: RawDiff, keys: Mapping[str, str]) -> RawDiff:
    """Clean a raw token diff for human readers; returns the list (also modified in place)."""
    boundaries = Boundaries(keys)
    if _eliminate_equalities(diffs, boundaries):
        PYTHON_DMP.diff_cleanupMerge(diffs)
    _slide_to_boundaries(diffs, boundaries)
    _extract_overlaps(diffs)
    # No merge pass after this: it would factor the shared ".\n" back out of the hunk.
    return _snap_to_paragraphs([(op, text) for op, text in diffs if text], boundaries)
