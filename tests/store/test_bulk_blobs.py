"""Many blobs in one git (issue 11): a 2,000-part baseline wrote each part with its own git."""

from __future__ import annotations

import subprocess
from pathlib import Path

from proposals.store.git import GitStore


def test_many_blobs_are_written_by_one_git_with_the_ids_git_gives_each(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    store = GitStore(tmp_path)
    datas = [b"", b"one\n", b"no newline", "caf\u00e9\n".encode(), b"data 3\nblob\n" * 50, b"\0\1\2"]
    calls: list[tuple[str, ...]] = []
    real = store.run

    def counted(*args, **kw):
        calls.append(args)
        return real(*args, **kw)

    store.run = counted  # type: ignore[method-assign]
    ids = store.hash_objects(datas)
    assert len(calls) == 1
    store.run = real  # type: ignore[method-assign]
    assert ids == [store.hash_object(d) for d in datas]
    for sha, data in zip(ids, datas, strict=True):
        assert store.run("cat-file", "blob", sha, text=False).stdout == data
    assert store.hash_objects([]) == []
