"""Their pass, refused (issue 11): bad input to `import-docx` is one line on stderr, a non-zero exit,
and the repository byte for byte as it was: every ref (passes, TAs, saved drafts), the index,
every file in the working tree (our draft, our notes, an economic article's costing terms) and
under .git/proposals. Some refusals come only once everything is read (a TA'd article changed,
a tag git cannot write); those are the ones that leave something behind when a recorder writes
as it goes."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import docx
import pytest
from conftest import CLI, git
from sync_support import held_open

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
STAFFING = "ARTICLE 6: STAFFING\n\n6.1 Medical Assistants. Each Clinician has two (2) medical assistants.\n"
HOURS = "ARTICLE 7: HOURS OF WORK\n\n7.1 Work Week. The normal work week shall be thirty-six (36) hours.\n"
WAGES = "ARTICLE 12: WAGES\n\n12.1 Wages. Wages shall be as set out in this Article.\n"
TERMS = "[[across_the_board]]\nyear = 2025\npercent = 3\n"
IMPORT = ["import-docx", "--party", "employer", "--session", "2025-04-02"]


@pytest.fixture
def talks(cli: CLI, tmp_path: Path) -> Path:
    """A baseline of three articles, staffing TA'd; then our unsent draft of hours, our notes on
    it, the employer's costing of a wages change typed in beside it, the members' roster and
    the open session with a note."""
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    old = tmp_path / "old"
    old.mkdir()
    for name, text in (("staffing", STAFFING), ("hours", HOURS), ("wages", WAGES)):
        (old / f"{name}.txt").write_text(text)
    cli("-C", "talks", "baseline", "--from-dir", str(old))
    cli("-C", "talks", "ta", "--union-sign", "A. Union", "--employer-sign", "B. Employer",
        "--date", "2025-03-01", "staffing")  # fmt: skip
    repo = tmp_path / "talks"
    (repo / "articles" / "hours.txt").write_text(HOURS.replace("thirty-six (36)", "thirty-two (32)"))
    (repo / "notes").mkdir(exist_ok=True)
    (repo / "notes" / "hours.md").write_text("Our bottom line is 34 hours.\n")
    (repo / "terms" / "employer").mkdir(parents=True)
    (repo / "terms" / "employer" / "wages.toml").write_text(TERMS)
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,classification,fte,base_pay,step,clinic,hire_date\n"
        "A1,RN,1.0,90000,,North,2020-01-01\nA2,RN,0.5,80000,,South,2021-01-01\n"
    )
    cli("-C", "talks", "roster", "import", str(roster))
    cli("-C", "talks", "session", "open", "2025-04-02")
    cli("-C", "talks", "session", "note", "They want to talk about parking next.")
    assert (repo / ".git" / "proposals" / "roster.csv").exists()
    return repo


def _state(repo: Path) -> tuple[str, str, dict[str, bytes]]:
    """Every ref, the index, and every file of the working tree and .git/proposals (not the
    history cache: git's record, read again), byte for byte."""
    files = {
        str(p.relative_to(repo)): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and (".git" not in p.parts or "proposals" in p.parts) and p.suffix != ".cache"
    }
    refs = git(repo, "for-each-ref", "--format=%(refname) %(objectname)")
    return refs, git(repo, "ls-files", "--stage"), files


def _docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def _pdf(source: Path, target: str = "pdf") -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = source.parent / "pdf"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(source.parent / 'lo').as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / source.with_suffix(".pdf").name


def _refused(cli: CLI, repo: Path, source: Path, message: str, *extra: str) -> str:
    before = _state(repo)
    result = cli("-C", str(repo), *IMPORT, str(source), *extra, ok=False)
    assert result.code != 0
    assert result.err.count("\n") == 1, result.err
    assert message in result.err, result.err
    assert _state(repo) == before
    return result.err


NO_HEADINGS = [
    "Minutes of the bargaining meeting",
    "SECTION 1 RECOGNITION",
    "The Employer proposes to talk about recognition at the next session.",
]


def test_a_new_part_whose_id_is_taken_gets_its_own(cli: CLI, talks: Path, tmp_path: Path) -> None:
    """Their new ARTICLE 40: PARKING LOT would be parking-lot, which is our own unsent article
    (another title, another number, other words): theirs is recorded as parking-lot-2 and ours
    is left as it is."""
    ours = "ARTICLE 31: STAFF PARKING\n\n31.1 The Employer shall provide free parking at every clinic.\n"
    (talks / "articles" / "parking-lot.txt").write_text(ours)
    source = _docx(
        tmp_path / "E-1.docx", ["ARTICLE 40: PARKING LOT", "40.1 Spaces go by seniority on the waitlist."]
    )
    out = cli("-C", str(talks), *IMPORT, str(source)).out
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): parking-lot-2\n" in out
    assert "New part parking-lot-2: ARTICLE 40: PARKING LOT" in out
    assert (talks / "articles" / "parking-lot.txt").read_text() == ours
    assert git(talks, "status", "--porcelain", "articles/parking-lot.txt") == "?? articles/parking-lot.txt\n"


@pytest.mark.parametrize("form", ["docx", "text", "pdf"])
def test_no_headings_says_what_was_found_instead(cli: CLI, talks: Path, tmp_path: Path, form: str) -> None:
    """Before: "no article headings like 'ARTICLE 6: STAFFING' found", not a word of what was."""
    if form == "text":
        source = tmp_path / "minutes.txt"
        source.write_text("\n\n".join(NO_HEADINGS) + "\n")
    else:
        source = _docx(tmp_path / "minutes.docx", NO_HEADINGS)
        if form == "pdf":
            source = _pdf(source)
    err = _refused(cli, talks, source, f"{source.name}: no part headings found: read 3 paragraphs;")
    assert "the first lines look like 'Minutes of the bargaining meeting', 'SECTION 1 RECOGNITION'" in err
    assert "1 line read as SECTION headings ('SECTION 1 RECOGNITION')" in err
    assert "--as" not in err  # import-docx has no --as


def test_duplicate_numbers_in_their_docx_are_listed(cli: CLI, talks: Path, tmp_path: Path) -> None:
    source = _docx(
        tmp_path / "twice.docx",
        ["ARTICLE 7: HOURS OF WORK", "7.1 Forty hours.", "ARTICLE 7: SCHEDULES", "7.1 Posted weekly.",
         "APPENDIX A - RATES", "Clerk 20.00", "APPENDIX A - STEPS", "Step 1 20.00"],
    )  # fmt: skip
    _refused(cli, talks, source, "twice.docx: the same number is used twice: ARTICLE 7, APPENDIX A")


def _png() -> bytes:
    """A grey page-sized image with no text, as a scanner gives."""
    raw = b"".join(b"\x00" + b"\x80" * 400 for _ in range(400))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 400, 400, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_a_scanned_and_an_encrypted_pdf_of_their_pass(cli: CLI, talks: Path, tmp_path: Path) -> None:
    (tmp_path / "scan.png").write_bytes(_png())
    document = docx.Document()
    document.add_picture(str(tmp_path / "scan.png"))
    document.save(tmp_path / "scan.docx")
    _refused(cli, talks, _pdf(tmp_path / "scan.docx"), "no text layer (a scanned PDF?)")

    locked = _docx(tmp_path / "locked.docx", ["ARTICLE 7: HOURS OF WORK", "7.1 Forty hours."])
    encrypted = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    _refused(cli, talks, _pdf(locked, encrypted), "locked.pdf: encrypted (password-protected)")


def test_their_change_to_a_tad_article_is_refused_after_reading_and_nothing_is_written(
    cli: CLI, talks: Path, tmp_path: Path
) -> None:
    """Found only once their whole document is read and matched: staffing is TA'd and their
    pass changes it (with hours and wages). Nothing is written: not their hours over our draft,
    not the wages terms. Before: the error said "use --reopen", which import-docx did not have."""
    source = _docx(
        tmp_path / "E-1.docx",
        ["ARTICLE 6: STAFFING", "6.1 Medical Assistants. Each Clinician has one (1) medical assistant.",
         "ARTICLE 7: HOURS OF WORK", "7.1 Work Week. The normal work week shall be forty (40) hours.",
         "ARTICLE 12: WAGES", "12.1 Wages. Wages shall be as set out below."],
    )  # fmt: skip
    _refused(cli, talks, source, "staffing: this changes TA'd text (the article, TA 2025-03-01)")
    out = cli("-C", str(talks), *IMPORT, str(source), "--reopen").out
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing, hours, wages\n" in out
    assert git(talks, "show", "E-1:terms/employer/wages.toml") == TERMS
    assert git(talks, "show", "refs/drafts/hours:hours.txt") == HOURS.replace(
        "thirty-six (36)", "thirty-two (32)"
    )
    assert (talks / "notes" / "hours.md").read_text() == "Our bottom line is 34 hours.\n"


def test_a_tag_git_cannot_write_leaves_everything_as_it_was(cli: CLI, talks: Path, tmp_path: Path) -> None:
    """The last step fails: E-1's tag is locked by a running git. Their pass (hours over our
    draft, wages with its terms) was read, checked and built; nothing of it is left: no commit,
    no tag, no saved draft, our draft and notes and the terms file as they were."""
    source = _docx(
        tmp_path / "E-1.docx",
        ["ARTICLE 7: HOURS OF WORK", "7.1 Work Week. The normal work week shall be forty (40) hours.",
         "ARTICLE 12: WAGES", "12.1 Wages. Wages shall be as set out below."],
    )  # fmt: skip
    with held_open(talks / ".git" / "refs" / "tags" / "E-1.lock"):
        before = _state(talks)
        result = cli("-C", str(talks), *IMPORT, str(source), ok=False)
        after = _state(talks)
    assert result.code != 0 and result.err.count("\n") == 1, result.err
    assert "E-1" in result.err
    assert after == before
    assert not (talks / ".git" / "proposals-written-after.json").exists()


def test_a_detached_head_is_refused_before_their_file_is_read(cli: CLI, talks: Path, tmp_path: Path) -> None:
    """An old pass checked out: refused in one line before anything is read or written (their
    file here is not even a Word document), the terms, roster, notes and our draft as they were."""
    git(talks, "checkout", "-q", "--detach")
    source = tmp_path / "E-1.docx"
    source.write_bytes(b"not a zip at all")
    _refused(cli, talks, source, "HEAD is detached (an old pass or revision is checked out)")
