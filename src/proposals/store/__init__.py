"""Git, in one place: every git command line is built here and nowhere else.

Owns the git CLI wrapper (``git``: commits, tags, blobs, refs), the log reader (``log``), named
operations (``operations``: ``is_ancestor``, ``unmerged_paths``, ``index_stage``, ``remotes``,
``trailer``...), the network commands (``network``), value checks before a write (``validate``),
all-or-nothing recordings (``transaction``) and OS errors as one line (``oserrors``).

Imports only ``errors``: it knows git and nothing of bargaining (import-linter: "The store knows
git, nothing of bargaining"). See ARCHITECTURE.md ("Why the store drives the git CLI").
"""
