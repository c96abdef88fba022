"""ctrl+f's search field, shared by the article view and the editor: enter finds the next match
(searching on from the last one, round the end), esc closes it and gives the keyboard back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from ..keys import key


def next_match(lines: list[str], query: str, after: int) -> tuple[int, int, int] | None:
    """The first line after `after` (wrapping round) holding `query`, case-insensitive, as
    (line, n, of m) where m counts the lines that hold it; None when none does."""
    needle = query.casefold()
    hits = [i for i, line in enumerate(lines) if needle in line.casefold()]
    if not needle or not hits:
        return None
    index = next((k for k, i in enumerate(hits) if i > after), 0)
    return hits[index], index + 1, len(hits)


class FindBar(Input):
    """Hidden until `open()`; posts `FindBar.Find` on enter."""

    BINDINGS: ClassVar[list[BindingType]] = [key("escape", "close", label="Close find", show=False)]

    @dataclass
    class Find(Message):
        query: str

    def __init__(self, id: str = "find") -> None:
        super().__init__(placeholder="find (enter: next, esc: close)", id=id, classes="hidden", compact=True)
        self._back: Widget | None = None

    def open(self) -> None:
        self._back = self.screen.focused
        self.remove_class("hidden")
        self.focus()

    def action_close(self) -> None:
        self.add_class("hidden")
        if self._back is not None and self._back.is_attached:
            self._back.focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Find(self.value))
