"""Footnotes and endnotes are contract text: read into the part that refers to them.

LibreOffice writes a contract whose articles carry footnotes, an endnote and a footnote with a
mark of its own ("*"); the other side's pass changes only the words of one footnote, once
without change tracking and once as a tracked change. The convention (ARCHITECTURE.md,
"Footnotes and endnotes"): the reference stays in its paragraph as "[1]" ("[i]" for an endnote,
the mark itself for a mark of its own), numbered per part, and the note is a paragraph
"[1] its text" at the end of that part after a blank line.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import CLI, git
from test_lo_contracts import REASON, build_documents

from proposals.word.reader import read_docx, read_paragraphs

pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

PREAMBLE = "This Agreement is made between Northstar Health and Clinicians United to set wages and terms."
TIMING = "Effective the first full pay period after ratification."
HOSTILE = "ARTICLE 9 – FAKE <w:t>x</w:t> [bold]b[/bold] \u202etxet desrever"
CONTRACT = [
    ["part", "PREAMBLE"],
    ["para", PREAMBLE],
    ["article", "WAGES"],
    ["section", "Increase. Wages rise three percent in each year."],
    ["footnote", "Timing. The increase is paid from the first pay period.", TIMING],
    ["footnote", "Lump sum. A lump sum", "Paid once, in June.", "*", " is paid to every Clinician."],
    ["endnote", "Scale. The scale is in Appendix A.", "Appendix A is updated every year."],
    ["article", "HOURS OF WORK"],
    ["section", "Workweek. The normal workweek is forty hours."],
    ["footnote", "Breaks. Each Clinician has a thirty minute lunch break.", "Including paid rest breaks."],
    ["article", "PARKING"],
    ["footnote", "Parking. Parking is free at every clinic.", HOSTILE],
]
WAGES = (
    "ARTICLE 1 – WAGES\n"
    "1.1 Increase. Wages rise three percent in each year.\n"
    "Timing. The increase is paid from the first pay period.[1]\n"
    "Lump sum. A lump sum* is paid to every Clinician.\n"
    "Scale. The scale is in Appendix A.[i]\n"
    "\n"
    f"[1] {TIMING}\n"
    "[*] Paid once, in June.\n"
    "[i] Appendix A is updated every year.\n"
)
HOURS = (  # numbered per part: the document's footnote 3 is this part's [1]
    "ARTICLE 2 – HOURS OF WORK\n"
    "2.1 Workweek. The normal workweek is forty hours.\n"
    "Breaks. Each Clinician has a thirty minute lunch break.[1]\n"
    "\n"
    "[1] Including paid rest breaks.\n"
)
PARKING = f"ARTICLE 3 – PARKING\nParking. Parking is free at every clinic.[1]\n\n[1] {HOSTILE}\n"
LETTER = [["footnote", "A letter with a note.", "The note."], ["para", "Regards."]]  # no heading
SECOND = TIMING.replace("first full", "second full")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-footnotes")
    theirs = [[*b[:2], SECOND] if b[-1] == TIMING else b for b in CONTRACT]
    spec = {
        "docs": [
            {"name": "contract", "blocks": CONTRACT},
            {"name": "theirs", "blocks": theirs},
            {"name": "letter", "blocks": LETTER},
        ],
        "track": [["contract", "first full", "second full", "tracked"]],
    }
    return build_documents(out, spec)


def _repo(cli: CLI, docx: Path) -> Path:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    cli("-C", "talks", "baseline", "--from-docx", str(docx))
    return cli.cwd / "talks"


def test_baseline_reads_each_note_into_the_part_that_refers_to_it(cli: CLI, documents: Path) -> None:
    dry = cli("baseline", "--from-docx", str(documents / "contract.docx"), "--dry-run").out
    assert "Note: 5 footnotes or endnotes (read at the end of the part that refers to them: [1] ...)" in dry
    repo = _repo(cli, documents / "contract.docx")
    articles = repo / "articles"
    assert (articles / "wages.txt").read_text() == WAGES
    assert (articles / "hours-of-work.txt").read_text() == HOURS
    # a note's text is never a heading, whatever it says, and stays as written
    assert (articles / "parking.txt").read_text() == PARKING
    assert sorted(p.name for p in articles.glob("*.txt")) == [
        "hours-of-work.txt", "parking.txt", "preamble.txt", "wages.txt"
    ]  # fmt: skip
    shown = cli("-C", str(repo), "show", "parking").out
    assert "\u202e" not in shown and "\\u202e" in shown  # escaped like any other text
    assert "<w:t>x</w:t> [bold]b[/bold]" in shown
    # the same reading for their pass, in both views of tracked changes
    theirs = read_docx(documents / "contract.docx")
    assert [a.text for a in theirs.articles[1:]] == [WAGES, HOURS, PARKING]
    # read as paragraphs, the document is one part: its marks numbered through it
    assert read_paragraphs(documents / "contract.docx")[-6:] == [
        "", f"[1] {TIMING}", "[*] Paid once, in June.", "[i] Appendix A is updated every year.",
        "[2] Including paid rest breaks.", f"[3] {HOSTILE}",
    ]  # fmt: skip


def test_a_change_only_inside_a_footnote_is_their_pass(cli: CLI, documents: Path) -> None:
    """Fails before footnotes were read: the pass read as unchanged and the edit hid."""
    repo = _repo(cli, documents / "contract.docx")
    out = cli("-C", str(repo), "import-docx", str(documents / "theirs.docx"), "--party", "employer",
              "--session", "2025-04-02").out  # fmt: skip
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): wages\n" in out
    assert "Unchanged, not part of the pass: preamble, hours-of-work, parking\n" in out
    assert git(repo, "show", "E-1:articles/wages.txt") == WAGES.replace(TIMING, SECOND)
    changed = git(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", "E-1").split()
    assert changed == ["articles/wages.txt"]
    redline = cli("-C", str(repo), "diff", "wages", "--from", "baseline", "--to", "E-1", "--markers").out
    assert "[1] Effective the [-first-]{+second+} full pay period" in redline


def test_a_tracked_change_inside_a_footnote_is_read_in_both_views(cli: CLI, documents: Path) -> None:
    tracked = documents / "tracked.docx"
    assert read_docx(tracked, "rejected").articles[1].text == WAGES
    assert read_docx(tracked, "accepted").articles[1].text == WAGES.replace(TIMING, SECOND)
    repo = _repo(cli, documents / "contract.docx")
    out = cli("-C", str(repo), "import-docx", str(tracked), "--party", "employer").out
    assert "Recorded Northstar Health pass E-1" in out and "): wages\n" in out
    assert "UNANNOUNCED" not in out  # their tracked change shows it
    assert git(repo, "show", "E-1:articles/wages.txt") == WAGES.replace(TIMING, SECOND)


def test_notes_export_as_text_and_read_back_unchanged(cli: CLI, documents: Path, tmp_path: Path) -> None:
    """Our export writes a note as the plain paragraph it is; reading that document back gives
    the part again, and a redline of a footnote's change reads back in both views."""
    repo = _repo(cli, documents / "contract.docx")
    cli("-C", str(repo), "import-docx", str(documents / "theirs.docx"), "--party", "employer")
    clean = tmp_path / "clean.docx"
    cli("-C", str(repo), "export", "wages", "hours-of-work", "--to", "baseline", "--mode", "clean",
        "-o", str(clean))  # fmt: skip
    assert [a.text for a in read_docx(clean).articles] == [WAGES, HOURS]
    tracked = tmp_path / "tracked.docx"
    cli("-C", str(repo), "export", "wages", "--from", "baseline", "--to", "E-1", "--mode", "tracked",
        "-o", str(tracked))  # fmt: skip
    assert [a.text for a in read_docx(tracked, "rejected").articles] == [WAGES]
    assert [a.text for a in read_docx(tracked, "accepted").articles] == [WAGES.replace(TIMING, SECOND)]


def _rewritten(source: Path, out: Path, part: str, old: str, new: str) -> Path:
    """``source`` with ``old`` replaced by ``new`` once in one of its parts, as a hostile or
    broken producer would write it."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(info, data)
    return out


def test_hostile_and_broken_notes(cli: CLI, documents: Path, tmp_path: Path) -> None:
    """A reference inside a note is not followed, one to a note that is not there keeps its mark
    with an empty note, and a notes part that is not well-formed is a one-line error that
    records nothing."""
    contract = documents / "contract.docx"
    nested = _rewritten(contract, tmp_path / "nested.docx", "word/footnotes.xml", "<w:t>Paid once",
                        '<w:footnoteReference w:id="2"/><w:t>Paid once')  # fmt: skip
    assert [a.text for a in read_docx(nested).articles[1:]] == [WAGES, HOURS, PARKING]
    missing = _rewritten(contract, tmp_path / "missing.docx", "word/document.xml",
                         '<w:footnoteReference w:id="4"/>', '<w:footnoteReference w:id="99"/>')  # fmt: skip
    assert read_docx(missing).articles[2].text == HOURS.replace("[1] Including paid rest breaks.", "[1]")
    repo = _repo(cli, contract)
    broken = _rewritten(
        contract, tmp_path / "broken.docx", "word/footnotes.xml", "Paid once", "Paid &#1;once"
    )
    before = git(repo, "rev-parse", "HEAD")
    err = cli("-C", str(repo), "import-docx", str(broken), "--party", "employer", ok=False).err
    assert "word/footnotes.xml is not well-formed XML" in err
    assert git(repo, "rev-parse", "HEAD") == before


def test_a_document_without_parts_is_quoted_with_its_notes(cli: CLI, documents: Path) -> None:
    """The one-line refusal of a document with no heading quotes its lines as the parts would
    read: the mark and the note, never the reader's token."""
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    letter = str(documents / "letter.docx")
    for args in (["baseline", "--from-docx", letter], ["import-docx", letter, "--party", "employer"]):
        err = cli("-C", "talks", *args, ok=False).err
        assert "read 3 paragraphs; the first lines look like 'A letter with a note.[1]', 'Regards.', " in err
        assert "\\x01" not in err
