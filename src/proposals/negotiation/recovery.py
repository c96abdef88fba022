"""Finishing what a killed recorder left half-done, before anything new is recorded.

A pass is a commit and then a tag, a TA the same, and a draft is a temp file renamed into place, so
a process killed between the two steps leaves a pass without its tag or a stray temp file. Every
recording command, from the CLI and the TUI alike, finishes that work first (ARCHITECTURE.md, "one
core path"): ``repo.py``'s ``recorder`` decorator calls :func:`finish_interrupted` under the writer
lock and keeps what it did in ``repo.notices`` for the front end to show. ``proposals repair`` (team
integrity) reuses the same finders and fixers and adds the repairs that need more care.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from proposals.errors import ProposalsError
from proposals.negotiation.history import TARecord
from proposals.negotiation.repo import REPAIRED

if TYPE_CHECKING:
    from proposals.negotiation.repo import BargainingRepo

# The repairs that only add what the record already says (a tag its commit names, a temp file set
# aside) or take away what nobody owns (a killed git's lock): safe to run unasked before every
# recording.
SAFE_KINDS = ("untagged-pass", "untagged-ta", "untagged-close", "temp-file", "ref-lock", "index-lock")
# Our own lock files in .git (the writer lock and its takeover guard), never a git's.
OWN_LOCKS = ("proposals.lock", "proposals.lock.takeover")


def git_lock_files(repo: BargainingRepo) -> list[Path]:
    """Every git lock file in the repo: ``index.lock``, ``HEAD.lock``, ``packed-refs.lock``... at the
    top of .git (ours excepted) and ``refs/**/*.lock``."""
    directory = repo.git_dir
    try:
        top = [
            directory / entry.name
            for entry in os.scandir(directory)
            if entry.name.endswith(".lock") and entry.name not in OWN_LOCKS
        ]
    except OSError:
        top = []
    common = _common_dir(directory)
    refs = _lock_files(common / "refs")
    if common != directory:
        refs += [*_lock_files(directory / "refs"), common / "packed-refs.lock"]
    return [path for path in top + refs if path.is_file()]


def _common_dir(git_dir: Path) -> Path:
    """The directory a linked worktree shares its refs in (git_dir itself otherwise)."""
    try:
        pointer = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return git_dir
    return (git_dir / pointer).resolve() if pointer else git_dir


def abandoned_git_locks(repo: BargainingRepo, locks: list[Path] | None = None) -> list[Path]:
    """The git lock files no running process owns (``store.locks.abandoned``): left by a git that
    was killed, removed regardless of their age. Called under our writer lock."""
    from proposals.store.locks import abandoned

    found = git_lock_files(repo) if locks is None else locks
    if not found:
        return []
    git_dir = repo.git_dir
    return abandoned(found, [repo.root, git_dir, _common_dir(git_dir)])


def _lock_files(top: Path) -> list[Path]:
    """``*.lock`` under `top` by ``os.scandir`` (a sync leaves 20,000 loose refs there at 20,000
    passes; ``Path.rglob`` took 30 ms to walk them, before every pass)."""
    found: list[Path] = []
    pending = [str(top)]
    while pending:
        try:
            entries = os.scandir(pending.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.name.endswith(".lock"):
                    found.append(Path(entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
    return found


def temp_files(repo: BargainingRepo) -> list[Path]:
    """Leftovers of drafts.atomic_write killed before its rename: `.<name>.<random>.tmp`."""
    from proposals.negotiation.repo import ARTICLES_DIR, NOTES_DIR

    found: list[Path] = []
    for directory in (repo.root, repo.root / ARTICLES_DIR, repo.root / NOTES_DIR):
        if directory.is_dir():
            found += sorted(p for p in directory.glob(".*.tmp") if p.is_file())
    return found


def interrupted(repo: BargainingRepo) -> list[tuple[str, str]]:
    """(kind, name) of every safe repair this repo needs: untagged passes and TAs, temp files."""
    found = [("temp-file", str(p.relative_to(repo.root))) for p in temp_files(repo)]
    git_dir = repo.git_dir
    found += [
        ("index-lock" if p.name == "index.lock" else "ref-lock", _lock_name(git_dir, p))
        for p in abandoned_git_locks(repo)
    ]
    # Only now: a git of ours still listing while the locks are looked at is "a git running
    # here", which leaves every lock in place (a killed git's were kept, at random, under load).
    repo.store.start_tag_listing()  # git lists the tags while the history is read (20 ms of 20,000)
    full = repo.full_history()  # every round's: an earlier round's tags stay in place too
    tags = repo.store.tag_names()
    names = full.pass_tag_names()
    if not tags.issuperset(names):  # the common answer in one C-level test, not 20,000 lookups
        found += [("untagged-pass", name) for name in dict.fromkeys(names) if name not in tags]
    found += [("untagged-ta", t.tag) for t in full.tas if t.tag and t.tag not in tags]
    found += [  # a close whose <round>/ratified tag went missing (deleted by hand, or never made)
        ("untagged-close", f"{r.name}/ratified")
        for r in full.all_rounds()
        if r.closed and f"{r.name}/ratified" not in tags
    ]
    return found


def _lock_name(git_dir: Path, path: Path) -> str:
    """How repair names a lock: relative to .git (a worktree's shared refs: an absolute path)."""
    try:
        return str(path.relative_to(git_dir))
    except ValueError:
        return os.path.relpath(path, git_dir)


def _tag_pass(repo: BargainingRepo, name: str) -> str:
    from proposals.negotiation.passes import session_timestamp

    record = repo.full_history().pass_tags()[name]
    party = repo.config.parties.get(record.party)
    who = party.name if party else record.party
    what = (
        f"Articles: {', '.join(record.articles)}"
        if record.articles
        else f"Withdrawn: {', '.join(record.withdrawn)}"
    )
    message = (
        f"{who} proposal {record.name}, session {record.session}\n\n{what}\n\n"
        "Tag restored by proposals repair: the pass was interrupted before it was tagged.\n"
    )
    date = session_timestamp(record.session) if record.session else None
    repo.store.tag(name, record.commit, message, date=date)
    return f"{REPAIRED}pass {name} was recorded but not tagged; tagged it"


def _tag_ta(repo: BargainingRepo, ta: TARecord) -> str:
    from proposals.negotiation.passes import session_timestamp

    what = f"section {ta.section} of {ta.article}" if ta.section else ta.article
    message = (
        f"Tentative agreement on {what}, {ta.date}\n\n"
        f"For the union: {ta.union_sign}\nFor the employer: {ta.employer_sign}\n\n"
        "Tag restored by proposals repair: the TA was interrupted before it was tagged.\n"
    )
    repo.store.tag(ta.tag, ta.commit, message, date=session_timestamp(ta.date) if ta.date else None)
    return f"{REPAIRED}TA {ta.tag} was recorded but not tagged; tagged it"


def _tag_close(repo: BargainingRepo, tag_name: str) -> str:
    from proposals.negotiation.rounds import ratified_tag

    name = tag_name.removesuffix("/ratified")
    closed = next(r for r in repo.full_history().all_rounds() if r.name == name and r.closed)
    tag, message, date = ratified_tag(name, closed.ratified)
    assert closed.closed is not None
    repo.store.tag(tag, closed.closed, message, date=date)
    return f"{REPAIRED}the close of round {name} was recorded but not tagged; tagged it {tag}"


def _set_aside(repo: BargainingRepo, relpath: str) -> str:
    target_dir = repo.git_dir / "proposals" / "interrupted"
    target_dir.mkdir(parents=True, exist_ok=True)
    source = repo.root / relpath
    import shutil  # only here: with bz2 and lzma, 2 ms of every recording's start

    shutil.move(str(source), target_dir / f"{int(time.time())}-{os.getpid()}-{source.name}")
    return f"{REPAIRED}moved {relpath} (an interrupted save) into {target_dir}"


def fix(repo: BargainingRepo, kind: str, name: str) -> str:
    """Do one safe repair; the line says what was done."""
    if kind == "untagged-pass":
        return _tag_pass(repo, name)
    if kind == "untagged-ta":
        return _tag_ta(repo, next(t for t in repo.full_history().tas if t.tag == name))
    if kind == "untagged-close":
        return _tag_close(repo, name)
    if kind == "temp-file":
        return _set_aside(repo, name)
    if kind in ("ref-lock", "index-lock"):
        path = (repo.git_dir / name).resolve()
        if not abandoned_git_locks(repo, [path]):  # looked at again: a git may have started since
            raise ProposalsError(f".git/{name} is in use by a running git command")
        path.unlink(missing_ok=True)
        return f"{REPAIRED}removed .git/{name}, a lock left by a git command that was killed"
    raise ValueError(f"not a safe repair: {kind}")


# The journals a recorder keeps in .git while it writes files (baseline.py, drafts.py): one left
# behind means a command was killed there. Named here, so status can ask without importing them.
BASELINE_JOURNAL = "proposals-baseline.json"
RESTORE_JOURNAL = "proposals-restore.json"
FORWARD_JOURNAL = "proposals-written-after.json"
ROUND_JOURNAL = "proposals-round.json"  # a round close or undo (negotiation/rounds.py)
JOURNALS = (BASELINE_JOURNAL, RESTORE_JOURNAL, FORWARD_JOURNAL, ROUND_JOURNAL)


def pending_journals(repo: BargainingRepo) -> list[str]:
    """The journals a killed recorder left, for status and ``repair --dry-run`` to name."""
    return [name for name in JOURNALS if (repo.git_dir / name).is_file()]


def play_journals(repo: BargainingRepo) -> list[str]:
    """Finish or undo what a recorder killed while writing files left (under the caller's writer
    lock): a baseline or pass whose commit landed gets its files, one that did not is put back."""
    done: list[str] = []
    for name in JOURNALS:  # a baseline first, then a pass put back, then one finished
        if not os.path.lexists(repo.git_dir / name):
            continue  # the common case: nothing to play, nor baseline's 30 ms of imports to pay
        with contextlib.suppress(ProposalsError, OSError):  # left for the command itself to report
            done += _journal_step(name)(repo)
    return done


def _journal_step(name: str) -> Callable[[BargainingRepo], list[str]]:
    """The step that plays the journal `name`, imported only when such a journal is left."""
    if name == BASELINE_JOURNAL:
        from proposals.negotiation.baseline import finish_baseline

        return finish_baseline
    if name == ROUND_JOURNAL:
        return _play_round_journal
    from proposals.negotiation.drafts import finish_written_after, restore_interrupted

    return restore_interrupted if name == RESTORE_JOURNAL else finish_written_after


def _play_round_journal(repo: BargainingRepo) -> list[str]:
    """A round close or undo killed half-way: finished, or its parts put back (rounds.py)."""
    from proposals.negotiation.rounds import settle_round_step

    return settle_round_step(repo)


def finish_interrupted(repo: BargainingRepo) -> list[str]:
    """Run every safe repair (under the caller's writer lock); what was done, one line each."""
    done = play_journals(repo)
    try:
        needed = interrupted(repo)
    except ProposalsError:
        return done  # the command itself will report what is wrong, in its own words
    for kind, name in needed:
        try:
            done.append(fix(repo, kind, name))
        except (ProposalsError, OSError):
            continue  # left for `proposals repair`, which explains it
    if done:
        repo.invalidate()
    return done
