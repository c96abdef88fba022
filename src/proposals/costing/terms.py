"""Economic terms: what a pass proposes in numbers, one TOML file per economic article.

``terms/<party>/<article>.toml`` sits beside the article text and is recorded in the same commit
when that party passes the article, so every pass has its own costable position and ``git log``
shows how each side's money moved. ``terms/baseline/<article>.toml`` describes the contract in
force (the status quo); a party's file for an article replaces the status quo's for that article.

This module reads and checks the files only; it knows nothing of the repo or of git, so the
pass-recording path can check a party's terms before it writes anything.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from proposals.costing.money import ZERO, parse_amount
from proposals.errors import ProposalsError

TERMS_DIR = "terms"
STATUS_QUO = "baseline"  # terms/baseline/: the contract in force
MAX_TERMS_BYTES = 256 * 1024
YEAR_RE = re.compile(r"^\d{4}\Z")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")


@dataclass(frozen=True, slots=True)
class Change:
    """An across-the-board change to the full-time annual rate: a percentage or a flat amount."""

    year: str
    percent: Decimal
    flat: Decimal
    effective: date | None  # None: the start of the contract year
    classifications: frozenset[str] | None  # casefolded; None: everyone
    where: str


@dataclass(frozen=True, slots=True)
class Schedule:
    """Full-time annual rates by classification and step (step 1 first), and step movement."""

    steps: Mapping[str, tuple[Decimal, ...]]  # casefolded classification -> rates
    names: Mapping[str, str]  # casefolded -> as written
    step_movement: bool
    where: str
    from_article: bool = False  # the rates are the article's own table (text and numbers agree)


@dataclass(frozen=True, slots=True)
class LumpSum:
    year: str
    amount: Decimal
    per_fte: bool  # else per member
    classifications: frozenset[str] | None
    where: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Recurring:
    """What every recurring cost carries: the contract year it starts (None: every year), the
    classifications it covers (None: everyone) and the file and key it was read from."""

    from_year: str | None
    classifications: frozenset[str] | None = None
    where: str


@dataclass(frozen=True, slots=True)
class Differential(Recurring):
    """A premium (call, shift, extra shift): hours per FTE per year at a rate or a % of hourly pay."""

    name: str
    hours_per_fte: Decimal
    rate: Decimal
    percent: Decimal


@dataclass(frozen=True, slots=True)
class PaidTimeOff(Recurring):
    days_per_fte: Decimal


@dataclass(frozen=True, slots=True)
class ProtectedTime(Recurring):
    """Administrative time: hours a week per FTE, costed as lost clinical capacity or as backfill."""

    hours_per_week: Decimal
    backfill_rate: Decimal | None  # None: capacity at the member's own hourly rate


@dataclass(frozen=True, slots=True)
class Staffing(Recurring):
    """Positions outside the unit per clinician FTE (e.g. medical assistants), at a given wage.

    With ``classifications`` the ratio counts only those clinicians' FTE (1.6 assistants per
    physician, 1.2 per NP), so each classification can have its own ratio in its own table."""

    position: str
    per_clinician_fte: Decimal
    annual_wage: Decimal


@dataclass(frozen=True)
class Terms:
    """The economic terms of one article file, or of a whole position (files merged)."""

    changes: tuple[Change, ...] = ()
    schedule: Schedule | None = None
    lump_sums: tuple[LumpSum, ...] = ()
    differentials: tuple[Differential, ...] = ()
    pto: tuple[PaidTimeOff, ...] = ()
    protected_time: tuple[ProtectedTime, ...] = ()
    staffing: tuple[Staffing, ...] = ()
    files: tuple[str, ...] = field(default=())

    def years(self) -> set[str]:
        named = [c.year for c in self.changes] + [s.year for s in self.lump_sums]
        named += [x.from_year for x in (*self.differentials, *self.pto, *self.protected_time, *self.staffing)]
        return {y for y in named if y}

    def classifications(self) -> set[str]:
        items = (
            *self.changes,
            *self.lump_sums,
            *self.differentials,
            *self.pto,
            *self.protected_time,
            *self.staffing,
        )
        return {c for item in items if item.classifications for c in item.classifications}


def merge(files: Mapping[str, Terms]) -> Terms:
    """One position from its article files (in article order); two wage schedules are an error."""
    schedules = [t.schedule for t in files.values() if t.schedule is not None]
    if len(schedules) > 1:
        raise ProposalsError(
            f"two wage schedules in one position: {schedules[0].where} and {schedules[1].where}"
        )
    parts = list(files.values())
    return Terms(
        changes=tuple(c for t in parts for c in t.changes),
        schedule=schedules[0] if schedules else None,
        lump_sums=tuple(x for t in parts for x in t.lump_sums),
        differentials=tuple(x for t in parts for x in t.differentials),
        pto=tuple(x for t in parts for x in t.pto),
        protected_time=tuple(x for t in parts for x in t.protected_time),
        staffing=tuple(x for t in parts for x in t.staffing),
        files=tuple(f for t in parts for f in t.files),
    )


# -- reading ---------------------------------------------------------------------------------------


def parse_terms(data: bytes, name: str) -> Terms:
    """Terms from a file's bytes; a bad file is one line naming the file, and the line or the key."""
    if len(data) > MAX_TERMS_BYTES:
        raise ProposalsError(f"{name}: larger than 256 kB; terms are a few lines")
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProposalsError(f"{name}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProposalsError(f"{name}: {exc}") from None
    except RecursionError:
        raise ProposalsError(f"{name}: nested too deeply") from None
    return _Reader(name).terms(raw)


class _Reader:
    """Turns one parsed TOML document into Terms, naming the key of anything wrong."""

    KINDS = ("across_the_board", "schedule", "lump_sum", "differential", "pto", "protected_time", "staffing")

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, key: str, message: str) -> ProposalsError:
        return ProposalsError(f"{self.name}: {key}: {message}")

    def terms(self, raw: dict) -> Terms:
        for key in raw:
            if key not in self.KINDS:
                raise self.fail(key, f"unknown key; terms are {', '.join(self.KINDS)}")
        return Terms(
            changes=tuple(self.change(t, k) for k, t in self.tables(raw, "across_the_board")),
            schedule=self.schedule(raw["schedule"]) if "schedule" in raw else None,
            lump_sums=tuple(self.lump_sum(t, k) for k, t in self.tables(raw, "lump_sum")),
            differentials=tuple(self.differential(t, k) for k, t in self.tables(raw, "differential")),
            pto=tuple(self.pto(t, k) for k, t in self.tables(raw, "pto")),
            protected_time=tuple(self.protected(t, k) for k, t in self.tables(raw, "protected_time")),
            staffing=tuple(self.staffing(t, k) for k, t in self.tables(raw, "staffing")),
            files=(self.name,),
        )

    def tables(self, raw: dict, kind: str) -> list[tuple[str, dict]]:
        value = raw.get(kind, [])
        items = [value] if isinstance(value, dict) else value
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise self.fail(kind, "must be a table ([kind]) or tables ([[kind]])")
        return [(f"{kind}[{n}]" if len(items) > 1 else kind, i) for n, i in enumerate(items, 1)]

    def check_keys(self, table: dict, key: str, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for name in table:
            if name not in allowed:
                raise self.fail(
                    f"{key}.{name}", f"unknown key (expected one of {', '.join(sorted(allowed))})"
                )

    def number(
        self,
        table: dict,
        key: str,
        name: str,
        *,
        default: Decimal | None = None,
        minimum: Decimal | None = None,
    ) -> Decimal:
        if name not in table:
            if default is None:
                raise self.fail(f"{key}.{name}", "missing")
            return default
        value = parse_amount(table[name], f"{self.name}: {key}.{name}")
        if minimum is not None and value < minimum:
            raise self.fail(f"{key}.{name}", f"{value} is below {minimum}")
        return value

    def year(self, table: dict, key: str, name: str, required: bool) -> str | None:
        if name not in table:
            if required:
                raise self.fail(f"{key}.{name}", "missing (a contract year like 2025)")
            return None
        value = str(table[name])
        if not YEAR_RE.match(value):
            raise self.fail(f"{key}.{name}", f"{value[:20]!r} is not a contract year like 2025")
        return value

    def classes(self, table: dict, key: str) -> frozenset[str] | None:
        if "classifications" not in table:
            return None
        value = table["classifications"]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.fail(f"{key}.classifications", 'must be a list of names, e.g. ["physician"]')
        return frozenset(v.strip().casefold() for v in value)

    def recurring(self, table: dict, key: str) -> dict:
        """The fields of ``Recurring``: from_year (optional), classifications, where."""
        return {
            "from_year": self.year(table, key, "from_year", False),
            "classifications": self.classes(table, key),
            "where": f"{self.name} {key}",
        }

    def text(self, table: dict, key: str, name: str) -> str:
        value = table.get(name)
        if not isinstance(value, str) or not value.strip() or len(value) > 80 or not value.isprintable():
            raise self.fail(f"{key}.{name}", "needs a short one-line name")
        return value.strip()

    def change(self, t: dict, key: str) -> Change:
        self.check_keys(t, key, ("year", "percent", "flat", "effective", "classifications"))
        if ("percent" in t) == ("flat" in t):
            raise self.fail(key, "give either percent or flat (an annual amount per FTE)")
        year = self.year(t, key, "year", True)
        effective = None
        if "effective" in t:
            value = t["effective"]
            try:
                effective = value if isinstance(value, date) else date.fromisoformat(str(value))
            except ValueError:
                raise self.fail(
                    f"{key}.effective", f"{str(value)[:20]!r} is not a date (YYYY-MM-DD)"
                ) from None
        return Change(
            year=str(year),
            percent=self.number(t, key, "percent", default=ZERO, minimum=Decimal(-100)),
            flat=self.number(t, key, "flat", default=ZERO),
            effective=effective,
            classifications=self.classes(t, key),
            where=f"{self.name} {key}",
        )

    def schedule(self, t: object) -> Schedule:
        key = "schedule"
        if not isinstance(t, dict):
            raise self.fail(key, "must be a table")
        self.check_keys(t, key, ("step_movement", "steps", "from_article"))
        from_article = t.get("from_article", False)
        if not isinstance(from_article, bool):
            raise self.fail(f"{key}.from_article", "must be true or false")
        steps = t.get("steps", {} if from_article else None)
        if not isinstance(steps, dict) or not (steps or from_article):
            raise self.fail(
                f"{key}.steps", "needs a rate list per classification, e.g. physician = [250000, 257500]"
            )
        rates: dict[str, tuple[Decimal, ...]] = {}
        names: dict[str, str] = {}
        for name, values in steps.items():
            where = f"{key}.steps.{name}"
            if not isinstance(values, list) or not values:
                raise self.fail(where, "needs a list of annual rates, step 1 first")
            rates[name.casefold()] = tuple(parse_amount(v, f"{self.name}: {where}") for v in values)
            if any(r < 0 for r in rates[name.casefold()]):
                raise self.fail(where, "a rate is negative")
            names[name.casefold()] = name
        movement = t.get("step_movement", True)
        if not isinstance(movement, bool):
            raise self.fail(f"{key}.step_movement", "must be true or false")
        return Schedule(rates, names, movement, f"{self.name} {key}", from_article)

    def lump_sum(self, t: dict, key: str) -> LumpSum:
        self.check_keys(t, key, ("year", "amount", "per", "classifications"))
        per = t.get("per", "fte")
        if per not in ("fte", "member"):
            raise self.fail(f"{key}.per", 'must be "fte" or "member"')
        return LumpSum(
            str(self.year(t, key, "year", True)),
            self.number(t, key, "amount"),
            per == "fte",
            self.classes(t, key),
            f"{self.name} {key}",
        )

    def differential(self, t: dict, key: str) -> Differential:
        self.check_keys(t, key, ("name", "hours_per_fte", "rate", "percent", "from_year", "classifications"))
        if ("rate" in t) == ("percent" in t):
            raise self.fail(key, "give either rate (per hour) or percent (of the hourly rate)")
        return Differential(
            self.text(t, key, "name"),
            self.number(t, key, "hours_per_fte", minimum=ZERO),
            self.number(t, key, "rate", default=ZERO),
            self.number(t, key, "percent", default=ZERO),
            **self.recurring(t, key),
        )

    def pto(self, t: dict, key: str) -> PaidTimeOff:
        self.check_keys(t, key, ("days_per_fte", "from_year", "classifications"))
        return PaidTimeOff(
            self.number(t, key, "days_per_fte", minimum=ZERO),
            **self.recurring(t, key),
        )

    def protected(self, t: dict, key: str) -> ProtectedTime:
        self.check_keys(
            t, key, ("hours_per_week", "cost_as", "backfill_rate", "from_year", "classifications")
        )
        cost_as = t.get("cost_as", "capacity")
        if cost_as not in ("capacity", "backfill"):
            raise self.fail(f"{key}.cost_as", 'must be "capacity" or "backfill"')
        if cost_as == "backfill" and "backfill_rate" not in t:
            raise self.fail(f"{key}.backfill_rate", "missing (the hourly cost of backfill)")
        return ProtectedTime(
            self.number(t, key, "hours_per_week", minimum=ZERO),
            self.number(t, key, "backfill_rate", minimum=ZERO) if cost_as == "backfill" else None,
            **self.recurring(t, key),
        )

    def staffing(self, t: dict, key: str) -> Staffing:
        self.check_keys(
            t, key, ("position", "per_clinician_fte", "annual_wage", "from_year", "classifications")
        )
        return Staffing(
            self.text(t, key, "position"),
            self.number(t, key, "per_clinician_fte", minimum=ZERO),
            self.number(t, key, "annual_wage", minimum=ZERO),
            **self.recurring(t, key),
        )


# -- files in the working tree ---------------------------------------------------------------------


def terms_relpath(party: str, article_id: str) -> str:
    return f"{TERMS_DIR}/{party}/{article_id}.toml"


def terms_article(path: str) -> tuple[str, str] | None:
    """(party, article id) of ``terms/<party>/<id>.toml``; None for any other path."""
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != TERMS_DIR or not parts[2].endswith(".toml"):
        return None
    party, article_id = parts[1], parts[2][: -len(".toml")]
    return (party, article_id) if ID_RE.match(party) and ID_RE.match(article_id) else None


def _plain(root: Path, relpath: str) -> Path | None:
    """The file if it is a plain file inside the repo; a symlink anywhere on the way is refused."""
    path = root
    for part in relpath.split("/"):
        path = path / part
        if path.is_symlink():
            raise ProposalsError(f"{relpath}: a symbolic link; terms must be plain files in the repo")
    return path if path.is_file() else None


def read_working_terms(root: Path, party: str, ids: Iterable[str] | None = None) -> dict[str, Terms]:
    """A party's terms files in the working tree (all of them, or those of ``ids``), checked."""
    folder = root / TERMS_DIR / party
    if ids is None:
        if (root / TERMS_DIR).is_symlink() or folder.is_symlink():
            raise ProposalsError(f"{TERMS_DIR}/{party}: a symbolic link; terms must be plain files")
        ids = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
    out: dict[str, Terms] = {}
    for article_id in ids:
        if not ID_RE.match(article_id):
            continue
        relpath = terms_relpath(party, article_id)
        path = _plain(root, relpath)
        if path is not None:
            out[article_id] = parse_terms(path.read_bytes(), relpath)
    return out


def staged_terms(root: Path, party: str, texts: Mapping[str, str]) -> list[str]:
    """The terms files that travel with a pass of ``texts`` (id -> the text recorded) by ``party``:
    checked now, against the article's wage table too, before the pass writes anything."""
    from proposals.costing.scales import reconcile  # scales builds on this module

    files = read_working_terms(root, party, list(texts))
    for article_id, terms in files.items():
        reconcile(terms, texts[article_id], f"articles/{article_id}.txt")
    return [terms_relpath(party, i) for i in files]
