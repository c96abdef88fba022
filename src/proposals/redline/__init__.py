"""The prose redline engine, in one import: ``from proposals.redline import diff_text, ...``.

The pieces: ``tokens`` (what a word is), ``engine`` (diff-match-patch and its accelerator),
``cleanup`` (semantic cleanup at token level), ``textdiff`` (ops from two texts), ``moves``
(moved language), ``alignment`` (side-by-side rows), ``provenance`` (who wrote what) and
``render`` (terminal, markers, JSON).

Contract: joining the ``equal`` and ``delete`` texts of ``diff_text(old, new)`` gives the raw
``old`` exactly, ``equal`` and ``insert`` the raw ``new`` — with one refinement: an ``equal``
op whose sides differ only in what matching ignores (NFC form; with ``normalize=True`` also
quotes, dashes, no-break spaces, CRLF) has ``text`` from the new side and ``old_text`` from the
old, and ``old_side``/``new_side`` rebuild both exactly. ``ops_to_json`` writes such ops as a
delete/insert pair, so the JSON contract holds literally. Identical inputs give a single equal
op; two empty strings give no ops.

Typical use (``proposals diff``)::

    ops = diff_text(old, new, granularity="word", normalize=False)
    sys.stdout.write(render_ansi(ops))            # or render_markers(ops)
    json.dump(ops_to_json(ops, from_label="U-3", to_label="draft"), sys.stdout)
    rows = align_rows(old, new)                   # side by side (TUI, Word export)
    spans = provenance([Version("baseline", "baseline", t0), Version("U-1", "union", t1)])

What to expect: a 10-page article diffs in ~8-15 ms with fast-diff-match-patch, ~13-35 ms
without (``bench/bench_diff.py``); character granularity on long articles is much slower (every
character is a token) and is meant for short texts. Nothing here touches git, the terminal or
global state, so the functions are safe to call from worker threads.

May import only ``contract`` (``render`` shows text through ``contract.escape``); never the
model, the store, the team, ``word``, a front end or Textual (import-linter: "The redline engine
and the Word layer never import the model, the store or the team"). See ARCHITECTURE.md.
"""

from proposals.redline.alignment import Row, align_rows
from proposals.redline.ops import Op, new_side, old_side
from proposals.redline.provenance import Span, Version, provenance
from proposals.redline.render import ops_to_json, render_ansi, render_markers
from proposals.redline.textdiff import backend, diff_text, move_detail, moved_texts
from proposals.redline.tokens import Granularity

__all__ = [
    "Granularity",
    "Op",
    "Row",
    "Span",
    "Version",
    "align_rows",
    "backend",
    "diff_text",
    "move_detail",
    "moved_texts",
    "new_side",
    "old_side",
    "ops_to_json",
    "provenance",
    "render_ansi",
    "render_markers",
]
