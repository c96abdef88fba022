"""Team work over a shared remote: sync, conflicts, and the integrity of the shared record.

One concept per module: ``sync`` (the order of a sync's steps, and ``resolve``), ``remote_tags``
(what the remote's tags mean), ``renumber`` (the only rewriting of history), ``set_aside`` (our
drafts an incoming pass changes), ``merge``, ``push``, ``conflicts`` (the one listing of what is
left to settle, for the CLI and the TUI), ``clone``, ``remote`` (what a remote already knows),
``ta_conflicts``, ``integrity`` (verify's further checks and ``repair``) and ``member`` (who
records in this working copy).

May import ``negotiation``, ``store`` (named operations and ``store.network``), ``costing``
(terms files travel with their article), ``contract`` and ``errors``; never ``cli``, ``demo`` or
Textual. The model never imports it. See ARCHITECTURE.md.
"""
