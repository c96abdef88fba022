"""proposals: collective-bargaining proposals kept in git."""

__version__ = "0.1.0"
