"""Our uncommitted drafts: written atomically, and kept aside before anything replaces them.

A draft is the working-tree text of an article that differs from the last recorded pass. Before
another party's text overwrites it, it is saved as a commit on ``refs/drafts/<id>`` (a chain, so
every saved draft stays reachable) and the user is told where.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from proposals.store.git import GitStore

DRAFT_REF_PREFIX = "refs/drafts/"


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write through a temp file and rename, so a crash leaves the old text or the new, never half."""
    import tempfile  # lazily: it costs 4 ms of every start-up, and status never writes

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def save_draft(store: GitStore, article_id: str, data: bytes, reason: str) -> str:
    """Keep `data` as the newest commit on refs/drafts/<id>; return the ref name."""
    from datetime import UTC, datetime

    ref = DRAFT_REF_PREFIX + article_id
    blob = store.hash_object(data)
    tree = store.mktree([("100644", blob, f"{article_id}.txt")])
    parent = store.rev_parse(ref)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    message = f"Draft of {article_id} saved {stamp}\n\n{reason}\n"
    commit = store.commit_tree(tree, message, [parent] if parent else [])
    store.update_ref(ref, commit, parent)
    return ref


def saved_draft(store: GitStore, article_id: str) -> bytes | None:
    """The newest saved draft of an article, if any."""
    ref = DRAFT_REF_PREFIX + article_id
    if store.rev_parse(ref) is None:
        return None
    return store.read_blob(ref, f"{article_id}.txt")
