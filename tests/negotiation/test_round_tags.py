"""A round close's ``<round>/ratified`` tag is proved like a pass tag: `verify` says when it is
missing, moved or on no close, `repair` (and the next recorder) tags a close that lost it, and
a command that then refuses still says what it repaired."""

from __future__ import annotations

from pathlib import Path

from conftest import git
from test_rounds import ta


def closed(negotiation: Path, cli) -> str:
    """The negotiation with every part TA'd and round 2024 closed; the close's commit."""
    for part in ("staffing", "scheduling", "parking"):
        ta(cli, negotiation, part, "2024-03-10")
    cli("-C", str(negotiation), "round", "close", "--ratified", "2024-04-01", "--name", "2024")
    return git(negotiation, "rev-parse", "HEAD").strip()


def tag_message(repo: Path, tag: str) -> str:
    return git(repo, "cat-file", "tag", tag).partition("\n\n")[2]


def test_a_close_whose_tag_went_missing_is_found_and_tagged_again(negotiation: Path, cli) -> None:
    repo = str(negotiation)
    close = closed(negotiation, cli)
    message = tag_message(negotiation, "2024/ratified")
    git(negotiation, "tag", "-d", "2024/ratified")
    result = cli("-C", repo, "verify", ok=None)
    assert result.code == 1
    assert "2024/ratified" in result.out and "has no tag; run proposals repair" in result.out
    dry = cli("-C", repo, "repair", "--dry-run", ok=None).out
    assert "2024/ratified: round closed but this tag is missing" in dry
    assert "tagged it 2024/ratified" in cli("-C", repo, "repair").out
    assert git(negotiation, "rev-parse", "2024/ratified^{commit}").strip() == close
    assert tag_message(negotiation, "2024/ratified") == message  # made as the close made it
    assert cli("-C", repo, "verify").code == 0


def test_a_moved_or_stray_ratified_tag_fails_verify(negotiation: Path, cli) -> None:
    repo = str(negotiation)
    close = closed(negotiation, cli)
    git(negotiation, "tag", "-f", "2024/ratified", "HEAD~1")  # the last TA, before the close
    git(negotiation, "tag", "2031/ratified", "HEAD")  # a round that never closed
    result = cli("-C", repo, "verify", ok=None)
    assert result.code == 1
    assert "tag was moved off the close of round 2024" in result.out
    assert f"git tag -f 2024/ratified {close}" in result.out
    assert "no round 2031 was closed in this branch" in result.out


def test_a_refused_pass_still_says_what_it_repaired(negotiation: Path, cli) -> None:
    repo = str(negotiation)
    closed(negotiation, cli)
    git(negotiation, "tag", "-d", "2024/ratified")
    path = negotiation / "articles" / "parking.txt"
    path.write_text(path.read_text() + "\nA new line.\n")
    result = cli("-C", repo, "pass", "--party", "union", "--session", "2024-05-01", "parking", ok=None)
    assert result.code != 0
    lines = result.err.splitlines()
    assert "tagged it 2024/ratified" in lines[0]  # the repair first, then why the pass was refused
    assert lines[-1].startswith("proposals: error: round 2024 was closed")
    assert git(negotiation, "tag", "-l", "2024/ratified").strip() == "2024/ratified"


def test_a_pass_refused_after_tagging_a_killed_pass_says_both(negotiation: Path, cli) -> None:
    repo = str(negotiation)
    git(negotiation, "tag", "-d", "E-1")  # as a pass killed between its commit and its tag leaves it
    result = cli("-C", repo, "pass", "--party", "union", "--session", "2024-05-01", "parking", ok=None)
    assert result.code != 0
    lines = result.err.splitlines()
    assert lines[0] == "Repaired: pass E-1 was recorded but not tagged; tagged it"
    assert lines[-1].startswith("proposals: error: ") and len(lines) == 2
