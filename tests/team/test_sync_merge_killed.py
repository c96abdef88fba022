"""A sync killed in the middle of its merge never wedges the clone (issue 13).

The kill is real: a ``prepare-commit-msg`` hook in Bob's clone SIGKILLs the whole process group
(``proposals sync`` and its ``git merge``) at the moment git has written MERGE_HEAD, MERGE_MSG and
the merged index and is about to commit, as the kill campaign's random kills did. Before the fix,
``repair`` said "Not repaired: a sync's merge is unfinished", ``resolve`` said "No conflicts" and
``sync`` refused "a merge is in progress", forever. Now ``repair``, or the next ``sync`` on its
own (one core path: ``team.integrity.interrupted_merge`` / ``undo_interrupted_merge``), abandons
the half-done merge, says so in one line, and the clones converge with nothing lost. A merge that
sync stopped on a conflict, and reported, is still left to ``resolve``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sync_support import SCHEDULING, STAFFING, cli_env, git, make_repo, ok, read, run, tags, write

ALICE, BOB = "Alice Organizer", "Bob Steward"
BOB_TEXT = SCHEDULING.replace("four", "six")
ALICE_TEXT = STAFFING.replace("safe", "efficient")
KILL_HOOK = "#!/bin/sh\nkill -9 0\n"  # the whole process group: proposals and its git merge


@pytest.fixture(scope="module")
def diverged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Alice pushed E-1 on staffing; Bob, offline, recorded U-2 on scheduling: a real merge."""
    base = tmp_path_factory.mktemp("merge-killed")
    remote = base / "remote.git"
    git(base, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(base / "alice", name=ALICE)
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync", name=ALICE)
    ok(base, "clone", str(remote), "bob", name=BOB)
    write(alice, "staffing", ALICE_TEXT)
    ok(alice, "pass", "--party", "employer", "--session", "2025-02-01", "staffing", name=ALICE)
    ok(alice, "sync", name=ALICE)
    write(base / "bob", "scheduling", BOB_TEXT)
    ok(base / "bob", "pass", "--party", "union", "--session", "2025-02-01", "scheduling", name=BOB)
    return base


def copy_of(diverged: Path, target: Path) -> tuple[Path, Path, Path]:
    for name in ("remote.git", "alice", "bob"):
        shutil.copytree(diverged / name, target / name, symlinks=True)
    for name in ("alice", "bob"):
        git(target / name, "remote", "set-url", "origin", str(target / "remote.git"))
    return target / "remote.git", target / "alice", target / "bob"


def killed_mid_merge(bob: Path) -> None:
    """Bob's sync, SIGKILLed (with its git) once git has merged and not yet committed."""
    hook = bob / ".git" / "hooks" / "prepare-commit-msg"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(KILL_HOOK)
    hook.chmod(0o755)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "proposals", "-C", str(bob), "sync"],
            capture_output=True,
            text=True,
            env=cli_env(BOB),
            start_new_session=True,  # the hook kills this group, never the test's
            timeout=120,
        )
    finally:
        hook.unlink()
    assert proc.returncode == -9, proc.stderr
    assert (bob / ".git" / "MERGE_HEAD").exists(), "the kill no longer lands in the merge"


def converged(remote: Path, alice: Path, bob: Path, bob_head: str) -> None:
    """Both clones agree, every pass once, Bob's unpushed pass arrived, verify and fsck clean."""
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    assert git(alice, "rev-parse", "HEAD") == git(bob, "rev-parse", "HEAD")
    assert tags(alice) == tags(bob) == tags(remote)
    git(bob, "merge-base", "--is-ancestor", bob_head, "HEAD")  # Bob's own commits are kept
    assert read(alice, "scheduling") == BOB_TEXT and read(bob, "staffing") == ALICE_TEXT
    log = ok(bob, "log")
    assert all(log.count(name) >= 1 for name in ("U-1", "E-1", "U-2"))
    for member in (alice, bob):
        ok(member, "verify")
        assert "Nothing to repair" in ok(member, "repair")
        git(member, "fsck", "--no-progress", "--no-dangling")
    assert not (bob / ".git" / "MERGE_HEAD").exists()
    assert git(bob, "status", "--porcelain") == ""


def test_repair_puts_back_a_sync_killed_mid_merge(diverged: Path, tmp_path: Path) -> None:
    remote, alice, bob = copy_of(diverged, tmp_path)
    before = git(bob, "rev-parse", "HEAD").strip()
    killed_mid_merge(bob)
    dry = run(bob, "repair", "--dry-run", name=BOB)
    assert "killed while merging" in dry.stdout and "needs a person" not in dry.stdout, dry.stdout
    repaired = run(bob, "repair", name=BOB)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    lines = repaired.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Repaired: a sync was killed in the middle of its merge")
    assert "nothing pushed or recorded is lost" in lines[0] and "run proposals sync again" in lines[0]
    # back to the pre-merge state: HEAD, index and working tree as before the sync
    assert git(bob, "rev-parse", "HEAD").strip() == before
    assert not (bob / ".git" / "MERGE_HEAD").exists()
    assert git(bob, "status", "--porcelain") == ""
    assert read(bob, "scheduling") == BOB_TEXT and read(bob, "staffing") == STAFFING
    converged(remote, alice, bob, before)


def test_the_next_sync_puts_back_a_sync_killed_mid_merge_by_itself(diverged: Path, tmp_path: Path) -> None:
    remote, alice, bob = copy_of(diverged, tmp_path)
    before = git(bob, "rev-parse", "HEAD").strip()
    killed_mid_merge(bob)
    again = run(bob, "sync", name=BOB)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Repaired: a sync was killed in the middle of its merge" in again.stderr
    assert "Synced with origin/main: merged" in again.stdout
    converged(remote, alice, bob, before)


def test_a_merge_state_left_without_syncs_mark_is_put_back_too(diverged: Path, tmp_path: Path) -> None:
    """The state an older version's killed sync left (no mark): MERGE_HEAD, a sync's merge
    message, nothing unmerged."""
    remote, alice, bob = copy_of(diverged, tmp_path)
    before = git(bob, "rev-parse", "HEAD").strip()
    killed_mid_merge(bob)
    (bob / ".git" / "proposals" / "sync-merge").unlink(missing_ok=True)
    repaired = ok(bob, "repair", name=BOB)
    assert repaired.startswith("Repaired: a sync was killed in the middle of its merge")
    assert git(bob, "rev-parse", "HEAD").strip() == before
    converged(remote, alice, bob, before)


def test_merge_state_left_after_the_merge_was_committed_is_cleared_and_the_merge_kept(
    diverged: Path, tmp_path: Path
) -> None:
    """git killed after moving HEAD to the merge and before removing MERGE_HEAD."""
    remote, alice, bob = copy_of(diverged, tmp_path)
    before = git(bob, "rev-parse", "HEAD").strip()
    ok(bob, "sync", name=BOB)
    merged = git(bob, "rev-parse", "HEAD").strip()
    incoming = git(bob, "rev-parse", "HEAD^2").strip()
    (bob / ".git" / "MERGE_HEAD").write_text(incoming + "\n")
    (bob / ".git" / "MERGE_MSG").write_text("Sync with origin/main\n")
    repaired = ok(bob, "repair", name=BOB)
    assert "cleared it (the merge stays)" in repaired
    assert git(bob, "rev-parse", "HEAD").strip() == merged
    converged(remote, alice, bob, before)


def test_files_a_killed_checkout_wrote_go_back_and_drafts_stay(diverged: Path, tmp_path: Path) -> None:
    """git killed in the middle of a fast-forward's checkout: no MERGE_HEAD, no new index, some
    files already the incoming text. Those go back to HEAD's; a draft of another article stays."""
    _remote, alice, bob = copy_of(diverged, tmp_path)
    ok(bob, "sync", name=BOB)  # Bob is up to date; Alice records another pass
    ok(alice, "sync", name=ALICE)
    write(alice, "staffing", ALICE_TEXT + "\n6.3 New.\n")
    ok(alice, "pass", "--party", "employer", "--session", "2025-02-05", "staffing", name=ALICE)
    ok(alice, "sync", name=ALICE)
    git(bob, "fetch", "--quiet", "origin")
    head = git(bob, "rev-parse", "HEAD").strip()
    incoming = git(bob, "rev-parse", "origin/main").strip()
    (bob / ".git" / "proposals" / "sync-merge").write_text(f"{head} {incoming}\n")
    write(bob, "staffing", ALICE_TEXT + "\n6.3 New.\n")  # what git had checked out
    draft = BOB_TEXT.replace("six", "seven")
    write(bob, "scheduling", draft)  # Bob's own draft, not the merge's
    repaired = ok(bob, "repair", name=BOB)
    assert repaired.startswith("Repaired: a sync was killed in the middle of its merge"), repaired
    assert read(bob, "staffing") == ALICE_TEXT and read(bob, "scheduling") == draft
    assert git(bob, "rev-parse", "HEAD").strip() == head
    assert not (bob / ".git" / "proposals" / "sync-merge").exists()


def test_a_conflict_sync_reported_is_left_to_resolve(diverged: Path, tmp_path: Path) -> None:
    _, _, bob = copy_of(diverged, tmp_path)
    write(bob, "staffing", STAFFING.replace("safe", "generous"))
    ok(bob, "pass", "--party", "union", "--session", "2025-02-02", "staffing", name=BOB)
    stopped = run(bob, "sync", name=BOB)
    assert stopped.returncode == 1 and "stopped on a conflict" in stopped.stdout
    repaired = run(bob, "repair", name=BOB)
    assert repaired.returncode == 1 and "proposals resolve lists what is left" in repaired.stdout
    assert (bob / ".git" / "MERGE_HEAD").exists() and "staffing" in ok(bob, "resolve")
    again = run(bob, "sync", name=BOB)
    assert again.returncode == 1 and "a merge is in progress" in again.stderr
    assert (bob / ".git" / "MERGE_HEAD").exists()
    ok(bob, "resolve", "staffing", "--keep", "mine", name=BOB)
    ok(bob, "sync", name=BOB)
