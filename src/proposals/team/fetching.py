"""A sync's fetch: which remote, where its refs go, and git's wait on the network overlapped
with the work that changes nothing.

``Fetch`` runs git in a thread while the sync checks what a fetch cannot change (HEAD, the
index, the round). ``started`` is how ``proposals sync`` begins, before the model is even
imported: the writer lock taken, the branch and the remote checked, then git fetching while
Python imports the rest (issue 17: at 800 passes the imports alone took longer than the fetch).
This module imports only the store and the writer lock, so that its start costs little.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from proposals.errors import ProposalsError
from proposals.negotiation import writer_lock
from proposals.store import network
from proposals.store.git import GitStore
from proposals.store.network import remote_config, validate_remote_name, validate_url

# The remote's tags are fetched into a private mirror, so that sync, not git, decides what they mean.
MIRROR_PREFIX = "refs/proposals/remote-tags/"
MIN_GIT = (2, 31)  # GIT_CONFIG_COUNT, fetch --no-write-fetch-head, %(trailers:separator=)
_GIT_CHECKED: list[bool] = []  # once per process: the git on PATH does not change under us


def pick_remote(store: GitStore, branch: str, remote: str | None) -> str:
    """The remote to sync with: the one named, the branch's upstream, origin, or the only one."""
    configured, upstream = remote_config(store, branch)  # one git call, before the fetch
    remotes = list(configured)
    if remote is not None:
        validate_remote_name(remote)
        if remote not in remotes:
            raise ProposalsError(f"no remote named {remote!r}; add one with git remote add {remote} URL")
        name = remote
    else:
        if upstream in remotes:
            name = upstream
        elif "origin" in remotes:
            name = "origin"
        elif len(remotes) == 1:
            name = remotes[0]
        elif not remotes:
            raise ProposalsError(
                "this repo has no remote to sync with; add one with git remote add origin URL"
            )
        else:
            raise ProposalsError(f"several remotes ({', '.join(remotes)}); choose one with --remote NAME")
        validate_remote_name(name)
    settings = configured.get(name, {})
    for key in ("url", "pushurl"):
        for url in settings.get(key, []):
            validate_url(url)
    for key in ("uploadpack", "receivepack", "vcs"):
        if any(settings.get(key, [])):
            raise ProposalsError(
                f"refusing to sync: remote.{name}.{key} is set in .git/config and would run a command"
            )
    if not any(settings.get("url", [])):
        raise ProposalsError(f"remote {name!r} has no URL")
    return name


def current_branch(store: GitStore) -> str:
    branch = store.current_branch()
    if branch is None:
        raise ProposalsError("HEAD is detached; switch back to your branch (git switch main) before syncing")
    return branch


def check_git_version(store: GitStore) -> None:
    if _GIT_CHECKED:
        return
    found = re.search(r"(\d+)\.(\d+)", store.version())
    if found and (int(found[1]), int(found[2])) < MIN_GIT:
        raise ProposalsError(
            f"proposals sync needs git {MIN_GIT[0]}.{MIN_GIT[1]} or newer (this is git {found[0]})"
        )
    _GIT_CHECKED.append(True)


def fetch(store: GitStore, remote: str) -> bool:
    """Branches into refs/remotes/<remote>/, tags into our private mirror (sync decides on them);
    whether any ref moved."""
    return network.fetch(store, remote, f"refs/remotes/{remote}/", f"{MIRROR_PREFIX}{remote}/")


class Fetch:
    """`remote` fetched in a thread (a fetch moves only the remote's refs and our mirror of its
    tags) while the caller runs checks that change nothing; ``finish`` waits for it.

    The thread first asks the remote for its refs (``network.remote_refs``) and, once the caller
    hands over its ``ref_listing`` (``listed``), fetches only if they differ from ours: a remote
    with nothing new costs no fetch at all (issue 17)."""

    def __init__(self, store: GitStore, remote: str) -> None:
        self.store = store
        self._moved: list[bool] = []
        self._failed: list[BaseException] = []
        self._listing: list[str | None] = []
        self._listed = threading.Event()
        self._finished = False
        self._thread = threading.Thread(target=self._run, args=(remote,), name="proposals-fetch", daemon=True)
        self._thread.start()

    def _run(self, remote: str) -> None:
        try:
            heard = network.remote_refs(self.store, remote)
            if heard is not None:
                self._listed.wait()
                listing = self._listing[0]
                heads, tags = f"refs/remotes/{remote}/", f"{MIRROR_PREFIX}{remote}/"
                if listing is None or network.holds(heard, listing, heads, tags):
                    self._moved.append(False)  # nothing new, or the caller stopped: no fetch
                    return
            self._moved.append(fetch(self.store, remote))
        except BaseException as exc:  # raised in the caller's thread, by the caller
            self._failed.append(exc)

    def listed(self, listing: str | None) -> None:
        """The caller's ``ref_listing``, taken while nothing moves a ref but git (None: it stopped
        before taking one, and wants no fetch)."""
        if not self._listed.is_set():
            self._listing.append(listing)
            self._listed.set()

    def finish(self, listing: str | None = None) -> BaseException | None:
        """Wait for git; the fetch's error, if it failed, for the caller to raise (a refusal of
        its own checks wins). The refs are listed afresh after it, unless it moved none: then
        `listing` holds, and a no-op sync asks git nothing once the fetch is done. Waiting
        again changes nothing."""
        self.listed(listing)
        self._thread.join()
        if not self._finished:
            self._finished = True
            if self._moved == [False] and listing is not None:
                self.store.keep_listing(listing)
            else:
                self.store.forget_refs()
        return self._failed[0] if self._failed else None


class Started:
    """A sync begun before the model was imported (``started``): the repo's store, whether it is
    a shallow clone, the branch, the remote and its fetch under way, the writer lock held."""

    def __init__(self, store: GitStore, shallow: bool, branch: str, remote: str, fetch: Fetch) -> None:
        self.store, self.shallow, self.branch, self.remote, self.fetch = store, shallow, branch, remote, fetch


@contextlib.contextmanager
def started(path: Path, remote: str | None) -> Iterator[Started | None]:
    """The writer lock taken, the branch and the remote checked (what a sync does first) and git
    fetching, for the body to open the repo and sync with; on the way out git has finished and
    the lock is given back. None, with nothing taken, when the sync had better begin as usual:
    no bargaining repo here (which it refuses), or the marks of a merge a killed sync may have
    left (which it puts back before it fetches)."""
    begun = _begin(path)
    if begun is None:
        yield None
        return
    lock, store, shallow, branch = begun
    fetching = None
    try:
        name = pick_remote(store, branch, remote)  # its URL checked before anything reaches the network
        fetching = Fetch(store, name)
        yield Started(store, shallow, branch, name, fetching)
    finally:
        if fetching is not None:
            fetching.finish()  # no git fetching once the lock is given back
        writer_lock.give_back(lock)


# Where other modules keep these names; importing them would import the model this start avoids
# (tests/team/test_sync_started.py checks they agree).
CONFIG_NAME = "bargaining.toml"  # negotiation.config.CONFIG_NAME
SYNC_MERGE_MARK = "sync-merge"  # team.integrity.SYNC_MERGE_MARK, in .git/proposals/


def _begin(path: Path) -> tuple[Path, GitStore, bool, str] | None:
    """(the lock taken, the repo's store, whether it is shallow, the branch), or None."""
    found = GitStore(path).probe() if path.is_dir() else (1, [], b"")
    if found[0] != 0 or len(found[1]) != 3 or not (Path(found[1][0]) / CONFIG_NAME).is_file():
        return None
    root, shallow, git_dir = found[1]
    marks = (Path(git_dir) / "MERGE_HEAD", Path(git_dir) / "proposals" / SYNC_MERGE_MARK)
    if any(mark.exists() for mark in marks):
        return None
    store = GitStore(Path(root), git_dir=Path(git_dir))
    lock = Path(git_dir) / writer_lock.LOCK_NAME
    writer_lock.take(lock)
    try:
        if any(mark.exists() for mark in marks):  # a sync that held the lock meanwhile was killed
            writer_lock.give_back(lock)
            return None
        return lock, store, shallow == "true", current_branch(store)
    except BaseException:
        writer_lock.give_back(lock)
        raise
