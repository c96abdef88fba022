"""Word's Insert > Symbol characters (``w:sym``): a font and a code, no text.

Before: the reader knew no ``w:sym``, so "no fewer than ≥ 1 nurse" lost its "≥", and an
appendix form's boxes ("☐ Yes ☑ No") vanished from the part without a note; a box typed in a
run set in Wingdings ("þ", shown as "☑") was read as the letter "þ". Now each is read as the
Unicode character it shows (Symbol's and Wingdings' tables, a text font's own code), a code no
table names is U+FFFD, and the dry run counts both.
"""

from __future__ import annotations

from pathlib import Path

import docx
from conftest import CLI, imported
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from proposals.word.symbols import symbol_text


def _sym(paragraph, font: str, char: str) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:sym {nsdecls("w")} w:font="{font}" w:char="{char}"/>'))


def _contract(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("ARTICLE 6 – STAFFING")
    ratio = document.add_paragraph("6.1 Each unit shall be staffed at a ratio ")
    _sym(ratio, "Symbol", "F0B3")  # ≥
    ratio.add_run(" one nurse to four patients, ")
    _sym(ratio, "Symbol", "F0B1")  # ±
    ratio.add_run(" one.")
    document.add_paragraph("APPENDIX A – REQUEST FORM")
    form = document.add_paragraph("Overtime requested: ")
    _sym(form, "Wingdings", "F0A8")  # ◻
    form.add_run(" Yes ")
    _sym(form, "Wingdings", "F0FE")  # ☑
    form.add_run(" No ")
    _sym(form, "Times New Roman", "00A7")  # § in a text font
    form.add_run(" 6.1 ")
    _sym(form, "Wingdings", "F021")  # a pencil: no table names it
    typed = document.add_paragraph("Shift preference: ")
    box = typed.add_run("þ")  # typed with the font set to Wingdings: shown as ☑
    box.font.name = "Wingdings"
    typed.add_run(" Days ")
    word = typed.add_run("o")  # ☐ (Wingdings' white square)
    word.font.name = "Wingdings"
    typed.add_run(" Nights ")
    marked = typed.add_run()  # Word's own way: the run set in Symbol, its w:sym inside
    marked.font.name = "Symbol"
    marked._r.append(parse_xml(f'<w:sym {nsdecls("w")} w:font="Symbol" w:char="F0B3"/>'))
    typed.add_run(" 2")
    document.save(path)
    return path


def test_symbols_are_read_as_the_characters_they_show(cli: CLI, tmp_path: Path) -> None:
    dry, parts = imported(cli, "--from-docx", _contract(tmp_path / "contract.docx"))
    assert parts["staffing"] == (
        "ARTICLE 6 – STAFFING\n"
        "6.1 Each unit shall be staffed at a ratio ≥ one nurse to four patients, ± one.\n"
    )
    assert parts["request-form"] == (
        "APPENDIX A – REQUEST FORM\nOvertime requested: ◻ Yes ☑ No § 6.1 \ufffd\n"
        "Shift preference: ☑ Days □ Nights ≥ 2\n"
    )
    assert "8 symbols from a symbol font (w:sym: Symbol, Wingdings) read as their Unicode characters" in dry
    assert "1 symbols from a symbol font that no table names (read as U+FFFD: check them)" in dry


def test_symbol_codes() -> None:
    assert [symbol_text("Symbol", c) for c in ("F061", "0061", "F0A3", "F0B9")] == ["α", "α", "≤", "≠"]
    assert [symbol_text("Wingdings", c) for c in ("F0FC", "F0FD", "F06F")] == ["✓", "☒", "□"]
    assert symbol_text("Arial", "2265") == "≥"
    assert [symbol_text("Symbol", c) for c in ("zz", None, "F0F5")] == ["\ufffd"] * 3
    # no control character or lone surrogate through a text font's code
    assert [symbol_text("Arial", c) for c in ("0007", "009B", "D800")] == ["\ufffd"] * 3
