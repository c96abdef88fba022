"""Rounds: close a round (the ratified text becomes the baseline), open the next (pass numbers
start again, tags namespaced), and blame, log and diff across rounds."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git

from proposals.negotiation.repo import BargainingRepo


def ta(cli, repo: Path, part: str, day: str) -> None:
    cli("-C", str(repo), "ta", part, "--union-sign", "Ana", "--employer-sign", "Eve", "--date", day)


def test_a_repo_made_today_is_round_1_without_migration(negotiation: Path, cli) -> None:
    out = cli("-C", str(negotiation), "round", "list", "--json").out
    assert json.loads(out) == {"rounds": [{"round": "1", "expires": "", "ratified": None, "current": True}]}
    assert BargainingRepo.open(negotiation).history().round is None  # the whole history is round 1


def test_closing_with_open_parts_is_refused_and_writes_nothing(negotiation: Path, cli) -> None:
    head = git(negotiation, "rev-parse", "HEAD")
    result = cli("-C", str(negotiation), "round", "close", "--ratified", "2025-09-30", ok=False)
    assert "still open" in result.err and "--force" in result.err
    assert git(negotiation, "rev-parse", "HEAD") == head
    assert git(negotiation, "status", "--porcelain") == ""
    result = cli("-C", str(negotiation), "round", "open", "2028", "--expires", "2028-06-30", ok=False)
    assert "still open; close it first" in result.err


def test_round_close_and_open_on_the_demo(tmp_path: Path, cli) -> None:
    demo = tmp_path / "demo"
    cli("demo", str(demo))
    before = set(git(demo, "tag").split())
    tas = [t for t in before if t.startswith("ta-")]
    assert tas
    out = cli("-C", str(demo), "round", "close", "--ratified", "2025-09-30", "--force", "--name", "2024").out
    assert "Closed round 2024" in out
    result = cli("-C", str(demo), "pass", "--party", "union", "parking", ok=False)
    assert "round 2024 was closed" in result.err
    cli("-C", str(demo), "round", "open", "2028", "--expires", "2028-06-30")
    # The ratified contract is the new baseline: every part unchanged, nothing TA'd yet.
    rows = json.loads(cli("-C", str(demo), "status", "--json").out)["articles"]
    assert rows and {r["status"] for r in rows} == {"unchanged"}
    part = rows[0]["id"]
    text = (demo / "articles" / f"{part}.txt").read_text()
    (demo / "articles" / f"{part}.txt").write_text(text + "A new clause for 2028.\n")
    out = cli("-C", str(demo), "pass", "--party", "union", "--session", "2028-01-10", part).out
    assert "pass U-1 " in out  # numbers start again
    tags = set(git(demo, "tag").split())
    assert {"2024/ratified", "2028/U-1"} <= tags and before <= tags  # old tags never collide
    ta(cli, demo, part, "2028-02-01")
    assert f"2028/ta-{part}" in set(git(demo, "tag").split())
    assert "every pass and TA tag is in place" in cli("-C", str(demo), "verify").out
    listed = json.loads(cli("-C", str(demo), "round", "list", "--json").out)["rounds"]
    assert [(r["round"], r["ratified"], r["current"]) for r in listed] == [
        ("2024", "2025-09-30", False), ("2028", None, True)
    ]
    log = cli("-C", str(demo), "log", "--all-rounds").out
    assert log.index("Round 2024") < log.index("Round 2028")
    assert "U-1" in cli("-C", str(demo), "log").out.splitlines()[0]  # the current round only
    shown = cli("-C", str(demo), "show", part, "--at", "2028/U-1").out
    assert "A new clause for 2028." in shown


def test_blame_across_two_rounds(negotiation: Path, cli) -> None:
    repo = str(negotiation)
    for part, day in (("staffing", "2024-03-10"), ("scheduling", "2024-03-10"), ("parking", "2024-03-11")):
        ta(cli, negotiation, part, day)
    cli("-C", repo, "round", "close", "--ratified", "2024-04-01", "--name", "2024")
    cli("-C", repo, "round", "open", "2027", "--expires", "2027-06-30")
    path = negotiation / "articles" / "staffing.txt"
    old = path.read_text()
    line = next(x for x in old.splitlines() if x.startswith("6.3"))
    path.write_text(old.replace(line, line.replace("five (5)", "eight (8)")))
    cli("-C", repo, "pass", "--party", "union", "--session", "2027-01-12", "staffing")
    data = json.loads(cli("-C", repo, "blame", "staffing", "--json").out)
    by_text = {entry["text"][:4]: entry for entry in data["lines"] if entry["last"]}
    assert by_text["6.3 "]["last"] == {
        "round": "2027", "pass": "U-1", "party": "union", "session": "2027-01-12"
    }
    assert by_text["6.3 "]["first"]["round"] == "2027"
    heading = data["lines"][0]
    assert heading["last"]["round"] == "2024" and heading["first"]["pass"] == "U-1"
    changed = next(e for e in data["lines"] if e["last"] and e["last"]["pass"] == "E-1")
    assert changed["last"]["round"] == "2024" and changed["first"]["pass"] == "E-1"
    text = cli("-C", repo, "blame", "staffing").out
    assert "2027/U-1" in text and "2024/E-1" in text
    diff = cli("-C", repo, "diff", "staffing", "--from", "round:2024", "--to", "round:2027").out
    assert "[-five-]{+eight+}" in diff
    # Bare pass names are the current round's; earlier rounds' need their round.
    assert "eight" not in cli("-C", repo, "show", "staffing", "--at", "2024/U-1").out
    assert "eight" in cli("-C", repo, "show", "staffing", "--at", "U-1").out
