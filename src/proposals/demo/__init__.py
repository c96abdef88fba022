"""The demo negotiation: its story (sample data) and the builder that records it through the core.

May import the model (``negotiation``), ``costing`` (the demo's economic terms and roster),
``contract`` and ``errors``; never ``team``, ``store`` directly or a front end. Nothing imports it
but the CLI (``proposals demo``) and the tests. See ARCHITECTURE.md.
"""
