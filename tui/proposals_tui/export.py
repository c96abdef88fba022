"""Export wiring: the modal's choices handed to the core's `documents.export_pass`, with progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from proposals.negotiation.repo import BargainingRepo


@dataclass
class ExportRequest:
    article: str
    mode: str  # one of proposals.word.modes.MODES
    against: str  # a REV, or "default" (their last pass, else the baseline)
    source: str  # "draft" or a REV
    path: str


def export_article(
    repo: BargainingRepo,
    request: ExportRequest,
    *,
    us: str,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Path:
    """Runs in the repo lane; the same code path as `proposals export`."""
    from proposals.negotiation.documents import export_pass

    progress(0, 2)
    out = Path(request.path).expanduser()
    if not out.is_absolute():
        out = repo.root / out
    out.parent.mkdir(parents=True, exist_ok=True)
    progress(1, 2)
    done = export_pass(
        repo,
        [request.article],
        out,
        mode=request.mode,
        from_rev=None if request.against == "default" else request.against,
        to_rev=request.source,
        party=us if request.source == "draft" else None,
    )
    progress(2, 2)
    return done.path
