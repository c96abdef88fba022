"""Side-by-side rows: paragraphs aligned for the TUI and the Word export."""

from __future__ import annotations

from proposals.redline import Row, align_rows, move_detail

OLD = (
    "ARTICLE 12 - LEAVE\n"
    "\n"
    "12.1 Employees shall accrue ten (10) days of paid leave per year.\n"
    "12.2 Overtime shall be strictly voluntary for all bargaining unit members.\n"
    "12.3 Leave requests are answered within five days.\n"
    "12.4 Unused leave is forfeited at the end of the year.\n"
)
NEW = (
    "ARTICLE 12 - LEAVE\n"
    "\n"
    "12.1 Employees shall accrue twelve (12) days of paid leave per calendar year.\n"
    "12.3 Leave requests are answered within five days.\n"
    "12.3A Requests for bereavement leave are granted the same day.\n"
    "12.2 Overtime shall be voluntary for all bargaining unit members.\n"
)


def kinds(rows: list[Row]) -> list[tuple[str, str | None, str | None]]:
    short = lambda text: text.split(" ")[0] if text else text  # noqa: E731
    return [(r.kind, short(r.old), short(r.new)) for r in rows]


def test_rows_pair_paragraphs_and_show_one_sided_ones() -> None:
    rows = align_rows(OLD, NEW)
    assert kinds(rows) == [
        ("equal", "ARTICLE", "ARTICLE"),
        ("equal", "", ""),
        ("change", "12.1", "12.1"),
        ("move", "12.2", None),
        ("equal", "12.3", "12.3"),
        ("delete", "12.4", None),  # between two anchors, deletions come first
        ("insert", None, "12.3A"),
        ("move", "12.2", "12.2"),
    ]


def test_change_row_carries_word_ops() -> None:
    change = align_rows(OLD, NEW)[2]
    edits = [(op.op, op.text.strip()) for op in change.ops if op.op != "equal"]
    assert edits == [
        ("delete", "ten"),
        ("insert", "twelve"),
        ("delete", "10"),
        ("insert", "12"),
        ("insert", "calendar"),
    ]


def test_moved_paragraph_rows_share_an_id_and_show_inner_changes() -> None:
    rows = align_rows(OLD, NEW)
    moves = [r for r in rows if r.kind == "move"]
    assert len(moves) == 2 and moves[0].move == moves[1].move == "m1"
    assert moves[0].new is None and moves[0].old is not None
    assert moves[1].new is not None and moves[1].new.startswith("12.2")
    inner = [(op.op, op.text.strip()) for op in moves[1].ops if op.op != "equal"]
    assert inner == [("delete", "strictly")]


def test_inserted_paragraph_does_not_shift_the_pairing() -> None:
    # A paragraph-first diff pairs 12.2 with the new 12.1A here and redlines word salad.
    old = "12.1 Scope.\n12.2 Hours of work are eight per day.\n12.3 Breaks are paid.\n"
    new = (
        "12.1 Scope.\n12.1A A brand new clause about parking.\n"
        "12.2 Hours of work are ten per day.\n12.3 Breaks are paid.\n"
    )
    rows = align_rows(old, new)
    assert kinds(rows) == [
        ("equal", "12.1", "12.1"),
        ("insert", None, "12.1A"),
        ("change", "12.2", "12.2"),
        ("equal", "12.3", "12.3"),
    ]


def test_split_paragraph_keeps_every_line() -> None:
    old = "Leave is paid. Requests go to the manager.\nEnd.\n"
    new = "Leave is paid.\nRequests go to the manager.\nEnd.\n"
    rows = align_rows(old, new)
    assert [r.old for r in rows if r.old is not None] == old.splitlines()
    assert [r.new for r in rows if r.new is not None] == new.splitlines()


def test_crlf_article_rows_have_no_line_endings() -> None:
    rows = align_rows("One.\r\nTwo.\r\n", "One.\r\nTwo!\r\n")
    assert [(r.kind, r.old, r.new) for r in rows] == [("equal", "One.", "One."), ("change", "Two.", "Two!")]


def test_move_detail_matches_the_move_row() -> None:
    from proposals.redline import diff_text

    ops = diff_text(OLD, NEW)
    assert [(o.op, o.text.strip()) for o in move_detail(ops, "m1") if o.op != "equal"] == [
        ("delete", "strictly")
    ]
