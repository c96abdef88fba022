"""The status facts a board starts from (``status_cache``) give the rows the whole history gives,
whatever happened to the repo in between: passes, TAs, packages, rounds, amend, rebase, reset,
fetching passes, and a status cache file that is corrupt, torn or from another tip."""

from __future__ import annotations

import subprocess
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


def test_facts_of_another_tip_are_not_used(negotiation: Path) -> None:
    started(negotiation)
    assert cached_facts(BargainingRepo.open(negotiation)) is not None
    subprocess.run(  # git itself moves the tip: no recorder of ours brings the file along
        [
            "git",
            "commit",
            "--quiet",
            "--allow-empty",
            "--cleanup=verbatim",
            "-m",
            "pass\n\nProposal-Party: employer\nPass: E-90\nSession: 2024-06-11\nWithdrawn: parking\n",
        ],
        cwd=negotiation,
        check=True,
        capture_output=True,
    )
    assert cached_facts(BargainingRepo.open(negotiation)) is None  # the tip moved
    repo = BargainingRepo.open(negotiation)
    assert answers(repo, started(negotiation)) == answers(
        repo, status_facts(repo.history(from_git=True), len(repo.config.parties))
    )


def _fresh(work: Path) -> tuple:
    """What the file holds now, and what the history read from git gives."""
    held = cached_facts(BargainingRepo.open(work))
    assert held is not None  # at the tip: the board's next start reads no history
    repo = BargainingRepo.open(work)
    truth = status_facts(repo.history(from_git=True), len(repo.config.parties))
    return answers(repo, held), answers(repo, truth)


def test_a_cli_recording_brings_the_boards_file_to_the_new_tip(negotiation: Path, cli) -> None:
    """Issue 17: a board's file followed only the board, so the first TUI start after a CLI pass,
    withdrawal or TA derived the facts from the whole history again."""
    started(negotiation)  # this copy has a board's file
    c = ("-C", str(negotiation))
    cli(*c, "withdraw", "--party", "union", "--session", "2024-06-11", "parking")
    held, truth = _fresh(negotiation)
    assert held == truth
    staffing = negotiation / "articles" / "staffing.txt"
    staffing.write_text(staffing.read_text() + "\n6.4 Breaks. Every shift has two breaks.\n")
    cli(*c, "pass", "--party", "union", "--session", "2024-06-12", "staffing")
    held, truth = _fresh(negotiation)
    assert held == truth
    cli(*c, "ta", "staffing", "--date", "2024-06-13", "--union-sign", "A", "--employer-sign", "B")
    held, truth = _fresh(negotiation)
    assert held == truth and any(row.status == "ta" for row in held[0])


def test_a_copy_without_a_board_gets_no_file(negotiation: Path, cli) -> None:
    """Only a copy whose board made the file keeps it: a CLI-only copy pays nothing for it."""
    cli("-C", str(negotiation), "withdraw", "--party", "union", "--session", "2024-06-11", "parking")
    assert not (BargainingRepo.open(negotiation).git_dir / "proposals" / CACHE_NAME).exists()


def test_a_sync_brings_the_boards_file_to_the_merged_tip(tmp_path: Path, negotiation: Path, cli) -> None:
    """Bob's board file follows a sync that brings Alice's pass in."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=negotiation, check=True)
    cli("-C", str(negotiation), "sync")
    cli("clone", str(remote), "bob")
    bob = tmp_path / "bob"
    started(bob)
    cli("-C", str(negotiation), "withdraw", "--party", "union", "--session", "2024-06-11", "parking")
    cli("-C", str(negotiation), "sync")
    cli("-C", str(bob), "sync")
    held, truth = _fresh(bob)
    assert held == truth and any(row.status == "withdrawn" for row in held[0])
