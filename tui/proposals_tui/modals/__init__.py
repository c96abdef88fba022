"""The TUI's dialogs, one module each (pass, their pass, TA, withdraw, export, notes, sync, ask,
member, confirm; ``form`` is what they share). A dialog gathers input and calls the core in the
repo lane; its result comes back as a typed message. Imports like the rest of ``proposals_tui``:
never ``store`` or ``cli``.
"""
