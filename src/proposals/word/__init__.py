"""Word (.docx) in and out: the OOXML writer, the document kinds, and the reader.

Owns the export modes (``modes``: tracked, redline, clean), the Word namespaces and revision
marks (``ooxml``), what every document shares
(``document``), one module per document kind (``proposal``, ``ta``, ``compiled_contract``,
``session_summary``, ``status_chart``, ``history``), ``moves``, ``tables`` and ``numbering``, the
.docx reader (``reader``) and PDF conversion through LibreOffice (``pdf``).

May import ``redline``, ``contract``, ``files`` and ``errors``; never the model, the store, the
team, the CLI or ``demo`` (import-linter: "The redline engine and the Word layer never import the
model, the store or the team"): it takes texts and writes documents, and
``negotiation.documents`` decides which texts. See ARCHITECTURE.md.
"""
