"""Bargaining sessions through the real CLI: the record, attendance, notes, information requests."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import CLI, STAFFING, git


def run(cli: CLI, repo: Path, *args: str, ok: bool | None = True):
    return cli("-C", str(repo), *args, ok=ok)


def test_a_session_day_is_derived_from_the_history_and_the_record(cli: CLI, negotiation: Path) -> None:
    run(
        cli,
        negotiation,
        "session",
        "open",
        "2024-04-02",
        "--place",
        "Union hall",
        "--union",
        "A. Rivera, K. Oyster",
        "--employer",
        "M. Chen",
        "--start",
        "09:30",
    )
    run(cli, negotiation, "session", "note", "Employer caucused 10:40-11:15", "--time", "10:40")
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("ten (10)", "seven (7)"))
    out = run(cli, negotiation, "pass", "--party", "union", "staffing").out
    assert "session 2024-04-02" in out  # no --session: the open session
    run(cli, negotiation, "ta", "scheduling", "--union-sign", "A. Rivera", "--employer-sign", "M. Chen")
    run(cli, negotiation, "session", "close", "--end", "16:00")

    day = json.loads(run(cli, negotiation, "session", "show", "2024-04-02", "--json").out)
    assert [p["pass"] for p in day["passes"]] == ["U-2"]
    assert [t["article"] for t in day["tas"]] == ["scheduling"]
    assert day["union"] == ["A. Rivera", "K. Oyster"] and day["employer"] == ["M. Chen"]
    assert (day["start"], day["end"], day["open"]) == ("09:30", "16:00", False)
    assert day["notes"] == [{"text": "Employer caucused 10:40-11:15", "time": "10:40"}]
    # The record holds no copy of the passes: they come from the history alone.
    record = json.loads((negotiation / "sessions" / "2024-04-02.json").read_text())
    assert "passes" not in record and "U-2" not in json.dumps(record)

    listing = json.loads(run(cli, negotiation, "session", "list", "--json").out)["sessions"]
    history = json.loads(run(cli, negotiation, "log", "--json").out)["passes"]
    by_date: dict[str, list[str]] = {}
    for p in history:
        by_date.setdefault(p["session"], []).append(p["pass"])
    assert {s["date"]: s["passes"] for s in listing if s["passes"]} == by_date
    assert [s["date"] for s in listing] == ["2024-02-20", "2024-03-05", "2024-04-02"]
    text = run(cli, negotiation, "session", "show", "2024-04-02").out
    assert "Union hall" in text and "Pass U-2" in text and "TA scheduling" in text


def test_a_pass_recorded_later_joins_its_session(cli: CLI, negotiation: Path) -> None:
    run(cli, negotiation, "session", "open", "2024-04-02", "--place", "Clinic B")
    run(cli, negotiation, "session", "close")
    (negotiation / "articles" / "parking.txt").write_text("ARTICLE 19: PARKING\n\n19.1 None.\n")
    run(cli, negotiation, "pass", "--party", "employer", "--session", "2024-04-02", "parking")
    day = json.loads(run(cli, negotiation, "session", "show", "2024-04-02", "--json").out)
    assert [p["pass"] for p in day["passes"]] == ["E-2"] and day["place"] == "Clinic B"


def test_information_requests_open_answered_overdue(cli: CLI, negotiation: Path, tmp_path: Path) -> None:
    soon = (date.today() + timedelta(days=20)).isoformat()
    run(cli, negotiation, "session", "open", "2024-04-02")
    run(
        cli,
        negotiation,
        "session",
        "request",
        "Staffing levels by clinic, last 24 months",
        "--due",
        "2024-04-16",
    )
    run(cli, negotiation, "session", "request", "Float pool roster", "--due", soon)
    run(cli, negotiation, "session", "request", "Vacancy postings", "--due", "2024-04-30")
    answer = tmp_path / "vacancies.xlsx"
    answer.write_bytes(b"PK fake spreadsheet")
    run(
        cli,
        negotiation,
        "session",
        "answer",
        "R-3",
        "--file",
        str(answer),
        "--note",
        "partial",
        "--date",
        "2024-04-20",
    )
    states = {
        r["id"]: r["state"]
        for r in json.loads(run(cli, negotiation, "session", "requests", "--json").out)["requests"]
    }
    assert states == {"R-1": "overdue", "R-2": "open", "R-3": "answered"}
    assert (negotiation / "sessions" / "answers" / "R-3.xlsx").read_bytes() == b"PK fake spreadsheet"
    assert git(negotiation, "status", "--porcelain") == ""  # the attachment is committed with the record
    status = json.loads(run(cli, negotiation, "status", "--json").out)
    assert [r["id"] for r in status["overdue_requests"]] == ["R-1"]
    assert "Overdue information request R-1" in run(cli, negotiation, "status").out
    again = run(cli, negotiation, "session", "answer", "R-3", "--note", "x", ok=False)
    assert "already answered" in again.err


@pytest.mark.parametrize(
    "args, message",
    [
        (("session", "open", "2024-02-30"), "no such day"),
        (("session", "open", "2024-4-2"), "YYYY-MM-DD"),
        (("session", "open", "2024-04-02", "--start", "25:00"), "HH:MM"),
        (("session", "open", "2024-04-02", "--place", "Hall\x1b[31m"), "escape sequence"),
        (("session", "open", "2024-04-02", "--union", "A\nB"), "line break"),
        (("session", "note", "no session open"), "no session is open"),
        (("session", "request", "x", "--due", "2024-13-01", "--session", "2024-02-20"), "no such day"),
        (("session", "answer", "R 2", "--note", "x"), "R-2"),
        (("session", "show", "2023-01-01"), "no session on 2023-01-01"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    cli: CLI, negotiation: Path, args: tuple[str, ...], message: str
) -> None:
    before = git(negotiation, "rev-parse", "HEAD")
    result = run(cli, negotiation, *args, ok=False)
    assert message in result.err
    assert git(negotiation, "rev-parse", "HEAD") == before
    assert not (negotiation / "sessions").exists()


def test_one_session_open_at_a_time_and_one_per_date(cli: CLI, negotiation: Path) -> None:
    run(cli, negotiation, "session", "open", "2024-04-02")
    assert "still open" in run(cli, negotiation, "session", "open", "2024-04-09", ok=False).err
    run(cli, negotiation, "session", "close")
    assert "already has a record" in run(cli, negotiation, "session", "open", "2024-04-02", ok=False).err
    assert (
        "already closed" in run(cli, negotiation, "session", "close", "--session", "2024-04-02", ok=False).err
    )
    due = run(
        cli,
        negotiation,
        "session",
        "request",
        "x",
        "--due",
        "2024-04-01",
        "--session",
        "2024-04-02",
        ok=False,
    )
    assert "before the session" in due.err


def test_a_corrupt_record_is_one_line(cli: CLI, negotiation: Path) -> None:
    (negotiation / "sessions").mkdir()
    (negotiation / "sessions" / "2024-04-02.json").write_text("{not json")
    assert "sessions/2024-04-02.json is corrupt" in run(cli, negotiation, "session", "list", ok=False).err


def test_the_session_summary_docx_has_the_day_but_no_notes(
    cli: CLI, negotiation: Path, tmp_path: Path
) -> None:
    import docx

    run(
        cli,
        negotiation,
        "session",
        "open",
        "2024-04-02",
        "--place",
        "Union hall",
        "--union",
        "A. Rivera",
        "--employer",
        "M. Chen",
        "--start",
        "09:30",
    )
    run(cli, negotiation, "session", "note", "our fallback is six")
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("ten (10)", "seven (7)"))
    run(cli, negotiation, "pass", "--party", "union", "staffing")
    run(cli, negotiation, "ta", "scheduling", "--union-sign", "A. Rivera", "--employer-sign", "M. Chen")
    run(cli, negotiation, "session", "close", "--end", "16:00")
    out = tmp_path / "session.docx"
    run(cli, negotiation, "session", "show", "2024-04-02", "--docx", str(out))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Union hall, 09:30 to 16:00." in text
    assert "For Clinicians United: A. Rivera." in text and "For Northstar Health: M. Chen." in text
    assert "Pass U-2 (Clinicians United): staffing" in text
    assert "Tentative agreement on scheduling (A. Rivera / M. Chen)" in text
    assert "fallback" not in text
    bad = run(cli, negotiation, "session", "show", "2024-04-02", "--docx", str(tmp_path / "x.txt"), ok=False)
    assert ".docx" in bad.err and not (tmp_path / "x.txt").exists()


def test_an_earlier_rounds_requests_stay_in_their_round(cli: CLI, negotiation: Path) -> None:
    """Requests belong to the round they were made in (issue 17): after `round close` and
    `round open`, the new round's status, session list and requests never report round 2024's
    unanswered request as overdue; `--round 2024` shows it, read-only."""
    run(cli, negotiation, "session", "open", "2024-03-06")
    run(cli, negotiation, "session", "request", "Staffing levels by clinic", "--due", "2024-03-08")
    run(cli, negotiation, "session", "close")
    for part in ("staffing", "scheduling", "parking"):
        signed = ("--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2024-03-10")
        run(cli, negotiation, "ta", part, *signed)
    run(cli, negotiation, "round", "close", "--ratified", "2024-04-01", "--name", "2024")
    run(cli, negotiation, "round", "open", "2025", "--expires", "2025-12-31")
    run(cli, negotiation, "session", "open", "2025-01-10")
    out = run(cli, negotiation, "session", "request", "Overtime hours, last year", "--due", "2025-01-20").out
    assert out.startswith("Information request R-2 ")  # ids still run across the negotiation
    run(cli, negotiation, "session", "close")

    status = json.loads(run(cli, negotiation, "status", "--json").out)
    assert [r["id"] for r in status["overdue_requests"]] == ["R-2"]
    table = run(cli, negotiation, "status").out
    assert "Overdue information request R-2" in table and "R-1" not in table
    requests = json.loads(run(cli, negotiation, "session", "requests", "--json").out)["requests"]
    assert [(r["id"], r["state"]) for r in requests] == [("R-2", "overdue")]
    listing = json.loads(run(cli, negotiation, "session", "list", "--json").out)["sessions"]
    assert [s["date"] for s in listing] == ["2025-01-10"]
    refused = run(cli, negotiation, "session", "show", "2024-03-06", ok=False).err.strip()
    assert refused == (
        "proposals: error: session 2024-03-06 was in round 2024: "
        "proposals session show 2024-03-06 --round 2024"
    )
    # The earlier round, read-only: its own request, still unanswered.
    then = json.loads(run(cli, negotiation, "session", "requests", "--round", "2024", "--json").out)
    assert [(r["id"], r["state"]) for r in then["requests"]] == [("R-1", "overdue")]
    days = json.loads(run(cli, negotiation, "session", "list", "--round", "2024", "--json").out)["sessions"]
    assert "2024-03-06" in [s["date"] for s in days] and "2025-01-10" not in [s["date"] for s in days]
    assert "Request R-1" in run(cli, negotiation, "session", "show", "2024-03-06", "--round", "2024").out
