"""All or nothing: a recording either happens whole or leaves git exactly as it was.

A pass is several git steps (stage, commit, tag, perhaps a saved draft); a full disk, a read-only
mount, a ref lock, a refused date or Ctrl-C can stop it after any of them. ``recording`` notes the
branch HEAD is on, its commit, every tag and the index file first, and on any failure puts them
back: the commit is undone, a tag made meanwhile removed, a moved one moved back, the index as it
was byte for byte. (A process killed outright cannot clean up; ``repair`` finishes that case.)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from proposals.store.git import GitStore, refs_from_listing


def _tag_refs(listing: str) -> dict[str, str]:
    """Every tag ref and the object it names, from a tag listing (``GitStore.tag_listing``)."""
    return {f"refs/tags/{name}": obj for name, (obj, _) in refs_from_listing(listing, "refs/tags/").items()}


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _put_back(path: Path, data: bytes | None) -> None:
    if data is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.restore")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@contextlib.contextmanager
def recording(store: GitStore, git_dir: Path) -> Iterator[None]:
    """Undo every ref, tag and index change made inside the block if it raises (then re-raise)."""
    branch = store.head_ref()
    head = store.head()
    tags = store.tag_listing()  # as text: read into refs only if the block fails (20,000 tags)
    index_path = git_dir / "index"
    index = _read(index_path)
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            _restore(store, branch, head, tags)
        with contextlib.suppress(OSError):
            _put_back(index_path, index)
        raise


def _restore(store: GitStore, branch: str | None, head: str | None, listing: str) -> None:
    """One ``update-ref --stdin`` transaction puts the branch and the tags back."""
    lines: list[str] = []
    tags = _tag_refs(listing)
    now = _tag_refs(store.tag_listing())
    for ref, obj in now.items():
        if ref not in tags:
            lines.append(f"delete {ref} {obj}")
        elif tags[ref] != obj:
            lines.append(f"update {ref} {tags[ref]} {obj}")
    lines += [f"create {ref} {obj}" for ref, obj in tags.items() if ref not in now]
    if branch is not None and store.head() != head:
        lines.append(f"update {branch} {head}" if head else f"delete {branch}")
    if lines:
        store.run("update-ref", "--stdin", input="\n".join(lines) + "\n")
    store.forget_refs()
