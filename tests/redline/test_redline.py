"""Examples for the word-level redline: the cases bargainers and their tools depend on."""

from __future__ import annotations

import random

import pytest
from corpus_contract import article, edit

from proposals.redline import Op, backend, diff_text, move_detail, new_side, old_side, render_markers
from proposals.redline.tokens import split

try:
    import fast_diff_match_patch  # noqa: F401
except ImportError:  # the accelerator is optional: test pure Python alone
    HAS_FAST = False
else:
    HAS_FAST = True
needs_fast = pytest.mark.skipif(not HAS_FAST, reason="fast-diff-match-patch not installed")
ENGINES = ["python", pytest.param("fast", marks=needs_fast)]


def changes(ops: list[Op]) -> list[tuple[str, str]]:
    """The non-equal ops as (op, stripped text), for readable assertions."""
    return [(op.op, op.text.strip()) for op in ops if op.op != "equal"]


def assert_rebuilds(ops: list[Op], old: str, new: str) -> None:
    assert old_side(ops) == old
    assert new_side(ops) == new


@pytest.mark.parametrize("engine", ENGINES)
def test_legal_example_gives_whole_word_changes(engine: str) -> None:
    old = "The employee shall accrue ten (10) days of paid leave per year."
    new = "The employee shall accrue twelve (12) days of paid leave per calendar year."
    ops = diff_text(old, new, engine=engine)
    assert changes(ops) == [
        ("delete", "ten"),
        ("insert", "twelve"),
        ("delete", "10"),
        ("insert", "12"),
        ("insert", "calendar"),
    ]
    assert_rebuilds(ops, old, new)


def test_tokens_keep_numbers_amounts_and_enumerators_whole() -> None:
    tokens = split("See Section 12.3 (a) for $1,500.00 on-call pay, and (b).")
    assert "12.3 " in tokens
    assert "(a) " in tokens
    assert "$1,500.00 " in tokens
    assert "on-call " in tokens
    assert "(b)" in tokens
    assert "".join(tokens) == "See Section 12.3 (a) for $1,500.00 on-call pay, and (b)."


def test_amount_change_is_one_token() -> None:
    ops = diff_text("A stipend of $1,500.00 per year.", "A stipend of $1,750.00 per year.")
    assert changes(ops) == [("delete", "$1,500.00"), ("insert", "$1,750.00")]


def test_identical_and_empty_inputs() -> None:
    text = "Article 1\nRecognition.\n"
    assert diff_text(text, text) == [Op("equal", text)]
    assert diff_text("", "") == []
    assert diff_text("", "New.") == [Op("insert", "New.")]
    assert diff_text("Old.", "") == [Op("delete", "Old.")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Le salarié reçoit une prime.", "Le salarié reçoit une prime annuelle."),
        ("員工每年享有十天假期。", "員工每年享有十二天假期。"),
        ("Shift swap ok 👍 for nurses 👩\u200d⚕️.", "Shift swap ok 👍🏽 for nurses 👩\u200d⚕️ only."),
        ("העובד יקבל עשרה ימי חופשה.", "העובד יקבל שנים עשר ימי חופשה."),
        ("Line one.\r\nLine two.\r\n", "Line one.\r\nLine 2.\r\nLine three.\r\n"),
        ("\ufeffArticle 3\nText.", "\ufeffArticle 3\nNew text."),
        ("مرحبا بالعالم", "مرحبا بالعالم كله"),
    ],
)
@pytest.mark.parametrize("granularity", ["word", "sentence", "char"])
def test_unicode_rebuilds_exactly(old: str, new: str, granularity: str) -> None:
    ops = diff_text(old, new, granularity=granularity)  # type: ignore[arg-type]
    assert_rebuilds(ops, old, new)
    if granularity != "sentence":  # most of these are one sentence, wholly changed
        assert any(op.op == "equal" for op in ops)


def test_cjk_change_is_one_character() -> None:
    ops = diff_text("員工每年享有十天假期。", "員工每年享有十二天假期。")
    assert changes(ops) == [("insert", "二")]


def test_combining_accent_stays_with_its_letter() -> None:
    old, new = "cafe\u0301 noir", "cafe\u0301 au lait"
    ops = diff_text(old, new)
    assert ops[0] == Op("equal", "cafe\u0301 ")
    assert_rebuilds(ops, old, new)


def test_nfc_matching_keeps_raw_text() -> None:
    old, new = "Le cafe\u0301 est servi.", "Le caf\u00e9 est servi."
    ops = diff_text(old, new)
    assert ops == [
        Op("equal", "Le "),
        Op("equal", "caf\u00e9", None, "cafe\u0301"),
        Op("equal", " est servi."),
    ]
    assert_rebuilds(ops, old, new)


def test_normalize_ignores_word_punctuation_only_when_asked() -> None:
    old = "The \u201cEmployer\u201d\u00a0shall pay \u2014 promptly.\r\n"
    new = 'The "Employer" shall pay - promptly.\n'
    folded = diff_text(old, new, normalize=True)
    assert all(op.op == "equal" for op in folded)
    assert_rebuilds(folded, old, new)
    strict = diff_text(old, new)
    assert any(op.op != "equal" for op in strict)
    assert_rebuilds(strict, old, new)


def test_crlf_paragraphs() -> None:
    old = "Para one stays.\r\nPara two changes here.\r\n"
    new = "Para one stays.\r\nPara two changed here.\r\n"
    ops = diff_text(old, new)
    assert changes(ops) == [("delete", "changes"), ("insert", "changed")]


def test_edits_do_not_fuse_across_paragraphs() -> None:
    old = "Alpha beta gamma delta epsilon.\nZeta eta theta iota kappa.\n"
    new = "One two three four five.\nSix seven eight nine ten.\n"
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    for op in ops:
        if op.op != "equal":
            assert "\n" not in op.text.rstrip("\n"), op


def test_dropped_punctuation_is_one_small_deletion() -> None:
    """A kept word whose trailing space changed does not split the deletion after it in two."""
    for old, new, expected in [
        ("schedule the. A vacation", "the A vacation", "[-schedule -]the[-.-] A vacation"),
        ("the Employer shall, subject to", "the Employer shall subject to",
         "the Employer shall[-,-] subject to"),
    ]:
        ops = diff_text(old, new)
        assert render_markers(ops) == expected
        assert old_side(ops) == old and new_side(ops) == new


def test_coincidental_short_equalities_are_folded() -> None:
    old = "The grievance shall be filed with the department head within five days."
    new = "Any complaint must be lodged with the Labor Relations office by the deadline."
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    # Without semantic cleanup "be", "with the" would fragment this into many small hunks.
    assert len([op for op in ops if op.op == "equal"]) <= 3


@pytest.mark.parametrize("engine", ENGINES)
def test_fifty_page_article_scattered_edits_give_a_minimal_diff(engine: str) -> None:
    rng = random.Random(50)
    old = article(rng, 50)
    new = edit(rng, old, 0.02)
    ops = diff_text(old, new, engine=engine)
    assert_rebuilds(ops, old, new)
    changed = sum(len(op.text) for op in ops if op.op != "equal")
    assert len(old) > 150_000
    # Scattered word edits: a few percent of the text changes, never a wholesale replacement.
    assert changed < 0.08 * (len(old) + len(new))
    assert max(len(op.text) for op in ops if op.op != "equal") < 200


@needs_fast
def test_both_engines_give_identical_ops_on_a_long_article() -> None:
    rng = random.Random(7)
    old = article(rng, 10)
    new = edit(rng, old, 0.2)
    assert diff_text(old, new, engine="python") == diff_text(old, new, engine="fast")


def test_backend_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert backend() == ("fast-diff-match-patch" if HAS_FAST else "diff-match-patch")
    assert backend("python") == "diff-match-patch"
    monkeypatch.setenv("PROPOSALS_DIFF_BACKEND", "python")
    assert backend() == "diff-match-patch"


def test_more_distinct_tokens_than_the_bmp_holds() -> None:
    words = [f"w{n}" for n in range(70_000)]
    old = " ".join(words)
    new_words = list(words)
    new_words[100] = "changed"
    del new_words[50_000]
    new = " ".join(new_words)
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    assert changes(ops) == [("delete", "w100"), ("insert", "changed"), ("delete", "w50000")]


def test_common_tokens_beyond_the_bmp_fall_back_to_python() -> None:
    words = [f"w{n}" for n in range(400)]
    old = " ".join(words)
    new = " ".join([*words[:10], "x", *words[10:]])
    small = diff_text(old, new, _capacity=100)
    assert small == diff_text(old, new)
    assert changes(small) == [("insert", "x")]


def test_sentence_granularity_changes_whole_sentences() -> None:
    old = "Leave is paid. Notice is two weeks. Pay is biweekly."
    new = "Leave is paid. Notice is three weeks. Pay is biweekly."
    ops = diff_text(old, new, granularity="sentence")
    assert changes(ops) == [("delete", "Notice is two weeks."), ("insert", "Notice is three weeks.")]


def test_char_granularity_splits_inside_words() -> None:
    ops = diff_text("ten days", "twelve days", granularity="char")
    assert_rebuilds(ops, "ten days", "twelve days")
    assert ops[0] == Op("equal", "t")


def test_moved_paragraph_with_light_edits() -> None:
    old = (
        "1. Scope of the agreement covers all clinicians.\n"
        "2. Overtime shall be strictly voluntary for all bargaining unit members.\n"
        "3. Schedules are posted two weeks in advance.\n"
        "4. Holidays are listed in Appendix A.\n"
    )
    new = (
        "1. Scope of the agreement covers all clinicians.\n"
        "3. Schedules are posted two weeks in advance.\n"
        "4. Holidays are listed in Appendix A.\n"
        "2. Overtime shall be voluntary for all bargaining unit members.\n"
    )
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    moved = [op for op in ops if op.move]
    assert {op.op for op in moved} == {"delete", "insert"}
    assert {op.move for op in moved} == {"m1"}
    assert changes(move_detail(ops, "m1")) == [("delete", "strictly")]
    assert not any(op.move for op in diff_text(old, new, moves=False))


def test_moved_sentence_inside_an_article() -> None:
    old = (
        "Employees may trade shifts with approval. The manager will respond within two days.\n"
        "Trades must be recorded in the scheduling system by the employee.\n"
    )
    new = (
        "Employees may trade shifts with approval.\n"
        "Trades must be recorded in the scheduling system by the employee. "
        "The manager will respond within three days.\n"
    )
    ops = diff_text(old, new)
    assert_rebuilds(ops, old, new)
    ids = {op.move for op in ops if op.move}
    assert len(ids) == 1
    detail = move_detail(ops, ids.pop())
    assert ("delete", "two") in changes(detail) and ("insert", "three") in changes(detail)


def test_unrelated_deletion_and_insertion_are_not_a_move() -> None:
    old = "Article 9.\nThe parking lot will be repaved by the Employer.\nEnd.\n"
    new = "Article 9.\nEnd.\nTuition reimbursement is capped at one course each term.\n"
    assert not any(op.move for op in diff_text(old, new))


def test_unrelated_long_texts_stay_fast_and_find_no_moves() -> None:
    # Everything is deleted and inserted: pairing every paragraph with every other took 25 s
    # before move candidates went through an index with a work budget.
    import time

    old, new = article(random.Random(1), 50), article(random.Random(2), 50)
    start = time.process_time()  # CPU, not wall: parallel test workers do not stretch it
    ops = diff_text(old, new)
    assert time.process_time() - start < 10
    assert_rebuilds(ops, old, new)
    assert not any(op.move for op in ops)


def test_unknown_granularity_is_an_error() -> None:
    with pytest.raises(ValueError, match="granularity"):
        diff_text("a", "b", granularity="line")  # type: ignore[arg-type]
