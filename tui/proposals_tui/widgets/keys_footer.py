"""The footer with "? Help" first: a narrow terminal (80 columns) cuts the last keys, never the
one that lists them all."""

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
