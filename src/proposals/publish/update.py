"""The bargaining update: what happened at the table since a date, in plain language.

Written from the public record only (passes, TAs, withdrawals and packages exchanged, each from its
recorded trailers; pass messages are not read): as Markdown for a newsletter, HTML for the site,
.docx for print.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from proposals.files import write_file
from proposals.negotiation.packages import PackageEvent
from proposals.negotiation.repo import validate_date
from proposals.publish.public import PublicPart, PublicRecord


@dataclass(frozen=True)
class Update:
    since: str
    until: str
    passed: dict[str, list[tuple[str, list[str]]]]  # party -> [(pass, [part titles])]
    withdrawn: dict[str, list[tuple[str, list[str]]]]
    tas: list[tuple[str, str]]  # (date, part title [+ section])
    packages: list[str]  # each package event in the period, in plain language
    open_parts: list[PublicPart]
    ta_total: int
    part_total: int


def _title(part: PublicPart | None, part_id: str) -> str:
    if part is None:
        return part_id
    return part.heading


def build_update(record: PublicRecord, since: str, until: str | None = None) -> Update:
    since = validate_date(since, "--since")
    until = validate_date(until, "--until") if until else "9999-12-31"
    parts = {p.id: p for p in record.parts}
    passed: dict[str, list[tuple[str, list[str]]]] = {"union": [], "employer": []}
    withdrawn: dict[str, list[tuple[str, list[str]]]] = {"union": [], "employer": []}
    for p in record.passes:
        if not since <= p.session <= until:
            continue
        texts = [_title(parts.get(i), i) for i in p.articles if i in parts]
        gone = [_title(parts.get(i), i) for i in p.withdrawn if i in parts]
        if texts:
            passed.setdefault(p.party, []).append((p.name, texts))
        if gone:
            withdrawn.setdefault(p.party, []).append((p.name, gone))
    tas = []
    for t in record.tas:
        if since <= t.date <= until and t.article in parts:
            what = _title(parts[t.article], t.article) + (f", section {t.section}" if t.section else "")
            tas.append((t.date, what))
    open_parts = [p for p in record.parts if p.status == "open"]
    packages = [
        _package_sentence(record, parts, e) for e in record.package_events if since <= e.date <= until
    ]
    return Update(
        since=since,
        until=until if until != "9999-12-31" else (record.last_session or since),
        passed=passed,
        withdrawn=withdrawn,
        tas=tas,
        packages=packages,
        open_parts=open_parts,
        ta_total=sum(1 for p in record.parts if p.status == "ta"),
        part_total=len(record.parts),
    )


def _package_sentence(record: PublicRecord, parts: dict[str, PublicPart], event: PackageEvent) -> str:
    """'Northstar Health rejected package P-1 ("Staffing with protected time") as a whole on ...'"""
    package = event.package
    name = f'package {package.id} ("{package.title}")'
    if event.event == "proposed":
        titles = "; ".join(_title(parts.get(i), i) for i in package.parts)
        answers = f" in answer to package {package.answers}" if package.answers else ""
        return (
            f"{record.party_name(package.party)} proposed {name}{answers} (pass {package.pass_name}, "
            f"{event.date}): {titles}. All or nothing: it is accepted or rejected as a whole."
        )
    if event.event == "accepted":
        return f"Both sides accepted {name} on {event.date}: every part in it is tentatively agreed."
    if event.event == "rejected":
        other = "employer" if package.party == "union" else "union"
        return f"{record.party_name(other)} rejected {name} as a whole on {event.date}."
    return f"{record.party_name(package.party)} withdrew {name} on {event.date}."


def update_lines(record: PublicRecord, update: Update) -> list[tuple[str, str]]:
    """The update as (kind, text) lines: ``h1``, ``h2``, ``p``, ``li``; each renderer formats them."""
    out: list[tuple[str, str]] = [("h1", f"Bargaining update: {update.since} to {update.until}")]
    out.append(
        (
            "p",
            f"{update.ta_total} of {update.part_total} parts of the contract are tentatively agreed; "
            f"{len(update.open_parts)} are still open.",
        )
    )
    for party in ("union", "employer"):
        name = record.party_name(party)
        items = update.passed.get(party, [])
        out.append(("h2", f"What {name} proposed"))
        if not items:
            out.append(("p", f"{name} made no new proposals in this period."))
        for pass_name, titles in items:
            out.append(("li", f"Pass {pass_name}: {', '.join(titles)}"))
        for pass_name, titles in update.withdrawn.get(party, []):
            out.append(("li", f"Pass {pass_name} withdrew: {', '.join(titles)}"))
    if update.packages:
        out.append(("h2", "Packages exchanged"))
        out.extend(("li", sentence) for sentence in update.packages)
    out.append(("h2", "Tentative agreements reached"))
    if not update.tas:
        out.append(("p", "No new tentative agreements in this period."))
    for when, what in update.tas:
        out.append(("li", f"{what} (signed {when})"))
    out.append(("h2", "Still open"))
    if not update.open_parts:
        out.append(("p", "Nothing is open."))
    for part in update.open_parts:
        whose = f": {record.party_name(part.move)}'s move" if part.move else ""
        out.append(("li", _title(part, part.id) + whose))
    return out


def render_markdown(record: PublicRecord, update: Update) -> str:
    def md(text: str) -> str:
        return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in " ".join(text.split()))

    prefix = {"h1": "# ", "h2": "\n## ", "p": "", "li": "- "}
    return "\n".join(prefix[kind] + md(text) for kind, text in update_lines(record, update)) + "\n"


def render_html_body(record: PublicRecord, update: Update) -> str:
    from proposals.publish.html import esc

    out, in_list = [], False
    for kind, text in update_lines(record, update):
        if kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        if kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<{kind}>{esc(text)}</{kind}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def write_docx(record: PublicRecord, update: Update, path: str) -> None:
    """The update for print: plain headings, paragraphs and bullets, deterministic bytes."""
    import docx

    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = record.union
    props.title = f"Bargaining update {update.since} to {update.until}"
    stamp = __import__("datetime").datetime(2000, 1, 1)
    props.created = props.modified = stamp
    props.revision = 1
    for kind, text in update_lines(record, update):
        if kind == "h1":
            document.add_heading(text, level=1)
        elif kind == "h2":
            document.add_heading(text, level=2)
        elif kind == "li":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()  # built in memory: a full disk never meets a half-written zip
    document.save(buffer)
    write_file(path, buffer.getvalue(), shared=True)
