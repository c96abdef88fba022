"""Passes rewritten for speed give what the straightforward code they replace gave.

Each reference below is the pass as it was before it was sped up (kept here, verbatim but for
names, as the specification), run on random token diffs whose codes include paragraph breaks
and wordless tokens, so folds, resumptions after a fold and the paragraph rule all occur.
``encode_tokens`` is held to ``encode`` of the token keys, which states what the codes are.
"""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.redline.cleanup import Boundaries, _eliminate_equalities, _foldable, boundary_class
from proposals.redline.engine import DELETE, EQUAL, INSERT, RawDiff, encode, encode_tokens
from proposals.redline.tokens import key_function, split

SEED = "cleanup-passes-2026-12-07"
# code -> key: words, a full stop, a comma and two paragraph breaks
KEYS = {"a": "the", "b": "Employer", "c": ".", "d": ",", "n": "\n", "r": "\r\n", "e": "shall"}


def _eliminate_equalities_reference(diffs: RawDiff, boundaries: Boundaries) -> bool:
    changes = False
    equalities: list[int] = []
    last_equality: str | None = None
    size = 0
    longer_before = False
    pointer = 0
    count = len(diffs)
    ins2 = del2 = 0
    breaks1 = breaks2 = False
    has_newline = boundaries.has_newline
    while pointer < count:
        op, text = diffs[pointer]
        if op == EQUAL:
            equalities.append(pointer)
            size = len(text)
            longer_before = 0 < size < (ins2 if ins2 > del2 else del2)
            ins2 = del2 = 0
            breaks1, breaks2 = breaks2, False
            last_equality = text
        else:
            if op == INSERT:
                ins2 += len(text)
            else:
                del2 += len(text)
            if not breaks2 and has_newline(text):
                breaks2 = True
            if (
                longer_before
                and last_equality
                and size < (ins2 if ins2 > del2 else del2)
                and _foldable(last_equality, breaks1 or breaks2, boundaries)
            ):
                at = equalities[-1]
                diffs.insert(at, (DELETE, last_equality))
                diffs[at + 1] = (INSERT, diffs[at + 1][1])
                count += 1
                equalities.pop()
                if equalities:
                    equalities.pop()
                pointer = equalities[-1] if equalities else -1
                ins2 = del2 = 0
                longer_before = False
                breaks1 = breaks2 = False
                last_equality = None
                changes = True
        pointer += 1
    return changes


def _random_diffs(rng: random.Random) -> RawDiff:
    """Ops of random kinds (equalities adjacent, empty texts and all) over a few codes."""
    codes = "aaabbcdenr"
    return [(rng.choice((EQUAL, EQUAL, DELETE, INSERT)),
             "".join(rng.choice(codes) for _ in range(rng.choice((0, 1, 1, 1, 2, 3, 5)))))
            for _ in range(rng.randint(0, 30))]


def test_eliminate_equalities_matches_the_plain_loop() -> None:
    boundaries = Boundaries(KEYS)
    rng = random.Random(SEED)
    folded = 0
    for _ in range(20_000):
        diffs = _random_diffs(rng)
        expected = list(diffs)
        changed = _eliminate_equalities_reference(expected, boundaries)
        got = list(diffs)
        assert _eliminate_equalities(got, boundaries) == changed, diffs
        assert got == expected, diffs
        folded += changed
    assert folded > 1_000  # the cases do fold, often



WORDS = ["the ", "the", "Employer ", "shall ", "12.3 ", ". ", ".", ", ", "\n", "\r\n", "pay  ", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map("".join),
       st.lists(st.sampled_from(WORDS), max_size=30).map("".join),
       st.integers(0, 12))
def test_encode_tokens_is_encode_of_the_keys(old: str, new: str, capacity: int) -> None:
    """Same code strings and code-to-key map as ``encode`` of the two key lists, at any
    capacity (past it, both share codes among one-sided keys); and the unique codes are those
    found once in each code string."""
    old_tokens, new_tokens = split(old), split(new)
    key_of = key_function(normalize=False, ascii=True)
    got = encode_tokens(old_tokens, new_tokens, key_of, classify=boundary_class, capacity=capacity)
    expected = encode(list(map(key_of, old_tokens)), list(map(key_of, new_tokens)),
                      classify=boundary_class, capacity=capacity)
    assert (got.old, got.new, got.keys, got.astral) == (expected.old, expected.new,
                                                        expected.keys, expected.astral)
    if got.unique is not None:
        in_old, in_new = Counter(got.old), Counter(got.new)
        assert sorted(got.unique) == sorted(c for c in in_new if in_new[c] == 1 == in_old[c])
