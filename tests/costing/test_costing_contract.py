"""The JSON contract scripts rely on, checked on the demo, and every figure redone by hand from the
terms and the roster with the README's formula (an independent implementation, not the model)."""

from __future__ import annotations

import csv
import json
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from conftest import CLI, git

CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path, dict]:
    base = tmp_path_factory.mktemp("demo")
    cli = CLI(base)
    cli("demo", "demo")
    repo = base / "demo"
    return cli, repo, json.loads(cli("-C", str(repo), "cost", "--json").out)


def is_decimal_string(value: object, places: int = 2) -> bool:
    return isinstance(value, str) and Decimal(value).as_tuple().exponent == -places


def test_the_json_contract(demo: tuple[CLI, Path, dict]) -> None:
    _, _, data = demo
    assert {"basis", "members", "positions", "difference"} <= set(data)
    assert isinstance(data["basis"], str) and data["members"] == 600
    assert [p["party"] for p in data["positions"]] == ["union", "employer"]
    for p in data["positions"]:
        assert {"party", "pass", "years", "total", "members_gaining", "members_losing"} <= set(p)
        assert isinstance(p["pass"], str) and p["pass"][:2] in ("U-", "E-")
        assert isinstance(p["members_gaining"], int) and isinstance(p["members_losing"], int)
        for y in p["years"]:
            assert isinstance(y["year"], str)
            assert is_decimal_string(y["cost"]) and is_decimal_string(y["percent_of_payroll"])
        assert is_decimal_string(p["total"])
        assert Decimal(p["total"]) == sum(Decimal(y["cost"]) for y in p["years"])  # to the cent
    union, employer = data["positions"]
    assert data["difference"] == [
        {"year": u["year"], "cost": str(Decimal(u["cost"]) - Decimal(e["cost"]))}
        for u, e in zip(union["years"], employer["years"], strict=True)
    ]


def _files(repo: Path, party: str, rev: str) -> dict[str, dict]:
    names = git(repo, "ls-tree", "--name-only", f"{rev}:terms/{party}").split()
    return {
        n[: -len(".toml")]: tomllib.loads(git(repo, "show", f"{rev}:terms/{party}/{n}"))
        for n in names
        if n.endswith(".toml")
    }


def _wages(terms: dict, member: dict, years: list[str]) -> list[Decimal]:
    """The README: in year i a member earns FTE x (A*r + B); A the across-the-board changes
    composed (no effective dates and no flat amounts in the demo), r the base pay or the schedule
    rate at their step, moving a step a year and stopping at the top."""
    schedule = terms.get("schedule")
    changes = [c for t in terms.get("across_the_board", []) for c in [t]]
    out = []
    a = Decimal(1)
    for i, year in enumerate(years):
        for c in changes:
            assert "effective" not in c and "flat" not in c
            if str(c["year"]) == year:
                a *= 1 + Decimal(str(c["percent"])) / 100
        if schedule and member["step"]:
            rates = schedule["steps"][member["classification"]]
            r = Decimal(str(rates[min(int(member["step"]) - 1 + i, len(rates) - 1)]))
        else:
            r = Decimal(member["base_pay"])
        out.append(Decimal(member["fte"]) * a * r)
    return out


def _position(repo: Path, party: str, rev: str) -> dict:
    """Each of the party's files at the pass replaces the status quo's file of the same article."""
    files = _files(repo, "baseline", rev) | _files(repo, party, rev)
    merged: dict = {}
    for terms in files.values():
        for key, value in terms.items():
            if key in ("across_the_board", "staffing"):
                merged.setdefault(key, []).extend(value if isinstance(value, list) else [value])
            else:
                assert key not in merged
                merged[key] = value
    return merged


def _staffing(terms: dict, fte: dict[str, Decimal]) -> Decimal:
    total = Decimal(0)
    for s in terms.get("staffing", []):
        covered = sum(f for k, f in fte.items() if k in s.get("classifications", fte))
        total += Decimal(str(s["per_clinician_fte"])) * covered * Decimal(str(s["annual_wage"]))
    return total


def test_every_json_figure_reproduces_by_the_readme_formula(demo: tuple[CLI, Path, dict]) -> None:
    cli, repo, data = demo
    settings = tomllib.loads((repo / "terms" / "costing.toml").read_text())
    first, last = settings["years"].split("-")
    years = [str(y) for y in range(int(first), int(last) + 1)]
    loaded = 1 + Decimal(str(settings["rollup_percent"])) / 100
    workdays, hours = Decimal(260), Decimal(2080)
    roster = list(csv.DictReader((repo / ".git" / "proposals" / "roster.csv").open()))
    fte: dict[str, Decimal] = {}
    for m in roster:
        fte[m["classification"]] = fte.get(m["classification"], Decimal(0)) + Decimal(m["fte"])
    sq = _position(repo, "baseline", "HEAD")
    sq_pay = [sum(col) for col in zip(*(_wages(sq, m, years) for m in roster), strict=True)]
    for p in data["positions"]:
        ours = _position(repo, p["party"], p["pass"])
        per_member = [_wages(ours, m, years) for m in roster]
        pay = [sum(col) for col in zip(*per_member, strict=True)]
        days = Decimal(str(ours["pto"]["days_per_fte"])) - Decimal(str(sq["pto"]["days_per_fte"]))
        weekly = Decimal(str(ours["protected_time"]["hours_per_week"])) - Decimal(
            str(sq["protected_time"]["hours_per_week"])
        )
        staffing = (_staffing(ours, fte) - _staffing(sq, fte)) * loaded
        for i, y in enumerate(p["years"]):
            payroll = sq_pay[i] * loaded
            cost = (
                (pay[i] - sq_pay[i]) * loaded
                + days * pay[i] / workdays
                + weekly * 52 * pay[i] / hours
                + staffing
            ).quantize(CENT, ROUND_HALF_UP)
            assert y["cost"] == str(cost), (p["pass"], y["year"])
            assert y["payroll"] == str(payroll.quantize(CENT, ROUND_HALF_UP))
            assert y["one_percent"] == str((payroll / 100).quantize(CENT, ROUND_HALF_UP))
            assert y["percent_of_payroll"] == str((cost * 100 / payroll).quantize(CENT, ROUND_HALF_UP))
        # Who gains: pay over the term (wages, added PTO at their daily rate) against the status quo.
        changes = [
            sum(w + days * w / workdays for w in mine) - sum(_wages(sq, m, years))
            for m, mine in zip(roster, per_member, strict=True)
        ]
        assert p["members_gaining"] == sum(1 for c in changes if c > 0)
        assert p["members_losing"] == sum(1 for c in changes if c < 0)
        for group in p["by_classification"]:
            mine = [c for m, c in zip(roster, changes, strict=True) if m["classification"] == group["name"]]
            assert group["members"] == len(mine)
            assert group["mean_change"] == str((sum(mine) / len(mine)).quantize(CENT, ROUND_HALF_UP))
            assert group["lowest_change"] == str(min(mine).quantize(CENT, ROUND_HALF_UP))
    # The claims check states the same method: the sum of the years' percentages.
    union = data["positions"][0]
    claimed = sum(Decimal(y["percent_of_payroll"]) for y in union["years"])
    claim = f"{union['pass']}={claimed}%"
    assert "right by this method" in cli("-C", str(repo), "cost", "--claim", claim).out
