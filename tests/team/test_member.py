"""`proposals member`: who records passes in this working copy, kept in the repo's git config."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, git


def test_member_is_stored_in_the_repo_and_shown(negotiation: Path, cli: CLI) -> None:
    done = cli("-C", str(negotiation), "member", "--name", "Rosa Delgado", "--email", "rosa@cu.example")
    assert "Rosa Delgado <rosa@cu.example>" in done.out
    assert git(negotiation, "config", "--local", "user.email").strip() == "rosa@cu.example"
    shown = cli("-C", str(negotiation), "member").out
    assert "Passes made here record Rosa Delgado <rosa@cu.example>" in shown


def test_a_bad_member_is_one_line_and_writes_nothing(negotiation: Path, cli: CLI) -> None:
    cli("-C", str(negotiation), "member", "--name", "Rosa", "--email", "rosa", ok=False)
    cli("-C", str(negotiation), "member", "--name", "--x", "--email", "a@b.example\x1b", ok=False)
    cli("-C", str(negotiation), "member", "--name", "Rosa", ok=False)
    assert "user." not in git(negotiation, "config", "--local", "--list")
