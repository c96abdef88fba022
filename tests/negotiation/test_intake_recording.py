"""Their pass is recorded all or nothing on every path (issue 11): an economic article that
carries costing terms (terms/<party>/<id>.toml) and a detached HEAD go the same way as any import:
nothing is written until the pass is recorded in one ref transaction, or nothing at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CLI, git
from test_intake_parts import _kill, _repo, _state, _their_clean

STAFFING = """ARTICLE 6: STAFFING

6.1 Medical Assistants. Each Clinician shall be supported by two (2) medical assistants.
"""
WAGES = """ARTICLE 12: WAGES

12.1 Wages. Wages shall be as set out in this Article.
"""
CUT = """[[across_the_board]]
year = 2025
percent = -2
"""


def _economic(cli: CLI, tmp_path: Path) -> Path:
    """A baseline with wages and staffing; their costing of their wages pass typed in beside it,
    and our own draft of staffing in the working tree."""
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "wages": WAGES})
    (repo / "terms" / "employer").mkdir(parents=True)
    (repo / "terms" / "employer" / "wages.toml").write_text(CUT)
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("two (2)", "three (3)"))
    return repo


def test_an_economic_article_with_terms_is_recorded_with_its_terms(cli: CLI, tmp_path: Path) -> None:
    repo = _economic(cli, tmp_path)
    theirs = _their_clean(tmp_path, WAGES.replace("as set out", "as set out below"))
    out = cli(
        "-C", str(repo), "import-docx", str(theirs), "--party", "employer", "--session", "2025-04-02"
    ).out
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): wages\n" in out
    assert git(repo, "show", "--name-only", "--format=", "E-1^{commit}").split() == [
        "articles/wages.txt",
        "terms/employer/wages.toml",
    ]
    assert git(repo, "show", "E-1:terms/employer/wages.toml") == CUT
    assert git(repo, "status", "--porcelain").split() == ["M", "articles/staffing.txt"]  # our draft


def test_a_bad_terms_file_stops_their_import_with_nothing_written(cli: CLI, tmp_path: Path) -> None:
    repo = _economic(cli, tmp_path)
    (repo / "terms" / "employer" / "wages.toml").write_text("[[across_the_board]]\nyear = 2025\npercnt = 3\n")
    before = _state(repo)
    theirs = _their_clean(tmp_path, WAGES.replace("as set out", "as set out below"))
    err = cli("-C", str(repo), "import-docx", str(theirs), "--party", "employer", ok=False).err
    assert "across_the_board.percnt: unknown key" in err
    assert len(err.strip().splitlines()) == 1, err
    assert _state(repo) == before


def test_an_import_with_terms_killed_at_any_git_command_leaves_everything_as_before(
    cli: CLI, tmp_path: Path
) -> None:
    """Before: an import that carried terms took the old path, which wrote their text over the
    working tree before committing; a kill in between left their wages text in our working tree."""
    template = _economic(cli, tmp_path)
    (template / "articles" / "wages.txt").write_text(WAGES.replace("Wages shall", "Our wages shall"))
    before = _state(template)
    wages_before = (template / "articles" / "wages.txt").read_bytes()
    theirs = _their_clean(tmp_path, WAGES.replace("as set out", "as set out below"))
    kills = 0
    for n in range(1, 80):
        repo = tmp_path / f"killed-{n}"
        shutil.copytree(template, repo, symlinks=True)
        if _kill(repo, theirs, str(n)) == 0:
            break
        kills += 1
        if git(repo, "tag", "--list", "E-*"):
            continue  # killed after the ref transaction: finished by the next command
        assert _state(repo) == before, f"killed before git command {n}"
        assert (repo / "articles" / "wages.txt").read_bytes() == wages_before, f"killed before command {n}"
    assert kills >= 10, kills
    assert git(repo, "show", "E-1:terms/employer/wages.toml") == CUT


def test_an_import_with_terms_killed_once_recorded_is_finished_with_its_terms(
    cli: CLI, tmp_path: Path
) -> None:
    repo = _economic(cli, tmp_path)
    theirs = _their_clean(tmp_path, WAGES.replace("as set out", "as set out below"))
    _kill(repo, theirs, "after-refs")
    assert "E-1" in git(repo, "tag", "--list", "E-*")
    done = cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-04-03", "staffing")
    assert "Wrote articles/wages.txt as recorded by a pass that was interrupted" in done.out + done.err
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "rev-parse", ":terms/employer/wages.toml") == git(
        repo, "rev-parse", "E-1:terms/employer/wages.toml"
    )


def test_an_import_into_a_detached_head_is_refused_and_writes_nothing(cli: CLI, tmp_path: Path) -> None:
    repo = _economic(cli, tmp_path)
    git(repo, "checkout", "-q", "--detach")
    before = _state(repo)
    theirs = _their_clean(tmp_path, WAGES.replace("as set out", "as set out below"))
    result = cli("-C", str(repo), "import-docx", str(theirs), "--party", "employer", ok=False)
    assert result.code != 0
    assert result.err.strip().splitlines() == [
        "proposals: error: HEAD is detached (an old pass or revision is checked out); switch back to your "
        "branch (git switch main) before recording anything"
    ]
    assert _state(repo) == before
