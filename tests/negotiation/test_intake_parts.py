"""Real contracts in (issue 11): preambles, Roman numerals, blank lines, retitled articles.

Each test fails on the importer before issue 11: a preamble refused the whole import, a Roman
contract was refused when recorded, blank lines cried "UNANNOUNCED CHANGE ... 0 words differ",
and an untracked edit inside a retitled article went through silently.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import CLI, git
from sync_support import held_open

from proposals.word.proposal import ArticleChange, export_proposal

PREAMBLE = """PREAMBLE

This Agreement is entered into by Northstar Health and Clinicians United to set wages, hours and terms.
"""
RECOGNITION = """ARTICLE I
RECOGNITION

1.1 The Employer recognizes the Union as the exclusive representative of all Clinicians.
"""
STAFFING = """ARTICLE VI
STAFFING

6.1 Purpose. The Employer shall maintain staffing sufficient for safe patient care.

6.2 Medical Assistants. Each Clinician shall be supported by two (2) medical assistants.
"""
HOURS = """ARTICLE 7: HOURS OF WORK

7.1 Work Week. The normal work week shall be thirty-six (36) hours.

7.2 Schedules. Schedules shall be posted eight (8) weeks in advance.
"""


def _repo(cli: CLI, tmp_path: Path, parts: dict[str, str]) -> Path:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    old = tmp_path / "old"
    old.mkdir()
    for name, text in parts.items():
        (old / f"{name}.txt").write_text(text)
    out = cli("-C", "talks", "baseline", "--from-dir", str(old)).out
    assert f"{len(parts)} " in out
    return tmp_path / "talks"


def test_a_preamble_and_a_roman_numbered_contract_are_imported_and_recorded(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"preamble": PREAMBLE, "recognition": RECOGNITION, "staffing": STAFFING})
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("two (2)", "three (3)"))
    (repo / "articles" / "preamble.txt").write_text(PREAMBLE.replace("terms.", "terms of employment."))
    out = cli(
        "-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "staffing", "preamble"
    ).out
    assert "Recorded" in out
    rows = cli("-C", str(repo), "status", "--csv").out.splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["preamble", "recognition", "staffing"]  # contract order


def test_baseline_from_docx_keeps_the_preamble(cli: CLI, tmp_path: Path) -> None:
    cli("init", "talks", "--union", "U", "--employer", "E")
    document = docx.Document()
    document.add_paragraph("COLLECTIVE BARGAINING AGREEMENT")
    for text in [*PREAMBLE.splitlines()[2:], *HOURS.splitlines()]:
        if text:
            document.add_paragraph(text)
    document.add_paragraph("APPENDIX A - WAGE SCALES")
    document.add_paragraph("Step 1\t$50.00")
    path = tmp_path / "contract.docx"
    document.save(str(path))
    out = cli("-C", "talks", "baseline", "--from-docx", str(path)).out
    assert "3 " in out
    assert (tmp_path / "talks/articles/preamble.txt").read_text() == "PREAMBLE\n\n" + PREAMBLE.splitlines()[
        2
    ] + "\n"
    assert (
        tmp_path / "talks/articles/wage-scales.txt"
    ).read_text() == "APPENDIX A - WAGE SCALES\nStep 1\t$50.00\n"


def _their_redline(tmp_path: Path, old: str, new: str) -> Path:
    """Their document as a word processor writes it: no blank paragraphs between sections."""

    def squeeze(text: str) -> str:
        return "\n".join(line for line in text.split("\n") if line.strip()) + "\n"

    path = tmp_path / "their-pass.docx"
    export_proposal(
        [ArticleChange(squeeze(o), squeeze(n)) for o, n in zip([old, HOURS], [new, HOURS], strict=True)],
        path,
        mode="tracked",
        party="Northstar Health",
        pass_name="E-1",
        session=date(2025, 4, 2),
    )
    return path


def test_blank_lines_between_paragraphs_are_no_false_alarm(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    theirs = _their_redline(tmp_path, STAFFING, STAFFING.replace("two (2)", "one (1)"))
    out = cli(
        "-C", str(repo), "import-docx", str(theirs), "--party", "employer", "--session", "2025-04-02"
    ).out
    assert "UNANNOUNCED" not in out
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing\n" in out
    assert "Unchanged, not part of the pass: hours" in out
    assert git(repo, "diff", "--name-only", "E-1^", "E-1").split() == ["articles/staffing.txt"]


def test_an_untracked_edit_in_a_retitled_article_is_caught(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    silently = STAFFING.replace("safe patient care", "patient care")  # not marked as a change
    retitled = silently.replace("ARTICLE VI\nSTAFFING", "ARTICLE VI\nSTAFFING LEVELS")  # marked
    theirs = _their_redline(tmp_path, silently, retitled)
    out = cli(
        "-C", str(repo), "import-docx", str(theirs), "--party", "employer", "--session", "2025-04-02"
    ).out
    assert "UNANNOUNCED CHANGE in staffing: 1 word differs" in out
    assert "hours" not in out.split("UNANNOUNCED", 1)[1]


def test_a_retitled_and_renumbered_article_is_matched_by_its_text(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    moved = STAFFING.replace("ARTICLE VI\nSTAFFING", "ARTICLE 9: CLINIC STAFFING").replace(
        "two (2)", "one (1)"
    )
    path = tmp_path / "their-clean.docx"
    export_proposal(
        [ArticleChange("", HOURS), ArticleChange("", moved)],
        path,
        mode="clean",
        party="Northstar Health",
        pass_name="E-1",
        session=date(2025, 4, 2),
    )
    out = cli("-C", str(repo), "import-docx", str(path), "--party", "employer", "--announced", "hours").out
    assert "Matched staffing by its text (retitled and renumbered): ARTICLE 9: CLINIC STAFFING" in out
    assert "New part" not in out
    assert "UNANNOUNCED CHANGE in staffing: 7 words changed, but it is not in the list" in out
    assert git(repo, "show", "E-1:articles/staffing.txt") == moved


def test_matching_rules_in_order() -> None:
    from proposals.contract.matching import match_parts
    from proposals.contract.split import Part

    known = {
        "staffing": "ARTICLE 6: STAFFING\n6.1 The Employer shall maintain safe staffing at all clinics.\n",
        "hours": "ARTICLE 7: HOURS\n7.1 The normal work week shall be thirty-six hours of patient care.\n",
    }
    theirs = [
        Part(
            "article", "6", "STAFFING LEVELS", "ARTICLE 6: STAFFING LEVELS\n"
        ),  # a bare heading: never by number
        Part(
            "article",
            "12",
            "WORK WEEK",
            "ARTICLE 12: WORK WEEK\n12.1 The normal work week shall be thirty-six hours of patient care.\n",
        ),
        Part("article", "30", "PARKING", "ARTICLE 30: PARKING\n30.1 Parking is free.\n"),
    ]
    assert [(m.part_id, m.how) for m in match_parts(theirs, known)] == [
        (None, ""),
        ("hours", "text"),
        (None, ""),
    ]


def _their_clean(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "their-clean.docx"
    export_proposal(
        [ArticleChange("", text)],
        path,
        mode="clean",
        party="Northstar Health",
        pass_name="E-1",
        session=date(2025, 4, 2),
    )
    return path


def test_a_failed_import_leaves_our_draft_and_the_index_as_they_were(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    draft = STAFFING.replace("two (2)", "three (3)")
    (repo / "articles" / "staffing.txt").write_text(draft)
    before = git(repo, "status", "--porcelain")
    theirs = _their_clean(tmp_path, STAFFING.replace("two (2)", "one (1)"))
    with held_open(repo / ".git" / "index.lock"):  # git fails at the commit, after the files were written
        cli("-C", str(repo), "import-docx", str(theirs), "--party", "employer", ok=False)
    assert (repo / "articles" / "staffing.txt").read_text() == draft
    assert git(repo, "status", "--porcelain") == before


# SIGKILL at the Nth git command of the import (before it runs), or once the pass is recorded
# (at the index update that follows the ref transaction).
KILLED_AT = """
import os, signal, sys
from proposals.store.git import GitStore
at = sys.argv[3]
real_run = GitStore.run
calls = 0
def run(self, *args, **kw):
    global calls
    calls += 1
    if at.isdigit() and calls == int(at):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_run(self, *args, **kw)
GitStore.run = run
if at == "after-refs":
    GitStore.set_index_entries = lambda self, blobs: os.kill(os.getpid(), signal.SIGKILL)
from proposals.negotiation.intake import import_docx_pass
from proposals.negotiation.repo import BargainingRepo
import_docx_pass(BargainingRepo.open(sys.argv[1]), sys.argv[2], "employer", session="2025-04-02")
"""


def _kill(repo: Path, theirs: Path, at: str) -> int:
    import subprocess
    import sys

    from conftest import cli_env

    run = subprocess.run(
        [sys.executable, "-c", KILLED_AT, str(repo), str(theirs), at], env=cli_env(), capture_output=True,
        timeout=120,
    )  # fmt: skip
    assert run.returncode in (0, -9), run.stderr
    return run.returncode


def test_an_import_killed_at_any_git_command_leaves_everything_as_before(cli: CLI, tmp_path: Path) -> None:
    """SIGKILL before each git command of the import in turn, until one runs to the end. Before:
    their text was written over our draft before the commit, so a kill there left it in the
    working tree (until the next recording command put it back). Now nothing is written before
    the one ref transaction that records the pass: every kill before it leaves the working tree,
    the index and the refs exactly as they were, our draft included; after it, the pass is
    recorded whole (the next test)."""
    import shutil

    template = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    draft = STAFFING.replace("two (2)", "three (3)")
    (template / "articles" / "staffing.txt").write_text(draft)
    before = _state(template)
    theirs = _their_clean(tmp_path, STAFFING.replace("two (2)", "one (1)"))
    kills = recorded = 0
    for n in range(1, 80):
        repo = tmp_path / f"killed-{n}"
        shutil.copytree(template, repo, symlinks=True)
        if _kill(repo, theirs, str(n)) == 0:
            break
        kills += 1
        if git(repo, "tag", "--list", "E-*"):
            recorded += 1  # killed after the ref transaction: finished by the next command
            continue
        assert _state(repo) == before, f"killed before git command {n}"
    print(f"{kills} kills, {recorded} after the ref transaction")
    assert kills >= 10 and recorded <= 2, (kills, recorded)


def test_an_import_killed_once_recorded_is_finished_by_the_next_command(cli: CLI, tmp_path: Path) -> None:
    """Killed after the ref transaction: their pass is recorded (E-1, our draft saved on
    refs/drafts/), and the next recording command writes its files and index entries, so the
    repository ends exactly as an uninterrupted import leaves it."""
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    draft = STAFFING.replace("two (2)", "three (3)")
    (repo / "articles" / "staffing.txt").write_text(draft)
    theirs_text = STAFFING.replace("two (2)", "one (1)")
    theirs = _their_clean(tmp_path, theirs_text)
    _kill(repo, theirs, "after-refs")
    assert "E-1" in git(repo, "tag", "--list", "E-*")
    assert git(repo, "show", "refs/drafts/staffing:staffing.txt") == draft
    (repo / "articles" / "hours.txt").write_text(HOURS.replace("eight (8)", "ten (10)"))
    done = cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-04-03", "hours")
    assert "Wrote articles/staffing.txt as recorded by a pass that was interrupted" in done.out + done.err
    assert git(repo, "diff", "--name-only", "U-1^", "U-1").split() == ["articles/hours.txt"]
    assert git(repo, "status", "--porcelain") == ""
    assert (repo / "articles" / "staffing.txt").read_text() == git(repo, "show", "E-1:articles/staffing.txt")
    assert not (repo / ".git" / "proposals-written-after.json").exists()


def test_a_split_and_a_merge_are_reported(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    body = STAFFING.split("\n")
    kept = "\n".join(body[:4]) + "\n"  # ARTICLE VI, STAFFING, 6.1
    split_off = "ARTICLE 6A: MEDICAL ASSISTANTS\n" + body[5] + "\n"
    out = cli(
        "-C",
        str(repo),
        "import-docx",
        str(_their_clean(tmp_path, kept + "\n" + split_off)),
        "--party",
        "employer",
    ).out
    assert "New part medical-assistants: ARTICLE 6A: MEDICAL ASSISTANTS" in out
    assert "medical-assistants split from staffing" in out

    merged = HOURS + "\n" + "\n".join(body[2:]) + "\n"
    out = cli("-C", str(repo), "import-docx", str(_their_clean(tmp_path, merged)), "--party", "union").out
    assert "hours merges medical-assistants, staffing: ARTICLE 7: HOURS OF WORK" in out


def _state(repo: Path) -> tuple[str, str, str, str]:
    """Everything intake could touch: refs, index, working tree status, our draft."""
    return (
        git(repo, "for-each-ref"),
        git(repo, "ls-files", "--stage"),
        git(repo, "status", "--porcelain", "--ignored"),
        (repo / "articles" / "staffing.txt").read_text(),
    )


def test_their_pass_as_a_text_file_goes_through_the_same_checks(cli: CLI, tmp_path: Path) -> None:
    """Before: import-docx read any file as a .docx ("not a Word document")."""
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    theirs = tmp_path / "E-1.txt"
    # A title line before the first heading is not a part of their pass.
    wrapped_hours = HOURS.replace(
        "thirty-six (36) hours.", "thirty-six (36) hours, or as the\nparties may agree."
    )
    theirs.write_text("EMPLOYER PROPOSAL E-1\n\n" + STAFFING.replace("two (2)", "one (1)") + "\n" + HOURS)
    out = cli("-C", str(repo), "import-docx", str(theirs), "--party", "employer",
              "--session", "2025-04-02", "--announced", "staffing").out  # fmt: skip
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing\n" in out
    assert "Unchanged, not part of the pass: hours" in out
    assert "UNANNOUNCED" not in out
    assert git(repo, "show", "E-1:articles/staffing.txt") == STAFFING.replace("two (2)", "one (1)")

    theirs.write_text(STAFFING + "\n" + wrapped_hours)
    out = cli("-C", str(repo), "import-docx", str(theirs), "--party", "union", "--announced", "staffing").out
    assert "UNANNOUNCED CHANGE in hours: 7 words changed" in out


def test_bad_pass_files_of_every_form_change_nothing(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("two (2)", "four (4)"))  # our draft
    before = _state(repo)
    bad = {
        "pass.rtf": (b"{\\rtf1 ARTICLE 6: STAFFING}", "not a .docx, .odt, .pdf or .txt file"),
        "binary.txt": (b"ARTICLE 6: STAFFING\n\x00\x01", "NUL bytes"),
        "latin1.txt": ("ARTICLE 6: STAFFING\ncaf\xe9\n".encode("latin-1"), "not valid UTF-8"),
        "none.txt": (b"We propose nothing in particular today.\n", "no part headings found: read 1"),
        "fake.pdf": (b"ARTICLE 6: STAFFING\n", "not a PDF file"),
        "twice.txt": ((HOURS + "\n" + HOURS).encode(), "the same number is used twice: ARTICLE 7"),
    }
    for name, (data, message) in bad.items():
        (tmp_path / name).write_bytes(data)
        err = cli("-C", str(repo), "import-docx", str(tmp_path / name), "--party", "employer", ok=False).err
        assert message in err, name
        assert len(err.strip().splitlines()) == 1, err
        assert _state(repo) == before, name


def test_a_failure_once_recorded_puts_refs_index_and_files_back(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing the recorded files fails (a full disk) after the ref transaction: the branch, the
    tag and the saved draft move back, the index and every file are as they were."""
    from proposals.errors import ProposalsError
    from proposals.negotiation.intake import import_docx_pass
    from proposals.negotiation.repo import BargainingRepo

    repo = _repo(cli, tmp_path, {"staffing": STAFFING, "hours": HOURS})
    draft = STAFFING.replace("two (2)", "three (3)")
    (repo / "articles" / "staffing.txt").write_text(draft)
    theirs = _their_clean(tmp_path, STAFFING.replace("two (2)", "one (1)") + "\n" + HOURS.replace("8", "9"))
    before = _state(repo)
    real = BargainingRepo.write_draft
    written: list[str] = []

    def full_disk(self: BargainingRepo, article_id: str, text: str) -> None:
        if written:
            raise OSError(28, "No space left on device")
        written.append(article_id)
        real(self, article_id, text)

    monkeypatch.setattr(BargainingRepo, "write_draft", full_disk)
    with pytest.raises((OSError, ProposalsError)):
        import_docx_pass(BargainingRepo.open(repo), str(theirs), "employer", session="2025-04-02")
    assert written  # one file was written before the failure
    assert _state(repo) == before
    assert not (repo / ".git" / "proposals-written-after.json").exists()
