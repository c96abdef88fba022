"""The board's table: a DataTable whose Enter is labelled in the footer (DataTable hides it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, DuplicateKey, Row, RowKey

from ..keys import key


class BoardTable(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [key("enter", "select_cursor", key_display="⏎")]

    def add_keyed_rows(self, rows: Iterable[tuple[str, Sequence[CellType]]]) -> None:
        """`add_row(*cells, key=key)` for each row, with the table's bookkeeping done once: each
        `add_row` sets the cursor again (its validator and watchers) and asks for an idle check,
        300 times at every fill of the board (issue 17: cold start to the board)."""
        columns = [column.key for column in self.ordered_columns]
        was_empty = self.row_count == 0
        for row_id, cells in rows:
            row_key = RowKey(row_id)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            self._row_locations[row_key] = self.row_count
            self._data[row_key] = dict(zip_longest(columns, cells))
            self.rows[row_key] = Row(row_key, 1, None, False)
            self._new_rows.add(row_key)
        if self.row_count == 0:
            return
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if was_empty and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # as add_row does when its first row gives the cursor a cell
        self._update_count += 1
        self.check_idle()

    def watch_has_focus(self, has_focus: bool) -> None:
        """The board focuses its table while it is composed, before the screen is first shown,
        whose resume styles every widget again: the table (and its fifteen component classes) was
        styled for the focus and again straight after (issue 17: cold start to the board)."""
        if self.screen.stack_updates == 0:
            return
        super().watch_has_focus(has_focus)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Every column of the board has a fixed width and every row one line, so the widths
        DataTable measures for each new cell (300 rows x 7 cells, 20-40 ms at start-up) are read
        by nothing: only the table's size is worked out (issue 17: cold start to the board)."""
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())
