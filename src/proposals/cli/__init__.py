"""The command line: argument parsing and printing over the core; no rule of its own lives here.

May import every core package. See ARCHITECTURE.md.
"""
