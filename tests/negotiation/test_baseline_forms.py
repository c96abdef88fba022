"""`baseline --from-text/--from-pdf/--dry-run` and the errors of contract intake (issue 11).

Every refusal is one line, a non-zero exit, and leaves the repo exactly as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLI, git, imported
from sync_support import held_open

CONTRACT = """COLLECTIVE BARGAINING AGREEMENT
between Northstar Health and Clinicians United

TABLE OF CONTENTS
ARTICLE 1 - RECOGNITION\t2
ARTICLE 2 - STAFFING\t3

This Agreement is entered into by Northstar Health and Clinicians United to set wages, hours and terms.

ARTICLE 1 - RECOGNITION
1.1 The Employer recognizes the Union.

ARTICLE 2 - STAFFING
2.1 Staff safely.

APPENDIX A - WAGE SCALES
Step 1\t$50.00
"""


# A PDF whose one page has no text layer, as a scanner writes it (the image left out).
SCAN = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _init(cli: CLI) -> Path:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    return cli.cwd / "talks"


def _state(repo: Path) -> tuple[str, str, list[str]]:
    return (
        git(repo, "status", "--porcelain", "--ignored"),
        git(repo, "for-each-ref"),
        sorted(p.name for p in (repo / "articles").iterdir()),
    )


def test_dry_run_lists_parts_and_skipped_lines_and_writes_nothing(cli: CLI, tmp_path: Path) -> None:
    repo = _init(cli)
    source = tmp_path / "contract.txt"
    source.write_text(CONTRACT)
    before = _state(repo)
    out = cli("-C", str(repo), "baseline", "--from-text", str(source), "--dry-run").out
    assert _state(repo) == before
    assert "Would import 4 parts" in out
    assert "preamble" in out and "recognition" in out and "wage-scales" in out
    assert "table of contents: ARTICLE 1 - RECOGNITION\\u00092" in out
    assert "cover page: COLLECTIVE BARGAINING AGREEMENT" in out
    out = cli("-C", str(repo), "baseline", "--from-text", str(source)).out
    assert "Baseline imported: 4 parts (1 preamble, 2 articles, 1 appendix)" in out
    assert (repo / "articles" / "recognition.txt").read_text() == (
        "ARTICLE 1 - RECOGNITION\n1.1 The Employer recognizes the Union.\n"
    )
    assert (repo / "articles" / "preamble.txt").read_text().startswith("PREAMBLE\n\nThis Agreement")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"Minutes of the meeting\nWe talked.\n", "no part headings found: read 2 paragraphs"),
        ("twice.txt", b"ARTICLE 3: A\nx\nARTICLE III: B\ny\n", "the same number is used twice: ARTICLE 3"),
        ("latin1.txt", "ARTICLE 1: \xc9T\xc9\n".encode("latin-1"), "not valid UTF-8"),
        ("scan.pdf", SCAN, "no text layer (a scanned PDF?)"),
        ("fake.pdf", b"PK\x03\x04 a zip", "not a PDF file"),
    ],
)  # fmt: skip
def test_bad_contracts_are_refused_in_one_line_and_nothing_is_written(
    cli: CLI, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    repo = _init(cli)
    source = tmp_path / name
    source.write_bytes(data)
    before = _state(repo)
    form = "--from-pdf" if name.endswith(".pdf") else "--from-text"
    err = cli("-C", str(repo), "baseline", form, str(source), ok=False).err
    assert message in err
    assert _state(repo) == before


def test_notes_say_what_was_found_instead(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("Minutes of the meeting\nWe talked.\n")
    err = cli("baseline", "--from-text", str(source), ok=False).err
    assert "the first lines look like 'Minutes of the meeting', 'We talked.'" in err


def test_a_failed_baseline_commit_leaves_no_file_behind(cli: CLI, tmp_path: Path) -> None:
    repo = _init(cli)
    source = tmp_path / "contract.txt"
    source.write_text(CONTRACT)
    before = _state(repo)
    # another git holds index.lock: the commit fails after the files are written
    with held_open(repo / ".git" / "index.lock"):
        cli("-C", str(repo), "baseline", "--from-text", str(source), ok=False)
    assert _state(repo) == before


def test_each_parts_kind_is_recorded_in_bargaining_toml_with_the_baseline(cli: CLI, tmp_path: Path) -> None:
    repo = _init(cli)
    source = tmp_path / "contract.txt"
    source.write_text(CONTRACT)
    cli("-C", str(repo), "baseline", "--from-text", str(source))
    config = git(repo, "show", "baseline:bargaining.toml")
    for part, kind in [("preamble", "preamble"), ("recognition", "article"), ("wage-scales", "appendix")]:
        assert f'[articles.{part}]\neconomic = false\nkind = "{kind}"\n' in config
    assert git(repo, "status", "--porcelain") == ""
    rows = json.loads(cli("-C", str(repo), "status", "--json").out)["articles"]
    assert [(r["id"], r["kind"]) for r in rows] == [
        ("preamble", "preamble"), ("recognition", "article"), ("staffing", "article"),
        ("wage-scales", "appendix")]  # fmt: skip


def test_a_letters_expiry_is_shown_and_a_bad_kind_or_date_is_refused(cli: CLI, tmp_path: Path) -> None:
    repo = _init(cli)
    source = tmp_path / "contract.txt"
    source.write_text(CONTRACT + "\nLETTER OF AGREEMENT #2: PARKING\nParking stays free.\n")
    cli("-C", str(repo), "baseline", "--from-text", str(source))
    config = repo / "bargaining.toml"
    recorded = '[articles.parking]\neconomic = false\nkind = "letter"\n'
    assert recorded in config.read_text()
    config.write_text(config.read_text().replace(recorded, recorded + "expires = 2026-06-30\n"))
    table = cli("-C", str(repo), "status").out
    assert "LOA 2  Parking (expires 2026-06-30)" in table and "App A  Wage Scales" in table
    good = config.read_text()
    config.write_text(good.replace('kind = "letter"', 'kind = "annex"'))
    err = cli("-C", str(repo), "status", ok=False).err
    assert "articles.parking.kind 'annex' must be one of preamble, article, appendix, letter" in err
    config.write_text(good.replace("2026-06-30", '"2026-02-30"'))
    assert "no such day" in cli("-C", str(repo), "status", ok=False).err


def test_a_part_id_that_collides_with_an_existing_file_is_refused(cli: CLI, tmp_path: Path) -> None:
    repo = _init(cli)
    (repo / "articles" / "recognition.txt").write_text("ARTICLE 1: RECOGNITION\nOur own draft.\n")
    source = tmp_path / "contract.txt"
    source.write_text(CONTRACT)
    before = _state(repo)
    err = cli("-C", str(repo), "baseline", "--from-text", str(source), ok=False).err
    assert "articles/recognition.txt already exists with other text; move it away first" in err
    assert _state(repo) == before
    assert (repo / "articles" / "recognition.txt").read_text() == "ARTICLE 1: RECOGNITION\nOur own draft.\n"


ATTACHED = """ARTICLE 1 - PURPOSE
1.01 This Agreement sets the terms of maintenance work.

ARTICLE 2 - OVERTIME
2.01 Overtime is paid at time and one half.

APPENDIX A - WAGE SCHEDULE
Journeyperson\t$52.10

LETTER OF UNDERSTANDING - LONG TERM MAINTENANCE
The parties agree to the following terms for long term maintenance work, which apply to every
employee hired onto a crew for more than six weeks at one site, in place of the Articles above.

Article 1 - Compressed Work Week Conditions
1.100 A compressed work week may be set for fourteen days or more.

Article 2 - Overtime
2.100 Overtime on a compressed schedule is paid at double time.

Article 3 - Bereavement
3.100 Three days of bereavement pay at the straight time rate.

APPENDIX A - COMPRESSED WORK WEEK SCHEDULES
Schedule A: four days on, three days off.
"""


def test_an_agreement_attached_with_its_own_numbering_is_one_part(cli: CLI, tmp_path: Path) -> None:
    """A real agreement (Boilermakers Local 146's) ends with a letter of understanding that
    numbers its own Articles and Appendices from 1 and A again. Before: the whole contract was
    refused ("the same number is used twice: ARTICLE 2, APPENDIX A"). Now the letter holds what
    follows it, every word kept, and the dry run says so; the same numbers twice with no letter
    or appendix between are still refused (test above)."""
    source = tmp_path / "attached.txt"
    source.write_text(ATTACHED, "utf-8")
    dry, texts = imported(cli, "--from-text", source)
    assert "LETTER OF UNDERSTANDING - LONG TERM MAINTENANCE holds the 4 headings after it" in dry
    assert sorted(texts) == ["long-term-maintenance", "overtime", "purpose", "wage-schedule"]
    letter = texts["long-term-maintenance"]
    assert letter.startswith("LETTER OF UNDERSTANDING - LONG TERM MAINTENANCE\n")
    tail = ATTACHED[ATTACHED.index("LETTER OF") :]
    assert [line for line in letter.splitlines() if line] == [line for line in tail.splitlines() if line]
