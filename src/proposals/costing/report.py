"""A costing for people and scripts: the terminal table, JSON, CSV, XLSX and a .docx summary.

Money and percentages are decimal strings in JSON and CSV (never floats); XLSX cells hold plain
values, not formulas, so the sheet shows exactly the figures the JSON does. Everything here is for
the team: the .docx is marked internal, and text from the roster (clinic names) is written as
data, never as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from proposals.costing.compare import ClaimCheck, Report
from proposals.costing.model import COMPONENTS, Costing, Group, MemberYear, Position
from proposals.costing.money import ROUNDING, cents, money_text
from proposals.costing.roster import Roster
from proposals.files import write_file

INTERNAL = "INTERNAL — BARGAINING TEAM ONLY — NOT FOR THE OTHER SIDE"


def _group_json(g: Group) -> dict:
    return {
        "name": g.name,
        "members": g.members,
        "gaining": g.gaining,
        "losing": g.losing,
        "mean_change": str(cents(g.mean)),
        "lowest_change": str(cents(g.lowest or 0)),
        "highest_change": str(cents(g.highest or 0)),
    }


def costing_json(c: Costing) -> dict:
    return {
        "party": c.position.party,
        "pass": c.position.label,
        "session": c.position.session,
        "years": [
            {
                "year": y.year,
                "cost": str(y.cost),
                "percent_of_payroll": str(y.percent_of_payroll),
                "payroll": str(y.payroll),
                "one_percent": str(y.one_percent),
                "components": {k: str(v) for k, v in y.components.items()},
            }
            for y in c.years
        ],
        "total": str(c.total),
        "total_percent": str(c.total_percent),
        "members_gaining": c.members_gaining,
        "members_losing": c.members_losing,
        "by_classification": [_group_json(g) for g in c.by_classification.values()],
        "by_clinic": [_group_json(g) for g in c.by_clinic.values()],
    }


def report_json(report: Report) -> dict:
    return {
        "basis": report.basis.describe(),
        "rounding": ROUNDING,
        "rollup_percent": str(report.basis.rollup * 100),
        "members": report.members,
        "positions": [costing_json(c) for c in report.costings],
        "difference": [{"year": y, "cost": str(v)} for y, v in report.difference],
    }


def _table(rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def _title(p: Position) -> str:
    who = {"union": "Union", "employer": "Employer"}.get(p.party, p.party)
    return f"{who} {p.label}" + (f" ({p.session})" if p.session else "")


def report_text(report: Report, by: str = "classification") -> str:
    """The terminal view: each position by year, the difference, and who gains and loses."""
    out = [f"Costing over {report.members} members; {report.basis.describe()}.", ""]
    years = [y.year for y in report.costings[0].years]
    rows = [["", *years, "term"]]
    for c in report.costings:
        rows.append([_title(c.position), *(money_text(y.cost) for y in c.years), money_text(c.total)])
        rows.append(["  % of payroll", *(f"{y.percent_of_payroll}%" for y in c.years), f"{c.total_percent}%"])
    if report.difference:
        first, second = (c.position.label for c in report.costings)
        total = sum((v for _, v in report.difference), cents(0))
        rows.append(
            [f"{first} minus {second}", *(money_text(v) for _, v in report.difference), money_text(total)]
        )
    base = report.costings[0].years
    rows.append(["value of 1%", *(money_text(y.one_percent) for y in base), ""])
    out += _table(rows, set(range(1, len(years) + 2)))
    for c in report.costings:
        out += ["", f"{_title(c.position)}: by item"]
        item_rows = [["item", *years]]
        for name in COMPONENTS:
            if any(y.components[name] for y in c.years):
                item_rows.append([name.replace("_", " "), *(money_text(y.components[name]) for y in c.years)])
        out += _table(item_rows, set(range(1, len(years) + 1)))
        groups = c.by_clinic if by == "clinic" else c.by_classification
        out += [
            "",
            f"{_title(c.position)}: {c.members_gaining} members gain, {c.members_losing} lose "
            "(pay over the term)",
        ]
        group_rows = [[by, "members", "gain", "lose", "mean change", "lowest", "highest"]]
        for g in groups.values():
            group_rows.append(
                [
                    g.name,
                    str(g.members),
                    str(g.gaining),
                    str(g.losing),
                    money_text(g.mean),
                    money_text(g.lowest or cents(0)),
                    money_text(g.highest or cents(0)),
                ]
            )
        out += _table(group_rows, {1, 2, 3, 4, 5, 6})
    out += ["", f"Rounding: {ROUNDING}."]
    return "\n".join(out) + "\n"


def member_text(member_id: str, rows: Sequence[tuple[Position, list[MemberYear]]]) -> str:
    out = [f"Member {member_id}: pay (wages, lump sums, differentials) by contract year, no roll-up", ""]
    years = [y.year for y in rows[0][1]]
    table = [["", *years, "term"]]
    table.append(
        [
            "status quo",
            *(money_text(y.status_quo) for y in rows[0][1]),
            money_text(sum((y.status_quo for y in rows[0][1]), cents(0))),
        ]
    )
    for position, data in rows:
        table.append(
            [
                _title(position),
                *(money_text(y.proposed) for y in data),
                money_text(sum((y.proposed for y in data), cents(0))),
            ]
        )
        table.append(
            [
                "  change",
                *(money_text(y.change) for y in data),
                money_text(sum((y.change for y in data), cents(0))),
            ]
        )
    return "\n".join(out + _table(table, set(range(1, len(years) + 2)))) + "\n"


def member_json(member_id: str, rows: Sequence[tuple[Position, list[MemberYear]]]) -> dict:
    return {
        "member": member_id,
        "positions": [
            {
                "party": p.party,
                "pass": p.label,
                "years": [
                    {
                        "year": y.year,
                        "status_quo": str(y.status_quo),
                        "proposed": str(y.proposed),
                        "change": str(y.change),
                    }
                    for y in data
                ],
            }
            for p, data in rows
        ],
    }


def claim_json(check: ClaimCheck) -> dict:
    return {
        "pass": check.name,
        "claimed_percent": str(check.claimed),
        "percent_by_this_method": str(check.ours),
        "right": check.right,
        "components_percent": {k: str(v) for k, v in check.components.items()},
        "final_year_percent": str(check.final_year),
    }


def _safe_cell(text: str) -> str:
    """Roster text as data in a spreadsheet: a leading = + - @ would be read as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_rows(report: Report) -> list[list[str]]:
    """One row per position, year and item: the CSV and the XLSX sheet."""
    rows = [["party", "pass", "year", "item", "cost", "percent_of_payroll", "payroll"]]
    for c in report.costings:
        for y in c.years:
            rows.append(
                [
                    c.position.party,
                    c.position.label,
                    y.year,
                    "total",
                    str(y.cost),
                    str(y.percent_of_payroll),
                    str(y.payroll),
                ]
            )
            for name, value in y.components.items():
                rows.append([c.position.party, c.position.label, y.year, name, str(value), "", ""])
        rows.append(
            [c.position.party, c.position.label, "term", "total", str(c.total), str(c.total_percent), ""]
        )
    for year, value in report.difference:
        rows.append(["difference", "", year, "total", str(value), "", ""])
    return rows


def report_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in report_rows(report):
        writer.writerow([_safe_cell(c) for c in row])
    return out.getvalue()


def write_xlsx(report: Report, path: Path) -> None:
    """Plain values (no formulas): a Costing sheet as in the CSV, and a Members sheet of groups."""
    from decimal import Decimal

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Costing"
    sheet.append([INTERNAL])
    for n, row in enumerate(report_rows(report)):
        # Money and percentages as numbers (columns 5-7), names and years as text.
        sheet.append([Decimal(c) if n and i >= 4 and c else _safe_cell(c) for i, c in enumerate(row)])
    groups = book.create_sheet("Members")
    groups.append(["party", "pass", "by", "name", "members", "gaining", "losing", "mean_change"])
    for c in report.costings:
        for by, table in (("classification", c.by_classification), ("clinic", c.by_clinic)):
            for g in table.values():
                groups.append(
                    [
                        c.position.party,
                        c.position.label,
                        by,
                        _safe_cell(g.name),
                        g.members,
                        g.gaining,
                        g.losing,
                        cents(g.mean),
                    ]
                )
    book.properties.creator = "proposals"
    buffer = io.BytesIO()  # built in memory, then written whole (proposals.files)
    book.save(buffer)
    write_file(path, buffer.getvalue(), shared=True)


def write_docx(report: Report, path: Path) -> None:
    """A costing summary for the team, marked internal in its header and its first line."""
    import datetime

    import docx

    document = docx.Document()
    props = document.core_properties
    props.title = "Costing summary (internal)"
    props.author = props.last_modified_by = "proposals"
    props.created = props.modified = datetime.datetime(2000, 1, 1)
    props.revision = 1
    document.sections[0].header.paragraphs[0].text = INTERNAL
    document.add_heading("Costing summary", level=1)
    document.add_paragraph(INTERNAL)
    document.add_paragraph(f"{report.members} members; {report.basis.describe()}. Rounding: {ROUNDING}.")
    years = [y.year for y in report.costings[0].years]
    table = document.add_table(rows=1, cols=len(years) + 2)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["", *years, "term"], strict=True):
        cell.text = text
    body: list[list[str]] = []
    for c in report.costings:
        body.append([_title(c.position), *(money_text(y.cost) for y in c.years), money_text(c.total)])
        body.append(["% of payroll", *(f"{y.percent_of_payroll}%" for y in c.years), f"{c.total_percent}%"])
    if report.difference:
        total = sum((v for _, v in report.difference), cents(0))
        body.append(["difference", *(money_text(v) for _, v in report.difference), money_text(total)])
    for row in body:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for c in report.costings:
        document.add_paragraph(
            f"{_title(c.position)}: {c.members_gaining} members gain and {c.members_losing} lose "
            "over the term."
        )
    buffer = io.BytesIO()
    document.save(buffer)
    write_file(path, buffer.getvalue(), shared=True)


def roster_text(roster: Roster) -> str:
    """A summary for the team: counts and FTE by classification and clinic, no one's pay."""
    by_class: dict[str, list] = {}
    clinics: set[str] = set()
    for m in roster.members:
        entry = by_class.setdefault(m.classification, [0, cents(0)])
        entry[0] += 1
        entry[1] += m.fte
        clinics.add(m.clinic)
    rows = [["classification", "members", "FTE"]]
    rows += [[k, str(v[0]), str(v[1])] for k, v in sorted(by_class.items())]
    out = [
        f"{len(roster)} members in {len(clinics - {''})} clinics (kept in .git/proposals/, never shared)",
        "",
    ]
    return "\n".join(out + _table(rows, {1, 2})) + "\n"
