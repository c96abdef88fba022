"""PDFs not made by LibreOffice (issue 11): written by hand as Word, Acrobat and typesetters write
them, every line placed on its own, words drawn in ``TJ`` arrays with no space characters (set
apart by kerning offsets) and kerned inside, ligature glyphs (fi, fl, ff, ffi, ffl) from the font,
curly quotes and dashes, a non-breaking space, words hyphenated at line ends. ``baseline
--from-pdf`` gives back the contract's own words; a part over the 5 MB limit is refused in one
line through the PDF reader, and nothing is written.

Before: "Agree-" / "ment" at a line end became "Agree-ment" (a word whose joined spelling the
document does not use elsewhere was kept as a compound), and reading a 5 MB paragraph took
longer than ten minutes (each wrapped line copied the paragraph so far).
"""

from __future__ import annotations

import time
from pathlib import Path

from conftest import CLI, git
from handpdf import page_stream, write_pdf

LEADING = 13.2
PAGE = [
    (72, 740, "ARTICLE 1 \u2013 RECOGNITION"),
    (72, 712, "1.1 The Employer recognizes the Union as the sole bargaining agent for all em-"),
    (
        72,
        712 - LEADING,
        "ployees in the \u201cunit\u201d certi\ufb01ed by the Board, who are covered by this Agree-",
    ),
    (
        72,
        712 - 2 * LEADING,
        "ment as signed; on-call work and the \ufb02exible sta\ufb03ng of o\ufb00ice hours and the",
    ),
    (72, 712 - 3 * LEADING, "Union\u2019s o\ufb04ine noti\ufb01cation."),
    (72, 640, "ARTICLE\u00a02 \u2014 HOURS OF WORK"),
    (72, 612, "2.1 The normal work week shall be forty hours for all employees, and on-"),
    (72, 612 - LEADING, "call hours are paid at the rate of time and one-half the regular rate."),
]


def test_a_pdf_drawn_word_by_word_with_kerning_and_ligatures(cli: CLI, tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "acrobat.pdf", [PAGE])
    stream = page_stream(PAGE, 11)
    assert b"[(ART) 15 (ICLE) -278 (1) -278" in stream and b"(cert) 15 (i\x80ed)" in stream
    assert b"/fi" in pdf.read_bytes()
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    articles = tmp_path / "talks" / "articles"
    assert sorted(p.name for p in articles.glob("*.txt")) == ["hours-of-work.txt", "recognition.txt"]
    assert (articles / "recognition.txt").read_text("utf-8") == (
        "ARTICLE 1 \u2013 RECOGNITION\n"
        "1.1 The Employer recognizes the Union as the sole bargaining agent for all employees in the "
        "\u201cunit\u201d certified by the Board, who are covered by this Agreement as signed; "
        "on-call work and the flexible staffing of office hours and the Union\u2019s offline notification.\n"
    )
    assert (articles / "hours-of-work.txt").read_text("utf-8") == (
        "ARTICLE 2 \u2014 HOURS OF WORK\n"
        "2.1 The normal work week shall be forty hours for all employees, and on-call hours are paid at "
        "the rate of time and one-half the regular rate.\n"
    )


def test_text_copied_out_of_a_pdf_has_its_ligatures_and_spaces_normalised(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "copied.txt"
    source.write_text(
        "ARTICLE\u00a01 \u2013 RECOGNITION\n\n1.1 The Employer is noti\ufb01ed of the \u201cunit\u201d "
        "at\u00a0once, and sta\ufb00 are paid on\u00adtime.\n",
        "utf-8",
    )
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-text", str(source))
    assert (tmp_path / "talks" / "articles" / "recognition.txt").read_text("utf-8") == (
        "ARTICLE 1 \u2013 RECOGNITION\n\n"
        "1.1 The Employer is notified of the \u201cunit\u201d at once, and staff are paid ontime.\n"
    )


def test_a_part_over_5_mb_in_a_pdf_is_refused_and_nothing_is_written(cli: CLI, tmp_path: Path) -> None:
    sentence = "The Employer shall post every schedule of work two weeks in advance and notify the Union. "
    line = (sentence * 10).strip()  # about 900 characters, set in 3-point type on a wide page
    pages = [
        ([(20, 14000, "ARTICLE 1 - RECOGNITION")] if n == 0 else [])
        + [(20, 13990 - 4 * i, line) for i in range(500)]
        for n in range(12)
    ]
    pdf = write_pdf(tmp_path / "huge.pdf", pages, size=3, box=(14400, 14400))
    assert pdf.stat().st_size < 1_000_000  # 5.1 MB of text, compressed
    cli("init", "talks", "--union", "U", "--employer", "E")
    repo = tmp_path / "talks"
    before = git(repo, "for-each-ref"), git(repo, "status", "--porcelain", "--untracked-files=all")
    for extra in (["--dry-run"], []):
        started = time.monotonic()
        result = cli("-C", "talks", "baseline", "--from-pdf", str(pdf), *extra, ok=False)
        assert time.monotonic() - started < 120
        assert result.code != 0 and result.err.count("\n") == 1, result.err
        assert "'ARTICLE 1 - RECOGNITION' is 5.1 MB; parts are limited to 5 MB" in result.err
    assert (git(repo, "for-each-ref"), git(repo, "status", "--porcelain", "--untracked-files=all")) == before
