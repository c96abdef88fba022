"""The members' site: plain static files any web server, file share or static host can serve.

Pages: ``index.html`` (TA counter, counts by status, last session, every part with whose move it
is, a search box), ``parts/<id>.html`` (timeline of passes, the current or agreed text, compare
any two versions), ``compare/<id>/<a>--<b>.html`` (the redline of a pair), ``updates.html`` and
``updates/<date>.html`` (one bargaining update per session date), ``glossary.html``. Links are
relative and the output is byte-for-byte the same for the same repo state.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from proposals.errors import ProposalsError
from proposals.files import write_file
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import STATUS_WORDS
from proposals.publish.html import GLOSSARY, esc, page, paragraphs, redline
from proposals.publish.public import PublicPart, PublicRecord, Version, public_record
from proposals.publish.update import Update, build_update, render_html_body
from proposals.store.oserrors import os_error_line

ASSETS = Path(__file__).parent
ALL_PAIRS_UP_TO = 8  # versions of one part; beyond that, see _pairs


@dataclass(frozen=True)
class Published:
    path: Path
    pages: int
    parts: int
    ta: int


def _status_cell(record: PublicRecord, part: PublicPart) -> str:
    word = STATUS_WORDS[part.status]
    sections = [t.section for t in part.tas if t.section]
    if part.status == "open" and sections:
        word += f" ({'section' if len(sections) == 1 else 'sections'} {', '.join(sections)} TA'd)"
    return f'<span class="status status-{part.status}">{esc(word)}</span>'


def _pairs(versions: tuple[Version, ...]) -> list[tuple[int, int]]:
    """Which comparisons get a page: every pair for a short history; for a long one, what each
    pass changed, the first version against the latest, and the two sides' latest against each
    other (so the site stays small and quick to build at hundreds of passes)."""
    n = len(versions)
    if n <= ALL_PAIRS_UP_TO:
        return list(combinations(range(n), 2))
    pairs = {(i, i + 1) for i in range(n - 1)} | {(0, n - 1)}
    latest = {}
    for i, v in enumerate(versions):
        if v.text is not None:
            latest[v.party] = i
    if "union" in latest and "employer" in latest:
        pairs.add(tuple(sorted((latest["union"], latest["employer"]))))
    return sorted(pairs)


def _version_name(record: PublicRecord, v: Version) -> str:
    if v.party == "baseline":
        return "Contract in force"
    verb = "withdrew" if v.withdrawn else "proposed"
    return f"{v.label} ({record.party_name(v.party)} {verb}, {v.session})"


def _index(record: PublicRecord, since_update: str | None) -> str:
    counts = {s: sum(1 for p in record.parts if p.status == s) for s in STATUS_WORDS}
    rows = []
    shown: set[str] = set()  # divisions headed so far: each above the first part under it
    for part in record.parts:
        if part.division and part.division not in shown:
            shown.add(part.division)
            rows.append(
                f'<tr class="division"><th colspan="5" scope="rowgroup">{esc(part.division)}</th></tr>'
            )
        last = part.last
        last_cell = (
            ""
            if last is None or last.party == "baseline"
            else f'{esc(last.label)} <span class="date">({esc(last.session)})</span>'
        )
        move = esc(record.party_name(part.move)) if part.move else ""
        rows.append(
            f'<tr data-search="{esc((part.title + " " + part.number + " " + part.id).lower())}">'
            f'<td data-label="Art.">{esc(part.number)}</td>'
            f'<th scope="row"><a href="parts/{part.id}.html">{esc(part.title)}</a></th>'
            f'<td data-label="Status">{_status_cell(record, part)}</td>'
            f'<td data-label="Whose move">{move}</td><td data-label="Last pass">{last_cell}</td></tr>'
        )
    latest = (
        f'<p>Latest update: <a href="updates/{since_update}.html">since {since_update}</a></p>'
        if since_update
        else ""
    )
    count_items = "\n".join(
        f'<li>{STATUS_WORDS[status]}: <span id="count-{status}">{counts[status]}</span></li>'
        for status in ("open", "ta", "withdrawn", "unchanged")
    )
    body = f"""<h1>Bargaining tracker</h1>
<p class="parties">{esc(record.union)} and {esc(record.employer)}</p>
<section class="counter" aria-label="Tentative agreements">
<p><strong id="ta-count">{counts["ta"]}</strong> of
<strong id="part-count">{len(record.parts)}</strong> parts tentatively agreed</p>
<ul class="counts">
{count_items}
</ul>
<p>Last session: <span id="last-session">{esc(record.last_session or "none yet")}</span></p>
</section>
{latest}
<form class="search" role="search" action="#" onsubmit="return false">
<label for="q">Search the contract</label>
<input id="q" type="search" autocomplete="off" placeholder="e.g. staffing, overtime, 12 days">
<p id="search-status" role="status" aria-live="polite"></p>
<ol id="search-results"></ol>
</form>
<div class="table-wrap">
<table id="parts">
<caption>Every part of the contract and where it stands</caption>
<thead><tr><th scope="col">Art.</th><th scope="col">Title</th><th scope="col">Status</th>
<th scope="col">Whose move</th><th scope="col">Last pass</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
<script src="search-index.js"></script>
<script src="search.js"></script>"""
    return page("Status", body, root="", site_name=f"{record.union} bargaining", nav_current="index.html")


def _part_page(record: PublicRecord, part: PublicPart, pairs: list[tuple[int, int]]) -> str:
    timeline: list[tuple[str, int, str]] = []  # (date, order, item): passes and TAs in date order
    for i, v in enumerate(part.versions):
        link = ""
        if i and (i - 1, i) in pairs:
            prev = part.versions[i - 1]
            link = f' · <a href="../compare/{part.id}/{prev.label}--{v.label}.html">what changed</a>'
        timeline.append((v.session, i, f"<li>{esc(_version_name(record, v))}{link}</li>"))
    for n, t in enumerate(part.tas):
        what = f"section {t.section}" if t.section else "the whole article"
        item = f"<li>Tentative agreement on {esc(what)}, signed {esc(t.date)}</li>"
        timeline.append((t.date, len(part.versions) + n, item))
    timeline.sort()
    available = [f"{part.versions[a].label}--{part.versions[b].label}" for a, b in pairs]
    options = "".join(
        f'<option value="{esc(v.label)}">{esc(_version_name(record, v))}</option>' for v in part.versions
    )
    compare = ""
    if len(part.versions) >= 2:
        links = "".join(
            f'<li><a href="../compare/{part.id}/{esc(p)}.html">{esc(p.replace("--", " → "))}</a></li>'
            for p in available
        )
        compare = f"""<section aria-labelledby="cmp"><h2 id="cmp">Compare two versions</h2>
<form class="compare" data-part="{esc(part.id)}" data-pairs="{esc(json.dumps(available))}"
  onsubmit="return false">
<label for="from">From</label><select id="from">{options}</select>
<label for="to">To</label><select id="to">{options}</select>
<button type="submit">Compare</button><p class="compare-status" role="status" aria-live="polite"></p>
</form>
<div id="compare-result" class="redline" aria-live="polite"></div>
<details><summary>All comparisons</summary><ul>{links}</ul></details>
{_versions_json(part)}</section>"""
    if part.ta_text is not None:
        text_h, text = "The tentatively agreed text", part.ta_text
    else:
        latest = next((v for v in reversed(part.versions) if v.text is not None), None)
        text_h = (
            f"The text on the table ({latest.label})" if latest and latest.party != "baseline" else "The text"
        )
        text = latest.text if latest else ""
    status = _status_cell(record, part)
    move = f" · {esc(record.party_name(part.move))}'s move" if part.move else ""
    body = f"""<p><a href="../index.html">← All parts</a></p>
{f'<p class="division">{esc(part.division)}</p>' if part.division else ""}
<h1>{esc(part.heading)}</h1>
<p>Status: {status}{move}{" · economic" if part.economic else ""}</p>
<section aria-labelledby="tl"><h2 id="tl">Timeline</h2>
<ol class="timeline">{"".join(item for *_, item in timeline) or "<li>No passes yet.</li>"}</ol></section>
{compare}
<section aria-labelledby="txt"><h2 id="txt">{esc(text_h)}</h2>
<div class="text">{paragraphs(text or "")}</div></section>
<script src="../search.js"></script>"""
    return page(part.heading, body, root="../", site_name=f"{record.union} bargaining")


def _versions_json(part: PublicPart) -> str:
    """The versions' texts, for search.js to compare any two (either way round) in the browser
    when that pair has no page of its own; the texts are public already, each on a compare page."""
    data = {v.label: v.text or "" for v in part.versions}
    payload = json.dumps(data, ensure_ascii=True, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/json" id="versions">{payload}</script>\n'


def _compare_page(record: PublicRecord, part: PublicPart, a: Version, b: Version) -> str:
    body = f"""<p><a href="../../parts/{part.id}.html">← {esc(part.heading)}</a></p>
<h1>{esc(part.heading)}: {esc(a.label)} → {esc(b.label)}</h1>
<p>From <strong>{esc(_version_name(record, a))}</strong> to <strong>{esc(_version_name(record, b))}</strong>.
Struck-through words were taken out, underlined words were added, and moved text is marked as moved.</p>
<div class="redline">{redline(a.text or "", b.text or "")}</div>"""
    return page(
        f"{part.title} {a.label} to {b.label}", body, root="../../", site_name=f"{record.union} bargaining"
    )


def _search_index(record: PublicRecord) -> str:
    entries = []
    for part in record.parts:
        latest = part.ta_text or next((v.text for v in reversed(part.versions) if v.text), "") or ""
        entries.append(
            {
                "id": part.id,
                "title": part.heading,
                "status": STATUS_WORDS[part.status],
                "text": " ".join(latest.split()),
            }
        )
    data = json.dumps(entries, ensure_ascii=True, sort_keys=True)
    # No markup characters even inside JSON strings: the data can never close a tag or open one.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return "window.PROPOSALS_INDEX = " + data + ";\n"


def build_site(repo: BargainingRepo, out: Path, since: str | None = None) -> Published:
    """Write the site into ``out`` (replaced whole, atomically: a half-written site never shows)."""
    record = public_record(repo)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ProposalsError(f"{out} exists and is not a folder")
    if out.exists() and any(out.iterdir()) and not (out / ".proposals-site").exists():
        raise ProposalsError(f"{out} is not empty and is not a site this tool wrote; choose another folder")
    root = repo.root.resolve()
    if out.resolve() == root or root in out.resolve().parents:
        raise ProposalsError(
            "write the site outside the bargaining repo (it would be committed with the record)"
        )
    files: dict[str, str] = {}
    files[".proposals-site"] = "written by proposals publish\n"
    files["site.css"] = (ASSETS / "site.css").read_text(encoding="utf-8")
    files["search.js"] = (ASSETS / "search.js").read_text(encoding="utf-8")
    files["search-index.js"] = _search_index(record)
    for part in record.parts:
        pairs = _pairs(part.versions)
        files[f"parts/{part.id}.html"] = _part_page(record, part, pairs)
        for a, b in pairs:
            va, vb = part.versions[a], part.versions[b]
            files[f"compare/{part.id}/{va.label}--{vb.label}.html"] = _compare_page(record, part, va, vb)
    dates = sorted({p.session for p in record.passes} | {t.date for t in record.tas})
    items = []
    for n, day in enumerate(dates):
        start = dates[n - 1] if n else "0001-01-01"
        update = build_update(record, day if not n else _next_day(start), day)
        files[f"updates/{day}.html"] = _update_page(record, update, f"Update {day}")
        items.append(f'<li><a href="updates/{day}.html">Session of {day}</a></li>')
    if since:
        update = build_update(record, since)
        files[f"updates/{update.since}.html"] = _update_page(record, update, f"Update since {update.since}")
        items.append(f'<li><a href="updates/{update.since}.html">Everything since {update.since}</a></li>')
    files["updates.html"] = page(
        "Updates",
        "<h1>Bargaining updates</h1>\n<ol reversed>" + "".join(reversed(items)) + "</ol>",
        root="",
        site_name=f"{record.union} bargaining",
        nav_current="updates.html",
    )
    glossary = "".join(f"<dt>{esc(t)}</dt><dd>{esc(d)}</dd>" for t, d in GLOSSARY)
    files["glossary.html"] = page(
        "Glossary",
        f"<h1>Words used at the table</h1>\n<dl>{glossary}</dl>",
        root="",
        site_name=f"{record.union} bargaining",
        nav_current="glossary.html",
    )
    files["index.html"] = _index(record, build_update(record, since).since if since else None)
    _write_atomically(out, files)
    return Published(
        out,
        sum(1 for f in files if f.endswith(".html")),
        len(record.parts),
        sum(1 for p in record.parts if p.status == "ta"),
    )


def _update_page(record: PublicRecord, update: Update, title: str) -> str:
    """One bargaining update as a page of the site, under updates/."""
    return page(
        title,
        f'<p><a href="../updates.html">← All updates</a></p>\n{render_html_body(record, update)}',
        root="../",
        site_name=f"{record.union} bargaining",
    )


def _next_day(day: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(day) + timedelta(days=1)).isoformat()


def _write_atomically(out: Path, files: dict[str, str]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".site-", dir=out.parent))
    except OSError as exc:
        raise ProposalsError(os_error_line(OSError(exc.errno, exc.strerror, str(out)))) from None
    try:
        for name, text in sorted(files.items()):
            write_file(staging / name, text, shared=True)
        if out.exists():
            old = out.with_name(out.name + ".old-site")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out, old)
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ProposalsError(os_error_line(OSError(exc.errno, exc.strerror, str(out)))) from None
