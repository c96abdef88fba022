"""Costing terms in team sync: two members editing one terms file, settled by resolve like the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import STAFFING, fails, git, make_repo, ok, read, run, write

ALICE, BOB = "Alice Organizer", "Bob Steward"
TERMS = "terms/union/staffing.toml"


def staffing_terms(ratio: str) -> str:
    return f'[[staffing]]\nposition = "medical assistant"\nper_clinician_fte = {ratio}\nannual_wage = 48000\n'


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path]:
    """A bare remote seeded by Alice, and Bob's clone of it."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice")
    git(alice, "remote", "add", "origin", str(remote))
    ok(alice, "sync", name=ALICE)
    ok(tmp_path, "clone", str(remote), "bob", name=BOB)
    return alice, tmp_path / "bob"


def record(member: Path, words: str, ratio: str, who: str) -> None:
    """A union pass on staffing carrying its terms (the ratio), as pass records them."""
    write(member, "staffing", STAFFING.replace("safe staffing", words))
    (member / "terms" / "union").mkdir(parents=True, exist_ok=True)
    (member / TERMS).write_text(staffing_terms(ratio))
    ok(member, "pass", "--party", "union", "--session", "2025-02-01", "staffing", name=who)


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_both_recorded_terms_on_one_article_settled_by_resolve(team: tuple[Path, Path], keep: str) -> None:
    alice, bob = team
    record(alice, "safe staffing of 1.6", "1.6", ALICE)
    ok(alice, "sync", name=ALICE)
    record(bob, "safe staffing of 1.8", "1.8", BOB)
    proc = run(bob, "sync", name=BOB)
    assert proc.returncode == 1
    assert "proposals resolve staffing --keep mine|theirs" in proc.stdout
    assert "git add" not in proc.stdout  # the terms are settled with their article, not by hand
    out = ok(bob, "resolve", "staffing", "--keep", keep, name=BOB)
    assert "merge committed" in out
    ratio = "1.8" if keep == "mine" else "1.6"
    assert (bob / TERMS).read_text() == staffing_terms(ratio)
    assert git(bob, "show", f"HEAD:{TERMS}") == staffing_terms(ratio)
    assert f"staffing of {ratio}" in read(bob, "staffing")
    assert git(bob, "status", "--porcelain") == ""
    assert "No conflicts" in ok(bob, "resolve")
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    assert (alice / TERMS).read_text() == staffing_terms(ratio)


def test_an_unsent_terms_edit_is_set_aside_and_put_back(team: tuple[Path, Path]) -> None:
    alice, bob = team
    record(alice, "safe staffing of 1.6", "1.6", ALICE)
    ok(alice, "sync", name=ALICE)
    (bob / "terms" / "union").mkdir(parents=True, exist_ok=True)
    (bob / TERMS).write_text(staffing_terms("2.0"))  # Bob's unsent edit of the same file
    proc = run(bob, "sync", name=BOB)
    assert proc.returncode == 1, proc.stderr
    assert "your edit of terms/union/staffing.toml was set aside" in proc.stdout
    assert "proposals resolve staffing --keep mine|theirs" in proc.stdout
    assert (bob / TERMS).read_text() == staffing_terms("1.6")  # the incoming pass's terms
    saved = "refs/proposals/terms-drafts/union/staffing:staffing.toml"
    assert git(bob, "cat-file", "blob", saved) == staffing_terms("2.0")
    assert "your edit is back" in ok(bob, "resolve", "staffing", "--keep", "mine", name=BOB)
    assert (bob / TERMS).read_text() == staffing_terms("2.0")
    assert "No conflicts" in ok(bob, "resolve")
    assert "no conflict to resolve" in fails(bob, "resolve", "staffing", "--keep", "mine")


def test_an_unsent_terms_edit_dropped_by_keeping_theirs(team: tuple[Path, Path]) -> None:
    alice, bob = team
    record(alice, "safe staffing of 1.6", "1.6", ALICE)
    ok(alice, "sync", name=ALICE)
    (bob / "terms" / "union").mkdir(parents=True, exist_ok=True)
    (bob / TERMS).write_text(staffing_terms("2.0"))
    write(bob, "staffing", STAFFING.replace("safe staffing", "safe staffing of 2.0"))  # and the text
    assert run(bob, "sync", name=BOB).returncode == 1
    listed = ok(bob, "resolve")
    assert "staffing: your draft was set aside" in listed and "terms/union/staffing.toml" in listed
    out = ok(bob, "resolve", "staffing", "--keep", "theirs", name=BOB)
    assert "kept the incoming terms" in out and "refs/drafts/staffing" in out
    assert (bob / TERMS).read_text() == staffing_terms("1.6")
    assert git(bob, "cat-file", "blob", "refs/proposals/terms-drafts/union/staffing:staffing.toml") == (
        staffing_terms("2.0")
    )
    assert "No conflicts" in ok(bob, "resolve")


def test_an_unsent_terms_edit_equal_to_the_incoming_is_no_conflict(team: tuple[Path, Path]) -> None:
    alice, bob = team
    record(alice, "safe staffing of 1.6", "1.6", ALICE)
    ok(alice, "sync", name=ALICE)
    (bob / "terms" / "union").mkdir(parents=True, exist_ok=True)
    (bob / TERMS).write_text(staffing_terms("1.6"))
    assert "fast-forward" in ok(bob, "sync", name=BOB)
    assert "No conflicts" in ok(bob, "resolve")
