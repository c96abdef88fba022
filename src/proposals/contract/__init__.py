"""A contract's text: part ids, the heading grammar, sections and the article file format.

A leaf: imports nothing from the rest of proposals but ``errors``. See ARCHITECTURE.md.
"""
