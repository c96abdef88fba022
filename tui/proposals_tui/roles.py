"""What a screen can do for the app, as `Protocol`s: the app asks by type, not by `getattr`.

A screen that shows repo data reloads after every recorded change (`Reloads`); one with its own
actions lists them for the command palette (`OffersCommands`); one that paints redlines repaints
when marker mode changes (`FollowsMarkers`); the editor holds work a quit must not lose
(`HoldsUnsavedWork`); one that built text in the theme's colours builds it again when the theme
changes (`FollowsTheme`). Each is `runtime_checkable`, so `isinstance(screen, Reloads)` finds them.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

PaletteCommand = tuple[str, str, str]  # label, action (as bindings spell it), help line


@runtime_checkable
class Reloads(Protocol):
    def reload(self) -> None:
        """Read again what the screen shows: something was recorded (pass, TA, sync…)."""


@runtime_checkable
class OffersCommands(Protocol):
    def palette_commands(self) -> list[PaletteCommand]:
        """The screen's actions for the palette; only those `check_action` allows are offered."""


@runtime_checkable
class FollowsMarkers(Protocol):
    def markers_changed(self) -> None:
        """Marker mode ([-old-]{+new+}) was switched: repaint the redline."""


@runtime_checkable
class FollowsTheme(Protocol):
    def restyle(self) -> None:
        """The theme changed (ctrl+t): build again what was painted in its colours (`styles.py`)."""


@runtime_checkable
class HoldsUnsavedWork(Protocol):
    article_id: str
    dirty: bool

    def save_now(self, sync: bool = False) -> None:
        """Write the work now (`sync`: on the calling thread, when quitting)."""
