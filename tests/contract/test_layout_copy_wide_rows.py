"""A ``pdftotext -layout`` copy of an agreement with landscape pay tables (a firefighters'
agreement: 113 rows of 304 characters among 3,000 lines): before, the wide rows set the text width,
so the copy was read as one paragraph a line, with no unwrapping and every page number and
"Page N of 25" left in the parts."""

from __future__ import annotations

from proposals.contract.plaintext import looks_wrapped, read_text_contract

TEXT = (
    "the employer shall provide each member of the bargaining unit with the equipment and the "
    "training needed for the duties assigned and shall maintain that equipment in good repair "
    "at no cost to the member"
)
WORDS = TEXT.split(" ")


def _paragraph(seed: int, width: int = 92) -> list[str]:
    words = [WORDS[(seed * 7 + i) % len(WORDS)] for i in range(60)]
    lines, line = [], "      "
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = "   "
        line += " " + word
    lines.append(line + ".")
    return lines


def _table_row(step: int) -> str:
    cells = [f"{step:>3}"] + [f"${40000 + step * 1000 + c * 250:,}.00" for c in range(22)]
    return "   ".join(cells)  # a landscape page: about 300 characters


def _copy() -> str:
    pages = []
    for page in range(1, 13):
        titles = ["DUTIES", "HOURS", "LEAVE", "PAY", "SAFETY", "TRAINING"]
        lines = [f"        Fire Fighters Agreement {2024 + page % 2}", ""]
        lines += [f"{' ' * 40}ARTICLE {page}", f"          {titles[page % 6]}", ""]
        for k in range(4):
            lines += [*_paragraph(page * 10 + k), ""]
        if page >= 9:  # the pay tables at the back, landscape
            lines += [_table_row(step) for step in range(1, 16)]
        lines += ["", f"                                            Page {page} of 12"]
        pages.append("\n".join(lines))
    return "\f".join(pages) + "\n"


def test_wide_table_rows_do_not_hide_the_wrapping() -> None:
    lines = _copy().replace("\f", "\n").split("\n")
    assert sum(len(line) > 250 for line in lines) > 0.1 * sum(bool(line.strip()) for line in lines)
    assert looks_wrapped(lines)


def test_the_copy_is_unwrapped_and_its_page_furniture_left_out() -> None:
    read = read_text_contract(_copy().encode(), "agreement.txt")
    texts = [line.text for line in read.lines]
    assert not any(t.startswith("Page ") for t in texts), [t for t in texts if t.startswith("Page ")]
    prose = [t for t in texts if t.startswith("the employer shall")]
    assert prose and all(t.endswith(".") for t in prose)  # each paragraph whole, on one line
