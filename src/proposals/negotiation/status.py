"""The status chart, derived from history: unchanged, open (and whose move), TA'd, withdrawn."""

from __future__ import annotations

from dataclasses import dataclass

from proposals.contract.escape import for_csv, for_markdown_cell, for_terminal
from proposals.contract.headings import KINDS, kind_name, order_key, short_name
from proposals.contract.part import parse_heading
from proposals.negotiation.history import History, PassRecord, TARecord, current_tas
from proposals.negotiation.repo import BargainingRepo

STATUSES = ("unchanged", "open", "ta", "withdrawn")
STATUS_WORDS = {"unchanged": "Unchanged", "open": "Open", "ta": "TA'd", "withdrawn": "Withdrawn"}
STATUS_MEANINGS = {  # the status chart's legend
    "unchanged": "nobody has proposed a change",
    "open": "proposals on the table; 'Whose move' says who answers next",
    "ta": "tentatively agreed, with the date",
    "withdrawn": "the proposal was taken off the table",
}


@dataclass(frozen=True, slots=True)
class StatusRow:
    id: str
    number: str
    title: str
    economic: bool
    status: str
    move: str | None  # the party whose move it is, for open articles
    last_pass: PassRecord | None
    tas: tuple[TARecord, ...]  # standing TAs: the whole article, or sections
    kind: str | None = None  # preamble, article, appendix, letter (None: no heading)
    package: str = ""  # the open package (P-3) whose text of this part is on the table
    contingent: str = ""  # a TA'd part's contingency: a package id or "agreement"; "" is firm
    expires: str = ""  # a letter's own expiry (bargaining.toml), YYYY-MM-DD
    keyword: str = ""  # the heading's own word: "SIDE LETTER", "SCHEDULE", "MEMORANDUM OF UNDERSTANDING"

    @property
    def label(self) -> str:
        """The number as a board shows it, in the heading's own words abbreviated: "6" for an
        article, "App A", "Sch 1", "LOA 3", "SL 3", "MOU 2", "Pre."."""
        if self.kind not in KINDS:
            return self.number
        return short_name(self.kind, self.number, self.keyword)

    @property
    def shown_title(self) -> str:
        """The title with a letter's own expiry, which a team must not miss."""
        return f"{self.title} (expires {self.expires})" if self.expires else self.title

    @property
    def order(self) -> tuple:
        """Contract order: preamble, articles by number, appendices, letters; then the id."""
        return (part_order(self.kind, self.number), self.id)

    @property
    def ta(self) -> TARecord | None:
        return self.tas[-1] if self.tas else None

    def as_json(self) -> dict:
        last = self.last_pass
        ta = self.ta
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "kind": self.kind,
            "expires": self.expires or None,
            "economic": self.economic,
            "status": self.status,
            "last_pass": None
            if last is None
            else {
                "pass": last.name,
                "party": last.party,
                "session": last.session,
                "commit": last.commit,
            },
            "ta": None
            if ta is None
            else {
                "date": ta.date,
                "union_sign": ta.union_sign,
                "employer_sign": ta.employer_sign,
                "sections": [t.section for t in self.tas if t.section],
                "blob": ta.blob,
            },
            "package": self.package or None,
            "contingent": self.contingent or None,
        }


def number_key(number: str) -> tuple:
    """Article numbers sort as numbers ("2" before "10", "VI" as 6), unnumbered last."""
    return part_order("article" if number else None, number)


def part_order(kind: str | None, number: str) -> tuple:
    """The contract order of a part (the grammar's :func:`order_key`); no heading sorts last."""
    return order_key(kind, number) if kind in KINDS else (len(KINDS), 0, number)


@dataclass(frozen=True, slots=True)
class PartFacts:
    """What a part's status row takes from the history (the rest is read from the working tree
    and the config): kept on disk by ``status_cache`` so a board starts without the history."""

    status: str
    last_pass: PassRecord | None
    tas: tuple[TARecord, ...]
    package: str
    contingent: str


NO_FACTS = PartFacts("unchanged", None, (), "", "")  # a part the history never names


@dataclass(frozen=True, slots=True)
class StatusFacts:
    """The history-derived facts of the status chart at one tip (``status_facts``)."""

    head: str | None
    baseline: bool  # the round has a baseline (``History.baseline``)
    parts: dict[str, PartFacts]  # every part the history names
    last_by_party: dict[str, dict[str, str]]  # part id -> party -> its last pass's name


def status_facts(history: History, parties: int) -> StatusFacts:
    """Each part's status facts from `history` (a round's view, ``BargainingRepo.history``);
    `parties`: how many parties the config names (a part's last pass by each is looked for)."""
    in_package: dict[str, str] = {}
    firm = {""}  # contingencies met: none, or a package accepted
    if history.package_marks:
        from proposals.negotiation.packages import accepted_packages, open_package_of

        in_package = open_package_of(history)
        firm |= accepted_packages(history)
    parts = {}
    for article_id, events in history.events.items():
        last_pass = history.last_pass(article_id)
        last_event = next((e for e in reversed(events) if not isinstance(e, TARecord)), None)
        standing = [
            t
            for t in current_tas(history, article_id)
            if last_event is None or events.index(t) > events.index(last_event) or t.section
        ]
        whole = [t for t in standing if t.section is None]
        if isinstance(last_event, PassRecord) and article_id in last_event.withdrawn:
            status = "withdrawn"
            last_pass = last_event  # the withdrawal is the part's last pass, not the one before it
        elif whole:
            status = "ta"
        elif last_pass is not None:
            status = "open"
        else:
            status = "unchanged"
        parts[article_id] = PartFacts(
            status=status,
            last_pass=last_pass,
            tas=tuple(whole or standing),
            package=in_package.get(article_id, "") if status == "open" else "",
            contingent=next((t.contingent for t in whole or standing if t.contingent not in firm), ""),
        )
    return StatusFacts(history.head, history.baseline is not None, parts, last_by_party(history, parties))


def last_by_party(history: History, parties: int) -> dict[str, dict[str, str]]:
    """Each part's last pass by each party (withdrawals excluded), read from the end of the
    part's own events: a start at 20,000 passes walked every pass to find a few hundred."""
    last: dict[str, dict[str, str]] = {}
    for article_id, events in history.events.items():
        found: dict[str, str] = {}
        for event in reversed(events):
            if isinstance(event, PassRecord) and article_id in event.articles:
                found.setdefault(event.party, event.name)
                if len(found) == parties:
                    break
        if found:
            last[article_id] = found
    return last


def status_rows(repo: BargainingRepo, facts: StatusFacts | None = None) -> list[StatusRow]:
    """The chart's rows: `facts` (``status_facts`` of ``repo.history()``, or their on-disk copy
    at the same tip) with each part's heading and meta read from the working tree and config."""
    if facts is None:
        facts = status_facts(repo.history(), len(repo.config.parties))
    head = facts.head
    rows = []
    for article_id in sorted(set(repo.working_ids()) | facts.parts.keys()):
        part = facts.parts.get(article_id, NO_FACTS)
        text = repo.read_draft(article_id)
        if text is None and head:
            text = repo.text_at_commit(article_id, head)
        meta = repo.config.meta(article_id)
        heading = parse_heading(text or "", fallback_title=article_id)
        last_pass = part.last_pass
        rows.append(
            StatusRow(
                id=article_id,
                number=heading.number,
                title=meta.title or heading.title,
                economic=meta.economic,
                status=part.status,
                move=repo.config.other(last_pass.party) if part.status == "open" and last_pass else None,
                last_pass=last_pass,
                tas=part.tas,
                kind=meta.kind or heading.kind,
                keyword=heading.keyword,
                expires=meta.expires,
                package=part.package,
                contingent=part.contingent,
            )
        )
    rows.sort(key=lambda r: r.order)
    return rows


def _numbered_keyword(rows: list[StatusRow]) -> str:
    """The word every numbered part's heading uses when it is not ARTICLE: "CLAUSE" in a UK or
    Australian agreement, "SECTION" in a section-numbered one; "" for articles or a mix."""
    words = {" ".join(r.keyword.split()).upper() for r in rows if r.kind == "article"}
    return words.pop() if len(words) == 1 else ""


def number_header(rows: list[StatusRow]) -> str:
    """The number column's header in the contract's own word: "Art.", "Cl." or "Sec."."""
    return {"CLAUSE": "Cl.", "SECTION": "Sec."}.get(_numbered_keyword(rows), "Art.")


def counts_line(rows: list[StatusRow]) -> str:
    """'18 articles · 6 TA · 9 open · 1 withdrawn' ('12 clauses ...' in a clause contract): the
    header a team reads first."""
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUSES}
    contingent = sum(1 for r in rows if r.status == "ta" and r.contingent)
    ta = f"{counts['ta']} TA" + (f" ({contingent} contingent)" if contingent else "")
    noun = kind_name("article", _numbered_keyword(rows), len(rows))
    parts = [f"{len(rows)} {noun}", ta, f"{counts['open']} open"]
    if counts["withdrawn"]:
        parts.append(f"{counts['withdrawn']} withdrawn")
    if counts["unchanged"]:
        parts.append(f"{counts['unchanged']} unchanged")
    return " · ".join(parts)


def _cells(repo: BargainingRepo, row: StatusRow) -> list[str]:
    status = STATUS_WORDS[row.status]
    if row.status == "open" and row.ta is not None:
        status += " (TA " + ", ".join(t.section or "" for t in row.tas) + ")"
    if row.package:
        status += f" (package {row.package})"
    if row.contingent:
        status += f" (contingent on {row.contingent})"
    last = row.last_pass
    return [
        row.label,
        row.shown_title,
        status,
        repo.config.party(row.move).name if row.move else "",
        last.name if last else "",
        (row.ta.date if row.status == "ta" and row.ta else last.session if last else ""),
        "yes" if row.economic else "no",
    ]


HEADERS = ["Art.", "Title", "Status", "Whose move", "Last pass", "Date", "Economic"]


def render_table(repo: BargainingRepo, rows: list[StatusRow]) -> str:
    data = [[number_header(rows), *HEADERS[1:]]] + [[for_terminal(c) for c in _cells(repo, r)] for r in rows]
    widths = [max(len(line[i]) for line in data) for i in range(len(HEADERS))]
    lines = [counts_line(rows), ""]
    for n, line in enumerate(data):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def render_csv(repo: BargainingRepo, rows: list[StatusRow]) -> str:
    import csv  # only --csv needs it: status imports what the chart uses, nothing more
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", *HEADERS])
    for row in rows:
        writer.writerow([for_csv(c) for c in (row.id, *_cells(repo, row))])
    return buffer.getvalue()


def render_markdown(repo: BargainingRepo, rows: list[StatusRow]) -> str:
    lines = [f"**{counts_line(rows)}**", "", "| " + " | ".join([number_header(rows), *HEADERS[1:]]) + " |"]
    lines.append("|" + "|".join("---" for _ in HEADERS) + "|")
    for row in rows:
        lines.append("| " + " | ".join(for_markdown_cell(c) for c in _cells(repo, row)) + " |")
    return "\n".join(lines) + "\n"
