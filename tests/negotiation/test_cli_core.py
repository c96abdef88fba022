"""The bargaining repo through the real `proposals` command: passes, TAs, status, log, show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import CLI, PARKING, SCHEDULING, STAFFING, cli_env, git

STATUS_KEYS = {
    "id",
    "number",
    "title",
    "kind",
    "expires",  # a letter's own expiry (bargaining.toml), else null
    "economic",
    "status",
    "last_pass",
    "ta",
    "package",
    "contingent",
}


def status_of(cli: CLI, repo: Path) -> dict[str, dict]:
    data = json.loads(cli("-C", str(repo), "status", "--json").out)
    assert set(data) == {"articles", "overdue_requests"}
    for row in data["articles"]:
        assert set(row) == STATUS_KEYS
    return {row["id"]: row for row in data["articles"]}


def test_init_creates_a_readable_repo(cli: CLI, tmp_path: Path) -> None:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    repo = tmp_path / "talks"
    config = (repo / "bargaining.toml").read_text()
    assert 'name = "Clinicians United"' in config and 'code = "E"' in config
    assert (repo / "articles").is_dir() and (repo / "notes").is_dir()
    assert git(repo, "status", "--porcelain") == ""
    assert status_of(cli, repo) == {}


def test_init_refuses_a_non_empty_folder(cli: CLI, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.docx").write_text("keep me")
    result = cli("init", "full", "--union", "U", "--employer", "E", ok=False)
    assert "not empty" in result.err
    assert (tmp_path / "full" / "thesis.docx").read_text() == "keep me"


def test_pass_is_one_commit_with_trailers_tag_and_session_date(cli: CLI, negotiation: Path) -> None:
    message = git(negotiation, "log", "-1", "--format=%B", "U-1")
    assert "Proposal-Party: union" in message
    assert "Pass: U-1" in message and "Session: 2024-02-20" in message
    assert "Articles: staffing, scheduling, parking" in message
    assert git(negotiation, "cat-file", "-t", "U-1").strip() == "tag"  # annotated
    assert git(negotiation, "log", "-1", "--format=%an|%aI", "E-1").strip() == (
        "Test Member|2024-03-05T12:00:00+00:00"
    )
    changed = git(negotiation, "show", "--name-only", "--format=", "E-1^{commit}").split()
    assert changed == ["articles/staffing.txt"]


def test_pass_numbers_per_party_are_never_reused(cli: CLI, negotiation: Path) -> None:
    staffing = negotiation / "articles" / "staffing.txt"
    staffing.write_text(STAFFING.replace("ten (10) days", "seven (7) days"))
    out = cli("-C", str(negotiation), "pass", "--party", "union", "--session", "2024-04-01", "staffing")
    assert "U-2" in out.out
    staffing.write_text(STAFFING.replace("ten (10) days", "five (5) days"))
    clash = cli(
        "-C", str(negotiation), "pass", "--party", "employer", "--number", "U-2", "staffing", ok=False
    )
    assert "already exists" in clash.err
    cli("-C", str(negotiation), "pass", "--party", "employer", "--number", "E-9", "staffing")
    staffing.write_text(STAFFING.replace("ten (10) days", "six (6) days"))
    out = cli("-C", str(negotiation), "pass", "--party", "employer", "staffing")
    assert "E-10" in out.out


def test_pass_refuses_unchanged_text_and_missing_articles(cli: CLI, negotiation: Path) -> None:
    same = cli("-C", str(negotiation), "pass", "--party", "union", "scheduling", ok=False)
    assert "has not changed" in same.err
    missing = cli("-C", str(negotiation), "pass", "--party", "union", "wages", ok=False)
    assert "wages" in missing.err and "missing" in missing.err
    bad_date = cli(
        "-C", str(negotiation), "pass", "--party", "union", "--session", "2024-02-30", "scheduling", ok=False
    )
    assert "no such day" in bad_date.err


def test_ids_and_revisions_never_reach_git_as_options(cli: CLI, negotiation: Path) -> None:
    for bad in ("../bargaining", "a/b", "-rf", "--upload-pack=x"):
        result = cli("-C", str(negotiation), "show", "--", bad, ok=False)
        assert "invalid article id" in result.err
    result = cli("-C", str(negotiation), "show", "staffing", "--at", "--upload-pack=touch pwned", ok=False)
    assert "invalid revision" in result.err
    number = cli(
        "-C",
        str(negotiation),
        "pass",
        "--party",
        "union",
        "--number",
        "--upload-pack=x",
        "staffing",
        ok=False,
    )
    assert "invalid pass number" in number.err or "expected one argument" in number.err
    assert not (negotiation / "pwned").exists()


def test_statuses_open_ta_withdrawn_and_whose_move(cli: CLI, negotiation: Path) -> None:
    rows = status_of(cli, negotiation)
    assert rows["staffing"]["status"] == "open"
    assert rows["staffing"]["last_pass"]["pass"] == "E-1"
    assert rows["staffing"]["last_pass"]["party"] == "employer"
    assert rows["staffing"]["number"] == "6" and rows["staffing"]["title"] == "Staffing"
    table = cli("-C", str(negotiation), "status").out
    staffing_line = next(line for line in table.splitlines() if "Staffing" in line)
    assert "Clinicians United" in staffing_line  # the employer moved last: the union's move

    cli(
        "-C",
        str(negotiation),
        "ta",
        "scheduling",
        "--union-sign",
        "J. Alvarez",
        "--employer-sign",
        "M. Chen",
        "--date",
        "2024-06-11",
    )
    cli("-C", str(negotiation), "withdraw", "--party", "union", "--session", "2024-06-11", "parking")
    rows = status_of(cli, negotiation)
    assert rows["scheduling"]["status"] == "ta"
    assert rows["scheduling"]["ta"] == {
        "date": "2024-06-11",
        "union_sign": "J. Alvarez",
        "employer_sign": "M. Chen",
        "sections": [],
        "blob": git(negotiation, "rev-parse", "HEAD:articles/scheduling.txt").strip(),
    }
    assert rows["parking"]["status"] == "withdrawn"
    assert rows["parking"]["ta"] is None
    # The last pass of a withdrawn part is the withdrawal, as on the TUI's board (issue 18).
    withdrawal = json.loads(cli("-C", str(negotiation), "log", "--json").out)["passes"][-1]
    assert rows["parking"]["last_pass"]["pass"] == withdrawal["pass"]
    assert rows["parking"]["last_pass"]["session"] == "2024-06-11"
    header = cli("-C", str(negotiation), "status").out.splitlines()[0]
    assert header == "3 articles · 1 TA · 1 open · 1 withdrawn"


def test_unchanged_needs_a_baseline(cli: CLI, tmp_path: Path) -> None:
    cli("init", "successor", "--union", "U", "--employer", "E")
    old = tmp_path / "old-contract"
    old.mkdir()
    (old / "staffing.txt").write_text(STAFFING)
    (old / "parking.txt").write_text(PARKING)
    repo = tmp_path / "successor"
    cli("-C", str(repo), "baseline", "--from-dir", str(old))
    assert git(repo, "cat-file", "-t", "baseline").strip() == "tag"
    rows = status_of(cli, repo)
    assert {r["status"] for r in rows.values()} == {"unchanged"}
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("five (5)", "eight (8)"))
    cli("-C", str(repo), "pass", "--party", "union", "staffing")
    rows = status_of(cli, repo)
    assert rows["staffing"]["status"] == "open" and rows["parking"]["status"] == "unchanged"
    assert cli("-C", str(repo), "show", "staffing", "--at", "baseline").out == STAFFING
    again = cli("-C", str(repo), "baseline", "--from-dir", str(old), ok=False)
    assert "already has a baseline" in again.err


def test_section_ta_locks_only_that_section(cli: CLI, negotiation: Path) -> None:
    cli(
        "-C",
        str(negotiation),
        "ta",
        "staffing",
        "--section",
        "6.3",
        "--union-sign",
        "J. Alvarez",
        "--employer-sign",
        "M. Chen",
        "--date",
        "2024-05-01",
    )
    row = status_of(cli, negotiation)["staffing"]
    assert row["status"] == "open" and row["ta"]["sections"] == ["6.3"]
    staffing = negotiation / "articles" / "staffing.txt"
    table_text = staffing.read_text()
    staffing.write_text(table_text.replace("one (1) medical assistant", "1.5 medical assistants"))
    cli("-C", str(negotiation), "pass", "--party", "union", "staffing")  # 6.2 is still open
    assert cli("-C", str(negotiation), "verify").code == 0

    staffing.write_text(staffing.read_text().replace("five (5) Clinicians", "three (3) Clinicians"))
    refused = cli("-C", str(negotiation), "pass", "--party", "employer", "staffing", ok=False)
    assert "TA'd text" in refused.err and "--reopen" in refused.err
    flagged = cli("-C", str(negotiation), "verify", ok=None)
    assert flagged.code == 1 and "staffing section 6.3" in flagged.out and "working tree" in flagged.out
    cli("-C", str(negotiation), "pass", "--party", "employer", "--reopen", "staffing")
    flagged = cli("-C", str(negotiation), "verify", ok=None)
    assert flagged.code == 1
    assert "staffing section 6.3: changed by pass E-2" in flagged.out


def test_ta_errors(cli: CLI, negotiation: Path) -> None:
    no_section = cli(
        "-C",
        str(negotiation),
        "ta",
        "staffing",
        "--section",
        "6.9",
        "--union-sign",
        "A",
        "--employer-sign",
        "B",
        ok=False,
    )
    assert "no section 6.9" in no_section.err
    cli("-C", str(negotiation), "ta", "scheduling", "--union-sign", "A", "--employer-sign", "B")
    twice = cli(
        "-C", str(negotiation), "ta", "scheduling", "--union-sign", "A", "--employer-sign", "B", ok=False
    )
    assert "already TA'd" in twice.err
    withdrawn = cli("-C", str(negotiation), "withdraw", "--party", "union", "scheduling", ok=False)
    assert "cannot be withdrawn" in withdrawn.err
    never = cli("-C", str(negotiation), "withdraw", "--party", "union", "wages", ok=False)
    assert "never proposed" in never.err


def test_recording_their_pass_keeps_our_draft(cli: CLI, negotiation: Path, tmp_path: Path) -> None:
    staffing = negotiation / "articles" / "staffing.txt"
    our_draft = staffing.read_text().replace("within one (1) hour", "within thirty (30) minutes")
    staffing.write_text(our_draft)
    theirs = tmp_path / "their-pass.txt"
    theirs.write_text(STAFFING.replace("two (2) medical assistants", "one (1) medical assistant per two"))
    out = cli(
        "-C",
        str(negotiation),
        "pass",
        "--party",
        "employer",
        "--session",
        "2024-04-02",
        "--from-file",
        str(theirs),
        "staffing",
    ).out
    assert "refs/drafts/staffing" in out
    assert staffing.read_text() == theirs.read_text()
    assert git(negotiation, "show", "refs/drafts/staffing:staffing.txt") == our_draft
    assert cli("-C", str(negotiation), "show", "staffing", "--at", "refs/drafts/staffing").out == our_draft


def test_log_and_show(cli: CLI, negotiation: Path) -> None:
    log = json.loads(cli("-C", str(negotiation), "log", "--json").out)
    assert [p["pass"] for p in log["passes"]] == ["U-1", "E-1"]
    assert log["passes"][0]["articles"] == ["staffing", "scheduling", "parking"]
    assert set(log["passes"][0]) == {"pass", "party", "session", "commit", "articles", "withdrawn"}
    only = json.loads(cli("-C", str(negotiation), "log", "scheduling", "--json").out)
    assert [p["pass"] for p in only["passes"]] == ["U-1"]
    assert cli("-C", str(negotiation), "show", "staffing", "--at", "U-1").out == STAFFING
    assert (
        "one (1) medical assistant" in cli("-C", str(negotiation), "show", "staffing", "--at", "employer").out
    )
    assert cli("-C", str(negotiation), "show", "staffing", "--at", "union").out == STAFFING
    assert cli("-C", str(negotiation), "show", "scheduling").out == SCHEDULING
    unknown = cli("-C", str(negotiation), "show", "staffing", "--at", "U-99", ok=False)
    assert "unknown revision" in unknown.err
    no_ta = cli("-C", str(negotiation), "show", "staffing", "--at", "ta", ok=False)
    assert "no tentative agreement" in no_ta.err
    no_base = cli("-C", str(negotiation), "show", "staffing", "--at", "baseline", ok=False)
    assert "no baseline" in no_base.err


def test_plain_git_log_reads_as_the_negotiation(cli: CLI, negotiation: Path) -> None:
    subjects = git(negotiation, "log", "--format=%s", "--", "articles/staffing.txt").splitlines()
    assert subjects == [
        "Northstar Health pass E-1: staffing",
        "Clinicians United pass U-1: staffing, scheduling, parking",
    ]
    patch = git(negotiation, "log", "-p", "-1", "--", "articles/staffing.txt")
    assert "-6.2 Medical Assistants. Each Clinician shall be supported by two (2)" in patch


def test_not_a_bargaining_repo_and_corrupt_config(cli: CLI, tmp_path: Path, negotiation: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    git(plain, "init", "-q")
    err = cli("-C", str(plain), "status", ok=False).err
    assert "not a bargaining repo" in err
    err = cli("-C", str(tmp_path / "nowhere"), "status", ok=False).err
    assert "not a directory" in err
    (negotiation / "bargaining.toml").write_text("[parties.union\nname = 'x'")
    err = cli("-C", str(negotiation), "status", ok=False).err
    assert "bargaining.toml is corrupt" in err


def test_bad_article_bytes_are_refused_without_loss(cli: CLI, negotiation: Path) -> None:
    staffing = negotiation / "articles" / "staffing.txt"
    staffing.write_bytes(b"ARTICLE 6: STAFFING\n\n6.1 caf\xe9\n")
    err = cli("-C", str(negotiation), "pass", "--party", "union", "staffing", ok=False).err
    assert "not valid UTF-8" in err
    assert staffing.read_bytes() == b"ARTICLE 6: STAFFING\n\n6.1 caf\xe9\n"
    staffing.write_bytes(b"ARTICLE 6: STAFFING\r\n\r\n6.1 Windows text.\r\n")
    cli("-C", str(negotiation), "pass", "--party", "union", "staffing")
    assert (
        git(negotiation, "show", "HEAD:articles/staffing.txt") == "ARTICLE 6: STAFFING\n\n6.1 Windows text.\n"
    )


def test_git_without_identity_gives_one_line(cli: CLI, negotiation: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in cli_env().items() if not k.startswith("GIT_")}
    env.update(HOME=str(tmp_path), GIT_CONFIG_NOSYSTEM="1", EMAIL="")
    (negotiation / "articles" / "scheduling.txt").write_text(SCHEDULING.replace("36", "32"))
    proc = subprocess.run(
        [sys.executable, "-m", "proposals", "-C", str(negotiation), "pass", "--party", "union", "scheduling"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert proc.stderr.count("\n") == 1 and "git config" in proc.stderr


def test_core_import_leaves_textual_out() -> None:
    code = (
        "import sys, proposals, pkgutil, importlib\n"
        "for m in pkgutil.walk_packages(proposals.__path__, 'proposals.'):\n"
        "    importlib.import_module(m.name) if not m.name.endswith('__main__') else None\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich', 'proposals_tui'))\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=cli_env(), capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
