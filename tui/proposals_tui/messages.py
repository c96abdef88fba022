"""Messages that carry results from worker threads back to the event loop (never widgets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual.message import Message


@dataclass
class RepoDone(Message):
    """A piece of repo work finished; `callback(result)` runs on the event loop."""

    result: Any
    callback: Callable[[Any], None] | None = None
    description: str = ""


@dataclass
class RepoFailed(Message):
    """Repo work refused or failed: shown as a notification, never a crash."""

    error: str
    description: str = ""


@dataclass
class RepoChanged(Message):
    """Something was recorded (pass, TA, withdrawal): every screen reloads what it shows."""

    what: str = ""


@dataclass
class RowsReady(Message):
    """A redline computed in the diff worker, ready to paint."""

    rows: list
    columns: int = 2
    token: int = 0
    broken: list = field(default_factory=list)  # TA'd sections (None: whole) the text would change
    focus: int | None = None  # the row to keep in view (the editor's cursor paragraph)


@dataclass
class DraftSaved(Message):
    """The editor's draft reached the working tree (atomically)."""

    article: str
    text: str


@dataclass
class ExportProgress(Message):
    done: int
    total: int


@dataclass
class ExportFinished(Message):
    path: str = ""
    error: str = ""
    extra: dict = field(default_factory=dict)
