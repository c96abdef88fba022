"""A session of a later round dated on or before the last ratification (issue 17) would count in
the round that ratified: refused in one line naming both dates, nothing changed."""

from __future__ import annotations

from pathlib import Path

from sync_support import fails, git, make_repo, ok

ALICE = "Alice Organizer"


def _in_round_2028(tmp_path: Path) -> Path:
    """Alice's repo: both parts TA'd, round 2025 ratified 2025-04-01, round 2028 open."""
    alice = make_repo(tmp_path / "alice", ALICE)
    for part in ("staffing", "scheduling"):
        ok(alice, "ta", part, "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
           name=ALICE)
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", name=ALICE)
    ok(alice, "round", "open", "2028", "--expires", "2028-06-30", name=ALICE)
    return alice


def test_a_session_back_dated_into_the_ratified_round_is_refused(tmp_path: Path) -> None:
    alice = _in_round_2028(tmp_path)
    head = git(alice, "rev-parse", "HEAD")
    for day in ("2025-04-01", "2025-03-20"):
        line = fails(alice, "session", "open", day, name=ALICE)
        assert f"session {day} is on or before 2025-04-01, when round 2025 was ratified" in line, line
        assert git(alice, "rev-parse", "HEAD") == head
        assert not (alice / "sessions" / f"{day}.json").exists()
    ok(alice, "session", "open", "2025-04-02", "--place", "Room 4", name=ALICE)
    assert "2025-04-02" in ok(alice, "session", "show", name=ALICE)


def test_a_pass_ta_or_withdrawal_back_dated_into_the_ratified_round_is_refused(tmp_path: Path) -> None:
    """The same rule for a pass's, a TA's or a withdrawal's --session/--date: they would be
    listed under the earlier round's sessions while they stand in the new round's record."""
    alice = _in_round_2028(tmp_path)
    (alice / "articles" / "staffing.txt").write_text("ARTICLE 1 - STAFFING\nRatios of 1:4.\n")
    head = git(alice, "rev-parse", "HEAD")
    tags = git(alice, "tag", "--list")
    for args in (
        ["pass", "--party", "union", "--session", "2025-03-20", "staffing"],
        ["withdraw", "--party", "union", "--session", "2025-04-01", "scheduling"],
    ):
        line = fails(alice, *args, name=ALICE)
        assert "is on or before 2025-04-01, when round 2025 was ratified" in line, line
        assert git(alice, "rev-parse", "HEAD") == head and git(alice, "tag", "--list") == tags
    assert "Ratios of 1:4." in (alice / "articles" / "staffing.txt").read_text()  # the draft is kept
    ok(alice, "pass", "--party", "union", "--session", "2025-04-02", "staffing", name=ALICE)
    line = fails(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve",
                 "--date", "2025-03-30", name=ALICE)
    assert "is on or before 2025-04-01, when round 2025 was ratified" in line, line
