"""The command palette, built from the current screen's state (as posting does).

Each screen that `OffersCommands` lists its actions (their words from `keys.ACTIONS`, as the
bindings and the help screen have them); only those its `check_action` allows now are offered,
so the palette never suggests something that would be refused. The board's articles are
offered as "Open …" commands from any screen.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from .keys import palette
from .literal import literal, markup_escaped
from .roles import OffersCommands

if TYPE_CHECKING:
    from .app import ProposalsApp


def _highlight(matcher: Matcher, label: str) -> Content:
    """`Matcher.highlight` parses its candidate as markup; titles in labels are the other side's."""
    content = literal(label, one_line=True)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, content.plain)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ProposalsCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        out: list[tuple[str, str, Callable[[], object]]] = []
        if isinstance(screen, OffersCommands):
            for label, action, help_text in screen.palette_commands():
                if screen.check_action(action, ()) is True:
                    out.append((label, help_text, partial(screen.run_action, action)))
        app = cast("ProposalsApp", self.app)
        for label, action, help_text in palette("toggle_markers", "toggle_theme", "verify", "help"):
            out.append((label, help_text, partial(app.run_action, action)))
        for row in app.status_cache:
            label = f"Open article {row.number}: {row.title}" if row.number else f"Open {row.title}"
            out.append((label, row.status, partial(app.open_article, row.id)))
        return out

    async def discover(self) -> Hits:
        for label, help_text, callback in self._commands():
            yield DiscoveryHit(
                literal(label, one_line=True), callback, text=label, help=markup_escaped(help_text)
            )

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for label, help_text, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, _highlight(matcher, label), callback, text=label, help=markup_escaped(help_text)
                )
