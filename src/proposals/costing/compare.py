"""Positions read from the negotiation, costed side by side, and claims checked against them.

A party's position at a pass is its ``terms/<party>/*.toml`` as committed by that pass (each file
replacing the status quo's file of the same article); ``draft`` is our working tree. The roster and
the costing settings are the team's: the roster in ``.git/proposals/``, the method in
``terms/costing.toml``. This is the one path the CLI and the TUI call.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from proposals.costing.model import (
    COMPONENTS,
    Costing,
    MemberYear,
    Position,
    cost_member,
    cost_position,
    difference,
    years_of,
)
from proposals.costing.money import HUNDRED, ZERO, parse_amount, percent
from proposals.costing.roster import ROSTER_NAME, Roster, dump_roster, load_roster, read_roster_file
from proposals.costing.scales import Basis, reconcile, year_range
from proposals.costing.terms import (
    ID_RE,
    STATUS_QUO,
    TERMS_DIR,
    Terms,
    merge,
    parse_terms,
    read_working_terms,
)
from proposals.errors import ProposalsError
from proposals.negotiation.config import PARTIES
from proposals.negotiation.drafts import atomic_write
from proposals.negotiation.repo import BargainingRepo

SETTINGS = f"{TERMS_DIR}/costing.toml"
DRAFT = "draft"
CLAIM_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]{0,39})\s*=\s*(-?\d+(?:\.\d+)?)\s*%?\s*\Z")


def private_dir(repo: BargainingRepo) -> Path:
    """``.git/proposals/``: inside git's own folder, so it is never committed, pushed or published."""
    return repo.git_dir / "proposals"


def import_roster(repo: BargainingRepo, source: Path, mapping: dict[str, str] | None = None) -> Roster:
    """Check every row of ``source``, then keep the roster privately (readable by this user only)."""
    roster = read_roster_file(source, mapping)
    save_roster(repo, roster)
    return roster


def save_roster(repo: BargainingRepo, roster: Roster) -> None:
    folder = private_dir(repo)
    folder.mkdir(mode=0o700, exist_ok=True)
    atomic_write(folder / ROSTER_NAME, dump_roster(roster))
    os.chmod(folder / ROSTER_NAME, 0o600)


def roster_of(repo: BargainingRepo) -> Roster:
    return load_roster(private_dir(repo))


# -- positions -------------------------------------------------------------------------------------


def status_quo(repo: BargainingRepo) -> Terms:
    return merge(read_working_terms(repo.root, STATUS_QUO))


def _with_status_quo(repo: BargainingRepo, files: dict[str, Terms]) -> Terms:
    merged = read_working_terms(repo.root, STATUS_QUO)
    merged.update(files)
    return merge(merged)


def terms_at(repo: BargainingRepo, party: str, commit: str) -> dict[str, Terms]:
    """A party's article terms files as committed at ``commit``."""
    paths = [p for p in repo.store.list_files(commit, f"{TERMS_DIR}/{party}") if p.endswith(".toml")]
    blobs = repo.store.read_blobs([(commit, p) for p in paths])
    out = {
        Path(p).stem: parse_terms(data, f"{p} at {commit[:10]}")
        for p, data in zip(paths, blobs, strict=True)
        if data is not None
    }
    for article_id, terms in out.items():
        if terms.schedule is not None:
            text = repo.text_at_commit(article_id, commit) if ID_RE.match(article_id) else None
            out[article_id] = reconcile(terms, text, f"articles/{article_id}.txt at {commit[:10]}")
    return out


def position(repo: BargainingRepo, name: str) -> Position:
    """A pass's position (``E-9``), a party's latest (``union``), or our working tree (``draft``)."""
    if name == DRAFT:
        files = read_working_terms(repo.root, "union")
        for article_id, terms in files.items():
            if terms.schedule is not None:
                text = repo.read_draft(article_id)
                files[article_id] = reconcile(terms, text, f"articles/{article_id}.txt")
        if not files:
            raise ProposalsError("no draft terms: write terms/union/<article>.toml first")
        return Position("union", DRAFT, "", _with_status_quo(repo, files))
    history = repo.history()
    if name in PARTIES:
        record = next((p for p in reversed(history.passes) if p.party == name), None)
        if record is None:
            raise ProposalsError(f"the {name} has made no pass yet")
    else:
        record = history.pass_named(name)
        if record is None:
            raise ProposalsError(f"no pass {name[:40]!r}")
    files = terms_at(repo, record.party, record.commit)
    if not files:
        raise ProposalsError(
            f"pass {record.name} carries no costing terms (terms/{record.party}/<article>.toml)"
        )
    return Position(record.party, record.name, record.session, _with_status_quo(repo, files))


def latest_positions(repo: BargainingRepo) -> list[Position]:
    """Each party's latest pass that carries terms, union first."""
    out = []
    history = repo.history()
    for party in PARTIES:
        for record in reversed(history.passes):
            if record.party == party and terms_at(repo, party, record.commit):
                out.append(position(repo, record.name))
                break
    if not out:
        raise ProposalsError(
            "no pass carries costing terms yet: write terms/<party>/<article>.toml and record a pass"
        )
    return out


# -- the method ------------------------------------------------------------------------------------


def basis_for(
    repo: BargainingRepo, positions: list[Position], years: str | None = None, rollup: str | None = None
) -> Basis:
    """The costing settings: the command line, else ``terms/costing.toml``, else what the terms name."""
    path = repo.root / SETTINGS
    settings: dict = {}
    if path.is_file() and not path.is_symlink():
        try:
            settings = tomllib.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ProposalsError(f"{SETTINGS}: {exc}") from None
    for key in settings:
        if key not in ("years", "year_start", "rollup_percent", "workdays", "hours"):
            raise ProposalsError(
                f"{SETTINGS}: {key}: unknown key (years, year_start, rollup_percent, workdays, hours)"
            )
    if years or "years" in settings:
        span = year_range(years or str(settings["years"]))
    else:
        span = years_of([p.terms for p in positions])
        if not span:
            raise ProposalsError(
                "no contract years: name them with --years 2025-2028 (or years in terms/costing.toml)"
            )
    start = str(settings.get("year_start", "01-01"))
    match = re.fullmatch(r"(\d{2})-(\d{2})", start)
    if not match or not (1 <= int(match[1]) <= 12 and 1 <= int(match[2]) <= 28):
        raise ProposalsError(f"{SETTINGS}: year_start {start[:20]!r} must be MM-DD (day 1-28)")
    rate = parse_amount(
        rollup if rollup is not None else settings.get("rollup_percent", 0), "roll-up percent"
    )
    if not ZERO <= rate <= HUNDRED:
        raise ProposalsError(f"roll-up {rate}% must be between 0 and 100")
    workdays = parse_amount(settings.get("workdays", 260), f"{SETTINGS}: workdays")
    hours = parse_amount(settings.get("hours", 2080), f"{SETTINGS}: hours")
    if workdays <= 0 or hours <= 0:
        raise ProposalsError(f"{SETTINGS}: workdays and hours must be above 0")
    return Basis(span, (int(match[1]), int(match[2])), rate / HUNDRED, workdays, hours)


@dataclass
class Report:
    basis: Basis
    members: int
    costings: list[Costing]

    @property
    def difference(self) -> list[tuple[str, Decimal]]:
        return difference(self.costings[0], self.costings[1]) if len(self.costings) == 2 else []


def cost(
    repo: BargainingRepo,
    passes: list[str] | None = None,
    *,
    years: str | None = None,
    rollup: str | None = None,
    roster: Roster | None = None,
) -> Report:
    """Cost each named position (default: both sides' latest) against the status quo."""
    roster = roster if roster is not None else roster_of(repo)
    try:
        latest = latest_positions(repo)
    except ProposalsError:
        if not passes:
            raise
        latest = []  # only a draft is costed so far
    positions = [position(repo, p) for p in passes] if passes else latest
    basis = basis_for(repo, positions + latest, years, rollup)  # the same years whichever is asked
    sq = status_quo(repo)
    return Report(basis, len(roster), [cost_position(p, sq, roster, basis) for p in positions])


def cost_for_member(
    repo: BargainingRepo, member_id: str, report: Report, roster: Roster | None = None
) -> list[tuple[Position, list[MemberYear]]]:
    roster = roster if roster is not None else roster_of(repo)
    member = roster.member(member_id)
    sq = status_quo(repo)
    return [(c.position, cost_member(c.position, sq, member, report.basis)) for c in report.costings]


# -- claims ----------------------------------------------------------------------------------------


@dataclass
class ClaimCheck:
    name: str
    claimed: Decimal
    ours: Decimal  # sum of the years' % of payroll
    right: bool
    components: dict[str, Decimal]  # each component's share of the term, % of payroll (summed years)
    final_year: Decimal  # the last year's cost as % of payroll

    def lines(self) -> list[str]:
        verdict = "right" if self.right else "not right"
        out = [
            f"Claim {self.name} = {self.claimed}%: {verdict} by this method, which gives {self.ours}% "
            f"(the sum of each contract year's cost as a % of that year's payroll).",
        ]
        if not self.right:
            out.append(f"Difference: {self.claimed - self.ours:+}% points. Where it comes from, by item:")
        else:
            out.append("By item:")
        out += [f"  {name.replace('_', ' ')}: {value}%" for name, value in self.components.items() if value]
        out.append(f"  the last year alone: {self.final_year}% (a claim that counts the end rate)")
        return out


def parse_claim(text: str) -> tuple[str, Decimal]:
    match = CLAIM_RE.match(text or "")
    if not match:
        raise ProposalsError(f"invalid claim {text[:60]!r}: use PASS=PERCENT, e.g. E-9=21%")
    return match[1], Decimal(match[2])


def check_claim(
    repo: BargainingRepo,
    claim: str,
    *,
    years: str | None = None,
    rollup: str | None = None,
    roster: Roster | None = None,
) -> ClaimCheck:
    """Is ``E-9=21%`` right by this method? Within the claim's own precision, and if not, why."""
    name, claimed = parse_claim(claim)
    report = cost(repo, [name], years=years, rollup=rollup, roster=roster)
    costing = report.costings[0]
    ours = costing.total_percent
    places = -claimed.as_tuple().exponent if isinstance(claimed.as_tuple().exponent, int) else 0
    tolerance = max(Decimal(5) / Decimal(10) ** (places + 1), Decimal("0.005"))
    components = {
        name: sum((percent(y.components[name], y.payroll) for y in costing.years), ZERO)
        for name in COMPONENTS
    }
    return ClaimCheck(
        name,
        claimed,
        ours,
        abs(claimed - ours) <= tolerance,
        components,
        costing.years[-1].percent_of_payroll,
    )
