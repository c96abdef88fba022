"""A contract's divisions ("PART A - GENERAL") survive the round: the baseline records the one
each part stands under in bargaining.toml (``division``), and compile (clean and redline, with
its contents), the Word export of a pass (tracked and clean) and the members' site show it above
the first part of each division. A compiled contract read back as a baseline gives the same
divisions; a contract without divisions writes no ``division`` setting at all.

Before: the division lines were skipped at intake and forgotten, so the ratified contract came
back from ``compile`` without its PART headings.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import docx
from conftest import CLI

HOSTILE = 'PART B - <b>PAY</b> & "HOURS" \x1b[31m'
SHOWN = 'PART B - <b>PAY</b> & "HOURS" [31m'  # a division is a one-line label: no escape character
CONTRACT = f"""COLLECTIVE AGREEMENT

This Agreement is made between Northstar Health and Clinicians United for the terms set out below.

PART A - GENERAL

ARTICLE 1 - RECOGNITION

1.1 The Employer recognises the Union as the exclusive representative.

ARTICLE 2 - MANAGEMENT RIGHTS

2.1 The Employer retains the right to manage.

{HOSTILE}

ARTICLE 3 - WAGES

3.1 Wages are set out in Appendix A.

APPENDIX A - WAGE SCALES

Step 1 $50.00
"""


def _baseline(cli: CLI, tmp_path: Path, text: str, name: str = "talks") -> Path:
    cli("init", name, "--union", "Clinicians United", "--employer", "Northstar Health")
    source = tmp_path / f"{name}.txt"
    source.write_text(text)
    cli("-C", name, "baseline", "--from-text", str(source))
    return tmp_path / name


def _settings(repo: Path) -> dict[str, str]:
    data = tomllib.loads((repo / "bargaining.toml").read_text())
    return {i: m.get("division", "") for i, m in data.get("articles", {}).items()}


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _headings_and_divisions(path: Path) -> list[str]:
    return [t for t in _paragraphs(path) if t.startswith(("PART", "ARTICLE", "APPENDIX", "PREAMBLE"))]


def test_the_baseline_records_each_part_division(cli: CLI, tmp_path: Path) -> None:
    repo = _baseline(cli, tmp_path, CONTRACT)
    assert _settings(repo) == {
        "preamble": "",
        "recognition": "PART A - GENERAL",
        "management-rights": "PART A - GENERAL",
        "wages": SHOWN,
        "wage-scales": SHOWN,
    }


def test_compile_shows_each_division_above_its_first_part_and_reads_back(cli: CLI, tmp_path: Path) -> None:
    repo = _baseline(cli, tmp_path, CONTRACT)
    order = [
        "PREAMBLE",
        "PART A - GENERAL",
        "ARTICLE 1 - RECOGNITION",
        "ARTICLE 2 - MANAGEMENT RIGHTS",
        SHOWN,
        "ARTICLE 3 - WAGES",
        "APPENDIX A - WAGE SCALES",
    ]
    for flags in ([], ["--redline"]):
        out = tmp_path / f"compiled{len(flags)}.docx"
        cli("-C", str(repo), "compile", "-o", str(out), *flags)
        assert _headings_and_divisions(out) == order
        xml = docx.Document(str(out)).element.xml
        assert xml.count("_TocPart") >= 2 * len(order)  # every entry links to its heading
        assert "&lt;b&gt;PAY&lt;/b&gt; &amp;" in xml
    cli("init", "next", "--union", "Clinicians United", "--employer", "Northstar Health")
    cli("-C", "next", "baseline", "--from-docx", str(tmp_path / "compiled0.docx"))
    assert _settings(tmp_path / "next") == _settings(repo)


def test_a_pass_export_shows_the_divisions_of_its_parts(cli: CLI, tmp_path: Path) -> None:
    repo = _baseline(cli, tmp_path, CONTRACT)
    for part_id in ("recognition", "wages"):
        path = repo / "articles" / f"{part_id}.txt"
        path.write_text(path.read_text().replace(".1 ", ".1 Changed. "))
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "recognition", "wages")
    for mode in ("tracked", "clean", "redline"):
        out = tmp_path / f"{mode}.docx"
        cli("-C", str(repo), "export", "recognition", "wages", "--to", "U-1", "--mode", mode, "-o", str(out))
        heads = _headings_and_divisions(out)
        assert heads == ["PART A - GENERAL", "ARTICLE 1 - RECOGNITION", SHOWN, "ARTICLE 3 - WAGES"], mode


def test_the_site_heads_each_division_escaped(cli: CLI, tmp_path: Path) -> None:
    repo = _baseline(cli, tmp_path, CONTRACT)
    cli("-C", str(repo), "publish", "-o", str(tmp_path / "site"))
    index = (tmp_path / "site" / "index.html").read_text()
    rows = [line for line in index.splitlines() if 'class="division"' in line]
    assert rows == [
        '<tr class="division"><th colspan="5" scope="rowgroup">PART A - GENERAL</th></tr>',
        '<tr class="division"><th colspan="5" scope="rowgroup">'
        "PART B - &lt;b&gt;PAY&lt;/b&gt; &amp; &quot;HOURS&quot; [31m</th></tr>",
    ]
    assert index.index("PART A - GENERAL") < index.index("parts/recognition.html")
    assert index.index("&lt;b&gt;PAY") < index.index("parts/wages.html")
    page = (tmp_path / "site" / "parts" / "wages.html").read_text()
    assert '<p class="division">PART B - &lt;b&gt;PAY&lt;/b&gt;' in page
    assert "<b>PAY" not in index + page


def test_a_contract_without_divisions_records_none(cli: CLI, tmp_path: Path) -> None:
    plain = CONTRACT.replace("PART A - GENERAL\n", "").replace(HOSTILE + "\n", "")
    repo = _baseline(cli, tmp_path, plain)
    assert "division" not in (repo / "bargaining.toml").read_text()
    out = tmp_path / "compiled.docx"
    cli("-C", str(repo), "compile", "-o", str(out))
    assert not [t for t in _paragraphs(out) if t.startswith("PART")]


def test_a_dry_run_lists_each_division_above_its_parts(cli: CLI, tmp_path: Path) -> None:
    """What a team checks before importing: the divisions it will record, escaped, each once
    above the parts it groups; nothing is written."""
    source = tmp_path / "contract.txt"
    source.write_text(CONTRACT)
    out = cli("baseline", "--from-text", str(source), "--dry-run").out
    lines = out.splitlines()
    division_a = lines.index("  division: PART A - GENERAL")
    division_b = lines.index('  division: PART B - <b>PAY</b> & "HOURS" [31m')
    assert [n for n, line in enumerate(lines) if line.startswith("  division:")] == [division_a, division_b]
    assert division_a < next(n for n, line in enumerate(lines) if "recognition" in line) < division_b
    assert division_b < next(n for n, line in enumerate(lines) if " wages " in f" {line} ")
    assert "\x1b" not in out
    plain = tmp_path / "plain.txt"
    plain.write_text(CONTRACT.replace("PART A - GENERAL\n", "").replace(HOSTILE + "\n", ""))
    assert "division:" not in cli("baseline", "--from-text", str(plain), "--dry-run").out
