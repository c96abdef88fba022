"""Sync across a round change (issue 17): one member closes the round and opens the next, the
other syncs; both converge, the old round's TAs stay verifiable, pass numbers start again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_support import SCHEDULING, STAFFING, WAGES, fails, git, make_repo, ok, read, tags, write

ALICE, BOB = "Alice Organizer", "Bob Steward"


def _shared(tmp_path: Path, tad: tuple[str, ...]) -> tuple[Path, Path, Path]:
    """Alice's repo on a bare remote with the parts `tad` TA'd (2025-03-01) and synced; Bob's
    clone of it. Returns (remote, alice, bob)."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice", ALICE)
    git(alice, "remote", "add", "origin", str(remote))
    for part in tad:
        ok(alice, "ta", part, "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01",
           name=ALICE)
    ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    return remote, alice, tmp_path / "bob"


def test_a_round_closed_and_opened_in_one_clone_syncs_to_the_other(tmp_path: Path) -> None:
    _, alice, bob = _shared(tmp_path, ())
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


def _state(member: Path) -> tuple[str, str, str, dict[str, str]]:
    """Everything a refused sync must leave as it was: branch, refs (tags, drafts), files."""
    refs = git(member, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/tags",
               "refs/drafts", "refs/proposals/pushed")
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted((member / "articles").iterdir())}
    return git(member, "rev-parse", "HEAD"), git(member, "symbolic-ref", "HEAD"), refs, files


@pytest.mark.parametrize(
    ("bob_closes", "alice_opens", "bob_opens"),
    [("2025", "2028", "2028"), ("1", "2028", "2028"), ("2025", "2028", "2029")],
    ids=["same-names", "same-round-opened-after-closes-named-apart", "different-names"],
)
def test_rounds_opened_on_both_sides_offline_are_refused_nothing_changed(
    tmp_path: Path, bob_closes: str, alice_opens: str, bob_opens: str
) -> None:
    """Two members opening a round offline (issue 17): one history would hold two rounds of one
    name (or two open rounds). The second sync refuses in one line naming both, changes nothing,
    and the remedy it names works."""
    remote, alice, bob = _shared(tmp_path, ("staffing", "scheduling"))
    # Each closes the first round (Bob maybe leaving it named 1, its default) and opens one.
    for member, who, closes, name in ((alice, ALICE, "2025", alice_opens), (bob, BOB, bob_closes, bob_opens)):
        naming = ("--name", closes) if closes != "1" else ()
        ok(member, "round", "close", "--ratified", "2025-04-01", *naming, name=who)
        ok(member, "round", "open", name, "--expires", f"{name}-06-30", name=who)
    write(alice, "staffing", read(alice, "staffing").replace("safe", "safer"))
    ok(alice, "pass", "--party", "union", "--session", "2028-01-10", "staffing", name=ALICE)
    ok(alice, "sync", name=ALICE)
    # Bob's unsent work in his round: a pass, and a new part not yet recorded.
    write(bob, "scheduling", read(bob, "scheduling").replace("four", "six"))
    ok(bob, "pass", "--party", "union", "--session", "2028-01-12", "scheduling", name=BOB)
    write(bob, "wages", WAGES)
    before = _state(bob)
    line = fails(bob, "sync", name=BOB)
    said = (f"origin/main closed round 2025 and opened round {alice_opens}, "
            f"while you closed round {bob_closes} and opened round {bob_opens} here")
    assert said in line and "nothing changed" in line, line
    assert "git branch " in line and "git reset --keep origin/main" in line, line
    assert _state(bob) == before
    assert [r["round"] for r in json.loads(ok(bob, "round", "list", "--json", name=BOB))["rounds"]] == [
        bob_closes, bob_opens
    ]
    assert fails(bob, "sync", name=BOB) == line  # refused again, the same way, still nothing changed
    assert _state(bob) == before
    # Alice and the origin still hold one round of each name, verifiably.
    assert "every pass and TA tag is in place" in ok(alice, "verify", name=ALICE)
    ok(tmp_path, "clone", str(remote), "carol", name="Carol Chair")
    assert "every pass and TA tag is in place" in ok(tmp_path / "carol", "verify", name="Carol Chair")
    assert git(tmp_path / "carol", "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    # The remedy the line names: Bob keeps Alice's round, his own stays on a branch.
    remedy = line.split(": ", 2)[2]
    commands = remedy[remedy.index("git branch "):].split(", then")[0].split(" && ")
    for command in commands:
        argv = command.split()
        if argv[0] == "git":
            git(bob, *argv[1:])
        else:
            assert argv[0] == "proposals", command
            ok(bob, *argv[1:], name=BOB)
    assert read(bob, "wages") == WAGES  # the draft came along
    assert "six" in git(bob, "show", f"my-round-{bob_opens}:articles/scheduling.txt")  # his pass is kept
    ok(bob, "sync", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)
    assert [r["round"] for r in json.loads(ok(bob, "round", "list", "--json", name=BOB))["rounds"]] == [
        "2025", alice_opens
    ]


@pytest.mark.parametrize(
    ("recorded", "alice_passes"),
    [("pass", False), ("pass", True), ("ta", False)],
    ids=["pass", "pass-and-a-pass-in-the-next-round", "ta"],
)
def test_passes_in_a_round_closed_on_the_remote_are_refused_nothing_changed(
    tmp_path: Path, recorded: str, alice_passes: bool
) -> None:
    """Alice closes the round, opens the next (a sync between rounds is refused) and syncs; Bob,
    offline, recorded a pass or a TA in the old round (issue 17). Merged, a pass would sit after the
    close (the sync left half-merged on a conflict) and a TA would be pushed beside a ratified text
    that lacks it (verify failing on every clone). The sync refuses in one line naming the closed
    round and Bob's records, changes nothing, and the remedy it names works."""
    remote, alice, bob = _shared(tmp_path, ("staffing",))
    # The table ratifies with scheduling left as it was (--force); the next round opens.
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name=ALICE)
    ok(alice, "round", "open", "2028", "--expires", "2028-06-30", name=ALICE)
    if alice_passes:  # the new round's E-1, beside Bob's E-1 of the closed one
        write(alice, "staffing", read(alice, "staffing").replace("safe", "safer"))
        ok(alice, "pass", "--party", "employer", "--session", "2028-01-10", "staffing", name=ALICE)
    ok(alice, "sync", name=ALICE)
    # Bob, offline, still in round 1: his answer on scheduling (or its TA), and a part not yet recorded.
    if recorded == "pass":
        write(bob, "scheduling", read(bob, "scheduling").replace("four", "six"))
        ok(bob, "pass", "--party", "employer", "--session", "2025-03-12", "scheduling", name=BOB)
        named = "E-1"
    else:
        ok(bob, "ta", "scheduling", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-02",
           name=BOB)
        named = "ta-scheduling"
    write(bob, "wages", WAGES)
    before = _state(bob)
    line = fails(bob, "sync", name=BOB)
    said = "origin/main closed round 2025 and opened round 2028"
    assert f"{said}, while you recorded {named} here in round 2025" in line, line
    assert "record them again in round 2028" in line, line
    assert "nothing changed" in line and "git reset --keep origin/main" in line, line
    assert f"git tag -d {named}" in line, line
    assert _state(bob) == before
    assert fails(bob, "sync", name=BOB) == line  # refused again, the same way, still nothing changed
    assert _state(bob) == before
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)
    # Alice and the origin hold the ratified round without Bob's record, verifiably.
    assert "every pass and TA tag is in place" in ok(alice, "verify", name=ALICE)
    ok(tmp_path, "clone", str(remote), "carol", name="Carol Chair")
    assert "every pass and TA tag is in place" in ok(tmp_path / "carol", "verify", name="Carol Chair")
    assert git(tmp_path / "carol", "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert named not in tags(tmp_path / "carol")
    # The remedy the line names: Bob takes the remote's rounds, his record stays on a branch.
    remedy = line.split(": ", 2)[2]
    for command in remedy[remedy.index("git branch "):].split(", then")[0].split(" && "):
        git(bob, *command.split()[1:])
    assert read(bob, "wages") == WAGES  # the draft came along
    assert named in git(bob, "log", "-1", "--format=%B", "my-round-2025")  # his record is kept
    ok(bob, "sync", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert tags(bob) == tags(alice)
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)


def _closed_on_the_remote(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Alice and Bob share round 1; Alice closes it as 2025 (ratified 2025-04-01, scheduling left
    as it was), opens 2028 and syncs while Bob is offline. Returns (remote, alice, bob)."""
    remote, alice, bob = _shared(tmp_path, ("staffing",))
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name=ALICE)
    ok(alice, "round", "open", "2028", "--expires", "2028-06-30", name=ALICE)
    ok(alice, "sync", name=ALICE)
    return remote, alice, bob


@pytest.mark.parametrize("kind", ["session-note", "repair", "config"])
def test_other_commits_in_a_round_closed_on_the_remote_are_refused_nothing_changed(
    tmp_path: Path, kind: str
) -> None:
    """Not only passes (issue 17): a session's notes, a repair, a settings change Bob committed
    offline in the round Alice closed would merge in after the ratified contract, in no round's
    record as it was when ratified. The sync refuses them as it refuses a pass: one line naming
    them, nothing changed, and the same set-aside recipe works."""
    remote, alice, bob = _closed_on_the_remote(tmp_path)
    if kind == "session-note":
        ok(bob, "session", "open", "2025-03-12", "--place", "Room 4", name=BOB)
        ok(bob, "session", "note", "they will move on ratios", name=BOB)
        named = "the record of session 2025-03-12"
    elif kind == "repair":
        git(bob, "rm", "--quiet", "articles/.gitattributes")
        git(bob, "commit", "--quiet", "-m", "tidy")
        assert "Repaired" in ok(bob, "repair", name=BOB)
        named = "commit "
    else:
        config = bob / "bargaining.toml"
        config.write_text(config.read_text(encoding="utf-8").replace("Health System", "Health Sys"),
                          encoding="utf-8")
        git(bob, "commit", "--quiet", "-am", "rename the employer")
        named = "commit "
    write(bob, "wages", WAGES)
    before = _state(bob)
    line = fails(bob, "sync", name=BOB)
    said = "origin/main closed round 2025 and opened round 2028, while you recorded "
    assert said in line and "here in round 2025" in line, line
    assert named in line.split(said, 1)[1], line
    assert "nothing changed" in line and "git branch my-round-2025 && git reset --keep origin/main" in line
    assert _state(bob) == before
    assert fails(bob, "sync", name=BOB) == line
    assert _state(bob) == before
    # The remote holds the ratified round without Bob's commits.
    ok(tmp_path, "clone", str(remote), "carol", name="Carol Chair")
    assert git(tmp_path / "carol", "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    # The recipe: Bob keeps Alice's rounds, his commits stay on a branch.
    remedy = line.split(": ", 2)[2]
    for command in remedy[remedy.index("git branch "):].split(", then")[0].split(" && "):
        git(bob, *command.split()[1:])
    assert read(bob, "wages") == WAGES
    ok(bob, "sync", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)
    assert git(bob, "rev-list", "--count", "origin/main..my-round-2025").strip() != "0"


@pytest.mark.parametrize("bob_recorded", [False, True], ids=["clean", "pass"])
def test_a_close_pushed_with_plain_git_reaches_a_clone_that_syncs(tmp_path: Path, bob_recorded: bool) -> None:
    """Alice closes the round and shares only that, with a plain git push (issue 17). Bob, clean,
    syncs into the closed round (its tag comes in, his draft of a new part stays), his clone
    verifies, and later syncs bring him the next round; Bob with an unsynced pass in that round is
    refused in one line, nothing changed, and after the recipe he is as the clean Bob."""
    _, alice, bob = _shared(tmp_path, ("staffing",))
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name=ALICE)
    git(alice, "push", "--quiet", "--follow-tags", "origin", "main")
    write(bob, "wages", WAGES)
    if bob_recorded:
        write(bob, "scheduling", read(bob, "scheduling").replace("four", "six"))
        ok(bob, "pass", "--party", "employer", "--session", "2025-03-12", "scheduling", name=BOB)
        before = _state(bob)
        line = fails(bob, "sync", name=BOB)
        assert "origin/main closed round 2025, while you recorded E-1 here in round 2025" in line, line
        assert "record them again in the next round" in line and "nothing changed" in line, line
        assert _state(bob) == before
        remedy = line.split(": ", 2)[2]
        for command in remedy[remedy.index("git branch "):].split(", then")[0].split(" && "):
            git(bob, *command.split()[1:])
        assert "six" in git(bob, "show", "my-round-2025:articles/scheduling.txt")
    out = ok(bob, "sync", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert "2025/ratified" in tags(bob) and tags(bob)["2025/ratified"] == tags(alice)["2025/ratified"], out
    assert read(bob, "wages") == WAGES
    rounds = json.loads(ok(bob, "round", "list", "--json", name=BOB))["rounds"]
    assert [(r["round"], r["ratified"], r["current"]) for r in rounds] == [("2025", "2025-04-01", True)]
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)
    assert "round 2025 was closed" in fails(bob, "pass", "--party", "union", "wages", name=BOB)
    # Between rounds both can still sync (nothing to do), and the next round reaches Bob.
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    ok(alice, "round", "open", "2028", "--expires", "2028-06-30", name=ALICE)
    write(alice, "staffing", read(alice, "staffing").replace("safe", "safest"))
    ok(alice, "pass", "--party", "union", "--session", "2028-01-10", "staffing", name=ALICE)
    ok(alice, "sync", name=ALICE)
    ok(bob, "sync", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert tags(bob) == tags(alice) and "2028/U-1" in tags(bob)
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)
    assert "pass U-2 " in ok(bob, "pass", "--party", "union", "--session", "2028-02-01", "wages", name=BOB)


def test_a_close_is_refused_when_the_remote_took_a_pass_of_that_round(tmp_path: Path) -> None:
    """The other way round (issue 17): Bob synced a pass of round 1 while Alice, offline, closed
    it. Her sync, which may share a close alone, refuses in one line naming his pass, nothing
    changed, since the contract she ratified lacks it; the recipe takes his and she closes again."""
    _, alice, bob = _shared(tmp_path, ("scheduling",))
    write(bob, "staffing", read(bob, "staffing").replace("safe", "safer"))
    ok(bob, "pass", "--party", "employer", "--session", "2025-03-12", "staffing", name=BOB)
    ok(bob, "sync", name=BOB)
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name=ALICE)
    before = _state(alice)
    line = fails(alice, "sync", name=ALICE)
    assert "origin/main has E-1 recorded in round 2025, which you closed round 2025 here" in line, line
    assert "nothing changed" in line and "git tag -d 2025/ratified" in line, line
    assert _state(alice) == before
    remedy = line.split(": ", 2)[2]
    for command in remedy[remedy.index("git branch "):].split(", then")[0].split(" && "):
        git(alice, *command.split()[1:])
    ok(alice, "sync", name=ALICE)
    assert "safer" in read(alice, "staffing")
    ok(alice, "round", "close", "--ratified", "2025-04-01", "--name", "2025", "--force", name=ALICE)
    ok(alice, "sync", name=ALICE)
    ok(bob, "sync", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert "every pass and TA tag is in place" in ok(bob, "verify", name=BOB)
