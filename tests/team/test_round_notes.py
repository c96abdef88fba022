"""Session notes recorded offline in a round the remote then closed (issue 17), with real clones.

Sync refuses them (they would land after the ratified contract) and sets nothing aside itself;
its recipe keeps them on ``my-round-NAME``. The session they belong to is dated before the
ratification, so it can be neither opened again nor added to in the next round: before, the
line said "record them again in round 2028" and nothing could (``session open 2025-03-12`` is
refused, ``session note --session 2025-03-12`` finds no session). Now the line says to open a
session of the current round and run ``round carry-notes my-round-NAME``, which adds each note
there marked with the day it was taken; the team gets them with the next sync. Information
requests made there used to stay on the branch; they come over too, with their dates, answer and
file, renumbered when the current round already holds their id (ids run across rounds).
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from sync_support import fails, git, ok, run
from test_sync_rounds import ALICE, BOB, _closed_on_the_remote

NOTES = [("10:40", "they will move on ratios"), ("", "Eve hinted at a wage reopener; say nothing yet")]


def _notes(member: Path, day: str, name: str) -> list[dict[str, str]]:
    return json.loads(ok(member, "session", "show", day, "--json", name=name))["notes"]


def _requests(member: Path, name: str) -> dict[str, dict[str, str]]:
    return {
        r["id"]: r for r in json.loads(ok(member, "session", "requests", "--json", name=name))["requests"]
    }


def test_the_refusal_line_says_how_to_carry_a_sessions_notes_and_that_works(tmp_path: Path) -> None:
    """Notes and an answered information request Bob recorded offline come over; Alice's R-1 of
    the new round (and its file) is left as it is and Bob's R-1 becomes R-2. Before, the request
    stayed on my-round-2025 (fails on the code before: no R-2 here, "Carried 2 notes of")."""
    _, alice, bob = _closed_on_the_remote(tmp_path)
    ok(alice, "session", "open", "2028-01-05", name=ALICE)
    ok(alice, "session", "request", "Grievance log 2027", "--due", "2028-02-01", name=ALICE)
    (tmp_path / "log.csv").write_text("alice's file\n", encoding="utf-8")
    ok(
        alice,
        "session",
        "answer",
        "R-1",
        "--file",
        str(tmp_path / "log.csv"),
        "--date",
        "2028-01-20",
        name=ALICE,
    )
    ok(alice, "session", "close", name=ALICE)
    ok(alice, "sync", name=ALICE)
    ok(bob, "session", "open", "2025-03-12", "--place", "Room 4", name=BOB)
    for time, text in NOTES:
        ok(bob, "session", "note", text, *(["--time", time] if time else []), name=BOB)
    assert "R-1" in ok(
        bob, "session", "request", "Staffing levels by clinic", "--due", "2025-03-28", name=BOB
    )
    (tmp_path / "levels.csv").write_text("clinic,level\nA,3\n", encoding="utf-8")
    ok(
        bob,
        "session",
        "answer",
        "R-1",
        "--file",
        str(tmp_path / "levels.csv"),
        "--note",
        "clinic C missing",
        "--date",
        "2025-03-20",
        name=BOB,
    )
    line = fails(bob, "sync", name=BOB)
    assert "the record of session 2025-03-12" in line and "nothing changed" in line
    recipe = (
        "its session notes and information requests: proposals session open DATE (a day of round 2028), "
        "then proposals round carry-notes "
    )
    assert recipe + "my-round-2025" in line, line
    # The recipe, as the line gives it: set ours aside, keep the remote's rounds.
    remedy = line.split(": ", 2)[2]
    for command in remedy[remedy.index("git branch ") :].split(", then")[0].split(" && "):
        git(bob, *command.split()[1:])
    ok(bob, "session", "open", "2028-01-10", "--place", "Room 4", name=BOB)
    carry = line[line.index("proposals round carry-notes") :].split(" (")[0]
    out = ok(bob, *shlex.split(carry)[1:], name=BOB)
    assert (
        "Carried 2 notes and 1 information request of session 2025-03-12 (my-round-2025) "
        "into session 2028-01-10"
    ) in out, out
    assert "R-1 of my-round-2025 is R-2 here: R-1 was taken" in out
    wanted = [f"From session 2025-03-12 10:40: {NOTES[0][1]}", f"From session 2025-03-12: {NOTES[1][1]}"]
    assert [n["text"] for n in _notes(bob, "2028-01-10", BOB)] == wanted
    head = git(bob, "rev-parse", "HEAD")
    again = ok(bob, *shlex.split(carry)[1:], name=BOB)
    assert "Carried 0 notes of" in again and "R-2" not in again  # twice adds nothing
    assert git(bob, "rev-parse", "HEAD") == head
    # The team gets them with the next sync; the record is whole on both sides.
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    assert [n["text"] for n in _notes(alice, "2028-01-10", ALICE)] == wanted
    for member, name in ((alice, ALICE), (bob, BOB)):
        requests = _requests(member, name)
        assert sorted(requests) == ["R-1", "R-2"]
        assert requests["R-1"]["item"] == "Grievance log 2027"
        assert (member / requests["R-1"]["attachment"]).read_text(encoding="utf-8") == "alice's file\n"
        carried = requests["R-2"]
        assert (carried["item"], carried["requested"], carried["due"]) == (
            "Staffing levels by clinic",
            "2025-03-12",
            "2025-03-28",
        )
        assert (carried["answered"], carried["answer"]) == ("2025-03-20", "clinic C missing")
        assert carried["attachment"] == "sessions/answers/R-2.csv"
        assert (member / carried["attachment"]).read_text(encoding="utf-8") == "clinic,level\nA,3\n"
        assert run(member, "verify", name=name).returncode == 0
    # The next request of the round follows the carried one.
    assert "R-3" in ok(
        alice,
        "session",
        "request",
        "Overtime by unit",
        "--due",
        "2028-03-01",
        "--session",
        "2028-01-10",
        name=ALICE,
    )


def test_carry_notes_refuses_an_unknown_or_option_shaped_branch_and_an_earlier_rounds_session(
    tmp_path: Path,
) -> None:
    _, _, bob = _closed_on_the_remote(tmp_path)
    ok(bob, "sync", name=BOB)
    head = git(bob, "rev-parse", "HEAD")
    assert "no branch my-round-2025" in fails(bob, "round", "carry-notes", "my-round-2025", name=BOB)
    assert "invalid branch name" in fails(bob, "round", "carry-notes", "--", "--upload-pack=x", name=BOB)
    git(bob, "branch", "my-round-2025")
    assert "no session is open" in fails(bob, "round", "carry-notes", "my-round-2025", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == head
    ok(bob, "session", "open", "2028-01-10", name=BOB)
    head = git(bob, "rev-parse", "HEAD")
    line = fails(bob, "round", "carry-notes", "my-round-2025", "--session", "2025-03-01", name=BOB)
    assert "when round 2025 was ratified" in line
    assert "Nothing to carry" in ok(bob, "round", "carry-notes", "my-round-2025", name=BOB)
    assert git(bob, "rev-parse", "HEAD") == head


BAD = {
    "bidi in an item": ({"item": "Staffing \u202e levels"}, "request R-1 item"),
    "a file outside answers/": (
        {"attachment": "sessions/answers/../../bargaining.toml"},
        "not under sessions/",
    ),
    "a file the branch lacks": (
        {"attachment": "sessions/answers/R-1.csv", "answered": "2025-03-20"},
        "missing",
    ),
    "a bad due date": ({"due": "2025-02-30"}, "due date"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_carry_refuses_a_hand_edited_request_in_one_line_changing_nothing(tmp_path: Path, case: str) -> None:
    """A record on the branch is text anyone could have edited: each request is checked as
    ``session request`` and ``answer`` check theirs before anything is written."""
    _, _, bob = _closed_on_the_remote(tmp_path)
    ok(bob, "sync", name=BOB)
    fields, said = BAD[case]
    request = {
        "id": "R-1",
        "item": "Staffing levels",
        "requested": "2025-03-12",
        "due": "2025-03-28",
        **fields,
    }
    record = {"date": "2025-03-12", "notes": [{"text": "they will move", "time": ""}], "requests": [request]}
    (bob / "sessions").mkdir(exist_ok=True)
    (bob / "sessions" / "2025-03-12.json").write_text(json.dumps(record), encoding="utf-8")
    git(bob, "add", "sessions")
    git(bob, "commit", "--quiet", "-m", "offline session")
    git(bob, "branch", "my-round-2025")
    git(bob, "reset", "--quiet", "--hard", "HEAD~1")
    ok(bob, "session", "open", "2028-01-10", name=BOB)
    head, before = git(bob, "rev-parse", "HEAD"), (bob / "sessions" / "2028-01-10.json").read_bytes()
    line = fails(bob, "round", "carry-notes", "my-round-2025", name=BOB)
    assert said in line and "sessions/2025-03-12.json on my-round-2025" in line, line
    assert "\u202e" not in line
    assert git(bob, "rev-parse", "HEAD") == head
    assert git(bob, "status", "--porcelain") == ""
    assert (bob / "sessions" / "2028-01-10.json").read_bytes() == before
