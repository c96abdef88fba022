"""Team work over a shared remote: sync, conflicts, and the integrity of the shared record.

One concept per module: ``sync`` (fetch, merge, push, article conflicts, ``resolve``),
``remote`` (what a remote already knows), ``renumber`` (the only rewriting of history),
``ta_conflicts``, ``integrity`` (verify's further checks and ``repair``) and ``member`` (who records
in this working copy).

May import ``negotiation``, ``store`` (named operations and ``store.network``), ``costing``
(terms files travel with their article), ``contract`` and ``errors``; never ``cli``, ``demo`` or
Textual. The model never imports it. See ARCHITECTURE.md.
"""
