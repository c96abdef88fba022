"""The roster: the members a proposal is costed over. Personal data, so it stays with the team.

It is imported from the employer's CSV or XLSX and kept as ``.git/proposals/roster.csv`` in the
team's own clone: never committed, never synced, and no export, publish or status code reads it.
Base pay is the full-time (1.0 FTE) annual rate; a member's pay is that rate times their FTE.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from proposals.costing.money import ZERO, parse_amount
from proposals.errors import ProposalsError
from proposals.files import input_size

COLUMNS = ("id", "classification", "fte", "base_pay", "step", "clinic", "hire_date", "years_of_service")
REQUIRED = ("id", "classification", "fte")
ROSTER_NAME = "roster.csv"
MAX_ROSTER_BYTES = 64 * 1024 * 1024
MAX_FTE = Decimal(2)
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}\Z")


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    classification: str  # as written
    fte: Decimal
    base_pay: Decimal | None  # full-time annual rate; None: placed by step on a schedule
    step: int | None
    clinic: str
    hire_date: str
    service: int | None = None  # completed years of service: placed at step service+1 (top at most)

    @property
    def kind(self) -> str:
        """The classification as compared (case does not matter)."""
        return self.classification.casefold()


class RosterError(ProposalsError):
    """Bad rows: one line each, all reported at once, nothing imported."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__(lines[0])
        self.lines = list(lines)


@dataclass(frozen=True)
class Roster:
    members: tuple[Member, ...]

    def __len__(self) -> int:
        return len(self.members)

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.id == member_id:
                return m
        raise ProposalsError(f"no member {member_id[:40]!r} in the roster")

    def classifications(self) -> set[str]:
        return {m.kind for m in self.members}


# -- reading a file --------------------------------------------------------------------------------


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``--map base_pay=Salary,fte=FTE %`` as {our column: their header}."""
    mapping: dict[str, str] = {}
    for item in pairs:
        for pair in item.split(","):
            ours, sep, theirs = pair.partition("=")
            ours = ours.strip()
            if not sep or ours not in COLUMNS or not theirs.strip():
                raise ProposalsError(
                    f"invalid --map {pair.strip()[:60]!r}: use column=Their Header, "
                    f"columns are {', '.join(COLUMNS)}"
                )
            mapping[ours] = theirs.strip()
    return mapping


def _rows_csv(data: bytes, name: str) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProposalsError(f"{name}: not UTF-8 text (save the CSV as UTF-8)") from None
    if "\0" in text:
        raise ProposalsError(f"{name}: holds NUL bytes; not a CSV file")
    yield from csv.reader(io.StringIO(text, newline=""))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value)


def _rows_xlsx(path: Path) -> Iterator[list[str]]:
    import zipfile

    from openpyxl import load_workbook  # only when an XLSX is imported

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ProposalsError(f"{path.name}: not a readable .xlsx file ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell(v) for v in row]
    finally:
        book.close()


def read_roster_file(path: Path, mapping: Mapping[str, str] | None = None) -> Roster:
    """Members from a CSV or XLSX whose first row is the header; every bad row is reported."""
    input_size(path, "a roster", MAX_ROSTER_BYTES)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _rows_xlsx(path)
    elif suffix in (".csv", ".txt"):
        rows = _rows_csv(path.read_bytes(), path.name)
    else:
        raise ProposalsError(f"{path.name}: a roster is a .csv or .xlsx file")
    return parse_rows(rows, path.name, mapping or {})


def parse_rows(rows: Iterable[list[str]], name: str, mapping: Mapping[str, str]) -> Roster:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        raise ProposalsError(f"{name}: empty; the first row must be the header")
    header = [h.strip() for h in header]
    wanted = {col: mapping.get(col, col) for col in COLUMNS}
    found = {h.casefold(): i for i, h in enumerate(header) if h}
    index: dict[str, int] = {}
    for col, theirs in wanted.items():
        if theirs.casefold() in found:
            index[col] = found[theirs.casefold()]
        elif col in mapping or col in REQUIRED:
            raise ProposalsError(
                f"{name}: no column {theirs[:40]!r} for {col}; map it with --map {col}=Their Header"
            )
    if not {"base_pay", "step", "years_of_service"} & set(index):
        raise ProposalsError(
            f"{name}: no base_pay, step or years_of_service column; map one with --map base_pay=Their Header"
        )
    members: list[Member] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, row in enumerate(iterator, 2):
        if not any(c.strip() for c in row):
            continue
        cells = {col: (row[i].strip() if i < len(row) else "") for col, i in index.items()}
        try:
            member = _member(cells)
        except ProposalsError as exc:
            errors.append(f"{name} row {number}: {exc}")
            continue
        if member.id in seen:
            errors.append(f"{name} row {number}: member id {member.id} appears twice")
            continue
        seen.add(member.id)
        members.append(member)
    if errors:
        raise RosterError(errors)
    if not members:
        raise ProposalsError(f"{name}: no members below the header")
    return Roster(tuple(members))


def _text(value: str, what: str, limit: int = 80) -> str:
    if len(value) > limit or not value.isprintable():
        raise ProposalsError(f"{what} is not one short line of text")
    return value


def _member(cells: Mapping[str, str]) -> Member:
    member_id = cells.get("id", "")
    if not ID_RE.match(member_id):
        raise ProposalsError(f"member id {member_id[:40]!r} must be letters, digits, '.', '_' or '-'")
    classification = _text(cells.get("classification", ""), "classification")
    if not classification:
        raise ProposalsError(f"member {member_id}: no classification")
    fte = parse_amount(cells.get("fte", ""), f"member {member_id}: fte") if cells.get("fte") else None
    if fte is None:
        raise ProposalsError(f"member {member_id}: no FTE")
    if fte < 0:
        raise ProposalsError(f"member {member_id}: negative FTE {fte}")
    if fte == 0 or fte > MAX_FTE:
        raise ProposalsError(f"member {member_id}: FTE {fte} must be above 0 and at most {MAX_FTE}")
    pay_text = cells.get("base_pay", "")
    base_pay = parse_amount(pay_text, f"member {member_id}: base_pay") if pay_text else None
    if base_pay is not None and base_pay <= ZERO:
        raise ProposalsError(f"member {member_id}: base pay {base_pay} must be above 0")
    step_text = cells.get("step", "")
    step = None
    if step_text:
        if not step_text.removesuffix(".0").isdigit() or int(step_text.removesuffix(".0")) < 1:
            raise ProposalsError(
                f"member {member_id}: step {step_text[:20]!r} is not a step number (1, 2, ...)"
            )
        step = int(step_text.removesuffix(".0"))
    service_text = cells.get("years_of_service", "")
    service = None
    if service_text:
        if not service_text.removesuffix(".0").isdigit():
            raise ProposalsError(
                f"member {member_id}: years_of_service {service_text[:20]!r} is not a whole number"
            )
        service = int(service_text.removesuffix(".0"))
    if base_pay is None and step is None and service is None:
        raise ProposalsError(
            f"member {member_id}: no pay (no base_pay, and no step or years_of_service on a schedule)"
        )
    hire = cells.get("hire_date", "")
    if hire:
        try:
            hire = date.fromisoformat(hire[:10]).isoformat()
        except ValueError:
            raise ProposalsError(f"member {member_id}: hire_date {hire[:20]!r} is not YYYY-MM-DD") from None
    clinic = _text(cells.get("clinic", ""), f"member {member_id}: clinic")
    return Member(member_id, classification, fte, base_pay, step, clinic, hire, service)


# -- the private copy ------------------------------------------------------------------------------


def dump_roster(roster: Roster) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in roster.members:
        writer.writerow(
            [
                m.id,
                m.classification,
                str(m.fte),
                "" if m.base_pay is None else str(m.base_pay),
                "" if m.step is None else str(m.step),
                m.clinic,
                m.hire_date,
                "" if m.service is None else str(m.service),
            ]
        )
    return out.getvalue()


def load_roster(private_dir: Path) -> Roster:
    """The team's roster, or a one-line error saying how to import one."""
    path = private_dir / ROSTER_NAME
    if not path.is_file():
        raise ProposalsError("no roster yet: import the members with proposals roster import FILE.csv|.xlsx")
    data = path.read_bytes()
    return _load_dumped(data) or parse_rows(_rows_csv(data, ROSTER_NAME), ROSTER_NAME, {})


def _load_dumped(data: bytes) -> Roster | None:
    """The private copy as ``dump_roster`` wrote it, read without the import's row checks (it was
    checked when imported): a quarter of the time for 60,000 members. Anything unexpected, such as
    an edit by hand, returns None and the full check reads it, naming the bad row."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\0" in text or "\n" not in text:
        return None
    header = text[: text.index("\n")]
    if header not in (",".join(COLUMNS), ",".join(COLUMNS[:7])):  # 7: written before years of service
        return None
    members = []
    seen: set[str] = set()
    zero, top = ZERO, MAX_FTE
    try:
        for row in csv.reader(io.StringIO(text[text.index("\n") + 1 :], newline="")):
            if len(row) == 7:
                row.append("")
            member_id, classification, fte_text, pay_text, step_text, clinic, hire, service_text = row
            fte = Decimal(fte_text)
            pay = Decimal(pay_text) if pay_text else None
            step = int(step_text) if step_text else None
            service = int(service_text) if service_text else None
            if (
                not (zero < fte <= top)
                or (pay is not None and not (pay > 0 and pay.is_finite()))
                or (step is not None and step < 1)
                or (service is not None and service < 0)
                or (pay is None and step is None and service is None)
                or member_id in seen
                or not ID_RE.match(member_id)
                or not classification
                or len(classification) > 80
                or len(clinic) > 80
                or not (classification + clinic + hire).isprintable()
            ):
                return None
            seen.add(member_id)
            members.append(Member(member_id, classification, fte, pay, step, clinic, hire, service))
    except (ValueError, ArithmeticError):
        return None
    return Roster(tuple(members)) if members else None
