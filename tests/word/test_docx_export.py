"""Every export mode opened again with python-docx and checked at the XML level."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx_checks import body_paragraphs, body_tables
from docx_samples import (
    COLOUR,
    EMPLOYER,
    SAFETY,
    SESSION,
    STAFFING,
    UNION,
    WAGES,
    cases,
    demo_cases,
    engine_diff,
)
from lxml import etree

from proposals.negotiation.status import STATUS_MEANINGS, STATUS_WORDS
from proposals.word.compiled_contract import ContractArticle, export_contract
from proposals.word.document import PROPOSAL_MARK, STYLES_USED, TA_MARK, ExportError
from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import read_paragraphs
from proposals.word.status_chart import article_sort_key, export_status
from proposals.word.ta import export_ta

VOCABULARY = {"words": STATUS_WORDS, "meanings": STATUS_MEANINGS}

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROOT = Path(__file__).resolve().parents[2]
SESSION_DT = datetime(2025, 3, 14, tzinfo=UTC)
NOTE_MARKER = "ZZ-INTERNAL-NOTE-do-not-export-7f3a"


def _doc_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml"))


def _export(tmp_path: Path, mode: str, changes: list[ArticleChange], name: str = "out") -> Path:
    out = tmp_path / f"{name}-{mode}.docx"
    export_proposal(
        changes, out, mode=mode, party=UNION, pass_name="U-7", session=SESSION, colour=COLOUR,
        against="E-6", diff=engine_diff,
    )  # fmt: skip
    return out


def _changes() -> list[ArticleChange]:
    return [ArticleChange(c.old, c.new, c.ops) for c in cases()]


# --------------------------------------------------------------------------- template


def test_template_defines_every_style_used() -> None:
    """A style only latent in the template raises KeyError in python-docx at export time."""
    doc = docx.Document(str(ROOT / "src" / "proposals" / "word" / "template.docx"))
    defined = {s.name for s in doc.styles}
    missing = [s for s in STYLES_USED if s not in defined]
    assert not missing
    assert doc.styles["Redline Insert"].font.underline
    assert doc.styles["Redline Delete"].font.strike


def test_template_generation_is_deterministic() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_template", ROOT / "tools/make_template.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    first = module.build()
    assert first == module.build()
    assert first == (ROOT / "src" / "proposals" / "word" / "template.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        names = zf.namelist()
        assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names
        app = zf.read("docProps/app.xml").decode()
        assert "<Application>proposals</Application>" in app and "Macintosh" not in app
        packaged = "".join(zf.read(n).decode() for n in names if n.endswith((".rels", ".xml")))
        assert "stylesWithEffects" not in packaged and "thumbnail" not in packaged


# --------------------------------------------------------------------------- proposals


@pytest.mark.parametrize("mode", ["tracked", "redline", "clean"])
def test_header_footer_and_core_properties(tmp_path: Path, mode: str) -> None:
    out = _export(tmp_path, mode, [ArticleChange(STAFFING, STAFFING.replace("1,800", "1,500"))])
    doc = docx.Document(str(out))
    section = doc.sections[0]
    assert not section.different_first_page_header_footer
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert UNION in header and "U-7" in header and "2025-03-14" in header
    assert PROPOSAL_MARK in header
    assert all(p.style.name == "Proposal Header" for p in section.header.paragraphs)
    footer_xml = etree.tostring(section.footer._element).decode()
    assert 'w:instr=" PAGE ' in footer_xml and "NUMPAGES" in footer_xml

    props = doc.core_properties
    assert props.author == UNION and props.last_modified_by == UNION
    assert props.created == SESSION_DT.replace(tzinfo=None) or props.created == SESSION_DT
    assert props.modified == props.created
    assert props.revision == 1
    assert "U-7" in props.title and "ARTICLE 6: STAFFING" in props.title
    assert "python-docx" not in _all_xml(out)
    assert "2013-12-23" not in _all_xml(out)


@pytest.mark.parametrize("mode", ["tracked", "redline", "clean"])
def test_styles_and_literal_numbers(tmp_path: Path, mode: str) -> None:
    out = _export(tmp_path, mode, [ArticleChange(STAFFING, STAFFING)])
    doc = docx.Document(str(out))
    paras = doc.paragraphs
    assert paras[0].style.name == "Heading 1"
    assert paras[0].text == "ARTICLE 6: STAFFING"
    by_text = {p.text: p.style.name for p in paras}
    assert by_text["(a) one (1.0) FTE medical assistant;"] == "Contract List 1"
    assert by_text[STAFFING.split("\n")[2]] == "Contract Body"
    # blank lines are space above the next paragraph, never empty paragraphs (issue 12)
    assert [p.text for p in paras] == [line for line in STAFFING.rstrip("\n").split("\n") if line]
    assert read_paragraphs(out) == STAFFING.rstrip("\n").split("\n")
    assert {p.style.name for p in paras} <= set(STYLES_USED)


def test_clean_mode_is_the_new_text(tmp_path: Path) -> None:
    changes = _changes()
    out = _export(tmp_path, "clean", changes)
    expected = [line for c in changes for line in c.new.rstrip("\n").split("\n") if c.new]
    assert [p.text for p in docx.Document(str(out)).paragraphs] == [line for line in expected if line]
    assert read_paragraphs(out) == expected
    assert _doc_xml(out).find(".//w:ins", NS) is None


def test_tracked_revisions_are_well_formed(tmp_path: Path) -> None:
    out = _export(tmp_path, "tracked", _changes())
    root = _doc_xml(out)
    ids = [el.get(f"{{{W}}}id") for el in root.iter() if el.get(f"{{{W}}}id") is not None]
    starts = root.findall(".//w:moveFromRangeStart", NS) + root.findall(".//w:moveToRangeStart", NS)
    ends = root.findall(".//w:moveFromRangeEnd", NS) + root.findall(".//w:moveToRangeEnd", NS)
    # every id is unique except that a range end repeats its start's id
    counts = Counter(ids)
    assert all(n == 1 for i, n in counts.items() if i not in {e.get(f"{{{W}}}id") for e in ends})
    assert {e.get(f"{{{W}}}id") for e in ends} == {s.get(f"{{{W}}}id") for s in starts}
    assert all(i.isdigit() for i in ids)
    revisions = [el for tag in ("ins", "del", "moveFrom", "moveTo") for el in root.iter(f"{{{W}}}{tag}")]
    assert revisions
    for el in revisions:
        assert el.get(f"{{{W}}}author") == UNION
        # the session day; two minutes past midnight only where LibreOffice would merge
        assert el.get(f"{{{W}}}date") in ("2025-03-14T00:00:00Z", "2025-03-14T00:02:00Z")
    # deleted text lives in w:delText inside w:del, never in w:t; delText nowhere else
    for del_el in root.iter(f"{{{W}}}del"):
        assert del_el.find(".//w:t", NS) is None
    for dt in root.iter(f"{{{W}}}delText"):
        assert dt.getparent().getparent().tag == f"{{{W}}}del"
        assert dt.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    # whole inserted/deleted paragraphs carry paragraph-mark revisions
    assert root.find(".//w:pPr/w:rPr/w:ins", NS) is not None
    assert root.find(".//w:pPr/w:rPr/w:del", NS) is not None
    # the move is a named Word move on both sides
    from_names = [s.get(f"{{{W}}}name") for s in root.findall(".//w:moveFromRangeStart", NS)]
    to_names = [s.get(f"{{{W}}}name") for s in root.findall(".//w:moveToRangeStart", NS)]
    assert len(from_names) == 3  # the hand-written move and the engine's two
    assert sorted(from_names) == sorted(to_names) and len(set(from_names)) == 3
    settings = zipfile.ZipFile(out).read("word/settings.xml").decode()
    assert "<w:trackRevisions/>" in settings


def test_tracked_accepted_view_never_contains_deleted_text(tmp_path: Path) -> None:
    """Drop every w:del/w:moveFrom and nothing with w:delText may remain."""
    out = _export(tmp_path, "tracked", _changes())
    root = _doc_xml(out)
    for tag in ("del", "moveFrom"):
        for el in list(root.iter(f"{{{W}}}{tag}")):
            if el.getparent().tag != f"{{{W}}}rPr":
                el.getparent().remove(el)
    assert root.find(".//w:delText", NS) is None


def test_tracked_views_give_new_and_old_text(tmp_path: Path) -> None:
    for case in [*cases(), *demo_cases()]:
        out = _export(tmp_path, "tracked", [ArticleChange(case.old, case.new, case.ops)], case.name)
        accepted = "\n".join(read_paragraphs(out, "accepted")).rstrip("\n")
        rejected = "\n".join(read_paragraphs(out, "rejected")).rstrip("\n")
        assert accepted == case.new.rstrip("\n"), case.name
        assert rejected == case.old.rstrip("\n"), case.name


def test_redline_marks_in_party_colour(tmp_path: Path) -> None:
    out = _export(tmp_path, "redline", _changes())
    root = _doc_xml(out)
    assert root.find(".//w:ins", NS) is None and root.find(".//w:del", NS) is None
    styled = Counter()
    for rpr in root.iter(f"{{{W}}}rPr"):
        style = rpr.find("w:rStyle", NS)
        if style is None:
            continue
        name = style.get(f"{{{W}}}val")
        styled[name] += 1
        assert rpr.find("w:color", NS).get(f"{{{W}}}val") == "1F6FEB"
        if name == "RedlineInsert":
            assert rpr.find("w:u", NS).get(f"{{{W}}}val") == "single"
        elif name == "RedlineDelete":
            assert rpr.find("w:strike", NS) is not None
    assert styled["RedlineInsert"] and styled["RedlineDelete"] and styled["RedlineMove"]
    header = "\n".join(p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)
    assert "E-6" in header and "struck through" in header


RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
             "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
             "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
             "highlight", "u", "effect", "bdr", "shd"]  # fmt: skip
PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "spacing", "ind", "jc",
             "outlineLvl", "rPr", "sectPr", "pPrChange"]  # fmt: skip


@pytest.mark.parametrize("mode", ["tracked", "redline", "clean"])
def test_property_elements_in_schema_order(tmp_path: Path, mode: str) -> None:
    """Word refuses files whose rPr/pPr children are out of the schema's sequence order."""
    out = _export(tmp_path, mode, _changes())
    root = _doc_xml(out)
    for parent, order in (("rPr", RPR_ORDER), ("pPr", PPR_ORDER)):
        for el in root.iter(f"{{{W}}}{parent}"):
            if el.getparent().tag == f"{{{W}}}pPr":
                continue  # paragraph-mark run properties hold only ins/del
            names = [etree.QName(c).localname for c in el]
            assert all(n in order for n in names), names
            assert names == sorted(names, key=order.index), names


def test_moves_are_marked_as_moves_in_redline(tmp_path: Path) -> None:
    moved = next(c for c in cases() if c.name == "moved-paragraph")
    out = _export(tmp_path, "redline", [ArticleChange(moved.old, moved.new, moved.ops)])
    doc = docx.Document(str(out))
    moved = ["".join(r.text for r in p.runs if r.style.name == "Redline Move") for p in doc.paragraphs]
    assert [t for t in moved if t] == [STAFFING.split("\n\n")[2]] * 2  # the caption a bold run of its own
    assert not [r for p in doc.paragraphs for r in p.runs if r.style.name == "Redline Delete"]


def test_ops_that_do_not_rebuild_the_texts_are_refused(tmp_path: Path) -> None:
    bad = ArticleChange("a b\n", "a c\n", (cases()[0].ops or ()))
    from difffix import Op

    bad = ArticleChange("a b\n", "a c\n", (Op("equal", "a "), Op("insert", "c\n")))
    with pytest.raises(ExportError, match="do not rebuild"):
        _export(tmp_path, "tracked", [bad])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mode": "fancy"}, "unknown export mode"),
        ({"colour": "blue"}, "not a hex colour"),
    ],
)
def test_bad_export_arguments(tmp_path: Path, kwargs: dict[str, str], message: str) -> None:
    args = {"mode": "tracked", "colour": COLOUR} | kwargs
    with pytest.raises(ExportError, match=message):
        export_proposal(
            [ArticleChange(WAGES, WAGES)], tmp_path / "x.docx", party=UNION, pass_name="U-1",
            session=SESSION, **args,
        )  # fmt: skip
    assert not (tmp_path / "x.docx").exists()


def test_control_characters_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="U\\+0007"):
        _export(tmp_path, "clean", [ArticleChange("", "ARTICLE 1: X\nbell\x07\n")])


def test_export_to_a_stream() -> None:
    buf = io.BytesIO()
    export_proposal(
        [ArticleChange(WAGES, WAGES)], buf, mode="clean", party=UNION, pass_name="U-1",
        session=SESSION,
    )  # fmt: skip
    assert docx.Document(io.BytesIO(buf.getvalue())).paragraphs[0].text == "ARTICLE 10: WAGES"


# --------------------------------------------------------------------------- TA document


def test_ta_document(tmp_path: Path) -> None:
    out = tmp_path / "ta.docx"
    export_ta(
        [SAFETY], out, union=UNION, employer=EMPLOYER, union_sign="R. Alvarez",
        employer_sign="J. Chen", ta_date=SESSION, team=UNION, section="14.3",
        source="U-5 (2025-03-07)", blob="1f2e3d4c5b6a79880123456789abcdef01234567",
    )  # fmt: skip
    doc = docx.Document(str(out))
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert TA_MARK in header and "NOT A TENTATIVE" not in header and "2025-03-14" in header
    texts = [p.text for p in body_paragraphs(doc)]
    assert texts[0] == "Tentative Agreement \u2014 Section 14.3"
    body = [line for line in SAFETY.rstrip("\n").split("\n") if line]  # blank lines: spacing
    assert texts[1 : 1 + len(body)] == body
    # the article's heading appears once: in the agreed text, not again in the title
    assert sum(body[0] in t for t in texts) == 1
    assert "2025-03-14" in texts[1 + len(body)]
    footer = "".join(p.text for p in doc.sections[0].footer.paragraphs)
    assert "Agreed text of U-5 (2025-03-07)" in footer
    assert "blob 1f2e3d4c5b6a79880123456789abcdef01234567" in footer
    table = body_tables(doc)[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == [f"For {UNION}", f"For {EMPLOYER}"]
    assert cells[1] == ["Signature:", "Signature:"]
    assert cells[2] == ["Name: R. Alvarez", "Name: J. Chen"]
    assert cells[3] == ["Date:", "Date:"]
    # room to sign: the signature row is tall, and no row splits across a page
    assert table.rows[1].height is not None and table.rows[1].height.cm >= 2
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert doc.core_properties.author == UNION
    assert doc.core_properties.title.startswith("Tentative agreement")


# --------------------------------------------------------------------------- status chart


def _status_rows() -> list[dict[str, object]]:
    return [
        {"id": "wages", "number": "10", "title": "Wages", "economic": True, "status": "open",
         "move": "employer", "last_pass": "U-7", "session": "2025-03-14",
         "notes": NOTE_MARKER},
        {"id": "staffing", "number": "6", "title": "Staffing", "economic": False,
         "status": "open", "move": "union",
         "last_pass": {"pass": "E-6", "party": "employer", "session": "2025-03-07",
                       "commit": "abc123"}, "session": None, "notes": NOTE_MARKER},
        {"id": "safety", "number": "14", "title": "Health and Safety", "economic": False,
         "status": "ta", "move": None, "last_pass": "U-5", "session": "2025-02-28"},
        {"id": "pto", "number": "12", "title": "Paid Time Off", "economic": True,
         "status": "withdrawn", "move": None, "last_pass": None, "session": None},
        {"id": "recognition", "number": "1", "title": "Recognition", "economic": False,
         "status": "unchanged", "move": None, "last_pass": None, "session": None},
    ]  # fmt: skip


def test_status_chart(tmp_path: Path) -> None:
    out = tmp_path / "status.docx"
    export_status(_status_rows(), out, team=UNION, as_of=SESSION, **VOCABULARY)
    doc = docx.Document(str(out))
    groups = [p.text for p in doc.paragraphs if p.style.name == "Group Heading"]
    assert groups == ["Economic articles", "Non-economic articles"]
    econ, non = ([[c.text.replace("\u2011", "-") for c in r.cells] for r in t.rows] for t in doc.tables)
    assert econ[0] == ["Part", "Title", "Status", "Whose move", "Last pass", "Pass date", "Economic"]
    assert [r[0] for r in econ[1:]] == ["10", "12"]
    assert [r[0] for r in non[1:]] == ["1", "6", "14"]
    assert non[2] == ["6", "Staffing", "Open", "union", "E-6", "2025-03-07", "No"]
    assert econ[2][2] == "Withdrawn"
    fills = [tc.find("w:tcPr/w:shd", NS).get(f"{{{W}}}fill") for tc in doc.tables[1]._tbl.iter(f"{{{W}}}tc")]
    assert "D3F5DC" in fills and "FFF1C2" in fills and "EDEFF2" in fills
    assert doc.core_properties.author == UNION


@dataclass(frozen=True)
class _Pass:
    name: str
    party: str
    session: str
    commit: str


@dataclass(frozen=True)
class _Row:
    """The shape of the core's status row objects (last_pass/ta as records, notes attached)."""

    id: str
    number: str
    title: str
    economic: bool
    status: str
    move: str | None
    last_pass: _Pass | None
    ta: dict[str, str] | None = None
    notes: str = NOTE_MARKER


def test_status_chart_from_row_objects(tmp_path: Path) -> None:
    rows = [
        _Row("staffing", "6", "Staffing", False, "open", "employer",
             _Pass("U-7", "union", "2025-03-14", "c1")),
        _Row("safety", "14", "Safety", False, "ta", None,
             _Pass("E-5", "employer", "2025-02-01", "c2"), {"date": "2025-02-20"}),
    ]  # fmt: skip
    out = tmp_path / "status.docx"
    export_status(rows, out, team=UNION, as_of=SESSION, party_names={"employer": EMPLOYER}, **VOCABULARY)
    table = docx.Document(str(out)).tables[0]
    cells = [[c.text.replace("\u2011", "-") for c in r.cells] for r in table.rows]
    assert cells[1] == ["6", "Staffing", "Open", EMPLOYER, "U-7", "2025-03-14", "No"]
    # the TA's date goes with the status; the date column is the last pass's own session
    assert cells[2] == ["14", "Safety", "TA'd 2025-02-20", "", "E-5", "2025-02-01", "No"]
    assert NOTE_MARKER not in _all_xml(out)


def test_notes_never_exported(tmp_path: Path) -> None:
    """Whatever extra keys a caller's rows carry (team notes), only chart fields are written."""
    out = tmp_path / "status.docx"
    export_status(_status_rows(), out, team=UNION, as_of=SESSION, **VOCABULARY)
    assert NOTE_MARKER not in _all_xml(out)
    assert NOTE_MARKER.encode() not in out.read_bytes()


# --------------------------------------------------------------------------- contract


def test_contract_in_article_number_order(tmp_path: Path) -> None:
    out = tmp_path / "contract.docx"
    export_contract(
        [ContractArticle(SAFETY, SAFETY), ContractArticle(WAGES, None),
         ContractArticle(STAFFING, STAFFING.replace("1,800", "2,000"))],
        out, team=UNION, union=UNION, employer=EMPLOYER, compiled=SESSION,
    )  # fmt: skip
    doc = docx.Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["ARTICLE 6: STAFFING", "ARTICLE 10: WAGES", "ARTICLE 14: HEALTH AND SAFETY"]
    assert _doc_xml(out).find(".//w:ins", NS) is None
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert EMPLOYER in header and "Compiled 2025-03-14" in header
    assert PROPOSAL_MARK not in header


@pytest.mark.parametrize("changes", ["redline", "tracked"])
def test_contract_conforming_changes(tmp_path: Path, changes: str) -> None:
    out = tmp_path / "contract.docx"
    staffing_old = STAFFING.replace("1,800", "2,000")
    export_contract(
        [ContractArticle(WAGES, None), ContractArticle(STAFFING, staffing_old)],
        out, team=UNION, union=UNION, employer=EMPLOYER, compiled=SESSION, changes=changes,
        diff=engine_diff,
    )  # fmt: skip
    if changes == "tracked":
        accepted = "\n".join(read_paragraphs(out, "accepted")).rstrip("\n")
        assert accepted == (STAFFING + WAGES).rstrip("\n")
        assert "\n".join(read_paragraphs(out, "rejected")).rstrip("\n") == staffing_old.rstrip()
    else:
        doc = docx.Document(str(out))
        runs = [r.text for p in doc.paragraphs for r in p.runs if r.style.name == "Redline Insert"]
        assert any("800" in r for r in runs)
    header = "\n".join(p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)
    assert "Conforming changes" in header


def test_article_sort_key() -> None:
    numbers = ["12", "6A", "6", "", "12.1", "2"]
    assert sorted(numbers, key=article_sort_key) == ["2", "6", "6A", "12", "12.1", ""]


def test_session_as_iso_string_and_bad_dates(tmp_path: Path) -> None:
    """The repo keeps session dates as ISO strings; they work as well as date objects."""
    out = tmp_path / "s.docx"
    export_proposal(
        [ArticleChange(WAGES, WAGES.replace("$650", "$700"))], out, mode="tracked", party=UNION,
        pass_name="U-2", session="2025-03-14", diff=engine_diff,
    )  # fmt: skip
    assert docx.Document(str(out)).core_properties.created.date().isoformat() == "2025-03-14"
    assert 'w:date="2025-03-14T00:00:00Z"' in _all_xml(out)
    with pytest.raises(ExportError, match="not a date"):
        export_proposal(
            [ArticleChange(WAGES, WAGES)], tmp_path / "b.docx", mode="clean", party=UNION,
            pass_name="U-2", session="14/03/2025",
        )  # fmt: skip
    from proposals.errors import ProposalsError

    assert issubclass(ExportError, ProposalsError)


def test_one_sided_move_is_a_plain_revision(tmp_path: Path) -> None:
    """A move id with only a deleted side must not leave an unpaired Word move range."""
    from difffix import Op

    old, new = "ARTICLE 1: X\nkeep gone\n", "ARTICLE 1: X\nkeep\n"
    ops = (Op("equal", "ARTICLE 1: X\nkeep"), Op("delete", " gone", "m9"), Op("equal", "\n"))
    out = _export(tmp_path, "tracked", [ArticleChange(old, new, ops)])
    root = _doc_xml(out)
    assert root.find(".//w:moveFrom", NS) is None and root.find(".//w:moveFromRangeStart", NS) is None
    assert root.find(".//w:del", NS) is not None


def test_template_one_font_family_and_a_rule_under_the_header() -> None:
    """Headings and body in one family (no theme font overriding it), header set off by a rule."""
    from proposals.word.document import TEMPLATE

    styles = zipfile.ZipFile(TEMPLATE).read("word/styles.xml").decode()
    assert "asciiTheme" not in styles and "hAnsiTheme" not in styles
    heading = docx.Document(str(TEMPLATE)).styles["Heading 1"]
    assert heading.font.name == docx.Document(str(TEMPLATE)).styles["Contract Body"].font.name
    header = docx.Document(str(TEMPLATE)).styles["Proposal Header"].element
    assert header.find(".//w:pPr/w:pBdr/w:bottom", NS) is not None


@pytest.mark.parametrize("mode", ["tracked", "redline", "clean"])
def test_section_captions_are_bold(tmp_path: Path, mode: str) -> None:
    """Issue 12, presentation: a section's caption ("6.1 Purpose.") is bold in every mode; a
    numbered sentence ("6.2 The Employer shall...") is not; the text reads back unchanged."""
    text = STAFFING.replace("\n\n", "\n\n6.9 The Employer shall post notices.\n\n", 1)
    out = _export(tmp_path, mode, [ArticleChange(text, text.replace("1,800", "1,500"))])
    runs = [r for p in docx.Document(str(out)).paragraphs for r in p.runs]
    bold = {r.text for r in runs if r.bold}
    numbered = [line for line in text.split("\n") if line[:1].isdigit() and line[:4] != "6.9 "]
    captions = [line.split(". ")[0] + "." for line in numbered]
    assert captions and all(c in bold for c in captions)
    assert not any(t.startswith("6.9") for t in bold)
    if mode != "redline":
        assert read_paragraphs(out, "accepted")[0] == text.split("\n")[0]
