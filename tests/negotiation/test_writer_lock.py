"""One recorder at a time per clone: concurrent passes never share a number or lose a tag."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLI, cli_command, cli_env, git


def test_concurrent_passes_get_distinct_numbers(cli: CLI, negotiation: Path) -> None:
    articles = negotiation / "articles"
    for round_ in range(3):
        for name in ("staffing", "scheduling", "parking"):
            path = articles / f"{name}.txt"
            path.write_text(path.read_text().rstrip("\n") + f" Round {round_}.\n")
        procs = [
            subprocess.Popen(
                [*cli_command(), "-C", str(negotiation), "pass", "--party", "union", name],
                env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for name in ("staffing", "scheduling", "parking")
        ]
        for proc in procs:
            _out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
    passes = json.loads(cli("-C", str(negotiation), "log", "--json").out)["passes"]
    names = [p["pass"] for p in passes if p["party"] == "union"]
    assert len(names) == len(set(names)) == 10  # U-1 plus nine concurrent passes
    assert cli("-C", str(negotiation), "verify").code == 0
    assert not (negotiation / ".git" / "proposals.lock").exists()


def test_a_dead_writers_lock_is_taken_over(cli: CLI, negotiation: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (negotiation / ".git" / "proposals.lock").write_text(str(dead.pid))
    path = negotiation / "articles" / "scheduling.txt"
    path.write_text(path.read_text().replace("eight (8)", "ten (10)"))
    cli("-C", str(negotiation), "pass", "--party", "union", "scheduling")
    assert git(negotiation, "tag", "--list", "U-2").strip() == "U-2"


def test_a_live_writer_is_waited_for_then_refused(cli: CLI, negotiation: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = negotiation / ".git" / "proposals.lock"
        lock.write_text(str(sleeper.pid))
        path = negotiation / "articles" / "scheduling.txt"
        path.write_text(path.read_text().replace("eight (8)", "ten (10)"))
        env = {**cli_env(), "PROPOSALS_LOCK_WAIT": "0.5"}
        proc = subprocess.run(
            [*cli_command(), "-C", str(negotiation), "pass", "--party", "union", "scheduling"],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert proc.returncode != 0 and proc.stderr.count("\n") == 1
        assert "another proposals command is recording" in proc.stderr
        assert lock.read_text() == str(sleeper.pid)  # not ours to remove
        assert "U-2" not in git(negotiation, "tag", "--list")
    finally:
        sleeper.kill()
        sleeper.wait()
    assert os.path.exists(negotiation / ".git" / "proposals.lock")


def test_a_fresh_lock_taken_while_a_dead_one_was_judged_is_kept(
        negotiation: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The race the concurrent-pass test once hit: a waiter reads the holder's pid, the holder
    releases and exits, the next writer locks; the waiter must not remove that fresh lock."""
    from proposals.negotiation import writer_lock as lock_module

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock = negotiation / ".git" / "proposals.lock"
    lock.write_text(str(os.getpid()))  # the fresh lock, held by a live process (this one)
    reads = iter([dead.pid])  # what the waiter read before the holder let go
    real = lock_module._lock_pid
    monkeypatch.setattr(lock_module, "_lock_pid", lambda path: next(reads, None) or real(path))
    lock_module._take_over_if_stale(lock)
    assert lock.read_text() == str(os.getpid())
    assert not (negotiation / ".git" / "proposals.lock.takeover").exists()
    # A lock that still names the dead process is taken over.
    lock.write_text(str(dead.pid))
    lock_module._take_over_if_stale(lock)
    assert not lock.exists()


def test_repair_waits_for_a_pass_being_recorded(cli: CLI, negotiation: Path) -> None:
    """A pass mid-recording (committed, its tag not yet made) looks interrupted; the repair every
    recording command runs first must not tag it under the recorder, whose own tag then fails."""
    commit = git(negotiation, "rev-parse", "U-1^{commit}").strip()
    git(negotiation, "tag", "-d", "U-1")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = negotiation / ".git" / "proposals.lock"
        lock.write_text(str(sleeper.pid))  # the recorder, between its commit and its tag
        env = {**cli_env(), "PROPOSALS_LOCK_WAIT": "0.5"}
        proc = subprocess.run([*cli_command(), "-C", str(negotiation), "repair"],
                              env=env, capture_output=True, text=True, timeout=60)
        assert proc.returncode != 0 and "another proposals command is recording" in proc.stderr
        assert git(negotiation, "tag", "--list", "U-1").strip() == ""
    finally:
        sleeper.kill()
        sleeper.wait()
    cli("-C", str(negotiation), "repair")  # the recorder is gone: its lock is stale, taken over
    assert git(negotiation, "rev-parse", "U-1^{commit}").strip() == commit
