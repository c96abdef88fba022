"""Our uncommitted drafts: written atomically, and kept aside before anything replaces them.

A draft is the working-tree text of an article that differs from the last recorded pass. Before
another party's text overwrites it, it is saved as a commit on ``refs/drafts/<id>`` (a chain, so
every saved draft stays reachable) and the user is told where.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from proposals.contract.part import blob_hash, normalise_text, validate_id
from proposals.errors import ProposalsError
from proposals.files import write_file
from proposals.negotiation.recovery import FORWARD_JOURNAL, RESTORE_JOURNAL
from proposals.store.git import SHA_HEX, GitStore
from proposals.store.transaction import recording

if TYPE_CHECKING:
    from proposals.negotiation.repo import BargainingRepo

DRAFT_REF_PREFIX = "refs/drafts/"
SET_ASIDE_PREFIX = "refs/proposals/drafts-not-restored/"  # the draft the user chose not to restore
_FEW_FILES = 8  # a recording writing more files than this flushes them to disk once, not each


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write through a temp file and rename (``proposals.files.write_file``): old text or new."""
    write_file(path, text)


# The draft refs saved inside the recording now running: (ref, what it named before), to undo.
_SAVED_NOW: ContextVar[list[tuple[str, str | None]] | None] = ContextVar("saved_drafts", default=None)


def _journal(repo: BargainingRepo) -> Path:
    return repo.git_dir / RESTORE_JOURNAL


@contextlib.contextmanager
def restored_on_failure(repo: BargainingRepo, new: Mapping[str, str]) -> Iterator[None]:
    """Whatever goes wrong while recording the texts `new` (git fails, a full disk, Ctrl-C), put
    everything back: the branch, the tags and the index (``store.transaction.recording``: a commit
    made is undone) and the working-tree files of `new`, so their text never stays behind as our
    draft. A kill cannot be caught, so what was there is first written to a journal in .git/,
    which the next recording command plays back (:func:`restore_interrupted`). A draft saved on
    refs/drafts/ meanwhile is unsaved again once its file is put back (it is still our draft
    there); if the file could not be put back, the saved draft stays: it may be the only copy."""
    before: dict[str, bytes | None] = {}
    for article_id in new:
        try:
            before[article_id] = repo.article_path(article_id).read_bytes()
        except FileNotFoundError:
            before[article_id] = None
    head = repo.store.head()
    journal = _journal(repo)
    # Only a file the recording changes needs its journal entry: a pass of the working tree's
    # text as it is (the common pass) writes no file, so it writes no journal (a write, an fsync).
    written = {article_id: normalise_text(text).encode("utf-8") for article_id, text in new.items()}
    changed = {article_id: data for article_id, data in before.items() if data != written[article_id]}
    if changed:  # json and base64 only for a journal: the common pass writes none (2 ms of imports)
        import base64
        import json

        entries = {
            article_id: {
                "before": None if data is None else base64.b64encode(data).decode("ascii"),
                "written": blob_hash(written[article_id]),
            }
            for article_id, data in changed.items()
        }
        atomic_write(journal, json.dumps({"head": head, "files": entries}))
    saved: list[tuple[str, str | None]] = []
    token = _SAVED_NOW.set(saved)
    try:
        with recording(repo.store, repo.git_dir):
            yield
    except BaseException:
        put_back = _put_back(repo, before, unstage=False)  # the index is already as it was
        _unsave(repo.store, saved, {DRAFT_REF_PREFIX + i for i in put_back})
        repo.invalidate()
        raise
    finally:
        _SAVED_NOW.reset(token)
        if changed:
            with contextlib.suppress(OSError):
                journal.unlink()


def _put_back(repo: BargainingRepo, before: Mapping[str, bytes | None], *, unstage: bool = True) -> set[str]:
    """Write each file back as it was; return the ids put back."""
    done: set[str] = set()
    for article_id, data in before.items():
        with contextlib.suppress(OSError):
            path = repo.article_path(article_id)
            if _read_bytes(path) == data:  # never touched (a read-only folder): nothing to write
                done.add(article_id)
                continue
            if data is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, data)
            done.add(article_id)
    if unstage:
        with contextlib.suppress(Exception):
            repo.store.unstage([repo.article_relpath(i) for i in before])
    return done


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _unsave(store: GitStore, saved: list[tuple[str, str | None]], refs: set[str]) -> None:
    """Move draft refs saved by a failed recording back (newest first), for the files put back."""
    for ref, old in reversed(saved):
        if ref not in refs:
            continue
        with contextlib.suppress(Exception):
            if old:
                store.update_ref(ref, old)
            else:
                store.delete_ref(ref)


def restore_interrupted(repo: BargainingRepo) -> list[str]:
    """Play back the journal of a recording killed before its commit: each file it wrote that is
    still as it wrote it goes back to what it was (a file edited since is left alone)."""
    import base64
    import json

    journal = _journal(repo)
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        head, files = data["head"], dict(data["files"])
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError, OSError):
        with contextlib.suppress(OSError):
            journal.unlink()
        return []
    done: list[str] = []
    if repo.store.head() == head:
        back: dict[str, bytes | None] = {}
        for article_id, entry in files.items():
            try:
                current = repo.article_path(validate_id(article_id)).read_bytes()
            except (FileNotFoundError, ProposalsError):
                continue
            if blob_hash(current) != entry.get("written"):
                continue
            before = entry.get("before")
            back[article_id] = None if before is None else base64.b64decode(before)
            done.append(f"Put back articles/{article_id}.txt as it was before an interrupted recording")
        _put_back(repo, back)
    with contextlib.suppress(OSError):
        journal.unlink()
    return done


def save_draft(store: GitStore, article_id: str, data: bytes, reason: str) -> str:
    """Keep `data` as the newest commit on refs/drafts/<id>; return the ref name."""
    ref, commit, parent = draft_commit(store, article_id, data, reason)
    store.update_ref(ref, commit, parent)
    saved_now = _SAVED_NOW.get()
    if saved_now is not None:
        saved_now.append((ref, parent))
    return ref


def saved_draft(store: GitStore, article_id: str) -> bytes | None:
    """The newest saved draft of an article, if any."""
    ref = DRAFT_REF_PREFIX + article_id
    if store.rev_parse(ref) is None:
        return None
    return store.read_blob(ref, f"{article_id}.txt")


def restorable_drafts(repo: BargainingRepo) -> dict[str, str]:
    """Articles whose newest saved draft is not the text in the working tree now (an incoming
    pass replaced it): id -> the draft's text. The board marks them; `restore_draft` puts one back."""
    from proposals.contract.part import decode_article

    refs = {}
    declined = {name: obj for name, (obj, _) in repo.store.refs_under(SET_ASIDE_PREFIX, few=True).items()}
    for name, (commit, _) in repo.store.refs_under(DRAFT_REF_PREFIX, few=True).items():
        if declined.get(name) == commit:
            continue
        with contextlib.suppress(ProposalsError):
            refs[validate_id(name)] = commit
    if not refs:
        return {}
    ids = sorted(refs)
    found: dict[str, str] = {}
    for article_id, data in zip(
        ids, repo.store.read_blobs([(refs[i], f"{i}.txt") for i in ids]), strict=True
    ):
        if data is None:
            continue
        try:
            draft = normalise_text(decode_article(data, f"{DRAFT_REF_PREFIX}{article_id}"))
            current = repo.read_draft(article_id)
        except ProposalsError:
            continue
        if current is None or normalise_text(current) != draft:
            found[article_id] = draft
    return found


def restore_draft(repo: BargainingRepo, article_id: str) -> str:
    """Put the newest saved draft of an article back in the working tree (still a draft, nothing
    recorded); what is there now is saved first, so nothing is lost. Refused for a TA'd article,
    whose agreed text is locked. Returns a line saying what was done."""
    from proposals.negotiation.history import current_tas

    validate_id(article_id)
    draft = restorable_drafts(repo).get(article_id)
    if draft is None:
        if saved_draft(repo.store, article_id) is None:
            raise ProposalsError(f"{article_id} has no saved draft on {DRAFT_REF_PREFIX}{article_id}")
        raise ProposalsError(f"{article_id}: the saved draft is already the text in the working tree")
    if any(ta.section is None for ta in current_tas(repo.history(), article_id)):
        raise ProposalsError(
            f"{article_id} is TA'd: its agreed text is locked; reopen it before restoring a draft"
        )
    path = repo.article_path(article_id)
    current = path.read_bytes() if path.is_file() else None
    head = repo.store.head()
    with repo.writer_lock():
        table = repo.text_at_commit(article_id, head) if head else None
        if current is not None and normalise_text(current.decode("utf-8", "replace")) != (table or ""):
            save_draft(repo.store, article_id, current, "Kept before restoring an older saved draft.")
        repo.write_draft(article_id, draft)
    return (
        f"{article_id}: your saved draft is back in {repo.article_relpath(article_id)} "
        "(uncommitted; record a pass to send it)"
    )


def decline_draft(repo: BargainingRepo, article_id: str) -> None:
    """The user keeps the text on the table: the newest saved draft stays on refs/drafts/ but is
    no longer offered for restoring (a draft saved later is)."""
    ref = DRAFT_REF_PREFIX + validate_id(article_id)
    commit = repo.store.rev_parse(ref)
    if commit is not None:
        repo.store.update_ref(SET_ASIDE_PREFIX + article_id, commit)


def new_article_drafts(repo: BargainingRepo, draft_ids: set[str], head: str | None = "") -> set[str]:
    """Of our drafts, the articles with no text on the table (never proposed, not in the
    baseline): new articles, which a board must not call "Unchanged". `head`: the history's tip
    when the caller knows it without reading the history (a board's cached status facts)."""
    from proposals.negotiation.repo import ARTICLES_DIR

    head = repo.history().head if head == "" else head
    on_table = {Path(p).stem for p in repo.store.list_files(head, ARTICLES_DIR)} if head else set()
    return {article_id for article_id in draft_ids if article_id not in on_table}


# --------------------------------------------------------------------------- recorded first

_TERMS_ENTRY = re.compile(r"terms/[a-z]+/[a-z0-9][a-z0-9_-]{0,63}\.toml")


def draft_commit(store: GitStore, article_id: str, data: bytes, reason: str) -> tuple[str, str, str | None]:
    """What :func:`save_draft` makes, without moving the ref: (ref, new commit, its parent)."""
    from datetime import UTC, datetime

    ref = DRAFT_REF_PREFIX + article_id
    blob = store.hash_object(data)
    tree = store.mktree([("100644", blob, f"{article_id}.txt")])
    parent = store.rev_parse(ref)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    message = f"Draft of {article_id} saved {stamp}\n\n{reason}\n"
    return ref, store.commit_tree(tree, message, [parent] if parent else []), parent


def record_then_write(
    repo: BargainingRepo,
    texts: Mapping[str, str],
    refs: list[str],
    commit: str,
    index_only: Mapping[str, str] | None = None,
) -> None:
    """Make the recorded pass real in one step, then bring index and files up to it.

    Everything before is objects only (blobs, trees, the commit, its tag, saved drafts): a
    failure or a kill there leaves the working tree, the index and every ref exactly as they
    were, our draft included. ``refs`` (``update-ref --stdin`` lines: the branch, the tag, the
    saved drafts) move in one transaction: the pass is recorded, or nothing is. Only then are the
    index entries and the files of ``texts`` (id -> text) written; a journal in .git/ names them
    first, so a kill in between is finished by the next recording command
    (:func:`finish_written_after`). If writing them fails, the refs are moved back.
    ``index_only`` (path -> blob): entries recorded as the files are now (costing terms), whose
    index entries follow the pass too.
    """
    journal = repo.git_dir / FORWARD_JOURNAL
    files = {i: _read_bytes(repo.article_path(i)) for i in texts}
    index = _read_bytes(repo.git_dir / "index")
    before = {i: blob_hash(data or b"") for i, data in files.items()}
    extra = dict(index_only or {})
    import json

    atomic_write(
        journal, json.dumps({"commit": commit, "files": dict(texts), "before": before, "index": extra})
    )
    try:
        repo.store.update_refs(refs)
    except BaseException:
        with contextlib.suppress(OSError):
            journal.unlink()
        raise
    try:
        _write_recorded(repo, texts, index_only=extra)
    except Exception:  # the refs, the index and any file written go back as they were
        with contextlib.suppress(Exception):
            repo.store.update_refs(_reversed(refs))
        with contextlib.suppress(OSError):
            if index is not None:
                atomic_write(repo.git_dir / "index", index)
        _put_back(repo, files, unstage=False)
        with contextlib.suppress(OSError):
            journal.unlink()
        repo.invalidate()
        raise
    with contextlib.suppress(OSError):
        journal.unlink()


def _reversed(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        verb, ref, *objs = line.split()
        if verb == "update":
            out.append(f"update {ref} {objs[1]} {objs[0]}")
        elif verb == "create":
            out.append(f"delete {ref} {objs[0]}")
    return out


def _write_recorded(
    repo: BargainingRepo,
    texts: Mapping[str, str],
    files: Mapping[str, str] | None = None,
    *,
    index_only: Mapping[str, str] | None = None,
) -> None:
    """Index entries of `texts` as recorded (and of `index_only`: path -> blob), then the
    files (`files`: only those)."""
    blobs = dict(index_only or {})
    ids = repo.store.write_blobs([text.encode("utf-8") for text in texts.values()])  # one git for all
    blobs.update((repo.article_relpath(i), b) for i, b in zip(texts, ids, strict=True))
    repo.store.set_index_entries(blobs)
    written = texts if files is None else files
    if len(written) <= _FEW_FILES:
        for article_id, text in written.items():
            repo.write_draft(article_id, text)
        return
    # Many files (their 900-part pass): no flush to disk each (3.6 s of fsyncs), one sync at the
    # end; the commit records them and the journal, removed only after, rewrites a lost one.
    repo.working_ids()  # refuses an articles/ that is a symbolic link, as write_draft does
    for article_id, text in written.items():
        write_file(repo.article_path(article_id), normalise_text(text), sync=False)
    os.sync()


def finish_written_after(repo: BargainingRepo) -> list[str]:
    """Finish a recording killed after its pass was recorded and before its files were written
    (the index entries and files named in the journal); a journal whose commit never became
    HEAD (killed before the refs moved) is dropped: nothing had changed."""
    import json

    journal = repo.git_dir / FORWARD_JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        commit, files = data["commit"], {validate_id(k): str(v) for k, v in dict(data["files"]).items()}
        before = dict(data["before"])
        extra = {str(k): str(v) for k, v in dict(data.get("index", {})).items()}
        if not all(_TERMS_ENTRY.fullmatch(k) and SHA_HEX.fullmatch(v) for k, v in extra.items()):
            raise ValueError("a journal entry that is not a terms file")
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError, OSError, ProposalsError):
        with contextlib.suppress(OSError):
            journal.unlink()
        return []
    done: list[str] = []
    if repo.store.head() == commit:
        # A file edited since the kill is left alone (its index entry still follows the pass).
        untouched = {
            i: t
            for i, t in files.items()
            if blob_hash(_read_bytes(repo.article_path(i)) or b"") == before.get(i)
        }
        _write_recorded(repo, files, untouched, index_only=extra)
        done = [f"Wrote articles/{i}.txt as recorded by a pass that was interrupted" for i in untouched]
    with contextlib.suppress(OSError):
        journal.unlink()
    return done
