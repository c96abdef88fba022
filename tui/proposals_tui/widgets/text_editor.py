"""A TextArea that never sends a control or bidi character to the terminal.

An editor must keep the text exactly as written, so the characters cannot be replaced by visible
escapes in the document. They have no width in the TextArea's layout, so they are left out of
each painted line (the cursor and wrapping stay right); the screen says they are there, and the
redline preview shows them as escapes.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea

from proposals.visible import INVISIBLE


class PlainTextArea(TextArea):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not any(INVISIBLE.search(segment.text) for segment in strip):
            return strip
        return Strip(
            [Segment(INVISIBLE.sub("", s.text), s.style, s.control) for s in strip], strip.cell_length
        )


def invisible_count(text: str) -> int:
    """How many characters the editor leaves out of what it paints."""
    return len(INVISIBLE.findall(text))
