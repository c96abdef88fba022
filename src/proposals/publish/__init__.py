"""Publishing to members: a static bargaining-tracker site and bargaining updates.

Built from what is public only: recorded passes, TAs and the status they imply, read from the
committed history, never from the working tree (drafts), notes, session notes, information
requests, the roster or costing. ``bargaining.toml``'s ``[publish]`` table chooses what members see.

May import ``negotiation``, ``redline`` and ``contract``. See ARCHITECTURE.md.
"""
