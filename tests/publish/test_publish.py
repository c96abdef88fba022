"""The members' site and bargaining updates: built from the real CLI, read back as files, opened in
a real browser (headless chromium), and scanned byte by byte for anything private."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser import axe_script, axe_violations, chromium, dump_dom, screenshot
from conftest import CLI, git

SECRETS = {
    "note": "SECRET-NOTE-strike-fund-is-low-7731",
    "draft": "SECRET-DRAFT-fallback-ratio-1-to-9-4410",
    "new-article": "SECRET-NEW-ARTICLE-never-proposed-5520",
    "kept-draft": "SECRET-KEPT-DRAFT-bottom-line-8812",
    "hidden": "SECRET-HIDDEN-PART-parking-9934",
    "session": "SECRET-SESSION-caucus-note-1207",
    "request": "SECRET-REQUEST-turnover-by-clinic-3318",
    "answer": "SECRET-ANSWER-note-figures-look-low-2207",
    "attachment": "SECRET-ATTACHMENT-bytes-6161",
    "roster": "SECRET-ROSTER-member-0412-salary-6650",
    "roster-id": "SECRETID0412",
    "costing": "SECRET-COSTING-backfill-position-8870",
    "costing-comment": "SECRET-COSTING-comment-walkaway-5549",
}


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("demo")
    cli = CLI(base)
    cli("demo", "demo")
    cli("-C", "demo", "publish", "-o", "site", "--since", "2024-06-01")
    return base / "demo", base / "site"


def test_demo_site_pages_counts_and_links(demo_site: tuple[Path, Path]) -> None:
    repo, site = demo_site
    status = json.loads(CLI(repo)("status", "--json").out)["articles"]
    index = (site / "index.html").read_text()
    ta = sum(1 for a in status if a["status"] == "ta")
    assert f'<strong id="ta-count">{ta}</strong>' in index
    assert f'<strong id="part-count">{len(status)}</strong>' in index
    assert f'<span id="count-open">{sum(1 for a in status if a["status"] == "open")}</span>' in index
    for article in status:
        page = site / "parts" / f"{article['id']}.html"
        assert page.exists(), article["id"]
        if article["last_pass"]:
            assert article["last_pass"]["pass"] in page.read_text()
    assert "TA (tentative agreement)" in (site / "glossary.html").read_text()
    assert (site / "updates" / "2024-06-01.html").exists()
    # Every link and script is relative and resolves to a file of the site; nothing external.
    for page in site.rglob("*.html"):
        text = page.read_text()
        assert not re.search(r"(src|href)=\"(https?:)?//", text), page
        for target in re.findall(r'(?:src|href)="([^"#]+)"', text):
            assert (page.parent / target).resolve().is_file(), f"{page}: broken link {target}"


def test_compare_pages_are_accessible_redlines(demo_site: tuple[Path, Path]) -> None:
    repo, site = demo_site
    pages = sorted((site / "compare" / "staffing").glob("*.html"))
    assert len(pages) >= 3
    text = "\n".join(p.read_text() for p in pages)
    assert "<del>" in text and "<ins>" in text
    assert '<span class="sr">[deleted: </span>' in text and '<span class="sr">[added: </span>' in text
    # The redline of one pass shows exactly what `proposals diff` shows for it.
    last = json.loads(CLI(repo)("log", "staffing", "--json").out)["passes"][-2:]
    a, b = last[0]["pass"], last[1]["pass"]
    ops = json.loads(CLI(repo)("diff", "staffing", "--from", a, "--to", b, "--json").out)["ops"]
    html = (site / "compare" / "staffing" / f"{a}--{b}.html").read_text()
    for op in ops:
        if op["op"] == "insert" and op["text"].strip() and not op["move"]:
            assert f"{op['text'].strip().split()[0]}" in html


def test_site_is_deterministic(tmp_path: Path, demo_site: tuple[Path, Path]) -> None:
    repo, site = demo_site
    CLI(tmp_path)("-C", str(repo), "publish", "-o", str(tmp_path / "again"), "--since", "2024-06-01")
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {
        p.relative_to(tmp_path / "again"): p.read_bytes()
        for p in (tmp_path / "again").rglob("*")
        if p.is_file()
    }
    assert first == second


def test_nothing_private_reaches_the_site_or_the_update(tmp_path: Path, cli: CLI, negotiation: Path) -> None:
    repo = negotiation
    (repo / "notes").mkdir(exist_ok=True)
    (repo / "notes" / "staffing.md").write_text(f"Our bottom line: {SECRETS['note']}\n")
    # A draft that their pass replaces is kept on refs/drafts/; then a new unsent draft.
    staffing = repo / "articles" / "staffing.txt"
    staffing.write_text(staffing.read_text() + f"\n6.4 {SECRETS['kept-draft']}\n")
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(staffing.read_text().split("\n6.4")[0].replace("five (5)", "four (4)") + "\n")
    cli(
        "-C",
        str(repo),
        "pass",
        "--party",
        "employer",
        "--session",
        "2024-03-19",
        "--from-file",
        str(theirs),
        "staffing",
    )
    assert SECRETS["kept-draft"] in git(repo, "show", "refs/drafts/staffing:staffing.txt")
    (repo / "articles" / "secret-new.txt").write_text(f"ARTICLE 30: NEW\n\n30.1 {SECRETS['new-article']}\n")
    # The session record through the real commands: a caucus note, a request, its answer and file.
    cli("-C", str(repo), "session", "open", "2024-03-26", "--union", "A. Rivera", "--employer", "M. Chen")
    cli("-C", str(repo), "session", "note", f"Employer caucused: {SECRETS['session']}", "--time", "10:40")
    cli("-C", str(repo), "session", "request", SECRETS["request"], "--due", "2024-04-09")
    sheet = tmp_path / "answer.csv"
    sheet.write_text(f"clinic,turnover\nA,{SECRETS['attachment']}\n")
    cli("-C", str(repo), "session", "answer", "R-1", "--file", str(sheet), "--note", SECRETS["answer"])
    # Costing: the private roster (imported) and the terms committed with our staffing pass.
    roster = tmp_path / "members.csv"
    roster.write_text(
        "id,classification,fte,base_pay\n"
        f"{SECRETS['roster-id']},{SECRETS['roster']},1.0,98000\n0413,physician,0.8,240000\n"
    )
    cli("-C", str(repo), "roster", "import", str(roster))
    terms = repo / "terms" / "union"
    terms.mkdir(parents=True, exist_ok=True)
    (terms / "staffing.toml").write_text(
        f"# {SECRETS['costing-comment']}\n[[staffing]]\n"
        f'position = "{SECRETS["costing"]}"\nper_clinician_fte = 0.25\nannual_wage = 52000\n'
    )
    committed = staffing.read_text()
    staffing.write_text(committed.replace("four (4)", "three (3)"))
    cli("-C", str(repo), "pass", "--party", "union", "staffing")
    # costing (the team's own document) reads the roster and terms; it is not a public output
    cli("-C", str(repo), "cost", "--years", "2024-2026", "--docx", str(tmp_path / "costing.docx"))
    parking = repo / "articles" / "parking.txt"
    parking.write_text(parking.read_text() + f"\n19.2 {SECRETS['hidden']}\n")
    cli("-C", str(repo), "pass", "--party", "union", "parking")
    cli("-C", str(repo), "session", "close")
    staffing.write_text(staffing.read_text() + f"\n6.5 {SECRETS['draft']}\n")
    with (repo / "bargaining.toml").open("a") as handle:
        handle.write('\n[publish]\nhide = ["parking"]\n')

    cli("-C", str(repo), "publish", "-o", str(tmp_path / "site"), "--since", "2024-01-01")
    out = all_bytes(tmp_path / "site")
    out += cli("-C", str(repo), "update", "--since", "2024-01-01").out.encode()
    out += cli("-C", str(repo), "update", "--since", "2024-01-01", "--html").out.encode()
    cli("-C", str(repo), "update", "--since", "2024-01-01", "--docx", str(tmp_path / "update.docx"))
    import zipfile

    with zipfile.ZipFile(tmp_path / "update.docx") as z:
        out += b"".join(z.read(n) for n in z.namelist())
    for what, secret in SECRETS.items():
        assert secret.encode() not in out, f"{what} leaked"
    assert not (tmp_path / "site" / "parts" / "parking.html").exists()
    assert b"four (4)" in out and b"three (3)" in out  # the recorded passes are public
    # ...while the team's own record keeps every secret (the scan would see them if they leaked).
    team = cli("-C", str(repo), "session", "show", "2024-03-26").out
    assert SECRETS["session"] in team and SECRETS["request"] in team
    assert SECRETS["costing"].encode() in git(repo, "show", "HEAD~1:terms/union/staffing.toml").encode()


def test_hostile_headings_are_escaped(tmp_path: Path, cli: CLI, negotiation: Path) -> None:
    staffing = negotiation / "articles" / "staffing.txt"
    lines = staffing.read_text().split("\n")
    lines[0] = 'ARTICLE 6: STAFFING <script>alert("x")</script> <img src=x onerror=alert(1)>'
    staffing.write_text("\n".join(lines))
    cli("-C", str(negotiation), "pass", "--party", "union", "--session", "2024-04-02", "staffing")
    cli("-C", str(negotiation), "publish", "-o", str(tmp_path / "site"))
    out = all_bytes(tmp_path / "site").decode()
    assert "<script>alert" not in out and "<img src=x" not in out
    assert "&lt;script&gt;alert" in out


def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, cli: CLI, negotiation: Path) -> None:
    cli("-C", str(negotiation), "publish", "-o", str(negotiation / "site-in-repo"), ok=False)
    assert not (negotiation / "site-in-repo").exists()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me")
    cli("-C", str(negotiation), "publish", "-o", str(busy), ok=False)
    assert (busy / "mine.txt").read_text() == "keep me" and len(list(busy.iterdir())) == 1
    cli("-C", str(negotiation), "update", "--since", "2024-02-30", ok=False)
    with (negotiation / "bargaining.toml").open("a") as handle:
        handle.write('\n[publish]\nhide = "parking"\n')
    cli("-C", str(negotiation), "publish", "-o", str(tmp_path / "site"), ok=False)
    assert not (tmp_path / "site").exists()


def test_update_says_what_happened(cli: CLI, negotiation: Path) -> None:
    md = cli("-C", str(negotiation), "update", "--since", "2024-03-01").out
    assert "# Bargaining update: 2024-03-01" in md
    assert "Pass E-1: Article 6: Staffing" in md
    assert "Pass U-1" not in md  # before the date
    assert "Clinicians United made no new proposals" in md
    latest = cli("-C", str(negotiation), "update").out  # no --since: the last session's update
    assert "# Bargaining update: 2024-03-05 to 2024-03-05" in latest and "Pass E-1" in latest


def test_update_before_anything_happened_is_a_one_line_error(cli: CLI) -> None:
    cli("init", "empty", "--union", "U", "--employer", "E")
    cli("-C", "empty", "update", ok=False)


needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="chromium is not installed (.ci/run installs it)"
)


@needs_chromium
def test_in_a_browser_search_and_counter(demo_site: tuple[Path, Path]) -> None:
    repo, site = demo_site
    dom = dump_dom((site / "index.html").as_uri() + "#q=staffing")
    results = dom[
        dom.index('<ol id="search-results">') : dom.index("</ol>", dom.index('<ol id="search-results">'))
    ]
    assert "parts/staffing.html" in results and "Staffing" in results
    assert re.search(r'id="search-status"[^>]*>\d+ parts? match', dom)
    status = json.loads(CLI(repo)("status", "--json").out)["articles"]
    assert f'<strong id="ta-count">{sum(1 for a in status if a["status"] == "ta")}</strong>' in dom
    nothing = dump_dom((site / "index.html").as_uri() + "#q=zzzzqqq")
    assert "0 parts match" in nothing


@needs_chromium
def test_in_a_browser_phone_and_desktop_screenshots(tmp_path: Path, demo_site: tuple[Path, Path]) -> None:
    _, site = demo_site
    for width in (360, 1280):
        shot = screenshot((site / "index.html").as_uri(), tmp_path / f"index-{width}.png", width)
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width
        assert len(data) > 20_000  # a rendered page, not a blank one


@needs_chromium
def test_in_a_browser_no_serious_accessibility_violations(demo_site: tuple[Path, Path]) -> None:
    _, site = demo_site
    axe = axe_script()
    if axe is None:
        pytest.skip("axe-core could not be installed from the npm registry (npm missing or offline)")
    for page in (
        site / "index.html",
        site / "parts" / "staffing.html",
        site / "glossary.html",
        next((site / "compare" / "staffing").glob("*.html")),
    ):
        violations = axe_violations(page, axe)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, f"{page.name}: {serious}"


@needs_chromium
def test_in_a_browser_any_two_passes_compared_either_way(tmp_path: Path, cli: CLI, negotiation: Path) -> None:
    """A long history gets pages for its usual pairs only; any other pair, in either direction,
    is compared in the browser from the embedded texts, with the same accessible marks."""
    from conftest import STAFFING

    text = STAFFING
    for n in range(10):  # U-1, E-1 exist; ten more passes take the part past the all-pairs limit
        party = "union" if n % 2 else "employer"
        text = text.replace(f"within ten ({10 + n - 1 if n else 10}) days", f"within ten ({10 + n}) days")
        text = text.replace("(a) Float", "(a) Float") + f"6.{4 + n} Extra {n}. Clause number {n} words.\n"
        (negotiation / "articles" / "staffing.txt").write_text(text)
        cli("-C", str(negotiation), "pass", "--party", party, "--session", f"2024-04-{n + 1:02d}", "staffing")
    # E-2's last clause moves above 6.1 in a later pass: a move, taken out and added whole.
    moved = "6.4 Extra 0. Clause number 0 words.\n"
    body = text.replace(moved, "")
    text = body.replace("6.1 Purpose.", moved + "\n6.1 Purpose.")
    (negotiation / "articles" / "staffing.txt").write_text(text)
    cli("-C", str(negotiation), "pass", "--party", "union", "--session", "2024-05-01", "staffing")
    cli("-C", str(negotiation), "publish", "-o", str(tmp_path / "site"))
    site = tmp_path / "site"
    pages = {p.stem for p in (site / "compare" / "staffing").glob("*.html")}
    assert "U-1--E-4" not in pages  # not a pair with its own page
    part = (site / "parts" / "staffing.html").as_uri()

    dom = dump_dom(part + "#from=U-1&to=E-4")
    result = dom[dom.index('id="compare-result"') : dom.index("</div>", dom.index('id="compare-result"'))]
    assert '<span class="sr">[added: </span>Extra 0' in result.replace("6.4 ", "")
    assert '<span class="sr">[deleted: </span>' in result  # "two (2)" went with E-1
    assert "U-1 compared with E-4" in dom

    back = dump_dom(part + "#from=E-4&to=U-1")
    result = back[back.index('id="compare-result"') : back.index("</div>", back.index('id="compare-result"'))]
    assert '<span class="sr">[deleted: </span>' in result and "Extra 0" in result
    assert '<span class="sr">[added: </span>' not in result.split("Extra 0")[0][-60:]

    last = dump_dom(part + "#from=E-4&to=U-7")
    result = last[last.index('id="compare-result"') : last.index("</div>", last.index('id="compare-result"'))]
    assert '<del class="moved"><span class="sr">[moved from here: </span>' in result
    assert '<ins class="moved"><span class="sr">[moved here: </span>' in result


def test_update_lists_the_packages_exchanged(tmp_path: Path, cli: CLI, negotiation: Path) -> None:
    from conftest import SCHEDULING, STAFFING

    repo = str(negotiation)
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "eight (8)"))
    (negotiation / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("eight (8)", "ten (10)"))
    title = "Floats <b>& hours</b>"
    cli(
        "-C",
        repo,
        "pass",
        "--party",
        "union",
        "--session",
        "2024-04-02",
        "--package",
        title,
        "staffing",
        "scheduling",
    )
    cli("-C", repo, "package", "reject", "P-1", "--session", "2024-04-09")
    md = cli("-C", repo, "update", "--since", "2024-04-01").out
    assert "## Packages exchanged" in md
    plain = md.replace("\\", "")
    assert (
        'Clinicians United proposed package P-1 ("Floats <b>& hours</b>") (pass U-2, 2024-04-02): '
        "Article 6: Staffing; Article 5: Scheduling. All or nothing" in plain
    )
    assert (
        'Northstar Health rejected package P-1 ("Floats <b>& hours</b>") as a whole on 2024-04-09.' in plain
    )
    assert "\\<b\\>" in md  # Markdown cannot turn their title into markup
    html = cli("-C", repo, "update", "--since", "2024-04-01", "--html").out
    assert "Floats &lt;b&gt;&amp; hours" in html and "<h2>Packages exchanged</h2>" in html
    cli("-C", repo, "update", "--since", "2024-04-01", "--docx", str(tmp_path / "u.docx"))
    import zipfile

    with zipfile.ZipFile(tmp_path / "u.docx") as z:
        assert "rejected package P-1" in z.read("word/document.xml").decode()
    cli("-C", repo, "publish", "-o", str(tmp_path / "site"), "--since", "2024-04-01")
    assert "rejected package P-1" in (tmp_path / "site" / "updates" / "2024-04-01.html").read_text()
    # Not since the rejection: the proposal is not news any more.
    assert "proposed package" not in cli("-C", repo, "update", "--since", "2024-04-05").out
