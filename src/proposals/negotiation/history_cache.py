"""The parsed history kept on disk (``.git/proposals/history.cache``), so it is read from git once.

Reading and parsing ``git log`` grows with every pass ever made (about 0.4 s at 20,000 passes);
most commands then change nothing. The cache holds the parsed records and the tip they were read
at. A command asks git for HEAD only: the same tip is a hit; a tip that is a straight line of
new commits on top of the cached one is read with ``git log <cached>..HEAD`` and appended; anything
else (amend, rebase, reset, a merge, a superseded TA, a file that is corrupt, unreadable or from
another version) is read again from scratch and the cache rewritten. The file is local (git never
transfers ``.git/proposals``) and checksummed, and ``verify`` never uses it: what verify proves is
read from git itself (``BargainingRepo.history(from_git=True)``).
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import operator
import os
from dataclasses import fields
from pathlib import Path

try:  # hashlib itself sets up every OpenSSL digest on import (~5 ms of each command's start)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from proposals.negotiation.history import LOG_FORMAT, History, PassRecord, Round, TARecord, load_history
from proposals.store.git import GitStore

CACHE_NAME = "history.cache"
_MAGIC = b"proposals-history\n"
# Anything that changes what a record holds or how it is read makes old files another version.
VERSION = "|".join(
    [
        "3",
        LOG_FORMAT,
        ",".join(f.name for f in fields(Round)),
        ",".join(f.name for f in fields(PassRecord)),
        ",".join(f.name for f in fields(TARecord)),
        ",".join(f.name for f in fields(History)),
    ]
)
_PASS, _TA = 0, 1
# Every field of History, each kept by _encode/_decode and carried by _extend (a test checks this
# list against the class, so a new field cannot be silently dropped by the cache).
HANDLED_FIELDS = frozenset(
    {"passes", "tas", "timeline", "baseline", "head", "superseded_tas", "superseded_commits", "events",
     "package_marks", "rounds", "round", "untrusted"}  # round: set on one-round views only, never cached
)


def cache_path(git_dir: Path) -> Path:
    return git_dir / "proposals" / CACHE_NAME


def cached_history(store: GitStore, path: Path, known: History | None = None) -> History:
    """The history at HEAD, from `known` (this process's last read), the file, or git."""
    head = store.head()
    if head is None:
        return History()
    tried: set[str | None] = set()
    for source, owned in ((lambda: known, False), (lambda: read_cache(path), True)):
        candidate = source()
        if candidate is None or candidate.head in tried:
            continue
        tried.add(candidate.head)
        if candidate.head == head:
            return candidate
        extended = _extend(store, candidate, head, owned)
        if extended is not None:
            write_cache(path, extended)
            return extended
    history = load_history(store, head)
    write_cache(path, history)
    return history


def _extend(store: GitStore, history: History, head: str, owned: bool = False) -> History | None:
    """`history` plus the commits on top of it up to `head`, or None when they are not a plain
    line of new commits on top of its tip (then only a full read gives the same answer).
    `owned`: nobody else holds `history` (just read from the file), so it is extended in place."""
    tip = history.head
    if tip is None:
        return None
    lines = store.new_commits(tip, head)
    if lines is None:
        return None  # the old tip is gone (gc after a rewrite) or not a commit
    parents: dict[str, list[str]] = {}
    for line in lines:
        sha, *rest = line.split()
        parents[sha] = rest
    at, steps = head, 0
    while at != tip:
        above = parents.get(at)
        if above is None or len(above) != 1:
            return None  # a merge, or the old tip is not an ancestor (amend, rebase, reset)
        at, steps = above[0], steps + 1
    if steps != len(parents):
        return None
    more = load_history(store, f"{tip}..{head}")
    if more.superseded_commits or more.rounds or more.head != head:
        return None  # a later commit sets aside an earlier TA, or opens or closes a round
    out = history if owned else _copy(history)
    out.add_all(more.timeline)
    out.baseline = more.baseline or history.baseline
    out.head = head
    out.package_marks += more.package_marks
    out.untrusted += more.untrusted
    return out


def _copy(history: History) -> History:
    out = History()
    out.add_all(history.timeline)
    out.baseline, out.head = history.baseline, history.head
    out.superseded_tas = list(history.superseded_tas)
    out.superseded_commits = history.superseded_commits
    out.package_marks = list(history.package_marks)
    out.untrusted = list(history.untrusted)
    out.rounds = [Round(*(getattr(r, f.name) for f in fields(Round))) for r in history.rounds]
    return out


_VALUES = {kind: operator.attrgetter(*(f.name for f in fields(kind))) for kind in (PassRecord, TARecord)}


def _encode(history: History) -> bytes:
    passes, tas = _VALUES[PassRecord], _VALUES[TARecord]

    def row(record: PassRecord | TARecord) -> tuple:
        return (_PASS, *passes(record)) if type(record) is PassRecord else (_TA, *tas(record))

    return marshal.dumps(
        (
            VERSION,
            history.head,
            history.baseline,
            [row(r) for r in history.timeline],
            [row(r) for r in history.superseded_tas],
            sorted(history.superseded_commits),
            history.package_marks,
            history.untrusted,
            [tuple(getattr(r, f.name) for f in fields(Round)) for r in history.rounds],
        )
    )


def _decode(payload: bytes) -> History | None:
    version, head, baseline, timeline, superseded, commits, marks, untrusted, rounds = marshal.loads(payload)
    if version != VERSION:
        return None
    history = History()
    history.add_all([PassRecord(*row[1:]) if row[0] == _PASS else TARecord(*row[1:]) for row in timeline])
    history.superseded_tas = [TARecord(*values) for _, *values in superseded]
    history.superseded_commits = frozenset(commits)
    history.head, history.baseline = head, baseline
    history.package_marks = [(sha, dict(trailers)) for sha, trailers in marks]
    history.rounds = [Round(*values) for values in rounds]
    history.untrusted = [(commit, why) for commit, why in untrusted]
    return history


def read_cache(path: Path) -> History | None:
    """The cached history, or None when there is none or it cannot be trusted to be whole."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest_end = len(_MAGIC) + 32
    if not data.startswith(_MAGIC) or len(data) < digest_end:
        return None
    payload = data[digest_end:]
    if blake2b(payload, digest_size=32).digest() != data[len(_MAGIC) : digest_end]:
        return None  # torn or corrupt: never handed to marshal
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of records, none of them garbage: no collection meanwhile
    try:
        return _decode(payload)
    except (ValueError, TypeError, EOFError):
        return None
    finally:
        if enabled:
            gc.enable()


def write_cache(path: Path, history: History) -> None:
    """Replace the file whole (write, then rename); a cache that cannot be written is no error."""
    if history.head is None:
        return
    payload = _encode(history)
    data = _MAGIC + blake2b(payload, digest_size=32).digest() + payload
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
