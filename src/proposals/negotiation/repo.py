"""A bargaining repo: a git working tree with bargaining.toml, articles/ and notes/.

This is the facade the CLI and the TUI use. It reads article text at any revision name of the
command-line contract (``baseline``, ``union``, ``employer``, ``ta``, ``draft``, a pass name or a
git revision) and caches the history index between writes.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from proposals.contract.part import decode_article, normalise_text, read_article_bytes, validate_id
from proposals.errors import ProposalsError
from proposals.files import write_file as atomic_write  # drafts.atomic_write, without importing drafts
from proposals.negotiation.config import (
    CONFIG_NAME,
    Config,
    config_cache,
    dump_config,
    load_config,
    parse_config,
)
from proposals.negotiation.history import BASELINE_TAG, History, Round, TARecord, load_history
from proposals.negotiation.writer_lock import LOCK_NAME, give_back, take
from proposals.store.git import GitStore, validate_rev
from proposals.store.validate import check_date, check_text

T = TypeVar("T")

ARTICLES_DIR = "articles"
NOTES_DIR = "notes"
PARTY_REVS = ("union", "employer")
MAX_NOTES_CHARS = 1_000_000
ARTICLE_ATTRIBUTES = "* -text -ident -filter -working-tree-encoding\n"
validate_date = check_date  # the one date check (store.validate), under the name callers know


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a revision name means for one article: a label for people and where to read it."""

    label: str
    commit: str | None  # None: the working tree (draft)


def exclusive(fn: Callable[..., T]) -> Callable[..., T]:
    """Run a recording function (pass, withdraw, TA, baseline) under the repo's writer lock."""

    @functools.wraps(fn)
    def wrapper(repo: BargainingRepo, *args: Any, **kwargs: Any) -> T:
        with repo.writer_lock():
            return fn(repo, *args, **kwargs)

    return wrapper


def recorder(fn: Callable[..., T]) -> Callable[..., T]:
    """Like :func:`exclusive`, for the commands that record: first finish what a killed recorder
    left half-done (negotiation/recovery.py), so the CLI and the TUI share that rule."""

    @functools.wraps(fn)
    def wrapper(repo: BargainingRepo, *args: Any, **kwargs: Any) -> T:
        outermost = not repo._lock_depth
        with repo.writer_lock():
            if outermost:
                from proposals.negotiation.recovery import finish_interrupted

                repo.notices.extend(finish_interrupted(repo))
            return fn(repo, *args, **kwargs)

    return wrapper


# How a notice that fixed something begins: front ends title it as a repair, the rest as notes.
REPAIRED = "Repaired: "


def is_repair(notice: str) -> bool:
    """Whether a notice (``BargainingRepo.notices``) says the core fixed something."""
    return notice.startswith(REPAIRED)


class BargainingRepo:
    shallow: bool = False  # a `git clone --depth` copy: history-derived answers would be wrong
    read_only: str = ""  # why nothing can be recorded here ("" when it can): an earlier round's view

    def __init__(self, root: Path, store: GitStore, config: Config) -> None:
        self.root = root
        self.store = store
        self.config = config
        self._history: History | None = None
        self._known: History | None = None  # the last history read: extended, not re-read
        self._view: tuple[History, History] | None = None  # (full history, its current round)
        self._lock_depth = 0
        # What the core did on its own (an interrupted pass finished, say) for the front end to show.
        self.notices: list[str] = []

    @property
    def git_dir(self) -> Path:
        """The .git directory (``GitStore.git_dir``: the one place that asks git for it)."""
        return self.store.git_dir()

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str = ".", env: dict[str, str] | None = None) -> BargainingRepo:
        start = Path(path)
        if not start.is_dir():
            raise ProposalsError(f"{start} is not a directory")
        returncode, lines, _ = GitStore(start, env).probe()
        if returncode != 0 or len(lines) != 3:
            raise ProposalsError(
                f"{start} is not a bargaining repo (not a git repository); create one with proposals init"
            )
        root = Path(lines[0])
        return cls.of_store(GitStore(root, env, git_dir=Path(lines[2])), shallow=lines[1] == "true")

    @classmethod
    def of_store(cls, store: GitStore, *, shallow: bool) -> BargainingRepo:
        """The repo in `store`'s folder, its top level (``proposals sync`` found it before the
        model was imported, ``team.fetching``); refused when it is no bargaining repo."""
        repo = cls(store.root, store, load_config(store.root, config_cache(store.git_dir())))
        repo.shallow = shallow
        return repo

    @classmethod
    def init(
        cls, path: Path | str, union: str, employer: str, env: dict[str, str] | None = None
    ) -> BargainingRepo:
        root = Path(path)
        union = check_text(union, "--union (the union's name)", max_length=120)
        employer = check_text(employer, "--employer (the employer's name)", max_length=120)
        if root.exists() and not root.is_dir():
            raise ProposalsError(f"{root} exists and is not a directory")
        if (root / CONFIG_NAME).exists():
            raise ProposalsError(f"{root} is already a bargaining repo")
        if root.exists() and any(p.name != ".git" for p in root.iterdir()):
            raise ProposalsError(f"{root} is not empty; init needs a new or empty directory")
        root.mkdir(parents=True, exist_ok=True)
        store = GitStore(root, env)
        if not (root / ".git").exists():
            store.init()
        config = parse_config(
            {"parties": {"union": {"name": union.strip()}, "employer": {"name": employer.strip()}}}
        )
        atomic_write(root / CONFIG_NAME, dump_config(config))
        (root / ARTICLES_DIR).mkdir(exist_ok=True)
        (root / NOTES_DIR).mkdir(exist_ok=True)
        atomic_write(
            root / NOTES_DIR / "README.md",
            "Team-internal notes, one file per article (notes/<id>.md).\n"
            "proposals never exports them and never shows them in anything for the other side.\n",
        )
        atomic_write(root / ".gitattributes", "articles/*.txt text eol=lf diff=article\n")
        # Articles are stored exactly as written: no end-of-line conversion, $Id$ expansion or
        # filter, whatever a member's own settings say, so the TA locks (blob ids) compare like.
        atomic_write(root / ARTICLES_DIR / ".gitattributes", ARTICLE_ATTRIBUTES)
        store.commit(
            f"Start bargaining: {union.strip()} and {employer.strip()}\n",
            [CONFIG_NAME, f"{NOTES_DIR}/README.md", ".gitattributes", f"{ARTICLES_DIR}/.gitattributes"],
        )
        return cls(root, store, config)

    def round_view(self, name: str | None) -> BargainingRepo:
        """The repo as round `name` left it, read-only, for status, exports and the TUI board;
        None or the current round's name is this repo itself."""
        if name is None:
            return self
        full = self.full_history()
        rounds = full.all_rounds()
        chosen = full.round_named(name)
        if chosen is None:
            raise ProposalsError(f"no round {name!r}: rounds are {', '.join(r.name for r in rounds)}")
        if chosen is rounds[-1] and not chosen.closed:
            return self
        return EarlierRound(self, chosen.name)

    def shown_round(self, name: str | None) -> BargainingRepo:
        """What status and the exports show: ``round_view(name)``, and with no name a current
        round already closed (the next not yet opened) as it ended, read-only, since the
        working tree already holds the next round's baseline."""
        if name is None:
            rounds = self.full_history().all_rounds()
            return EarlierRound(self, rounds[-1].name, follows_current=True) if rounds[-1].closed else self
        return self.round_view(name)

    def current_view(self) -> BargainingRepo:
        """What shows the current round now, asked again at each refresh (the TUI's board):
        ``shown_round(None)``."""
        return self.shown_round(None)

    # -- state ---------------------------------------------------------------------------------

    def history(self, *, from_git: bool = False) -> History:
        """The current round's history at HEAD (``History.in_round``), read once per command.

        `from_git` reads it from git itself, not the on-disk cache: what ``verify`` proves must
        not rest on a file anyone could have edited.
        """
        self.full_history(from_git=from_git)
        assert self._view is not None
        return self._view[1]

    def full_history(self, *, from_git: bool = False) -> History:
        """Every round's history (``history_cache``); read once per command."""
        if self._history is None or from_git:
            if self.shallow:
                raise ProposalsError(
                    "this is a shallow clone (git clone --depth): the negotiation's history is "
                    "incomplete, so passes, TAs and status would be wrong; run git fetch --unshallow"
                )
            if from_git:
                self._history = load_history(self.store)
            else:
                from proposals.negotiation.history_cache import cache_path, cached_history

                self._history = cached_history(self.store, cache_path(self.git_dir), self._known)
            self._known = self._history
            self._view = None
        if self._view is None or self._view[0] is not self._history:
            self._view = (self._history, self._history.in_round())
        return self._history

    def ensure_can_record(self, *, closed_ok: bool = False, history: bool = True) -> None:
        """Refuse up front, before any file is touched, to record into a repo git cannot commit to
        (or, unless `closed_ok`, into a round that has been closed). `history`: False when the
        caller may need no history at all (a sync, until it has something to integrate): the
        round is then read from the cache's header, not from the records behind it."""
        git_dir = self.git_dir
        lock = git_dir / "index.lock"
        if lock.exists():
            try:
                age = max(0, int((time.time() - lock.stat().st_mtime) // 60))
            except OSError:
                age = 0
            raise ProposalsError(
                f"{lock} exists (left {age} min ago): another git command is running, or one "
                "crashed; if none is running, delete that file and retry"
            )
        if (git_dir / "MERGE_HEAD").exists():
            raise ProposalsError(
                "a merge is in progress: settle each conflict (proposals resolve lists them), "
                "or abandon the merge with git merge --abort"
            )
        if not self.store.on_branch():
            raise ProposalsError(
                "HEAD is detached (an old pass or revision is checked out); switch back to your "
                "branch (git switch main) before recording anything"
            )
        current = self._current_round(history)
        if current is not None and current.closed and not closed_ok:
            raise ProposalsError(
                f"round {current.name} was closed (ratified {current.ratified}); open the next one "
                "with proposals round open NAME --expires YYYY-MM-DD"
            )

    def _current_round(self, whole: bool) -> Round | None:
        """The round HEAD is in (None: a repo still in its first round). Not `whole`: from the
        cache's header when it is at HEAD (``cached_rounds``: at 20,000 passes 5 ms where the
        history takes 40), else, like a shallow clone's refusal, from the history."""
        if not whole and self._history is None and not self.shallow:
            from proposals.negotiation.history_cache import cache_path, cached_rounds

            rounds = cached_rounds(self.store, cache_path(self.git_dir))
            if rounds is not None:
                return rounds[-1] if rounds else None
        return self.history().round  # refuses a shallow clone

    @contextlib.contextmanager
    def writer_lock(self, wait: float = 15.0, *, held: bool = False) -> Iterator[None]:
        """One recorder at a time per clone (the TUI and the CLI, say), so two passes can never
        pick the same number. Re-entrant in one process; a lock left by a dead process is taken
        over; a live one is waited for, then refused in one line (``negotiation.writer_lock``).
        `held`: the caller took the lock file itself and gives it back (``proposals sync`` takes
        it before the model is imported, ``team.fetching.started``)."""
        if self._lock_depth:
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
            return
        lock = self.git_dir / LOCK_NAME
        if not held:
            take(lock, wait)
        try:
            self._lock_depth = 1
            self.invalidate()  # what the other recorder wrote counts
            yield
        finally:
            self._lock_depth = 0
            if not held:
                give_back(lock)

    def take_notices(self) -> list[str]:
        """The notices gathered so far, once: the front end shows them after a command."""
        notices, self.notices = self.notices, []
        return notices

    def invalidate(self) -> None:
        self._history = None
        self.store.forget_refs()

    def save_config(self, config: Config) -> None:
        atomic_write(self.root / CONFIG_NAME, dump_config(config))
        self.config = config

    # -- articles ------------------------------------------------------------------------------

    def _plain_dir(self, name: str) -> Path:
        """articles/ or notes/, refused if a (shared, hostile) repo made it a symlink out of the repo."""
        directory = self.root / name
        if directory.is_symlink():
            raise ProposalsError(f"{name}/ is a symbolic link; it must be a plain folder in the repo")
        return directory

    def article_relpath(self, article_id: str) -> str:
        return f"{ARTICLES_DIR}/{validate_id(article_id)}.txt"

    def article_path(self, article_id: str) -> Path:
        return self.root / self.article_relpath(article_id)

    def notes_path(self, article_id: str) -> Path:
        return self.root / NOTES_DIR / f"{validate_id(article_id)}.md"

    def working_ids(self) -> list[str]:
        """Articles present in the working tree (files whose names are valid ids)."""
        directory = self._plain_dir(ARTICLES_DIR)
        if not directory.is_dir():
            return []
        ids = []
        for path in directory.iterdir():
            if path.suffix == ".txt" and path.is_file():
                try:
                    ids.append(validate_id(path.stem))
                except ProposalsError:
                    continue
        return sorted(ids)

    def article_ids(self) -> list[str]:
        """Every article the negotiation knows: in the working tree or anywhere in its history."""
        return sorted(set(self.working_ids()) | self.history().article_ids())

    def read_draft(self, article_id: str) -> str | None:
        """The working-tree text (our draft or the table text), or None if there is no file."""
        path = self._plain_dir(ARTICLES_DIR) / f"{validate_id(article_id)}.txt"
        if path.is_symlink():  # a shared repo must not make us read (and export) ~/.ssh/id_rsa
            raise ProposalsError(
                f"{self.article_relpath(article_id)} is a symbolic link; articles must be plain files"
            )
        try:
            data = read_article_bytes(path, self.article_relpath(article_id))
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise ProposalsError(f"{self.article_relpath(article_id)} is a directory") from None
        except NotADirectoryError:
            raise ProposalsError(f"{ARTICLES_DIR} is a file; it must be the folder of articles") from None
        except OSError as exc:  # permission denied, I/O error: say which file, in one line
            raise ProposalsError(f"{self.article_relpath(article_id)}: {exc.strerror or exc}") from None
        return decode_article(data, self.article_relpath(article_id))

    def write_draft(self, article_id: str, text: str) -> None:
        atomic_write(self._plain_dir(ARTICLES_DIR) / f"{validate_id(article_id)}.txt", normalise_text(text))

    def read_notes(self, article_id: str) -> str:
        try:
            return self.notes_path(article_id).read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def write_notes(self, article_id: str, text: str) -> None:
        """Notes are team-private and may be committed, so they carry no control characters."""
        what = f"notes on {article_id}"
        check_text(text, what, multiline=True, max_length=MAX_NOTES_CHARS, allow_empty=True)
        atomic_write(self._plain_dir(NOTES_DIR) / f"{validate_id(article_id)}.md", text)

    def texts_at_commits(self, specs: list[tuple[str, str]]) -> list[str | None]:
        """Many (article id, commit) texts in one ``git cat-file --batch``; None where missing."""
        blobs = self.store.read_blobs([(commit, self.article_relpath(i)) for i, commit in specs])
        return [
            None if data is None else decode_article(data, f"{self.article_relpath(i)} at {commit[:10]}")
            for (i, commit), data in zip(specs, blobs, strict=True)
        ]

    def text_at_commit(self, article_id: str, commit: str) -> str | None:
        data = self.store.read_blob(commit, self.article_relpath(article_id))
        if data is None:
            return None
        return decode_article(data, f"{self.article_relpath(article_id)} at {commit[:10]}")

    # -- revision names ------------------------------------------------------------------------

    def resolve(self, article_id: str, rev: str) -> Resolved:
        """Turn a REV of the command-line contract into a commit for this article."""
        validate_id(article_id)
        history = self.history()
        if rev == "draft":
            return Resolved("draft", None)
        if rev == BASELINE_TAG:
            later_round = history.round is not None and history.round.opened is not None
            commit = history.baseline if later_round else self.store.rev_parse(f"refs/tags/{BASELINE_TAG}")
            if commit is None:
                raise ProposalsError("this negotiation has no baseline (a first contract)")
            return Resolved("baseline", commit)
        if rev in PARTY_REVS:
            last = history.last_pass(article_id, rev)
            if last is None:
                raise ProposalsError(f"the {rev} has made no pass on {article_id}")
            return Resolved(last.name, last.commit)
        if rev == "ta":
            tas = history.tas_for(article_id)
            if not tas:
                raise ProposalsError(f"{article_id} has no tentative agreement")
            return Resolved(tas[-1].tag or "ta", tas[-1].commit)
        in_round = self.resolve_in_round(rev)
        if in_round is not None:
            return in_round
        record = history.pass_named(rev)
        if record is not None:
            return Resolved(record.name, record.commit)
        if history.round is not None and history.round.opened is not None:
            return self._in_a_later_round(history, rev)
        validate_rev(rev)
        commit = self.store.rev_parse(rev)
        if commit is None:
            raise ProposalsError(f"unknown revision {rev!r}: not a pass, a party, or a git revision")
        return Resolved(rev, commit)

    def resolve_in_round(self, rev: str) -> Resolved | None:
        """``round:NAME`` (a round's ratified text, or its latest while it is open) and
        ``NAME/U-3`` (a pass of that round); None when `rev` names neither."""
        full = self.full_history()
        rounds = [r.name for r in full.all_rounds()]
        if rev.startswith("round:"):
            chosen = full.round_named(rev[len("round:") :])
            if chosen is None:
                raise ProposalsError(f"no round {rev[len('round:') :]!r}: rounds are {', '.join(rounds)}")
            if chosen.closed:
                return Resolved(f"{rev} (ratified {chosen.ratified})", chosen.closed)
            if chosen is full.all_rounds()[-1] and full.head:
                return Resolved(rev, full.head)
            raise ProposalsError(f"round {chosen.name} was never ratified")
        name, sep, pass_name = rev.rpartition("/")
        if sep and name in rounds:
            chosen = full.round_named(name)
            assert chosen is not None
            if pass_name == "ratified" and chosen.closed:
                return Resolved(f"{rev} ({chosen.ratified})", chosen.closed)
            if pass_name == BASELINE_TAG:  # the text the round bargained from
                if chosen.baseline is None:
                    raise ProposalsError(f"round {name} has no baseline (a first contract)")
                return Resolved(rev, chosen.baseline)
            view = full.in_round(chosen)
            record = view.pass_named(pass_name)
            if record is not None:
                return Resolved(rev, record.commit)
            ta = _ta_tagged(view, chosen.tag_prefix + pass_name)
            if ta is None:
                raise ProposalsError(f"round {name} has no pass or TA {pass_name}")
            return Resolved(rev, ta.commit)
        return None

    def _in_a_later_round(self, history: History, rev: str) -> Resolved:
        """A bare name in a round after the first is that round's (``U-3``, ``ta-staffing``), never
        an earlier round's tag of the same name: that one is ``2024/U-3``."""
        assert history.round is not None
        validate_rev(rev)
        ta = _ta_tagged(history, history.tag_prefix + rev)
        if ta is not None:
            return Resolved(rev, ta.commit)
        full = self.full_history()
        for chosen in reversed(full.all_rounds()):
            if chosen is history.round or chosen.name == history.round.name:
                continue
            view = full.in_round(chosen)
            if view.pass_named(rev) is not None or _ta_tagged(view, chosen.tag_prefix + rev) is not None:
                raise ProposalsError(
                    f"round {history.round.name} has no pass or TA {rev}; "
                    f"round {chosen.name}'s is {chosen.name}/{rev}"
                )
        commit = self.store.rev_parse(rev)
        if commit is None:
            raise ProposalsError(f"unknown revision {rev!r}: not a pass, a party, or a git revision")
        return Resolved(rev, commit)

    def text_at(self, article_id: str, rev: str = "draft") -> str:
        resolved = self.resolve(article_id, rev)
        if resolved.commit is None:
            text = self.read_draft(article_id)
        elif rev.startswith("refs/drafts/"):  # a saved draft's tree holds just <id>.txt
            data = self.store.read_blob(resolved.commit, f"{article_id}.txt")
            text = None if data is None else decode_article(data, f"{article_id}.txt at {rev}")
        else:
            text = self.text_at_commit(article_id, resolved.commit)
        if text is None:
            where = "in the working tree" if resolved.commit is None else f"at {resolved.label}"
            raise ProposalsError(f"article {article_id} does not exist {where}")
        return text

    def table_text(self, article_id: str) -> str | None:
        """The text last recorded (HEAD): what is on the table, as opposed to our draft."""
        head = self.history().head
        return self.text_at_commit(article_id, head) if head else None

    def default_from(self, article_id: str) -> str:
        """What a redline of the draft is read against when nobody says: the table text if we
        have an unsent draft, else the pass before the last one (so the last move shows)."""
        history = self.history()
        passes = [p for p in history.passes_for(article_id) if article_id in p.articles]
        draft = self.read_draft(article_id)
        if passes and draft is not None and draft != self.table_text(article_id):
            return passes[-1].name
        if len(passes) >= 2:
            return passes[-2].name
        if history.baseline is not None:
            return "baseline"
        if passes:
            return passes[-1].name
        raise ProposalsError(f"{article_id} has no recorded text to compare with")

    def versions(self, article_id: str, upto: str | None = None) -> list:
        """The article's text as each party put it on the table, oldest first (for provenance).

        The baseline comes first when there is one; `upto` (a commit) stops the walk there.
        """
        from proposals.redline.provenance import Version

        history = self.history()
        out: list[Version] = []
        if history.baseline is not None:
            text = self.text_at_commit(article_id, history.baseline)
            if text is not None:
                out.append(Version("baseline", "baseline", text))
        for record in history.passes_for(article_id):
            if article_id in record.articles:
                text = self.text_at_commit(article_id, record.commit)
                if text is not None:
                    out.append(Version(record.name, record.party, text))
            if upto is not None and record.commit == upto:
                break
        return out

    def draft_ids(self) -> set[str]:
        """Articles whose working-tree text differs from HEAD: unsent drafts."""
        prefix = ARTICLES_DIR + "/"
        return {
            p[len(prefix) : -4]
            for p in self.store.dirty_paths(ARTICLES_DIR)
            if p.startswith(prefix) and p.endswith(".txt")
        }


class EarlierRound(BargainingRepo):
    """A closed round as it ended (the table at the commit before its close), read-only: its
    history is ``History.in_round(name)``, its drafts are the texts then on the table, and every
    recorder is refused up front, naming the round (``ensure_can_record``, ``writer_lock``)."""

    def __init__(self, repo: BargainingRepo, name: str, *, follows_current: bool = False) -> None:
        super().__init__(repo.root, repo.store, repo.config)
        # Shown because the current round was closed (``shown_round(None)``), not named by the
        # user: it gives way to the next round once that is opened (``current_view``).
        self._live = repo if follows_current else None
        self._history, self._known = repo._history, repo._known
        self.shallow = repo.shallow
        self.name = name
        last = repo.full_history().all_rounds()[-1]
        self.read_only = (
            f"round {name} is closed: shown read-only (the current round is {last.name})"
            if last.name != name
            else f"round {name} is closed: shown read-only (open the next with proposals round open NAME "
            "--expires YYYY-MM-DD)"
        )
        self._end: tuple[History, History] | None = None  # (full history, this round's view)

    def history(self, *, from_git: bool = False) -> History:
        full = self.full_history(from_git=from_git)
        if self._end is None or self._end[0] is not full:
            view = full.in_round(self.name)
            closed = view.round.closed if view.round else None
            view.head = self.store.rev_parse(f"{closed}^") if closed else view.head
            self._end = (full, view)
        return self._end[1]

    def current_view(self) -> BargainingRepo:
        """A round the user named stays shown; the current round shown as it ended gives way,
        at a refresh, to the next round once someone opened it (the CLI, another member's sync)."""
        if self._live is None:
            return self
        last = self.full_history().all_rounds()[-1]
        if last.name == self.name and last.closed:
            return self
        self._live.invalidate()
        return self._live.current_view()

    def working_ids(self) -> list[str]:
        head = self.history().head
        ids = []
        for path in self.store.list_files(head, ARTICLES_DIR) if head else []:
            name = path.rpartition("/")[2]
            if name.endswith(".txt"):
                with contextlib.suppress(ProposalsError):
                    ids.append(validate_id(name[:-4]))
        return sorted(ids)

    def read_draft(self, article_id: str) -> str | None:
        return self.table_text(article_id)

    def draft_ids(self) -> set[str]:
        return set()

    def ensure_can_record(self, *, closed_ok: bool = False) -> None:
        raise ProposalsError(self.read_only)

    @contextlib.contextmanager
    def writer_lock(self, wait: float = 15.0, *, held: bool = False) -> Iterator[None]:
        raise ProposalsError(self.read_only)
        yield  # pragma: no cover (a generator, for contextmanager)

    def write_draft(self, article_id: str, text: str) -> None:
        raise ProposalsError(self.read_only)

    def write_notes(self, article_id: str, text: str) -> None:
        raise ProposalsError(self.read_only)


def _ta_tagged(history: History, tag: str) -> TARecord | None:
    """The TA recorded under `tag` in this history, the latest if a resolution kept two."""
    found = [ta for ta in history.tas if ta.tag == tag]
    return found[-1] if found else None
