"""The footer with "? Help" first, the key that lists them all. Screens show few enough keys that
80 columns hold each whole beside "^p palette" (`tests/tui/test_tui_footer.py` reads the painted
line); the others are in help and the palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    _shown: tuple | None = None  # the keys the footer was composed with
    _asked = False  # a recompose is on its way: it reads the bindings as they are then

    def _keys(self) -> tuple:
        """What the footer's keys are made from: each active binding and whether it is enabled."""
        return tuple(
            (b.key, b.action, b.description, b.key_display, b.show, enabled, tip)
            for (_, b, enabled, tip) in self.screen.active_bindings.values()
        )

    def compose(self) -> ComposeResult:
        self._asked = False
        self._shown = self._keys() if self._bindings_ready else None
        keys = list(super().compose())
        for footer_key in keys:
            # A key's `compact` watcher sets its "-compact" class once it is mounted, which styles
            # the key again; a key bound to the footer's `compact` (all but the palette's) then
            # takes the footer's and is styled a third time: each key was styled three times
            # before the first paint. It starts with its value and class instead (issue 17).
            if isinstance(footer_key, FooterKey):
                bound = "compact" in (footer_key._reactive_connect or {})
                compact = self.compact if bound else FooterKey.compact._default  # not read: that sets it
                footer_key.set_reactive(FooterKey.compact, compact)
                footer_key.set_class(compact, "-compact", update=False)
        first = [k for k in keys if isinstance(k, FooterKey) and k.action in ("help", "app.help")]
        yield from first
        yield from (k for k in keys if k not in first)

    def bindings_changed(self, screen: Screen) -> None:
        """Footer recomposes (every key made, mounted and styled again) at each bindings refresh:
        the board's start asked for three before its first paint, and every fill asks for one
        (issue 17). Keys already shown are not made again, nor asked for twice before they are."""
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            if self._asked or self._keys() == self._shown:
                self._bindings_ready = True
                return
            self._asked = True
        super().bindings_changed(screen)
