"""The negotiation model: the repo, its history, passes, TAs, status, rounds, baseline, drafts, config.

Owns every bargaining rule both front ends use (recording with repair first, conflicts of
drafts, versions, status words, sessions, packages, intake, the documents each export mode
writes), so neither the CLI nor the TUI keeps a copy of one.

May import ``store`` (git, by named operations), ``contract``, ``redline``, ``word`` (the
documents, lazily), ``costing.terms`` (a pass carries its economic terms), ``files`` and
``errors``; never ``team``, ``cli``, ``demo``, ``publish`` or Textual (import-linter: "The model
never reaches up", "The core never imports Textual"). See ARCHITECTURE.md.
"""
