"""A repo made by the version before rounds opens as round 1, with no migration (issue 17).

``old_version/round1-527e6ec.bundle`` was made by proposals at commit 527e6ec (the last before
rounds): init, a baseline of three parts, U-1 and E-1, a TA of scheduling and of staffing 6.2. It
is cloned as a team member would; reading it writes nothing, and it goes through a round change."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git
from test_rounds import ta

BUNDLE = Path(__file__).parent / "old_version" / "round1-527e6ec.bundle"


def test_a_repo_made_before_rounds_is_round_1(tmp_path: Path, cli) -> None:
    work = tmp_path / "talks"
    git(tmp_path, "clone", "--quiet", str(BUNDLE), str(work))
    git(work, "remote", "remove", "origin")
    repo = str(work)
    head, tags = git(work, "rev-parse", "HEAD"), git(work, "tag")
    assert json.loads(cli("-C", repo, "round", "list", "--json").out)["rounds"] == [
        {"round": "1", "expires": "", "ratified": None, "current": True}
    ]
    rows = {r["id"]: r for r in json.loads(cli("-C", repo, "status", "--json").out)["articles"]}
    assert (rows["scheduling"]["status"], rows["staffing"]["status"], rows["parking"]["status"]) == (
        "ta", "open", "unchanged"
    )
    assert "(2 TAs checked)" in cli("-C", repo, "verify").out
    assert "U-1" in cli("-C", repo, "log").out
    assert "six (6)" in cli("-C", repo, "show", "staffing", "--at", "E-1").out
    assert (git(work, "rev-parse", "HEAD"), git(work, "tag")) == (head, tags)  # nothing migrated
    assert git(work, "status", "--porcelain") == ""
    # And its first round closes and the next opens like any other.
    ta(cli, work, "staffing", "2024-04-01")
    cli("-C", repo, "round", "close", "--ratified", "2024-05-01", "--name", "2024")
    cli("-C", repo, "round", "open", "2027", "--expires", "2027-06-30")
    path = work / "articles" / "staffing.txt"
    path.write_text(path.read_text().replace("six (6)", "nine (9)"))
    out = cli("-C", repo, "pass", "--party", "union", "--session", "2027-01-12", "staffing").out
    assert "pass U-1 " in out
    assert "(3 TAs checked)" in cli("-C", repo, "verify").out  # round 2024's three
    lines = json.loads(cli("-C", repo, "blame", "staffing", "--json").out)["lines"]
    origins = {(x["last"]["round"], x["last"]["pass"]) for x in lines if x["last"]}
    assert {("2024", "baseline"), ("2027", "U-1")} <= origins
    changed = next(x for x in lines if "nine (9)" in x["text"])
    assert changed["first"] == {"round": "2027", "pass": "U-1", "party": "union", "session": "2027-01-12"}
    diff = cli("-C", repo, "diff", "staffing", "--from", "round:2024", "--to", "round:2027").out
    assert "[-six-]{+nine+}" in diff
