"""Reading commits and their trailers from ``git log`` in a form no commit text can forge.

Every field is separated by NUL, which git never prints from a commit's text (it stops reading a
message or an identity at a NUL), and each record has a fixed number of fields whose first is the
commit id, so a message, an author name or a file name holding ``\\x1e``, ``\\r`` or U+2028 can
neither split a record nor start a new one. Trailers are never parsed here: each key is asked of
git's own trailer parser (``%(trailers:key=K,valueonly,unfold)``), which only reads the message's
last paragraph; several values of one key come back separated by ``\\x1f`` and are kept apart, so
a caller can refuse a commit that names two passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from proposals.errors import ProposalsError
from proposals.store.git import GitStore

SHA_RE = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
VALUE_SEPARATOR = "\x1f"
BASE_FIELDS = ("%H", "%P", "%an", "%s")
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
    """The --format for `keys`: commit, parents, author, subject, then one field per trailer key."""
    for key in keys:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", key):
            raise ValueError(f"trailer key {key!r}")
    trailer_fields = [f"%(trailers:key={key},valueonly,unfold,separator=%x1f)" for key in keys]
    return "%x00".join([*BASE_FIELDS, *trailer_fields])


def parse_records(out: str, keys: Sequence[str]) -> list[LogRecord]:
    """Records from ``git log -z`` output in `log_format(keys)`; refuses anything misaligned."""
    width = len(BASE_FIELDS) + len(keys)
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
        sha, parents, author, subject, *values = fields[start : start + width]
        parent_ids = tuple(parents.split())
        if not SHA_RE.fullmatch(sha) or not all(SHA_RE.fullmatch(p) for p in parent_ids):
            raise ProposalsError(
                "the history cannot be read safely (a record does not start with a commit id); "
                "run git fsck"
            )
        trailers = {
            key: tuple(value.split(VALUE_SEPARATOR))
            for key, value in zip(keys, values, strict=True)
            if value
        }
        records.append(LogRecord(sha, parent_ids, author, subject, trailers))
    return records


def log_records(
    store: GitStore, rev: str, keys: Sequence[str], *, options: Sequence[str] = ()
) -> list[LogRecord] | None:
    """Every commit reachable from `rev` with the trailers `keys`; None when `rev` does not exist.

    `options` are fixed ``git log`` options (``--topo-order``, ``--reverse``), never user text.
    """
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
    )
    if proc.returncode != 0:
        return None
    return parse_records(proc.stdout, keys)


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
