"""The Textual terminal UI for proposals: screens, dialogs and widgets over the core.

Owns only presentation: ``app`` (the repo, the one serial git lane, theme and marker mode),
``screens/`` and ``modals/`` (one module each), ``widgets/``, ``keys`` (each action's words),
``roles`` (the Protocols the app reaches screens by), ``styles`` (colours by meaning, painted
from the theme in the one ``app.tcss``), ``diffing`` (redline rows) and ``literal`` (user text,
never markup). Every rule it applies is a core call the CLI makes too.

May import Textual, Rich and the core (``negotiation``, ``team``, ``costing``, ``redline``,
``contract``, ``word`` (its export modes only), ``visible``, ``errors``); never ``store`` or
``cli`` (import-linter: "The TUI reaches git only through the core"). Only ``proposals tui``
imports it, inside its handler.
See ARCHITECTURE.md.
"""
