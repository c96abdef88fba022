"""An OpenDocument text (.odt) is read as the .docx LibreOffice saves from the same document.

Before: an .odt given as the baseline or as their pass was refused ("an OpenDocument file ...
save it as Word"). Every document here is made by LibreOffice at test time and saved both ways,
.odt and .docx, from the same document; the oracle is the .docx reader on the .docx:

- whole contracts built over UNO (``lo_contract.py``): title page, LibreOffice's table of
  contents, automatic outline numbering ("ARTICLE n –", "n.m", "(a)"), a text box, hidden text,
  a footnote, a content control, a wage table, an appendix and a letter; and the other side's pass
  as LibreOffice's Compare Documents;
- flat ODF with list or outline numbering (``lo_fodt.py``: restarts, a list taken up again,
  Roman articles), and one with spaces, tabs, line breaks, spans, notes, comments, a header
  row, a heading in a table row, merged cells, hidden text and tracked changes typed in place.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import CLI, git
from lo_fodt import levels, soffice, write
from test_lo_contracts import REASON, build_documents
from test_lo_footnotes import CONTRACT as FOOTNOTED

from proposals.errors import ProposalsError
from proposals.negotiation.baseline import contract_form, read_contract
from proposals.word.reader import WORD_ELEMENTS, read_docx, read_docx_lines, read_paragraphs

pytestmark = pytest.mark.skipif(REASON is not None or soffice() is None, reason=REASON or "no LibreOffice")

CONTRACT = [
    ["cover", "COLLECTIVE BARGAINING AGREEMENT"],
    ["cover", "between Northstar Health and Clinicians United"],
    ["pagebreak"],
    ["toc"],
    ["pagebreak"],
    ["part", "PREAMBLE"],
    ["para", "This Agreement is entered into by Northstar Health and Clinicians United."],
    ["division", "PART A - GENERAL"],
    ["article", "RECOGNITION"],
    ["section", "Recognition. The Employer recognizes the Union as the exclusive representative."],
    ["article", "STAFFING"],
    ["section", "Purpose. The Employer shall maintain safe staffing."],
    ["section", "Support. Each Clinician shall be supported by:"],
    ["item", "one medical assistant;"],
    ["item", "a float pool."],
    ["textbox", "2.3 Float Pool. The float pool is staffed at all hours."],
    ["hidden", "CAUCUS NOTE: we can live with one MA"],
    ["hidden_run", "2.4 Review. Staffing is reviewed yearly.", " HIDDEN WORDS"],
    ["footnote", "2.5 Notes. Ratios are set out below.", "Ratios as of the 2021 survey."],
    ["control", "2.6 Posting. Schedules are posted two weeks ahead."],
    ["article", "HOURS OF WORK"],
    ["section", "Workweek. The normal workweek is forty hours."],
    ["part", "APPENDIX A - WAGE SCALES"],
    ["table", [["Step", "Rate"], ["1", "$50.00"], ["2", "$52.00"]]],
    ["part", "LETTER OF AGREEMENT #1: PARKING"],
    ["para", "The parties agree that parking stays free during the term."],
]
BASE = [
    ["part", "PREAMBLE"],
    ["para", "This Agreement is made."],
    ["article", "RECOGNITION"],
    ["section", "Recognition. The Employer recognizes the Union."],
    ["article", "STAFFING"],
    ["section", "Purpose. Safe staffing."],
    ["section", "Support. Each Clinician is supported by:"],
    ["item", "one assistant;"],
    ["item", "a float pool."],
    ["article", "PARKING"],
    ["para", "Parking is free."],
]
THEIRS = [
    ["part", "PREAMBLE"],
    ["para", "This Agreement is made."],
    ["article", "RECOGNITION"],
    ["section", "Recognition. The Employer recognizes the Union and its stewards."],
    ["article", "STAFFING"],
    ["section", "Purpose. Safe staffing at all times."],
    ["section", "Added. A new section."],
    ["item", "one assistant;"],
    ["article", "HOURS"],
    ["para", "Forty hours."],
]

# One section lettering 28 items: LibreOffice's own "a, b, ..." goes on "aa, ab" past z.
ITEMS = [["article", "SUPPLIES"], ["section", "Supplies. The Employer provides:"]] + [
    ["item", f"supply number {n};"] for n in range(1, 29)
]


@pytest.fixture(scope="module")
def uno(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's contract and the other side's pass (Compare Documents), as .odt and .docx."""
    spec = {
        "odt": True,
        "docs": [
            {"name": "contract", "blocks": CONTRACT},
            {"name": "base", "blocks": BASE},
            {"name": "theirs", "blocks": THEIRS},
            {"name": "footnoted", "blocks": FOOTNOTED},
            {"name": "items", "blocks": ITEMS},
            {"name": "items-sync", "blocks": ITEMS, "letter_sync": True},
        ],
        "compare": [["base", "theirs", "pass"]],
        "track": [["footnoted", "first full", "second full", "footnoted-tracked"]],
        "reject": ["pass"],
        "accept_text": ["pass", "items.odt", "items-sync.odt"],
        "odt_encrypted": ["base"],
    }
    return build_documents(tmp_path_factory.mktemp("odt-uno"), spec)


def _lines(path: Path) -> tuple[list[tuple[str, bool, bool]], list[str]]:
    lines, notes, _ = read_docx_lines(path)
    return [(line.text, line.heading_style, line.toc) for line in lines], notes


def _odt_terms(notes: list[str]) -> list[str]:
    """A .docx's notes as an .odt's say them: without the Word elements ("w:vanish") they name."""
    for element in WORD_ELEMENTS.values():
        notes = [note.replace(f"({element}, ", "(") for note in notes]
    return notes


def test_a_libreoffice_contract_reads_as_its_docx_line_for_line(uno: Path) -> None:
    """Numbering labels, headings, contents lines, the text box after its paragraph, hidden text
    left out, the table as pipe rows, and the same notes (footnote, text box, content control,
    hidden text), in the .odt's own terms: before, they named Word's w:sdt and w:vanish."""
    odt, odt_notes = _lines(uno / "contract.odt")
    docx, docx_notes = _lines(uno / "contract.docx")
    assert odt == docx
    assert ("ARTICLE 2 – STAFFING", True, False) in odt and ("(b) a float pool.", False, False) in odt
    assert ("ARTICLE 1 – RECOGNITION\t3", False, True) in odt  # the contents, skipped by the splitter
    assert not any("CAUCUS" in text or "HIDDEN" in text for text, _, _ in odt)

    def kinds(notes: list[str]) -> list[str]:  # the hidden count is per run, and runs differ
        return [note.split(" ", 1)[1] for note in notes]

    assert kinds(odt_notes) == kinds(_odt_terms(docx_notes))
    assert any(kind.startswith("footnotes or endnotes") for kind in kinds(odt_notes))
    assert "content controls (read as body text)" in kinds(odt_notes)
    assert "hidden runs or paragraphs (left out)" in kinds(odt_notes)
    assert "hidden runs or paragraphs (w:vanish, left out)" in kinds(docx_notes)
    assert not any("w:" in note for note in odt_notes)


@pytest.mark.parametrize("name", ["footnoted", "footnoted-tracked"])
def test_footnotes_and_endnotes_land_in_their_parts_as_from_the_docx(uno: Path, name: str) -> None:
    """The .docx reader's convention: "[1]" ("[i]", a mark of its own) where referenced, the note
    at the end of its part; a note changed as a tracked change reads as each view has it."""
    for view in ("accepted", "rejected"):
        odt = read_docx(uno / f"{name}.odt", view)  # type: ignore[arg-type]
        assert odt.articles == read_docx(uno / f"{name}.docx", view).articles  # type: ignore[arg-type]
        assert odt.notes == read_docx(uno / f"{name}.docx", view).notes  # type: ignore[arg-type]
    wages = next(a.text for a in read_docx(uno / f"{name}.odt").articles if a.title == "WAGES")
    assert "Lump sum. A lump sum* is paid" in wages and "\n[*] Paid once, in June.\n" in wages
    assert ("second full" in wages) == (name == "footnoted-tracked")
    assert read_docx_lines(uno / f"{name}.odt")[2] == read_docx_lines(uno / f"{name}.docx")[2]
    reading = read_contract(uno / f"{name}.odt", "docx")
    assert reading.texts == read_contract(uno / f"{name}.docx", "docx").texts


def test_an_odt_saved_with_a_password_is_one_line_and_changes_nothing(uno: Path, cli: CLI) -> None:
    """LibreOffice's own encrypted .odt (its content.xml is ciphertext; the manifest says so)."""
    locked = uno / "base.encrypted.odt"
    with pytest.raises(ProposalsError, match=re.escape("encrypted (password-protected)")):
        read_docx(locked)
    cli("init", "talks", "--union", "U", "--employer", "E")
    err = cli("-C", "talks", "baseline", "--from-docx", str(locked), ok=False).err
    assert "encrypted (password-protected); remove the password" in err
    assert not git(cli.cwd / "talks", "tag")


def test_the_baseline_from_an_odt_is_the_baseline_from_its_docx(uno: Path, cli: CLI) -> None:
    reading = read_contract(uno / "contract.odt", contract_form(uno / "contract.odt"))
    expected = read_contract(uno / "contract.docx", "docx")
    assert reading.texts == expected.texts and reading.kinds == expected.kinds
    assert reading.divisions == expected.divisions
    assert [s.text for s in reading.skipped] == [s.text for s in expected.skipped]
    staffing = reading.texts["staffing"]
    assert staffing.startswith("ARTICLE 2 – STAFFING\n2.1 Purpose.") and "2.3 Float Pool." in staffing
    for name, given in (("from-odt", "contract.odt"), ("from-docx", "contract.docx")):
        cli("init", name, "--union", "Clinicians United", "--employer", "Northstar Health")
        dry = cli("-C", name, "baseline", "--from-docx", str(uno / given), "--dry-run").out
        assert "hours-of-work" in dry
        cli("-C", name, "baseline", "--from-docx", str(uno / given))
    trees = [git(cli.cwd / name, "ls-tree", "-r", "HEAD") for name in ("from-odt", "from-docx")]
    assert trees[0] == trees[1] and "articles/staffing.txt" in trees[0]


def test_their_pass_made_by_compare_documents_reads_as_libreoffice_shows_each_side(uno: Path) -> None:
    """Accepted: their document (the .docx of the same pass numbers "one assistant" 2.3, which
    their document does not). Rejected: what LibreOffice's own Reject All leaves, numbering
    included (Compare Documents keeps no numbering on deleted paragraphs, so it is not ours)."""
    accepted = read_paragraphs(uno / "pass.odt")
    assert accepted == read_paragraphs(uno / "theirs.odt") == read_paragraphs(uno / "theirs.docx")
    assert read_docx(uno / "pass.odt").revision_authors == read_docx(uno / "pass.docx").revision_authors
    rejected = read_paragraphs(uno / "pass.odt", "rejected")
    assert (
        rejected == read_paragraphs(uno / "pass.rejected.odt") == read_paragraphs(uno / "pass.rejected.docx")
    )
    assert "1.1 Recognition. The Employer recognizes the Union." in rejected and "PARKING" in " ".join(
        rejected
    )


def test_their_compare_docx_reads_as_libreoffice_accepts_that_docx(uno: Path) -> None:
    """The .docx LibreOffice saves of the Compare pass gives "one assistant;" the Section style
    of the deleted paragraph before it (the .odt of the same pass keeps it an Item, "(a)"), so
    LibreOffice's own Accept All of that .docx numbers it "2.3", as Word would: the accepted view
    of the .docx is what LibreOffice shows of it, label for label, not the .odt's "(a)"."""
    shown = (uno / "pass.accepted.txt").read_text("utf-8-sig").rstrip("\n").split("\n")
    assert "2.3 one assistant;" in shown and "2.2 Added. A new section." in shown
    assert read_paragraphs(uno / "pass.docx") == shown
    assert "(a) one assistant;" in read_paragraphs(uno / "pass.odt")


def test_letters_past_z_read_as_libreoffice_numbers_them(uno: Path) -> None:
    """LibreOffice's letter numbering goes on "aa", "ab" past "z" (Word's, and ODF's
    style:num-letter-sync="true", go "aa", "bb"): the .odt reads as LibreOffice shows it, from
    its own text export. Before: "(aa) ... (bb)" where LibreOffice shows "(aa) ... (ab)"."""
    shown = (uno / "items.odt.accepted.txt").read_text("utf-8-sig").rstrip("\n").split("\n")
    assert "(z) supply number 26;" in shown and "(ab) supply number 28;" in shown
    assert read_paragraphs(uno / "items.odt") == shown
    synced = (uno / "items-sync.odt.accepted.txt").read_text("utf-8-sig").rstrip("\n").split("\n")
    styles = zipfile.ZipFile(uno / "items-sync.odt").read("styles.xml").decode()
    assert 'style:num-letter-sync="true"' in styles
    assert "(z) supply number 26;" in synced and "(bb) supply number 28;" in synced
    assert read_paragraphs(uno / "items-sync.odt") == synced


def test_their_odt_pass_is_recorded_as_their_docx_pass(uno: Path, cli: CLI) -> None:
    """Their clean .odt records what their .docx records; their tracked .odt (Compare Documents)
    records the same texts, read as accepted."""
    trees = []
    for name, given in (("odt", "theirs.odt"), ("docx", "theirs.docx"), ("tracked", "pass.odt")):
        repo = f"talks-{name}"
        cli("init", repo, "--union", "Clinicians United", "--employer", "Northstar Health")
        cli("-C", repo, "baseline", "--from-docx", str(uno / "base.odt"))
        out = cli("-C", repo, "import-docx", str(uno / given), "--party", "employer").out
        assert "Recorded Northstar Health pass E-1" in out, out
        trees.append(git(cli.cwd / repo, "ls-tree", "-r", "HEAD"))
    assert trees[0] == trees[1] == trees[2]
    staffing = (cli.cwd / "talks-odt" / "articles" / "staffing.txt").read_text()
    assert staffing == (
        "ARTICLE 2 – STAFFING\n2.1 Purpose. Safe staffing at all times.\n"
        "2.2 Added. A new section.\n(a) one assistant;\n"
    )


# --------------------------------------------------------------------------- flat ODF, converted

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
STYLES = (
    '<office:styles><style:style style:name="Standard" style:family="paragraph"/>'
    '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" '
    'style:parent-style-name="Standard" style:default-outline-level="1"/>'
    '<style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph"/>'
    "</office:styles><office:automatic-styles>"
    '<style:style style:name="Hide" style:family="text"><style:text-properties text:display="none"/>'
    "</style:style>"
    '<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/>'
    "</style:style></office:automatic-styles>"
)


def _info(n: int) -> str:
    return (
        f'<text:changed-region xml:id="ct{n}" text:id="ct{n}"><text:{{kind}}><office:change-info>'
        "<dc:creator>Acme Widgets</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
        f"{{deleted}}</text:{{kind}}></text:changed-region>"
    )


def _region(n: int, kind: str, deleted: str = "") -> str:
    return _info(n).format(kind=kind, deleted=deleted)


def p(text: str, style: str = "Standard") -> str:
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def h(text: str) -> str:
    return f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{text}</text:h>'


def _document(body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.3" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">{STYLES}'
        f"<office:body><office:text>{body}</office:text></office:body></office:document>"
    )


CHANGES = (
    "<text:tracked-changes>"
    + _region(1, "insertion")
    + _region(2, "deletion", p("fourteen (14)"))
    + _region(3, "insertion")
    + _region(4, "deletion", p("A paragraph they struck.") + p(""))
    + _region(5, "deletion", h("ARTICLE 4 – PARKING") + p("Parking is free.") + p(""))
    + "</text:tracked-changes>"
)
FEATURES = _document(
    CHANGES
    + p("COLLECTIVE AGREEMENT")
    + h('ARTICLE 1 – <text:span text:style-name="Bold">RECOGNITION</text:span>')
    + p('The  Employer<text:s text:c="3"/>recognizes<text:tab/>the Union.<text:line-break/>Second line.')
    + p(
        'A note follows.<text:note text:id="n1" text:note-class="footnote">'
        "<text:note-citation>1</text:note-citation>"
        "<text:note-body>" + p("Footnote text.") + "</text:note-body></text:note>"
        '<text:note text:id="n2" text:note-class="endnote"><text:note-citation>i</text:note-citation>'
        "<text:note-body>" + p("Endnote text.") + "</text:note-body></text:note>"
    )
    + p(
        "Commented.<office:annotation><dc:creator>Caucus</dc:creator>"
        + p("Our note.")
        + "</office:annotation>"
    )
    + p('Shown<text:span text:style-name="Hide"> HIDDEN</text:span> text.<text:soft-page-break/>')
    + h("ARTICLE 2 – NOTICE")
    + p(
        'Notice shall be given <text:change text:change-id="ct2"/><text:change-start text:change-id="ct1"/>'
        'ten (10)<text:change-end text:change-id="ct1"/> days before any change.<text:change-start '
        'text:change-id="ct3"/>'
    )
    + p('A paragraph they added.<text:change-end text:change-id="ct3"/>')
    + p('<text:change text:change-id="ct4"/>Notice is in writing.')
    + '<table:table table:name="Wages"><table:table-column table:number-columns-repeated="3"/>'
    "<table:table-header-rows><table:table-row>"
    + "".join(
        f"<table:table-cell>{p(c, 'Table_20_Heading')}</table:table-cell>" for c in ("Step", "Rate", "Note")
    )
    + "</table:table-row></table:table-header-rows>"
    '<table:table-row><table:table-cell table:number-columns-spanned="2">'
    + p("Start")
    + "</table:table-cell>"
    "<table:covered-table-cell/><table:table-cell>" + p("new hires") + "</table:table-cell></table:table-row>"
    "<table:table-row>"
    + "".join(f"<table:table-cell>{p(c)}</table:table-cell>" for c in ("1", "$50.00", ""))
    + "</table:table-row></table:table>"
    + '<table:table table:name="Heads"><table:table-column table:number-columns-repeated="2"/>'
    + "<table:table-row>"
    + "".join(f"<table:table-cell>{p(c)}</table:table-cell>" for c in ("ARTICLE 3", "HOLIDAYS"))
    + "</table:table-row></table:table>"
    + p("There are eleven paid holidays.")
    + h('<text:change text:change-id="ct5"/>ARTICLE 5 – HOURS')
    + p("The workweek is forty hours.")
)


def _blocks() -> list[tuple]:
    blocks: list[tuple] = [("part", "PREAMBLE"), ("para", "This Agreement is made by the parties.")]
    for title in ("RECOGNITION", "UNION SECURITY", "MANAGEMENT RIGHTS"):
        blocks += [("article", title), ("section", f"{title.title()}. First."), ("section", "Second.")]
    return [
        *blocks,
        ("article", "STAFFING"),
        ("section", "Purpose. Safe staffing.", "restart"),
        ("para", "The parties agree as follows:"),
        ("section", "Ratios. Ratios are set by unit:"),
        ("subsection", "Days. One nurse per four patients."),
        ("section", "Support. Each nurse is supported by:"),
        ("item", "one assistant;"),
        ("item", "a float pool."),
        ("part", "APPENDIX A - WAGE SCALES"),
        ("table", [["Step", "Rate"], ["1", "$50.00"]]),
    ]


def _convert(sources: Sequence[Path], to: str, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="odt_lo_") as profile:
        subprocess.run(
            [soffice() or "soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", {"docx": "docx:MS Word 2007 XML", "odt": "odt"}[to],
             "--outdir", str(out), *map(str, sources)],
            check=True, capture_output=True, timeout=300, stdin=subprocess.DEVNULL,
        )  # fmt: skip


@pytest.fixture(scope="module")
def flat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The flat ODF documents, each saved by LibreOffice as .odt and as .docx."""
    out = tmp_path_factory.mktemp("odt-flat")
    sources = [out / "features.fodt"]
    sources[0].write_text(FEATURES, "utf-8")
    for mode in ("list", "outline"):
        for article in ("decimal", "upperRoman"):
            sources.append(write(out / f"{mode}-{article}.fodt", _blocks(), mode=mode, spec=levels(article)))
    for to in ("odt", "docx"):
        _convert(sources, to, out)
    return out


@pytest.mark.parametrize("name", ["list-decimal", "list-upperRoman", "outline-decimal", "outline-upperRoman"])
def test_list_and_outline_numbering_reads_as_the_docx_shows_it(flat: Path, name: str) -> None:
    """The number is in no text of content.xml: it is counted from the list or outline style.
    The flat ODF LibreOffice read (no .odt in between) reads the same, but for the empty
    paragraph LibreOffice puts after a table that ends a document."""
    odt = read_paragraphs(flat / f"{name}.odt")
    assert odt == read_paragraphs(flat / f"{name}.docx")
    assert odt == [*read_paragraphs(flat / f"{name}.fodt"), ""]
    article = "IV" if name.endswith("Roman") else "4"
    assert f"ARTICLE {article} – STAFFING" in odt and f"{article}.1 Purpose. Safe staffing." in odt
    assert f"{article}.2.1 Days. One nurse per four patients." in odt and "(b) a float pool." in odt


@pytest.mark.parametrize("view", ["accepted", "rejected"])
def test_text_notes_tables_and_tracked_changes_read_as_the_docx(flat: Path, view: str) -> None:
    odt = read_paragraphs(flat / "features.odt", view)  # type: ignore[arg-type]
    assert odt == read_paragraphs(flat / "features.docx", view)  # type: ignore[arg-type]
    assert odt == read_paragraphs(flat / "features.fodt", view)  # type: ignore[arg-type]
    parts = read_docx(flat / "features.odt", view).articles  # type: ignore[arg-type]
    assert parts == read_docx(flat / "features.docx", view).articles  # type: ignore[arg-type]
    assert [a.number for a in parts] == (
        ["1", "2", "3", "5"] if view == "accepted" else ["1", "2", "3", "4", "5"]
    )
    assert "The Employer   recognizes\tthe Union." in odt and "Second line." in odt
    assert "Shown text." in odt and "| ARTICLE 3 | HOLIDAYS |" in odt
    assert odt[odt.index("| Step | Rate | Note |") + 1 : odt.index("| Step | Rate | Note |") + 4] == [
        "| --- | --- | --- |", "| Start |  | new hires |", "| 1 | $50.00 |  |"
    ]  # fmt: skip
    if view == "accepted":
        assert "Notice shall be given ten (10) days before any change." in odt
        assert "A paragraph they added." in odt and "ARTICLE 4 – PARKING" not in odt
    else:
        assert "Notice shall be given fourteen (14) days before any change." in odt
        assert "A paragraph they struck." in odt and "ARTICLE 4 – PARKING" in odt
        assert not any("they added" in line for line in odt)


def test_a_flat_odt_is_a_pass_as_its_docx_is(flat: Path, cli: CLI) -> None:
    """The .fodt LibreOffice read is recorded as the .docx it saved from it."""
    assert contract_form(flat / "features.fodt") == "docx"
    trees = []
    for name in ("features.fodt", "features.docx"):
        repo = f"talks-{name.replace('.', '-')}"
        cli("init", repo, "--union", "U", "--employer", "Acme Widgets")
        cli("-C", repo, "baseline", "--from-docx", str(flat / "list-decimal.odt"))
        out = cli("-C", repo, "import-docx", str(flat / name), "--party", "employer").out
        assert "Recorded Acme Widgets pass E-1" in out and "New part hours" in out, out
        trees.append(git(cli.cwd / repo, "ls-tree", "-r", "HEAD"))
    assert trees[0] == trees[1]


def test_notes_and_tracked_changes_are_said_as_for_the_docx(flat: Path) -> None:
    """The same notes, each in the file's own terms. Before: an .odt's said "accept or reject
    them in Word first" and named Word's w:vanish for its hidden text."""
    _, odt, _ = read_docx_lines(flat / "features.odt")
    _, docx, _ = read_docx_lines(flat / "features.docx")
    assert odt == _odt_terms(docx) and odt != docx
    tracked = next(n for n in odt if n.startswith("tracked changes by Acme Widgets read as accepted"))
    assert tracked.endswith("in Word or LibreOffice first if that is not the contract in force")
    assert "1 comments (present, not imported)" in odt
    assert any(n.endswith(" hidden runs or paragraphs (left out)") for n in odt)


# --------------------------------------------------------------------------- our export, saved as .odt

OURS = [
    "ARTICLE 6: STAFFING\n\n6.1 The Employer shall staff two (2) nurses.\n\n6.2 Ratios are posted.\n"
    "(a) days;\n(b) nights.\n",
    "ARTICLE 7: WAGES\n\n| Step | Rate |\n| --- | --- |\n| 1 | $50.00 |\n| 2 | $52.00 |\n\n"
    "Wages rise yearly.\n",
    "ARTICLE 8: PARKING\n\nParking is free.\n",
]
PROPOSED = [
    "ARTICLE 6: STAFFING\n\n6.1 The Employer shall staff three (3) nurses at all times.\n\n"
    "6.2 Ratios are posted weekly.\n(a) days;\n(b) nights;\n(c) weekends.\n\n6.3 A new clause.\n",
    "ARTICLE 7: WAGES\n\n| Step | Rate |\n| --- | --- |\n| 1 | $51.00 |\n| 2 | $52.00 |\n| 3 | $54.00 |\n\n"
    "Wages rise yearly.\n",
    "",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our pass exported as .docx (tracked, clean, redline), each opened and saved by LibreOffice
    as .odt, as the other side sends it back."""
    from datetime import date

    from proposals.word.proposal import ArticleChange, export_proposal

    out = tmp_path_factory.mktemp("odt-export")
    changes = [ArticleChange(old, new) for old, new in zip(OURS, PROPOSED, strict=True)]
    for mode in ("tracked", "clean", "redline"):
        export_proposal(changes, out / f"{mode}.docx", mode=mode, party="Employer", pass_name="E-2",  # type: ignore[arg-type]
                        session=date(2025, 1, 2))  # fmt: skip
    _convert([out / f"{mode}.docx" for mode in ("tracked", "clean", "redline")], "odt", out)
    return out


@pytest.mark.parametrize("mode", ["tracked", "clean"])
def test_our_export_saved_as_odt_reads_back_exactly(exported: Path, mode: str) -> None:
    """Blank lines our export sets as space on a paragraph, tables (a tracked inserted row
    included: LibreOffice's ``loext:text-changes-only``) and tracked changes survive the .odt."""
    accepted = [a.text for a in read_docx(exported / f"{mode}.odt").articles]
    assert accepted == [text for text in PROPOSED if text]
    if mode == "tracked":
        assert [a.text for a in read_docx(exported / f"{mode}.odt", "rejected").articles] == OURS


def test_our_static_redline_saved_as_odt_is_refused_in_one_line(exported: Path) -> None:
    with pytest.raises(
        ProposalsError, match=r"a static redline \(export --mode redline\) saved as OpenDocument"
    ):
        read_docx(exported / "redline.odt")


# --------------------------------------------------------------------------- hostile files


def _package(tmp_path: Path, name: str, parts: dict[str, bytes], mimetype: bytes = b"") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", mimetype or b"application/vnd.oasis.opendocument.text")
        for part, data in parts.items():
            zf.writestr(part, data, zipfile.ZIP_DEFLATED)
    return path


CONTENT = (
    f"<office:document-content {NS}><office:body><office:text>{h('ARTICLE 1 – RECOGNITION')}"
    f"{p('The Employer recognizes the Union.')}</office:text></office:body></office:document-content>"
).encode()


@pytest.mark.parametrize(
    ("name", "parts", "mimetype", "said"),
    [
        ("bad.odt", {"content.xml": b"<office:document-content"}, b"", "content.xml is not well-formed XML"),
        ("dtd.odt", {"content.xml": b'<!DOCTYPE x [<!ENTITY a "b">]>' + CONTENT}, b"", "declares a DTD"),
        ("bomb.odt", {"content.xml": CONTENT[:-30] + b" " * 40 * 2**20 + CONTENT[-30:]}, b"", "zip bomb?"),
        ("none.odt", {"styles.xml": b"<x/>"}, b"", "no content.xml inside"),
        ("sheet.odt", {"content.xml": CONTENT}, b"application/vnd.oasis.opendocument.spreadsheet",
         "an OpenDocument spreadsheet, not a text document"),
        ("locked.odt", {"content.xml": b"\x00", "META-INF/manifest.xml": b"<m:encryption-data/>"}, b"",
         "encrypted (password-protected)"),
    ],
)  # fmt: skip
def test_a_bad_odt_is_one_line_and_changes_nothing(
    cli: CLI, tmp_path: Path, name: str, parts: dict[str, bytes], mimetype: bytes, said: str
) -> None:
    path = _package(tmp_path, name, parts, mimetype)
    with pytest.raises(ProposalsError, match=re.escape(said)):
        read_docx(path)
    cli("init", "talks", "--union", "U", "--employer", "E")
    before = git(cli.cwd / "talks", "for-each-ref") + git(
        cli.cwd / "talks", "status", "--porcelain", "--ignored"
    )
    for args in (["baseline", "--from-docx", str(path)], ["import-docx", str(path), "--party", "employer"]):
        err = cli("-C", "talks", *args, ok=False).err
        assert said in err and err.count("\n") == 1, err
    after = git(cli.cwd / "talks", "for-each-ref") + git(
        cli.cwd / "talks", "status", "--porcelain", "--ignored"
    )
    assert after == before


@pytest.mark.parametrize(
    "body",
    [
        p('<text:s text:c="1000"/>' * 10_000),
        "<table:table>"
        + (
            '<table:table-row table:number-rows-repeated="64">'
            '<table:table-cell table:number-columns-repeated="64"/></table:table-row>'
        )
        * 2_000
        + "</table:table>",
    ],
    ids=["spaces", "cells"],
)
def test_repetition_that_expands_past_the_limit_is_refused(cli: CLI, tmp_path: Path, body: str) -> None:
    """A few bytes of text:s or repeated cells must not become gigabytes of text: before, 50 MB
    of XML could ask for 50 GB of spaces."""
    content = f"<office:document-content {NS}><office:body><office:text>{body}"
    path = tmp_path / "repeated.odt"
    with zipfile.ZipFile(path, "w") as zf:  # stored: the zip's own ratio check does not see it
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content + "</office:text></office:body></office:document-content>")
    with pytest.raises(ProposalsError, match="expand past 5,000,000; refusing"):
        read_docx(path)
    err = cli("baseline", "--from-docx", str(path), "--dry-run", ok=False).err
    assert "expand past" in err


def test_a_handwritten_odt_reads_without_libreoffice(tmp_path: Path) -> None:
    """The smallest package another program writes: no styles.xml, no numbering."""
    path = _package(tmp_path, "plain.odt", {"content.xml": CONTENT})
    assert read_paragraphs(path) == ["ARTICLE 1 – RECOGNITION", "The Employer recognizes the Union."]
    assert read_docx(path).articles[0].text == "ARTICLE 1 – RECOGNITION\nThe Employer recognizes the Union.\n"
