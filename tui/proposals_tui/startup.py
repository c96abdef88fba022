"""The garbage collector at start-up (issue 17: cold start to the board).

Importing Textual and the core makes tens of thousands of objects that live as long as the
process (modules, classes, functions), and the collector walked them about 90 times while they
were imported, then again at exit. `app` imports this module first, so the collector waits
until `app`'s imports are done (`resume`); what they made is then frozen (`gc.freeze`): the
collector never walks it again. The app itself pauses it once more from its load to the board's
first paint (`ProposalsApp.on_load`).
"""

from __future__ import annotations

import gc

_paused = gc.isenabled()
gc.disable()


def resume() -> None:
    """`app`'s imports are done: what they made is set aside for good, and the collector runs
    again (unless it was already off when the import began)."""
    global _paused
    gc.freeze()
    if _paused:
        _paused = False
        gc.enable()
