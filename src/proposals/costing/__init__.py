"""Costing economic proposals: a private roster, each pass's economic terms, and their cost.

One concept per module: ``money`` (Decimal and the stated rounding), ``roster`` (the team's private
member list), ``terms`` (the TOML terms a pass carries), ``scales`` (contract years, wage schedules
and pay changes as yearly maps), ``model`` (one position costed against the status quo),
``compare`` (positions read from the repo, the two sides, claims) and ``report`` (tables, JSON,
CSV, XLSX, .docx). No Textual, no CLI: the front ends call ``compare``.
"""
