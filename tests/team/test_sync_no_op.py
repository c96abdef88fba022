"""A sync with nothing to do (issue 17): the remote's refs, and one listing of ours that says so.

At 20,000 passes every git process is 20-40 ms of a no-op sync that should cost no more than
the fetch. The remote's refs as our remote-tracking refs and mirror hold them mean no fetch at
all (tests/team/test_sync_started.py); the remote's branch at our HEAD and its mirrored tags
naming the same objects as ours mean there is nothing to check, take in, merge or push: no
merge-base, no second look at HEAD, no ``pushed`` ref rewritten to the value it has. The checks
that change nothing run while git waits on the network.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sync_support import git, make_repo, ok

from proposals.negotiation.repo import BargainingRepo
from proposals.team.sync import sync

Call = tuple[tuple[str, ...], float, float, str]


NETWORK = ("ls-remote", "fetch")  # what a sync asks of the remote: its refs, then a fetch if they moved


def _counted(repo: BargainingRepo, slow_fetch: float = 0.0, until: tuple[str, ...] = ()) -> list[Call]:
    """Every git call of the store: (args, start, end, thread name), from any thread. `slow_fetch`:
    seconds each call to the remote takes longer, as over a network (a local one can end before
    the checks). `until`: a call to the remote also waits (up to 10 s) until one of these local
    git commands has started, so a loaded machine cannot make the checks miss a fixed window."""
    calls: list[Call] = []
    real = repo.store.run
    local_started = threading.Event()

    def counting(*args: str, **kw):
        start = time.perf_counter()
        if args[0] in NETWORK:
            time.sleep(slow_fetch)
            if until:
                local_started.wait(10)
        elif args[0] in until:
            local_started.set()
        try:
            return real(*args, **kw)
        finally:
            calls.append((args, start, time.perf_counter(), threading.current_thread().name))

    repo.store.run = counting  # type: ignore[method-assign]
    return calls


def _team(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice")
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync")
    return alice


def test_a_no_op_sync_makes_no_git_call_after_its_one_listing(tmp_path: Path) -> None:
    alice = _team(tmp_path)
    ok(alice, "sync")  # the pushed ref written: this one has nothing at all to do
    repo = BargainingRepo.open(alice)
    calls = _counted(repo, slow_fetch=0.5)
    report = sync(repo, "origin")
    assert report.integrated == "up to date" and not report.pushed and not report.received_tags
    names = [args[0] for args, *_ in calls]
    assert names.count("show-ref") == 1, names  # the one listing
    assert _after_the_fetch(calls) == [], calls  # taken while git fetched: a fetch that moved no ref
    assert "merge-base" not in names and "update-ref" not in names, names
    heads = [args for args, *_ in calls if any(a.startswith("HEAD") for a in args) and args[0] == "rev-parse"]
    assert len(heads) <= 1, heads  # HEAD read once (by the history), then from the listing
    assert len(calls) <= 12, names


def test_the_local_checks_run_while_git_fetches(tmp_path: Path) -> None:
    alice = _team(tmp_path)
    repo = BargainingRepo.open(alice)
    calls = _counted(repo, until=("diff", "version"))  # a local ls-remote answers before the checks start
    sync(repo, "origin")
    fetches = [(start, end) for args, start, end, _ in calls if args[0] in NETWORK]
    assert len(fetches) == 1  # the remote's refs: nothing new, no fetch
    start, end = fetches[0]
    during = [args[0] for args, s, _, _ in calls if args[0] not in NETWORK and start <= s < end]
    assert "diff" in during or "version" in during, (during, calls)  # the staged check, git's version


def test_a_tag_the_remote_lost_is_pushed_back_though_the_branch_has_not_moved(tmp_path: Path) -> None:
    """The quick answer needs the tags alike too, not only the branch at our HEAD."""
    alice = _team(tmp_path)
    remote = tmp_path / "remote.git"
    git(remote, "tag", "-d", "U-1")  # deleted on the server by hand
    out = ok(alice, "sync")
    assert "pushed U-1" in out, out
    assert "U-1" in git(remote, "tag", "--list").split()
    assert "nothing to push" in ok(alice, "sync")


def test_a_no_op_sync_loads_neither_the_recorders_nor_costing(tmp_path: Path) -> None:
    """What only a sync that changes something uses is imported where it is used: a no-op sync
    (the whole process, as `proposals sync` runs) loads no recorder, no costing (decimal and its
    terms parser), nor the steps that check, renumber, set aside or merge."""
    import subprocess
    import sys

    from conftest import cli_env

    alice = _team(tmp_path)
    ok(alice, "sync")
    code = (
        "import sys, io, contextlib\nfrom proposals.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-C', {str(alice)!r}, 'sync']) == 0\n"
        "print('\\n'.join(sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env())
    assert run.returncode == 0, run.stderr
    loaded = set(run.stdout.split())
    assert "proposals.team.sync" in loaded
    unused = (
        "proposals.costing",
        "decimal",
        "proposals.negotiation.passes",
        "proposals.negotiation.agreements",
        "proposals.team.remote_tags",
        "proposals.team.renumber",
        "proposals.team.set_aside",
        "proposals.team.merge",
        "proposals.team.ta_conflicts",
    )
    assert [m for m in unused if m in loaded] == []


def test_a_no_op_sync_reads_the_remote_branch_from_the_listing(tmp_path: Path) -> None:
    """The remote's branch is read from the one ``show-ref -d`` too: at our HEAD it is that commit,
    so no ``rev-parse`` of it follows the fetch (each git process is 5-30 ms on a busy machine)."""
    alice = _team(tmp_path)
    ok(alice, "sync")
    repo = BargainingRepo.open(alice)
    calls = _counted(repo, slow_fetch=0.5)
    sync(repo, "origin")
    asked = [args for args, *_ in calls if args[0] not in NETWORK and any("refs/remotes/" in a for a in args)]
    assert asked == [], asked
    assert _after_the_fetch(calls) == [], calls


def _after_the_fetch(calls: list[Call]) -> list[tuple[str, ...]]:
    """The git calls started once the remote had answered (its refs, or the fetch)."""
    end = max(e for args, _, e, _ in calls if args[0] in NETWORK)
    return [args for args, start, _, _ in calls if start >= end]


def test_a_sync_lists_the_refs_again_when_the_fetch_moved_one(tmp_path: Path) -> None:
    """The listing taken while git fetched is kept only when the fetch moved no ref: a tag the
    remote received meanwhile (bob's pass) is seen, taken in and reported."""
    alice = _team(tmp_path)
    bob = tmp_path / "bob"
    ok(tmp_path, "clone", str(tmp_path / "remote.git"), "bob", name="Bob")
    staffing = bob / "articles" / "staffing.txt"
    staffing.write_text(staffing.read_text() + "\nThe employer's words.\n")
    ok(bob, "pass", "--party", "employer", "--session", "2025-02-01", "staffing", name="Bob")
    ok(bob, "sync", name="Bob")
    repo = BargainingRepo.open(alice)
    calls = _counted(repo, slow_fetch=0.5)
    report = sync(repo, "origin")
    assert report.integrated == "fast-forward" and "E-1" in report.received_tags, report
    assert ("show-ref", "-d") in _after_the_fetch(calls), calls


def test_the_remote_is_chosen_from_one_read_of_git_config(tmp_path: Path) -> None:
    """The remotes, the branch's upstream and the chosen remote's settings come from one
    ``git config`` call before the fetch (not ``git remote`` and two more)."""
    alice = _team(tmp_path)
    git(alice, "remote", "add", "backup", str(tmp_path / "remote.git"))
    git(alice, "config", "branch.main.remote", "backup")
    repo = BargainingRepo.open(alice)
    calls = _counted(repo)
    report = sync(repo)
    assert report.remote == "backup"  # the upstream, from the same read
    fetch_start = min(start for args, start, _, _ in calls if args[0] in NETWORK)
    before = [args[0] for args, start, _, _ in calls if start < fetch_start]
    assert before.count("config") == 1 and "remote" not in before, before
