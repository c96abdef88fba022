"""proposals: collective-bargaining proposals kept in git.

A library first, with two thin front ends (``proposals.cli`` and the Textual TUI,
``proposals_tui``) over one core. The packages, by concept: ``contract`` (a contract's text: part
ids, the heading grammar, sections, tables; a leaf), ``redline`` (the diff engine), ``word``
(.docx in and out), ``store`` (git, and nothing else builds a git command line),
``negotiation`` (the model: repo, history, passes, TAs, status, rounds), ``costing``, ``team``
(sync, integrity), ``publish`` (the members' site and updates), ``demo`` and ``cli``. The
modules at this level are shared by all of them and import only the standard library:
``errors`` (the one exception users see), ``files`` (every write and every read size check)
and ``visible`` (control and bidi characters shown as escapes). The arrows between packages
are ARCHITECTURE.md's and are enforced by the import-linter contracts in ``pyproject.toml``.
"""

__version__ = "0.1.0"
