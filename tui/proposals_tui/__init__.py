"""The Textual terminal UI for proposals."""
