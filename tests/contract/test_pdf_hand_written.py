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

from conftest import CLI, git, imported
from handpdf import THIN, TRACKED, frame, page_stream, write_pdf

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


def _framed_pages() -> tuple[list[list[tuple[float, float, str]]], list[bytes]]:
    """Three pages as a real agreement's PDF (NMA Alberta's, from Word through Quartz) draws them:
    the running footer first in content order, each heading in a box of paragraph borders (a
    wrapped one shaded line by line), one box narrower than the line it frames."""
    bodies = [
        (
            "The Employer shall provide written notice of every change to the posted schedule at",
            "least fourteen days in advance, and the Union may ask to meet about it within a week.",
        ),
        (
            "Eight hours a day shall constitute a day's work and forty hours a week, Monday to Friday",
            "inclusive, shall constitute a week's work; the regular starting time is eight o'clock.",
        ),
        (
            "The Parties agree to the following amendment to the agreement at the refinery site, which",
            "keeps the compressed work week arrangements in place at the site as described below.",
        ),
    ]
    pages, drawings = [], []
    headings = [
        ["ARTICLE 1.000 RECOGNITION"],
        ["ARTICLE 15.000 WORK HOURS PER DAY, OVERTIME AND OVERTIME MEAL", "BREAKS"],
        ["APPENDIX C NATIONAL MAINTENANCE AGREEMENT FOR ALBERTA HOURS"],
    ]
    for n, heading in enumerate(headings, 1):
        lines = [(72, 30, f"Example Maintenance Agreement 2025-2028 Page {n} of 3")]
        lines += [(76, 700 - LEADING * i, text) for i, text in enumerate(heading)]
        top, bottom = 712, 700 - LEADING * (len(heading) - 1) - 4
        rules = [700 - LEADING * i + 10 for i in range(1, len(heading))]
        right = 200 if n == 3 else 540  # page 3: a frame narrower than its heading's line
        drawings.append(frame(70, bottom, right, top, [*rules, top - 4.5, bottom + 3]))
        first = bottom - 20
        lines += [(72, first, f"{n}.100 {bodies[n - 1][0]}"), (72, first - LEADING, bodies[n - 1][1])]
        pages.append(lines)
    return pages, drawings


def test_framed_headings_and_a_footer_drawn_first_read_as_headings_and_furniture(
    cli: CLI, tmp_path: Path
) -> None:
    """Before: each box was read as a one-cell table ("| ARTICLE 1.000 RECOGNITION |"), put at
    the top of its page (the footer, first in content order, was taken for the line below it),
    so no heading was found; a line wider than its box lost the words outside it."""
    pages, drawings = _framed_pages()
    pdf = write_pdf(tmp_path / "framed.pdf", pages, drawings=drawings)
    out, texts = imported(cli, "--from-pdf", pdf)
    assert out.count("page header or footer: Example Maintenance Agreement") == 3, out
    assert sorted(texts) == [
        "national-maintenance-agreement-for-alberta-hours",
        "recognition",
        "work-hours-per-day-overtime-and-overtime-meal-breaks",
    ]
    assert texts["work-hours-per-day-overtime-and-overtime-meal-breaks"].startswith(
        "ARTICLE 15.000 WORK HOURS PER DAY, OVERTIME AND OVERTIME MEAL BREAKS\n2.100 Eight hours a day"
    )
    assert texts["national-maintenance-agreement-for-alberta-hours"].startswith(
        "APPENDIX C NATIONAL MAINTENANCE AGREEMENT FOR ALBERTA HOURS\n3.100 The Parties agree"
    )
    everything = " ".join(texts.values())
    assert "Example Maintenance Agreement" not in everything and "|" not in everything
    for _, _, line in (line for page in pages for line in page[1:]):
        assert line in " ".join(everything.split()), line


def test_a_ruled_table_stays_where_it_sits_when_the_footer_is_drawn_first(cli: CLI, tmp_path: Path) -> None:
    """Before: a table went before the first line in content order lying below it, and the
    footer (drawn first, at the page's foot) is such a line: the wage table landed above the
    paragraph that introduces it."""
    pages, drawings = [], []
    for n in range(1, 4):
        lines = [(72, 30, f"Example Maintenance Agreement 2025-2028 Page {n} of 3")]
        lines.append((72, 720, f"ARTICLE {n} \u2013 {['WAGES', 'HOURS', 'LEAVE'][n - 1]}"))
        lines.append((72, 690, f"{n}.1 The rates for clause {'ABC'[n - 1]} are as follows:"))
        rows = [("Step", "Rate"), ("1", f"{n}0.50"), ("2", f"{n}1.75")]
        for r, (step, rate) in enumerate(rows):
            y = 660 - 20 * r
            lines += [(80, y, step), (260, y, rate)]
        drawings.append(frame(72, 600, 400, 675, [655, 635], [250]))
        lines.append((72, 570, f"{n}.2 Rates rise by {n} per cent on the first of each July hereafter."))
        pages.append(lines)
    pdf = write_pdf(tmp_path / "table.pdf", pages, drawings=drawings)
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    assert (tmp_path / "talks" / "articles" / "hours.txt").read_text("utf-8") == (
        "ARTICLE 2 \u2013 HOURS\n"
        "2.1 The rates for clause B are as follows:\n"
        "| Step | Rate |\n"
        "| --- | --- |\n"
        "| 1 | 20.50 |\n"
        "| 2 | 21.75 |\n"
        "2.2 Rates rise by 2 per cent on the first of each July hereafter.\n"
    )


def test_a_page_number_drawn_inside_a_paragraph_is_dropped_and_the_paragraph_kept_whole(
    cli: CLI, tmp_path: Path
) -> None:
    """A real agreement's PDF (Pipefitters', from Power PDF) draws "29 | P a g e" at the foot of
    the page between two lines of a paragraph. Before: it stayed in the text, inside the
    paragraph ("... for the time 29 | P a g e required to complete ...")."""
    texts = [
        (
            "A welder who fails the test shall not be paid for the time required to complete the",
            "failed test but will be paid any applicable travel allowance, and a welder who passes",
            "it is paid one full day.",
        ),
        (
            "Employees shall receive a paid rest break of fifteen minutes during any shift longer",
            "than four hours, scheduled by the foreperson in the middle of each half of the shift",
            "where the work allows.",
        ),
        (
            "The Employer shall supply all tools and protective clothing needed for the work, and",
            "shall replace any that are worn out or broken in the course of the work on the site",
            "at no cost.",
        ),
    ]
    pages = []
    for n, (one, two, three) in enumerate(texts, 1):
        pages.append(
            [
                (72, 720, f"ARTICLE {n} \u2013 {['WELDING TESTS', 'BREAKS', 'TOOLS'][n - 1]}"),
                (72, 690, f"{n}.01 {one}"),
                (72, 690 - LEADING, two),
                (290, 30, f"{n + 28} | P a g e"),
                (72, 690 - 2 * LEADING, three),
            ]
        )
    pdf = write_pdf(tmp_path / "numbers.pdf", pages)
    cli("init", "talks", "--union", "U", "--employer", "E")
    cli("-C", "talks", "baseline", "--from-pdf", str(pdf))
    assert (tmp_path / "talks" / "articles" / "welding-tests.txt").read_text("utf-8") == (
        "ARTICLE 1 \u2013 WELDING TESTS\n1.01 " + " ".join(texts[0]) + "\n"
    )


def test_a_word_space_drawn_as_a_narrow_shift_is_a_space(cli: CLI, tmp_path: Path) -> None:
    """Word's PDF of a justified line can set two words apart by a shift too narrow for PDFium to
    give a space ("impactseither", "asfollows", "theagreement" in two real agreements). The gap
    between the two letters' advance boxes stands out from the gaps either side: a space. It is
    measured only where the word could be two the document uses ("either" is on the page, "as"
    is common). A word letter-spaced throughout (every gap as wide) stays one word, and so do
    kerned pairs."""
    page = [
        (72, 740, f"ARTICLE 21 \u2013 JOINT COMMITTEE {TRACKED}AGREEMENT"),
        (72, 712, "21.02 Either party may call a meeting."),
        (72, 690, f"21.03 Any change that impacts{THIN}either party shall be paid as{THIN}follows:"),
        (72, 690 - LEADING, "the committee meets first."),
    ]
    pdf = write_pdf(tmp_path / "squeezed.pdf", [page])
    assert b"(acts) -80 (eit) 15 (her)" in page_stream(page, 11)
    _, parts = imported(cli, "--from-pdf", pdf)
    assert parts["joint-committee-agreement"] == (
        "ARTICLE 21 \u2013 JOINT COMMITTEE AGREEMENT\n"
        "21.02 Either party may call a meeting.\n"
        "21.03 Any change that impacts either party shall be paid as follows: the committee meets first.\n"
    )
