"""Swapped paragraphs: of two paragraphs that traded places, the redline moves the one that
leaves fewer change sites (``moves.swap_moves``), also when a paragraph deleted or inserted
between them is part of the kept side."""

from __future__ import annotations

import random

import bench_diff
import pytest
from corpus_contract import article, contract, edit

from proposals.redline import Op, diff_text, moved_texts, moves, new_side, old_side
from proposals.redline.moves import detect_moves

HEAD = "ARTICLE 7 - HOURS OF WORK\n\n7.1 The normal work week is five days of eight hours each.\n"
TAIL = "7.10 Nothing in this Article guarantees any number of hours of work per week.\n"
# K, the longer paragraph, is what the diff engine keeps in place; K1 edits it once, K2 twice.
K = ("7.7 Employees who work rotating shifts shall receive the shift differential set out in Appendix B "
     "for every hour worked between six in the evening and six in the morning, including overtime hours.\n")
K1 = ("7.7 Employees who work rotating shifts shall receive the shift differential set out in Appendix C "
      "for every hour worked between six in the evening and six in the morning, including overtime hours.\n")
K2 = ("7.7 Employees who work shifts shall receive the shift differential set out in Appendix C "
      "for every hour worked between six in the evening and six in the morning, including overtime hours.\n")
X = "7.9 Requests for leave shall be submitted in writing to the manager fourteen days in advance.\n"
# X, the shorter one, is what it reports as moved; X1 edits it once, X2 twice.
X1 = "7.9 Requests for leave shall be submitted in writing to the manager ten days in advance.\n"
X2 = "7.9 Requests for paid leave shall be submitted in writing to the manager ten days in advance.\n"
# Paragraphs that may stand between X and K: E deleted (or, edited, kept), F inserted.
E = ("7.8 The Employer shall post the schedule of shifts on the notice board at least two weeks before it "
     "takes effect.\n")
E1 = ("7.8 The Employer shall post the schedule of shifts on the notice board at least three weeks before "
      "it takes effect.\n")
E_REWRITTEN = ("7.8 The Union may post a schedule of meetings on its notice board at most one week before "
               "it meets.\n")
F = "7.8 A shift change requested by an employee may be granted where operational needs allow it.\n"
# A near copy of K, which would pair with K2 as well as K does.
K_LIKE = ("7.8 Employees who work rotating shifts shall receive the shift differential set out in Appendix B "
          "for every hour worked on a weekend or a public holiday, including overtime hours.\n")


def hunks(ops: list[Op]) -> int:
    """Change sites, counted by the benchmark."""
    return bench_diff.hunks([(op.op, op.text) for op in ops])


def plain_changes(ops: list[Op]) -> list[tuple[str, str]]:
    """The changes that are not move ends, as (op, stripped text)."""
    return [(op.op, op.text.strip()) for op in ops if op.op != "equal" and op.move is None]


def without_swaps(old: str, new: str) -> list[Op]:
    """What the redline gave before swapped paragraphs were considered."""
    return detect_moves(diff_text(old, new, moves=False))


def assert_rebuilds(ops: list[Op], old: str, new: str) -> None:
    assert old_side(ops) == old
    assert new_side(ops) == new


@pytest.mark.parametrize(("x_old", "x_new"), [(X, X), (X, X1)], ids=["x-unedited", "x-edited-once"])
@pytest.mark.parametrize("direction", ["up", "down"])
def test_the_more_edited_paragraph_is_the_move(direction: str, x_old: str, x_new: str) -> None:
    if direction == "up":  # X moved above K
        old, new = HEAD + K + x_old + TAIL, HEAD + x_new + K2 + TAIL
    else:  # X moved below K
        old, new = HEAD + x_old + K + TAIL, HEAD + K2 + x_new + TAIL
    before = without_swaps(old, new)
    assert moved_texts(before) == {"m1": (x_old, x_new)}  # the engine kept K in place
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    assert moved_texts(ops) == {"m1": (K, K2)}
    assert plain_changes(ops) == plain_changes(diff_text(x_old, x_new))  # X diffed in place
    # K's two edits now live inside the move; X's edits, if any, show in place.
    assert hunks(ops) == hunks(before) - 2 + hunks(diff_text(x_old, x_new))
    first_end = next(op for op in ops if op.move)
    assert first_end.op == ("delete" if direction == "up" else "insert")


@pytest.mark.parametrize("normalize", [False, True])
def test_crlf_paragraphs_swap_too(normalize: bool) -> None:
    old = (HEAD + K + X + TAIL).replace("\n", "\r\n")
    new = (HEAD + X + K2 + TAIL).replace("\n", "\r\n")
    ops = diff_text(old, new, normalize=normalize)
    assert_rebuilds(ops, old, new)
    assert moved_texts(ops) == {"m1": (K.replace("\n", "\r\n"), K2.replace("\n", "\r\n"))}


@pytest.mark.parametrize(("x_new", "k_new"), [(X2, K1), (X1, K1), (X2, K2), (X, K)],
                         ids=["moved-has-more-edits", "tie-one-each", "tie-two-each", "kept-unedited"])
@pytest.mark.parametrize("direction", ["up", "down"])
def test_moving_the_other_paragraph_when_it_saves_nothing_changes_nothing(
        direction: str, x_new: str, k_new: str) -> None:
    old = HEAD + K + X + TAIL if direction == "up" else HEAD + X + K + TAIL
    new = HEAD + x_new + k_new + TAIL if direction == "up" else HEAD + k_new + x_new + TAIL
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    assert ops == without_swaps(old, new)
    assert moved_texts(ops) == {"m1": (X, x_new)}


def test_a_moved_sentence_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "Requests for leave shall be submitted in writing to the manager fourteen days in advance."
    old = HEAD + "7.2 Overtime is voluntary for all members of the unit. " + sentence + "\n" + K + TAIL
    new = HEAD + "7.2 Overtime is voluntary for all members of the unit.\n" + K2 + sentence + "\n" + TAIL
    before = without_swaps(old, new)
    assert moved_texts(before)["m1"][0] == " " + sentence  # a sentence left the 7.2 paragraph
    ops = diff_text(old, new)
    assert ops == before
    assert_rebuilds(ops, old, new)
    # Only the whole-paragraph rule holds it back: moving K instead would cut 7.2 in two.
    monkeypatch.setattr(moves, "_whole_lines", lambda *_: True)
    assert diff_text(old, new) != before


@pytest.mark.parametrize("direction", ["up", "down"])
def test_a_kept_paragraph_rewritten_beyond_a_move_is_not_called_one(
        direction: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every third word of K replaced: too few shared word pairs for detect_moves to pair them.
    rewritten = ("7.7 Employees that work rotating rosters shall receive a shift differential laid out in "
                 "Schedule B for each hour worked from six in late evening and seven in the day, including "
                 "overtime hours.\n")
    old = HEAD + K + X + TAIL if direction == "up" else HEAD + X + K + TAIL
    new = HEAD + X + rewritten + TAIL if direction == "up" else HEAD + rewritten + X + TAIL
    before = without_swaps(old, new)
    assert moved_texts(before) == {"m1": (X, X)}
    assert diff_text(old, new) == before
    # Only the similarity rule holds it back: moving K instead would leave fewer hunks.
    monkeypatch.setattr(moves, "_would_pair", lambda *_: True)
    assert hunks(diff_text(old, new)) < hunks(before)


def test_blank_lines_around_the_kept_paragraph_are_not_part_of_the_move() -> None:
    old, new = HEAD + "\n" + K + "\n" + X + TAIL, HEAD + X + "\n" + K2 + TAIL
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    assert moved_texts(ops) == {"m1": (K, K2)}
    assert all(op.text.strip() for op in ops if op.move)


def test_bench_one_page_swap_has_no_more_hunks_than_git() -> None:
    """The benchmark's "1 page, 5%" case: 7.9 and 7.7 swapped and 7.7 carries the edits."""
    rng = random.Random(f"{bench_diff.SEED}/1/0.05")
    old = article(rng, 1)
    new = edit(rng, old, 0.05, moves=1, paragraphs=1)
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    deleted, inserted = moved_texts(ops)["m1"]
    assert deleted.startswith("7.7 ") and inserted.startswith("7.7 ")
    git = bench_diff.measure_git(bench_diff.Case("1 page, 5%", [(old, new)], len(old.split())))
    assert hunks(ops) <= git.hunks == 17


def test_swaps_on_the_corpus_only_ever_remove_hunks() -> None:
    """Seeded articles with several moves: every rewrite rebuilds both texts, keeps one
    deletion and one insertion per move id with ids in reading order, and saves hunks."""
    swapped = 0
    for seed in range(120):
        rng = random.Random(f"swap/{seed}")
        old = article(rng, rng.choice([0.5, 1, 2]))
        new = edit(rng, old, rng.choice([0.02, 0.05, 0.1, 0.2]), moves=rng.randint(1, 3), paragraphs=1)
        ops, before = diff_text(old, new), without_swaps(old, new)
        assert_rebuilds(ops, old, new)
        ids = list(dict.fromkeys(op.move for op in ops if op.move))
        assert ids == [f"m{n}" for n in range(1, len(ids) + 1)]
        for move in ids:
            assert sorted(op.op for op in ops if op.move == move) == ["delete", "insert"]
        if ops != before:
            swapped += 1
            assert hunks(ops) < hunks(before), seed
    assert swapped >= 2  # the seeds do exercise the rewrite


@pytest.mark.parametrize("extra", ["deleted", "inserted"])
@pytest.mark.parametrize("direction", ["up", "down"])
def test_a_paragraph_moved_past_an_edited_one_and_a_third_moves_the_edited_one(
        direction: str, extra: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # X moved past K, which has two edits; E was deleted between them, or F inserted.
    between_old, between_new = (E, "") if extra == "deleted" else ("", F)
    if direction == "up":
        old, new = HEAD + K + between_old + X + TAIL, HEAD + X + between_new + K2 + TAIL
    else:
        old, new = HEAD + X + between_old + K + TAIL, HEAD + K2 + between_new + X + TAIL
    before = without_swaps(old, new)
    assert moved_texts(before) == {"m1": (X, X)}
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    assert moved_texts(ops) == {"m1": (K, K2)}
    # The third paragraph is a plain change, X is unchanged in place, K's edits are in the move.
    assert plain_changes(ops) == ([("delete", E.strip())] if extra == "deleted" else [("insert", F.strip())])
    assert hunks(ops) == hunks(before) - 2
    # Only the kept side's new size lets it hold two paragraphs: with one, nothing changes.
    monkeypatch.setattr(moves, "K_LINES", 1)
    assert diff_text(old, new) == before


@pytest.mark.parametrize("direction", ["up", "down"])
def test_a_third_paragraph_only_partly_changed_is_left_alone(
        direction: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not moves._would_pair(E, E_REWRITTEN)  # too changed to pair, but some words are kept
    if direction == "up":
        old, new = HEAD + E + K + X + TAIL, HEAD + X + E_REWRITTEN + K2 + TAIL
    else:
        old, new = HEAD + X + K + E + TAIL, HEAD + K2 + E_REWRITTEN + X + TAIL
    before = without_swaps(old, new)
    assert moved_texts(before) == {"m1": (X, X)}
    assert any(op.op == "equal" and "notice board" in op.text for op in before)  # E partly kept
    assert diff_text(old, new) == before
    # Only that rule holds it back: E deleted and E_REWRITTEN inserted whole would leave fewer hunks.
    monkeypatch.setattr(moves, "_wholly_changed", lambda *_: True)
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    assert moved_texts(ops) == {"m1": (K, K2)}
    assert hunks(ops) < hunks(before)


def test_a_deleted_paragraph_that_would_pair_too_makes_the_swap_ambiguous(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # K and its deleted near copy K_LIKE would each pair with K2: which one moved is not clear.
    old, new = HEAD + X + K + K_LIKE + TAIL, HEAD + K2 + X + TAIL
    assert moves._would_pair(K, K2) and moves._would_pair(K_LIKE, K2)
    before = without_swaps(old, new)
    assert moved_texts(before) == {"m1": (X, X)}
    assert ("delete", K_LIKE.strip()) in plain_changes(before)
    assert diff_text(old, new) == before
    # Only the ambiguity holds it back: were K_LIKE unlike K2, K would be the move.
    would_pair = moves._would_pair
    monkeypatch.setattr(moves, "_would_pair", lambda a, b: a != K_LIKE and would_pair(a, b))
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    assert moved_texts(ops) == {"m1": (K, K2)}
    assert hunks(ops) < hunks(before)


def test_a_kept_side_whose_two_paragraphs_each_pair_is_left_alone() -> None:
    # K to K2 and E to E1 (one edit each): two candidate moves, not one.
    old, new = HEAD + X + K + E + TAIL, HEAD + K2 + E1 + X + TAIL
    assert moves._would_pair(E, E1)
    before = without_swaps(old, new)
    assert moved_texts(before) == {"m1": (X, X)}
    assert diff_text(old, new) == before


def test_bench_contract_article_with_a_deleted_paragraph_in_the_swap_has_no_more_hunks_than_git() -> None:
    """The benchmark's contract at 5%, article 57: 57.15 moved below 57.17, which carries seven
    edits, and 57.18 after them was deleted; the engine also matched a few words of 57.18 with the
    end of 57.15's new copy. Moving 57.17 instead, with 57.18 a plain deletion, saves 8 hunks."""
    rng = random.Random(f"{bench_diff.SEED}/contract/0.05")
    olds = contract(rng)
    pairs = [(old, edit(rng, old, 0.05, moves=1, paragraphs=1)) for old in olds]
    old, new = pairs[56]
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    deleted, inserted = moved_texts(ops)["m1"]
    assert deleted.startswith("57.17 ") and inserted.startswith("57.17 ")
    assert any(op.op == "delete" and not op.move and op.text.startswith("57.18 ") for op in ops)
    git = bench_diff.measure_git(bench_diff.Case("contract article 57, 5%", [(old, new)], len(old.split())))
    assert hunks(ops) <= git.hunks
