"""round undo (issue 17): a close (wrong ratification date, or before the last TA) or an opening
made by mistake is taken back while it is the last thing recorded and unshared; otherwise one
line says why and nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

from sync_support import SCHEDULING, fails, git, make_repo, ok, read, tags, write

ALICE = "Alice Organizer"


def _state(member: Path) -> tuple[str, str, dict[str, str]]:
    refs = git(member, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags")
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted((member / "articles").iterdir())}
    return git(member, "rev-parse", "HEAD"), refs, files


def _rounds(member: Path) -> list[tuple[str, str | None]]:
    rounds = json.loads(ok(member, "round", "list", "--json", name=ALICE))["rounds"]
    return [(r["round"], r["ratified"]) for r in rounds]


def test_a_close_with_the_wrong_date_is_undone_and_closed_again(tmp_path: Path) -> None:
    alice = make_repo(tmp_path / "alice", ALICE)
    ok(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
       name=ALICE)
    before = _state(alice)
    # Closed before scheduling's TA, with the wrong date: scheduling (open, no earlier text) left out.
    ok(alice, "round", "close", "--ratified", "2052-04-01", "--name", "2025", "--force", name=ALICE)
    assert not (alice / "articles" / "scheduling.txt").exists()
    out = ok(alice, "round", "undo", name=ALICE)
    assert "Undid the close of round 2025 (ratified 2052-04-01)" in out and "2025/ratified removed" in out
    assert _state(alice) == before
    assert read(alice, "scheduling") == SCHEDULING
    assert _rounds(alice) == [("1", None)]
    assert git(alice, "status", "--porcelain") == ""
    assert "every pass and TA tag is in place" in ok(alice, "verify", name=ALICE)
    status = {r["id"]: r["status"] for r in json.loads(ok(alice, "status", "--json", name=ALICE))["articles"]}
    assert status == {"staffing": "ta", "scheduling": "open"}
    # The last TA, then the right close.
    ok(alice, "ta", "scheduling", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-02",
       name=ALICE)
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", name=ALICE)
    assert _rounds(alice) == [("2025", "2025-04-01")]
    assert tags(alice)["2025/ratified"] == git(alice, "rev-parse", "HEAD").strip()
    assert "every pass and TA tag is in place" in ok(alice, "verify", name=ALICE)


def test_an_opening_is_undone_then_the_close(tmp_path: Path) -> None:
    alice = make_repo(tmp_path / "alice", ALICE)
    ok(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
       name=ALICE)
    start = _state(alice)
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name=ALICE)
    closed = _state(alice)
    ok(alice, "round", "open", "2082", "--expires", "2082-06-30", name=ALICE)
    assert "Undid the opening of round 2082" in ok(alice, "round", "undo", name=ALICE)
    assert _state(alice) == closed and _rounds(alice) == [("2025", "2025-04-01")]
    assert "every pass and TA tag is in place" in ok(alice, "verify", name=ALICE)
    ok(alice, "round", "open", "2028", "--expires", "2028-06-30", name=ALICE)
    assert _rounds(alice) == [("2025", "2025-04-01"), ("2028", None)]
    ok(alice, "round", "undo", name=ALICE)
    ok(alice, "round", "undo", name=ALICE)
    assert _state(alice) == start and _rounds(alice) == [("1", None)]


def test_undo_is_refused_in_one_line_nothing_changed(tmp_path: Path) -> None:
    alice = make_repo(tmp_path / "alice", ALICE)
    ok(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
       name=ALICE)
    # Nothing closed or opened yet.
    before = _state(alice)
    assert "nothing to undo: round 1 is open" in fails(alice, "round", "undo", name=ALICE)
    assert _state(alice) == before
    # Something recorded after the opening.
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name=ALICE)
    ok(alice, "round", "open", "2028", "--expires", "2028-06-30", name=ALICE)
    write(alice, "staffing", read(alice, "staffing").replace("safe", "safer"))
    ok(alice, "pass", "--party", "union", "--session", "2028-01-10", "staffing", name=ALICE)
    before = _state(alice)
    line = fails(alice, "round", "undo", name=ALICE)
    assert "round 2028's opening is not the last thing recorded" in line, line
    assert _state(alice) == before
    # A close already shared: other clones have it.
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    bob = make_repo(tmp_path / "bob", "Bob Steward")
    ok(bob, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
       name="Bob Steward")
    ok(bob, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name="Bob Steward")
    git(bob, "remote", "add", "origin", str(remote))
    ok(bob, "sync", name="Bob Steward")
    before = _state(bob)
    line = fails(bob, "round", "undo", name="Bob Steward")
    assert "round 2025's close is already shared (origin has it)" in line, line
    assert _state(bob) == before
    # A draft of a part the close rewrote (scheduling, left out) stands in its way; one of a part
    # it left alone (staffing) does not, and is kept.
    carol = make_repo(tmp_path / "carol", "Carol Chair")
    ok(carol, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
       name="Carol Chair")
    ok(carol, "round", "close", "--ratified", "2025-04-01", "--force", name="Carol Chair")
    draft = read(carol, "staffing") + "\n6.3 A draft for the next round.\n"
    write(carol, "staffing", draft)
    write(carol, "scheduling", SCHEDULING.replace("four", "five"))
    before = _state(carol)
    line = fails(carol, "round", "undo", name="Carol Chair")
    assert "unsent drafts of parts the close rewrote (scheduling)" in line, line
    assert _state(carol) == before
    (carol / "articles" / "scheduling.txt").unlink()
    ok(carol, "round", "undo", name="Carol Chair")
    assert read(carol, "staffing") == draft and read(carol, "scheduling") == SCHEDULING
