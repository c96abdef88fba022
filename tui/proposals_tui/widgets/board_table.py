"""The board's table: a DataTable whose Enter is labelled in the footer (DataTable hides it)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class BoardTable(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", key_display="⏎", tooltip="Open the article side by side"),
    ]
