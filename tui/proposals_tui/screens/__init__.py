"""The TUI's screens, one module each (board, article, editor, history, blame, costing,
sessions, conflicts, help); ``actions`` and ``contract`` hold the actions several screens share,
``disabled`` why a key cannot act now. A screen reaches the app through the ``roles`` Protocols.
Imports like the rest of ``proposals_tui``: never ``store`` or ``cli``.
"""
