"""The TUI's colours by meaning: component classes that `app.tcss` paints from the theme.

No Python module of the TUI names a colour. A party (`party--union`), a status word
(`status--open`), a warning (`mark--warning`) or a redline mark (`redline--delete`) is a
component class, and the one stylesheet gives it a theme variable (`$text-primary`,
`$text-error`, ...), so ctrl+t's light theme and any custom theme repaint them, and `NO_COLOR`
leaves the words, icons, strike and underline that carry the meaning without colour.

`bargaining.toml`'s party colours are the Word documents' ink (tracked changes); on screen the
parties take the theme's colours.

A widget or screen that paints Rich text with these inherits `Themed` and reads a style with
`themed(...)`. Text built once (table cells, heads) is built again when the theme changes: the
app calls `restyle()` on every screen that `FollowsTheme` (`roles.py`). The redline view resolves
its runs' roles at paint time, so its rows need no rebuilding.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style

PARTY = {"union": "party--union", "employer": "party--employer", "baseline": "party--baseline"}
STATUS = {
    "open": "status--open",
    "ta": "status--ta",
    "withdrawn": "status--withdrawn",
    "unchanged": "status--unchanged",
    "new": "status--new",  # a draft of a part never proposed
}
MARKS = {
    "warning": "mark--warning",
    "error": "mark--error",
    "ok": "mark--ok",
    "package": "mark--package",
    "negative": "mark--negative",  # money below zero
}
REDLINE = {
    "delete": "redline--delete",  # struck through (with the old side's party colour)
    "insert": "redline--insert",  # underlined (with the new side's party colour)
    "marked": "redline--marked",  # [-old-]{+new+} markers: bold, the markers say the rest
}
CLASSES = frozenset({*PARTY.values(), *STATUS.values(), *MARKS.values(), *REDLINE.values()})
BOLD = Style(bold=True)


def party(key: str | None) -> str:
    """The component class of a party key ("union", "employer"); anything else reads as baseline."""
    return PARTY.get(key or "", PARTY["baseline"])


def role(*names: str) -> str:
    """Several component classes as one run role (`"redline--delete party--union"`)."""
    return " ".join(name for name in names if name)


class Themed:
    """Mixin for a widget or screen that paints with the classes above (`app.tcss` styles them)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(CLASSES)

    def __init_subclass__(cls, **kwargs: object) -> None:
        # Textual gathers component classes from DOMNode bases only, so each subclass lists them.
        cls.COMPONENT_CLASSES = {*cls.__dict__.get("COMPONENT_CLASSES", ()), *CLASSES}
        super().__init_subclass__(**kwargs)

    def themed(self, *names: str) -> Style:
        """The current theme's style of one or more component classes (later ones win)."""
        return self.get_component_rich_style(*names, partial=True)  # type: ignore[attr-defined]
