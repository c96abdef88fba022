"""Git, in one place: every git command line is built here and nowhere else.

Imports only ``errors``. See ARCHITECTURE.md.
"""
