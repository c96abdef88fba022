"""Costing economic proposals: a private roster, each pass's economic terms, and their cost.

One concept per module: ``money`` (Decimal and the stated rounding), ``roster`` (the team's private
member list), ``terms`` (the TOML terms a pass carries), ``scales`` (contract years, wage schedules
and pay changes as yearly maps), ``model`` (one position costed against the status quo),
``compare`` (positions read from the repo, the two sides, claims), ``report`` (tables, JSON,
CSV, XLSX, .docx) and ``conflicts`` (what team sync does with terms files).

May import ``negotiation`` (``compare`` and ``conflicts`` read the repo), ``contract``, ``files``
and ``errors``; never Textual, Rich, the TUI, the CLI, ``demo``, ``team`` or ``publish``. The file
readers (``terms``, ``money``, ``scales``, ``roster``) never import the model or the store, because
the pass path calls ``terms.staged_terms``. The front ends call ``compare``. See ARCHITECTURE.md.
"""
