"""The status facts a board starts from (``status_cache``) give the rows the whole history gives,
whatever happened to the repo in between: passes, TAs, packages, rounds, amend, rebase, reset,
fetching passes, and a status cache file that is corrupt, torn or from another tip."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_history_cache import ACTIONS, Scene

from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import StatusFacts, status_facts, status_rows
from proposals.negotiation.status_cache import CACHE_NAME, cached_facts, write_facts


def started(work: Path) -> StatusFacts:
    """What a board's start does: the file's facts, else the history's, written for next time."""
    repo = BargainingRepo.open(work)
    facts = cached_facts(repo)
    if facts is None:
        facts = status_facts(repo.history(), len(repo.config.parties))
        write_facts(repo, facts)
    return facts


def answers(repo: BargainingRepo, facts: StatusFacts) -> tuple:
    return status_rows(repo, facts), facts.last_by_party, facts.baseline, facts.head


def damage(path: Path, how: str) -> None:
    if not path.exists():
        return
    data = bytearray(path.read_bytes())
    if how == "status-corrupt":
        data[len(data) // 2] ^= 0x55
        path.write_bytes(bytes(data))
    elif how == "status-truncate":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(b"proposals-status\n" + b"\x00" * 40)


@settings(max_examples=12, deadline=None)
@given(
    st.lists(
        st.sampled_from([*ACTIONS, "status-corrupt", "status-truncate", "status-garbage"]),
        min_size=1,
        max_size=9,
    )
)
def test_the_cached_facts_give_the_rows_the_history_gives(actions: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scene = Scene(Path(tmp))
        for action in actions:
            if action.startswith("status-"):
                damage(scene.repo.git_dir / "proposals" / CACHE_NAME, action)
            else:
                scene.step(action)
            truth_repo = BargainingRepo.open(scene.work)
            truth = status_facts(truth_repo.history(from_git=True), len(truth_repo.config.parties))
            repo = BargainingRepo.open(scene.work)
            assert answers(repo, started(scene.work)) == answers(repo, truth), action
            again = cached_facts(BargainingRepo.open(scene.work))  # the next start reads the file
            assert again is not None and answers(repo, again) == answers(repo, truth), action


def test_status_rows_without_facts_are_the_historys(negotiation: Path) -> None:
    repo = BargainingRepo.open(negotiation)
    history = repo.history(from_git=True)
    assert status_rows(repo) == status_rows(repo, status_facts(history, len(repo.config.parties)))
    assert any(row.last_pass for row in status_rows(repo))


def test_facts_of_another_tip_are_not_used(negotiation: Path, cli) -> None:
    started(negotiation)
    assert cached_facts(BargainingRepo.open(negotiation)) is not None
    cli("-C", str(negotiation), "withdraw", "--party", "union", "--session", "2024-06-11", "parking")
    assert cached_facts(BargainingRepo.open(negotiation)) is None  # the tip moved
    repo = BargainingRepo.open(negotiation)
    assert answers(repo, started(negotiation)) == answers(
        repo, status_facts(repo.history(from_git=True), len(repo.config.parties))
    )
