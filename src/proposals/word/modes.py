"""The export modes, in one place: what a proposal document shows of a change.

``tracked``: Word revisions (accept or reject them); ``redline``: struck and underlined text with
no revisions; ``clean``: the text alone. The writer (``word.proposal``), the model
(``negotiation.documents``), the CLI's ``export --mode`` and the TUI's export dialog all read
them here. Imports nothing, so the CLI's parser and the TUI can name the modes without loading
python-docx.
"""

from __future__ import annotations

from typing import Literal

Mode = Literal["tracked", "redline", "clean"]
MODES: tuple[Mode, ...] = ("tracked", "redline", "clean")
MODE_NAMES: dict[Mode, str] = {  # as a dialog offers them
    "tracked": "Tracked changes",
    "redline": "Static redline",
    "clean": "Clean text",
}
