"""Word (.docx) in and out: the OOXML writer, the document kinds, and the reader.

May import ``redline`` and ``contract``; never the model, the store or the team. See ARCHITECTURE.md.
"""
