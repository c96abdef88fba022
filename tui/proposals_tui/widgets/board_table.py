"""The board's table: a DataTable whose Enter is labelled in the footer (DataTable hides it)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import DataTable

from ..keys import key


class BoardTable(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [key("enter", "select_cursor", key_display="⏎")]
