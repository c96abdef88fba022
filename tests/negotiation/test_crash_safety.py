"""Crash safety: processes killed with SIGKILL at the worst moment, then detected and repaired."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sync_support import (
    SCHEDULING,
    STAFFING,
    cli_env,
    fails,
    git,
    held_open,
    make_repo,
    ok,
    read,
    run,
    tags,
    write,
)

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL and /proc are Linux-specific")


def test_draft_killed_mid_write_leaves_old_or_new_text_never_partial(tmp_path: Path) -> None:
    """A writer rewriting an 8 MB draft over and over is killed at random moments."""
    repo = make_repo(tmp_path / "team")
    path = repo / "articles" / "staffing.txt"
    old = STAFFING + "6.3 " + "old words " * 800_000
    new = STAFFING + "6.3 " + "new text! " * 800_000
    write(repo, "staffing", old)
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    script = tmp_path / "writer.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            from pathlib import Path
            from proposals.negotiation.drafts import atomic_write
            path, old, new = (Path(a) for a in sys.argv[1:4])
            old, new = old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
            print("ready", flush=True)
            while True:
                atomic_write(path, new)
                atomic_write(path, old)
            """
        )
    )
    interrupted = 0
    for trial in range(12):
        proc = subprocess.Popen(
            [sys.executable, str(script), str(path), str(tmp_path / "old.txt"), str(tmp_path / "new.txt")],
            env=cli_env(),
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
        time.sleep(0.05 + 0.037 * trial)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert path.read_text(encoding="utf-8") in (old, new)
        leftovers = list(path.parent.glob(".staffing.txt.*.tmp"))
        interrupted += bool(leftovers)
        if leftovers:
            out = ok(repo, "repair")
            assert "interrupted save" in out
            assert not list(path.parent.glob(".staffing.txt.*.tmp"))
            assert list((repo / ".git" / "proposals" / "interrupted").iterdir())
    assert interrupted, "no kill landed mid-write; the test proved nothing"
    assert read(repo, "staffing") in (old, new)


KILL_PARENT_HOOK = """#!/bin/sh
# Kill the proposals process that ran this git commit: a laptop dying between commit and tag.
python_pid=$(awk '{print $4}' /proc/$PPID/stat)
kill -9 "$python_pid"
"""


def install_killer(repo: Path) -> Path:
    hook = repo / ".git" / "hooks" / "post-commit"
    hook.write_text(KILL_PARENT_HOOK)
    hook.chmod(0o755)
    return hook


def test_pass_killed_between_commit_and_tag_is_detected_and_repaired(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    hook = install_killer(repo)
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    proc = run(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    assert proc.returncode == -signal.SIGKILL
    hook.unlink()
    assert "Pass: U-2" in git(repo, "log", "-1", "--format=%B")
    assert "U-2" not in tags(repo)  # half-recorded: a commit without its tag
    verify = run(repo, "verify")
    assert verify.returncode == 1 and "U-2: pass has no tag" in verify.stdout
    assert "U-2: pass recorded but never tagged" in run(repo, "repair", "--dry-run").stdout
    # the next pass repairs it first, says so, and does not reuse the number
    write(repo, "scheduling", SCHEDULING.replace("four", "six"))
    proc = run(repo, "pass", "--party", "union", "--session", "2025-02-01", "scheduling", check=True)
    assert "Repaired: pass U-2 was recorded but not tagged" in proc.stderr
    assert "U-3" in proc.stdout
    assert tags(repo)["U-2"] == git(repo, "rev-parse", "HEAD~1").strip()
    assert "session 2025-02-01" in git(repo, "tag", "-l", "-n1", "U-2")
    ok(repo, "verify")


def test_the_library_recorders_finish_an_interrupted_pass_first(tmp_path: Path) -> None:
    """Not a CLI rule: any front end calling the core's recorders gets the repair and its notice."""
    from proposals.negotiation.agreements import make_ta
    from proposals.negotiation.passes import record_pass, withdraw
    from proposals.negotiation.repo import BargainingRepo

    path = make_repo(tmp_path / "team")
    for step in ("pass", "withdraw", "ta"):
        commit = tags(path)["U-1"]
        git(path, "tag", "-d", "U-1")
        repo = BargainingRepo.open(path)
        if step == "pass":
            write(path, "scheduling", SCHEDULING.replace("four", "five"))
            record_pass(repo, "union", ["scheduling"], session="2025-02-01")
        elif step == "withdraw":
            withdraw(repo, "union", ["scheduling"], session="2025-02-02")
        else:
            make_ta(repo, "staffing", union_sign="Ana", employer_sign="Eve", ta_date="2025-02-03")
        assert tags(path)["U-1"] == commit, step
        assert repo.take_notices() == ["Repaired: pass U-1 was recorded but not tagged; tagged it"], step
        assert repo.take_notices() == []


def test_ta_killed_between_commit_and_tag_is_repaired_by_repair(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    hook = install_killer(repo)
    proc = run(
        repo, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01"
    )
    assert proc.returncode == -signal.SIGKILL
    hook.unlink()
    assert "ta-staffing" not in tags(repo)
    proc = run(repo, "repair", "--dry-run")
    assert proc.returncode == 1 and "ta-staffing: TA recorded but never tagged" in proc.stdout
    assert "Repaired: TA ta-staffing" in ok(repo, "repair")
    assert tags(repo)["ta-staffing"] == git(repo, "rev-parse", "HEAD").strip()
    assert "For the union: Ana" in git(repo, "tag", "-l", "-n9", "ta-staffing")
    assert "Nothing to repair" in ok(repo, "repair")
    ok(repo, "verify")


def test_a_deleted_pass_tag_is_restored(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    commit = tags(repo)["U-1"]
    git(repo, "tag", "-d", "U-1")
    assert "U-1: pass has no tag" in run(repo, "verify").stdout
    assert "Repaired: pass U-1" in ok(repo, "repair")
    assert tags(repo)["U-1"] == commit


def test_tag_without_commit_is_set_aside_and_the_number_freed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    lost = tags(repo)["U-2"]
    git(repo, "reset", "--quiet", "--hard", "HEAD~1")  # the commit leaves the branch, the tag stays
    proc = run(repo, "verify")
    assert (
        proc.returncode == 1
        and "U-2: pass tag marks a commit that is no longer in this branch" in proc.stdout
    )
    assert "kept it as refs/proposals/orphans/U-2" in ok(repo, "repair")
    assert "U-2" not in tags(repo)
    assert git(repo, "rev-parse", "refs/proposals/orphans/U-2^{commit}").strip() == lost  # nothing lost
    ok(repo, "verify")
    write(repo, "staffing", STAFFING.replace("safe", "safer"))
    assert "U-2" in ok(repo, "pass", "--party", "union", "staffing")


def test_an_index_lock_in_use_is_explained_by_repair_not_removed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    with held_open(repo / ".git" / "index.lock", age=600) as lock:
        proc = run(repo, "repair")
        assert proc.returncode == 1 and "index.lock" in proc.stdout and "left 10 min ago" in proc.stdout
        assert "still running" in proc.stdout
        assert lock.exists()  # a running program has it open: never taken from it
        assert "left 10 min ago" in fails(repo, "pass", "--party", "union", "staffing")


def test_verify_checks_ta_locks_at_the_ta_commit_and_on_the_remote(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice")
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-03-01")
    ok(alice, "sync")
    ok(tmp_path, "clone", str(remote), "bob")
    bob = tmp_path / "bob"
    # Someone bypasses proposals and pushes a change to TA'd text straight to the remote.
    write(alice, "staffing", STAFFING.replace("safe", "optional"))
    git(alice, "commit", "--quiet", "-am", "sneaky edit")
    git(alice, "push", "--quiet", "origin", "main")
    git(bob, "fetch", "--quiet", "origin")
    proc = run(bob, "verify")
    assert proc.returncode == 1
    assert "staffing: TA'd text changed on the remote (origin/main)" in proc.stdout
    # A TA tag that differs on the remote (as of the last sync) is reported too.
    git(remote, "tag", "-f", "-a", "-m", "moved", "ta-staffing", "U-1")
    subprocess.run(
        ["git", "fetch", "--quiet", "origin", "+refs/tags/*:refs/proposals/remote-tags/origin/*"],
        cwd=bob,
        env=cli_env(),
        check=True,
    )
    assert "TA tag marks a different commit there (remote origin)" in run(bob, "verify").stdout


def test_verify_flags_a_ta_whose_lock_never_matched(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    forged = "Tentative agreement: staffing\n\nTA-Article: staffing\nTA-Blob: " + "0" * 40 + "\n"
    git(repo, "commit", "--quiet", "--allow-empty", "-m", forged)
    proc = run(repo, "verify")
    assert proc.returncode == 1 and "text there does not match the TA lock" in proc.stdout


def test_a_hand_made_pass_with_an_option_shaped_name_is_never_tagged(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    message = "sneaky\n\nProposal-Party: union\nPass: --upload-pack=touch pwned\nSession: 2025-02-01\n"
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message)
    run(repo, "repair")
    assert set(tags(repo)) == {"U-1"}
    # Not a pass at all (its Pass trailer is no pass number): verify lists the commit instead.
    verify = run(repo, "verify")
    assert verify.returncode == 1 and "not a plain pass number" in verify.stdout
    assert not (repo / "pwned").exists()
    write(repo, "staffing", STAFFING.replace("safe", "safer"))
    assert "U-2" in ok(repo, "pass", "--party", "union", "staffing")  # auto-repair skips it quietly


def test_a_detached_head_makes_no_tag_look_orphaned(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    write(repo, "staffing", STAFFING.replace("safe", "safer"))
    ok(repo, "pass", "--party", "union", "staffing")
    git(repo, "checkout", "--quiet", "--detach", "U-1")
    assert "Nothing to repair" in ok(repo, "repair")
    assert set(tags(repo)) == {"U-1", "U-2"}
