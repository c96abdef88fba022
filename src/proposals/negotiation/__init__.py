"""The negotiation model: the repo, its history, passes, TAs, status, baseline, drafts, config.

May import ``store``, ``contract``, ``redline`` and ``word``; never ``team``, ``cli`` or Textual.
See ARCHITECTURE.md.
"""
