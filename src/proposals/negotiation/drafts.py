"""Our uncommitted drafts: written atomically, and kept aside before anything replaces them.

A draft is the working-tree text of an article that differs from the last recorded pass. Before
another party's text overwrites it, it is saved as a commit on ``refs/drafts/<id>`` (a chain, so
every saved draft stays reachable) and the user is told where.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from proposals.store.git import GitStore

if TYPE_CHECKING:
    from proposals.negotiation.repo import BargainingRepo

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


@contextlib.contextmanager
def restored_on_failure(repo: BargainingRepo, ids: list[str]) -> Iterator[None]:
    """Whatever goes wrong while recording (git fails, Ctrl-C), put the working-tree files and the
    index of `ids` back as they were, so their text never stays behind as our draft. A draft
    saved on refs/drafts/ meanwhile stays saved."""
    before: dict[str, bytes | None] = {}
    for article_id in ids:
        try:
            before[article_id] = repo.article_path(article_id).read_bytes()
        except FileNotFoundError:
            before[article_id] = None
    head = repo.store.head()
    try:
        yield
    except BaseException:
        if repo.store.head() == head:  # not committed: nothing of it may stay
            for article_id, data in before.items():
                with contextlib.suppress(OSError):
                    path = repo.article_path(article_id)
                    if data is None:
                        path.unlink(missing_ok=True)
                    else:
                        atomic_write(path, data)
            with contextlib.suppress(Exception):
                repo.store.unstage([repo.article_relpath(i) for i in ids])
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
