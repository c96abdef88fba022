"""User and counterparty text as the TUI shows it: never markup, never a control sequence.

Headings, titles, notes, party names, signatories and error messages may hold ``[/]``,
``[@click=app.quit]``, ``[RESERVED]``, ESC or U+202E. Textual parses a plain ``str`` as markup in
`Static`, `Label`, `Select`, `OptionList`, `SelectionList`, `DataTable` cells, notifications and the
command palette, so user text reaches those widgets only as `Content` built here (never parsed)
or as a Rich `Text` of `shown(...)`.
"""

from __future__ import annotations

from textual.content import Content
from textual.markup import escape

from proposals.visible import visible


def shown(text: object, *, one_line: bool = False) -> str:
    """The characters of `text` that a terminal would act on, as visible escapes."""
    return visible(str(text), one_line=one_line)


def literal(text: object, style: str = "", *, one_line: bool = False) -> Content:
    """`text` exactly as written, for any widget that would otherwise read markup."""
    content = Content(shown(text, one_line=one_line))
    return content.stylize(style) if style else content


def markup_escaped(text: object) -> str:
    """For the few Textual APIs that only take markup strings (palette help)."""
    return escape(shown(text, one_line=True))
