"""How a sync begins (issue 17): ``proposals sync`` takes the writer lock and sets git to work
before the model is imported, and a remote with nothing new costs no fetch at all (its refs,
``git ls-remote``, against the listing of ours); anything new, moved or gone is fetched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sync_support import fails, git, make_repo, ok, write

from proposals.negotiation.repo import BargainingRepo
from proposals.team.sync import sync


def _team(tmp_path: Path) -> tuple[Path, Path]:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice")
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync")
    return alice, remote


def _git_calls(repo: BargainingRepo) -> list[str]:
    calls: list[str] = []
    real = repo.store.run

    def counting(*args: str, **kw):
        calls.append(args[0])
        return real(*args, **kw)

    repo.store.run = counting  # type: ignore[method-assign]
    return calls


def _bob_sends_a_pass(tmp_path: Path, remote: Path) -> None:
    """Bob clones the team's remote, records E-1 on staffing and syncs it there."""
    ok(tmp_path, "clone", str(remote), "bob", name="Bob")
    bob = tmp_path / "bob"
    write(bob, "staffing", (bob / "articles" / "staffing.txt").read_text() + "\nMore staff.\n")
    ok(bob, "pass", "--party", "employer", "--session", "2025-02-01", "staffing", name="Bob")
    ok(bob, "sync", name="Bob")


def test_a_remote_with_nothing_new_is_not_fetched(tmp_path: Path) -> None:
    alice, _ = _team(tmp_path)
    repo = BargainingRepo.open(alice)
    calls = _git_calls(repo)
    report = sync(repo, "origin")
    assert report.integrated == "up to date" and not report.pushed
    assert calls.count("ls-remote") == 1 and "fetch" not in calls, calls


def test_whatever_the_remote_changed_is_fetched(tmp_path: Path) -> None:
    """A new pass, a tag gone from the remote, a branch gone from it: each is fetched (and the
    gone branch pruned), though the branch we sync did not move for the last two."""
    alice, remote = _team(tmp_path)
    _bob_sends_a_pass(tmp_path, remote)
    repo = BargainingRepo.open(alice)
    calls = _git_calls(repo)
    assert "E-1" in sync(repo, "origin").received_tags
    assert "fetch" in calls
    git(remote, "tag", "-d", "E-1")  # deleted on the server by hand: pushed back
    repo = BargainingRepo.open(alice)
    calls = _git_calls(repo)
    assert "E-1" in sync(repo, "origin").pushed
    assert "fetch" in calls
    git(remote, "branch", "old-topic", "main")
    ok(alice, "sync")
    assert "refs/remotes/origin/old-topic" in git(alice, "for-each-ref", "refs/remotes/")
    git(remote, "branch", "-D", "old-topic")
    ok(alice, "sync")
    assert "old-topic" not in git(alice, "for-each-ref", "refs/remotes/")


def test_the_lock_is_taken_before_the_remote_is_asked(tmp_path: Path, monkeypatch) -> None:
    """Another recorder holds the lock: the sync is refused and nothing was fetched."""
    alice, remote = _team(tmp_path)
    _bob_sends_a_pass(tmp_path, remote)
    before = git(alice, "for-each-ref", "refs/remotes/", "refs/proposals/")
    lock = alice / ".git" / "proposals.lock"
    lock.write_text(str(os.getpid()))  # a live recorder: this test
    monkeypatch.setenv("PROPOSALS_LOCK_WAIT", "0.2")
    assert "another proposals command is recording" in fails(alice, "sync")
    assert git(alice, "for-each-ref", "refs/remotes/", "refs/proposals/") == before
    assert lock.read_text() == str(os.getpid())  # not given back for its holder
    lock.unlink()
    assert "E-1" in ok(alice, "sync")


def test_no_bargaining_repo_is_refused_before_any_fetch(tmp_path: Path) -> None:
    _, remote = _team(tmp_path)
    plain = tmp_path / "plain"
    git(tmp_path, "init", "--quiet", str(plain))
    git(plain, "commit", "--quiet", "--allow-empty", "-m", "not bargaining")
    git(plain, "remote", "add", "origin", str(remote))
    assert "not a bargaining repo" in fails(plain, "sync")
    assert git(plain, "for-each-ref", "refs/remotes/", "refs/proposals/") == ""


@pytest.mark.parametrize("mark", ["MERGE_HEAD", "proposals/sync-merge"])
def test_a_killed_merge_s_mark_is_put_back_before_the_fetch(tmp_path: Path, mark: str) -> None:
    """``started`` leaves a repo with a merge's mark to the sync's own order: repair, then fetch."""
    from proposals.team import fetching

    alice, _ = _team(tmp_path)
    head = git(alice, "rev-parse", "HEAD").strip()
    path = alice / ".git" / mark
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"{head} {head}\n" if mark.endswith("sync-merge") else f"{head}\n")
    begun = fetching.started(alice, None)
    with begun as started:
        assert started is None
        assert not (alice / ".git" / "proposals.lock").exists()
    out = ok(alice, "sync")
    assert "up to date" in out and not path.exists()


def test_the_names_it_keeps_agree_with_their_homes() -> None:
    from proposals.negotiation.config import CONFIG_NAME
    from proposals.team import fetching
    from proposals.team.integrity import SYNC_MERGE_MARK
    from proposals.team.remote import MIRROR_PREFIX

    assert (fetching.CONFIG_NAME, fetching.SYNC_MERGE_MARK) == (CONFIG_NAME, SYNC_MERGE_MARK)
    assert fetching.MIRROR_PREFIX is MIRROR_PREFIX
