"""The footer with "? Help" first, the key that lists them all. Screens show few enough keys that
80 columns hold each whole beside "^p palette" (`tests/tui/test_tui_footer.py` reads the painted
line); the others are in help and the palette."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.action in ("help", "app.help")]
        yield from first
        yield from (k for k in keys if k not in first)
