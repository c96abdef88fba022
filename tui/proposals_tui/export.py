"""Export wiring: article texts from the repo into proposals.docx_export, with progress."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from proposals.repo import BargainingRepo


def export_available() -> bool:
    """The Word exporter lives on another branch until merged: disable the key without it."""
    try:
        return importlib.util.find_spec("proposals.docx_export") is not None
    except (ImportError, ValueError):
        return False


@dataclass
class ExportRequest:
    article: str
    mode: str  # tracked | redline | clean
    against: str  # a REV, or "none"
    source: str  # "draft" or a REV
    path: str


def export_article(
    repo: BargainingRepo,
    request: ExportRequest,
    *,
    us: str,
    today: date,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Path:
    """Runs in the repo lane: read both texts, diff, write the .docx atomically (by the exporter)."""
    from proposals.docx_export import ArticleChange, export_proposal

    progress(0, 3)
    new = repo.text_at(request.article, request.source)
    resolved = repo.resolve(request.article, request.source)
    history = repo.history()
    record = history.pass_named(resolved.label)
    party_key = record.party if record else us
    party = repo.config.party(party_key)
    session = date.fromisoformat(record.session) if record and record.session else today
    if request.mode == "clean" or request.against == "none":
        old, against_label = new, None
    else:
        old = repo.text_at(request.article, request.against)
        against_label = repo.resolve(request.article, request.against).label
    progress(1, 3)
    out = Path(request.path)
    if not out.is_absolute():
        out = repo.root / out
    out.parent.mkdir(parents=True, exist_ok=True)
    progress(2, 3)
    export_proposal(
        [ArticleChange(old=old, new=new)],
        out,
        mode=request.mode,  # type: ignore[arg-type]
        party=party.name,
        pass_name=resolved.label if record else "draft",
        session=session,
        colour=party.colour,
        against=against_label,
    )
    progress(3, 3)
    return out
