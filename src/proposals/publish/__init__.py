"""Publishing to members: a static bargaining-tracker site and bargaining updates.

Built from what is public only: recorded passes, TAs and the status they imply, read from the
committed history, never from the working tree (drafts), notes, session notes, information
requests, the roster or costing. ``bargaining.toml``'s ``[publish]`` table chooses what members see.

May import ``negotiation`` (history, status, packages), ``redline``, ``contract``, ``files``,
``visible``, ``errors`` and ``store.oserrors`` (an OS refusal as one line); it runs no git command
of its own. Never ``costing`` (private), ``team``, the CLI or Textual; only the CLI imports it.
See ARCHITECTURE.md.
"""
