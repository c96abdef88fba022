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
from bisect import bisect_right
from collections.abc import Callable, Mapping
from itertools import accumulate
from operator import itemgetter

from proposals.redline.engine import DELETE, EQUAL, INSERT, PYTHON_DMP, RawDiff
from proposals.redline.tokens import is_newline

_WORD = re.compile(r"\w")
_EDIT_RUNS = re.compile(r"[-+]{2,}")  # two or more edits in a row, in a string of op codes
_LONE_EDIT = re.compile(r"(?<==)[-+](?==)")  # one edit between two equalities
_DELETE_INSERT = re.compile(r"-\+")  # a deletion followed by an insertion
_KIND, _TEXT = itemgetter(0), itemgetter(1)
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


def _finder(codes: frozenset[str]) -> Callable[[str], object]:
    """A test for whether a text holds any of ``codes`` (truthy if so), cheapest for the usual
    one or two paragraph-break codes."""
    if not codes:
        return lambda text: False
    if len(codes) == 1:
        (code,) = codes
        return lambda text: code in text
    return re.compile("[" + "".join(map(re.escape, sorted(codes))) + "]").search


class Boundaries:
    """Scores a boundary between two encoded tokens: higher is a more natural place to cut."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self._classes: dict[str, tuple[int, int]] = {}
        self._keys = keys
        self.newlines = frozenset(c for c, k in keys.items() if is_newline(k))
        self.wordless = frozenset(c for c, k in keys.items() if not _WORD.search(k))
        self.has_newline = _finder(self.newlines)

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
    if not boundaries.has_newline(equality):
        return True
    return edits_break and boundaries.wordless.issuperset(equality)


def _eliminate_equalities(diffs: RawDiff, boundaries: Boundaries) -> bool:
    """Fold short coincidental equalities (``the``, ``of the``) into the edits around them.

    diff-match-patch's loop; what depends only on the equality and the edits before it (its
    length, whether those edits are longer) is worked out once per equality, not per edit, and
    whether the edits around it cross a paragraph break only for the few equalities shorter
    than the edits on both sides (the edits before it are those since the equality before it:
    the loop's stack holds every equality behind it, and after a fold it resumes right after
    one).
    """
    changes = False
    equalities: list[int] = []
    last_equality: str | None = None
    size = 0  # len(last_equality)
    longer_before = False  # whether the edits before last_equality are longer than it
    pointer = 0
    count = len(diffs)
    ins2 = del2 = 0
    has_newline = boundaries.has_newline
    while pointer < count:
        op, text = diffs[pointer]
        if op == EQUAL:
            equalities.append(pointer)
            size = len(text)
            longer_before = 0 < size < (ins2 if ins2 > del2 else del2)
            ins2 = del2 = 0
            last_equality = text
        else:
            if op == INSERT:
                ins2 += len(text)
            else:
                del2 += len(text)
            if longer_before and last_equality and size < (ins2 if ins2 > del2 else del2):
                at = equalities[-1]
                edits = diffs[equalities[-2] + 1 if len(equalities) > 1 else 0 : pointer + 1]
                del edits[at - pointer - 1]  # the equality itself
                if _foldable(last_equality, any(map(has_newline, map(_TEXT, edits))), boundaries):
                    diffs.insert(at, (DELETE, last_equality))
                    diffs[at + 1] = (INSERT, diffs[at + 1][1])
                    count += 1
                    equalities.pop()
                    if equalities:
                        equalities.pop()
                    pointer = equalities[-1] if equalities else -1
                    ins2 = del2 = 0
                    longer_before = False
                    last_equality = None
                    changes = True
        pointer += 1
    return changes


def _merge(diffs: RawDiff) -> RawDiff:
    """diff-match-patch's ``diff_cleanupMerge``, with the same result, in linear time.

    The library splices the list in place for every run of edits it merges (quadratic on the
    thousands of ops of a long article); this builds a new list instead, keeping the library's
    every quirk (a common prefix with no equality before it goes to the front; an equality
    after a merged run is not joined to the one before it). Most runs need no merging at all:
    when the op codes show no two equalities in a row and no text is empty, only the runs that
    do are visited (see ``_merge_runs``) and the rest is copied wholesale.
    """
    kinds = "".join(map(_KIND, diffs))
    out = _merge_runs(diffs, kinds if "==" not in kinds and all(map(_TEXT, diffs)) else None)
    if not _may_shift(out):
        return out
    # Second pass: single edits between equalities that can shift sideways to remove an
    # equality (A<ins>BA</ins>C -> <ins>AB</ins>AC); the library's loop, unchanged.
    changes = False
    pointer = 1
    while pointer < len(out) - 1:
        if out[pointer - 1][0] == EQUAL and out[pointer + 1][0] == EQUAL:
            before, edit, after = out[pointer - 1][1], out[pointer][1], out[pointer + 1][1]
            if edit.endswith(before):
                if before != "":
                    out[pointer] = (out[pointer][0], before + edit[: -len(before)])
                    out[pointer + 1] = (EQUAL, before + after)
                del out[pointer - 1]
                changes = True
            elif edit.startswith(after):
                out[pointer - 1] = (EQUAL, before + after)
                out[pointer] = (out[pointer][0], edit[len(after) :] + after)
                del out[pointer + 1]
                changes = True
        pointer += 1
    return _merge(out) if changes else out


def _merge_runs(diffs: RawDiff, kinds: str | None) -> RawDiff:
    """The library's first sweep: each run of edits joined into one deletion and one insertion,
    their common prefix and suffix moved into the equalities around them.

    With ``kinds`` (the op codes, given only when no two equalities are adjacent and no text is
    empty), equalities and lone edits are known to come out unchanged, and so does a deletion
    followed by an insertion whose first and last codes differ: only other runs are rebuilt.
    """
    common_prefix, common_suffix = PYTHON_DMP.diff_commonPrefix, PYTHON_DMP.diff_commonSuffix
    out: RawDiff = []
    runs: list[tuple[int, int]] = []  # (first edit, the equality after the last one)
    if kinds is None:  # every equality is visited, and a dummy one at the end, as in the library
        start = 0
        for at, (op, _) in enumerate(diffs):
            if op == EQUAL:
                runs.append((start, at))
                start = at + 1
        runs.append((start, len(diffs)))
    else:
        for found in _EDIT_RUNS.finditer(kinds):
            start, at = found.span()
            if at - start == 2 and kinds[start] == DELETE and kinds[start + 1] == INSERT:
                deleted, inserted = diffs[start][1], diffs[start + 1][1]
                if deleted[0] != inserted[0] and deleted[-1] != inserted[-1]:
                    continue
            runs.append((start, at))
    done = 0
    end = len(diffs)
    for start, at in runs:
        out.extend(diffs[done:start])
        done = at + 1
        text = diffs[at][1] if at < end else ""  # the equality ending the run, or the dummy
        count = at - start
        if count > 1:
            run = diffs[start:at]
            deletes = [t for o, t in run if o == DELETE]
            text_delete = "".join(deletes)
            text_insert = "".join([t for o, t in run if o == INSERT])
            if deletes and len(deletes) < count:  # both deletions and insertions
                length = common_prefix(text_insert, text_delete)
                if length:
                    if out and out[-1][0] == EQUAL:
                        out[-1] = (EQUAL, out[-1][1] + text_insert[:length])
                    else:
                        out.insert(0, (EQUAL, text_insert[:length]))
                    text_insert, text_delete = text_insert[length:], text_delete[length:]
                length = common_suffix(text_insert, text_delete)
                if length:
                    text = text_insert[-length:] + text
                    text_insert, text_delete = text_insert[:-length], text_delete[:-length]
            if text_delete:
                out.append((DELETE, text_delete))
            if text_insert:
                out.append((INSERT, text_insert))
            out.append((EQUAL, text))
        elif count:
            out.append(diffs[start])
            out.append((EQUAL, text))
        elif out and out[-1][0] == EQUAL:
            out[-1] = (EQUAL, out[-1][1] + text)
        else:
            out.append((EQUAL, text))
    out.extend(diffs[done:])
    if out and out[-1][1] == "":
        out.pop()  # the dummy, unless something was merged into it
    return out


def _may_shift(diffs: RawDiff) -> bool:
    """Whether the second sweep of ``_merge`` would change anything: some lone edit between two
    equalities ends with the equality before it or starts with the one after it."""
    for found in _LONE_EDIT.finditer("".join(map(_KIND, diffs))):
        at = found.start()
        edit = diffs[at][1]
        if edit.endswith(diffs[at - 1][1]) or edit.startswith(diffs[at + 1][1]):
            return True
    return False


def _slide_to_boundaries(diffs: RawDiff, boundaries: Boundaries) -> None:
    """Shift each lone edit between two equalities to where it cuts at the best boundaries.

    The lone edits are found once, in the string of op codes; a slide never makes a new one
    (it only empties, and so removes, an equality next to its edit), so visiting those in order,
    skipping any whose equality before it is gone, does what diff-match-patch's sweep does.
    """
    removed = 0  # equalities removed so far: later positions move down by as many
    for found in _LONE_EDIT.finditer("".join(map(_KIND, diffs))):
        pointer = found.start() - removed
        if diffs[pointer - 1][0] != EQUAL:
            continue  # the slide before this one emptied the equality between them
        equality1, edit = diffs[pointer - 1][1], diffs[pointer][1]
        equality2 = diffs[pointer + 1][1]
        if equality1[-1] != edit[-1] and edit[0] != equality2[0]:
            continue  # the usual case: the edit cannot slide either way
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
                removed += 1
            diffs[pointer] = (diffs[pointer][0], best[1])
            if best[2]:
                diffs[pointer + 1] = (EQUAL, best[2])
            else:
                del diffs[pointer + 1]
                removed += 1


def _extract_overlaps(diffs: RawDiff) -> None:
    """Turn ``-abcxxx +xxxdef`` into ``-abc =xxx +def`` when the overlap is substantial.

    Each deletion followed by an insertion is found once in the string of op codes, as
    diff-match-patch's sweep visits them; an equality put between a pair moves the later ones up.
    """
    added = 0  # equalities inserted so far
    for found in _DELETE_INSERT.finditer("".join(map(_KIND, diffs))):
        pointer = found.start() + 1 + added  # the insertion
        deletion, insertion = diffs[pointer - 1][1], diffs[pointer][1]
        # An overlap starts with the other side's first token: skip the search if absent.
        overlap1 = PYTHON_DMP.diff_commonOverlap(deletion, insertion) if insertion[0] in deletion else 0
        overlap2 = PYTHON_DMP.diff_commonOverlap(insertion, deletion) if deletion[0] in insertion else 0
        if overlap1 >= overlap2:
            if overlap1 >= len(deletion) / 2 or overlap1 >= len(insertion) / 2:
                diffs.insert(pointer, (EQUAL, insertion[:overlap1]))
                diffs[pointer - 1] = (DELETE, deletion[: len(deletion) - overlap1])
                diffs[pointer + 1] = (INSERT, insertion[overlap1:])
                added += 1
        elif overlap2 >= len(deletion) / 2 or overlap2 >= len(insertion) / 2:
            diffs.insert(pointer, (EQUAL, deletion[:overlap2]))
            diffs[pointer - 1] = (INSERT, insertion[: len(insertion) - overlap2])
            diffs[pointer + 1] = (DELETE, deletion[overlap2:])
            added += 1


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
    has_newline = boundaries.has_newline
    kinds = "".join(map(_KIND, diffs))
    out: RawDiff = []
    done = 0  # diffs before this index are in ``out`` (or were replaced by a snapped hunk)
    # Only a run of two or more edits next to a paragraph break can snap; there are few breaks
    # and many runs, so the runs are found from the breaks. The rest is copied wholesale.
    for pointer, end in _runs_at_breaks(diffs, kinds, boundaries):
        starts = pointer == 0 or diffs[pointer - 1][1][-1:] in newlines
        crosses = any(map(has_newline, map(_TEXT, diffs[pointer:end])))
        if not (crosses or starts):
            continue
        run = diffs[pointer:end]
        if len({op for op, _ in run}) < 2:
            continue
        out.extend(diffs[done:pointer])
        done = end
        # A replacement crossing a paragraph break: widen it to the breaks around it.
        deleted = "".join(t for op, t in run if op == DELETE)
        inserted = "".join(t for op, t in run if op == INSERT)
        if crosses and out and out[-1][0] == EQUAL:
            before = out[-1][1]
            cut = max(before.rfind(c) for c in newlines) + 1
            if cut and wordless.issuperset(before[cut:]):
                deleted, inserted = before[cut:] + deleted, before[cut:] + inserted
                out[-1] = (EQUAL, before[:cut])
        if end < len(diffs):
            after = diffs[end][1]
            found = [at for c in newlines if (at := after.find(c)) >= 0]
            cut = min(found) + 1 if found else 0
            if cut and wordless.issuperset(after[:cut]):
                deleted, inserted = deleted + after[:cut], inserted + after[:cut]
                diffs[end] = (EQUAL, after[cut:])
        out.extend([(DELETE, deleted), (INSERT, inserted)])
    if not out:
        return diffs  # nothing snapped (and the cleanup hands over no empty texts)
    out.extend(diffs[done:])
    return list(filter(itemgetter(1), out))


def _runs_at_breaks(diffs: RawDiff, kinds: str, boundaries: Boundaries) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more edits that holds a paragraph break or follows
    an equality ending in one (or starts the text), in order."""
    ends = list(accumulate(map(len, map(_TEXT, diffs))))
    breaks = re.compile("[" + "".join(map(re.escape, sorted(boundaries.newlines))) + "]")
    holders = {bisect_right(ends, found.start()) for found in breaks.finditer("".join(map(_TEXT, diffs)))}
    starts = {0}
    for at in holders:
        if kinds[at] != EQUAL:
            starts.add(kinds.rfind(EQUAL, 0, at) + 1)
        elif diffs[at][1][-1:] in boundaries.newlines:
            starts.add(at + 1)
    runs = []
    for start in sorted(starts):
        end = kinds.find(EQUAL, start)
        end = len(kinds) if end < 0 else end
        if end - start >= 2:
            runs.append((start, end))
    return runs


def cleanup_semantic(diffs: RawDiff, keys: Mapping[str, str]) -> RawDiff:
    """Clean a raw token diff for human readers; returns a new list (``diffs`` is spent)."""
    boundaries = Boundaries(keys)
    if _eliminate_equalities(diffs, boundaries):
        diffs = _merge(diffs)
    _slide_to_boundaries(diffs, boundaries)
    _extract_overlaps(diffs)
    # No merge pass after this: it would factor the shared ".\n" back out of the hunk.
    return _snap_to_paragraphs(list(filter(itemgetter(1), diffs)), boundaries)
