"""The TUI's own widgets (redline view, board table, checklist, find bar, text editor, session bar,
keys footer). Widgets paint what screens give them and call no core recorder; colours come from
component classes (``styles.py``, ``app.tcss``).
"""
