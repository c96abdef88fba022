"""The status chart's history-derived facts kept on disk (``.git/proposals/status.cache``), so a
board starts without decoding the whole history (issue 17: TUI cold start).

At 20,000 passes the history cache's records take tens of milliseconds to decode, and the board
needs only a few facts per part of them (``status.StatusFacts``: its status, last pass, standing
TAs, package, last pass by party). The file holds those facts and the tip they were derived at,
under the history cache's own key: HEAD must be that tip, and the history cache's version and this
file's must match; a file that is missing, corrupt, torn or from another version is no answer (the
caller derives the facts from the history and writes the file again). Like the history cache it is
local, checksummed and never used by ``verify``. What depends on the working tree (drafts, headings,
the config) is read live at every use, never cached.
"""

from __future__ import annotations

import marshal
from dataclasses import fields
from pathlib import Path

try:  # as history_cache: hashlib sets up every OpenSSL digest on import
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from proposals.negotiation.history import PassRecord, TARecord, new_pass, new_ta
from proposals.negotiation.history_cache import VERSION as HISTORY_VERSION
from proposals.negotiation.history_cache import cache_path, read_plain, replace_whole
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import PartFacts, StatusFacts

CACHE_NAME = "status.cache"
_MAGIC = b"proposals-status\n"
_DIGEST = 32
# Anything that changes what the facts hold makes old files another version.
VERSION = "|".join(
    ["1", HISTORY_VERSION, *(",".join(f.name for f in fields(kind)) for kind in (PartFacts, StatusFacts))]
)
_PASS_VALUES = tuple(f.name for f in fields(PassRecord))
_TA_VALUES = tuple(f.name for f in fields(TARecord))


def _path(repo: BargainingRepo) -> Path:
    return cache_path(repo.git_dir).with_name(CACHE_NAME)


def _usable(repo: BargainingRepo) -> bool:
    """Only the current round's own repo (not an earlier round's read-only view, whose tip is not
    HEAD) and not a shallow clone (whose history is refused)."""
    return not repo.read_only and not repo.shallow


def cached_facts(repo: BargainingRepo) -> StatusFacts | None:
    """The facts at HEAD from the file, or None when it does not hold them as they are now."""
    if not _usable(repo):
        return None
    head = repo.store.read_head()
    if head is None:
        return None
    read = read_plain(_path(repo))
    if read is None:
        return None
    data = read[0]
    start = len(_MAGIC) + _DIGEST
    payload = data[start:]
    digest = blake2b(payload, digest_size=_DIGEST).digest()
    if not data.startswith(_MAGIC) or digest != data[len(_MAGIC) : start]:
        return None  # torn or corrupt: never handed to marshal
    try:
        version, tip, parties, baseline, parts, last = marshal.loads(payload)
        if version != VERSION or tip != head or parties != len(repo.config.parties):
            return None
        return StatusFacts(
            tip,
            baseline,
            {
                part_id: PartFacts(
                    status,
                    None if last_pass is None else new_pass(*last_pass),
                    tuple(new_ta(*ta) for ta in tas),
                    package,
                    contingent,
                )
                for part_id, status, last_pass, tas, package, contingent in parts
            },
            last,
        )
    except (ValueError, TypeError, EOFError):
        return None


def write_facts(repo: BargainingRepo, facts: StatusFacts) -> None:
    """Replace the file whole (write, then rename) with `facts`, derived from ``repo.history()``
    at ``facts.head``; a file that cannot be written is no error."""
    if not _usable(repo) or facts.head is None:
        return
    parts = [
        (
            part_id,
            part.status,
            None if part.last_pass is None else tuple(getattr(part.last_pass, f) for f in _PASS_VALUES),
            [tuple(getattr(ta, f) for f in _TA_VALUES) for ta in part.tas],
            part.package,
            part.contingent,
        )
        for part_id, part in facts.parts.items()
    ]
    payload = marshal.dumps(
        (VERSION, facts.head, len(repo.config.parties), facts.baseline, parts, facts.last_by_party)
    )
    replace_whole(_path(repo), _MAGIC + blake2b(payload, digest_size=_DIGEST).digest() + payload)
