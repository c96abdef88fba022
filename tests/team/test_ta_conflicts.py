"""Two TAs of one article made offline: detected at sync, settled by resolve --ta, clones converge.

Real bare remote, real clones, the real CLI. Nothing is deleted: both TA commits stay in history
under tags, and the pre-rename copy of ours stays under refs/proposals/before-renumber/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import fails, git, make_repo, ok, run, tags

ALICE, BOB, CAROL = "Alice Organizer", "Bob Steward", "Carol Chair"


@pytest.fixture
def offline_tas(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Alice and Bob both TA staffing offline (different signatories and dates); Alice syncs first."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice", name=ALICE)
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    bob = tmp_path / "bob"
    ok(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01")
    ok(bob, "ta", "staffing", "--union-sign", "Ben", "--employer-sign", "Fay", "--date", "2025-03-02")
    ok(alice, "sync", name=ALICE)
    return remote, alice, bob


def standing_ta(member: Path) -> str:
    """The log's TA lines: only TAs that stand are shown."""
    return "\n".join(line for line in ok(member, "log").splitlines() if " TA " in line)


def trailers(member: Path, rev: str) -> str:
    return git(member, "log", "-1", "--format=%(trailers:only,unfold)", rev)


def assert_converged(*members: Path) -> None:
    first = members[0]
    for member in members:
        assert git(member, "rev-parse", "HEAD") == git(first, "rev-parse", "HEAD")
        assert tags(member) == tags(first)
        assert "intact" in ok(member, "verify")
        assert "Nothing to repair" in ok(member, "repair")
        assert ok(member, "resolve").strip() == "No conflicts."


def test_sync_detects_the_conflict_and_changes_nothing(offline_tas: tuple[Path, Path, Path]) -> None:
    remote, _, bob = offline_tas
    before = (git(bob, "rev-parse", "HEAD"), tags(bob), git(remote, "show-ref"))
    line = fails(bob, "sync", name=BOB)
    assert "you and origin both recorded TA ta-staffing offline" in line
    assert "signed Ben / Fay" in line and "signed Ana / Eve" in line
    assert "proposals resolve --ta staffing --keep mine|theirs" in line
    assert (git(bob, "rev-parse", "HEAD"), tags(bob), git(remote, "show-ref")) == before
    assert "resolve --ta staffing" in ok(bob, "resolve")


def test_keep_theirs_renames_ours_as_superseded_and_clones_converge(
    offline_tas: tuple[Path, Path, Path],
) -> None:
    remote, alice, bob = offline_tas
    fails(bob, "sync", name=BOB)
    theirs = tags(alice)["ta-staffing"]
    mine = tags(bob)["ta-staffing"]
    out = ok(bob, "resolve", "--ta", "staffing", "--keep", "theirs", name=BOB)
    assert "kept theirs (ta-staffing)" in out and "ta-staffing-superseded-1" in out
    assert tags(bob)["ta-staffing"] == theirs  # the tag name is the remote's TA, as on the remote
    renamed = tags(bob)["ta-staffing-superseded-1"]
    assert git(bob, "rev-parse", f"{renamed}^{{tree}}") == git(bob, "rev-parse", f"{mine}^{{tree}}")
    assert "TA-Tag: ta-staffing-superseded-1" in trailers(bob, renamed)
    resolution = trailers(bob, "HEAD")
    for expected in (
        "TA-Resolved: ta-staffing",
        f"TA-Kept-Commit: {theirs}",
        "TA-Kept-Union-Sign: Ana",
        f"TA-Superseded-Commit: {renamed}",
        "TA-Superseded-Union-Sign: Ben",
        "TA-Superseded-As: ta-staffing-superseded-1",
    ):
        assert expected in resolution
    assert git(bob, "for-each-ref", "refs/proposals/before-renumber/")  # the original is kept
    assert "pushed main, ta-staffing-superseded-1" in ok(bob, "sync", name=BOB)
    assert "Received from origin: ta-staffing-superseded-1" in ok(alice, "sync", name=ALICE)
    assert_converged(alice, bob)
    assert tags(remote) == tags(alice)
    for member in (alice, bob):
        assert "(Ana / Eve)" in standing_ta(member) and "Ben" not in standing_ta(member)


def test_keep_mine_keeps_their_tag_in_place_and_converges(offline_tas: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = offline_tas
    fails(bob, "sync", name=BOB)
    theirs = tags(alice)["ta-staffing"]
    out = ok(bob, "resolve", "--ta", "ta-staffing", "--keep", "mine", name=BOB)
    assert "kept mine (ta-staffing-2)" in out and "kept as ta-staffing-superseded-1" in out
    assert tags(bob)["ta-staffing"] == theirs  # a pushed TA tag never moves
    assert tags(bob)["ta-staffing-superseded-1"] == theirs  # ... and is also kept as superseded
    assert "TA-Tag: ta-staffing-2" in trailers(bob, "ta-staffing-2")
    assert f"TA-Superseded-Commit: {theirs}" in trailers(bob, "HEAD")
    ok(bob, "sync", name=BOB)
    received = ok(alice, "sync", name=ALICE)
    assert "ta-staffing-2" in received and "ta-staffing-superseded-1" in received
    assert_converged(alice, bob)
    assert tags(remote) == tags(alice)
    for member in (alice, bob):
        assert "(Ben / Fay)" in standing_ta(member) and "Ana" not in standing_ta(member)
    assert '"status": "ta"' in ok(alice, "status", "--json")


def test_a_third_clone_that_also_tad_offline_settles_against_the_standing_ta(
    offline_tas: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    remote, alice, bob = offline_tas
    ok(tmp_path, "clone", str(remote), "carol", name=CAROL)
    carol = tmp_path / "carol"
    git(carol, "reset", "--quiet", "--hard", "HEAD~1")  # Carol had not seen Alice's TA either
    git(carol, "tag", "-d", "ta-staffing")
    ok(carol, "ta", "staffing", "--union-sign", "Cy", "--employer-sign", "Gil", "--date", "2025-03-03")
    fails(bob, "sync", name=BOB)
    ok(bob, "resolve", "--ta", "staffing", "--keep", "mine", name=BOB)
    ok(bob, "sync", name=BOB)
    assert "both recorded TA ta-staffing offline" in fails(carol, "sync", name=CAROL)
    out = ok(carol, "resolve", "--ta", "staffing", "--keep", "theirs", name=CAROL)
    assert "kept theirs (ta-staffing-2)" in out  # Bob's TA stands on the remote now, not Alice's
    ok(carol, "sync", name=CAROL)
    ok(alice, "sync", name=ALICE)
    ok(bob, "sync", name=BOB)
    assert_converged(alice, bob, carol)
    for member in (alice, bob, carol):
        assert "(Ben / Fay)" in standing_ta(member)
        assert "Ana" not in standing_ta(member) and "Cy" not in standing_ta(member)


def test_resolve_ta_refuses_what_it_cannot_settle(offline_tas: tuple[Path, Path, Path]) -> None:
    _, alice, bob = offline_tas
    assert "no TA conflict on 'staffing'" in fails(alice, "resolve", "--ta", "staffing", "--keep", "mine")
    fails(bob, "sync", name=BOB)
    assert "--keep mine or --keep theirs" in fails(bob, "resolve", "--ta", "staffing")
    assert "not both" in fails(bob, "resolve", "staffing", "--ta", "staffing", "--keep", "mine")
    assert "no TA conflict on 'scheduling'" in fails(bob, "resolve", "--ta", "scheduling", "--keep", "mine")
    (bob / "bargaining.toml").write_text((bob / "bargaining.toml").read_text() + "\n")
    git(bob, "add", "bargaining.toml")
    head = git(bob, "rev-parse", "HEAD")
    assert "staged changes" in fails(bob, "resolve", "--ta", "staffing", "--keep", "mine")
    assert git(bob, "rev-parse", "HEAD") == head and "ta-staffing-2" not in tags(bob)


def test_a_forged_remote_ta_cannot_forge_the_resolution(tmp_path: Path) -> None:
    """A TA commit made by hand on the server with a line separator in a signatory."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice", name=ALICE)
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    bob = tmp_path / "bob"
    blob = git(alice, "rev-parse", "HEAD:articles/staffing.txt").strip()
    forged = (
        "Tentative agreement: staffing\n\nTA-Article: staffing\n"
        f"TA-Blob: {blob}\nTA-Union-Sign: Ana\u2028TA-Blob: 0000\nTA-Employer-Sign: Eve\n"
        "TA-Date: 2025-03-01\nTA-Tag: ta-staffing\n"
    )
    git(alice, "commit", "--quiet", "--allow-empty", "-m", forged)
    git(alice, "tag", "ta-staffing")
    git(alice, "push", "--quiet", "origin", "main", "ta-staffing")
    ok(bob, "ta", "staffing", "--union-sign", "Ben", "--employer-sign", "Fay", "--date", "2025-03-02")
    line = fails(bob, "sync", name=BOB)
    assert "both recorded TA ta-staffing" in line and "\\u2028" in line  # shown escaped, not raw
    head = git(bob, "rev-parse", "HEAD")
    assert "line separator" in fails(bob, "resolve", "--ta", "staffing", "--keep", "mine")
    assert git(bob, "rev-parse", "HEAD") == head


def test_a_superseded_tag_waits_while_the_server_has_lost_its_branch(
    offline_tas: tuple[Path, Path, Path],
) -> None:
    """Found by the sync model (seed 17): the alias came in before its resolution commit could."""
    remote, alice, bob = offline_tas
    fails(bob, "sync", name=BOB)
    ok(bob, "resolve", "--ta", "staffing", "--keep", "mine", name=BOB)
    ok(bob, "sync", name=BOB)
    git(remote, "update-ref", "-d", "refs/heads/main")  # the resolution is now only in Bob's clone
    proc = run(alice, "sync", name=ALICE, check=True)
    assert "ta-staffing-superseded-1" in proc.stderr and "waits for the resolution" in proc.stderr
    assert "ta-staffing-superseded-1" not in tags(alice)
    ok(bob, "sync", name=BOB)
    assert "ta-staffing-superseded-1" in ok(alice, "sync", name=ALICE)
    ok(bob, "sync", name=BOB)
    assert_converged(alice, bob)
