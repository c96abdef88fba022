"""The parsed history kept on disk (``.git/proposals/history.cache``), so it is read from git once.

Reading and parsing ``git log`` grows with every pass ever made (about 0.4 s at 20,000 passes);
most commands then change nothing. The cache holds the parsed records and the tip they were read
at. A command asks git for HEAD only: the same tip is a hit; a tip that is a straight line of
new commits on top of the cached one is read with ``git log <cached>..HEAD`` and appended; anything
else (amend, rebase, reset, a merge, a superseded TA, a file that is corrupt, unreadable or from
another version) is read again from scratch and the cache rewritten. The file is local (git never
transfers ``.git/proposals``) and checksummed, and ``verify`` never uses it: what verify proves is
read from git itself (``BargainingRepo.history(from_git=True)``).

The file is a run of checksummed chunks: the whole history, then one chunk per extension
appended (``git log <cached>..HEAD``'s records, from tip X to tip Y), so a pass at 20,000 passes
writes a few hundred bytes, not the whole history again. A chunk that does not start at the tip
the chunks before it reached, a torn or corrupt chunk: the whole file is untrusted and rebuilt. Past
``MAX_CHUNKS`` chunks it is written whole again (one chunk). The whole history's chunk starts with
a small header (its tip and its rounds), so ``cached_rounds`` answers "is this round closed?"
without decoding 20,000 records (a no-op sync needs nothing else of the history). Then a small
summary (everything but the passes, and the few answers a pass asks of them: their names, each
part's count and last pass, each code's highest number), then the records: a history of one round is read as a
``CachedHistory``, whose records are made only when something asks for them (a pass at 20,000
passes never does: they were half its history's cost).
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import operator
import os
import stat
from collections import defaultdict
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from zlib import crc32

from proposals.errors import ProposalsError
from proposals.negotiation.history import (
    _WIDTH,
    HISTORY_KEYS,
    LOG_FORMAT,
    History,
    PassRecord,
    Round,
    TARecord,
    _fast_form,
    highest_numbers,
    load_history,
    new_pass,
    new_ta,
    parse_history,
)
from proposals.store.git import GitStore
from proposals.store.log import LogStream

CACHE_NAME = "history.cache"
_MAGIC = b"proposals-history\n"
# Each chunk: its length (8 bytes, little-endian), its CRC-32 (4), its payload. The check is for a
# torn or damaged file (anyone who can write .git can write anything; verify never reads it): a
# CRC finds those as a blake2b does, and a pass checks 2.7 MB at 20,000 passes (2.8 -> 0.6 ms).
_DIGEST = 4
_HEAD = 8 + _DIGEST
MAX_CHUNKS = 64  # appended extensions before the file is written whole again
# Anything that changes what a record holds or how it is read makes old files another version.
VERSION = "|".join(
    [
        "7",
        LOG_FORMAT,
        ",".join(f.name for f in fields(Round)),
        ",".join(f.name for f in fields(PassRecord)),
        ",".join(f.name for f in fields(TARecord)),
        ",".join(f.name for f in fields(History)),
    ]
)
PASS_ROW, TA_ROW = 0, 1  # the kind a row of the file starts with (``cached_rows``)
_PASS, _TA = PASS_ROW, TA_ROW
# Every field of History, each kept by _encode/_decode and carried by _extend (a test checks this
# list against the class, so a new field cannot be silently dropped by the cache).
HANDLED_FIELDS = frozenset(
    {"passes", "tas", "timeline", "baseline", "head", "superseded_tas", "superseded_commits", "events",
     "package_marks", "rounds", "round", "untrusted"}  # round: set on one-round views only, never cached
)


def cache_path(git_dir: Path) -> Path:
    return git_dir / "proposals" / CACHE_NAME


def cached_history(store: GitStore, path: Path, known: History | None = None) -> History:
    """The history at HEAD, from `known` (this process's last read), the file, or git. HEAD is
    asked of git each time (the file or `known` may be older than it), then shared through
    ``store.head``."""
    head = store.read_head()
    if head is None:
        return History()
    tried: set[str | None] = set()
    for source, owned in ((lambda: known, False), (lambda: read_cache(path), True)):
        candidate = source()
        if candidate is None or candidate.head in tried:
            continue
        if type(candidate) is CachedHistory:
            candidate.store = store  # its records are read from git should the file's not decode
        tried.add(candidate.head)
        if candidate.head == head:
            return candidate
        tip = candidate.head
        step = _extension(store, candidate, head)
        if step is not None:
            extended = _extended(candidate, step, owned)
            if not _append(path, tip, step):
                write_cache(path, extended)
            return extended
    history = load_history(store, head)
    write_cache(path, history)
    return history


def cached_rounds(store: GitStore, path: Path) -> list[Round] | None:
    """The rounds at HEAD from the file's header alone, or None when the file does not reach
    HEAD as it is (then only the history, ``cached_history``, answers). An extension never opens
    or closes a round (``_extension``), so the first chunk's rounds hold at the last chunk's tip."""
    head = store.read_head()
    found = _read_chunks(path)
    if head is None or found is None:
        return None
    chunks = found[0]
    try:
        version, tip, rounds = _header(chunks[0])
        if version != VERSION:
            return None
        for step in chunks[1:]:
            version, start, reached, *_ = marshal.loads(step)
            if version != VERSION or start != tip:
                return None
            tip = reached
        return [Round(*values) for values in rounds] if tip == head else None
    except (ValueError, TypeError, EOFError):
        return None


def cached_rows(store: GitStore, path: Path) -> tuple[list[Round], list[tuple]] | None:
    """(the rounds, every pass and TA in recorded order as the file keeps it: ``PASS_ROW`` or
    ``TA_ROW``, then the record's fields) at HEAD, or None when the file does not reach HEAD as it
    is (then ``cached_history`` reads, and rewrites, it). No record is built: ``log --json`` prints
    a few fields of 20,000 passes, and building them was a third of its time."""
    head = store.read_head()
    found = _read_chunks(path)
    if head is None or found is None:
        return None
    chunks = found[0]
    enabled = gc.isenabled()
    gc.disable()  # as in read_cache: tens of thousands of tuples, none of them garbage
    try:
        version, tip, rounds = _header(chunks[0])
        if version != VERSION:
            return None
        timeline = marshal.loads(_sections(chunks[0])[1])
        for step in chunks[1:]:
            version, start, reached, _, rows, *_ = marshal.loads(step)
            if version != VERSION or start != tip:
                return None
            timeline += rows
            tip = reached
        if tip != head or not isinstance(timeline, list):
            return None
        return [Round(*values) for values in rounds], timeline
    except (ValueError, TypeError, EOFError):
        return None
    finally:
        if enabled:
            gc.enable()


def _extend(store: GitStore, history: History, head: str, owned: bool = False) -> History | None:
    """`history` plus the commits on top of it up to `head`, or None when they are not a plain
    line of new commits on top of its tip (then only a full read gives the same answer).
    `owned`: nobody else holds `history` (just read from the file), so it is extended in place."""
    step = _extension(store, history, head)
    return None if step is None else _extended(history, step, owned)


def _extension(store: GitStore, history: History, head: str) -> History | None:
    """The records of the commits on top of `history` up to `head` (``git log <tip>..<head>``),
    or None when they are not a plain line of new commits that only adds passes and TAs."""
    tip = history.head
    if tip is None:
        return None
    # One git log of tip..head gives the records and each commit's parents (the second field of
    # each record, as _fast_form checks it): no rev-list of its own, one git less per command.
    with LogStream(store, f"{tip}..{head}", HISTORY_KEYS, options=("--topo-order", "--reverse")) as log:
        text = log.text()
    if text is None:
        return None  # the old tip is gone (gc after a rewrite) or not a commit
    fields = text.removesuffix("\0").split("\0") if text else []
    if not _fast_form(fields):
        return _extension_by_rev_list(store, history, head)
    parents = {fields[i]: fields[i + 1].split() for i in range(0, len(fields), _WIDTH)}
    more = _along_one_line(parents, tip, head, lambda: parse_history(text))
    if more is None or more.superseded_commits or more.rounds or more.head != head:
        return None  # a later commit sets aside an earlier TA, or opens or closes a round
    return more


def _extension_by_rev_list(store: GitStore, history: History, head: str) -> History | None:
    """``_extension`` for a log ``_fast_form`` does not read (odd spacing between parents): the
    commits from ``rev-list --parents``, the records from ``load_history``."""
    tip = history.head
    assert tip is not None
    lines = store.new_commits(tip, head)
    if lines is None:
        return None
    parents: dict[str, list[str]] = {}
    for line in lines:
        sha, *rest = line.split()
        parents[sha] = rest
    more = _along_one_line(parents, tip, head, lambda: load_history(store, f"{tip}..{head}"))
    if more is None or more.superseded_commits or more.rounds or more.head != head:
        return None
    return more


def _along_one_line(
    parents: dict[str, list[str]], tip: str, head: str, read: Callable[[], History]
) -> History | None:
    """`read()` when the commits (id -> parent ids) are one line from `tip` up to `head`."""
    at, steps = head, 0
    while at != tip:
        above = parents.get(at)
        if above is None or len(above) != 1:
            return None  # a merge, or the old tip is not an ancestor (amend, rebase, reset)
        at, steps = above[0], steps + 1
    if steps != len(parents):
        return None
    return read()


def _extended(history: History, more: History, owned: bool = False) -> History:
    """`history` with `more` (its ``_extension``) on top; in place when `owned`."""
    out = history if owned else _copy(history)
    out.add_all(more.timeline)
    out.baseline = more.baseline or history.baseline
    out.head = more.head
    out.package_marks += more.package_marks
    out.untrusted += more.untrusted
    return out


def _copy(history: History) -> History:
    out = History()
    out.add_all(history.timeline)
    out.baseline, out.head = history.baseline, history.head
    out.superseded_tas = list(history.superseded_tas)
    out.superseded_commits = history.superseded_commits
    out.package_marks = list(history.package_marks)
    out.untrusted = list(history.untrusted)
    out.rounds = [Round(*(getattr(r, f.name) for f in fields(Round))) for r in history.rounds]
    return out


_VALUES = {kind: operator.attrgetter(*(f.name for f in fields(kind))) for kind in (PassRecord, TARecord)}


def _encode(history: History) -> bytes:
    passes, tas = _VALUES[PassRecord], _VALUES[TARecord]

    def row(record: PassRecord | TARecord) -> tuple:
        return (_PASS, *passes(record)) if type(record) is PassRecord else (_TA, *tas(record))

    header = marshal.dumps(
        (VERSION, history.head, [tuple(getattr(r, f.name) for f in fields(Round)) for r in history.rounds])
    )
    texts: dict[str, tuple[int, tuple]] = {}  # part -> (passes putting its text on the table, the last)
    for record in history.passes:
        for article_id in dict.fromkeys(record.articles):
            texts[article_id] = (texts.get(article_id, (0,))[0] + 1, row(record))
    summary = marshal.dumps(
        (
            history.baseline,
            [row(r) for r in history.tas],
            [row(r) for r in history.superseded_tas],
            sorted(history.superseded_commits),
            history.package_marks,
            history.untrusted,
            history.pass_names_text(),
            texts,
            highest_numbers(p.name for p in history.passes),
        )
    )
    return b"".join(
        [
            len(header).to_bytes(4, "little"),
            header,
            len(summary).to_bytes(4, "little"),
            summary,
            marshal.dumps([row(r) for r in history.timeline]),
        ]
    )


def _header(payload: bytes | memoryview) -> tuple[str, str | None, list[tuple]]:
    """(version, tip, rounds) of a whole history's chunk, without reading its records."""
    size = int.from_bytes(payload[:4], "little")
    if len(payload) < 4 + size:
        raise ValueError("a torn header")
    version, head, rounds = marshal.loads(payload[4 : 4 + size])
    return version, head, rounds


def _sections(payload: bytes | memoryview) -> tuple[bytes | memoryview, bytes | memoryview]:
    """(the summary, the records) of a whole history's chunk, after its header."""
    at = 4 + int.from_bytes(payload[:4], "little")
    size = int.from_bytes(payload[at : at + 4], "little")
    if len(payload) < at + 4 + size:
        raise ValueError("a torn summary")
    return payload[at + 4 : at + 4 + size], payload[at + 4 + size :]


def _encode_step(tip: str, more: History) -> bytes:
    """An extension chunk: the records from `tip` to ``more.head`` (``_extension``)."""
    passes, tas = _VALUES[PassRecord], _VALUES[TARecord]
    rows = [(_PASS, *passes(r)) if type(r) is PassRecord else (_TA, *tas(r)) for r in more.timeline]
    return marshal.dumps((VERSION, tip, more.head, more.baseline, rows, more.package_marks, more.untrusted))


def _apply_step(history: History, payload: bytes | memoryview) -> bool:
    """An extension chunk applied to `history` (in place); False when it does not fit on its tip."""
    version, tip, head, baseline, rows, marks, untrusted = marshal.loads(payload)
    if version != VERSION or tip != history.head or not isinstance(head, str):
        return False
    history.add_all([new_pass(*row[1:]) if row[0] == _PASS else new_ta(*row[1:]) for row in rows])
    history.baseline = baseline or history.baseline
    history.head = head
    history.package_marks += [(sha, dict(trailers)) for sha, trailers in marks]
    history.untrusted += [(commit, why) for commit, why in untrusted]
    return True


def _chunk(payload: bytes) -> bytes:
    return len(payload).to_bytes(8, "little") + _digest(payload) + payload


def _digest(payload: bytes | memoryview) -> bytes:
    return crc32(payload).to_bytes(_DIGEST, "little")


def _chunks(data: bytes) -> list[memoryview] | None:
    """The payloads of a file's chunks, each checked; None when any is torn or corrupt."""
    view = memoryview(data)
    at, out = len(_MAGIC), []
    while at < len(data):
        start = at + _HEAD
        size = int.from_bytes(view[at : at + 8], "little")
        payload = view[start : start + size]
        if start > len(data) or len(payload) != size:
            return None
        if _digest(payload) != view[at + 8 : start]:
            return None  # torn or corrupt: never handed to marshal
        out.append(payload)
        at = start + size
    return out or None


# What this process last read or wrote of each cache file: (its tip, size, mtime, chunks), so an
# extension is appended only to the very file it extends.
_SEEN: dict[Path, tuple[str, int, int, int]] = {}


def _note(path: Path, head: str | None, chunks: int) -> None:
    try:
        st = path.stat()
    except OSError:
        _SEEN.pop(path, None)
        return
    if head is not None:
        _SEEN[path] = (head, st.st_size, st.st_mtime_ns, chunks)


def _append(path: Path, tip: str | None, more: History) -> bool:
    """Append `more` (from `tip`) to the file if it is the one this process saw at `tip`;
    False when the file should be written whole instead."""
    seen = _SEEN.get(path)
    if seen is None or tip is None or seen[0] != tip or seen[3] >= MAX_CHUNKS:
        return False
    chunk = _chunk(_encode_step(tip, more))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if (st.st_size, st.st_mtime_ns) != seen[1:3]:
            return False  # another process wrote it meanwhile: written whole
        written = os.write(fd, chunk)  # one write: a reader sees all of it or a torn chunk
    except OSError:
        return False
    finally:
        os.close(fd)
    if written != len(chunk):
        return False
    _note(path, more.head, seen[3] + 1)
    return True


def _records(rows: list[tuple]) -> list[PassRecord | TARecord]:
    return [new_pass(*row[1:]) if row[0] == _PASS else new_ta(*row[1:]) for row in rows]


def _made_when_asked(name: str) -> property:
    """A field of ``History`` that ``CachedHistory`` fills from the file's records on first use."""

    def get(self: CachedHistory) -> object:
        if self._records is not None:
            self._make_records()
        return self.__dict__[name]

    def put(self: CachedHistory, value: object) -> None:
        if self.__dict__.get("_records") is not None:
            self._make_records()
        self.__dict__[name] = value

    return property(get, put)


class CachedHistory(History):
    """A one-round history read from the file, its passes made only when something asks for
    them (``timeline``, ``passes``, ``events``). The questions a pass asks (every pass's tag
    name, the next number, one part's TAs and its last pass) are answered from the file's summary
    and the records appended since (``add_all``), as ``History`` answers them from the records:
    the property test of tests/negotiation/test_history_cache.py asks both."""

    timeline = _made_when_asked("timeline")
    passes = _made_when_asked("passes")
    events = _made_when_asked("events")

    def __init__(
        self,
        records: bytes | memoryview,
        names: str,
        texts: dict[str, tuple[int, tuple]],
        numbers: dict[str, int],
    ) -> None:
        super().__init__()
        self._records: bytes | memoryview | None = records  # the file's rows, until made
        self._names = names  # every pass's name in the file, one a line
        self._texts = texts  # part -> (passes putting its text on the table, the last one's row)
        self._numbers = numbers  # code -> the highest N of the passes named CODE-N
        self._added: list[PassRecord | TARecord] = []  # records appended since the file's tip
        self.store: GitStore | None = None  # to read git should the rows not decode

    def _make_records(self) -> None:
        rows, self._records = self._records, None
        tas, added = self.tas, self._added
        self._added = []
        enabled = gc.isenabled()
        gc.disable()  # as in read_cache: 20,000 records, none of them garbage
        try:
            made = iter(tas)  # the file's TAs were made already: the very same records
            records = [new_pass(*row[1:]) if row[0] == _PASS else next(made) for row in marshal.loads(rows)]
            records += added
        except (ValueError, TypeError, EOFError, StopIteration):
            records = None
        finally:
            if enabled:
                gc.enable()
        self.__dict__.update(timeline=[], passes=[], events=defaultdict(list))
        self.tas = []
        if records is not None:
            History.add_all(self, records)
        if records is None or len(self.tas) != len(tas):
            self._from_git()
        else:
            self.tas = tas

    def _from_git(self) -> None:
        """Rows that do not decode as the summary says (a file no version of this code wrote):
        every field read from git at this tip instead."""
        if self.store is None or self.head is None:
            raise ProposalsError("the history cache (.git/proposals/history.cache) is damaged; delete it")
        fresh = load_history(self.store, self.head)
        for f in fields(History):
            self.__dict__[f.name] = getattr(fresh, f.name)

    def add_all(self, records: list[PassRecord | TARecord]) -> None:
        if self._records is None:
            History.add_all(self, records)
            return
        self._added += records
        self.tas += [r for r in records if type(r) is TARecord]

    def add(self, record: PassRecord | TARecord) -> None:
        self.add_all([record])

    def _summarised(self) -> bool:
        """Whether the records are still unmade (and the summary answers for them)."""
        return self._records is not None and not self.rounds

    def pass_tag_names(self) -> list[str]:
        if not self._summarised():
            return History.pass_tag_names(self)
        names = self.pass_names_text()
        return names.split("\n") if names else []

    def pass_names_text(self) -> str:
        if not self._summarised():
            return History.pass_names_text(self)
        added = [r.name for r in self._added if type(r) is PassRecord]
        return "\n".join([self._names, *added] if self._names else added)

    def highest_number(self, code: str) -> int:
        if not self._summarised():
            return History.highest_number(self, code)
        added = highest_numbers(r.name for r in self._added if type(r) is PassRecord)
        return max(self._numbers.get(code, 0), added.get(code, 0))

    def tas_for(self, article_id: str) -> list[TARecord]:
        if not self._summarised():
            return History.tas_for(self, article_id)
        return [t for t in self.tas if t.article == article_id]

    def text_passes(self, article_id: str) -> tuple[int, PassRecord | None]:
        if not self._summarised():
            return History.text_passes(self, article_id)
        count, row = self._texts.get(article_id, (0, None))
        last = new_pass(*row[1:]) if row is not None else None
        for record in self._added:
            if type(record) is PassRecord and article_id in record.articles:
                count, last = count + 1, record
        return count, last

    def last_pass(self, article_id: str, party: str | None = None) -> PassRecord | None:
        if party is not None or not self._summarised():
            return History.last_pass(self, article_id, party)
        return self.text_passes(article_id)[1]


def _decode(payload: bytes | memoryview) -> History | None:
    version, head, rounds = _header(payload)
    if version != VERSION:
        return None
    summary, records = _sections(payload)
    baseline, tas, superseded, commits, marks, untrusted, names, texts, numbers = marshal.loads(summary)
    if rounds:  # a view per round (History.in_round) takes every record anyway: made now
        history = History()
        history.add_all(_records(marshal.loads(records)))
    else:
        if not isinstance(names, str) or not isinstance(texts, dict) or not isinstance(numbers, dict):
            raise TypeError("a malformed summary")
        history = CachedHistory(records, names, texts, numbers)
        history.tas = [new_ta(*row[1:]) for row in tas]
    history.superseded_tas = [TARecord(*values) for _, *values in superseded]
    history.superseded_commits = frozenset(commits)
    history.head, history.baseline = head, baseline
    history.package_marks = [(sha, dict(trailers)) for sha, trailers in marks]
    history.rounds = [Round(*values) for values in rounds]
    history.untrusted = [(commit, why) for commit, why in untrusted]
    return history


def read_plain(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The bytes of the file at `path` and its stat, or None: a plain file only (a FIFO, a device
    or a link to /dev/zero in a cache's place is no cache). The status cache reads with it too."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with open(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            data = f.read()
            return data, os.fstat(fd)  # of the very file read, should another replace it meanwhile
    except OSError:
        return None


def replace_whole(path: Path, data: bytes) -> bool:
    """Write `data` beside `path`, then rename it over `path`: True when it is there whole. A cache
    that cannot be written is no error (False); the status cache writes with it too."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True


def _read_chunks(path: Path) -> tuple[list[memoryview], os.stat_result] | None:
    """The file's checked chunks and its stat, or None when there is no file to trust."""
    read = read_plain(path)
    if read is None or not read[0].startswith(_MAGIC):
        return None
    chunks = _chunks(read[0])
    return None if chunks is None else (chunks, read[1])


def read_cache(path: Path) -> History | None:
    """The cached history, or None when there is none or it cannot be trusted to be whole."""
    found = _read_chunks(path)
    if found is None:
        return None
    chunks, st = found
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of records, none of them garbage: no collection meanwhile
    try:
        history = _decode(chunks[0])
        if history is None or not all(_apply_step(history, step) for step in chunks[1:]):
            return None
    except (ValueError, TypeError, EOFError):
        return None
    finally:
        if enabled:
            gc.enable()
    if history.head is not None:
        _SEEN[path] = (history.head, st.st_size, st.st_mtime_ns, len(chunks))
    return history


def write_cache(path: Path, history: History) -> None:
    """Replace the file whole (write, then rename); a cache that cannot be written is no error."""
    if history.head is None:
        return
    if not replace_whole(path, _MAGIC + _chunk(_encode(history))):
        _SEEN.pop(path, None)
        return
    _note(path, history.head, 1)
