"""verify reads which articles each commit changes from several ``diff-tree`` processes, one
stretch of the commit list each (issue 17: one process alone took longer than verify may at
20,000 passes). However the list is cut, a pass whose commit does not change what it lists is
caught, one in each stretch, and the problems are the same as from a single process."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sync_support import cli_env, git, make_repo, ok, write

import proposals.store.git as store_git
from proposals.negotiation.agreements import verify
from proposals.negotiation.repo import BargainingRepo


def forged_pass(repo: Path, name: str) -> str:
    """A pass commit made by hand that lists staffing and changes nothing, tagged as a pass."""
    trailers = f"Proposal-Party: employer\nPass: {name}\nSession: 2025-02-01\nArticles: staffing\n"
    message = f"{name}: hand-made\n\n{trailers}"
    subprocess.run(["git", "commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-F", "-"],
                   cwd=repo, input=message.encode(), env=cli_env("Eve Mallory"), check=True)
    git(repo, "tag", name, "HEAD")
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def forged(tmp_path: Path) -> tuple[Path, list[str]]:
    """A history with a forged pass in its older half and another in its newer half."""
    repo = make_repo(tmp_path / "team")
    old = forged_pass(repo, "E-1")
    for n in range(3):
        write(repo, "scheduling", (repo / "articles" / "scheduling.txt").read_text() + f"\nLine {n}.\n")
        party = "union" if n % 2 == 0 else "employer"
        ok(repo, "pass", "--party", party, "--session", "2025-02-02", "scheduling")
    new = forged_pass(repo, "E-3")
    return repo, [old, new]


def problems(repo: Path) -> list[str]:
    return [p.line() for p in verify(BargainingRepo.open(repo))]


@pytest.mark.parametrize("parts", [2, 3, 100])
def test_a_forged_pass_in_each_stretch_is_caught(
    forged: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch, parts: int
) -> None:
    repo, commits = forged
    listed = git(repo, "rev-list", "HEAD").split()
    if parts == 2:  # the two forgeries are in different stretches
        half = -(-len(listed) // 2)
        assert listed.index(commits[1]) < half <= listed.index(commits[0])
    monkeypatch.setattr(store_git, "diff_parts", lambda count: 1)
    alone = problems(repo)
    monkeypatch.setattr(store_git, "diff_parts", lambda count: parts)
    cut = problems(repo)
    assert cut == alone
    for name in ("E-1", "E-3"):
        assert any(line.startswith(f"{name}:") and "does not change" in line for line in cut), cut
