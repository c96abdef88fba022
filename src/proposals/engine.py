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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import diff_match_patch as _dmp_module

try:  # optional accelerator
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - depends on the environment
    _fast = None

Engine = Literal["fast-diff-match-patch", "diff-match-patch"]
DELETE, EQUAL, INSERT = -1, 0, 1
RawDiff = list[tuple[int, str]]

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


def encode(old_keys: Sequence[str], new_keys: Sequence[str], *,
           capacity: int = BMP_CAPACITY) -> Encoded:
    """Give each distinct key a code point; share codes for one-sided keys if there are too many.

    A key found on one side only can never match, so when the distinct keys outnumber
    ``capacity`` every old-only key shares one code and every new-only key another: Myers'
    algorithm compares old against new only, so the diff is unchanged. Only if the keys common to
    both sides still overflow do we go above the BMP (pure Python handles that; see ``diff``).
    """
    codes: dict[str, str] = {}
    distinct = dict.fromkeys(old_keys)
    distinct.update(dict.fromkeys(new_keys))
    if len(distinct) <= capacity:
        for index, k in enumerate(distinct):
            codes[k] = code_point(index)
        keys = {c: k for k, c in codes.items()}
        return Encoded("".join(codes[k] for k in old_keys), "".join(codes[k] for k in new_keys),
                       keys, astral=False)
    old_set, new_set = set(old_keys), set(new_keys)
    common = [k for k in distinct if k in old_set and k in new_set]
    for index, k in enumerate(common):
        codes[k] = code_point(index)
    old_only, new_only = code_point(len(common)), code_point(len(common) + 1)
    keys = {c: k for k, c in codes.items()}
    keys[old_only] = keys[new_only] = ""
    old = "".join(codes.get(k, old_only) for k in old_keys)
    new = "".join(codes.get(k, new_only) for k in new_keys)
    return Encoded(old, new, keys, astral=len(common) + 2 > capacity)


_FAST_OPS = {"=": EQUAL, "-": DELETE, "+": INSERT}


def raw_diff(old: str, new: str, *, engine: Engine, astral: bool = False) -> RawDiff:
    """Myers diff of two encoded strings, merged but not yet cleaned up."""
    if engine == "fast-diff-match-patch" and _fast is not None and not astral:
        return [(_FAST_OPS[op], text) for op, text in
                _fast.diff(old, new, timelimit=0, checklines=False, cleanup="No",
                           counts_only=False)]
    return [(op, text) for op, text in PYTHON_DMP.diff_main(old, new, False)]
