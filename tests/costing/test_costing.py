"""Costing: hand-computed cases to the cent, through the real CLI on real git repos."""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal
from pathlib import Path

from conftest import CLI, git
from costing_support import ROSTER, economic_repo

RAISES = """
[[across_the_board]]
year = 2025
percent = 3

[[across_the_board]]
year = 2026
percent = 2
effective = 2026-07-02
"""

CUT = """
[[across_the_board]]
year = 2025
percent = -2
"""


def cost_json(cli: CLI, repo: Path, *args: str) -> dict:
    return json.loads(cli("-C", str(repo), "cost", "--json", *args).out)


def test_a_mid_year_raise_to_the_cent(tmp_path: Path, cli: CLI) -> None:
    # Payroll 200000*1.0 + 120000*0.5 + 100000*0.8 = 340000.
    # 2025: 3% all year = 10200.00.  2026: 2% more from 2 July, in force 183 of 365 days:
    # 340000 * (1.03 * (1 + 0.02*183/365) - 1) = 13711.5945... -> 13711.59.
    repo = economic_repo(tmp_path, cli, RAISES, CUT)
    data = cost_json(cli, repo)
    assert data["members"] == 3
    union, employer = data["positions"]
    assert (union["party"], union["pass"]) == ("union", "U-1")
    assert [(y["year"], y["cost"], y["percent_of_payroll"]) for y in union["years"]] == [
        ("2025", "10200.00", "3.00"),
        ("2026", "13711.59", "4.03"),
    ]
    assert union["total"] == "23911.59"
    assert union["members_gaining"] == 3 and union["members_losing"] == 0
    # The employer's 2% cut: -6800.00 each year (a cut carries into 2026).
    assert [y["cost"] for y in employer["years"]] == ["-6800.00", "-6800.00"]
    assert employer["members_losing"] == 3
    assert data["difference"] == [{"year": "2025", "cost": "17000.00"}, {"year": "2026", "cost": "20511.59"}]
    assert Decimal(union["total"]) == sum(Decimal(y["cost"]) for y in union["years"])


def test_rollup_follows_pay(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES)
    data = cost_json(cli, repo, "--rollup", "10")
    years = data["positions"][0]["years"]
    # 10200 * 1.1 and 13711.5945... * 1.1 = 15082.7539...; % of the loaded payroll is unchanged.
    assert [y["cost"] for y in years] == ["11220.00", "15082.75"]
    assert years[0]["percent_of_payroll"] == "3.00"
    assert years[0]["one_percent"] == "3740.00"  # 1% of 340000 * 1.1


def test_pto_days_at_the_daily_rate(tmp_path: Path, cli: CLI) -> None:
    # 5 days per FTE at pay/260: 5 * 340000 / 260 = 6538.4615... -> 6538.46 a year.
    repo = economic_repo(tmp_path, cli, "[pto]\ndays_per_fte = 5\nfrom_year = 2025\n")
    data = cost_json(cli, repo, "--years", "2025-2026")
    years = data["positions"][0]["years"]
    assert [y["cost"] for y in years] == ["6538.46", "6538.46"]
    assert years[0]["components"]["pto"] == "6538.46"


def test_a_step_table_with_step_movement(tmp_path: Path, cli: CLI) -> None:
    # The contract in force: physicians on 100k/110k/120k, moving a step a year. The union's
    # schedule adds 5,000 to every step. Members: P1 at step 2 (110k, then 120k), P2 at the top.
    repo = economic_repo(
        tmp_path, cli, "[schedule]\nstep_movement = true\nsteps.physician = [105000, 115000, 125000]\n"
    )
    (repo / "terms" / "baseline").mkdir()
    (repo / "terms" / "baseline" / "wages.toml").write_text(
        "[schedule]\nsteps.physician = [100000, 110000, 120000]\n"
    )
    roster = tmp_path / "steps.csv"
    roster.write_text("id,classification,fte,step\nP1,physician,1,2\nP2,physician,0.5,3\n")
    cli("-C", str(repo), "roster", "import", str(roster))
    data = cost_json(cli, repo, "--years", "2025-2026")
    # Each year: 5000 * 1.0 + 5000 * 0.5 = 7500; payroll 2025 = 110000 + 60000 = 170000.
    assert [y["cost"] for y in data["positions"][0]["years"]] == ["7500.00", "7500.00"]
    assert data["positions"][0]["years"][0]["payroll"] == "170000.00"
    member = json.loads(cli("-C", str(repo), "cost", "--member", "P1", "--json", "--years", "2025-2026").out)
    assert [(y["status_quo"], y["proposed"]) for y in member["positions"][0]["years"]] == [
        ("110000.00", "115000.00"),
        ("120000.00", "125000.00"),
    ]
    roster.write_text("id,classification,fte,step\nP1,physician,1,4\n")
    cli("-C", str(repo), "roster", "import", str(roster))
    err = cli("-C", str(repo), "cost", "--years", "2025-2026", ok=False).err
    assert "step 4 is outside the physician schedule" in err


def test_lump_sums_protected_time_and_staffing(tmp_path: Path, cli: CLI) -> None:
    terms = """
[[lump_sum]]
year = 2025
amount = 1000
per = "fte"

[protected_time]
hours_per_week = 2
cost_as = "backfill"
backfill_rate = 100

[[staffing]]
position = "medical assistant"
per_clinician_fte = 0.5
annual_wage = 40000
from_year = 2026
"""
    repo = economic_repo(tmp_path, cli, terms)
    years = cost_json(cli, repo)["positions"][0]["years"]
    # FTE 2.3. Lump 1000*2.3 = 2300 (2025 only). Backfill 2h*52*100*2.3 = 23920 a year.
    # Staffing from 2026: 0.5 * 2.3 * 40000 = 46000.
    assert [y["components"]["lump_sums"] for y in years] == ["2300.00", "0.00"]
    assert [y["components"]["protected_time"] for y in years] == ["23920.00", "23920.00"]
    assert [y["components"]["staffing"] for y in years] == ["0.00", "46000.00"]
    assert [y["cost"] for y in years] == ["26220.00", "69920.00"]


def test_staffing_ratios_per_classification(tmp_path: Path, cli: CLI) -> None:
    terms = """
[[staffing]]
position = "medical assistant"
per_clinician_fte = 1.5
annual_wage = 40000
classifications = ["physician"]

[[staffing]]
position = "medical assistant"
per_clinician_fte = 1.25
annual_wage = 40000
classifications = ["NP", "pa"]

[[staffing]]
position = "registered nurse"
per_clinician_fte = 0.1
annual_wage = 90000
"""
    repo = economic_repo(tmp_path, cli, terms)
    years = cost_json(cli, repo, "--years", "2025", "--rollup", "10")["positions"][0]["years"]
    # Physician FTE 1.0: 1.5 * 1.0 * 40000 = 60000. NP and PA FTE 0.5 + 0.8 = 1.3:
    # 1.25 * 1.3 * 40000 = 65000. Nurses for all 2.3 FTE: 0.1 * 2.3 * 90000 = 20700.
    # 145700 with 10% roll-up = 160270.00.
    assert years[0]["components"]["staffing"] == "160270.00"
    (repo / "terms" / "union" / "wages.toml").write_text(terms.replace('"pa"', '"scribe"'))
    err = cli("-C", str(repo), "cost", "--pass", "draft", "--years", "2025", ok=False).err
    assert "staffing[2]: unknown classification 'scribe'" in err and len(err.splitlines()) == 1


def test_protected_time_as_lost_capacity(tmp_path: Path, cli: CLI) -> None:
    # 4 h/week * 52 = 208 h per FTE at pay/2080: 340000 * 208/2080 = 34000.
    repo = economic_repo(tmp_path, cli, "[protected_time]\nhours_per_week = 4\n")
    data = cost_json(cli, repo, "--years", "2025")
    assert data["positions"][0]["years"][0]["cost"] == "34000.00"


def test_a_differential_as_a_percent_of_hourly_pay(tmp_path: Path, cli: CLI) -> None:
    # 100 call hours per FTE at 10% of pay/2080: 340000 * 100 * 0.1 / 2080 = 1634.6153... -> 1634.62
    terms = '[[differential]]\nname = "call"\nhours_per_fte = 100\npercent = 10\n'
    repo = economic_repo(tmp_path, cli, terms)
    data = cost_json(cli, repo, "--years", "2025")
    assert data["positions"][0]["years"][0]["cost"] == "1634.62"


def test_terms_travel_with_the_pass(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES, CUT)
    assert "percent = 3" in git(repo, "show", "U-1:terms/union/wages.toml")
    assert "percent = -2" in git(repo, "show", "E-1:terms/employer/wages.toml")
    assert git(repo, "show", "--name-only", "--format=", "E-1^{commit}").split() == [
        "articles/wages.txt",
        "terms/employer/wages.toml",
    ]
    # A later union pass costs its own terms; the earlier pass still costs as it was.
    (repo / "terms" / "union" / "wages.toml").write_text(RAISES.replace("percent = 3", "percent = 4"))
    (repo / "articles" / "wages.txt").write_text(
        (repo / "articles" / "wages.txt").read_text() + "\n12.2 More.\n"
    )
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2024-04-01", "wages")
    assert cost_json(cli, repo, "--pass", "U-1")["positions"][0]["years"][0]["cost"] == "10200.00"
    assert cost_json(cli, repo, "--pass", "union")["positions"][0]["years"][0]["cost"] == "13600.00"
    both = cost_json(cli, repo, "--pass", "E-1", "--vs", "U-2")
    assert [p["pass"] for p in both["positions"]] == ["E-1", "U-2"]
    assert both["difference"][0]["cost"] == "-20400.00"


def test_draft_terms_are_costed_before_they_go_across(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES)
    (repo / "terms" / "union" / "wages.toml").write_text(CUT.replace("-2", "1"))
    data = cost_json(cli, repo, "--pass", "draft", "--years", "2025")
    assert data["positions"][0]["pass"] == "draft"
    assert data["positions"][0]["years"][0]["cost"] == "3400.00"


def test_a_bad_terms_file_stops_the_pass_with_nothing_written(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES)
    head = git(repo, "rev-parse", "HEAD")
    (repo / "articles" / "wages.txt").write_text(
        (repo / "articles" / "wages.txt").read_text() + "\n12.2 More.\n"
    )
    (repo / "terms" / "union" / "wages.toml").write_text("[[across_the_board]]\nyear = 2025\npercent = \n")
    err = cli("-C", str(repo), "pass", "--party", "union", "wages", ok=False).err
    assert "terms/union/wages.toml" in err and "line 3" in err
    (repo / "terms" / "union" / "wages.toml").write_text("[[across_the_board]]\nyear = 2025\npercnt = 3\n")
    err = cli("-C", str(repo), "pass", "--party", "union", "wages", ok=False).err
    assert "across_the_board.percnt: unknown key" in err
    assert git(repo, "rev-parse", "HEAD") == head
    assert "U-2" not in git(repo, "tag")


def test_claims_are_checked(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES, CUT)
    # U-1 by this method: 3.00% + 4.03% = 7.03%.
    right = cli("-C", str(repo), "cost", "--claim", "U-1=7%")
    assert "right by this method, which gives 7.03%" in right.out
    wrong = cli("-C", str(repo), "cost", "--claim", "E-1=21%", ok=None)
    assert wrong.code == 1
    assert "not right" in wrong.out and "-4.00%" in wrong.out and "wages: -4.00%" in wrong.out
    err = cli("-C", str(repo), "cost", "--claim", "E-7=21%", ok=False).err
    assert "no pass 'E-7'" in err
    err = cli("-C", str(repo), "cost", "--claim", "nonsense", ok=False).err
    assert "invalid claim" in err


def test_a_claim_on_a_pass_without_terms(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES)
    (repo / "articles" / "parking.txt").write_text("ARTICLE 19: PARKING\n\n19.1 Free parking.\n")
    cli("-C", str(repo), "pass", "--party", "employer", "--session", "2024-03-05", "parking")
    err = cli("-C", str(repo), "cost", "--claim", "E-1=21%", ok=False).err
    assert "pass E-1 carries no costing terms" in err


def test_roster_import_bad_rows_one_line_each_nothing_written(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES)
    before = (repo / ".git" / "proposals" / "roster.csv").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "id,classification,fte,base_pay,clinic\n"
        "X1,physician,-0.5,200000,North\n"
        "X2,NP,1,,South\n"
        "X3,PA,1,90000,North\n"
        "X3,PA,1,90000,North\n"
    )
    result = cli("-C", str(repo), "roster", "import", str(bad), ok=None)
    assert result.code != 0
    lines = result.err.splitlines()
    assert lines == [
        "proposals: error: bad.csv row 2: member X1: negative FTE -0.5",
        "proposals: error: bad.csv row 3: member X2: no pay "
        "(no base_pay, and no step or years_of_service on a schedule)",
        "proposals: error: bad.csv row 5: member id X3 appears twice",
    ]
    assert (repo / ".git" / "proposals" / "roster.csv").read_bytes() == before


def test_roster_columns_mapped_and_xlsx(tmp_path: Path, cli: CLI) -> None:
    from openpyxl import Workbook

    repo = economic_repo(tmp_path, cli, RAISES)
    book = Workbook()
    book.active.append(["Emp ID", "Class", "FTE", "Salary", "Site"])
    book.active.append(["0412", "physician", 1, 250000.0, "East"])
    book.active.append(["0413", "NP", 0.6, 150000, "West"])
    book.save(tmp_path / "members.xlsx")
    err = cli("-C", str(repo), "roster", "import", str(tmp_path / "members.xlsx"), ok=False).err
    assert "no column 'id'" in err
    cli(
        "-C",
        str(repo),
        "roster",
        "import",
        str(tmp_path / "members.xlsx"),
        "--map",
        "id=Emp ID,classification=Class,base_pay=Salary",
        "--map",
        "clinic=Site",
    )
    shown = json.loads(cli("-C", str(repo), "roster", "show", "--json").out)
    assert shown == {
        "members": 2,
        "by_classification": {"NP": {"members": 1, "fte": "0.6"}, "physician": {"members": 1, "fte": "1"}},
    }
    data = cost_json(cli, repo, "--years", "2025")
    assert data["positions"][0]["years"][0]["cost"] == "10200.00"  # 3% of 250000 + 90000
    member = cli("-C", str(repo), "cost", "--member", "0412", "--years", "2025").out
    assert "$250,000.00" in member and "$257,500.00" in member


def test_unknown_classification_and_bad_input(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES)
    for args, message in (
        (("--years", "2028-2025"), "invalid years"),
        (("--rollup", "abc"), "not a number"),
        (("--member", "nobody"), "no member 'nobody'"),
        (("--xlsx", "out.txt"), "ending in .xlsx"),
        (("--vs", "U-1"), "--vs needs --pass"),
    ):
        assert message in cli("-C", str(repo), "cost", *args, ok=False).err
    terms = '[[across_the_board]]\nyear = 2025\npercent = 3\nclassifications = ["nurse"]\n'
    (repo / "terms" / "union" / "wages.toml").write_text(terms)
    err = cli("-C", str(repo), "cost", "--pass", "draft", ok=False).err
    assert "unknown classification 'nurse'" in err


def test_no_roster_and_no_terms(tmp_path: Path, cli: CLI, negotiation: Path) -> None:
    err = cli("-C", str(negotiation), "cost", ok=False).err
    assert "no roster yet" in err
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER)
    cli("-C", str(negotiation), "roster", "import", str(roster))
    assert "no pass carries costing terms" in cli("-C", str(negotiation), "cost", ok=False).err


def test_outputs_csv_xlsx_docx(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES, CUT)
    csv_out = cli("-C", str(repo), "cost", "--csv").out.splitlines()
    assert csv_out[0] == "party,pass,year,item,cost,percent_of_payroll,payroll"
    assert "union,U-1,2025,total,10200.00,3.00,340000.00" in csv_out
    assert "difference,,2026,total,20511.59,," in csv_out
    cli("-C", str(repo), "cost", "--xlsx", "costing.xlsx")  # relative to where it runs, not to -C
    from openpyxl import load_workbook

    sheet = load_workbook(cli.cwd / "costing.xlsx").worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert "INTERNAL" in rows[0][0]
    assert ("union", "U-1", "2025", "total", 10200, 3, 340000) in rows  # numbers as numbers
    cli("-C", str(repo), "cost", "--docx", "costing.docx")
    assert not (repo / "costing.xlsx").exists() and not (repo / "costing.docx").exists()
    with zipfile.ZipFile(cli.cwd / "costing.docx") as z:
        xml = z.read("word/document.xml").decode() + z.read("word/header1.xml").decode()
    assert "INTERNAL" in xml and "$10,200.00" in xml
    table = cli("-C", str(repo), "cost").out
    assert "Union U-1 (2024-02-20)" in table and "$23,911.59" in table and "value of 1%" in table


TABLE_WAGES = """ARTICLE 12: WAGES

12.1 Wages. Full-time annual salaries are:

| Classification | Step 1 | Step 2 |
| --- | --- | --- |
| Physician | $200,000.00 | $210,000.00 |
| NP | $120,000.00 | $125,000.00 |
| PA | $100,000.00 | $105,000.00 |
"""


def test_the_wage_table_in_the_text_is_the_schedule(tmp_path: Path, cli: CLI) -> None:
    # The terms take the article's own table, so text and numbers cannot disagree.
    repo = economic_repo(tmp_path, cli, RAISES)
    (repo / "articles" / "wages.txt").write_text(TABLE_WAGES)
    (repo / "terms" / "union" / "wages.toml").write_text("[schedule]\nfrom_article = true\n" + RAISES)
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2024-04-01", "wages")
    steps = tmp_path / "steps.csv"
    steps.write_text("id,classification,fte,base_pay,step\nA1,physician,1,200000,2\nB2,NP,0.5,120000,1\n")
    cli("-C", str(repo), "roster", "import", str(steps))
    member = json.loads(cli("-C", str(repo), "cost", "--member", "A1", "--json", "--years", "2025").out)
    # Step 2 of the table, moving to the top step: 210000 * 1.03.
    assert member["positions"][0]["years"][0]["proposed"] == "216300.00"


def test_a_schedule_that_disagrees_with_the_text_is_refused(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, RAISES)
    head = git(repo, "rev-parse", "HEAD")
    (repo / "articles" / "wages.txt").write_text(TABLE_WAGES)
    schedule = "[schedule]\nsteps.physician = [200000, 211000]\nsteps.NP = [120000, 125000]\n"
    (repo / "terms" / "union" / "wages.toml").write_text(schedule + "steps.PA = [100000, 105000]\n")
    err = cli("-C", str(repo), "pass", "--party", "union", "wages", ok=False).err
    assert "disagrees with the wage table in articles/wages.txt on physician" in err
    assert "200,000.00, 211,000.00 in the terms, 200,000.00, 210,000.00 in the text" in err
    assert git(repo, "rev-parse", "HEAD") == head
    # Costing our draft checks the same.
    assert "disagrees" in cli("-C", str(repo), "cost", "--pass", "draft", ok=False).err


def test_a_private_roster_edited_by_hand_is_checked_row_by_row(tmp_path: Path, cli: CLI) -> None:
    # The private copy is read on a fast path (it was checked at import); a hand edit that breaks
    # it is still caught by the full check, one line naming the row.
    repo = economic_repo(tmp_path, cli, RAISES)
    private = repo / ".git" / "proposals" / "roster.csv"
    assert cost_json(cli, repo)["positions"][0]["total"] == "23911.59"
    private.write_text(private.read_text().replace("B2,NP,0.5,", "B2,NP,-0.5,"))
    err = cli("-C", str(repo), "cost", ok=False).err
    assert err.strip().splitlines() == ["proposals: error: roster.csv row 3: member B2: negative FTE -0.5"]
    private.write_text(private.read_text().replace("B2,NP,-0.5,", "B2,NP,0.5,").replace("North", "No\x07rth"))
    assert "row 2" in cli("-C", str(repo), "cost", ok=False).err


def test_every_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, "[schedule]\nsteps.physician = [105000, 115000]\n")
    private = repo / ".git" / "proposals" / "roster.csv"
    draft = repo / "terms" / "union" / "wages.toml"
    steps = tmp_path / "steps.csv"
    steps.write_text("id,classification,fte,step\nP1,physician,1,3\n")

    def snapshot() -> tuple[str, str, bytes]:
        return git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"), private.read_bytes()

    def refused(*args: str) -> str:
        """The error line; no output file, the roster, the repo and its history as they were."""
        state = snapshot()
        err = cli("-C", str(repo), *args, ok=False).err  # ok=False: exactly one line, no traceback
        assert not list(tmp_path.glob("out.*")) and not list(repo.glob("out.*"))
        assert snapshot() == state
        return err

    # A terms file that does not parse: the file, the line; a bad key: the key.
    draft.write_text("[[across_the_board]]\nyear = 2025\npercent = = 3\n")
    err = refused("cost", "--pass", "draft", "--years", "2025", "--xlsx", str(tmp_path / "out.xlsx"))
    assert "terms/union/wages.toml" in err and "line 3" in err
    draft.write_text("[[across_the_board]]\nyear = 2025\npercent = 3\nclassification = 1\n")
    err = refused("cost", "--pass", "draft", "--years", "2025", "--docx", str(tmp_path / "out.docx"))
    assert "across_the_board.classification: unknown key" in err
    # An unknown classification.
    draft.write_text('[[across_the_board]]\nyear = 2025\npercent = 3\nclassifications = ["nurse"]\n')
    assert "unknown classification 'nurse'" in refused(
        "cost", "--pass", "draft", "--years", "2025", "--xlsx", str(tmp_path / "out.xlsx")
    )
    git(repo, "checkout", "--", "terms")
    # A step outside the schedule: the import itself is fine, costing refuses it.
    cli("-C", str(repo), "roster", "import", str(steps))
    assert "step 3 is outside the physician schedule" in refused(
        "cost", "--years", "2025", "--xlsx", str(tmp_path / "out.xlsx")
    )
    # Negative FTE and a row without pay: the import refuses them, the roster stays.
    steps.write_text("id,classification,fte,base_pay\nP1,physician,-1,100000\n")
    assert "negative FTE -1" in refused("roster", "import", str(steps))
    steps.write_text("id,classification,fte,base_pay\nP1,physician,1,\n")
    assert "P1: no pay" in refused("roster", "import", str(steps))
    # A claim on a pass without terms.
    (repo / "articles" / "parking.txt").write_text("ARTICLE 19: PARKING\n\n19.1 Free parking.\n")
    cli("-C", str(repo), "pass", "--party", "employer", "--session", "2024-03-05", "parking")
    assert "pass E-1 carries no costing terms" in refused("cost", "--claim", "E-1=21%")


def test_years_of_service_place_a_member_on_the_schedule(tmp_path: Path, cli: CLI) -> None:
    # No step column: 1 completed year is step 2 (110k, then 120k); 9 years is the top step (120k).
    repo = economic_repo(
        tmp_path, cli, "[schedule]\nstep_movement = true\nsteps.physician = [105000, 115000, 125000]\n"
    )
    (repo / "terms" / "baseline").mkdir()
    (repo / "terms" / "baseline" / "wages.toml").write_text(
        "[schedule]\nsteps.physician = [100000, 110000, 120000]\n"
    )
    roster = tmp_path / "service.csv"
    roster.write_text("id,classification,fte,years_of_service\nP1,physician,1,1\nP2,physician,0.5,9\n")
    cli("-C", str(repo), "roster", "import", str(roster))
    data = cost_json(cli, repo, "--years", "2025-2026")
    assert data["positions"][0]["years"][0]["payroll"] == "170000.00"  # 110000 + 0.5 * 120000
    assert [y["cost"] for y in data["positions"][0]["years"]] == ["7500.00", "7500.00"]
    member = json.loads(cli("-C", str(repo), "cost", "--member", "P1", "--json", "--years", "2025-2026").out)
    assert [y["status_quo"] for y in member["positions"][0]["years"]] == ["110000.00", "120000.00"]
    roster.write_text("id,classification,fte,years_of_service\nP1,physician,1,many\n")
    err = cli("-C", str(repo), "roster", "import", str(roster), ok=False).err
    assert "years_of_service 'many' is not a whole number" in err
