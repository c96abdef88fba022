"""Properties of the costing model: 0% costs 0, costs add over members, and the roster's order
does not matter."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.costing.model import Position, cost_position
from proposals.costing.roster import Member, Roster
from proposals.costing.scales import Basis
from proposals.costing.terms import Terms, merge, parse_terms

KINDS = ("physician", "NP", "PA")
BASIS = Basis(("2025", "2026", "2027"), rollup=Decimal("0.0765"))

members = st.lists(
    st.builds(
        Member,
        id=st.uuids().map(lambda u: u.hex[:12]),
        classification=st.sampled_from(KINDS),
        fte=st.decimals(min_value="0.1", max_value="1.0", places=2),
        base_pay=st.decimals(min_value="50000", max_value="400000", places=2),
        step=st.none(),
        clinic=st.sampled_from(("North", "South", "East")),
        hire_date=st.just(""),
    ),
    min_size=1,
    max_size=12,
    unique_by=lambda m: m.id,
)
percent = st.decimals(min_value="-10", max_value="10", places=2)


def terms_text(p1: Decimal, p2: Decimal, days: int, lump: Decimal) -> str:
    return (
        f"[[across_the_board]]\nyear = 2025\npercent = {p1}\n"
        f"[[across_the_board]]\nyear = 2026\npercent = {p2}\neffective = 2026-07-01\n"
        f"[pto]\ndays_per_fte = {days}\nfrom_year = 2027\n"
        f'[[lump_sum]]\nyear = 2025\namount = {lump}\nper = "member"\n'
    )


def position(text: str) -> Position:
    return Position("union", "U-1", "", merge({"wages": parse_terms(text.encode(), "wages.toml")}))


@settings(max_examples=40, deadline=None)
@given(members)
def test_no_change_costs_nothing(roster: list[Member]) -> None:
    costing = cost_position(
        position(terms_text(Decimal(0), Decimal(0), 0, Decimal(0))), Terms(), Roster(tuple(roster)), BASIS
    )
    assert all(y.cost == 0 for y in costing.years)
    assert costing.members_gaining == costing.members_losing == 0


@settings(max_examples=40, deadline=None)
@given(
    members,
    members,
    percent,
    percent,
    st.integers(0, 10),
    st.decimals(min_value="0", max_value="5000", places=2),
)
def test_costs_add_over_members_and_years(
    first: list[Member], second: list[Member], p1: Decimal, p2: Decimal, days: int, lump: Decimal
) -> None:
    second = [m for m in second if m.id not in {f.id for f in first}]
    p = position(terms_text(p1, p2, days, lump))
    whole = cost_position(p, Terms(), Roster(tuple(first + second)), BASIS)
    parts = [cost_position(p, Terms(), Roster(tuple(r)), BASIS) for r in (first, second) if r]
    for i, year in enumerate(whole.years):
        # Each year is rounded once, so the parts may differ from the whole by a cent each.
        assert abs(year.cost - sum(c.years[i].cost for c in parts)) <= Decimal("0.01") * len(parts)
    assert whole.total == sum(y.cost for y in whole.years)
    reordered = cost_position(p, Terms(), Roster(tuple(reversed(first + second))), BASIS)
    assert [y.cost for y in reordered.years] == [y.cost for y in whole.years]
    assert whole.members_gaining + whole.members_losing <= len(first) + len(second)
