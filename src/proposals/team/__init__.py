"""Team work over a shared remote: sync, conflicts, and the integrity of the shared record.

May import ``negotiation``, ``store`` and ``contract``. See ARCHITECTURE.md.
"""
