"""Team sync through a bare remote and two or three clones, all driven through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import (
    SCHEDULING,
    STAFFING,
    WAGES,
    fails,
    git,
    make_repo,
    ok,
    read,
    run,
    tags,
    write,
)

ALICE, BOB, CAROL = "Alice Organizer", "Bob Steward", "Carol Chair"


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A bare remote seeded by Alice, and Bob's clone of it."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice")
    git(alice, "remote", "add", "origin", str(remote))
    assert "pushed main, U-1" in ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    return remote, alice, tmp_path / "bob"


def proposal(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def record(member: Path, party: str, article: str, text: str, who: str, *extra: str) -> str:
    write(member, article, text)
    return ok(member, "pass", "--party", party, "--session", "2025-02-01", *extra, article, name=who)


def test_clone_gives_a_working_repo_with_tags(team: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _remote, alice, bob = team
    assert tags(bob) == tags(alice)
    assert read(bob, "staffing") == STAFFING
    assert '"status": "open"' in ok(bob, "status", "--json")
    assert git(bob, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}").strip() == "origin/main"


def test_plain_git_clone_then_any_command_works(team: tuple[Path, Path, Path], tmp_path: Path) -> None:
    remote, alice, _ = team
    git(tmp_path, "clone", "--quiet", str(remote), "plain")
    plain = tmp_path / "plain"
    if not (plain / "bargaining.toml").exists():  # the bare remote's HEAD names master
        git(plain, "checkout", "--quiet", "main")
    assert "U-1" in ok(plain, "log")
    record(plain, "employer", "staffing", proposal(STAFFING, "safe", "reasonable"), CAROL)
    assert "pushed main, E-1" in ok(plain, "sync", name=CAROL)
    assert "Received from origin: E-1" in ok(alice, "sync")


def test_clone_refuses_hostile_and_useless_sources(team: tuple[Path, Path, Path], tmp_path: Path) -> None:
    remote, _, _ = team
    assert "looks like an option" in fails(tmp_path, "clone", "--", "--upload-pack=touch pwned", "x")
    assert "transport helpers" in fails(tmp_path, "clone", "ext::sh -c touch% pwned", "x")
    assert "refusing remote URL" in fails(tmp_path, "clone", "javascript://x", "x")
    assert "not empty" in fails(tmp_path, "clone", str(remote), "alice")
    empty = tmp_path / "empty.git"
    git(tmp_path, "init", "--quiet", "--bare", str(empty))
    assert "holds nothing yet" in fails(tmp_path, "clone", str(empty), "x")
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "--quiet")
    (other / "README").write_text("not bargaining\n")
    git(other, "add", "README")
    git(other, "commit", "--quiet", "-m", "x")
    assert "not a bargaining repo" in fails(tmp_path, "clone", str(other), "x")
    assert not (tmp_path / "x").exists() and not (tmp_path / "pwned").exists()


def test_two_members_editing_different_articles_merge_cleanly(
    team: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    remote, alice, bob = team
    record(alice, "union", "staffing", proposal(STAFFING, "safe", "safe and adequate"), ALICE)
    record(bob, "employer", "scheduling", proposal(SCHEDULING, "four", "two"), BOB)
    write(bob, "wages", WAGES)  # an unrelated draft (a new article) rides along untouched
    ok(alice, "sync", name=ALICE)
    out = ok(bob, "sync", name=BOB)
    assert "merged" in out and "pushed main, E-1" in out
    ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "carol", name=CAROL)
    carol = tmp_path / "carol"
    for member in (alice, bob, carol):
        assert read(member, "staffing") == proposal(STAFFING, "safe", "safe and adequate")
        assert read(member, "scheduling") == proposal(SCHEDULING, "four", "two")
        assert set(tags(member)) == {"U-1", "U-2", "E-1"}
        assert git(member, "rev-parse", "HEAD") == git(alice, "rev-parse", "HEAD")
    assert read(bob, "wages") == WAGES
    assert "nothing to push" in ok(carol, "sync", name=CAROL)
    # merged, never rebased: Alice's pushed U-2 commit is an ancestor as it was
    git(bob, "merge-base", "--is-ancestor", tags(alice)["U-2"], "HEAD")


def test_draft_against_incoming_pass_keeps_both(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    theirs = proposal(STAFFING, "safe", "cost-effective")
    mine = proposal(STAFFING, "safe", "safe, fully funded")
    record(alice, "employer", "staffing", theirs, ALICE)
    ok(alice, "sync", name=ALICE)
    write(bob, "staffing", mine)  # Bob's unsent draft
    proc = run(bob, "sync", name=BOB)
    assert proc.returncode == 1
    assert "set aside" in proc.stdout and "proposals resolve staffing --keep mine|theirs" in proc.stdout
    assert read(bob, "staffing") == theirs  # the table text is the incoming pass
    assert git(bob, "cat-file", "blob", "refs/drafts/staffing:staffing.txt") == mine
    assert ok(bob, "show", "staffing", "--at", "refs/drafts/staffing") == mine  # as the message says
    assert '"op": "delete"' in ok(bob, "diff", "staffing", "--from", "refs/drafts/staffing", "--json")
    assert "staffing" in ok(bob, "resolve", name=BOB)
    assert "draft is back" in ok(bob, "resolve", "staffing", "--keep", "mine", name=BOB)
    assert read(bob, "staffing") == mine
    assert "No conflicts" in ok(bob, "resolve", name=BOB)
    assert "no conflict to resolve" in fails(bob, "resolve", "staffing", "--keep", "mine")
    # the draft is still a draft on top of the new table text: record it as the union's answer
    out = ok(bob, "pass", "--party", "union", "--session", "2025-02-08", "staffing", name=BOB)
    assert "U-2" in out
    assert "pushed main, U-2" in ok(bob, "sync", name=BOB)


def test_draft_conflict_resolved_by_keeping_theirs(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    theirs = proposal(STAFFING, "safe", "cost-effective")
    record(alice, "employer", "staffing", theirs, ALICE)
    ok(alice, "sync", name=ALICE)
    write(bob, "staffing", proposal(STAFFING, "safe", "safest"))
    assert run(bob, "sync", name=BOB).returncode == 1
    assert "refs/drafts/staffing" in ok(bob, "resolve", "staffing", "--keep", "theirs", name=BOB)
    assert read(bob, "staffing") == theirs
    assert "safest" in git(bob, "cat-file", "blob", "refs/drafts/staffing:staffing.txt")
    assert "No conflicts" in ok(bob, "resolve")


def test_a_draft_replaced_by_their_pass_recorded_here_is_restored_by_keep_mine(
    team: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """No sync involved: their pass entered here replaces our unsent draft, which is saved on
    refs/drafts/; `resolve --keep mine` puts it back (it said "no conflict" before)."""
    _, alice, _ = team
    mine = proposal(STAFFING, "safe", "safe, fully funded")
    theirs = proposal(STAFFING, "safe", "cost-effective")
    write(alice, "staffing", mine)
    source = tmp_path / "theirs.txt"
    source.write_text(theirs, encoding="utf-8")
    out = ok(
        alice, "pass", "--party", "employer", "--session", "2025-02-01", "--from-file", str(source),
        "staffing", name=ALICE,
    )
    assert "refs/drafts/staffing" in out
    assert read(alice, "staffing") == theirs
    assert "resolve staffing --keep mine restores it" in ok(alice, "resolve")
    assert "saved draft is back" in ok(alice, "resolve", "staffing", "--keep", "mine", name=ALICE)
    assert read(alice, "staffing") == mine
    assert "No conflicts" in ok(alice, "resolve")
    assert "no conflict to resolve" in fails(alice, "resolve", "staffing", "--keep", "mine")
    # keeping theirs instead: the draft stays on refs/drafts/ but is no longer offered
    write(alice, "staffing", theirs)
    assert "staffing" in ok(alice, "resolve")
    assert "stays at refs/drafts/staffing" in ok(alice, "resolve", "staffing", "--keep", "theirs", name=ALICE)
    assert read(alice, "staffing") == theirs
    assert "No conflicts" in ok(alice, "resolve")
    assert "fully funded" in git(alice, "cat-file", "blob", "refs/drafts/staffing:staffing.txt")


def test_a_draft_equal_to_the_incoming_text_is_no_conflict(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    same = proposal(STAFFING, "safe", "safe and adequate")
    record(alice, "union", "staffing", same, ALICE)
    ok(alice, "sync", name=ALICE)
    write(bob, "staffing", same)
    assert "fast-forward" in ok(bob, "sync", name=BOB)
    assert "No conflicts" in ok(bob, "resolve")


def test_same_pass_number_offline_renumbers_the_unpushed_one(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    record(alice, "union", "staffing", proposal(STAFFING, "safe", "safe and adequate"), ALICE)
    record(bob, "union", "scheduling", proposal(SCHEDULING, "four", "six"), BOB)
    record(bob, "union", "scheduling", proposal(SCHEDULING, "four", "eight"), BOB)  # U-3, also unpushed
    ok(alice, "sync", name=ALICE)
    pushed = git(remote, "rev-parse", "refs/tags/U-2^{commit}").strip()
    bob_u2 = tags(bob)["U-2"]
    out = ok(bob, "sync", name=BOB)
    assert "Renumbered your unpushed pass U-2 to U-3" in out
    assert "Renumbered your unpushed pass U-3 to U-4" in out
    assert git(remote, "rev-parse", "refs/tags/U-2^{commit}").strip() == pushed  # never rewritten
    assert tags(bob)["U-2"] == pushed
    message = git(bob, "log", "-1", "--format=%B", "U-3")
    assert "Pass: U-3" in message and "Renumbered-From: U-2" in message and "pass U-3" in message
    # same text, same author and session date as the original
    assert git(bob, "rev-parse", "U-3^{tree}") == git(bob, "rev-parse", f"{bob_u2}^{{tree}}")
    assert git(bob, "log", "-1", "--format=%an %ad", "U-3") == git(
        bob, "log", "-1", "--format=%an %ad", bob_u2
    )
    assert git(bob, "for-each-ref", "refs/proposals/before-renumber/")  # the originals are kept
    ok(alice, "sync", name=ALICE)
    log = ok(alice, "log", "--json")
    for name in ("U-1", "U-2", "U-3", "U-4"):
        assert f'"pass": "{name}"' in log
    assert read(alice, "scheduling") == proposal(SCHEDULING, "four", "eight")
    assert ok(alice, "show", "scheduling", "--at", "U-4") == proposal(SCHEDULING, "four", "eight")
    assert ok(alice, "verify")


def test_ta_tag_clash_stops_sync_and_changes_nothing(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    ok(alice, "ta", "staffing", "--union-sign", "A", "--employer-sign", "E", "--date", "2025-03-01")
    ok(alice, "sync", name=ALICE)
    ok(bob, "ta", "staffing", "--union-sign", "B", "--employer-sign", "F", "--date", "2025-03-02")
    before = (git(bob, "rev-parse", "HEAD"), tags(bob), git(remote, "show-ref"))
    line = fails(bob, "sync", name=BOB)
    assert "both recorded TA ta-staffing offline" in line and "resolve --ta staffing --keep" in line
    assert (git(bob, "rev-parse", "HEAD"), tags(bob), git(remote, "show-ref")) == before


def test_sync_never_deletes_or_moves_a_ta_tag(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    ok(alice, "ta", "staffing", "--union-sign", "A", "--employer-sign", "E", "--date", "2025-03-01")
    ok(alice, "sync", name=ALICE)
    ok(bob, "sync", name=BOB)
    ta = tags(bob)["ta-staffing"]
    git(remote, "tag", "-d", "ta-staffing")  # someone deletes it on the remote
    assert "ta-staffing" in ok(bob, "sync", name=BOB)  # ... and the next sync puts it back
    assert git(remote, "rev-parse", "ta-staffing^{commit}").strip() == ta
    git(remote, "tag", "-f", "-a", "-m", "moved", "ta-staffing", "U-1")  # someone moves it
    line = fails(alice, "sync", name=ALICE)
    assert "never moved or deleted" in line
    assert tags(alice)["ta-staffing"] == ta and tags(bob)["ta-staffing"] == ta


def test_both_recorded_passes_on_one_article_is_a_merge_conflict_settled_by_resolve(
    team: tuple[Path, Path, Path],
) -> None:
    _remote, alice, bob = team
    ours = proposal(STAFFING, "safe", "safe and adequate")
    theirs = proposal(STAFFING, "safe", "cost-effective")
    record(alice, "employer", "staffing", theirs, ALICE)
    ok(alice, "sync", name=ALICE)
    record(bob, "union", "staffing", ours, BOB)
    proc = run(bob, "sync", name=BOB)
    assert proc.returncode == 1
    assert "proposals resolve staffing --keep mine|theirs" in proc.stdout
    assert "merge is in progress" in fails(bob, "pass", "--party", "union", "scheduling")
    assert "merge is in progress" in fails(bob, "sync")
    out = ok(bob, "resolve", "staffing", "--keep", "mine", name=BOB)
    assert "merge committed" in out
    assert read(bob, "staffing") == ours
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    assert read(alice, "staffing") == ours
    assert {"U-1", "U-2", "E-1"} <= set(tags(alice))


def test_uncommitted_settings_the_remote_changed_stop_sync_before_merging(
    team: tuple[Path, Path, Path],
) -> None:
    _, alice, bob = team
    toml = alice / "bargaining.toml"
    toml.write_text(toml.read_text() + "[articles.staffing]\neconomic = true\n")
    git(alice, "commit", "--quiet", "-am", "staffing is economic")
    ok(alice, "sync", name=ALICE)
    mine = (bob / "bargaining.toml").read_text() + "[articles.wages]\neconomic = true\n"
    (bob / "bargaining.toml").write_text(mine)
    head = git(bob, "rev-parse", "HEAD")
    assert "bargaining.toml" in fails(bob, "sync", name=BOB)
    assert (bob / "bargaining.toml").read_text() == mine
    assert git(bob, "rev-parse", "HEAD") == head


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (["remote", "add", "evil", "ext::sh -c touch% pwned"], "transport helpers"),
        (["remote", "add", "evil", "--", "-oProxyCommand=touch pwned"], "looks like an option"),
        (["config", "remote.origin.uploadpack", "touch pwned; git-upload-pack"], "would run a command"),
    ],
)
def test_hostile_remotes_are_refused(team: tuple[Path, Path, Path], setup: list[str], expected: str) -> None:
    _, alice, _ = team
    git(alice, *setup)
    remote = "evil" if "evil" in setup else "origin"
    assert expected in fails(alice, "sync", "--remote", remote)
    assert not (alice / "pwned").exists()


def test_remote_names_are_validated(team: tuple[Path, Path, Path]) -> None:
    _, alice, _ = team
    assert "invalid remote name" in fails(alice, "sync", "--remote=--upload-pack=touch pwned")
    assert "invalid remote name" in fails(alice, "sync", "--remote", "../x")
    assert "no remote named" in fails(alice, "sync", "--remote", "nowhere")
    git(alice, "remote", "add", "second", str(alice))
    git(alice, "remote", "remove", "origin")
    ok(alice, "sync", "--remote", "second")  # the only remote left, named explicitly


def test_no_remote_and_unrelated_histories(tmp_path: Path) -> None:
    alone = make_repo(tmp_path / "alone")
    assert "no remote" in fails(alone, "sync")
    other = make_repo(tmp_path / "other", name="Someone Else")
    git(tmp_path, "init", "--quiet", "--bare", "r.git")
    git(other, "remote", "add", "origin", str(tmp_path / "r.git"))
    ok(other, "sync")
    git(alone, "remote", "add", "origin", str(tmp_path / "r.git"))
    head = git(alone, "rev-parse", "HEAD")
    line = fails(alone, "sync")
    assert "shares no history" in line
    assert git(alone, "rev-parse", "HEAD") == head


def test_detached_head_refuses_to_sync(team: tuple[Path, Path, Path]) -> None:
    _, alice, _ = team
    git(alice, "checkout", "--quiet", "--detach", "HEAD")
    assert "detached" in fails(alice, "sync")


def test_new_article_drafted_on_both_sides_keeps_both(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    record(alice, "union", "wages", WAGES, ALICE)
    ok(alice, "sync", name=ALICE)
    mine = proposal(WAGES, "three", "five")
    write(bob, "wages", mine)  # untracked: Bob's own first draft of the same new article
    assert run(bob, "sync", name=BOB).returncode == 1
    assert read(bob, "wages") == WAGES
    assert git(bob, "cat-file", "blob", "refs/drafts/wages:wages.txt") == mine
    ok(bob, "resolve", "wages", "--keep", "mine")
    assert read(bob, "wages") == mine


def test_sync_warns_when_an_offline_pass_changes_text_tad_meanwhile(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    ok(alice, "ta", "staffing", "--union-sign", "A", "--employer-sign", "E", "--date", "2025-03-01")
    ok(alice, "sync", name=ALICE)
    record(bob, "union", "staffing", proposal(STAFFING, "safe", "safer"), BOB)  # Bob had not seen the TA
    proc = run(bob, "sync", name=BOB, check=True)
    assert "warning: after sync, staffing: changed" in proc.stderr
    assert run(bob, "verify").returncode == 1


def test_a_push_racing_ours_is_fetched_and_merged_on_retry(
    team: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """Carol pushes between Bob's fetch and Bob's push (a git hook makes it happen right then)."""
    remote, alice, bob = team
    record(alice, "union", "staffing", proposal(STAFFING, "safe", "safe and adequate"), ALICE)
    ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "carol", name=CAROL)
    carol = tmp_path / "carol"
    record(carol, "employer", "wages", WAGES, CAROL)
    record(bob, "union", "scheduling", proposal(SCHEDULING, "four", "six"), BOB)
    marker = tmp_path / "raced"
    hook = bob / ".git" / "hooks" / "reference-transaction"
    hook.write_text(
        "#!/bin/sh\n"
        '[ "$1" = committed ] || exit 0\n'
        "grep -q refs/remotes/origin/main || exit 0\n"
        f'[ -e "{marker}" ] && exit 0\n'
        f'touch "{marker}"\n'
        "unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\n"
        f'git -C "{carol}" push --quiet origin main E-1 >/dev/null 2>&1\n'
    )
    hook.chmod(0o755)
    out = ok(bob, "sync", name=BOB)
    assert marker.exists()
    assert "pushed main" in out
    hook.unlink()
    ok(alice, "sync", name=ALICE)
    for article, text in (("wages", WAGES), ("scheduling", proposal(SCHEDULING, "four", "six"))):
        assert read(alice, article) == text
    assert {"U-1", "U-2", "U-3", "E-1"} <= set(tags(alice))


def test_the_same_pass_entered_twice_is_renumbered_and_flagged(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    theirs = proposal(STAFFING, "safe", "cost-effective")
    record(alice, "employer", "staffing", theirs, ALICE)
    record(bob, "employer", "staffing", theirs, BOB)
    ok(alice, "sync", name=ALICE)
    proc = run(bob, "sync", name=BOB, check=True)
    assert "Renumbered your unpushed pass E-1 to E-2" in proc.stdout
    assert "probably the same pass entered twice" in proc.stderr
    assert read(bob, "staffing") == theirs


def test_a_draft_on_top_of_our_own_unpushed_pass_is_left_alone(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    record(alice, "union", "scheduling", proposal(SCHEDULING, "four", "six"), ALICE)
    ok(alice, "sync", name=ALICE)
    record(bob, "union", "staffing", proposal(STAFFING, "safe", "safer"), BOB)
    draft = proposal(STAFFING, "safe", "safest")
    write(bob, "staffing", draft)  # still drafting after recording U-2
    out = ok(bob, "sync", name=BOB)
    assert "merged" in out
    assert read(bob, "staffing") == draft
    assert "No conflicts" in ok(bob, "resolve")
    assert git(bob, "for-each-ref", "refs/drafts/") == ""


def test_the_demo_negotiation_round_trips_through_a_remote(tmp_path: Path) -> None:
    """Twelve sessions with TAs and a withdrawal: published, cloned, verified, identical status."""
    ok(tmp_path, "demo", "demo")
    demo = tmp_path / "demo"
    git(tmp_path, "init", "--quiet", "--bare", "remote.git")
    git(demo, "remote", "add", "origin", str(tmp_path / "remote.git"))
    ok(demo, "sync")
    ok(tmp_path, "clone", str(tmp_path / "remote.git"), "copy")
    copy = tmp_path / "copy"
    assert tags(copy) == tags(demo)
    assert ok(copy, "status", "--json") == ok(demo, "status", "--json")
    assert "intact" in ok(copy, "verify")
    assert "Nothing to repair" in ok(copy, "repair")


def test_an_unreachable_remote_is_one_line_and_changes_nothing(team: tuple[Path, Path, Path]) -> None:
    _, alice, _ = team
    record(alice, "union", "staffing", proposal(STAFFING, "safe", "safer"), ALICE)
    git(alice, "remote", "set-url", "origin", str(alice.parent / "gone.git"))
    head = git(alice, "rev-parse", "HEAD")
    line = fails(alice, "sync")
    assert "git fetch" in line and "gone.git" in line
    assert git(alice, "rev-parse", "HEAD") == head and "U-2" in tags(alice)


def test_an_unpushed_ta_after_a_renumbered_pass_keeps_its_tag(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    record(alice, "union", "staffing", proposal(STAFFING, "safe", "safer"), ALICE)
    ok(alice, "sync", name=ALICE)
    record(bob, "union", "scheduling", proposal(SCHEDULING, "four", "six"), BOB)
    ok(bob, "ta", "scheduling", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-02-02")
    blob_before = git(bob, "log", "-1", "--format=%(trailers:key=TA-Blob,valueonly)", "ta-scheduling")
    proc = run(bob, "sync", name=BOB, check=True)
    assert "U-2 to U-3" in proc.stdout and "ta-scheduling" in proc.stderr
    assert git(bob, "log", "-1", "--format=%(trailers:key=TA-Blob,valueonly)", "ta-scheduling") == blob_before
    assert "For the union: Ana" in git(bob, "tag", "-l", "-n9", "ta-scheduling")
    assert "intact" in ok(bob, "verify")
    assert git(remote, "rev-parse", "ta-scheduling^{commit}") == git(
        bob, "rev-parse", "ta-scheduling^{commit}"
    )


def test_draft_conflict_during_a_true_merge(team: tuple[Path, Path, Path]) -> None:
    _, alice, bob = team
    theirs = proposal(STAFFING, "safe", "cost-effective")
    record(alice, "employer", "staffing", theirs, ALICE)
    ok(alice, "sync", name=ALICE)
    record(bob, "union", "scheduling", proposal(SCHEDULING, "four", "six"), BOB)
    mine = proposal(STAFFING, "safe", "safe, fully funded")
    write(bob, "staffing", mine)
    proc = run(bob, "sync", name=BOB)
    assert proc.returncode == 1 and "merged; pushed main, U-2" in proc.stdout
    assert read(bob, "staffing") == theirs and read(bob, "scheduling") == proposal(SCHEDULING, "four", "six")
    ok(bob, "resolve", "staffing", "--keep", "mine")
    assert read(bob, "staffing") == mine
    assert git(bob, "status", "--porcelain").strip() == "M articles/staffing.txt"
