"""Showing text from the record: terminals, spreadsheets and Markdown tables get it safely."""

from __future__ import annotations

from proposals.contract.escape import for_csv, for_markdown_cell, for_terminal


def test_terminal_text_shows_controls_and_bidi_as_visible_escapes() -> None:
    shown = for_terminal("Staff\x1b[2J\x1b]8;;http://evil\x07ing\u202eeod\u2028x\x85\udcff")
    assert "\x1b" not in shown and "\u202e" not in shown and "\u2028" not in shown
    assert shown == "Staff\\x1b[2J\\x1b]8;;http://evil\\x07ing\\u202eeod\\u2028x\\x85\\udcff"
    assert for_terminal("Zoë O'Brien — Art. 6") == "Zoë O'Brien — Art. 6"
    assert for_terminal("a\nb") == "a\\nb"
    assert for_terminal("a\nb", keep_newlines=True) == "a\nb"


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    for cell in ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert for_csv(cell).startswith("'")
    assert for_csv("Staffing") == "Staffing"
    assert for_csv("6.1 = 2") == "6.1 = 2"


def test_markdown_cells_keep_their_table_whole() -> None:
    cell = for_markdown_cell("Wages | Hours\nand <b>more</b>")
    assert "\n" not in cell and "|" not in cell.replace("\\|", "")
    assert cell == "Wages \\| Hours and &lt;b&gt;more&lt;/b&gt;"
