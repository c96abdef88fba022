"""`proposals demo`: a deterministic, believable negotiation built through the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import CLI, git


def build(cli: CLI, name: str) -> Path:
    out = cli("demo", name).out
    assert "articles" in out and "TA" in out
    return cli.cwd / name


def test_demo_is_deterministic_and_believable(cli: CLI) -> None:
    first, second = build(cli, "one"), build(cli, "two")
    assert git(first, "rev-parse", "HEAD") == git(second, "rev-parse", "HEAD")
    assert git(first, "tag", "--sort=refname") == git(second, "tag", "--sort=refname")

    rows = {r["id"]: r for r in json.loads(cli("-C", str(first), "status", "--json").out)["articles"]}
    assert len(rows) >= 15
    by_status: dict[str, set[str]] = {}
    for row in rows.values():
        by_status.setdefault(row["status"], set()).add(row["id"])
    assert by_status["ta"] == {"scheduling", "mentorship", "lmc", "discipline", "safety"}
    assert len(by_status["withdrawn"]) == 1
    assert {"staffing", "admin-time", "pto", "wages"} <= by_status["open"]
    assert rows["staffing"]["ta"]["sections"], "one section-level TA on staffing"
    assert rows["wages"]["economic"] is True and rows["discipline"]["economic"] is False

    passes = json.loads(cli("-C", str(first), "log", "--json").out)["passes"]
    sessions = sorted({p["session"] for p in passes})
    assert sessions[0].startswith("2024-02") and sessions[-1].startswith("2025-06")
    assert 10 <= len(sessions) <= 14
    assert {p["party"] for p in passes} == {"union", "employer"}
    assert cli("-C", str(first), "verify").code == 0
    assert (first / "notes").is_dir() and any((first / "notes").glob("*.md"))
    assert git(first, "status", "--porcelain") == ""


def test_demo_contract_has_a_preamble_an_appendix_and_a_letter_in_contract_order(cli: CLI) -> None:
    """Parts' kinds and the letter's own expiry live in bargaining.toml; status lists the preamble
    first and the appendix and letter after the articles, and the wage table is a pipe table."""
    repo = build(cli, "talks")
    config = (repo / "bargaining.toml").read_text()
    assert "[articles.telehealth-letter]" in config and 'kind = "letter"' in config
    assert 'expires = "2026-06-30"' in config and 'kind = "appendix"' in config
    rows = json.loads(cli("-C", str(repo), "status", "--json").out)["articles"]
    ids = [r["id"] for r in rows]
    assert ids[0] == "preamble" and ids[-2:] == ["appendix-a", "telehealth-letter"]
    kinds = {r["id"]: (r["kind"], r["expires"]) for r in rows}
    assert kinds["preamble"] == ("preamble", None) and kinds["wages"] == ("article", None)
    assert kinds["telehealth-letter"] == ("letter", "2026-06-30")
    table = cli("-C", str(repo), "status").out
    assert "LOA 1  Telehealth Pilot (expires 2026-06-30)" in table and "App A  Differentials" in table
    appendix = (repo / "articles" / "appendix-a.txt").read_text()
    assert "| Physician | $100.00 | $200.00 | $150.00 | $75.00 |" in appendix  # the employer's counter


def test_demo_history_reads_in_git(cli: CLI) -> None:
    repo = build(cli, "talks")
    subjects = git(repo, "log", "--format=%s", "--", "articles/wages.txt").splitlines()
    assert len(subjects) >= 3 and all(re.match(r"^(Northstar .* pass )?[UE]-\d+:", s) for s in subjects)
    wage_counter = next(
        p
        for p in json.loads(cli("-C", str(repo), "log", "wages", "--json").out)["passes"]
        if p["party"] == "employer"
    )
    before = cli("-C", str(repo), "show", "wages", "--at", f"{wage_counter['commit']}~1").out
    after = cli("-C", str(repo), "show", "wages", "--at", wage_counter["pass"]).out
    assert "$248,000.00" in before and "$248,000.00" not in after  # the employer's pay cut


def test_demo_refuses_an_existing_repo(cli: CLI) -> None:
    repo = build(cli, "talks")
    again = cli("demo", "talks", ok=False)
    assert "already a bargaining repo" in again.err
    assert git(repo, "status", "--porcelain") == ""
