"""The benchmark's fast-import repo is exactly what recording the same passes would leave."""

from __future__ import annotations

import subprocess
from pathlib import Path

import history_repo
from conftest import CLI

from proposals.negotiation.agreements import make_ta
from proposals.negotiation.history import load_history
from proposals.negotiation.passes import record_pass
from proposals.negotiation.repo import BargainingRepo


def _recorded(target: Path, events: list) -> None:
    repo = BargainingRepo.init(target, history_repo.UNION, history_repo.EMPLOYER)
    for event in events:
        if isinstance(event, history_repo.Pass):
            result = record_pass(repo, event.party, list(event.texts), session=event.session,
                                 texts=event.texts)
            assert result.name == event.name
        else:
            union, employer = history_repo.SIGNS
            make_ta(repo, event.article, union_sign=union, employer_sign=employer, ta_date=event.day)


def _record(path: Path) -> tuple[list[str], list[str]]:
    """Every commit after the first (tree, author date, message) and every tag (the people differ:
    the test identity against the bench one)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=path, capture_output=True, text=True,
                              check=True).stdout

    commits = git("log", "--reverse", "--format=%T %ad%n%B%x00", "--date=raw").split("\0")
    tags = git("for-each-ref", "--format=%(refname) %(*tree) %(taggerdate:raw)%0a"
               "%(contents)%00", "refs/tags").split("\0")
    return commits[1:], tags


def test_fast_import_writes_what_recording_writes(tmp_path: Path) -> None:
    events = list(history_repo.plan(14, parts=5, tas=2))
    assert any(isinstance(e, history_repo.TA) for e in events)
    _recorded(tmp_path / "recorded", events)
    CLI(tmp_path / "recorded")("verify")
    history_repo.build_into(tmp_path / "imported", iter(events))
    recorded, imported = _record(tmp_path / "recorded"), _record(tmp_path / "imported")
    assert imported == recorded
    a = load_history(BargainingRepo.open(tmp_path / "recorded").store)
    b = load_history(BargainingRepo.open(tmp_path / "imported").store)
    assert [p.as_json() | {"commit": ""} for p in a.passes] == [
        p.as_json() | {"commit": ""} for p in b.passes
    ]
    assert len(b.passes) == 14 and len(b.tas) == 2
    assert (tmp_path / "imported" / "articles" / "art-001.txt").read_text() == (
        tmp_path / "recorded" / "articles" / "art-001.txt"
    ).read_text()



def test_every_generated_pass_changes_its_article(tmp_path: Path) -> None:
    """A pass that lists an article it leaves unchanged is what verify reports (and record_pass
    refuses); seed 17 drew an unchanged edit for E-76 of this 152-pass plan before the generator
    drew again."""
    events = list(history_repo.plan(152, parts=5, tas=2))
    texts: dict[str, str] = {}
    for event in events:
        if isinstance(event, history_repo.Pass):
            for article_id, text in event.texts.items():
                assert texts.get(article_id) != text, f"{event.name} leaves {article_id} unchanged"
                texts[article_id] = text
    history_repo.build_into(tmp_path / "imported", iter(events))
    result = CLI(tmp_path / "imported")("verify", ok=None)
    assert result.code == 0, result.out + result.err
