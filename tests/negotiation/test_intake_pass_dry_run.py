"""``import-docx --dry-run``: their document read, matched and checked as for recording, the pass
it would be named, and nothing written (no commit, tag, draft, index entry or settings line). A
team looks at what the employer's file holds before it enters the record. A dry run refuses what
the import refuses, with the same one line."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, git
from test_intake_parts import HOURS, STAFFING, _repo, _state, _their_clean

TELEHEALTH = "ARTICLE 41: TELEHEALTH\n\n41.1 Telehealth visits count as clinic hours.\n"


def _theirs(tmp_path: Path) -> Path:
    """Their clean .docx: staffing changed, hours as on the table, a new part."""
    return _their_clean(tmp_path, "\n".join([STAFFING.replace("two (2)", "one (1)"), HOURS, TELEHEALTH]))


def test_a_dry_run_says_what_the_pass_would_be_and_writes_nothing(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("two (2)", "three (3)"))  # our draft
    before = _state(repo)
    config = (repo / "bargaining.toml").read_bytes()
    theirs = _theirs(tmp_path)
    args = ["-C", str(repo), "import-docx", str(theirs), "--party", "employer", "--session", "2025-04-02"]
    dry = cli(*args, "--dry-run", "--announced", "staffing,telehealth").out
    assert "Would record Northstar Health pass E-1 (session 2025-04-02): staffing, telehealth\n" in dry
    assert "New part telehealth: ARTICLE 41: TELEHEALTH" in dry
    assert "Unchanged, not part of the pass: hours" in dry
    assert "UNANNOUNCED" not in dry
    assert dry.rstrip().endswith("Dry run: nothing recorded.")
    assert "Recorded" not in dry
    assert _state(repo) == before
    assert (repo / "bargaining.toml").read_bytes() == config
    assert not (repo / "articles" / "telehealth.txt").exists()
    # The import itself records what the dry run said.
    out = cli(*args).out
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing, telehealth\n" in out
    assert "E-1" in git(repo, "tag", "--list").split()


def test_a_dry_run_refuses_what_the_import_refuses_and_writes_nothing(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    cli("-C", str(repo), "ta", "staffing", "--union-sign", "Rosa Diaz", "--employer-sign", "Sam Lee")
    before = _state(repo)
    theirs = _their_clean(tmp_path, STAFFING.replace("two (2)", "one (1)"))
    args = ["-C", str(repo), "import-docx", str(theirs), "--party", "employer"]
    dry = cli(*args, "--dry-run", ok=False).err
    real = cli(*args, ok=False).err
    assert "changes TA'd text" in dry
    assert dry == real
    assert _state(repo) == before
