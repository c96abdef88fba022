"""Their pass that brings in many new parts writes its blobs in one git process, not one (or two)
per part: 900 parts took 5 s of CPU in 1,800 gits, so an intake of a whole contract crawled. The
files are flushed to disk once, after the pass is recorded (its journal rewrites a lost one)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import git

from proposals.negotiation.passes import record_pass
from proposals.negotiation.repo import BargainingRepo
from proposals.store.git import GitStore

PARTS = 40


def test_a_pass_of_many_new_parts_runs_a_few_gits_not_one_per_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = BargainingRepo.init(tmp_path / "r", "Union", "Employer")
    texts = {
        f"part-{n:02d}": f"ARTICLE {n}: TOPIC {n}\n\n{n}.1 The Employer shall pay {n} dollars.\n"
        for n in range(1, PARTS + 1)
    }
    calls: Counter[str] = Counter()
    run = GitStore.run

    def counted(self: GitStore, *args: str, **kw):  # type: ignore[no-untyped-def]
        calls[args[0]] += 1
        return run(self, *args, **kw)

    monkeypatch.setattr(GitStore, "run", counted)
    result = record_pass(
        repo, "employer", list(texts), session="2025-01-02", texts=texts, untouched_until_recorded=True
    )
    monkeypatch.undo()
    assert calls["hash-object"] + calls["fast-import"] <= 2, calls
    assert sum(calls.values()) < PARTS, calls
    assert sorted(result.articles) == sorted(texts)
    for part_id, text in texts.items():
        assert (repo.root / "articles" / f"{part_id}.txt").read_text() == text
        assert git(repo.root, "show", f"HEAD:articles/{part_id}.txt") == text
    assert git(repo.root, "status", "--porcelain") == ""
