"""A small economic negotiation for the costing tests: a wages article with terms on both sides."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI

WAGES = """ARTICLE 12: WAGES

12.1 Wages. Wages shall be as set out in this Article.
"""

ROSTER = """id,classification,fte,base_pay,step,clinic,hire_date
A1,physician,1.0,200000,,North,2019-03-01
B2,NP,0.5,120000,,South,2021-06-15
C3,PA,0.8,100000,,North,2022-01-10
"""


def economic_repo(tmp_path: Path, cli: CLI, union: str, employer: str | None = None) -> Path:
    """A repo whose union pass U-1 (and employer pass E-1, if given) carries wages terms."""
    repo = tmp_path / "talks"
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    (repo / "articles" / "wages.txt").write_text(WAGES)
    (repo / "terms" / "union").mkdir(parents=True)
    (repo / "terms" / "union" / "wages.toml").write_text(union)
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2024-02-20", "wages")
    if employer is not None:
        (repo / "articles" / "wages.txt").write_text(WAGES.replace("as set out", "as set out below"))
        (repo / "terms" / "employer").mkdir(parents=True)
        (repo / "terms" / "employer" / "wages.toml").write_text(employer)
        cli("-C", str(repo), "pass", "--party", "employer", "--session", "2024-03-05", "wages")
    roster = tmp_path / "members.csv"
    roster.write_text(ROSTER)
    cli("-C", str(repo), "roster", "import", str(roster))
    return repo
