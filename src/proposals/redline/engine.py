"""The diff-match-patch engine behind the redline: token encoding and the backend switch.

diff-match-patch diffs strings, so each distinct token key becomes one code point and the two
token lists become two strings. ``Diff_Timeout = 0``: with the default 1 s timeout, long
articles silently come back as "delete everything, insert everything".

The C++ ``fast_diff_match_patch`` is used when importable and gives the same raw diff as the
pure-Python library (both run Myers' bisection with no half-match shortcut when the timeout is
0); every cleanup after the raw diff runs in Python, so the two backends produce identical ops.
Set ``PROPOSALS_DIFF_BACKEND=python`` (or pass ``engine="python"``) to force pure Python.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Literal

import diff_match_patch as _dmp_module

try:  # optional accelerator
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - depends on the environment
    _fast = None

Engine = Literal["fast-diff-match-patch", "diff-match-patch"]
# Op codes as fast-diff-match-patch gives them, so its output (tens of thousands of pairs for a
# long article) goes to the cleanup as it is; the pure-Python library's -1/0/1 are translated.
DELETE, EQUAL, INSERT = "-", "=", "+"
RawDiff = list[tuple[str, str]]

# Code points for tokens: above Latin-1 (readable when debugging), within the BMP (fast-dmp on
# Windows stores UTF-16 and rejects anything above), never a surrogate (unencodable in UTF-8).
_FIRST = 0x100
_SURROGATES = range(0xD800, 0xE000)
BMP_CAPACITY = 0x10000 - _FIRST - len(_SURROGATES)


def _python_dmp() -> _dmp_module.diff_match_patch:
    dmp = _dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


PYTHON_DMP = _python_dmp()


def backend(engine: str | None = None) -> Engine:
    """Engine in use: the argument, else ``PROPOSALS_DIFF_BACKEND``, else the best."""
    choice = (engine or os.environ.get("PROPOSALS_DIFF_BACKEND") or "").strip().lower()
    if choice in ("python", "diff-match-patch", "pure"):
        return "diff-match-patch"
    if choice in ("fast", "fast-diff-match-patch") and _fast is None:
        raise RuntimeError("fast-diff-match-patch is not installed")
    return "fast-diff-match-patch" if _fast is not None else "diff-match-patch"


def code_point(index: int) -> str:
    """The ``index``-th usable code point: BMP first, no surrogates, then the astral planes."""
    cp = _FIRST + index
    if cp >= _SURROGATES.start:
        cp += len(_SURROGATES)
    if cp > 0x10FFFF:
        raise ValueError("more distinct tokens than Unicode has code points")
    return chr(cp)


@dataclass(frozen=True, slots=True)
class Encoded:
    """Two token-key sequences as strings, one code point per token."""

    old: str
    new: str
    keys: dict[str, str]  # code point -> token key, for scoring boundaries during cleanup
    astral: bool  # whether any code point lies outside the BMP
    unique: list[str] | None = None  # codes found once in each text, when counted (see anchors)


def encode(
    old_keys: Sequence[str],
    new_keys: Sequence[str],
    *,
    classify: Callable[[str], Hashable] = lambda key: 0,
    capacity: int = BMP_CAPACITY,
) -> Encoded:
    """Give each distinct key a code point; share codes for one-sided keys if there are too many.

    A key found on one side only can never match, so when the distinct keys outnumber
    ``capacity`` the old-only keys of one ``classify`` class share one code, and likewise the
    new-only keys: Myers' algorithm only compares old against new, and the cleanup only looks
    at a token's class, so the ops are unchanged. Only if the keys common to both sides still
    overflow do we go above the BMP (then pure Python runs the diff; see ``raw_diff``).
    """
    codes: dict[str, str] = {}
    distinct = dict.fromkeys(old_keys)
    distinct.update(dict.fromkeys(new_keys))
    if len(distinct) <= capacity:
        for index, k in enumerate(distinct):
            codes[k] = code_point(index)
        keys = {c: k for k, c in codes.items()}
        return Encoded(
            "".join(map(codes.__getitem__, old_keys)),
            "".join(map(codes.__getitem__, new_keys)),
            keys,
            astral=False,
        )
    old_set, new_set = set(old_keys), set(new_keys)
    common = [k for k in distinct if k in old_set and k in new_set]
    for index, k in enumerate(common):
        codes[k] = code_point(index)
    keys = {c: k for k, c in codes.items()}
    shared: dict[tuple[int, Hashable], str] = {}
    used = len(common)

    def one_sided(side: int, k: str) -> str:
        nonlocal used
        group = (side, classify(k))
        code = shared.get(group)
        if code is None:
            code = shared[group] = code_point(used)
            keys[code] = k  # any member stands for its class
            used += 1
        return code

    old = "".join(codes.get(k) or one_sided(0, k) for k in old_keys)
    new = "".join(codes.get(k) or one_sided(1, k) for k in new_keys)
    return Encoded(old, new, keys, astral=used > capacity)


class _Overflow(Exception):
    """More distinct keys than the code points ``encode_tokens`` may hand out."""


class _TokenCodes(dict[str, str]):
    """Token to code point, each distinct token keyed on its first look-up (``__missing__``):
    the codes then go to keys in order of first appearance, as in ``encode``, and the token
    lists are read once each, by the look-up that builds the encoded string."""

    def __init__(self, key_of: Callable[[str], str], capacity: int) -> None:
        super().__init__()
        self.key_of, self.capacity = key_of, min(capacity, len(_code_point_table()))
        self.codes: dict[str, str] = {}  # key -> code

    def __missing__(self, token: str) -> str:
        key = self.key_of(token)
        code = self.codes.get(key)
        if code is None:
            if len(self.codes) >= self.capacity:
                raise _Overflow
            code = self.codes[key] = _code_point_table()[len(self.codes)]
        self[token] = code
        return code


def encode_tokens(
    old_tokens: Sequence[str],
    new_tokens: Sequence[str],
    key_of: Callable[[str], str],
    *,
    classify: Callable[[str], Hashable] = lambda key: 0,
    capacity: int = BMP_CAPACITY,
) -> Encoded:
    """``encode`` of the tokens' keys, without building the two key lists first.

    Each distinct *token* is keyed once and mapped straight to its key's code point; codes go
    to keys in order of first appearance, as in ``encode``, so the result is the same. Past
    ``capacity`` distinct keys this hands over to ``encode``, which shares one-sided codes.
    """
    token_codes = _TokenCodes(key_of, capacity)
    try:
        old, new = _codes(old_tokens, token_codes), _codes(new_tokens, token_codes)
    except _Overflow:
        keys_of = {t: key_of(t) for t in dict.fromkeys([*old_tokens, *new_tokens])}
        return encode(
            [keys_of[t] for t in old_tokens],
            [keys_of[t] for t in new_tokens],
            classify=classify,
            capacity=capacity,
        )
    # The codes unique to both texts, for ``anchors``: a code is once in a text when its first
    # and last places are one. str.find and rfind stop at the first hit from each end, so a
    # common code costs two short scans; this beats counting every token of the new text
    # (``Counter``), which hashed and tallied each one. A code of the old text alone is not
    # found in the new one (one scan of it: there are few such codes).
    unique = []
    codes = token_codes.codes
    for code in codes.values():
        at = new.find(code)
        if at >= 0 and at == new.rfind(code):  # no other token of the same key in the new text
            at = old.find(code)
            if at >= 0 and at == old.rfind(code):
                unique.append(code)
    return Encoded(old, new, {c: k for k, c in codes.items()}, astral=False, unique=unique)


def _codes(tokens: Sequence[str], token_codes: dict[str, str]) -> str:
    """The tokens' codes as one string: one ``itemgetter`` call looks every token up, a fifth
    fewer instructions than ``map`` calling the dict's ``__getitem__`` once per token."""
    if len(tokens) < 2:  # itemgetter of one key gives the value itself, of none an error
        return "".join(map(token_codes.__getitem__, tokens))
    return "".join(itemgetter(*tokens)(token_codes))


@cache
def _code_point_table() -> tuple[str, ...]:
    """Every BMP code point ``code_point`` hands out, in order, to zip keys with: a tuple of
    ready-made strings, since iterating a string makes a new one-character string per code
    point above Latin-1 (thousands per article)."""
    return (*map(chr, range(_FIRST, _SURROGATES.start)), *map(chr, range(_SURROGATES.stop, 0x10000)))


_PYTHON_OPS = {-1: DELETE, 0: EQUAL, 1: INSERT}


def raw_diff(old: str, new: str, *, engine: Engine, astral: bool = False) -> RawDiff:
    """Myers diff of two encoded strings, merged but not yet cleaned up."""
    if engine == "fast-diff-match-patch" and _fast is not None and not astral:
        diffs: RawDiff = _fast.diff(old, new, timelimit=0, checklines=False, cleanup="No", counts_only=False)
        return diffs
    return [(_PYTHON_OPS[op], text) for op, text in PYTHON_DMP.diff_main(old, new, False)]


_FIND_UNIQUE_BELOW = 60_000  # tokens in the new text: how ``anchors`` finds unique tokens
_RUN_CAP = 64  # how far an anchor's surrounding match is measured, each way
_INDEX_BITS = 32  # an anchor chain entry: score << _INDEX_BITS | (index + 1)
_INDEX_MASK = (1 << _INDEX_BITS) - 1


def _run_around(old: str, new: str, i: int, j: int) -> int:
    """Length of the identical stretch around old[i] == new[j] (capped each way).

    Each side first compares the whole capped slices at once (one C-speed comparison, which
    settles anchors inside unchanged text), and only when they differ looks for where.
    """
    left = min(_RUN_CAP, i, j)
    a, b = old[i - left : i], new[j - left : j]
    if a != b:
        k = left - 1
        while k >= 0 and a[k] == b[k]:
            k -= 1
        left = left - 1 - k
    right = min(_RUN_CAP, len(old) - i - 1, len(new) - j - 1)
    a, b = old[i + 1 : i + 1 + right], new[j + 1 : j + 1 + right]
    if a != b:
        k = 0
        while a[k] == b[k]:
            k += 1
        right = k
    return 1 + left + right


def anchors(old: str, new: str, unique: list[str] | None = None) -> list[tuple[int, int]]:
    """Positions of tokens found exactly once on each side, the heaviest chain in order.

    Patience diff's idea: a token unique to both texts (a section number, an amount, a rare
    word) is almost surely the same place in both. Cutting the diff at these anchors turns one
    Myers diff costing O(N·D) into many small ones. When unique tokens disagree on the order
    (a paragraph moved), the chain keeping the most surrounding identical text wins, so an
    unchanged paragraph stays put and the edited one is the one reported as moved.
    """
    pairs: list[tuple[int, int]] = []
    if unique is not None:  # the codes found once on each side, counted by the caller
        pairs = sorted((old.find(c), new.find(c)) for c in unique)
    elif len(new) < _FIND_UNIQUE_BELOW:
        # A token is unique to a text when its first and last places are one: str.find and
        # rfind run at memchr speed and stop early for common tokens, which beats counting
        # every token up to ~100 pages (past that, scanning for each rare token costs more).
        for c in set(new):
            j = new.find(c)
            if j == new.rfind(c):
                i = old.find(c)
                if i >= 0 and i == old.rfind(c):
                    pairs.append((i, j))
        pairs.sort()
    else:
        in_old, in_new = Counter(old), Counter(new)
        wanted = {c for c, n in in_new.items() if n == 1 and in_old.get(c) == 1}
        where_new = {c: j for j, c in enumerate(new) if c in wanted}
        pairs = [(i, where_new[c]) for i, c in enumerate(old) if c in wanted]
    if not pairs:
        return []
    # Heaviest increasing chain of new positions: a Fenwick tree of the best (score, index) by
    # rank, each pair packed in one int (score above, index + 1 below) so that comparing ints
    # compares the pairs as tuples would, without building a tuple per step.
    ranks = {j: r + 1 for r, j in enumerate(sorted(j for _, j in pairs))}
    size = len(pairs)
    tree = [0] * (size + 1)  # 0 is (score 0, index -1)
    previous: list[int] = []
    best = 0
    for k, (i, j) in enumerate(pairs):
        r = ranks[j] - 1
        found = 0
        while r > 0:
            if tree[r] > found:
                found = tree[r]
            r &= r - 1
        entry = ((found >> _INDEX_BITS) + _run_around(old, new, i, j)) << _INDEX_BITS | (k + 1)
        previous.append((found & _INDEX_MASK) - 1)
        if entry > best:
            best = entry
        r = ranks[j]
        while r <= size:
            if tree[r] < entry:
                tree[r] = entry
            r += r & -r
    chain: list[tuple[int, int]] = []
    k = (best & _INDEX_MASK) - 1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


# Below this many tokens a side, one Myers diff is cheap and exactly minimal; above it we cut
# at anchors (about a page: pure-Python Myers on one page at 20% edits already costs ~20 ms).
ANCHOR_MIN_TOKENS = 300
ANCHOR_GAP = 64  # skip anchors closer than this to the previous cut: fewer, larger diff calls


def anchored_diff(
    old: str,
    new: str,
    *,
    engine: Engine,
    astral: bool = False,
    min_tokens: int = ANCHOR_MIN_TOKENS,
    unique: list[str] | None = None,
) -> RawDiff:
    """Myers diff between unique-token anchors (see ``anchors``), merged into one diff."""
    if min(len(old), len(new)) < min_tokens:
        return raw_diff(old, new, engine=engine, astral=astral)
    diffs: RawDiff = []
    # Segments meet at anchors (equal tokens), so only equalities ever need joining, and only
    # where a segment starts: diff-match-patch merges within one diff.
    i = j = 0
    len_old, len_new = len(old), len(new)
    for a, b in [*anchors(old, new, unique), (len_old, len_new)]:
        if a - i < ANCHOR_GAP and b - j < ANCHOR_GAP and a < len_old:
            continue  # too close to the last cut to be worth a separate diff call
        if a > i or b > j:
            segment = raw_diff(old[i:a], new[j:b], engine=engine, astral=astral)
            if segment and diffs and segment[0][0] == EQUAL and diffs[-1][0] == EQUAL:
                diffs[-1] = (EQUAL, diffs[-1][1] + segment[0][1])
                diffs.extend(segment[1:])
            else:
                diffs.extend(segment)
        if a < len_old:
            if diffs and diffs[-1][0] == EQUAL:
                diffs[-1] = (EQUAL, diffs[-1][1] + old[a])
            else:
                diffs.append((EQUAL, old[a]))
        i, j = a + 1, b + 1
    return diffs
