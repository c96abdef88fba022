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


def two_rounds(negotiation: Path, cli) -> str:
    """Round 2024 settled (three TAs) and closed; round 2027 open with U-1 on staffing."""
    repo = str(negotiation)
    for part, day in (("staffing", "2024-03-10"), ("scheduling", "2024-03-10"), ("parking", "2024-03-11")):
        ta(cli, negotiation, part, day)
    cli("-C", repo, "round", "close", "--ratified", "2024-04-01", "--name", "2024")
    cli("-C", repo, "round", "open", "2027", "--expires", "2027-06-30")
    path = negotiation / "articles" / "staffing.txt"
    path.write_text(path.read_text().replace("five (5)", "eight (8)"))
    cli("-C", repo, "pass", "--party", "union", "--session", "2027-01-12", "staffing")
    return repo


def test_status_export_and_compile_show_an_earlier_round_read_only(negotiation: Path, cli) -> None:
    repo = two_rounds(negotiation, cli)
    now = {r["id"]: r for r in json.loads(cli("-C", repo, "status", "--json").out)["articles"]}
    assert now["staffing"]["status"] == "open" and now["staffing"]["last_pass"]["pass"] == "U-1"
    assert now["parking"]["status"] == "unchanged"
    data = json.loads(cli("-C", repo, "status", "--round", "2024", "--json").out)
    assert data["round"] == "2024" and data["read_only"] is True
    then = {r["id"]: r for r in data["articles"]}
    assert {r["status"] for r in then.values()} == {"ta"}
    assert then["staffing"]["last_pass"]["pass"] == "E-1"
    assert then["staffing"]["ta"]["date"] == "2024-03-10"
    table = cli("-C", repo, "status", "--round", "2024").out
    assert table.startswith("Round 2024, ratified 2024-04-01: as it ended, read-only")
    # The current round's name is the current round; an unknown one is one line, nothing shown.
    assert (
        cli("-C", repo, "status", "--round", "2027", "--json").out == cli("-C", repo, "status", "--json").out
    )
    refused = cli("-C", repo, "status", "--round", "1999", ok=False)
    assert refused.err.strip() == "proposals: error: no round '1999': rounds are 2024, 2027"
    # A TA of the earlier round exports; in the current round staffing is open again.
    out = negotiation.parent / "ta-2024.docx"
    cli("-C", repo, "export", "staffing", "--mode", "ta", "--round", "2024", "-o", str(out))
    assert out.exists()
    assert (
        "no tentative agreement"
        in cli(
            "-C", repo, "export", "staffing", "--mode", "ta", "-o", str(out.with_name("now.docx")), ok=False
        ).err
    )
    # Its compiled contract is exactly what the round ratified, with no --force.
    compiled = cli("-C", repo, "compile", "--round", "2024", "-o", str(negotiation.parent / "c.docx")).out
    assert "3 articles" in compiled
    assert "still open" in cli("-C", repo, "compile", "-o", str(negotiation.parent / "d.docx"), ok=False).err


def test_an_earlier_round_refuses_every_recorder_and_writes_nothing(negotiation: Path, cli) -> None:
    from proposals.errors import ProposalsError
    from proposals.negotiation.agreements import make_ta
    from proposals.negotiation.passes import record_pass
    from proposals.negotiation.rounds import agreed_contract

    two_rounds(negotiation, cli)
    repo = BargainingRepo.open(negotiation)
    earlier = repo.round_view("2024")
    assert earlier.read_only.startswith("round 2024 is closed: shown read-only")
    head, tree = git(negotiation, "rev-parse", "HEAD"), git(negotiation, "status", "--porcelain")
    text = (negotiation / "articles" / "staffing.txt").read_text()
    for attempt in (
        lambda: record_pass(earlier, "union", ["staffing"], session="2024-03-20", texts={"staffing": "x\n"}),
        lambda: make_ta(earlier, "staffing", union_sign="A", employer_sign="B", ta_date="2024-03-20"),
        lambda: earlier.write_draft("staffing", "changed\n"),
    ):
        try:
            attempt()
        except ProposalsError as exc:
            assert "round 2024 is closed" in str(exc)
        else:
            raise AssertionError("an earlier round recorded something")
    assert git(negotiation, "rev-parse", "HEAD") == head
    assert git(negotiation, "status", "--porcelain") == tree
    assert (negotiation / "articles" / "staffing.txt").read_text() == text
    # Its drafts are the texts on the table when it ended; its agreed contract is what it ratified.
    assert earlier.draft_ids() == set() and "five (5)" in earlier.read_draft("staffing")
    ratified = git(negotiation, "rev-parse", "2024/ratified^{commit}").strip()
    assert agreed_contract(earlier).texts == {
        i: repo.text_at_commit(i, ratified) for i in ("parking", "scheduling", "staffing")
    }


def test_compile_and_round_close_read_one_agreed_contract(tmp_path: Path, cli) -> None:
    """`compile` places what `round close` would ratify: one core path (rounds.agreed_parts)."""
    from proposals.negotiation.documents import compile_contract
    from proposals.negotiation.rounds import agreed_contract, agreed_parts

    demo = tmp_path / "demo"
    cli("demo", str(demo))
    repo = BargainingRepo.open(demo)
    parts = agreed_parts(repo)
    agreed = agreed_contract(repo)
    assert agreed.still_open == [p.row.id for p in parts if p.still_open]
    done = compile_contract(repo, tmp_path / "c.docx", force=True, omit_open=True)
    settled = [p.row.id for p in parts if p.row.status != "open" and p.text is not None]
    assert done.articles == settled
    assert set(settled) <= set(agreed.texts)
    for part in parts:
        if part.row.status != "open" and part.text is not None:
            assert agreed.texts[part.row.id] == part.text


def test_publish_and_update_show_an_earlier_round_read_only(negotiation: Path, cli) -> None:
    """Exports work on the current round and can show any earlier one read-only (issue 17):
    `publish --round` and `update --round`, like status, export and compile."""
    repo = two_rounds(negotiation, cli)
    then, now = negotiation.parent / "site-2024", negotiation.parent / "site-now"
    assert "3 TA'd" in cli("-C", repo, "publish", "-o", str(then), "--round", "2024").out
    assert "0 TA'd" in cli("-C", repo, "publish", "-o", str(now)).out
    assert "E-1" in (then / "parts" / "staffing.html").read_text()
    assert "U-1" in (now / "parts" / "staffing.html").read_text()
    update = cli("-C", repo, "update", "--round", "2024", "--since", "2024-01-01").out
    assert "3 of 3 parts" in update and "tentatively agreed" in update
    refused = cli("-C", repo, "publish", "-o", str(negotiation.parent / "none"), "--round", "1999", ok=False)
    assert refused.err.strip() == "proposals: error: no round '1999': rounds are 2024, 2027"
    assert not (negotiation.parent / "none").exists()
    head = git(negotiation, "rev-parse", "HEAD")
    cli("-C", repo, "publish", "-o", str(then), "--round", "2024")
    assert git(negotiation, "rev-parse", "HEAD") == head
