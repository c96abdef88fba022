"""The demo negotiation: its story (sample data) and the builder that records it through the core.

May import the negotiation model; nothing imports it but the CLI. See ARCHITECTURE.md.
"""
