"""A contract's text: part ids, the heading grammar, sections, tables and the article file format.

Owns the vocabulary every reader and writer shares: ``part`` (ids, section numbers, strict
decoding of part files), ``headings`` (the heading grammar: kinds of part, numbers, contract
order), ``split`` (a whole contract cut into parts), ``matching`` (their parts paired with
ours), ``table`` (pipe tables in article text), ``plaintext`` and ``pdf`` (unwrapping a text or
PDF contract), ``layout`` (where a PDF's lines sit: paragraph gaps, tables without rules) and
``escape`` (record text shown safely in a terminal, CSV, Markdown, JSON).

A leaf: imports nothing from proposals but ``errors`` and ``files``; never the model, the store,
the team, ``word``, ``redline`` or a front end (import-linter: "A contract's text is a leaf").
See ARCHITECTURE.md.
"""
