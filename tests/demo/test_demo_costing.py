"""The demo tells the economic story: 600 clinicians in 61 clinics, both sides' terms, a pay cut."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import CLI, git


def test_demo_costs_both_sides_and_the_employer_cut(cli: CLI, tmp_path: Path) -> None:
    cli("demo", "demo")
    repo = tmp_path / "demo"
    shown = json.loads(cli("-C", str(repo), "roster", "show", "--json").out)
    assert shown["members"] == 600
    assert set(shown["by_classification"]) == {"physician", "NP", "PA"}
    roster = (repo / ".git" / "proposals" / "roster.csv").read_text().splitlines()
    assert len({line.split(",")[5] for line in roster[1:]}) == 61
    assert "roster" not in git(repo, "ls-files")  # private: never committed

    data = json.loads(cli("-C", str(repo), "cost", "--json").out)
    union, employer = data["positions"]
    assert (union["party"], employer["party"]) == ("union", "employer")
    assert [y["year"] for y in union["years"]] == ["2025", "2026", "2027"]
    assert float(union["total"]) > float(employer["total"]) > 0
    assert all(float(d["cost"]) > 0 for d in data["difference"])
    # The employer's first economic package cuts most clinicians' pay.
    cut = json.loads(cli("-C", str(repo), "cost", "--json", "--pass", "E-4").out)["positions"][0]
    assert float(cut["total"]) < 0
    assert cut["members_losing"] > 500
    # Every economic pass carries its terms with its text.
    assert "[schedule]" in git(repo, "show", "E-4:terms/employer/wages.toml")
