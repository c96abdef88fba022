"""One position costed against the status quo, per contract year, over a roster.

The method (the README states it as formulas): for each member and year, earnings per FTE are
``A*r + B`` (``scales``); pay items are money paid (wages, lump sums, differentials, backfill,
staffing) and cost the position's amount minus the status quo's, plus the roll-up; capacity items
(paid time off, protected time costed as capacity) cost the *added* days or hours at the
position's own daily or hourly rate, with no roll-up (no new money is paid, capacity is lost).
Per-member sums use ``A*r + B`` directly; totals sum ``FTE*r`` by classification once, so the work
is a few Decimal operations per member and position.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from proposals.costing.money import HUNDRED, ZERO, cents, percent
from proposals.costing.roster import Member, Roster
from proposals.costing.scales import Basis, applies, schedule_rates, yearly_maps
from proposals.costing.terms import Terms
from proposals.errors import ProposalsError

COMPONENTS = ("wages", "lump_sums", "differentials", "pto", "protected_time", "staffing")
WEEKS = Decimal(52)


@dataclass(frozen=True)
class Position:
    """What one side proposes in numbers: the status quo with its own article files on top."""

    party: str  # union | employer | baseline
    label: str  # U-12, E-9, draft, status quo
    session: str
    terms: Terms


@dataclass
class YearCost:
    year: str
    cost: Decimal  # rounded to the cent
    percent_of_payroll: Decimal
    components: dict[str, Decimal]  # rounded to the cent
    payroll: Decimal  # the status quo's loaded payroll (pay plus roll-up), to the cent
    one_percent: Decimal  # what 1% of that payroll costs


@dataclass
class Group:
    """Members of one classification or clinic: how many gain, lose, and by how much (term)."""

    name: str
    members: int = 0
    gaining: int = 0
    losing: int = 0
    total: Decimal = ZERO
    lowest: Decimal | None = None
    highest: Decimal | None = None

    @classmethod
    def of(cls, name: str, changes: list[Decimal]) -> Group:
        """The group of these members' changes (built-ins over a list: 60,000 members fast)."""
        return cls(
            name,
            len(changes),
            sum(1 for c in changes if c > 0),
            sum(1 for c in changes if c < 0),
            sum(changes, ZERO),
            min(changes, default=None),
            max(changes, default=None),
        )

    @property
    def mean(self) -> Decimal:
        return self.total / self.members if self.members else ZERO


@dataclass
class Costing:
    position: Position
    years: list[YearCost]
    total: Decimal
    members_gaining: int
    members_losing: int
    changes: list[Decimal]  # per member (roster order), their pay change over the term, unrounded
    by_classification: dict[str, Group] = field(default_factory=dict)
    by_clinic: dict[str, Group] = field(default_factory=dict)

    @property
    def total_percent(self) -> Decimal:
        """The package value by this method: the sum of the years' percentages of payroll."""
        return sum((y.percent_of_payroll for y in self.years), ZERO)


@dataclass
class _Coefficients:
    """Per classification and year: a member's amount is ``FTE*(alpha*r + beta) + gamma``."""

    alpha: list[Decimal]
    beta: list[Decimal]
    gamma: list[Decimal]


def _zeros(n: int) -> list[Decimal]:
    return [ZERO] * n


def _active(from_year: str | None, year: str) -> bool:
    return from_year is None or year >= from_year


class _Side:
    """One set of terms over the roster: the rates, and the coefficients of each item."""

    def __init__(self, terms: Terms, label: str, basis: Basis, kinds: set[str]) -> None:
        self.terms, self.label, self.basis = terms, label, basis
        n = len(basis.years)
        self.maps = {k: yearly_maps(terms.changes, basis, k) for k in kinds}
        self.wages = {
            k: _Coefficients([m[0] for m in v], [m[1] for m in v], _zeros(n)) for k, v in self.maps.items()
        }
        self.lumps = {k: _Coefficients(_zeros(n), _zeros(n), _zeros(n)) for k in kinds}
        self.diffs = {k: _Coefficients(_zeros(n), _zeros(n), _zeros(n)) for k in kinds}
        self.backfill = {k: _zeros(n) for k in kinds}  # per FTE, money
        self.pto_days = {k: _zeros(n) for k in kinds}
        self.capacity_hours = {k: _zeros(n) for k in kinds}
        for k in kinds:
            for i, year in enumerate(basis.years):  # lump sums in their year, the rest from theirs on
                a, b = self.maps[k][i]
                for lump in terms.lump_sums:
                    if lump.year == year and applies(lump.classifications, k):
                        if lump.per_fte:
                            self.lumps[k].beta[i] += lump.amount
                        else:
                            self.lumps[k].gamma[i] += lump.amount
                for d in terms.differentials:
                    if _active(d.from_year, year) and applies(d.classifications, k):
                        share = d.hours_per_fte * d.percent / HUNDRED / basis.hours
                        self.diffs[k].alpha[i] += share * a
                        self.diffs[k].beta[i] += share * b + d.hours_per_fte * d.rate
                for p in terms.pto:
                    if _active(p.from_year, year) and applies(p.classifications, k):
                        self.pto_days[k][i] += p.days_per_fte
                for t in terms.protected_time:
                    if _active(t.from_year, year) and applies(t.classifications, k):
                        hours = t.hours_per_week * WEEKS
                        if t.backfill_rate is None:
                            self.capacity_hours[k][i] += hours
                        else:
                            self.backfill[k][i] += hours * t.backfill_rate
        self._cache: dict[tuple[str, int], tuple[Decimal, ...]] = {}

    def step_of(self, m: Member) -> int | None:
        """The member's step on this side's schedule: as the roster gives it, or from years of
        service (step 1 in the first year, a step a year, the top step at most)."""
        if m.step is not None or m.service is None:
            return m.step
        steps = self.terms.schedule.steps.get(m.kind) if self.terms.schedule is not None else None
        return min(m.service + 1, len(steps)) if steps else m.service + 1

    def rates(self, m: Member) -> tuple[Decimal, ...] | Decimal:
        """The member's full-time rate: one Decimal for every year, or one per year (schedule)."""
        schedule = self.terms.schedule
        step = self.step_of(m)
        if schedule is not None and step is not None:
            key = (m.kind, step)
            if key not in self._cache:
                if m.kind not in schedule.steps:
                    known = ", ".join(schedule.names.values())
                    raise ProposalsError(
                        f"member {m.id}: unknown classification {m.classification!r} "
                        f"(the schedule of {self.label} has {known})"
                    )
                try:
                    self._cache[key] = schedule_rates(schedule, m.kind, step, len(self.basis.years))
                except ProposalsError as exc:
                    raise ProposalsError(f"member {m.id}: {exc}") from None
            return self._cache[key]
        if m.base_pay is None:
            raise ProposalsError(
                f"member {m.id} has no base pay and {self.label} has no wage schedule to place them on"
            )
        return m.base_pay

    def staffing_cost(self, year: str, fte: Mapping[str, Decimal]) -> Decimal:
        """Each position's ratio times the FTE of the clinicians it serves, at its wage."""
        return sum(
            (
                s.per_clinician_fte
                * sum((f for k, f in fte.items() if applies(s.classifications, k)), ZERO)
                * s.annual_wage
                for s in self.terms.staffing
                if _active(s.from_year, year)
            ),
            ZERO,
        )


def _weighted(coefficients: _Coefficients, i: int, fr: Decimal, f: Decimal, n: int) -> Decimal:
    return coefficients.alpha[i] * fr + coefficients.beta[i] * f + coefficients.gamma[i] * n


class _Money:
    """One side's money per member over the term (wages, lump sums, differentials and, for the
    position, added PTO at the member's daily rate), gathering ``FTE*rate`` sums for the totals.

    Per classification the term folds into ``FTE*(SA*r + SB) + G`` for a base-paid member, and
    into one cached figure per FTE for each schedule step: two Decimal products per member.
    """

    def __init__(self, side: _Side, basis: Basis, extra_pto: dict[str, list[Decimal]] | None) -> None:
        self.side, self.n = side, len(basis.years)
        self.a: dict[str, list[Decimal]] = {}
        self.b: dict[str, list[Decimal]] = {}
        self.sa: dict[str, Decimal] = {}
        self.sb: dict[str, Decimal] = {}
        self.g: dict[str, Decimal] = {}
        for k, w in side.wages.items():
            lumps, diffs = side.lumps[k], side.diffs[k]
            a = [w.alpha[i] + lumps.alpha[i] + diffs.alpha[i] for i in range(self.n)]
            b = [w.beta[i] + lumps.beta[i] + diffs.beta[i] for i in range(self.n)]
            if extra_pto is not None:  # added paid days off are worth the member's daily rate
                for i, days in enumerate(extra_pto[k]):
                    a[i] += days * w.alpha[i] / basis.workdays
                    b[i] += days * w.beta[i] / basis.workdays
            self.a[k], self.b[k] = a, b
            self.sa[k], self.sb[k] = sum(a, ZERO), sum(b, ZERO)
            self.g[k] = sum(w.gamma, ZERO) + sum(lumps.gamma, ZERO) + sum(diffs.gamma, ZERO)
        self.unit: dict[tuple[str, int], Decimal] = {}
        self.base_fr: dict[str, Decimal] = defaultdict(Decimal)
        self.step_fte: dict[tuple[str, int], Decimal] = defaultdict(Decimal)

    def of(self, m: Member, k: str) -> Decimal:
        fte = m.fte
        step = m.step if m.service is None else self.side.step_of(m)
        if self.side.terms.schedule is not None and step is not None:
            key = (k, step)
            unit = self.unit.get(key)
            if unit is None:
                rates = self.side.rates(m)
                assert not isinstance(rates, Decimal)
                unit = self.unit[key] = sum(
                    (a * r + b for a, r, b in zip(self.a[k], rates, self.b[k], strict=True)), ZERO
                )
            self.step_fte[key] += fte
            return fte * unit + self.g[k]
        rate = m.base_pay if m.base_pay is not None else self.side.rates(m)
        assert isinstance(rate, Decimal)
        self.base_fr[k] += fte * rate
        return fte * (rate * self.sa[k] + self.sb[k]) + self.g[k]

    def fte_rates(self, kinds: set[str]) -> dict[str, list[Decimal]]:
        """Per classification and year, the sum of ``FTE*rate`` over the members seen."""
        out = {k: [self.base_fr[k]] * self.n for k in kinds}
        for (k, step), fte in self.step_fte.items():
            rates = self.side._cache[(k, step)]
            row = out[k]
            for i in range(self.n):
                row[i] += fte * rates[i]
        return out


def cost_position(position: Position, status_quo: Terms, roster: Roster, basis: Basis) -> Costing:
    """The cost of ``position`` against ``status_quo`` for every contract year of ``basis``."""
    kinds = roster.classifications()
    for terms in (position.terms, status_quo):
        for name in sorted(terms.classifications() - kinds):
            where = next(
                (
                    item.where
                    for item in (
                        *terms.changes,
                        *terms.lump_sums,
                        *terms.differentials,
                        *terms.pto,
                        *terms.protected_time,
                        *terms.staffing,
                    )
                    if item.classifications and name in item.classifications
                ),
                position.label,
            )
            raise ProposalsError(f"{where}: unknown classification {name!r} (not in the roster)")
    ours = _Side(position.terms, position.label, basis, kinds)
    sq = _Side(status_quo, "the status quo", basis, kinds)
    n = len(basis.years)
    extra_pto = {k: [ours.pto_days[k][i] - sq.pto_days[k][i] for i in range(n)] for k in kinds}
    money_o, money_s = _Money(ours, basis, extra_pto), _Money(sq, basis, None)
    f_sum: dict[str, Decimal] = defaultdict(Decimal)
    count: dict[str, int] = defaultdict(int)
    changes: list[Decimal] = []
    class_changes: dict[str, list[Decimal]] = defaultdict(list)
    clinic_changes: dict[str, list[Decimal]] = defaultdict(list)
    folded: dict[str, str] = {}
    for m in roster.members:
        k = folded.get(m.classification)
        if k is None:
            k = folded[m.classification] = m.kind
        f_sum[k] += m.fte
        count[k] += 1
        change = money_o.of(m, k) - money_s.of(m, k)
        changes.append(change)
        class_changes[m.classification].append(change)
        clinic_changes[m.clinic or "(no clinic)"].append(change)
    by_class = {name: Group.of(name, values) for name, values in class_changes.items()}
    by_clinic = {name: Group.of(name, values) for name, values in clinic_changes.items()}
    fr_ours, fr_sq = money_o.fte_rates(kinds), money_s.fte_rates(kinds)

    loaded = 1 + basis.rollup
    years: list[YearCost] = []
    for i, year in enumerate(basis.years):
        parts = dict.fromkeys(COMPONENTS, ZERO)
        payroll = ZERO
        for k in kinds:
            fo, fs, f, c = fr_ours[k][i], fr_sq[k][i], f_sum[k], count[k]
            payroll += _weighted(sq.wages[k], i, fs, f, c)
            parts["wages"] += _weighted(ours.wages[k], i, fo, f, c) - _weighted(sq.wages[k], i, fs, f, c)
            parts["lump_sums"] += _weighted(ours.lumps[k], i, fo, f, c) - _weighted(sq.lumps[k], i, fs, f, c)
            parts["differentials"] += _weighted(ours.diffs[k], i, fo, f, c) - _weighted(
                sq.diffs[k], i, fs, f, c
            )
            earnings = _weighted(ours.wages[k], i, fo, f, c)  # the position's own pay: values capacity
            parts["pto"] += (ours.pto_days[k][i] - sq.pto_days[k][i]) * earnings / basis.workdays
            hours = ours.capacity_hours[k][i] - sq.capacity_hours[k][i]
            parts["protected_time"] += hours * earnings / basis.hours
            parts["protected_time"] += (ours.backfill[k][i] - sq.backfill[k][i]) * f * loaded
        for name in ("wages", "lump_sums", "differentials"):
            parts[name] *= loaded
        parts["staffing"] = (ours.staffing_cost(year, f_sum) - sq.staffing_cost(year, f_sum)) * loaded
        cost = cents(sum(parts.values(), ZERO))
        loaded_payroll = payroll * loaded
        years.append(
            YearCost(
                year=year,
                cost=cost,
                percent_of_payroll=percent(cost, loaded_payroll),
                components={name: cents(v) for name, v in parts.items()},
                payroll=cents(loaded_payroll),
                one_percent=cents(loaded_payroll / HUNDRED),
            )
        )
    return Costing(
        position=position,
        years=years,
        total=sum((y.cost for y in years), ZERO),
        members_gaining=sum(1 for c in changes if c > 0),
        members_losing=sum(1 for c in changes if c < 0),
        changes=changes,
        by_classification=dict(sorted(by_class.items())),
        by_clinic=dict(sorted(by_clinic.items())),
    )


@dataclass(frozen=True)
class MemberYear:
    year: str
    status_quo: Decimal  # money paid, to the cent
    proposed: Decimal
    change: Decimal


def cost_member(position: Position, status_quo: Terms, member: Member, basis: Basis) -> list[MemberYear]:
    """What the position means for one member, year by year: money paid (wages, lump sums,
    differentials), against the status quo; no roll-up, which is the employer's cost."""
    kinds = {member.kind}
    ours = _Side(position.terms, position.label, basis, kinds)
    sq = _Side(status_quo, "the status quo", basis, kinds)
    out: list[MemberYear] = []
    for i, year in enumerate(basis.years):
        amounts = []
        for side in (sq, ours):
            rate = side.rates(member)
            r = rate if isinstance(rate, Decimal) else rate[i]
            amounts.append(
                sum(
                    (
                        member.fte * (c.alpha[i] * r + c.beta[i]) + c.gamma[i]
                        for c in (side.wages[member.kind], side.lumps[member.kind], side.diffs[member.kind])
                    ),
                    ZERO,
                )
            )
        out.append(
            MemberYear(year, cents(amounts[0]), cents(amounts[1]), cents(amounts[1]) - cents(amounts[0]))
        )
    return out


def difference(first: Costing, second: Costing) -> list[tuple[str, Decimal]]:
    """First minus second, year by year (both costed over the same years)."""
    return [(a.year, a.cost - b.cost) for a, b in zip(first.years, second.years, strict=True)]


def years_of(terms: Sequence[Terms]) -> tuple[str, ...]:
    """The contract years the terms name, first to last (every year between included)."""
    named = sorted({y for t in terms for y in t.years()})
    if not named:
        return ()
    return tuple(str(y) for y in range(int(named[0]), int(named[-1]) + 1))
