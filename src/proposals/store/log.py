"""Reading commits and their trailers from ``git log`` in a form no commit text can forge.

Every field is separated by NUL, which git never prints from a commit's text (it stops reading a
message or an identity at a NUL), and each record has a fixed number of fields whose first is the
commit id, so a message, an author name or a file name holding ``\\x1e``, ``\\r`` or U+2028 can
neither split a record nor start a new one. Trailers are never parsed here: git's own trailer
parser prints them (``%(trailers:only,unfold)``, which only reads the message's last paragraph),
one ``Key: value`` per line. That is one parse per commit (asking for each key separately made git
parse every message 26 times: 0.8 s of a 1 s log at 20,000 passes), and it is as safe: git's key is
letters, digits and ``-`` only, and unfolding turns every line break inside a value into a space,
so a value can neither end its line nor start another trailer. Keys match as git's ``key=`` does
(case-insensitively). Several values of one key are kept apart, so a caller can refuse a commit
that names two passes; a value holding ``\\x1f`` counts as several, as it always has.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from proposals.errors import ProposalsError
from proposals.store.git import GitStore

SHA_RE = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
VALUE_SEPARATOR = "\x1f"
BASE_FIELDS = ("%H", "%P", "%an", "%s")
TRAILER_FIELD = "%(trailers:only,unfold)"  # one "Key: value" line per trailer, values unfolded
KEY_RE = re.compile(r"[A-Za-z0-9-]+")  # what git's trailer parser accepts as a key
BLOCK_RE = re.compile(r"(?:[A-Za-z0-9-]+: [^\n]*\n)*\n*")  # git's trailer block: Key: value lines
# Local settings that would change what git prints or how it finds trailers, pinned (git >= 2.31).
LOG_CONFIG = {
    "GIT_CONFIG_COUNT": "2",
    "GIT_CONFIG_KEY_0": "trailer.separators",
    "GIT_CONFIG_VALUE_0": ":",
    "GIT_CONFIG_KEY_1": "log.showSignature",
    "GIT_CONFIG_VALUE_1": "false",
}


@dataclass(frozen=True, slots=True)
class LogRecord:
    """One commit of ``git log``: its ids, author, subject and the trailers asked for."""

    commit: str
    parents: tuple[str, ...]
    author: str
    subject: str
    trailers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key -> values as git parsed

    def one(self, key: str) -> str | None:
        """The key's value, or None when it is absent; a key given twice is not trusted."""
        values = self.trailers.get(key, ())
        return values[0] if len(values) == 1 else None

    def repeated(self, keys: Iterable[str]) -> list[str]:
        """Keys this commit gives more than once (a forgery or a hand-made commit)."""
        return [key for key in keys if len(self.trailers.get(key, ())) > 1]


def log_format(keys: Sequence[str]) -> str:
    """The --format for `keys`: commit, parents, author, subject, then the trailer block as git
    parses it (the keys are picked out by ``parse_records``)."""
    for key in keys:
        if not KEY_RE.fullmatch(key):
            raise ValueError(f"trailer key {key!r}")
    return "%x00".join([*BASE_FIELDS, TRAILER_FIELD])


def _trailers(block: str, wanted: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The `wanted` keys' values from git's ``Key: value`` lines (keys matched case-insensitively)."""
    if not BLOCK_RE.fullmatch(block):
        raise ProposalsError(
            "the history cannot be read safely (git printed a trailer that is not Key: value); "
            "run git fsck and ask whoever made the last commits"
        )
    found: dict[str, str] = {}
    for line in block.split("\n"):
        if not line:
            continue
        token, _, value = line.partition(": ")
        key = wanted.get(token.lower())
        if key is not None:  # as git's key=K,separator=%x1f prints: no separator before the first text
            before = found.get(key, "")
            found[key] = f"{before}{VALUE_SEPARATOR}{value}" if before else value
    return {key: tuple(joined.split(VALUE_SEPARATOR)) for key, joined in found.items() if joined}


def parse_records(out: str, keys: Sequence[str]) -> list[LogRecord]:
    """Records from ``git log -z`` output in `log_format(keys)`; refuses anything misaligned."""
    wanted = {key.lower(): key for key in keys}
    width = len(BASE_FIELDS) + 1
    if out.endswith("\0"):
        out = out[:-1]
    if not out:
        return []
    fields = out.split("\0")
    if len(fields) % width:
        raise ProposalsError(
            "the history cannot be read safely (a commit's text splits its record); "
            "run git fsck and ask whoever made the last commits"
        )
    records: list[LogRecord] = []
    for start in range(0, len(fields), width):
        sha, parents, author, subject, block = fields[start : start + width]
        parent_ids = tuple(parents.split())
        if not SHA_RE.fullmatch(sha) or not all(SHA_RE.fullmatch(p) for p in parent_ids):
            raise ProposalsError(
                "the history cannot be read safely (a record does not start with a commit id); "
                "run git fsck"
            )
        trailers = _trailers(block, wanted) if block else {}
        records.append(LogRecord(sha, parent_ids, author, subject, trailers))
    return records


def log_records(
    store: GitStore, rev: str, keys: Sequence[str], *, options: Sequence[str] = ()
) -> list[LogRecord] | None:
    """Every commit reachable from `rev` with the trailers `keys`; None when `rev` does not exist.

    `options` are fixed ``git log`` options (``--topo-order``, ``--reverse``), never user text.
    """
    out = log_text(store, rev, keys, options=options)
    return None if out is None else parse_records(out, keys)


def log_text(store: GitStore, rev: str, keys: Sequence[str], *, options: Sequence[str] = ()) -> str | None:
    """``log_records``'s git output itself (for a reader with its own fast path over ``parse_records``)."""
    proc = store.run(
        "log",
        "-z",
        "--no-color",
        f"--format={log_format(keys)}",
        *options,
        "--end-of-options",
        rev,
        "--",
        env=LOG_CONFIG,
        check=False,
        spool=True,
    )
    return proc.stdout if proc.returncode == 0 else None


# Into a pipe git flushes its output after every commit (20,000 writes, and as many reads here:
# 100 ms of git's CPU at 20,000 passes) unless told not to; into a file it never does.
UNFLUSHED = {"GIT_FLUSH": "0"}
PIECE = 1 << 16  # bytes parsed at a time: a few hundred records


class LogStream:
    """``log_text``'s output read as git prints it, in pieces: ``load_history`` parses each while
    git formats the next (at 20,000 passes each takes about as long as the other). Every piece is
    kept, so the whole text can still be had (``text``). A context manager: git is ended on exit."""

    def __init__(
        self, store: GitStore, rev: str, keys: Sequence[str], *, options: Sequence[str] = ()
    ) -> None:
        argv = ["git", "log", "-z", "--no-color", f"--format={log_format(keys)}", *options,
                "--end-of-options", rev, "--"]
        try:
            self._proc = subprocess.Popen(argv, cwd=store.root, stdin=subprocess.DEVNULL,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                          env=store.environment({**LOG_CONFIG, **UNFLUSHED}))
        except FileNotFoundError:
            raise ProposalsError("git is not installed or not on PATH") from None
        assert self._proc.stdout is not None
        self._out = self._proc.stdout
        _widen(self._out.fileno())
        self._pieces: list[bytes] = []
        self.returncode: int | None = None  # git's exit code, once its output has been read

    def __iter__(self) -> Iterator[bytes]:
        """The output's next pieces (from where an earlier iteration stopped) to its end, each
        of at least ``PIECE`` bytes but the last."""
        fd = self._out.fileno()
        read: list[bytes] = []
        size = 0
        while self.returncode is None:
            data = os.read(fd, 1 << 20)
            if data:
                read.append(data)
                size += len(data)
                if size < PIECE:
                    continue
            else:
                self.returncode = self._proc.wait()
                if not read:
                    break
            piece = b"".join(read) if len(read) > 1 else read[0]
            read, size = [], 0
            self._pieces.append(piece)
            yield piece

    def text(self) -> str | None:
        """The whole output, as ``log_text`` gives it: None when git failed."""
        for _ in self:
            pass
        return b"".join(self._pieces).decode("utf-8", "surrogateescape") if self.returncode == 0 else None

    def __enter__(self) -> LogStream:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._out.close()


def _widen(fd: int) -> None:
    """A 1 MB pipe (Linux), so that git writes and this process reads the log in a few large
    pieces rather than 64 KB ones."""
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass


def commit_trailers(store: GitStore, commits: Sequence[str], keys: Sequence[str]) -> dict[str, LogRecord]:
    """The records of the given commits (each a 40- or 64-hex id) in one ``git log --no-walk``."""
    wanted = list(dict.fromkeys(commits))
    if not wanted:
        return {}
    for sha in wanted:
        if not SHA_RE.fullmatch(sha):
            raise ProposalsError(f"not a commit id: {sha!r}")
    # A tag may name a tree or a blob (a hostile remote): only commits have trailers.
    kinds = store.out("cat-file", "--batch-check=%(objectname) %(objecttype)", input="\n".join(wanted) + "\n")
    wanted = [line.split()[0] for line in kinds.splitlines() if line.endswith(" commit")]
    if not wanted:
        return {}
    out = store.out(
        "log",
        "-z",
        "--no-walk=unsorted",
        "--no-color",
        f"--format={log_format(keys)}",
        "--stdin",
        input="\n".join(wanted) + "\n",
        env=LOG_CONFIG,
    )
    return {record.commit: record for record in parse_records(out, keys)}
