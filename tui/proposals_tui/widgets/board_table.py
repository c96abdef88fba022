"""The board's table: a DataTable whose Enter is labelled in the footer (DataTable hides it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

from ..keys import key


class BoardTable(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [key("enter", "select_cursor", key_display="⏎")]

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Every column of the board has a fixed width and every row one line, so the widths
        DataTable measures for each new cell (300 rows x 7 cells, 20-40 ms at start-up) are read
        by nothing: only the table's size is worked out (issue 17: cold start to the board)."""
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())
