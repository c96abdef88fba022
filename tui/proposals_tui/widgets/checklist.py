"""A SelectionList whose marks are text, `[x]` and `[ ]`, readable without colour.

Textual draws every entry's box as the same "▐X▌" and tells chosen from not chosen by colour
alone, which NO_COLOR, a light theme or colour blindness loses.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class Checklist(SelectionList):
    def on_mount(self) -> None:
        """Open at the first checked entry: in a short list (80x24) the article the dialog was
        opened for may be the twelfth, out of sight, though it is the one being recorded."""
        for index in range(self.option_count):
            if self.get_option_at_index(index).value in self._selected:
                if index:
                    self.highlighted = index
                    self.call_after_refresh(self.scroll_to_highlight)
                break

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if len(segments) < 4:
            return strip
        gap = segments[3]  # after Textual's three box characters
        meta = Style(meta={"option": self.scroll_offset.y + y})
        base = (gap.style or Style()) + meta
        mark = "x" if selection.value in self._selected else " "
        return Strip(
            [
                Segment("[", base),
                Segment(mark, (gap.style or Style()) + Style(bold=True) + meta),
                Segment("]", base),
                *segments[3:],
            ],
            strip.cell_length,
        )
