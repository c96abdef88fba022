"""Every way a team's remote can look, synced through the real CLI against real bare repos.

"Already pushed" means reachable from any remote-tracking branch, any tag the remote has, or the
head of our last sync with it: a remote that lost its branch (deleted, renamed, force-pushed) or
that starts empty never makes sync renumber or move what the team has already seen. A tag added
or moved on the server by hand is refused loudly and never taken in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sync_support import SCHEDULING, STAFFING, fails, git, make_repo, ok, run, tags, write

ALICE, BOB = "Alice Organizer", "Bob Steward"


def record(member: Path, party: str, article: str, old: str, new: str, who: str) -> str:
    path = member / "articles" / f"{article}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    write(member, article, text.replace(old, new))
    return ok(member, "pass", "--party", party, "--session", "2025-02-01", article, name=who)


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Alice pushed U-1, E-1 and ta-staffing to a bare remote; Bob cloned it."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice", name=ALICE)
    git(alice, "remote", "add", "origin", str(remote))
    record(alice, "employer", "scheduling", "four", "two", ALICE)
    ok(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-02-02")
    assert "pushed main, E-1, U-1, ta-staffing" in ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    return remote, alice, tmp_path / "bob"


def pass_names(member: Path) -> list[str]:
    return [entry["pass"] for entry in json.loads(ok(member, "log", "--json"))["passes"]]


def remote_tags(remote: Path) -> dict[str, str]:
    return tags(remote)


def assert_converged(*members: Path) -> None:
    first = members[0]
    for member in members:
        assert git(member, "rev-parse", "HEAD") == git(first, "rev-parse", "HEAD")
        assert tags(member) == tags(first)
        names = pass_names(member)
        assert len(names) == len(set(names)), f"a pass shows twice: {names}"
        assert "intact" in ok(member, "verify")


def test_an_empty_remote_gets_everything_and_nothing_is_renumbered(
    team: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, alice, bob = team
    before = tags(alice)
    empty = tmp_path / "new-server.git"
    git(tmp_path, "init", "--quiet", "--bare", str(empty))
    git(alice, "remote", "set-url", "origin", str(empty))
    out = ok(alice, "sync", name=ALICE)
    assert "Renumbered" not in out and "pushed main, E-1, U-1, ta-staffing" in out
    assert tags(alice) == before == remote_tags(empty)
    git(bob, "remote", "set-url", "origin", str(empty))
    assert "Renumbered" not in ok(bob, "sync", name=BOB)
    assert_converged(alice, bob)


def test_a_remote_with_tags_but_no_branch_renumbers_nothing(team: tuple[Path, Path, Path]) -> None:
    """The branch deleted on the server: sync used to renumber pushed U-1/E-1 and move ta-staffing."""
    remote, alice, bob = team
    before = tags(alice)
    record(bob, "union", "scheduling", "two", "six", BOB)  # Bob's U-2, made offline meanwhile
    git(remote, "update-ref", "-d", "refs/heads/main")
    out = ok(alice, "sync", name=ALICE)
    assert "Renumbered" not in out and "pushed main" in out
    assert tags(alice) == before
    assert git(remote, "rev-parse", "refs/heads/main") == git(alice, "rev-parse", "HEAD")
    out = ok(bob, "sync", name=BOB)
    assert "Renumbered" not in out and "pushed main, U-2" in out
    ok(alice, "sync", name=ALICE)
    assert_converged(alice, bob)
    assert pass_names(alice) == ["U-1", "E-1", "U-2"]
    assert tags(alice)["ta-staffing"] == before["ta-staffing"]


def test_a_remote_with_tags_only_and_our_unpushed_passes(team: tuple[Path, Path, Path]) -> None:
    """With no remote branch, our own new passes still go up under their numbers."""
    remote, alice, bob = team
    record(alice, "employer", "scheduling", "two", "three", ALICE)  # E-2, unpushed
    git(remote, "update-ref", "-d", "refs/heads/main")
    out = ok(alice, "sync", name=ALICE)
    assert "Renumbered" not in out and "E-2" in out
    ok(bob, "sync", name=BOB)
    assert_converged(alice, bob)
    assert pass_names(bob) == ["U-1", "E-1", "E-2"]


def test_a_branch_renamed_on_the_server_is_recreated(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    before = tags(alice)
    git(remote, "branch", "-m", "main", "trunk")
    record(alice, "union", "scheduling", "two", "five", ALICE)
    out = ok(alice, "sync", name=ALICE)
    assert "Renumbered" not in out and "pushed main, U-2" in out
    assert {k: v for k, v in tags(alice).items() if k != "U-2"} == before
    ok(bob, "sync", name=BOB)
    assert_converged(alice, bob)


def test_a_force_pushed_branch_is_healed_without_renumbering(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    before = tags(alice)
    git(remote, "update-ref", "refs/heads/main", before["U-1"])  # someone's git push --force
    git(remote, "tag", "-d", "E-1")  # ... and a pass tag deleted on the server as well
    record(bob, "union", "scheduling", "two", "six", BOB)
    out = ok(alice, "sync", name=ALICE)
    assert "Renumbered" not in out and "pushed main, E-1" in out
    assert remote_tags(remote) == before
    assert git(remote, "rev-parse", "refs/heads/main") == git(alice, "rev-parse", "HEAD")
    proc = run(bob, "sync", name=BOB)
    assert "Renumbered" not in proc.stdout
    ok(alice, "sync", name=ALICE)
    assert git(alice, "rev-parse", "HEAD") == git(bob, "rev-parse", "HEAD")
    assert tags(alice) == tags(bob)


def test_a_pass_forgotten_by_the_server_is_never_renumbered(team: tuple[Path, Path, Path]) -> None:
    """Branch forced back and tags deleted: what we pushed once stays pushed (refs/proposals/pushed)."""
    remote, alice, _ = team
    before = tags(alice)
    git(remote, "update-ref", "refs/heads/main", before["U-1"])
    for name in ("E-1", "ta-staffing"):
        git(remote, "tag", "-d", name)
    record(alice, "employer", "scheduling", "two", "one", ALICE)  # E-2 on top
    out = ok(alice, "sync", name=ALICE)
    assert "Renumbered" not in out
    assert {k: v for k, v in tags(alice).items() if k != "E-2"} == before
    assert remote_tags(remote) == tags(alice)


def test_a_pass_tag_moved_on_the_server_is_refused(team: tuple[Path, Path, Path]) -> None:
    remote, alice, _ = team
    before = (tags(alice), git(alice, "rev-parse", "HEAD"))
    git(remote, "tag", "-f", "U-1", before[0]["E-1"])
    line = fails(alice, "sync", name=ALICE)
    assert "tag U-1 was moved on origin" in line and "never moves" in line
    assert (tags(alice), git(alice, "rev-parse", "HEAD")) == before


def test_a_ta_tag_moved_on_the_server_is_refused(team: tuple[Path, Path, Path]) -> None:
    remote, _alice, bob = team
    before = tags(bob)
    git(remote, "tag", "-f", "-a", "-m", "moved", "ta-staffing", before["U-1"])
    assert "never moved or deleted" in fails(bob, "sync", name=BOB)
    assert tags(bob) == before


def test_a_moved_baseline_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "contract"
    old.mkdir()
    (old / "staffing.txt").write_text(STAFFING)
    (old / "scheduling.txt").write_text(SCHEDULING)
    ok(tmp_path, "init", "alice", "--union", "Clinicians United", "--employer", "Health System")
    alice = tmp_path / "alice"
    ok(alice, "baseline", "--from-dir", str(old))
    record(alice, "union", "staffing", "safe", "safer", ALICE)
    git(tmp_path, "init", "--quiet", "--bare", "remote.git")
    remote = tmp_path / "remote.git"
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync")
    before = tags(alice)
    git(remote, "tag", "-f", "baseline", before["U-1"])  # --from baseline would now read U-1
    line = fails(alice, "sync")
    assert "different baseline" in line and "moved baseline is refused" in line
    assert tags(alice) == before


def test_a_pass_tag_added_on_a_ta_commit_is_refused_not_taken_in(team: tuple[Path, Path, Path]) -> None:
    remote, alice, bob = team
    git(remote, "tag", "U-9", tags(alice)["ta-staffing"])
    before = tags(bob)
    line = fails(bob, "sync", name=BOB)
    assert "tag U-9 that is on a TA commit" in line and "not taken in" in line
    assert tags(bob) == before and "U-9" not in tags(bob)
    # next_pass_name would have jumped to U-10 had it come in
    assert "U-2" in record(bob, "union", "scheduling", "two", "six", BOB)


def test_a_baseline_tag_added_on_a_pass_commit_is_refused(team: tuple[Path, Path, Path]) -> None:
    remote, alice, _ = team
    git(remote, "tag", "baseline", tags(alice)["E-1"])
    assert "baseline that is not on the baseline import" in fails(alice, "sync", name=ALICE)
    assert "baseline" not in tags(alice)


def test_a_ta_tag_added_on_a_pass_commit_is_refused(team: tuple[Path, Path, Path]) -> None:
    remote, alice, _ = team
    git(remote, "tag", "-a", "-m", "fake", "ta-scheduling", tags(alice)["E-1"])
    assert "ta-scheduling that is on the commit of pass E-1" in fails(alice, "sync", name=ALICE)
    assert "ta-scheduling" not in tags(alice)


def test_a_foreign_tag_is_ignored_with_a_warning(team: tuple[Path, Path, Path]) -> None:
    remote, alice, _ = team
    notes = git(remote, "commit-tree", "-m", "notes", git(remote, "rev-parse", "main^{tree}").strip())
    git(remote, "tag", "v1", notes.strip())
    git(remote, "tag", "v1-tree", git(remote, "rev-parse", "main^{tree}").strip())
    proc = run(alice, "sync", name=ALICE, check=True)
    assert "ignored tag v1" in proc.stderr
    assert "ignored tag v1-tree" in proc.stderr
    assert "v1" not in tags(alice) and "v1-tree" not in tags(alice)


def test_clone_refuses_a_remote_with_a_forged_tag(team: tuple[Path, Path, Path], tmp_path: Path) -> None:
    remote, alice, _ = team
    git(remote, "tag", "U-9", tags(alice)["ta-staffing"])
    assert "clone refused" in fails(tmp_path, "clone", str(remote), "carol")
    assert not (tmp_path / "carol").exists()
    git(remote, "tag", "-d", "U-9")
    ok(tmp_path, "clone", str(remote), "carol")
