"""Contract years, wage schedules and pay changes: how a full-time rate moves year by year.

Every across-the-board change maps a full-time annual rate ``r`` to ``a*r + b`` (a percentage
scales both, a flat amount adds to ``b``), so a year's earnings per FTE, with mid-year changes
annualised by the days each rate was in force, are ``A*r + B`` for the year's ``(A, B)``. The rate
``r`` is the member's base pay, or their schedule rate at their step that year. This is what lets a
60,000-member roster be costed with a few Decimal operations per member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from proposals.contract.table import blocks
from proposals.costing.money import HUNDRED, ZERO, parse_amount
from proposals.costing.terms import Change, Schedule, Terms
from proposals.errors import ProposalsError

ONE = Decimal(1)


@dataclass(frozen=True)
class Basis:
    """The costing method's settings: which years, when they start, and what follows pay."""

    years: tuple[str, ...]
    year_start: tuple[int, int] = (1, 1)  # month, day: contract years start on this day
    rollup: Decimal = ZERO  # fraction added to pay-following costs (payroll taxes, retirement)
    workdays: Decimal = Decimal(260)  # a year's working days: the daily rate is pay / workdays
    hours: Decimal = Decimal(2080)  # a year's hours: the hourly rate is pay / hours

    def span(self, year: str) -> tuple[date, date]:
        """The contract year's first day and the first day of the next."""
        month, day = self.year_start
        start = int(year)
        return date(start, month, day), date(start + 1, month, day)

    def describe(self) -> str:
        month, day = self.year_start
        return (
            f"status quo (terms/baseline, else pay held); contract years {self.years[0]}-{self.years[-1]} "
            f"from {month:02d}-{day:02d}; roll-up {self.rollup * HUNDRED:.2f}% on pay; "
            f"{self.workdays} workdays, {self.hours} hours a year"
        )


def year_range(text: str) -> tuple[str, ...]:
    """``2025-2028`` or ``2025`` as contract year labels."""
    first, _, last = text.partition("-")
    if not (first.isdigit() and len(first) == 4 and (not last or (last.isdigit() and len(last) == 4))):
        raise ProposalsError(f"invalid years {text!r}: use 2025-2028")
    lo, hi = int(first), int(last or first)
    if hi < lo or hi - lo > 30:
        raise ProposalsError(f"invalid years {text!r}: a term of 1 to 30 years, first year first")
    return tuple(str(y) for y in range(lo, hi + 1))


def applies(classifications: frozenset[str] | None, classification: str) -> bool:
    return classifications is None or classification in classifications


def yearly_maps(
    changes: Sequence[Change], basis: Basis, classification: str
) -> list[tuple[Decimal, Decimal]]:
    """Per contract year, ``(A, B)``: that year's earnings per FTE are ``A*r + B`` for a starting
    full-time rate ``r``. Changes before the first year are part of ``r``; after the last, unseen."""
    a, b = ONE, ZERO
    out: list[tuple[Decimal, Decimal]] = []
    for year in basis.years:
        start, end = basis.span(year)
        days = Decimal((end - start).days)
        mine = [c for c in changes if c.year == year and applies(c.classifications, classification)]
        for change in mine:
            if change.effective is not None and not start <= change.effective < end:
                raise ProposalsError(
                    f"{change.where}: effective {change.effective} is outside contract year {year} "
                    f"({start} to {end})"
                )
        mine.sort(key=lambda c: c.effective or start)
        year_a, year_b, cursor = ZERO, ZERO, start
        for change in mine:
            effective = change.effective or start
            share = Decimal((effective - cursor).days) / days
            year_a += share * a
            year_b += share * b
            cursor = effective
            factor = ONE + change.percent / HUNDRED
            a, b = a * factor, b * factor + change.flat
        share = Decimal((end - cursor).days) / days
        out.append((year_a + share * a, year_b + share * b))
    return out


def schedule_rates(schedule: Schedule, classification: str, step: int, count: int) -> tuple[Decimal, ...]:
    """A member's full-time schedule rate in each of ``count`` years (moving a step a year if the
    schedule says so, stopping at the top step)."""
    rates = schedule.steps[classification]
    if not 1 <= step <= len(rates):
        raise ProposalsError(
            f"step {step} is outside the {schedule.names[classification]} schedule "
            f"(steps 1-{len(rates)}, {schedule.where})"
        )
    move = 1 if schedule.step_movement else 0
    return tuple(rates[min(step - 1 + i * move, len(rates) - 1)] for i in range(count))


def table_schedule(text: str, where: str) -> dict[str, tuple[str, tuple[Decimal, ...]]] | None:
    """The article's wage table (``| Classification | Step 1 | Step 2 | ...``), by casefolded
    classification: (name as written, rates); None when the text has no such table."""
    for _, _, table in blocks(text.splitlines()):
        if table is None or not table.header or len(table.rows[0]) < 2:
            continue
        head = [c.casefold() for c in table.rows[0]]
        if head[0] != "classification" or not all(c.startswith("step") for c in head[1:]):
            continue
        out: dict[str, tuple[str, tuple[Decimal, ...]]] = {}
        for row in table.rows[1:]:
            cells = [c for c in row[1:] if c.strip()]
            rates = tuple(parse_amount(c, f"{where}: the {row[0]} row") for c in cells)
            out[row[0].strip().casefold()] = (row[0].strip(), rates)
        return out
    return None


def reconcile(terms: Terms, text: str | None, where: str) -> Terms:
    """A schedule in the terms and the wage table in the article's text must agree: a schedule with
    ``from_article = true`` takes the table's rates; any other schedule is checked against it."""
    schedule = terms.schedule
    if schedule is None:
        return terms
    table = table_schedule(text, where) if text is not None else None
    if table is None:
        if schedule.from_article:
            raise ProposalsError(
                f"{schedule.where}: from_article, but {where} has no wage table "
                "(| Classification | Step 1 | ... |)"
            )
        return terms
    if schedule.from_article:
        steps = {k: rates for k, (_, rates) in table.items()}
        names = {k: name for k, (name, _) in table.items()}
        return replace(terms, schedule=replace(schedule, steps=steps, names=names))
    for key in sorted(set(table) | set(schedule.steps)):
        ours = schedule.steps.get(key)
        theirs = table.get(key, ("", None))[1]
        if ours != theirs:
            name = schedule.names.get(key) or table[key][0]
            raise ProposalsError(
                f"{schedule.where} disagrees with the wage table in {where} on {name}: "
                f"{_rates(ours)} in the terms, {_rates(theirs)} in the text"
            )
    return terms


def _rates(rates: tuple[Decimal, ...] | None) -> str:
    return "no row" if rates is None else ", ".join(f"{r:,.2f}" for r in rates)
