"""The board's table: a DataTable whose Enter is labelled in the footer (DataTable hides it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, DuplicateKey, Row, RowKey

from ..keys import key

_NULL = Style.null()  # what Rich's Padding pads with (its style "none")


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
        styled for the focus and again straight after (issue 17: cold start to the board). Nor is
        it styled for the blur of a closing app: nothing is painted again."""
        if self.screen.stack_updates == 0 or self.app.return_code is not None:  # closing
            return
        super().watch_has_focus(has_focus)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """A board cell's segments as DataTable's Rich pipeline makes them (Styled, Padding, the
        Text wrapped at the column's width, each step's lines split, cropped and padded), made
        directly for the cell that needs none of it: one line of Text that fits its column. The
        first paint drew 150 cells that way (15-25 ms, issue 17: cold start to the board).
        Anything else (header, a cell to crop, tabs, two lines) takes DataTable's own path."""
        if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(cache_key)
        if cached is not None:
            return cached
        cell = self._data[row_key].get(column_key)
        row = self.rows[row_key]
        inner = width - 2 * self.cell_padding
        if (
            type(cell) is not Text
            or row.height != 1
            or row.auto_height
            or (self.show_row_labels and self._labelled_row_exists)
            or cell.justify is not None
            or cell.overflow is not None
            or cell.end != "\n"
            or "\n" in cell.plain
            or "\t" in cell.plain
            or cell.cell_len > inner
            or (not cell.plain and (cell.style or cell.spans))  # Rich keeps an empty styled run
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        console = self.app.console
        # Text's own rendering of a line that fits (its wrap leaves it whole), padded to the inner
        # width, with the cell padding either side, then the table's styles over every segment.
        text = Segment.adjust_line_length(list(Text("\n").join([cell]).render(console)), inner, style=_NULL)
        pad = Segment(" " * self.cell_padding, _NULL)
        line = [pad, *text, pad] if self.cell_padding else text
        lines = [list(Segment.apply_style(line, style=pre_style, post_style=console.get_style(post_style)))]
        self._cell_render_cache[cache_key] = lines
        return lines

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Every column of the board has a fixed width and every row one line, so the widths
        DataTable measures for each new cell (300 rows x 7 cells, 20-40 ms at start-up) are read
        by nothing: only the table's size is worked out (issue 17: cold start to the board)."""
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())
