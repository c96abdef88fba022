"""The command line: argument parsing and printing over the core; no rule of its own lives here.

One module per group of commands, each declaring its commands with ``@command`` next to the
handler (``registry``); ``main`` builds the parser and imports only the module a command needs;
``output`` passes all of the CLI's output through ``contract.escape``.

May import every core package: ``negotiation``, ``team``, ``costing``, ``publish``, ``demo``,
``word``, ``redline``, ``contract``, ``store`` (its one-line OS errors), ``files``, ``visible``
and ``errors``; the TUI (``proposals_tui``) only inside the ``tui`` command's handler, and
never Textual or Rich at import time. Nothing in the core imports it. See ARCHITECTURE.md.
"""
