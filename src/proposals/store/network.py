"""Talking to a remote: the only git commands that reach outside this machine's repo.

Every one runs with ``NET_ENV`` (no ext::/fd:: transports, no submodules, no prompts), takes a
remote name or URL that was validated here first, and puts ``--end-of-options`` or ``--`` before
it. What the fetched refs mean for a negotiation is decided above, in ``proposals.team``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from proposals.errors import ProposalsError
from proposals.store.git import GitError, GitStore, _stretch, git_message

REMOTE_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
URL_SCHEMES = {"https", "http", "ssh", "git", "file", "git+ssh", "ssh+git"}
# Settings for every command that talks to a remote: no ext::/fd:: transports, no submodules.
NET_ENV = {
    "GIT_CONFIG_COUNT": "3",
    "GIT_CONFIG_KEY_0": "protocol.ext.allow",
    "GIT_CONFIG_VALUE_0": "never",
    "GIT_CONFIG_KEY_1": "protocol.fd.allow",
    "GIT_CONFIG_VALUE_1": "never",
    "GIT_CONFIG_KEY_2": "submodule.recurse",
    "GIT_CONFIG_VALUE_2": "false",
    "GIT_TERMINAL_PROMPT": "0",
}
# What git says when the remote moved between our fetch and our push: fetch again, then retry.
RACED = ("fetch first", "non-fast-forward", "stale info", "already exists")


def validate_remote_name(name: str) -> str:
    if not REMOTE_NAME_RE.fullmatch(name or "") or ".." in name or name.endswith((".", ".lock")):
        raise ProposalsError(f"invalid remote name {name!r}: use letters, digits, '.', '_' or '-'")
    return name


def validate_url(url: str) -> str:
    """A remote URL or path: never option-shaped, never a transport helper (ext::, fd::)."""
    if not url or url != url.strip() or any(ord(c) < 32 or ord(c) == 127 for c in url):
        raise ProposalsError(f"invalid remote URL {url!r}")
    if url.startswith("-"):
        raise ProposalsError(f"invalid remote URL {url!r}: it looks like an option")
    if "::" in url.split("/", 1)[0]:  # git's helper syntax, "::b" (an empty helper) too; ssh://[::1]/ is fine
        raise ProposalsError(f"refusing remote URL {url!r}: transport helpers (like ext::) can run commands")
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", url)
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        raise ProposalsError(f"refusing remote URL {url!r}: use https://, ssh://, git://, file:// or a path")
    return url


def remote_settings(store: GitStore, name: str) -> dict[str, list[str]]:
    """Every ``remote.<name>.*`` setting in one git call: key (lower case) -> its values."""
    pattern = "^remote\\." + re.escape(name).replace("\\-", "-") + "\\."
    out = store.out("config", "-z", "--get-regexp", pattern, check=False)
    settings: dict[str, list[str]] = {}
    for entry in out.split("\0"):
        key, _, value = entry.partition("\n")
        if key.startswith(f"remote.{name}."):
            settings.setdefault(key[len(f"remote.{name}.") :].lower(), []).append(value)
    return settings


def remote_config(store: GitStore, branch: str) -> tuple[dict[str, dict[str, list[str]]], str | None]:
    """Every remote's settings and `branch`'s upstream remote, in one git call (where ``git
    remote``, ``config --get`` and ``remote_settings`` took three before a sync's fetch): remote
    name -> key (lower case) -> its values, in the config's order; the upstream as ``--get``
    gives it (the last value)."""
    out = store.out("config", "-z", "--get-regexp", r"^(remote|branch)\.", check=False)
    remotes: dict[str, dict[str, list[str]]] = {}
    upstream: str | None = None
    for entry in out.split("\0"):
        key, _, value = entry.partition("\n")
        section, _, rest = key.partition(".")
        name, _, variable = rest.rpartition(".")  # a remote's name may hold dots: remote.a.b.url
        if section == "remote" and name:
            remotes.setdefault(name, {}).setdefault(variable.lower(), []).append(value)
        elif section == "branch" and name == branch and variable == "remote":
            upstream = value.strip() or None
    return remotes, upstream


def fetch(store: GitStore, remote: str, heads_into: str, tags_into: str) -> bool:
    """The remote's branches under `heads_into` and its tags under `tags_into`, pruned to match;
    whether git said anything, which it does for every ref it creates, moves or prunes. False:
    no ref moved, so a ``ref_listing`` taken while it ran still holds (issue 17: a no-op sync lists
    the refs while git waits on the network, not after). Anything else git says (a warning, an
    automatic gc) counts as True: the refs are listed again."""
    validate_remote_name(remote)
    proc = store.run(
        "fetch",
        "--no-tags",
        "--prune",
        "--no-recurse-submodules",
        "--no-write-fetch-head",
        "--end-of-options",
        remote,
        f"+refs/heads/*:{heads_into}*",
        f"+refs/tags/*:{tags_into}*",
        env=NET_ENV,
    )
    if _many_loose_refs(store, tags_into):
        store.pack_refs()
    return bool(proc.stderr.strip())


def remote_refs(store: GitStore, remote: str) -> str | None:
    """The remote's branches and tags as ``git ls-remote`` hears them (what a fetch is told
    first), or None when it fails (the fetch then says why). See ``holds``."""
    validate_remote_name(remote)
    proc = store.run(
        "ls-remote", "--heads", "--tags", "--refs", "--end-of-options", remote, env=NET_ENV, check=False
    )
    return proc.stdout if proc.returncode == 0 else None


def holds(heard: str, listing: str, heads_into: str, tags_into: str) -> bool:
    """Whether the refs a ``show-ref -d`` `listing` has under `heads_into` and `tags_into` are
    exactly the branches and tags `heard` from the remote (``remote_refs``): then ``fetch``
    would move no ref, and its objects are here. A fetch that moves nothing still checks every
    ref it is told of against every local ref (``rev-list --not --all``: at 20,000 passes 0.3 s
    of CPU over 40,000 refs); this is the least work that proves a sync has nothing to take in
    (issue 17). A clone's remote-tracking HEAD, which no fetch moves, is not counted."""
    theirs = set()
    for line in heard.splitlines():
        sha, _, ref = line.partition("\t")
        if ref.startswith("refs/heads/"):
            theirs.add(f"{sha} {heads_into}{ref[len('refs/heads/') :]}")
        elif ref.startswith("refs/tags/"):
            theirs.add(f"{sha} {tags_into}{ref[len('refs/tags/') :]}")
        else:
            return False
    ours = set()
    for prefix in (heads_into, tags_into):
        for line in _stretch(listing, prefix).split("\n"):
            ref = line.partition(" ")[2]
            if ref.startswith(prefix) and not ref.endswith("^{}") and ref != f"{heads_into}HEAD":
                ours.add(line)
    return theirs == ours


LOOSE_REFS_TO_PACK = 256  # a first sync with a long record fetches 20,000 tags, each a loose file


def _many_loose_refs(store: GitStore, prefix: str) -> bool:
    """Whether more than ``LOOSE_REFS_TO_PACK`` loose refs sit directly under `prefix`: each of
    them is a file that every later fetch, ref listing and lock scan opens (packed, listing the
    mirrored tags took 0.25 s less at 20,000, and a fetch about half as long)."""
    import os

    count = 0
    try:
        with os.scandir(store.git_dir() / prefix) as entries:
            for _ in entries:
                count += 1
                if count > LOOSE_REFS_TO_PACK:
                    return True
    except OSError:  # none yet, or refs kept elsewhere (a linked worktree, reftable)
        return False
    return False


def push_atomic(store: GitStore, remote: str, refspecs: Sequence[str]) -> bool:
    """All of `refspecs` or none; False when the remote moved since our fetch (fetch and retry)."""
    validate_remote_name(remote)
    proc = store.run(
        "push",
        "--atomic",
        "--no-verify",
        "--porcelain",
        "--end-of-options",
        remote,
        *refspecs,
        env=NET_ENV,
        check=False,
    )
    if proc.returncode != 0:
        said = proc.stdout + proc.stderr.decode("utf-8", "replace")
        if any(word in said for word in RACED):
            return False
        raise GitError(git_message(proc.stderr, ["push"]))
    return True


def clone(store: GitStore, url: str, target: Path) -> None:
    """``git clone`` of `url` into `target`, run from `store`'s folder, remote named origin."""
    validate_url(url)
    store.run(
        "clone",
        "--quiet",
        "--no-recurse-submodules",
        "--origin",
        "origin",
        "--",
        url,
        str(target),
        env=NET_ENV,
    )
