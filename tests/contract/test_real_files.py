"""Files a team is handed as "the contract" that are not what the command expects, and a Word
contract saved with its last edits still tracked, all made by LibreOffice at test time.

Before: an .odt given to ``--from-docx`` said "no word/document.xml inside; not a Word
document", an RTF or flat .fodt "not a zip archive", and the same files given to
``--from-text`` were read as text ("no part headings found" quoting ``{\\rtf1\\ansi``) or
called binary; now each is one line naming what the file is and what to save it as. A .docx
whose tracked changes were never accepted was read as accepted without a word; now the dry
run and the import say so. An .odt or .fodt given to ``--from-docx`` is read since
(``tests/word/test_opendocument.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from corpus_docs import convert, soffice
from real_docs import document, h, p

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

_CHANGES = (
    "<text:tracked-changes>"
    '<text:changed-region xml:id="ct1" text:id="ct1"><text:insertion><office:change-info>'
    "<dc:creator>Acme Widgets</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
    "</text:insertion></text:changed-region>"
    '<text:changed-region xml:id="ct2" text:id="ct2"><text:deletion><office:change-info>'
    "<dc:creator>Acme Widgets</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
    "<text:p>fourteen (14)</text:p></text:deletion></text:changed-region></text:tracked-changes>"
)
TRACKED = document(
    _CHANGES
    + h("ARTICLE 1 – RECOGNITION")
    + p("The Employer recognizes the Union as the sole bargaining agent for the unit.")
    + h("ARTICLE 2 – NOTICE")
    + '<text:p text:style-name="Standard">Notice shall be given <text:change text:change-id="ct2"/>'
    '<text:change-start text:change-id="ct1"/>ten (10)<text:change-end text:change-id="ct1"/>'
    " days before any change.</text:p>"
    + h("ARTICLE 3 – HOURS OF WORK")
    + p("The normal work week is forty hours."),
    header="Acme Widgets Ltd.",
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("real_files")
    source = out / "contract.fodt"
    source.write_text(TRACKED, "utf-8")
    made = {"fodt": source}
    for kind in ("docx", "pdf"):
        made[kind] = convert([source], kind, out)[0]
    for kind, flt in (("odt", "odt"), ("rtf", "rtf")):
        made[kind] = _convert(source, flt, out)
    return made


def _convert(source: Path, to: str, outdir: Path) -> Path:
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="real_files_lo_") as profile:
        subprocess.run(
            [soffice() or "soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", to, "--outdir", str(outdir), str(source)],
            check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    return outdir / f"{source.stem}.{to}"


def test_tracked_changes_left_in_a_contract_are_read_as_accepted_and_said(files: dict[str, Path]) -> None:
    reading = read_contract(files["docx"], "docx")
    notice = reading.parts[1].text
    assert "ten (10) days" in notice and "fourteen" not in notice
    assert any(n.startswith("tracked changes by Acme Widgets read as accepted") for n in reading.notes)
    clean = read_contract(files["pdf"], "pdf")  # the PDF shows no revisions to speak of
    assert not any("tracked changes" in n for n in clean.notes)


def test_the_dry_run_and_the_import_say_the_tracked_changes_were_accepted(
    files: dict[str, Path], cli: CLI
) -> None:
    cli("init", "repo", "--union", "U", "--employer", "E")
    dry = cli("-C", "repo", "baseline", "--from-docx", str(files["docx"]), "--dry-run").out
    assert "Note: tracked changes by Acme Widgets read as accepted" in dry
    done = cli("-C", "repo", "baseline", "--from-docx", str(files["docx"]))
    assert "tracked changes by Acme Widgets read as accepted" in done.out + done.err
    assert "fourteen" not in (cli.cwd / "repo" / "articles" / "notice.txt").read_text("utf-8")


@pytest.mark.parametrize(
    ("kind", "flag", "said"),
    [
        ("rtf", "--from-docx", "an RTF document, not a .docx"),
        ("odt", "--from-text", "is an OpenDocument file (.odt, LibreOffice or OpenOffice), not plain text"),
        ("rtf", "--from-text", "is an RTF document, not plain text"),
        ("docx", "--from-text", "is a zip package (a .docx?), not plain text"),
        ("pdf", "--from-text", "is a PDF, not plain text"),
    ],
)
def test_a_file_of_another_kind_is_refused_in_one_line_naming_it(
    files: dict[str, Path], cli: CLI, kind: str, flag: str, said: str
) -> None:
    cli("init", "repo", "--union", "U", "--employer", "E")
    for dry in ([], ["--dry-run"]):
        err = cli("-C", "repo", "baseline", flag, str(files[kind]), *dry, ok=False).err
        assert said in err, err
    assert not list((cli.cwd / "repo" / "articles").glob("*.txt"))
