"""Package proposals and contingent TAs through the real CLI, on real git repos."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLI, PARKING, SCHEDULING, STAFFING, git


def run(cli: CLI, repo: Path, *args: str, ok: bool | None = True):
    return cli("-C", str(repo), *args, ok=ok)


def status_of(cli: CLI, repo: Path) -> dict[str, dict]:
    return {r["id"]: r for r in json.loads(run(cli, repo, "status", "--json").out)["articles"]}


def package_pass(cli: CLI, repo: Path, *extra: str) -> None:
    """The union's package P-1 on 2024-04-02: staffing (float pool) with scheduling (schedules)."""
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "eight (8)"))
    (repo / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("eight (8)", "ten (10)"))
    run(
        cli,
        repo,
        "pass",
        "--party",
        "union",
        "--session",
        "2024-04-02",
        "--package",
        "Staffing + protected time",
        *extra,
        "staffing",
        "scheduling",
    )


def test_accepting_a_package_tas_every_part_in_one_commit(cli: CLI, negotiation: Path) -> None:
    package_pass(cli, negotiation)
    rows = status_of(cli, negotiation)
    assert rows["staffing"]["package"] == "P-1" and rows["scheduling"]["package"] == "P-1"
    assert rows["parking"]["package"] is None
    assert "Open (package P-1)" in run(cli, negotiation, "status").out
    before = int(git(negotiation, "rev-list", "--count", "HEAD"))
    run(
        cli,
        negotiation,
        "package",
        "accept",
        "P-1",
        "--union-sign",
        "A. Rivera",
        "--employer-sign",
        "M. Chen",
        "--date",
        "2024-04-09",
    )
    assert int(git(negotiation, "rev-list", "--count", "HEAD")) == before + 1
    message = git(negotiation, "log", "-1", "--format=%B")
    assert "Package-Accepted: P-1" in message and "TA-Parts: staffing=" in message
    rows = status_of(cli, negotiation)
    assert rows["staffing"]["status"] == rows["scheduling"]["status"] == "ta"
    assert rows["staffing"]["package"] is None and rows["staffing"]["contingent"] is None
    assert rows["parking"]["status"] == "open"
    assert "intact (2 TAs checked)" in run(cli, negotiation, "verify").out
    # The TAs lock the package's text like any TA: a later change is refused without --reopen.
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING)
    refused = run(cli, negotiation, "pass", "--party", "employer", "staffing", ok=False)
    assert "TA'd text" in refused.err
    packages = json.loads(run(cli, negotiation, "package", "list", "--json").out)["packages"]
    assert [(p["id"], p["state"], p["parts"]) for p in packages] == [
        ("P-1", "accepted", ["staffing", "scheduling"])
    ]
    again = run(
        cli, negotiation, "package", "accept", "P-1", "--union-sign", "A", "--employer-sign", "B", ok=False
    )
    assert "already accepted" in again.err


def test_withdrawing_a_package_restores_each_part(cli: CLI, negotiation: Path) -> None:
    (negotiation / "articles" / "pto.txt").write_text("ARTICLE 12: PTO\n\n12.1 Thirty days.\n")
    before = {i: (negotiation / "articles" / f"{i}.txt").read_text() for i in ("staffing", "scheduling")}
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "eight (8)"))
    (negotiation / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("eight (8)", "ten (10)"))
    run(
        cli,
        negotiation,
        "pass",
        "--party",
        "union",
        "--session",
        "2024-04-02",
        "--package",
        "All three",
        "staffing",
        "scheduling",
        "pto",
    )
    out = run(cli, negotiation, "package", "withdraw", "P-1", "--session", "2024-04-09").out
    assert "U-3" in out and "withdraws pto" in out
    for article_id, text in before.items():
        assert (negotiation / "articles" / f"{article_id}.txt").read_text() == text
        assert run(cli, negotiation, "show", article_id, "--at", "U-3").out == text
    rows = status_of(cli, negotiation)
    assert rows["pto"]["status"] == "withdrawn"
    assert rows["staffing"]["package"] is None and rows["staffing"]["last_pass"]["pass"] == "U-3"
    assert "Package-Withdrawn: P-1" in git(negotiation, "log", "-1", "--format=%B", "U-3")
    assert "already withdrawn" in run(cli, negotiation, "package", "reject", "P-1", ok=False).err


def test_contingent_tas_apart_from_firm_in_status_verify_and_compile(
    cli: CLI, negotiation: Path, tmp_path: Path
) -> None:
    package_pass(cli, negotiation)
    run(
        cli,
        negotiation,
        "ta",
        "parking",
        "--union-sign",
        "A",
        "--employer-sign",
        "B",
        "--date",
        "2024-04-02",
        "--contingent-on",
        "P-1",
    )
    rows = status_of(cli, negotiation)
    assert rows["parking"]["status"] == "ta" and rows["parking"]["contingent"] == "P-1"
    text = run(cli, negotiation, "status").out
    assert "TA'd (contingent on P-1)" in text and "1 TA (1 contingent)" in text
    assert "Contingent, not yet firm: ta-parking (on P-1)" in run(cli, negotiation, "verify").out
    blocked = run(cli, negotiation, "compile", "-o", str(tmp_path / "c.docx"), ok=False)
    assert "parking" in blocked.err
    # The package fails: the TA contingent on it no longer stands, and reopening needs no --reopen.
    run(cli, negotiation, "package", "reject", "P-1", "--session", "2024-04-09")
    rows = status_of(cli, negotiation)
    assert rows["parking"]["status"] == "open" and rows["parking"]["contingent"] is None
    verify = run(cli, negotiation, "verify")
    assert "Released (their package failed; reopening them is allowed): ta-parking (on P-1)" in verify.out
    (negotiation / "articles" / "parking.txt").write_text(PARKING.replace("free", "discounted"))
    run(cli, negotiation, "pass", "--party", "employer", "--session", "2024-04-09", "parking")
    assert json.loads(run(cli, negotiation, "verify", "--json").out)["ok"] is True


def test_a_firm_ta_stays_firm_and_an_accepted_package_makes_its_contingent_tas_firm(
    cli: CLI, negotiation: Path
) -> None:
    package_pass(cli, negotiation)
    run(
        cli,
        negotiation,
        "ta",
        "parking",
        "--union-sign",
        "A",
        "--employer-sign",
        "B",
        "--date",
        "2024-04-02",
        "--contingent-on",
        "P-1",
    )
    run(
        cli,
        negotiation,
        "package",
        "accept",
        "P-1",
        "--union-sign",
        "A",
        "--employer-sign",
        "B",
        "--date",
        "2024-04-09",
    )
    assert status_of(cli, negotiation)["parking"]["contingent"] is None
    # A firm TA's change is still flagged as today.
    (negotiation / "articles" / "parking.txt").write_text(PARKING.replace("free", "paid"))
    run(cli, negotiation, "pass", "--party", "employer", "--reopen", "parking")
    assert json.loads(run(cli, negotiation, "verify", "--json", ok=None).out)["ok"] is False


def test_a_counter_package_answers_the_one_before(cli: CLI, negotiation: Path) -> None:
    package_pass(cli, negotiation)
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "six (6)"))
    (negotiation / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("eight (8)", "nine (9)"))
    out = run(
        cli,
        negotiation,
        "pass",
        "--party",
        "employer",
        "--session",
        "2024-04-09",
        "--package",
        "Counter",
        "--answers",
        "P-1",
        "staffing",
        "scheduling",
    ).out
    assert "Package P-2 (Counter): staffing, scheduling, answering P-1" in out
    packages = {
        p["id"]: p for p in json.loads(run(cli, negotiation, "package", "list", "--json").out)["packages"]
    }
    assert packages["P-1"]["state"] == "countered" and packages["P-2"]["answers"] == "P-1"
    assert status_of(cli, negotiation)["staffing"]["package"] == "P-2"
    stale = run(
        cli, negotiation, "package", "accept", "P-1", "--union-sign", "A", "--employer-sign", "B", ok=False
    )
    assert "moved on since P-1 (pass E-2)" in stale.err


def test_ground_rules_make_every_ta_contingent_on_the_agreement(cli: CLI, negotiation: Path) -> None:
    with (negotiation / "bargaining.toml").open("a") as handle:
        handle.write("\n[ground_rules]\ntas_contingent = true\n")
    git(negotiation, "commit", "-qam", "ground rules")
    run(cli, negotiation, "ta", "scheduling", "--union-sign", "A", "--employer-sign", "B")
    assert status_of(cli, negotiation)["scheduling"]["contingent"] == "agreement"
    assert "TA-Contingent: agreement" in git(negotiation, "log", "-1", "--format=%B")


@pytest.mark.parametrize(
    "args, message",
    [
        (("pass", "--party", "union", "--package", "Solo", "staffing"), "at least two parts"),
        (("pass", "--party", "union", "--package", "Bad\x1btitle", "staffing", "scheduling"), "escape"),
        (("pass", "--party", "union", "--answers", "P-1", "staffing", "scheduling"), "goes with --package"),
        (
            ("pass", "--party", "union", "--package", "X", "--answers", "P-9", "staffing", "scheduling"),
            "no package P-9",
        ),
        (("package", "accept", "P1", "--union-sign", "A", "--employer-sign", "B"), "P-3"),
        (("package", "reject", "P-4"), "no package P-4"),
        (
            ("ta", "parking", "--union-sign", "A", "--employer-sign", "B", "--contingent-on", "P-2"),
            "no package",
        ),
    ],
)
def test_bad_package_input_is_one_line_and_writes_nothing(
    cli: CLI, negotiation: Path, args: tuple[str, ...], message: str
) -> None:
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "eight (8)"))
    (negotiation / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("eight (8)", "ten (10)"))
    before = git(negotiation, "rev-parse", "HEAD")
    assert message in run(cli, negotiation, *args, ok=False).err
    assert git(negotiation, "rev-parse", "HEAD") == before


def test_session_show_has_package_events_and_a_released_ta_reopened(cli: CLI, negotiation: Path) -> None:
    """A package's proposal, counter and failure are events of their sessions; a pass over a TA its
    failed package released goes through without --reopen, is announced and shown as reopening."""
    package_pass(cli, negotiation)  # P-1 by the union, pass U-2, 2024-04-02
    day = run(cli, negotiation, "session", "show", "2024-04-02").out
    assert "Pass U-2 (Clinicians United, package P-1): staffing, scheduling" in day
    assert "Package P-1 (Staffing + protected time) passed by Clinicians United in U-2" in day
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "six (6)"))
    (negotiation / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("eight (8)", "nine (9)"))
    run(
        cli,
        negotiation,
        "pass",
        "--party",
        "employer",
        "--session",
        "2024-04-09",
        "--package",
        "Counter",
        "--answers",
        "P-1",
        "staffing",
        "scheduling",
    )
    assert (
        "Package P-2 (Counter) passed by Northstar Health in E-2, answering P-1"
        in run(cli, negotiation, "session", "show", "2024-04-09").out
    )
    # A TA contingent on P-2, then P-2 rejected at the next session: the TA is released.
    run(
        cli,
        negotiation,
        *("ta", "parking", "--union-sign", "A", "--employer-sign", "B", "--date", "2024-04-09"),
        *("--contingent-on", "P-2"),
    )
    run(cli, negotiation, "package", "reject", "P-2", "--session", "2024-04-16")
    (negotiation / "articles" / "parking.txt").write_text(PARKING.replace("free", "half-price"))
    reopened = run(cli, negotiation, "pass", "--party", "employer", "--session", "2024-04-16", "parking")
    assert "E-3 reopens parking: TA ta-parking was contingent on P-2, which failed (allowed" in reopened.err
    day = run(cli, negotiation, "session", "show", "2024-04-16").out
    assert (
        "Package P-2 (Counter) rejected by Clinicians United; released TAs contingent on it: ta-parking"
        in day
    )
    assert "Pass E-3 reopens parking: TA ta-parking was contingent on P-2, which failed (allowed)" in day
    data = json.loads(run(cli, negotiation, "session", "show", "2024-04-16", "--json").out)
    assert data["packages"][0]["event"] == "rejected" and data["packages"][0]["released"] == ["ta-parking"]
    assert data["reopened"] == [
        {"pass": "E-3", "article": "parking", "section": None, "ta": "ta-parking", "package": "P-2"}
    ]
    listing = run(cli, negotiation, "session", "list").out
    assert "2024-04-16: 1 pass; package P-2 rejected; reopens parking" in listing
    verify = json.loads(run(cli, negotiation, "verify", "--json").out)  # no violation: it was released
    assert verify["ok"] is True and verify["released"] == ["ta-parking (on P-2)"]


def test_withdrawing_a_package_releases_its_contingent_tas(cli: CLI, negotiation: Path) -> None:
    package_pass(cli, negotiation)  # P-1, U-2 on 2024-04-02
    run(
        cli,
        negotiation,
        *("ta", "parking", "--union-sign", "A", "--employer-sign", "B", "--date", "2024-04-02"),
        *("--contingent-on", "P-1"),
    )
    run(cli, negotiation, "package", "withdraw", "P-1", "--session", "2024-04-09")
    day = run(cli, negotiation, "session", "show", "2024-04-09").out
    assert "Package P-1 (Staffing + protected time) withdrawn by Clinicians United" in day
    assert "released TAs contingent on it: ta-parking" in day
    assert status_of(cli, negotiation)["parking"]["status"] == "open"
    (negotiation / "articles" / "parking.txt").write_text(PARKING.replace("free", "discounted"))
    out = run(cli, negotiation, "pass", "--party", "employer", "--session", "2024-04-16", "parking")
    assert "reopens parking: TA ta-parking was contingent on P-1, which failed (allowed" in out.err
    verify = json.loads(run(cli, negotiation, "verify", "--json").out)
    assert verify["ok"] is True and verify["released"] == ["ta-parking (on P-1)"]
