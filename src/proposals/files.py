"""The one way a file is written: whole or not at all, and an OS refusal names the file.

Every document, sheet, page and article goes through ``write_file``: the bytes go to a temp file
beside the target, are flushed to disk, and the temp file is renamed over the target, so a full
disk, a read-only mount, a permission error or a kill leaves the old file (or none), never half
of one. A refusal is re-raised as an ``OSError`` whose file name is the target (not the temp
file), which the CLI prints as one line with the remedy (``store.oserrors.os_error_line``).
Imports only the standard library, so the Word and redline layers may use it.

Its counterpart for reading, ``input_size``, is the one check of a file a user names for the tool
to read (a contract, a PDF, a roster, an attachment): it must exist, be a regular file and be
within the reader's limit, refused in one line before a byte is read (a FIFO would hang, a
directory or a huge file would fail later and less clearly).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_file(path: Path | str, data: str | bytes, *, shared: bool = False, sync: bool = True) -> Path:
    """Write `data` to `path` through a temp file and a rename; return the path.

    `shared` files (documents for the table, the site) get the umask's permissions rather than
    the temp file's 0600. `sync=False` skips the flush to disk (a kill still leaves old or new):
    for files a git commit already records, rewritten from it if lost (a baseline's parts).
    """
    import tempfile  # lazily: it costs 4 ms of every start-up, and status never writes

    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        if shared:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target


def input_size(path: Path, what: str, limit: int) -> int:
    """The size of `path`, a file named for reading as `what` ("a roster"); ProposalsError unless
    it is a regular file of at most `limit` bytes."""
    from proposals.errors import ProposalsError  # standard library only, like this module

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ProposalsError(f"{path}: no such file") from None
    except OSError as exc:
        raise ProposalsError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not path.is_file():
        raise ProposalsError(f"{path}: not a regular file")
    if size > limit:
        raise ProposalsError(f"{path} is {size // 2**20} MB; {what} is limited to {limit // 2**20} MB")
    return size
