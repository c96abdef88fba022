"""The members' status chart (issue 12): landscape, columns sized to content, section TAs named,
the status in words (black-and-white copies read the same), and the same content as .xlsx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import CLI
from docx.enum.section import WD_ORIENT
from render import missing, render

from proposals.word.status_chart import COLUMNS


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path]:
    where = tmp_path_factory.mktemp("chart")
    cli = CLI(where)
    cli("demo", "demo")
    return cli, where / "demo"


def _cells(path: Path) -> list[list[str]]:
    return [
        [c.text.replace("\u2011", "-") for c in row.cells]
        for table in docx.Document(str(path)).tables
        for row in table.rows
    ]


def test_chart_content_and_layout(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "status.docx"
    cli("-C", str(repo), "status", "--docx", str(out))
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    rows = {r[1]: r for r in _cells(out)}
    assert rows["Staffing"][2] == "Open (6.3 TA'd 2024-12-17)"
    assert rows["Staffing"][4:6] == ["U-13", "2025-06-03"]  # the last pass and its own date
    assert rows["Workplace Safety"][2] == "TA'd 2024-11-05"
    assert rows["Parking and Travel"][2] == "Withdrawn"
    assert rows["Wages"][3] == "Northstar Health"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Legend" in text and "black-and-white" in text
    # fixed layout: every column has a width, the table fits the landscape page
    table = document.tables[0]
    widths = [col.width for col in table.columns]
    assert all(w and w > 0 for w in widths)
    usable = section.page_width - section.left_margin - section.right_margin
    assert sum(widths) <= usable + 10


@pytest.mark.skipif(missing() is not None, reason=missing() or "")
def test_chart_renders_without_broken_words(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "status.docx"
    cli("-C", str(repo), "status", "--docx", str(out))
    pages, text = render([out], tmp_path / "png")[out]
    assert len(pages) == 1, "the chart fits one landscape page"
    assert "Protected Administrative Time" in text and "Administrati\n" not in text
    assert "Open (6.3 TA'd 2024-12-17)" in text
    assert "as of" in text and "Legend" in text


def test_xlsx_has_the_same_content(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    import openpyxl

    cli, repo = demo
    out = tmp_path / "status.xlsx"
    said = cli("-C", str(repo), "status", "--xlsx", str(out)).out
    assert "22 articles" in said  # 19 articles, the preamble, an appendix and a letter
    ws = openpyxl.load_workbook(out).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[1] == "Part")
    assert values[header][1:8] == list(COLUMNS)
    by_title = {row[2]: row for row in values[header + 1 :] if row[2]}
    assert by_title["Staffing"][3] == "Open (6.3 TA'd 2024-12-17)"
    assert by_title["Staffing"][0] == "Economic"
    assert ws.freeze_panes == f"A{header + 2}"
    assert ws.page_setup.orientation == "landscape"
    assert by_title["Staffing"][3:4] == [r[3] for r in values if r[2] == "Staffing"]
    docx_rows = {r[1]: r for r in _cells(_docx(cli, repo, tmp_path))}
    for title, row in docx_rows.items():
        if title in by_title:
            assert [str(v or "") for v in by_title[title][1:8]] == row, title
    err = cli("-C", str(repo), "status", "--xlsx", str(tmp_path / "x.csv"), ok=False).err
    assert ".xlsx" in err
    # one font family: a bold cell whose font has no name was set in LibreOffice's serif
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Calibri"}, fonts


def _docx(cli: CLI, repo: Path, tmp_path: Path) -> Path:
    out = tmp_path / "again.docx"
    cli("-C", str(repo), "status", "--docx", str(out))
    return out


def test_same_repo_state_same_bytes(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    """Exports are byte-for-byte deterministic: fixed zip timestamps and document dates."""
    cli, repo = demo
    for args in (["status", "--xlsx"], ["export", "staffing", "--to", "U-13", "--mode", "tracked", "-o"],
                 ["export", "staffing", "--history", "-o"], ["status", "--docx"],
                 ["export", "staffing", "wages", "--to", "U-13", "--mode", "redline", "-o"],
                 ["export", "wages", "--mode", "clean", "-o"], ["export", "scheduling", "--mode", "ta", "-o"],
                 ["compile", "--force", "--term", "2025 to 2028", "-o"],
                 ["compile", "--force", "--redline", "-o"]):  # fmt: skip
        suffix = ".xlsx" if "--xlsx" in args else ".docx"
        first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        cli("-C", str(repo), *args, str(first))
        cli("-C", str(repo), *args, str(second))
        assert first.read_bytes() == second.read_bytes(), args


def test_the_chart_keeps_no_status_words_of_its_own(tmp_path: Path) -> None:
    """The status vocabulary has one home (negotiation/status.py); the chart words what it is given."""
    import docx

    from proposals.negotiation import status as model
    from proposals.word import status_chart

    assert not [name for name in vars(status_chart) if name.startswith("STATUS_W") or "MEANING" in name]
    words = {**model.STATUS_WORDS, "open": "On the table"}
    meanings = {**model.STATUS_MEANINGS, "open": "still being bargained"}
    out = tmp_path / "chart.docx"
    status_chart.export_status(
        [{"id": "w", "number": "10", "title": "Wages", "economic": True, "status": "open",
          "move": "union", "last_pass": "E-2", "session": "2025-03-01"}],
        out, team="Union", as_of="2025-03-14", words=words, meanings=meanings,
    )  # fmt: skip
    document = docx.Document(str(out))
    text = " ".join(p.text for p in document.paragraphs)
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "On the table" in cells and "still being bargained" in text and "1 on the table" in text


def test_parts_other_than_articles_are_named(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    """An appendix reads "Appendix A" and a letter "Letter of Agreement 1" (its heading's words),
    never a bare "A" or "1" that a member takes for an article number; in .docx and .xlsx."""
    import openpyxl

    cli, repo = demo
    out = _docx(cli, repo, tmp_path)
    names = {r[1]: r[0].replace("\u00a0", " ") for r in _cells(out)}
    assert names["Differentials and Stipends"] == "Appendix A"
    assert names["Telehealth Pilot"] == "Letter of Agreement 1"
    assert names["Preamble"] == "Preamble"
    assert names["Staffing"] == "6"
    sheet = tmp_path / "status.xlsx"
    cli("-C", str(repo), "status", "--xlsx", str(sheet))
    rows = {row[2]: row[1] for row in openpyxl.load_workbook(sheet).active.iter_rows(values_only=True)}
    assert rows["Differentials and Stipends"].replace("\u00a0", " ") == "Appendix A"
    assert rows["Telehealth Pilot"].replace("\u00a0", " ") == "Letter of Agreement 1"


def test_parts_in_contract_order_when_not_given_in_order(tmp_path: Path) -> None:
    from proposals.negotiation import status as model
    from proposals.word import status_chart

    rows = [
        {"id": i, "number": n, "kind": k, "title": i.title(), "economic": False, "status": "open",
         "move": "union", "last_pass": "E-2", "session": "2025-03-01"}
        for i, n, k in (("letter", "1", "letter"), ("appendix", "A", "appendix"), ("wages", "10", "article"),
                        ("preamble", "", "preamble"), ("scope", "2", None))
    ]  # fmt: skip
    out = tmp_path / "chart.docx"
    status_chart.export_status(rows, out, team="Union", as_of="2025-03-14", words=model.STATUS_WORDS,
                               meanings=model.STATUS_MEANINGS)  # fmt: skip
    names = [r[0].replace("\u00a0", " ") for r in _cells(out)[1:] if r[0] != "Part"]
    assert names == ["Preamble", "2", "10", "Appendix A", "Letter of Agreement 1"]


def test_parts_named_in_the_words_their_headings_use(cli: CLI, tmp_path: Path) -> None:
    """"SIDE LETTER 3" is a side letter in the chart and on the board, not "Letter of Agreement 3"
    (and a schedule is no appendix, a memorandum of understanding no letter of agreement)."""
    import openpyxl

    repo = tmp_path / "r"
    cli("init", str(repo), "--union", "Clinicians United", "--employer", "Northstar Health")
    source = tmp_path / "contract.txt"
    source.write_text(
        "ARTICLE 1 - RECOGNITION\n1.1 The Employer recognizes the Union.\n\n"
        "SCHEDULE 1 - WAGE SCALES\nStep 1 is $50.00 an hour.\n\n"
        "MEMORANDUM OF UNDERSTANDING #2: TELEHEALTH\nA pilot runs for one year.\n\n"
        "SIDE LETTER 3: PARKING\nParking stays free.\n"
    )
    cli("-C", str(repo), "baseline", "--from-text", str(source))
    out = tmp_path / "status.docx"
    cli("-C", str(repo), "status", "--docx", str(out))
    names = {r[1]: r[0].replace("\u00a0", " ") for r in _cells(out)}
    assert names["Parking"] == "Side Letter 3"
    assert names["Telehealth"] == "Memorandum of Understanding 2"
    assert names["Wage Scales"] == "Schedule 1"
    sheet = tmp_path / "status.xlsx"
    cli("-C", str(repo), "status", "--xlsx", str(sheet))
    rows = {row[2]: row[1] for row in openpyxl.load_workbook(sheet).active.iter_rows(values_only=True)}
    assert rows["Parking"].replace("\u00a0", " ") == "Side Letter 3"
    table = cli("-C", str(repo), "status").out
    assert "SL 3" in table and "MOU 2" in table and "Sch 1" in table and "LOA" not in table


def test_legend_is_set_apart_and_reads_in_black_and_white(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    """The legend stands clear of the table (space above it), its entries a wide space apart, each
    status word as the chart shows it (bold when open) with its meaning; the note says shading
    only repeats the word. Rendered, it stays on the chart's one page."""
    from docx.shared import Pt

    cli, repo = demo
    out = tmp_path / "status.docx"
    cli("-C", str(repo), "status", "--docx", str(out))
    document = docx.Document(str(out))
    legend = next(p for p in document.paragraphs if p.text.startswith("Legend"))
    assert legend.paragraph_format.space_before is not None and legend.paragraph_format.space_before >= Pt(6)
    assert legend.text.count("\u2003") == 4  # one wide space before each of the four entries
    bold = {r.text.strip("\u00a0") for r in legend.runs if r.bold}
    assert "Open" in bold and "Unchanged" not in bold
    assert "Open\u00a0\u00a0\u2013 proposals on the table" in legend.text
    texts = [p.text for p in document.paragraphs]
    note = texts[texts.index(legend.text) + 1]
    assert "black-and-white copy reads the same" in note
