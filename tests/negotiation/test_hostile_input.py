"""Hostile and broken input through the real CLI: one-line error, non-zero exit, nothing lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sync_support import STAFFING, fails, git, held_open, make_repo, ok, read, run, tags, write


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "team")


def unchanged(repo: Path, before: tuple[str, dict[str, str]]) -> None:
    """No commit and no tag was added by a refused command."""
    assert (git(repo, "rev-parse", "HEAD"), tags(repo)) == before


def snapshot(repo: Path) -> tuple[str, dict[str, str]]:
    return git(repo, "rev-parse", "HEAD"), tags(repo)


def test_invalid_utf8_is_refused_and_the_file_kept(repo: Path) -> None:
    raw = b"ARTICLE 6: STAFFING\n\n6.1 Caf\xe9 breaks.\n"
    write(repo, "staffing", raw)
    before = snapshot(repo)
    line = fails(repo, "pass", "--party", "union", "staffing")
    assert "not valid UTF-8" in line and "offset" in line
    assert "not valid UTF-8" in fails(repo, "status")
    assert "not valid UTF-8" in fails(repo, "show", "staffing")
    assert (repo / "articles/staffing.txt").read_bytes() == raw
    unchanged(repo, before)


def test_bom_and_crlf_are_normalised_and_nothing_else_changes(repo: Path) -> None:
    """A Word- or Notepad-saved file: the BOM and CRs go, every word stays."""
    text = STAFFING.replace("safe staffing", "safe and adequate staffing")
    write(repo, "staffing", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    stored = git(repo, "cat-file", "blob", "U-2:articles/staffing.txt")
    assert stored == text
    assert read(repo, "staffing") == text
    assert ok(repo, "show", "staffing", "--at", "U-2") == text


def test_control_and_direction_characters_never_reach_git(repo: Path) -> None:
    """A bell, an escape sequence and a C1 control sequence introducer are dropped and named;
    Word's vertical-tab line break becomes a line; tabs and bidi marks stay (shown escaped)."""
    text = STAFFING.replace("safe staffing", "safe\x07 \x1b[2Jstaffing\x9b\tnow\x0b \u200fok")
    write(repo, "staffing", text)
    out = ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    assert "articles/staffing.txt: removed 3 control characters (U+0007, U+001B, U+009B)" in out
    stored = git(repo, "cat-file", "blob", "U-2:articles/staffing.txt")
    assert "safe [2Jstaffing\tnow\n\u200fok." in stored
    assert not [c for c in stored if (ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F]
    assert read(repo, "staffing") == stored  # the working file is what was recorded


def test_a_contract_with_control_characters_imports_without_them(tmp_path: Path) -> None:
    """Text copied out of a PDF or a terminal: the baseline says what it dropped, stores none."""
    ok(tmp_path, "init", "team", "--union", "U", "--employer", "E")
    source = tmp_path / "contract.txt"
    source.write_bytes(b"ARTICLE 1 - RECOGNITION\n\nThe Employer\x02 recognizes the Union.\n\n"
                       b"ARTICLE 2 - HOURS\n\nEight hours\x07 a day.\n")
    dry = ok(tmp_path / "team", "baseline", "--from-text", str(source), "--dry-run")
    assert "recognition: removed 1 control character (U+0002)" in dry
    assert "hours: removed 1 control character (U+0007)" in dry
    ok(tmp_path / "team", "baseline", "--from-text", str(source))
    stored = git(tmp_path / "team", "cat-file", "blob", "baseline:articles/hours.txt")
    assert stored == "ARTICLE 2 - HOURS\n\nEight hours a day.\n"


def test_lone_cr_line_endings_are_read_as_lines(repo: Path) -> None:
    write(repo, "scheduling", b"ARTICLE 7: SCHEDULING\r\r7.1 Old Mac endings.\r")
    assert ok(repo, "show", "scheduling") == "ARTICLE 7: SCHEDULING\n\n7.1 Old Mac endings.\n"


def test_nul_bytes_are_refused(repo: Path) -> None:
    raw = STAFFING.encode() + b"\x00\x00garbage"
    write(repo, "staffing", raw)
    before = snapshot(repo)
    assert "NUL bytes" in fails(repo, "pass", "--party", "union", "staffing")
    assert (repo / "articles/staffing.txt").read_bytes() == raw
    unchanged(repo, before)


def test_a_50_mb_article_is_refused_quickly(repo: Path) -> None:
    big = (STAFFING + "6.3 " + "word " * 10_000_000).encode()  # 50 MB
    assert len(big) >= 50_000_000
    path = write(repo, "staffing", big)
    before = snapshot(repo)
    line = fails(repo, "pass", "--party", "union", "staffing")
    assert "MB" in line and "limited" in line
    assert "MB" in fails(repo, "show", "staffing")
    assert path.stat().st_size == len(big)
    unchanged(repo, before)


def test_a_binary_file_in_articles(repo: Path) -> None:
    """Non-.txt files are not articles and are ignored; a binary .txt is refused by name."""
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    (repo / "articles" / "logo.png").write_bytes(png)
    assert "staffing" in ok(repo, "status", "--json")
    (repo / "articles" / "scan.txt").write_bytes(png)
    line = fails(repo, "status")
    assert "articles/scan.txt" in line
    before = snapshot(repo)
    assert "articles/scan.txt" in fails(repo, "pass", "--party", "union", "scan")
    assert (repo / "articles" / "scan.txt").read_bytes() == png
    unchanged(repo, before)


@pytest.mark.parametrize(
    "bad", ["../etc/passwd", "..", "a/b", "/etc/passwd", "-rf", "--help-me", "Staff ing"]
)
def test_hostile_article_ids(repo: Path, bad: str) -> None:
    before = snapshot(repo)
    for args in (
        ["pass", "--party", "union", "--", bad],
        ["withdraw", "--party", "union", "--", bad],
        ["ta", "--union-sign", "A", "--employer-sign", "B", "--", bad],
        ["show", "--", bad],
        ["log", "--", bad],
    ):
        line = fails(repo, *args)
        assert "invalid article id" in line, (args, line)
    unchanged(repo, before)
    assert not (repo.parent / "etc").exists()


@pytest.mark.parametrize(
    "name", ["--upload-pack=x", "-x", "U-1/../x", "U 1", "baseline", "x" * 80, "U-1.lock"]
)
def test_hostile_pass_names(repo: Path, name: str) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    before = snapshot(repo)
    line = fails(repo, "pass", "--party", "union", f"--number={name}", "staffing")
    assert "invalid pass number" in line
    unchanged(repo, before)


def test_option_shaped_values_never_reach_git(repo: Path) -> None:
    """A value that looks like an option is refused by our parser or our validators."""
    before = snapshot(repo)
    fails(repo, "pass", "--party", "union", "--number", "--upload-pack=x", "staffing")
    assert "invalid revision" in fails(repo, "show", "staffing", "--at=--upload-pack=touch x")
    assert "invalid revision" in fails(repo, "show", "staffing", "--at=--output=/tmp/x")
    assert "invalid revision" in fails(repo, "diff", "staffing", "--from=--upload-pack=touch x")
    assert "invalid revision" in fails(repo, "diff", "staffing", "--to=--output=x")
    unchanged(repo, before)
    assert not (repo / "x").exists()


def test_usage_errors_are_one_line(repo: Path) -> None:
    assert "required" in fails(repo, "pass", "staffing")
    assert "invalid choice" in fails(repo, "pass", "--party", "nobody", "staffing")
    assert "invalid choice" in fails(repo, "no-such-command")


def test_a_directory_that_is_not_a_bargaining_repo(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert "not a bargaining repo" in fails(plain, "status")
    other = tmp_path / "other-git"
    other.mkdir()
    git(other, "init", "--quiet")
    (other / "README").write_text("someone else's project\n")
    assert "not a bargaining repo" in fails(other, "status")
    assert "not a bargaining repo" in fails(other, "pass", "--party", "union", "x")
    assert "not a bargaining repo" in fails(other, "sync")
    assert "not a bargaining repo" in fails(other, "repair")
    assert (other / "README").read_text() == "someone else's project\n"
    assert "not a directory" in fails(tmp_path / "missing", "status")


def test_detached_head_refuses_to_record_but_still_reads(repo: Path) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    git(repo, "checkout", "--quiet", "--detach", "U-1")
    draft = STAFFING.replace("safe", "very safe")
    write(repo, "staffing", draft)
    before = snapshot(repo)
    for args in (
        ["pass", "--party", "union", "staffing"],
        ["withdraw", "--party", "union", "staffing"],
        ["ta", "staffing", "--union-sign", "A", "--employer-sign", "B"],
    ):
        assert "HEAD is detached" in fails(repo, *args)
    unchanged(repo, before)
    assert read(repo, "staffing") == draft
    assert '"status": "open"' in ok(repo, "status", "--json")


def test_shallow_clone_is_refused_with_an_explanation(repo: Path, tmp_path: Path) -> None:
    write(repo, "staffing", STAFFING.replace("safe", "safe and adequate"))
    ok(repo, "pass", "--party", "union", "--session", "2025-02-01", "staffing")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{repo}", str(shallow))
    for args in (["status"], ["log"], ["verify"], ["sync"], ["pass", "--party", "union", "staffing"]):
        assert "shallow clone" in fails(shallow, *args)
    git(shallow, "fetch", "--quiet", "--unshallow")
    assert "U-2" in ok(shallow, "log")


@pytest.mark.parametrize(
    "content",
    [
        b"[parties\nunion = ",
        b"\xff\xfe[parties]",
        b"title = 'no parties'\n",
        b"parties = 3\n",
        b"[parties.union]\nname = 5\n[parties.employer]\nname = 'E'\n",
        b"[parties.union]\nname = 'U'\ncode = 'u!'\n[parties.employer]\nname = 'E'\n",
        b"[parties.union]\nname = 'U'\n[parties.employer]\nname = 'E'\n[articles]\nstaffing = 'x'\n",
        b"[parties.union]\nname = 'U'\n[parties.employer]\nname = 'E'\ncode = 'U'\n",
        b"a = " + b"[" * 5000,
        b"\x00\x00\x00",
    ],
)
def test_corrupt_bargaining_toml(repo: Path, content: bytes) -> None:
    (repo / "bargaining.toml").write_bytes(content)
    line = fails(repo, "status")
    assert "bargaining.toml" in line
    assert (repo / "bargaining.toml").read_bytes() == content
    assert read(repo, "staffing") == STAFFING


def test_a_held_index_lock_is_explained_before_anything_is_touched(repo: Path) -> None:
    draft = STAFFING.replace("safe", "safe and adequate")
    write(repo, "staffing", draft)
    before = snapshot(repo)
    with held_open(repo / ".git" / "index.lock"):  # a running program's: never taken from it
        line = fails(repo, "pass", "--party", "union", "staffing")
        assert "index.lock" in line and "delete" in line
        theirs = repo.parent / "theirs.txt"
        theirs.write_text(STAFFING.replace("safe", "cheap"))
        line = fails(repo, "pass", "--party", "employer", "--from-file", str(theirs), "staffing")
        assert "index.lock" in line
        assert read(repo, "staffing") == draft  # the incoming text did not overwrite the draft
        unchanged(repo, before)
    ok(repo, "pass", "--party", "union", "staffing")


def test_merge_in_progress_refuses_to_record(repo: Path) -> None:
    git(repo, "checkout", "--quiet", "-b", "side")
    write(repo, "staffing", STAFFING.replace("safe", "side"))
    git(repo, "commit", "--quiet", "-am", "side")
    git(repo, "checkout", "--quiet", "main")
    write(repo, "staffing", STAFFING.replace("safe", "main"))
    git(repo, "commit", "--quiet", "-am", "main")
    git(repo, "merge", "--quiet", "side", check=False)
    assert "merge is in progress" in fails(repo, "pass", "--party", "union", "scheduling")


def test_internal_errors_never_show_a_traceback(repo: Path) -> None:
    proc = run(repo, "show", "staffing", "--at", "U-999")
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1


def test_a_symlinked_article_is_never_followed(repo: Path, tmp_path: Path) -> None:
    """A shared repo could ship articles/x.txt -> ~/.ssh/id_rsa; we must not read it, let alone export it."""
    secret = tmp_path / "id_rsa"
    secret.write_text("ARTICLE 99: SECRET\n\n-----BEGIN PRIVATE KEY-----\n")
    (repo / "articles" / "leak.txt").symlink_to(secret)
    before = snapshot(repo)
    for args in (["pass", "--party", "union", "leak"], ["show", "leak"], ["status"]):
        line = fails(repo, *args)
        assert "symbolic link" in line and "PRIVATE" not in line
    unchanged(repo, before)
    assert secret.read_text().startswith("ARTICLE 99")


def test_a_symlinked_articles_folder_is_refused(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text("ARTICLE 1: PRIVATE\n\nmy diary\n")
    git(repo, "rm", "--quiet", "-r", "--cached", "articles")
    (repo / "articles").rename(tmp_path / "moved-articles")
    (repo / "articles").symlink_to(outside)
    for args in (["status"], ["show", "private"], ["pass", "--party", "union", "private"]):
        assert "articles/ is a symbolic link" in fails(repo, *args)
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("ARTICLE 1: PRIVATE\n\noverwritten\n")
    fails(repo, "pass", "--party", "employer", "--from-file", str(theirs), "private")
    assert (outside / "private.txt").read_text() == "ARTICLE 1: PRIVATE\n\nmy diary\n"
    assert sorted(p.name for p in outside.iterdir()) == ["private.txt"]


def test_a_huge_sparse_article_and_a_fifo_are_refused_without_reading(repo: Path, tmp_path: Path) -> None:
    huge = repo / "articles" / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(20 * 2**30)  # 20 GB, sparse: reading it would exhaust memory
    assert "20480 MB" in fails(repo, "show", "huge")
    outside = tmp_path / "huge-theirs.txt"
    huge.rename(outside)
    assert "20480 MB" in fails(repo, "pass", "--party", "employer", "--from-file", str(outside), "staffing")
    fifo = repo / "articles" / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in fails(repo, "show", "pipe")


def test_bargaining_toml_that_is_a_folder_or_huge(repo: Path) -> None:
    toml = repo / "bargaining.toml"
    saved = toml.read_bytes()
    toml.unlink()
    toml.mkdir()
    assert "bargaining.toml cannot be read" in fails(repo, "status")
    toml.rmdir()
    toml.write_bytes(saved + b"# padding\n" * 200_000)
    assert "larger than 1 MB" in fails(repo, "status")


def test_articles_that_is_a_file(tmp_path: Path) -> None:
    ok(tmp_path, "init", "team", "--union", "U", "--employer", "E")
    repo = tmp_path / "team"
    (repo / "articles" / ".gitattributes").unlink()  # init pins the articles' attributes there
    (repo / "articles").rmdir()
    (repo / "articles").write_text("not a folder\n")
    assert "articles is a file" in fails(repo, "show", "staffing")
    assert "articles is a file" in fails(repo, "pass", "--party", "union", "staffing")
    assert (repo / "articles").read_text() == "not a folder\n"


BROKEN_STATES = {
    "invalid-utf8": lambda r: write(r, "staffing", b"ARTICLE 6: X\n\xff\xfe"),
    "nul": lambda r: write(r, "staffing", b"ARTICLE 6: X\n\x00"),
    "corrupt-toml": lambda r: (r / "bargaining.toml").write_bytes(b"[parties\n"),
    "no-toml": lambda r: (r / "bargaining.toml").unlink(),
    "detached": lambda r: git(r, "checkout", "--quiet", "--detach", "HEAD"),
    "index-lock": lambda r: (r / ".git" / "index.lock").write_text(""),
    "no-articles": lambda r: [p.unlink() for p in (r / "articles").iterdir()],
    "untagged": lambda r: git(r, "tag", "-d", "U-1"),
}
EVERY_COMMAND = [
    ["status"],
    ["status", "--json"],
    ["log", "--json"],
    ["log", "staffing"],
    ["show", "staffing", "--at", "union"],
    ["diff", "staffing", "--from", "union", "--to", "draft", "--json"],
    ["provenance", "staffing"],
    ["verify"],
    ["repair", "--dry-run"],
    ["sync"],
    ["resolve"],
    ["resolve", "staffing", "--keep", "mine"],
    ["pass", "--party", "union", "staffing"],
    ["withdraw", "--party", "employer", "scheduling"],
    ["ta", "scheduling", "--union-sign", "A", "--employer-sign", "B"],
]


@pytest.mark.parametrize("state", sorted(BROKEN_STATES))
def test_every_command_in_every_broken_state_fails_cleanly_or_works(tmp_path: Path, state: str) -> None:
    """No traceback, no internal error, at most one line of complaint, whatever the repo looks like."""
    repo = make_repo(tmp_path / "team")
    BROKEN_STATES[state](repo)
    for args in EVERY_COMMAND:
        proc = run(repo, *args)
        assert proc.returncode in (0, 1, 2), (state, args, proc.stderr)
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, (
            state,
            args,
            proc.stderr,
        )
        if proc.returncode != 0 and not proc.stdout:
            lines = [x for x in proc.stderr.splitlines() if not x.startswith(("Repaired:", "warning:"))]
            assert len(lines) == 1 and lines[0].startswith("proposals: error:"), (state, args, proc.stderr)
