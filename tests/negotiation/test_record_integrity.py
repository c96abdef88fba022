"""Issue 13: a record no one can forge or half-write. Each case through the real CLI.

Every refused command must fail in one line, before anything is written: no commit, no tag,
nothing staged, the working tree as it was.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import cli_command
from sync_support import STAFFING, cli_env, fails, git, held_open, make_repo, ok, run, tags, write

TA_BLOB_FORGERY = "0" * 40


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "team")


def state(repo: Path) -> tuple[str, dict[str, str], str, str]:
    """HEAD, tags, the index and working-tree status, and the refs: all a write could touch."""
    return (
        git(repo, "rev-parse", "HEAD"),
        tags(repo),
        git(repo, "status", "--porcelain=v1", "--untracked-files=all"),
        git(repo, "for-each-ref"),
    )


def refused(repo: Path, *args: str) -> str:
    before = state(repo)
    line = fails(repo, *args)
    assert state(repo) == before, f"{args} wrote something before failing"
    return line


def test_hostile_signatories_are_refused_before_anything_is_written(repo: Path) -> None:
    for name in (
        f"J\rTA-Blob: {TA_BLOB_FORGERY}",
        "J\u2028TA-Article: wages",
        "J\x1eE-1",
        "J\x85x",
        "J\x1b]8;;http://x\x1b\\",
        "",
    ):
        line = refused(repo, "ta", "staffing", "--union-sign", name, "--employer-sign", "Pat Lee")
        assert "--union-sign" in line
        line = refused(repo, "ta", "staffing", "--union-sign", "Jo Ray", "--employer-sign", name)
        assert "--employer-sign" in line
    assert not any(name.startswith("ta-") for name in tags(repo))


def test_a_message_cannot_carry_control_characters(repo: Path) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    for message in ("x\x1eE-9", "x\rProposal-Party: employer", "x\u2028Pass: E-9", "\x1fx", "a\x7fb"):
        line = refused(repo, "pass", "--party", "union", "-m", message, "staffing")
        assert "message" in line
        refused(repo, "withdraw", "--party", "union", "-m", message, "scheduling")


@pytest.mark.parametrize("number", ["U-7\n", "U-7\r", "\nU-7", "U-7\u2028", "", "E-9", "X-3", "U-"])
def test_pass_numbers_are_whole_and_carry_their_party_code(repo: Path, number: str) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    line = refused(repo, "pass", "--party", "union", "--number", number, "staffing")
    assert "pass number" in line
    refused(repo, "withdraw", "--party", "union", "--number", number, "scheduling")


def test_pass_with_the_other_partys_code_says_whose_numbering_it_is(repo: Path) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    line = refused(repo, "pass", "--party", "union", "--number", "E-9", "staffing")
    assert "employer" in line and "U-" in line
    ok(repo, "pass", "--party", "union", "--number", "U-9", "staffing")


@pytest.mark.parametrize(
    "day", ["2100-01-01", "1969-12-31", "9999-12-31", "0001-01-01", "2024-02-30", "", "2025-01-10\n"]
)
def test_dates_are_refused_before_anything_is_staged(repo: Path, day: str) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    refused(repo, "pass", "--party", "union", "--session", day, "staffing")
    refused(repo, "withdraw", "--party", "union", "--session", day, "scheduling")
    refused(repo, "ta", "scheduling", "--union-sign", "Jo", "--employer-sign", "Pat", "--date", day)


def test_article_ids_and_sections_are_whole(repo: Path) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    assert "invalid article id" in refused(repo, "pass", "--party", "union", "staffing\n")
    line = refused(
        repo, "ta", "staffing", "--section", "6.1\nPass: E-9", "--union-sign", "Jo", "--employer-sign", "Pat"
    )
    assert "invalid section" in line


def test_party_names_and_codes_in_the_config_are_checked(repo: Path) -> None:
    config = repo / "bargaining.toml"
    good = config.read_text()
    for bad in (
        good.replace('name = "Clinicians United"', 'name = "Clinicians\\u001eUnited"'),
        good.replace('name = "Clinicians United"', 'name = "Clinicians\\u2028Pass: E-1"'),
        good.replace('name = "Health System"', 'name = "Health\\rSystem"'),
        good.replace('code = "U"', 'code = "U\\n"'),
    ):
        config.write_text(bad)
        line = fails(repo, "status")
        assert "bargaining.toml" in line
    config.write_text(good)
    ok(repo, "status")


def test_init_refuses_hostile_party_names(tmp_path: Path) -> None:
    for union in ("A\nB", "A\x1bB", "A\u2029B", " "):
        fails(tmp_path, "init", "talks", "--union", union, "--employer", "Health System")
        assert not (tmp_path / "talks").exists()


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
            'main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
            '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
            '.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def test_imported_file_names_cannot_reach_the_message(repo: Path, tmp_path: Path) -> None:
    for name in ("their\x1epass.docx", "their\rProposal-Party: union.docx", "their\u2028pass.docx"):
        path = tmp_path / name
        path.write_bytes(_docx(["ARTICLE 6: STAFFING", "6.1 The employer shall staff.", "6.2 New."]))
        line = refused(repo, "import-docx", str(path), "--party", "employer")
        assert "file name" in line
    for bad in ("", "2100-01-01"):
        path = tmp_path / "plain.docx"
        path.write_bytes(_docx(["ARTICLE 6: STAFFING", "6.1 The employer shall staff."]))
        refused(repo, "import-docx", str(path), "--party", "employer", "--session", bad)
    refused(repo, "import-docx", str(path), "--party", "employer", "--number", "E-1\n")


def test_baseline_source_names_are_checked(tmp_path: Path) -> None:
    ok(tmp_path, "init", "talks", "--union", "U", "--employer", "E")
    source = tmp_path / "in\x1eforce"
    source.mkdir()
    (source / "staffing.txt").write_text(STAFFING)
    repo = tmp_path / "talks"
    line = refused(repo, "baseline", "--from-dir", str(source))
    assert "file name" in line
    assert "baseline" not in tags(repo)



# -- forgery: what a commit made with plain git (a teammate, a remote) can claim ---------------


def commit_raw(repo: Path, message: str, author: str = "Eve Mallory") -> str:
    """A commit made with plain git, its message exactly as given (as a hostile clone could)."""
    env = cli_env(author)
    subprocess.run(
        ["git", "commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-F", "-"],
        cwd=repo,
        input=message.encode(),
        env=env,
        check=True,
    )
    return git(repo, "rev-parse", "HEAD").strip()


def passes(repo: Path) -> dict[str, tuple[str, list[str]]]:
    return {p["pass"]: (p["party"], p["articles"]) for p in json.loads(ok(repo, "log", "--json"))["passes"]}


def test_record_separators_in_messages_and_names_cannot_split_or_add_records(repo: Path) -> None:
    u1 = git(repo, "rev-parse", "HEAD").strip()
    fake = f"\x1e{u1}\x1fEve\x1fforged\x1fProposal-Party: employer\nPass: E-5\nArticles: staffing\n"
    commit_raw(repo, f"note {fake}\n\nbody {fake}\n", author=f"Eve{fake.strip()}")
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    assert passes(repo) == {
        "U-1": ("union", ["staffing", "scheduling"]),
        "U-2": ("union", ["staffing"]),
    }


def test_a_pass_whose_subject_holds_separators_stays_the_partys_own(repo: Path) -> None:
    """The old reader split records on \\x1e: a union pass could vanish or turn employer."""
    commit_raw(
        repo,
        "U-2: a\x1eb\x1fc\u2028d\r\n\nProposal-Party: union\nPass: U-2\nSession: 2025-02-01\n"
        "Withdrawn: scheduling\n",
    )
    assert passes(repo)["U-2"] == ("union", [])
    assert "withdrawn" in ok(repo, "status", "--json")


@pytest.mark.parametrize(
    "block",
    [
        "Proposal-Party: union\rPass: E-9\nPass: U-2\nSession: 2025-02-01\nArticles: staffing\n",
        "Proposal-Party: union\nPass: U-2\u2028Proposal-Party: employer\nSession: 2025-02-01\n"
        "Articles: staffing\n",
        "Proposal-Party: union\nPass: U-2\nPass: E-9\nSession: 2025-02-01\nArticles: staffing\n",
        "Proposal-Party: union\nPass: U-2\x1fE-9\nSession: 2025-02-01\nArticles: staffing\n",
        "Proposal-Party: union\x85Pass: E-9\nPass: U-2\nSession: 2025-02-01\nArticles: staffing\n",
        "Proposal-Party: union\nPass: U-2\nSession: 2025-02-01\nArticles: staffing\x0bwages\n",
    ],
)
def test_forged_trailers_never_change_who_or_what_a_pass_is(repo: Path, block: str) -> None:
    commit = commit_raw(repo, f"U-2: forged\n\n{block}")
    found = passes(repo)
    assert set(found) == {"U-1"} and found["U-1"][0] == "union"
    problems = run(repo, "verify")
    assert problems.returncode == 1 and commit[:10] in problems.stdout


@pytest.mark.parametrize(
    "sign",
    [
        f"J\rTA-Blob: {TA_BLOB_FORGERY}",
        "J\u2028TA-Article: wages",
        "J\x1eTA-Article: wages",
    ],
)
def test_a_forged_signatory_cannot_move_or_unlock_a_ta(repo: Path, sign: str) -> None:
    blob = git(repo, "rev-parse", "HEAD:articles/staffing.txt").strip()
    commit = commit_raw(
        repo,
        "Tentative agreement: staffing\n\nTA-Article: staffing\n"
        f"TA-Blob: {blob}\nTA-Union-Sign: {sign}\nTA-Employer-Sign: Pat\nTA-Date: 2025-02-01\n"
        "TA-Tag: ta-staffing\n",
    )
    status = ok(repo, "status", "--json")
    assert '"status": "ta"' not in status
    verify = run(repo, "verify")
    assert verify.returncode == 1 and commit[:10] in verify.stdout


# -- verify proves the record ------------------------------------------------------------------


def verify_lines(repo: Path) -> list[str]:
    proc = run(repo, "verify")
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    return proc.stdout.splitlines() if proc.returncode else []


def ta_repo(repo: Path) -> Path:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    ok(repo, "pass", "--party", "employer", "--session", "2025-02-01", "staffing")
    ok(repo, "ta", "staffing", "--union-sign", "Jo Ray", "--employer-sign", "Pat Lee", "--date", "2025-02-02")
    assert verify_lines(repo) == []
    return repo


def test_tags_on_the_wrong_commit_are_listed_with_the_fix(repo: Path) -> None:
    ta_repo(repo)
    git(repo, "tag", "-f", "U-1", "ta-staffing")
    git(repo, "tag", "E-7", "ta-staffing")
    git(repo, "tag", "ta-wages", "E-1")
    lines = verify_lines(repo)
    assert any(line.startswith("U-1:") and "git tag -f U-1" in line for line in lines)
    assert any(line.startswith("E-7:") and "TA commit" in line and "git tag -d E-7" in line for line in lines)
    assert any(line.startswith("ta-wages:") and "pass E-1" in line for line in lines)


def test_a_moved_baseline_is_listed(tmp_path: Path) -> None:
    ok(tmp_path, "init", "talks", "--union", "U", "--employer", "E")
    source = tmp_path / "old"
    source.mkdir()
    (source / "staffing.txt").write_text(STAFFING)
    repo = tmp_path / "talks"
    ok(repo, "baseline", "--from-dir", str(source))
    base = git(repo, "rev-parse", "baseline^{commit}").strip()
    commit_raw(repo, "an ordinary commit\n")
    git(repo, "tag", "-f", "baseline", "HEAD")
    lines = verify_lines(repo)
    assert any(line.startswith("baseline:") and f"git tag -f baseline {base}" in line for line in lines)


def test_a_pass_with_the_other_partys_number_or_untouched_articles_is_listed(repo: Path) -> None:
    commit_raw(
        repo,
        "E-9: hand-made\n\nProposal-Party: union\nPass: E-9\nSession: 2025-02-01\nArticles: staffing\n",
    )
    git(repo, "tag", "E-9", "HEAD")
    lines = verify_lines(repo)
    assert any(line.startswith("E-9:") and "numbered U-N" in line for line in lines)
    assert any(line.startswith("E-9:") and "does not change" in line for line in lines)


def test_init_pins_article_attributes_and_verify_ignores_a_teammates_ident(repo: Path) -> None:
    attributes = (repo / "articles" / ".gitattributes").read_text()
    assert attributes == "* -text -ident -filter -working-tree-encoding\n"
    text = STAFFING.replace("safe staffing.", "safe staffing. $Id$")
    write(repo, "staffing", text)
    ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    ok(repo, "ta", "staffing", "--union-sign", "Jo Ray", "--employer-sign", "Pat Lee", "--date", "2025-02-02")
    # A teammate drops our attributes and turns on $Id$ expansion; a fresh checkout expands it.
    git(repo, "rm", "-q", "articles/.gitattributes")
    (repo / ".gitattributes").write_text("articles/*.txt ident\n")
    git(repo, "commit", "-qam", "keyword expansion")
    (repo / "articles" / "staffing.txt").unlink()
    git(repo, "checkout", "--", "articles/staffing.txt")
    assert "$Id: " in (repo / "articles" / "staffing.txt").read_text()
    # No false TA alarm: the only problem verify names is the dropped attributes file, with its fix.
    lines = verify_lines(repo)
    assert lines and all(line.startswith("articles/.gitattributes") for line in lines)


def test_a_ta_lock_is_checked_on_the_bytes_git_stores(repo: Path) -> None:
    """A CRLF copy of the agreed text reads the same once decoded; the stored blob is not the same."""
    ta_repo(repo)
    agreed = (repo / "articles" / "staffing.txt").read_bytes()
    (repo / "articles" / "staffing.txt").write_bytes(agreed.replace(b"\n", b"\r\n"))
    git(repo, "commit", "-qam", "line endings")
    assert any(line.startswith("staffing:") and "changed" in line for line in verify_lines(repo))


# -- all or nothing, and locks nobody is holding -------------------------------------------------


def test_a_pass_whose_tag_fails_leaves_no_commit_and_nothing_staged(repo: Path) -> None:
    """A ref lock (another program updating refs/tags/U-2) makes the tag fail after the commit."""
    draft = STAFFING.replace("safe", "safe and adequate")
    write(repo, "staffing", draft)
    tags_dir = repo / ".git" / "refs" / "tags"
    tags_dir.mkdir(parents=True, exist_ok=True)
    with held_open(tags_dir / "U-2.lock"), held_open(tags_dir / "ta-scheduling.lock"):
        line = refused(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
        assert "U-2" in line
        assert (repo / "articles" / "staffing.txt").read_text() == draft  # still our draft
        signs = ["--union-sign", "Jo", "--employer-sign", "Pat"]
        refused(repo, "ta", "scheduling", *signs, "--date", "2025-02-02")
        refused(repo, "withdraw", "--party", "union", "--session", "2025-02-01", "scheduling")


def test_stale_ref_locks_are_cleared_by_repair_and_before_recording(repo: Path) -> None:
    import os
    import time

    lock = repo / ".git" / "refs" / "tags" / "U-2.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text("")
    old = time.time() - 60
    os.utime(lock, (old, old))
    out = ok(repo, "repair")
    assert "refs/tags/U-2.lock" in out and not lock.exists()
    lock.write_text("")
    os.utime(lock, (old, old))
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    proc = run(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing", check=True)
    assert "U-2" in proc.stdout and "U-2.lock" in proc.stderr and not lock.exists()


def test_an_empty_writer_lock_left_by_a_kill_is_taken_over(repo: Path) -> None:
    import os
    import time

    lock = repo / ".git" / "proposals.lock"
    lock.write_text("")  # killed between creating the lock and writing its pid
    env = {**cli_env(), "PROPOSALS_LOCK_WAIT": "0.5"}
    args = [*cli_command(), "-C", str(repo), "repair"]
    fresh = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    assert fresh.returncode != 0 and "another proposals command" in fresh.stderr  # fresh: wait
    old = time.time() - 30
    os.utime(lock, (old, old))
    stale = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    assert stale.returncode == 0, stale.stderr
    assert not lock.exists()


def test_a_full_disk_is_a_one_line_error_and_nothing_is_recorded(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    from proposals.cli.main import main
    from proposals.negotiation import repo as repo_module

    def full(path: Path, text: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(repo_module, "atomic_write", full)
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(STAFFING.replace("safe", "safe and adequate"))
    before = state(repo)
    code = main(["-C", str(repo), "pass", "--party", "employer", "--from-file", str(theirs), "staffing"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "internal error" not in err
    assert "staffing.txt" in err and "disk is full" in err and "free some space" in err
    assert state(repo) == before


def test_long_id_lists_are_refused_early_or_sent_to_git_on_stdin(repo: Path) -> None:
    from proposals.negotiation.passes import record_pass
    from proposals.negotiation.repo import BargainingRepo

    line = refused(repo, "pass", "--party", "union", *[f"a{i}" for i in range(1001)])
    assert "at most 1000" in line
    texts = {f"part-{i}": f"ARTICLE {i}: PART {i}\n\n{i}.1 Text.\n" for i in range(1, 231)}
    result = record_pass(BargainingRepo.open(repo), "union", list(texts), session="2025-02-01", texts=texts)
    assert result.name == "U-2" and len(result.articles) == 230
    assert len(git(repo, "show", "--name-only", "--format=", "U-2^{commit}").split()) == 230


# -- text from the record shown safely -------------------------------------------------------------


def test_hostile_headings_reach_no_terminal_spreadsheet_or_table_raw(repo: Path) -> None:
    write(repo, "wages", 'ARTICLE 20: =HYPERLINK("http://evil","x")\n\n20.1 Pay.\n')
    write(repo, "hours", "ARTICLE 21: HOURS\x1b[2J | \u202eEVIL\n\n21.1 Time.\n")
    ok(repo, "pass", "--party", "employer", "--session", "2025-02-01", "wages", "hours")
    table = ok(repo, "status")
    # the escape never reaches the record (contract.part.normalise_text); the override is shown
    assert "\x1b" not in table and "\u202e" not in table and "Hours[2j | \\u202eevil" in table
    rows = ok(repo, "status", "--csv").splitlines()
    wages = next(r for r in rows if r.startswith("wages,"))
    assert ",\"'=HYPERLINK(" in wages or ",'=HYPERLINK(" in wages
    markdown = ok(repo, "status", "--md")
    hours = next(line for line in markdown.splitlines() if "Hours" in line)
    assert hours.count(" | ") == 6 and "\\|" in hours and "\u202e" not in hours
