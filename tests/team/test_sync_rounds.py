"""Sync across a round change (issue 17): one member closes the round and opens the next, the
other syncs; both converge, the old round's TAs stay verifiable, pass numbers start again."""

from __future__ import annotations

import json
from pathlib import Path

from sync_support import SCHEDULING, STAFFING, git, make_repo, ok, read, tags, write

ALICE, BOB = "Alice Organizer", "Bob Steward"


def test_a_round_closed_and_opened_in_one_clone_syncs_to_the_other(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice", ALICE)
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    bob = tmp_path / "bob"
    # Round 1: the employer answers on scheduling (Bob), both parts are TA'd (Alice), then closed.
    write(bob, "scheduling", SCHEDULING.replace("four", "three"))
    ok(bob, "pass", "--party", "employer", "--session", "2025-02-01", "scheduling", name=BOB)
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    for part in ("staffing", "scheduling"):
        ok(alice, "ta", part, "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
           name=ALICE)
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", name=ALICE)
    ok(alice, "round", "open", "2028", "--expires", "2028-06-30", name=ALICE)
    write(alice, "staffing", STAFFING.replace("safe staffing", "safe and adequate staffing"))
    assert "pass U-1 " in ok(alice, "pass", "--party", "union", "--session", "2028-01-10", "staffing",
                             name=ALICE)
    ok(alice, "sync", name=ALICE)
    # Bob syncs: the round change arrives with its tags; his clone is in round 2028.
    ok(bob, "sync", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert tags(bob) == tags(alice)
    assert {"U-1", "E-1", "ta-staffing", "ta-scheduling", "2025/ratified", "2028/U-1"} <= set(tags(bob))
    rounds = json.loads(ok(bob, "round", "list", "--json", name=BOB))["rounds"]
    assert [(r["round"], r["ratified"], r["current"]) for r in rounds] == [
        ("2025", "2025-04-01", False), ("2028", None, True)
    ]
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)
    old = json.loads(ok(bob, "status", "--round", "2025", "--json", name=BOB))["articles"]
    assert {r["id"]: r["status"] for r in old} == {"staffing": "ta", "scheduling": "ta"}
    # Pass numbers start again: Bob's answer is E-1 of round 2028, beside round 2025's E-1.
    write(bob, "staffing", read(bob, "staffing").replace("adequate", "sufficient"))
    assert "pass E-1 " in ok(bob, "pass", "--party", "employer", "--session", "2028-02-01", "staffing",
                             name=BOB)
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    assert git(alice, "rev-parse", "HEAD") == git(bob, "rev-parse", "HEAD")
    assert tags(alice) == tags(bob) and tags(alice)["E-1"] != tags(alice)["2028/E-1"]
    for member, who in ((alice, ALICE), (bob, BOB)):
        now = {r["id"]: r for r in json.loads(ok(member, "status", "--json", name=who))["articles"]}
        assert now["staffing"]["status"] == "open" and now["staffing"]["last_pass"]["pass"] == "E-1"
        assert now["scheduling"]["status"] == "unchanged"
        assert "every pass and TA tag is in place" in ok(member, "verify", name=who)
        assert read(member, "staffing") == read(alice, "staffing")
    # The same number recorded offline in both clones in the new round: the unpushed one is
    # renumbered within the round (2028/U-3), never against the old round's U-2.
    write(alice, "scheduling", read(alice, "scheduling").replace("three", "five"))
    ok(alice, "pass", "--party", "union", "--session", "2028-03-01", "scheduling", name=ALICE)
    write(bob, "staffing", read(bob, "staffing").replace("sufficient", "ample"))
    ok(bob, "pass", "--party", "union", "--session", "2028-03-01", "staffing", name=BOB)
    ok(alice, "sync", name=ALICE)
    out = ok(bob, "sync", name=BOB)
    assert "U-2" in out and "U-3" in out, out
    ok(alice, "sync", name=ALICE)
    assert tags(alice) == tags(bob)
    assert {"2028/U-2", "2028/U-3"} <= set(tags(bob))
    assert "U-2" not in tags(bob) and "2028/U-4" not in tags(bob)
    for member, who in ((alice, ALICE), (bob, BOB)):
        assert "every pass and TA tag is in place" in ok(member, "verify", name=who)
        log = ok(member, "log", name=who)
        assert sorted(line.split()[0] for line in log.splitlines()) == ["E-1", "U-1", "U-2", "U-3"]
