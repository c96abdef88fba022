"""The retreat warning: a pass taking back language the other side had already moved to."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, STAFFING, git

GAINED = "6.4 Protected Time. Each Clinician shall have four (4) hours of protected administrative time."


def run(cli: CLI, repo: Path, *args: str, ok: bool | None = True):
    return cli("-C", str(repo), *args, ok=ok)


def crafted(cli: CLI, tmp_path: Path) -> Path:
    """Baseline; union U-1 adds protected time; the employer's E-1 moves to it (and trims 6.3)."""
    cli("init", "successor", "--union", "U", "--employer", "E")
    old = tmp_path / "old-contract"
    old.mkdir()
    (old / "staffing.txt").write_text(STAFFING)
    repo = tmp_path / "successor"
    run(cli, repo, "baseline", "--from-dir", str(old))
    staffing = repo / "articles" / "staffing.txt"
    staffing.write_text(STAFFING + "\n" + GAINED + "\n")
    run(cli, repo, "pass", "--party", "union", "--session", "2025-03-01", "staffing")
    staffing.write_text(STAFFING.replace("five (5)", "four (4)") + "\n" + GAINED + "\n")
    run(cli, repo, "pass", "--party", "employer", "--session", "2025-03-08", "staffing")
    return repo


def test_dropping_accepted_language_needs_confirm(cli: CLI, tmp_path: Path) -> None:
    repo = crafted(cli, tmp_path)
    weaker = GAINED.replace("shall have four (4)", "may request up to two (2)")
    draft = STAFFING.replace("five (5)", "four (4)") + "\n" + weaker + "\n"
    (repo / "articles" / "staffing.txt").write_text(draft)
    head = git(repo, "rev-parse", "HEAD")
    refused = run(cli, repo, "pass", "--party", "union", "--session", "2025-03-15", "staffing", ok=False)
    assert "retreats from agreed language" in refused.err
    assert "Each Clinician shall have four (4) hours" in refused.err
    assert "proposed in U-1" in refused.err and "accepted by the other side in E-1" in refused.err
    assert "--confirm" in refused.err
    assert git(repo, "rev-parse", "HEAD") == head  # nothing recorded
    assert (repo / "articles" / "staffing.txt").read_text() == draft  # the draft is untouched
    out = run(cli, repo, "pass", "--party", "union", "--session", "2025-03-15", "--confirm", "staffing").out
    assert "U-2" in out


def test_a_pass_keeping_accepted_language_needs_nothing(cli: CLI, tmp_path: Path) -> None:
    repo = crafted(cli, tmp_path)
    (repo / "articles" / "staffing.txt").write_text(
        STAFFING.replace("five (5)", "six (6)") + "\n" + GAINED + "\n"
    )
    # 6.3 was the union's language before, but the baseline held it: the employer never moved to it.
    assert "U-2" in run(cli, repo, "pass", "--party", "union", "--session", "2025-03-15", "staffing").out


def test_the_other_side_dropping_its_own_words_is_not_our_retreat(cli: CLI, tmp_path: Path) -> None:
    repo = crafted(cli, tmp_path)
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "four (4)"))
    assert "E-2" in run(cli, repo, "pass", "--party", "employer", "--session", "2025-03-15", "staffing").out
