"""Tables in article text (wage schedules, step tables): one row per line, cells between pipes.

The format is the Markdown pipe table, so it reads well in git and on any forge, and the word diff
sees each cell's words between ``|`` tokens, so a changed cell diffs as that cell::

    | Classification | Step 1 | Step 2 |
    | --- | --- | --- |
    | Physician | $250,000.00 | $257,500.00 |

A table is a run of consecutive lines that start and end with ``|``. The ``| --- |`` line after the
first row marks it as the header; it is optional. A ``|`` inside a cell is written ``\\|``. Word
export writes a real table (header row repeated), import writes this format back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_SEPARATOR_CELL = re.compile(r":?-{3,}:?")
_SPLIT = re.compile(r"(?<!\\)\|")


def is_table_row(line: str) -> bool:
    """A line of a table: starts and ends with an unescaped pipe (surrounding spaces allowed)."""
    stripped = line.strip()
    return (
        len(stripped) >= 2
        and stripped.startswith("|")
        and stripped.endswith("|")
        and not stripped.endswith("\\|")
    )


def parse_row(line: str) -> list[str]:
    """The cells of one table line, unescaped and stripped."""
    inner = line.strip()[1:-1]
    return [cell.strip().replace("\\|", "|") for cell in _SPLIT.split(inner)]


def is_separator(cells: Sequence[str]) -> bool:
    """``| --- | :---: |``: the line that marks the row above it as the header."""
    return bool(cells) and all(_SEPARATOR_CELL.fullmatch(c) for c in cells)


def format_row(cells: Sequence[str]) -> str:
    """One table line from its cells (pipes escaped, no line breaks inside a cell)."""
    clean = [" ".join(c.replace("|", "\\|").split()) for c in cells]
    return "| " + " | ".join(clean) + " |"


@dataclass(frozen=True)
class Table:
    """A parsed table: its rows of cells, and whether the first row is a header."""

    rows: tuple[tuple[str, ...], ...]
    header: bool

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def lines(self) -> list[str]:
        """The table as article text lines (the inverse of ``parse_table``)."""
        out = [format_row(r) for r in self.rows]
        if self.header and out:
            out.insert(1, format_row(["---"] * len(self.rows[0])))
        return out


def parse_table(lines: Sequence[str]) -> Table:
    """A table from its consecutive lines (each ``is_table_row``)."""
    rows = [parse_row(line) for line in lines]
    header = len(rows) >= 2 and is_separator(rows[1])
    if header:
        del rows[1]
    rows = [r for r in rows if not is_separator(r)]
    return Table(tuple(tuple(r) for r in rows), header)


def blocks(lines: Sequence[str]) -> Iterator[tuple[int, int, Table | None]]:
    """Split article lines into runs: ``(start, end, Table)`` for a table, ``(i, i+1, None)`` else."""
    i = 0
    while i < len(lines):
        if is_table_row(lines[i]):
            j = i
            while j < len(lines) and is_table_row(lines[j]):
                j += 1
            yield i, j, parse_table(lines[i:j])
            i = j
        else:
            yield i, i + 1, None
            i += 1
