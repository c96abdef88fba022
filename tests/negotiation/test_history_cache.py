"""The on-disk history cache gives the answers a fresh read of git gives, whatever happened to the
repo in between: passes, TAs, amend, rebase, reset, fetching passes, a corrupt cache file."""

from __future__ import annotations

import marshal
import subprocess
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.negotiation.history import History, load_history
from proposals.negotiation.history_cache import VERSION, cache_path, cached_history, read_cache
from proposals.negotiation.repo import BargainingRepo


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def answers(history: History, *, views: bool = True) -> tuple:
    return (
        history.head,
        history.baseline,
        list(history.timeline),
        history.passes,
        history.tas,
        {k: v for k, v in history.events.items() if v},
        history.superseded_tas,
        history.package_marks,
        history.untrusted,
        history.rounds,
        [answers(history.in_round(r.name), views=False) for r in history.all_rounds()] if views else None,
    )


def asked_by_a_pass(history: History) -> tuple:
    """What a pass asks of the history (``CachedHistory`` answers it from the file's summary,
    without making the records): asked first, so a cached history is asked before anything
    makes its records."""
    parts = ["a0", "a1", "a2", "b", "none"]
    return (
        list(dict.fromkeys(history.pass_tag_names())),
        history.pass_names_text(),
        {code: history.highest_number(code) for code in ("X", "W", "A", "U", "E")},
        {p: history.tas_for(p) for p in parts},
        {p: history.text_passes(p) for p in parts},
        {p: history.last_pass(p) for p in parts},
    )


class Scene:
    """A clone with a team remote; steps record passes and TAs or rewrite what was recorded."""

    def __init__(self, base: Path) -> None:
        self.origin = base / "origin.git"
        self.work = base / "work"
        self.other = base / "other"
        BargainingRepo.init(base / "seed", "Union", "Employer")
        git(base, "clone", "--quiet", "--bare", str(base / "seed"), str(self.origin))
        git(base, "clone", "--quiet", str(self.origin), str(self.work))
        git(base, "clone", "--quiet", str(self.origin), str(self.other))
        self.n = 0
        self.repo = BargainingRepo.open(self.work)

    def commit(self, where: Path, kind: str) -> None:
        self.n += 1
        party = "union" if self.n % 2 else "employer"
        if kind == "pass":
            listed = f"a{self.n % 3}, b" if self.n % 4 > 1 else f"a{self.n % 3}"  # one article or two
            message = (f"pass {self.n}\n\nProposal-Party: {party}\nPass: X-{self.n}\n"
                       f"Session: 2025-01-{1 + self.n % 28:02d}\nArticles: {listed}\n")
        elif kind == "withdraw":
            message = f"w {self.n}\n\nProposal-Party: {party}\nPass: W-{self.n}\nWithdrawn: a{self.n % 3}\n"
        elif kind == "ta":
            message = (f"ta {self.n}\n\nTA-Article: a{self.n % 3}\nTA-Blob: {self.n:040x}\n"
                       f"TA-Union-Sign: U\nTA-Employer-Sign: E\nTA-Date: 2025-02-01\nTA-Tag: ta-{self.n}\n")
        elif kind == "package":
            message = (f"package {self.n}\n\nPackage-Accepted: P-{self.n}\n"
                       f"TA-Parts: a1={self.n:040x}, b={self.n:040x}\nTA-Union-Sign: U\n"
                       f"TA-Employer-Sign: E\nTA-Date: 2025-02-01\nTA-Contingent: P-{self.n}\n")
        elif kind == "package-rejected":
            message = f"reject {self.n}\n\nPackage-Rejected: P-{self.n - 1}\n"
        elif kind == "round-close":
            message = f"close {self.n}\n\nRound-Closed: r{self.n}\nRatified: 2025-09-30\nBaseline: round\n"
        elif kind == "round-open":
            message = f"open {self.n}\n\nRound-Open: r{self.n}\nRound-Expires: 2028-06-30\n"
        else:
            message = f"Baseline {self.n}\n\nBaseline: yes\n"
        git(where, "commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-m", message)

    def step(self, action: str) -> None:
        work = self.work
        if action in ("pass", "withdraw", "ta", "baseline", "package", "package-rejected",
                      "round-close", "round-open"):
            self.commit(work, action)
        elif action == "amend":
            if git(work, "rev-list", "--count", "HEAD").strip() == "1":
                return  # the shared first commit stays, or the clones no longer share a history
            self.n += 1
            git(work, "commit", "--quiet", "--amend", "--allow-empty", "-m",
                f"amended {self.n}\n\nProposal-Party: union\nPass: A-{self.n}\nArticles: b\n")
        elif action == "reset":
            if git(work, "rev-list", "--count", "HEAD").strip() != "1":
                git(work, "reset", "--quiet", "--hard", "HEAD~1")
        elif action == "rebase":  # the last two commits again, in the other order
            if int(git(work, "rev-list", "--count", "HEAD")) >= 3:
                top, below = (git(work, "log", "-1", "--format=%B", rev) for rev in ("HEAD", "HEAD~1"))
                git(work, "reset", "--quiet", "--hard", "HEAD~2")
                for message in (top, below):
                    git(work, "commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-m", message)
        elif action in ("fetch", "fetch-diverged"):
            git(self.other, "pull", "--quiet", "--no-rebase", "--no-edit")
            self.commit(self.other, "pass")
            self.commit(self.other, "ta")
            git(self.other, "push", "--quiet", "origin", "HEAD:main")
            if action == "fetch-diverged":
                self.commit(work, "pass")
            git(work, "pull", "--quiet", "--no-rebase", "--no-edit", "origin", "main")
            git(work, "push", "--quiet", "origin", "HEAD:main")
        elif action == "corrupt":
            path = cache_path(self.repo.git_dir)
            if path.exists():
                data = bytearray(path.read_bytes())
                data[len(data) // 2] ^= 0x55
                path.write_bytes(bytes(data))
        elif action == "truncate":
            path = cache_path(self.repo.git_dir)
            if path.exists():
                path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 3])
        elif action == "garbage":
            cache_path(self.repo.git_dir).parent.mkdir(exist_ok=True)
            cache_path(self.repo.git_dir).write_bytes(b"proposals-history\n" + b"\x00" * 40)


ACTIONS = ["pass", "pass", "withdraw", "ta", "baseline", "package", "package-rejected", "round-close",
           "round-open", "amend",
           "reset", "rebase", "fetch", "fetch-diverged", "corrupt", "truncate", "garbage"]


@settings(max_examples=12, deadline=None)
@given(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=9))
def test_the_cache_answers_as_git_does(actions: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        scene = Scene(Path(tmp))
        path = cache_path(scene.repo.git_dir)
        known: History | None = None
        for action in actions:
            scene.step(action)
            from_git = load_history(scene.repo.store)
            truth = answers(from_git)
            from_file = cached_history(scene.repo.store, path)  # a new command
            assert asked_by_a_pass(from_file) == asked_by_a_pass(from_git), action
            assert answers(from_file) == truth, action
            in_process = cached_history(scene.repo.store, path, known)  # a long-lived TUI
            assert answers(in_process) == truth, action
            known = in_process
            cached = read_cache(path)
            assert cached is not None and answers(cached) == truth


def test_another_version_or_a_moved_tip_is_read_again(negotiation: Path) -> None:
    repo = BargainingRepo.open(negotiation)
    path = cache_path(repo.git_dir)
    first = repo.history()
    assert read_cache(path) is not None and answers(read_cache(path)) == answers(first)
    data = path.read_bytes().replace(VERSION.encode()[:1], b"9", 1)
    path.write_bytes(data)
    assert read_cache(path) is None
    assert answers(BargainingRepo.open(negotiation).history()) == answers(first)


def test_verify_never_reads_the_cache(negotiation: Path, cli) -> None:
    """A cache that lies (a TA taken out) changes nothing verify says."""
    from proposals.negotiation.agreements import make_ta

    make_ta(BargainingRepo.open(negotiation), "parking", union_sign="A", employer_sign="B",
            ta_date="2024-03-06")
    repo = BargainingRepo.open(negotiation)
    history = repo.history()
    assert len(history.tas) == 1
    lying = History()
    for record in history.timeline:
        if record not in history.tas:
            lying.add(record)
    lying.head, lying.baseline = history.head, history.baseline
    from proposals.negotiation.history_cache import write_cache

    write_cache(cache_path(repo.git_dir), lying)
    assert len(BargainingRepo.open(negotiation).history().tas) == 0  # status would trust it
    assert "(1 TAs checked)" in cli("-C", str(negotiation), "verify").out


def test_the_cache_keeps_every_field_of_the_history() -> None:
    from dataclasses import fields

    from proposals.negotiation.history_cache import HANDLED_FIELDS

    assert {f.name for f in fields(History)} == HANDLED_FIELDS


def _fresh(path: Path) -> None:
    """As a new command sees the file: nothing remembered of it by this process."""
    from proposals.negotiation import history_cache

    history_cache._SEEN.pop(path, None)


def test_a_new_pass_is_appended_to_the_file_not_written_again(tmp_path: Path) -> None:
    scene = Scene(tmp_path)
    path = cache_path(scene.repo.git_dir)
    for _ in range(3):
        scene.step("pass")
    cached_history(scene.repo.store, path)
    before, inode = path.read_bytes(), path.stat().st_ino
    _fresh(path)
    scene.step("pass")
    scene.step("ta")
    assert answers(cached_history(scene.repo.store, path)) == answers(load_history(scene.repo.store))
    after = path.read_bytes()
    assert path.stat().st_ino == inode and after.startswith(before) and len(after) > len(before)
    _fresh(path)
    assert answers(read_cache(path)) == answers(load_history(scene.repo.store))


def test_a_torn_or_misplaced_chunk_makes_the_file_read_again(tmp_path: Path) -> None:
    scene = Scene(tmp_path)
    path = cache_path(scene.repo.git_dir)
    scene.step("pass")
    cached_history(scene.repo.store, path)
    base = path.read_bytes()
    scene.step("pass")
    cached_history(scene.repo.store, path)
    whole = path.read_bytes()
    chunk = whole[len(base) :]
    assert chunk
    truth = answers(load_history(scene.repo.store))
    for broken in (whole[:-3], whole + chunk, base + chunk + chunk, whole + chunk[:20]):
        path.write_bytes(broken)
        _fresh(path)
        assert read_cache(path) is None
        assert answers(cached_history(scene.repo.store, path)) == truth
        assert answers(read_cache(path)) == truth


def test_the_file_is_written_whole_again_after_many_appends(tmp_path: Path, monkeypatch) -> None:
    from proposals.negotiation import history_cache

    monkeypatch.setattr(history_cache, "MAX_CHUNKS", 2)
    scene = Scene(tmp_path)
    path = cache_path(scene.repo.git_dir)
    scene.step("pass")
    cached_history(scene.repo.store, path)
    inode = path.stat().st_ino
    scene.step("pass")
    cached_history(scene.repo.store, path)
    assert path.stat().st_ino == inode  # appended
    scene.step("pass")
    cached_history(scene.repo.store, path)
    assert path.stat().st_ino != inode  # two chunks already: written whole
    _fresh(path)
    assert answers(read_cache(path)) == answers(load_history(scene.repo.store))


def test_records_made_slot_by_slot_are_the_dataclass_records() -> None:
    from proposals.negotiation.history import PassRecord, TARecord, new_pass, new_ta

    values = ("U-1", "union", "2025-01-02", "a" * 40, "A. Person", "subject", ("x", "y"), ("z",))
    made, built = new_pass(*values), PassRecord(*values)
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    ta = ("x", "1.2", "b" * 40, "U", "E", "2025-02-01", "c" * 40, "ta-x")
    for extra in ((), ("P-3",)):
        made_ta, built_ta = new_ta(*ta, *extra), TARecord(*ta, *extra)
        assert made_ta == built_ta and hash(made_ta) == hash(built_ta) and repr(made_ta) == repr(built_ta)


def test_a_pass_makes_no_record_of_the_cached_history(negotiation: Path) -> None:
    """A pass asks the history only what the file's summary answers: its 20,000 records (half of
    a pass's history cost) are never made. Fails before CachedHistory: every record was made."""
    from proposals.negotiation.history_cache import CachedHistory
    from proposals.negotiation.passes import record_pass

    BargainingRepo.open(negotiation).history()  # a command before this one left the file
    repo = BargainingRepo.open(negotiation)
    article = repo.article_path("parking")
    article.write_text(article.read_text() + "\nA new line the union proposes here.\n")
    record_pass(repo, "union", ["parking"], session="2024-03-09", allow_retreat=False)
    known = repo._known
    assert type(known) is CachedHistory and known._records is not None
    assert answers(known) == answers(load_history(repo.store, known.head))  # made now, as git says


def test_records_that_do_not_decode_are_read_from_git(tmp_path: Path) -> None:
    """A checksummed file whose records do not match its summary (no version wrote one): the
    records come from git, never a half-made history."""
    from proposals.negotiation import history_cache

    scene = Scene(tmp_path)
    for action in ("pass", "ta", "pass", "withdraw"):
        scene.step(action)
    path = cache_path(scene.repo.git_dir)
    history = load_history(scene.repo.store)
    payload = history_cache._encode(history)
    _, records = history_cache._sections(payload)
    broken = payload[: len(payload) - len(records)] + marshal.dumps([(history_cache.PASS_ROW, "only", "one")])
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(history_cache._MAGIC + history_cache._chunk(broken))
    _fresh(path)
    cached = cached_history(scene.repo.store, path)
    assert type(cached) is history_cache.CachedHistory
    assert answers(cached) == answers(history)


def test_each_codes_highest_number_is_the_one_a_regex_finds() -> None:
    """The summary's highest numbers (history.highest_numbers) answer as ``History.highest_number``
    does with its regex over the names, whatever the names look like."""
    import re

    from proposals.negotiation.history import highest_numbers

    names = ["U-7", "U-007", "U-12", "U-1-2", "U-", "UX-5", "U-12a", "u-30", "E-3", "E-10", "E-9",
             "2028-4", "-8", "U-99.1", "TA-2", "U-0"]
    found = highest_numbers(names)
    for code in ("U", "UX", "E", "u", "2028", "", "TA", "Z"):
        by_regex = re.findall(rf"^{re.escape(code)}-(\d+)$", "\n".join(names), re.MULTILINE)
        assert found.get(code, 0) == max(map(int, by_regex), default=0), code
