"""Session notes recorded offline in a round the remote then closed (issue 17), with real clones.

Sync refuses them (they would land after the ratified contract) and sets nothing aside itself;
its recipe keeps them on ``my-round-NAME``. The session they belong to is dated before the
ratification, so it can be neither opened again nor added to in the next round: before, the
line said "record them again in round 2028" and nothing could (``session open 2025-03-12`` is
refused, ``session note --session 2025-03-12`` finds no session). Now the line says to open a
session of the current round and run ``round carry-notes my-round-NAME``, which adds each note
there marked with the day it was taken; the team gets them with the next sync.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from sync_support import fails, git, ok, run
from test_sync_rounds import ALICE, BOB, _closed_on_the_remote

NOTES = [("10:40", "they will move on ratios"), ("", "Eve hinted at a wage reopener; say nothing yet")]


def _notes(member: Path, day: str, name: str) -> list[dict[str, str]]:
    return json.loads(ok(member, "session", "show", day, "--json", name=name))["notes"]


def test_the_refusal_line_says_how_to_carry_a_sessions_notes_and_that_works(tmp_path: Path) -> None:
    _, alice, bob = _closed_on_the_remote(tmp_path)
    ok(bob, "session", "open", "2025-03-12", "--place", "Room 4", name=BOB)
    for time, text in NOTES:
        ok(bob, "session", "note", text, *(["--time", time] if time else []), name=BOB)
    line = fails(bob, "sync", name=BOB)
    assert "the record of session 2025-03-12" in line and "nothing changed" in line
    recipe = "proposals session open DATE (a day of round 2028), then proposals round carry-notes "
    assert recipe + "my-round-2025" in line, line
    # The recipe, as the line gives it: set ours aside, keep the remote's rounds.
    remedy = line.split(": ", 2)[2]
    for command in remedy[remedy.index("git branch "):].split(", then")[0].split(" && "):
        git(bob, *command.split()[1:])
    ok(bob, "session", "open", "2028-01-10", "--place", "Room 4", name=BOB)
    carry = line[line.index("proposals round carry-notes"):].split(" (")[0]
    out = ok(bob, *shlex.split(carry)[1:], name=BOB)
    assert "Carried 2 notes of session 2025-03-12 (my-round-2025) into session 2028-01-10" in out
    wanted = [f"From session 2025-03-12 10:40: {NOTES[0][1]}", f"From session 2025-03-12: {NOTES[1][1]}"]
    assert [n["text"] for n in _notes(bob, "2028-01-10", BOB)] == wanted
    head = git(bob, "rev-parse", "HEAD")
    assert "Carried 0 notes" in ok(bob, *shlex.split(carry)[1:], name=BOB)  # twice adds nothing
    assert git(bob, "rev-parse", "HEAD") == head
    # The team gets them with the next sync; the record is whole on both sides.
    ok(bob, "sync", name=BOB)
    ok(alice, "sync", name=ALICE)
    assert [n["text"] for n in _notes(alice, "2028-01-10", ALICE)] == wanted
    for member, name in ((alice, ALICE), (bob, BOB)):
        assert run(member, "verify", name=name).returncode == 0


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
