"""The history's trailers, read from git's one trailer block per commit, are exactly what asking
git for each key separately gives (the format used before), for any commit message."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proposals.negotiation.history import HISTORY_KEYS
from proposals.store.git import GitStore
from proposals.store.log import BASE_FIELDS, LOG_CONFIG, log_records, parse_records

# Message pieces biased towards what confuses a trailer reader: case, spacing, folding, \x1f,
# repeated keys, non-trailer lines inside the block, keys that are near misses.
pieces = st.sampled_from(
    [
        "Pass: U-3\n", "pass: U-4\n", "PASS:E-1\n", "Pass :  U-5 \n", "Pass:\n", "Pass: U-6\x1fU-7\n",
        "Proposal-Party: union\n", "Articles: staffing,\n  wages,\n\tparking\n", "Articles:\n",
        "TA-Article: staffing\n", "TA-Blob: " + "a" * 40 + "\n", "TA-Tag: ta-staffing\n",
        "Session: 2024-02-20\n", "Signed-off-by: A <a@b>\n", "X-Other: 1\n", "Passes: no\n",
        "(cherry picked from commit abc)\n", "not a trailer\n", "\n", "  folded\n", "Key:value\n",
        "Withdrawn: parking\n", "Package-Title: P: with: colons\n", "TA-Union-Sign: Ana \u2028 B\n",
        "\u00c9t\u00e9: x\n", "Pass\u00e9: U-9\n", "\r\n", "Round-Open: 2028\n",
    ]
)
messages = st.lists(st.lists(pieces, max_size=8).map("".join), min_size=1, max_size=6)


def _per_key_records(store: GitStore, rev: str) -> list[tuple]:
    """What the old reader saw: one ``%(trailers:key=K,valueonly,unfold,separator=%x1f)`` per key."""
    fields = [f"%(trailers:key={k},valueonly,unfold,separator=%x1f)" for k in HISTORY_KEYS]
    out = store.out("log", "-z", f"--format={'%x00'.join([*BASE_FIELDS, *fields])}", rev, env=LOG_CONFIG)
    width = len(BASE_FIELDS) + len(HISTORY_KEYS)
    items = out.removesuffix("\0").split("\0")
    records = []
    for start in range(0, len(items), width):
        sha, _, _, _, *values = items[start : start + width]
        trailers = {k: tuple(v.split("\x1f")) for k, v in zip(HISTORY_KEYS, values, strict=True) if v}
        records.append((sha, trailers))
    return records


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(messages)
def test_one_trailer_block_reads_as_per_key(tmp_path: Path, bodies: list[str]) -> None:
    repo = tmp_path / "r"
    if not repo.exists():
        subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    store = GitStore(repo)
    tree = store.out("mktree", input="").strip()
    parent: list[str] = []
    for body in bodies:
        sha = store.commit_tree(tree, f"Subject line\n\n{body}", parent)
        parent = [sha]
    tip = parent[0]
    new = log_records(store, tip, HISTORY_KEYS)
    assert new is not None
    assert [(r.commit, r.trailers) for r in new] == _per_key_records(store, tip)


def test_a_trailer_line_that_is_not_key_value_is_refused() -> None:
    import pytest

    from proposals.errors import ProposalsError

    sha = "a" * 40
    with pytest.raises(ProposalsError, match="cannot be read safely"):
        parse_records(f"{sha}\0\0me\0subject\0Pass U-3\n", HISTORY_KEYS)
