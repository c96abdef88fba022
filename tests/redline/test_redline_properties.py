"""Property-based tests of the redline engine: exactness, word integrity, backend equivalence."""

from __future__ import annotations

import importlib.util
import unicodedata
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from proposals.contract.part import paragraphs
from proposals.redline import (
    Version,
    align_rows,
    diff_text,
    new_side,
    old_side,
    ops_to_json,
    provenance,
)
from proposals.redline.engine import ANCHOR_MIN_TOKENS

# Fragments that stress the tokenizer: numbers, amounts, enumerators, accents (composed and
# not), CJK, emoji sequences, right-to-left text, CRLF, BOM, no-break spaces, Word punctuation.
FRAGMENTS = [
    "the ", "Employer ", "shall ", "pay ", "ten ", "twelve ", "(10) ", "(a) ", "12.3", "12.3 ",
    "$1,500.00 ", "on-call ", "days", ".", ". ", ", ", "; ", "\n", "\r\n", "\n\n", " ", "  ",
    "café ", "cafe\u0301 ", "Ångström ", "員工", "假期。", "👩\u200d⚕️ ", "👍🏽", "שלום ", "مرحبا ",
    "\ufeff", "\u00a0", "\u201cquoted\u201d ", '"quoted" ', "\u2014", "-", "Section ", "e.g. ",
    "\t", "x", "A", "\u0301", "\r",
]

fragments = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
any_text = st.text(max_size=60)
texts = st.one_of(fragments, any_text)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """An old text and a new one made by editing it, so the two share plenty of material."""
    old = draw(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
    new = list(old)
    for _ in range(draw(st.integers(0, 8))):
        action = draw(st.sampled_from(["insert", "delete", "replace", "move"]))
        at = draw(st.integers(0, len(new)))
        piece = draw(st.sampled_from(FRAGMENTS))
        if action == "insert" or not new:
            new.insert(at, piece)
        elif action == "delete":
            del new[min(at, len(new) - 1)]
        elif action == "replace":
            new[min(at, len(new) - 1)] = piece
        else:
            size = draw(st.integers(1, 10))
            block, new = new[at : at + size], new[:at] + new[at + size :]
            to = draw(st.integers(0, len(new)))
            new[to:to] = block
    return "".join(old), "".join(new)


pairs = st.one_of(edited_pairs(), st.tuples(texts, texts))
granularities = st.sampled_from(["word", "sentence", "char"])
# Long texts are cut at unique-token anchors before diffing; 0 forces that path on short ones.
anchoring = st.sampled_from([ANCHOR_MIN_TOKENS, 0])


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _letter(ch: str) -> bool:
    """A character of a spaced-script word (CJK characters are each a word of their own)."""
    if "\u3040" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff":
        return False
    return ch.isalnum() or ch == "_"


def _inside_word(text: str, at: int) -> bool:
    """Whether offset ``at`` cuts a word: between two letters, or a letter and its accent."""
    base = at - 1
    while base > 0 and _is_mark(text[base]):
        base -= 1
    return _letter(text[base]) and (_letter(text[at]) or _is_mark(text[at]))


def _boundaries(ops: list, side: str) -> list[int]:
    """Offsets in one side's text where one op ends and the next begins."""
    offsets: list[int] = []
    at = 0
    for op in ops:
        if op.op == ("insert" if side == "old" else "delete"):
            continue
        text = op.old_text if side == "old" and op.old_text is not None else op.text
        at += len(text)
        offsets.append(at)
    return offsets[:-1]


@settings(max_examples=500, deadline=None)
@given(pairs, granularities, st.booleans(), anchoring)
# Found by hypothesis: a shared trailing tab once came out after the next deletion.
@example(("the the Employer  \tthe ", "the Employer \t"), "word", False, ANCHOR_MIN_TOKENS)
def test_ops_rebuild_both_texts_exactly(pair: tuple[str, str], granularity: str,
                                        normalize: bool, anchor_min: int) -> None:
    old, new = pair
    ops = diff_text(old, new, granularity=granularity, normalize=normalize,  # type: ignore[arg-type]
                    _anchor_min=anchor_min)
    assert old_side(ops) == old
    assert new_side(ops) == new
    assert all(op.text for op in ops)


@settings(max_examples=300, deadline=None)
@given(pairs, st.booleans(), anchoring)
def test_no_op_boundary_inside_a_word(pair: tuple[str, str], normalize: bool,
                                      anchor_min: int) -> None:
    old, new = pair
    ops = diff_text(old, new, normalize=normalize, _anchor_min=anchor_min)
    for side, text in (("old", old), ("new", new)):
        for at in _boundaries(ops, side):
            assert not _inside_word(text, at), (side, text, at)


@settings(max_examples=200, deadline=None)
@given(texts, granularities)
def test_identical_inputs_give_one_equal_op(text: str, granularity: str) -> None:
    ops = diff_text(text, text, granularity=granularity)  # type: ignore[arg-type]
    assert [(op.op, op.text) for op in ops] == ([("equal", text)] if text else [])


@pytest.mark.skipif(importlib.util.find_spec("fast_diff_match_patch") is None,
                    reason="fast-diff-match-patch not installed")
@settings(max_examples=300, deadline=None)
@given(pairs, granularities, st.booleans(), anchoring)
def test_fast_and_python_backends_agree(pair: tuple[str, str], granularity: str,
                                        normalize: bool, anchor_min: int) -> None:
    old, new = pair
    kwargs = {"granularity": granularity, "normalize": normalize, "_anchor_min": anchor_min}
    assert diff_text(old, new, engine="python", **kwargs) == diff_text(old, new, engine="fast",
                                                                      **kwargs)


@settings(max_examples=200, deadline=None)
@given(pairs, st.integers(0, 12))
def test_sharing_codes_for_one_sided_tokens_changes_nothing(pair: tuple[str, str],
                                                            capacity: int) -> None:
    old, new = pair
    assert diff_text(old, new, _capacity=capacity) == diff_text(old, new)


@settings(max_examples=200, deadline=None)
@given(pairs, st.booleans())
def test_rows_cover_every_paragraph_in_order(pair: tuple[str, str], normalize: bool) -> None:
    old, new = pair
    rows = align_rows(old, new, normalize=normalize)
    # A move row at the new place carries the source text in ``old``; skip it on the old side.
    olds = [r.old for r in rows if r.old is not None and not (r.kind == "move" and r.new)]
    news = [r.new for r in rows if r.new is not None]
    assert olds == paragraphs(old)
    assert news == paragraphs(new)
    for row in rows:
        if row.old is not None:
            assert old_side(row.ops) == row.old
        if row.new is not None:
            assert new_side(row.ops) == row.new


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["union", "employer"]), pairs), min_size=1,
                max_size=4))
def test_provenance_spans_tile_the_final_text(history: list) -> None:
    versions = [Version("baseline", "baseline", history[0][1][0])]
    versions += [Version(f"{party[0].upper()}-{n}", party, texts_[1])
                 for n, (party, texts_) in enumerate(history, 1)]
    spans = provenance(versions)
    final = versions[-1].text
    assert [(s.start, s.end) for s in spans][:1] == ([(0, spans[0].end)] if final else [])
    assert all(a.end == b.start for a, b in pairwise(spans))
    assert (spans[-1].end if spans else 0) == len(final)
    labels = {v.label for v in versions}
    assert all(s.label in labels and s.start < s.end for s in spans)


@settings(max_examples=150, deadline=None)
@given(pairs, st.booleans())
def test_json_follows_the_design_contract(pair: tuple[str, str], normalize: bool) -> None:
    old, new = pair
    doc = ops_to_json(diff_text(old, new, normalize=normalize), from_label="a", to_label="b")
    assert "".join(o["text"] for o in doc["ops"] if o["op"] != "insert") == old
    assert "".join(o["text"] for o in doc["ops"] if o["op"] != "delete") == new
    for move, inner in doc["moves"].items():
        ends = [o for o in doc["ops"] if o["move"] == move]
        assert sorted(o["op"] for o in ends) == ["delete", "insert"]
        assert "".join(o["text"] for o in inner if o["op"] != "insert") == next(
            o["text"] for o in ends if o["op"] == "delete")


@settings(max_examples=200, deadline=None)
@given(pairs, st.booleans())
def test_ops_are_canonical(pair: tuple[str, str], normalize: bool) -> None:
    """No empty ops, no two plain equal ops in a row, and a deletion never follows an insertion
    of the same hunk except to start the next replaced paragraph."""
    old, new = pair
    ops = diff_text(old, new, normalize=normalize, moves=False)
    for a, b in pairwise(ops):
        assert not (a.op == b.op == "equal" and a.old_text is None and b.old_text is None)
        assert not (a.op == b.op and a.op != "equal")
