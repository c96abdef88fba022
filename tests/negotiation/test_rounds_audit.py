"""Rounds as a bargaining team uses them (issue 17): a forced close of the demo, the next round's
passes and TA, a second close; every round's passes and TAs proved by `verify` (and re-tagged by
`repair`); pass and TA names per round (`2024/ta-x`, `2024/ratified`, a bare name is the current
round's and never an earlier round's); hostile round names refused in one line, changing nothing."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git
from test_rounds import ta, two_rounds


def snapshot(repo: Path) -> tuple[str, str, str]:
    """Every ref, HEAD's commit and the working tree's state: what a refused command must not move."""
    return git(repo, "for-each-ref"), git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain")


def test_the_demo_through_two_rounds_verifies_at_every_step(tmp_path: Path, cli) -> None:
    demo = tmp_path / "demo"
    repo = str(demo)
    cli("demo", repo)
    out = cli("-C", repo, "round", "close", "--ratified", "2025-09-30", "--force", "--name", "2024").out
    assert "staffing is open" in out  # the forced close lists what was left open
    # A TA'd section of a part the forced close left out is proved as the round ended, not
    # reported as changed (before: "staffing section 6.3: changed since the TA").
    assert "(6 TAs checked)" in cli("-C", repo, "verify").out
    cli("-C", repo, "round", "open", "2028", "--expires", "2028-06-30")
    path = demo / "articles" / "scheduling.txt"
    path.write_text(path.read_text() + "\n5.99 Review. The parties shall review schedules yearly.\n")
    out = cli("-C", repo, "pass", "--party", "union", "--session", "2028-01-10", "scheduling").out
    assert "pass U-1 " in out
    path.write_text(path.read_text().replace("yearly", "every two years"))
    out = cli("-C", repo, "pass", "--party", "employer", "--session", "2028-02-10", "scheduling").out
    assert "pass E-1 " in out
    ta(cli, demo, "scheduling", "2028-02-20")
    assert "(7 TAs checked)" in cli("-C", repo, "verify").out  # every round's TAs, the old ones too
    cli("-C", repo, "round", "close", "--ratified", "2028-06-01", "--force")
    assert "(7 TAs checked)" in cli("-C", repo, "verify").out
    listed = json.loads(cli("-C", repo, "round", "list", "--json").out)["rounds"]
    assert [(r["round"], r["ratified"]) for r in listed] == [("2024", "2025-09-30"), ("2028", "2028-06-01")]
    shown = cli("-C", repo, "show", "scheduling", "--at", "round:2028").out
    assert "every two years" in shown


def test_an_earlier_rounds_tags_are_proved_and_repaired(negotiation: Path, cli) -> None:
    repo = two_rounds(negotiation, cli)
    ta(cli, negotiation, "staffing", "2027-02-01")
    assert "(4 TAs checked)" in cli("-C", repo, "verify").out
    git(negotiation, "tag", "-d", "ta-parking", "E-1")  # round 2024's: its tags are not namespaced
    result = cli("-C", repo, "verify", ok=None)
    assert result.code == 1
    assert "parking: tag ta-parking is missing; run proposals repair (tags)" in result.out
    assert "E-1: pass has no tag; run proposals repair (tags)" in result.out
    repaired = cli("-C", repo, "repair").out
    assert "Repaired: pass E-1" in repaired and "Repaired: TA ta-parking" in repaired
    assert "every pass and TA tag is in place" in cli("-C", repo, "verify").out
    commit = git(negotiation, "rev-parse", "2027/U-1").strip()
    git(negotiation, "tag", "-f", "2027/ta-staffing", commit)
    git(negotiation, "tag", "-d", "U-1")
    result = cli("-C", repo, "verify", ok=None)
    assert result.code == 1
    assert "tag 2027/ta-staffing was moved off the TA commit" in result.out
    assert "U-1: pass has no tag" in result.out and "2027/U-1" not in result.out


def test_the_ratified_contract_must_hold_the_rounds_tas(negotiation: Path, cli) -> None:
    repo = str(negotiation)
    for part, day in (("staffing", "2024-03-10"), ("scheduling", "2024-03-10"), ("parking", "2024-03-11")):
        ta(cli, negotiation, part, day)
    cli("-C", repo, "round", "close", "--ratified", "2024-04-01", "--name", "2024")
    assert "every pass and TA tag is in place" in cli("-C", repo, "verify").out
    # A close commit that slipped other words into a TA'd part (made by hand, as a hostile clone could).
    path = negotiation / "articles" / "parking.txt"
    path.write_text(path.read_text().replace("free parking", "paid parking"))
    git(negotiation, "commit", "-q", "--amend", "--no-edit", "-a")
    git(negotiation, "tag", "-f", "2024/ratified", "HEAD")
    cli("-C", repo, "round", "open", "2027", "--expires", "2027-06-30")
    result = cli("-C", repo, "verify", ok=None)
    assert result.code == 1
    assert "parking: the ratified contract does not hold the TA'd text (round 2024)" in result.out


def test_pass_and_ta_names_are_per_round(negotiation: Path, cli) -> None:
    repo = two_rounds(negotiation, cli)
    ta(cli, negotiation, "staffing", "2027-02-01")

    def show(rev: str, **kw) -> str:
        result = cli("-C", repo, "show", "staffing", "--at", rev, **kw)
        return result.out if result.code == 0 else result.err

    assert "five (5)" in show("2024/ta-staffing") and "eight (8)" in show("2027/ta-staffing")
    assert "eight (8)" in show("ta-staffing")  # bare: the current round's TA, not round 2024's tag
    assert "five (5)" in show("2024/ratified")
    assert show("2027/baseline") == show("2024/ratified") == show("baseline")  # 2027 bargains from it
    no_base = "proposals: error: round 2024 has no baseline (a first contract)"
    assert show("2024/baseline", ok=False).strip() == no_base
    assert "five (5)" in show("2024/E-1")
    # A bare name the current round does not have is never silently an earlier round's.
    assert show("E-1", ok=False).strip() == (
        "proposals: error: round 2027 has no pass or TA E-1; round 2024's is 2024/E-1"
    )
    assert show("ta-parking", ok=False).strip() == (
        "proposals: error: round 2027 has no pass or TA ta-parking; round 2024's is 2024/ta-parking"
    )
    assert show("2024/E-9", ok=False).strip() == "proposals: error: round 2024 has no pass or TA E-9"
    assert "no round" in show("round:1999", ok=False)
    diff = cli("-C", repo, "diff", "staffing", "--from", "2024/ta-staffing", "--to", "ta-staffing").out
    assert "[-five-]{+eight+}" in diff


HOSTILE = ["--x", "-x", "../..", "", " ", "a/b", "2028..x", "x.lock", "2028.", "@{1}", "a\x1b[31mb",
           "a\nb", "a\tb", "\u202e2028", "x\x7f", "9" * 41, "round:2028"]


def test_hostile_round_names_are_one_line_and_change_nothing(negotiation: Path, cli) -> None:
    repo = str(negotiation)
    ta(cli, negotiation, "parking", "2024-03-11")
    before = snapshot(negotiation)
    for name in HOSTILE:
        close = ("round", "close", "--ratified", "2024-04-01", "--force", f"--name={name}")
        result = cli("-C", repo, *close, ok=False)
        assert "invalid round name" in result.err, name
        assert "\x1b" not in result.err and "\u202e" not in result.err
    assert snapshot(negotiation) == before  # before: --name= closed the round as "1"
    cli("-C", repo, "round", "close", "--ratified", "2024-04-01", "--force", "--name", "2024")
    before = snapshot(negotiation)
    for name in HOSTILE:
        result = cli("-C", repo, "round", "open", "--expires", "2027-06-30", "--", name, ok=False)
        assert "invalid round name" in result.err, name
        assert "\x1b" not in result.err and "\u202e" not in result.err
        for rev in (f"round:{name}", f"{name}/U-1"):
            cli("-C", repo, "show", "parking", f"--at={rev}", ok=False)
        cli("-C", repo, "status", f"--round={name}", ok=False)
    assert snapshot(negotiation) == before


def test_a_closed_round_is_shown_as_it_ended_until_the_next_opens(tmp_path: Path, cli) -> None:
    """After `round close` the working tree holds the next baseline (a forced close of a first
    contract drops its open parts); status and exports show the closed round as it ended."""
    demo = tmp_path / "demo"
    repo = str(demo)
    cli("demo", repo)
    before = cli("-C", repo, "status").out
    cli("-C", repo, "round", "close", "--ratified", "2025-09-30", "--force")
    shown = cli("-C", repo, "status").out
    assert shown.startswith("Round 1, ratified 2025-09-30: as it ended, read-only\n")
    assert shown.split("\n", 1)[1].split("Overdue")[0] == before.split("Overdue")[0]  # titles kept
    data = json.loads(cli("-C", repo, "status", "--json").out)
    assert data["round"] == "1" and data["read_only"] is True
    assert cli("-C", repo, "status", "--round", "1").out == shown
    cli("-C", repo, "export", "staffing", "--mode", "ta", "-o", str(tmp_path / "ta.docx"))
    # A part the close left out: blame says where it was, and shows it there.
    assert "Opened round 2028" in cli("-C", repo, "round", "open", "2028", "--expires", "2028-06-30").out
    gone = cli("-C", repo, "blame", "staffing", ok=False).err.strip()
    assert gone == (
        "proposals: error: staffing is not in this round's text; it was on the table in round 1: "
        "proposals blame staffing --round 1"
    )
    old = json.loads(cli("-C", repo, "blame", "staffing", "--round", "1", "--json").out)["lines"]
    assert old[0]["text"] == "ARTICLE 6: STAFFING" and old[0]["last"]["round"] == "1"
    cli("-C", repo, "blame", "staffing", "--round", "../..", ok=False)


def test_log_of_one_part_across_rounds(negotiation: Path, cli) -> None:
    repo = two_rounds(negotiation, cli)
    text = cli("-C", repo, "log", "staffing", "--all-rounds").out
    assert text.index("Round 2024") < text.index("E-1") < text.index("ta-staffing") < text.index("Round 2027")
    assert text.index("Round 2027") < text.rindex("U-1")
    data = json.loads(cli("-C", repo, "log", "staffing", "--all-rounds", "--json").out)["passes"]
    assert [(p["round"], p["pass"]) for p in data] == [("2024", "U-1"), ("2024", "E-1"), ("2027", "U-1")]
    current = cli("-C", repo, "log", "staffing").out
    assert "E-1" not in current and "U-1" in current


def test_package_numbers_start_again_and_an_old_outcome_stays_in_its_round(negotiation: Path, cli) -> None:
    """Round 2024's P-1 was rejected; round 2027's P-1 is another package: a TA contingent on it
    stands (before: it was shown released, its part back to unchanged)."""
    repo = str(negotiation)
    staffing, parking = negotiation / "articles" / "staffing.txt", negotiation / "articles" / "parking.txt"
    staffing.write_text(staffing.read_text().replace("five (5)", "seven (7)"))
    parking.write_text(parking.read_text() + "\n19.2 Transit. Passes are paid.\n")
    out = cli("-C", repo, "pass", "--party", "union", "--session", "2024-03-06", "--package", "Floats",
              "staffing", "parking").out
    assert "Package P-1" in out
    cli("-C", repo, "package", "reject", "P-1", "--session", "2024-03-07")
    for part in ("staffing", "scheduling", "parking"):
        ta(cli, negotiation, part, "2024-03-10")
    cli("-C", repo, "round", "close", "--ratified", "2024-04-01", "--name", "2024")
    cli("-C", repo, "round", "open", "2027", "--expires", "2027-06-30")
    staffing.write_text(staffing.read_text().replace("seven (7)", "nine (9)"))
    parking.write_text(parking.read_text().replace("paid", "free"))
    out = cli("-C", repo, "pass", "--party", "union", "--session", "2027-01-12", "--package", "Again",
              "staffing", "parking").out
    assert "Package P-1" in out  # numbers start again in a round
    cli("-C", repo, "ta", "scheduling", "--union-sign", "A", "--employer-sign", "E", "--date", "2027-02-01",
        "--contingent-on", "P-1")
    rows = {r["id"]: r for r in json.loads(cli("-C", repo, "status", "--json").out)["articles"]}
    assert rows["scheduling"]["status"] == "ta"
    checked = cli("-C", repo, "verify").out
    assert "Contingent, not yet firm: 2027/ta-scheduling (on P-1)" in checked and "Released" not in checked
    listed = cli("-C", repo, "package", "list").out
    assert "open" in listed and "rejected" not in listed
    then = json.loads(cli("-C", repo, "status", "--round", "2024", "--json").out)["articles"]
    assert {r["status"] for r in then} == {"ta"}


def test_two_rounds_of_one_name_are_refused_never_one_picked(negotiation: Path, cli) -> None:
    """A hand-made `Round-Open: 2027` (or two members opening 2027 offline, then a sync): `verify`
    reports the name, and every command resolving `2027/U-1` or `round:2027` refuses in one line."""
    repo = two_rounds(negotiation, cli)
    cli("-C", repo, "round", "close", "--ratified", "2027-05-01", "--force")
    refused = cli("-C", repo, "round", "open", "2024", "--expires", "2030-06-30", ok=False)
    assert refused.err.strip() == "proposals: error: there is already a round 2024"
    git(negotiation, "commit", "-q", "--allow-empty", "-m",
        "Round 2027 opened\n\nRound-Open: 2027\nRound-Expires: 2030-06-30")
    first = git(negotiation, "rev-parse", "2027/U-1~1").strip()  # round 2027's opening commit
    again = git(negotiation, "rev-parse", "HEAD").strip()
    result = cli("-C", repo, "verify", ok=None)
    assert result.code == 1
    assert (
        f"round 2027: 2 rounds have this name (commits {first[:10]}, {again[:10]}); proposals never "
        "opens a round twice, so ask who made the later one and undo it (history)"
    ) in result.out
    before = snapshot(negotiation)
    ambiguous = (
        f"proposals: error: 2 rounds are named 2027 ({first[:10]}, {again[:10]}): a round's name "
        "must be unique; run proposals verify"
    )
    for command in (
        ("show", "staffing", "--at", "2027/U-1"),
        ("show", "staffing", "--at", "round:2027"),
        ("diff", "staffing", "--from", "round:2024", "--to", "round:2027"),
        ("status", "--round", "2027"),
        ("blame", "staffing", "--round", "2027"),
    ):
        result = cli("-C", repo, *command, ok=False)
        assert result.err.strip() == ambiguous, command
    assert snapshot(negotiation) == before
    assert "five (5)" in cli("-C", repo, "show", "staffing", "--at", "2024/E-1").out  # others still resolve
