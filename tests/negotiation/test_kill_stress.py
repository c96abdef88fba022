"""Issue 13's SIGKILL campaign: recorders killed at random moments, then repair, verify and fsck.

Each round starts ``pass``, ``withdraw``, ``ta``, ``import-docx`` or ``sync`` (to a real bare
remote a teammate pushes to, so there is something to fetch, renumber, merge and push) in its
own process group and kills the group (git included) after a random delay, tuned per command so
the kills land across the whole run. Then ``repair`` must leave a record that ``verify`` and
``git fsck`` accept, with no writer lock or ref lock stuck, nothing recorded lost (every article
version ever recorded is still in the history) and every pass number used once; the same command
run again must work or say it has nothing to do, and the remote never sees a tag change.

The killed command is a real process; repair, verify and the second run go through the CLI's
``main`` in-process (the same code, without an interpreter start each). Counts: ``tests/stress.py``
(10 seeded rounds in CI, 600 with ``PROPOSALS_STRESS=1``); the figures appear in the run's summary.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import stress
from sync_support import SCHEDULING, STAFFING, cli_env, git, make_repo, ok, tags, write

from proposals.cli.main import main
from proposals.word.proposal import ArticleChange, export_proposal

NOTHING_TO_DO = ("has not changed", "already TA'd", "already withdrawn", "no article differs")
KINDS = ("pass", "ta", "withdraw", "import-docx", "sync")


def _only_sync_left(out: str) -> bool:
    """Whether everything repair could not fix is a pushed pass tag it sends to ``sync``."""
    left = [line for line in out.splitlines() if line.startswith("Not repaired:")]
    return bool(left) and all(line.endswith("run proposals sync") for line in left)


def _killed(repo: Path, args: list[str], delay: float) -> bool:
    """Run `proposals ARGS`, SIGKILL its process group after `delay` s; whether it was killed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "proposals", "-C", str(repo), *args],
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        _gone(proc.pid)
        return True


def _gone(group: int) -> None:
    """Wait until every process of the killed group has died: on a loaded machine a git child
    (sync's fetch and its ref listing run side by side) can outlive the reaped parent by a
    moment, and repair rightly leaves a lock a live git holds ("still running")."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive_in(group):
        time.sleep(0.01)


def _alive_in(group: int) -> bool:
    """Whether a process of the group still runs (a zombie no longer holds files: not counted)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            return True
    return False


def cli(repo: Path, *args: str) -> tuple[int, str, str]:
    """The CLI's main, in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(repo), *args])
    return code, out.getvalue(), err.getvalue()


def recorded_blobs(repo: Path) -> set[str]:
    """Every article version the history holds (added or changed by any commit from HEAD)."""
    out = git(repo, "log", "--format=", "--raw", "--no-abbrev", "--no-renames", "HEAD", "--", "articles")
    blobs = {line.split()[3] for line in out.splitlines() if line.startswith(":")}
    return blobs - {"0" * 40}


def stuck_locks(repo: Path) -> list[Path]:
    """Every lock file left in .git, index.lock included: no git runs here after the kill."""
    return list((repo / ".git").rglob("*.lock"))


class Campaign:
    def __init__(self, base: Path, rng: random.Random, counts: Counter) -> None:
        self.rng, self.counts = rng, counts
        self.remote = base / "remote.git"
        git(base, "init", "--quiet", "--bare", str(self.remote))
        self.repo = make_repo(base / "team")
        git(self.repo, "remote", "add", "origin", str(self.remote))
        ok(self.repo, "sync")
        ok(base, "clone", str(self.remote), "mate", name="Mate Member")
        self.mate = base / "mate"
        self.base = base
        self.estimate = dict.fromkeys(KINDS, 0.8)  # seconds a whole run of each takes, learnt
        self.remote_seen: dict[str, str] = {}

    def prepare(self, kind: str, n: int) -> list[str]:
        """Set up round n's command (its own text to record) and return its arguments."""
        session = ["--session", "2025-03-01"]
        if kind == "pass":
            write(self.repo, "staffing", STAFFING.replace("safe", f"safe ({n})"))
            return ["pass", "--party", self.rng.choice(["union", "employer"]), *session, "staffing"]
        if kind == "import-docx":
            theirs = self.base / f"their-pass-{n}.docx"
            text = STAFFING.replace("safe", f"safe (theirs {n})")
            export_proposal(
                [ArticleChange("", text)],
                theirs,
                mode="clean",
                party="Health System",
                pass_name="E-9",
                session=date(2025, 3, 1),
            )
            return ["import-docx", str(theirs), "--party", "employer", *session]
        if kind == "sync":  # a teammate's pass to fetch and renumber against, ours to push
            ok(self.mate, "sync", name="Mate Member")
            write(self.mate, "scheduling", SCHEDULING.replace("four", f"{n} and four"))
            ok(self.mate, "pass", "--party", "union", *session, "scheduling", name="Mate Member")
            ok(self.mate, "sync", name="Mate Member")
            write(self.repo, "staffing", STAFFING.replace("safe", f"safe [{n}]"))
            ok(self.repo, "pass", "--party", "union", *session, "staffing")
            return ["sync"]
        part = f"part-{n}"
        write(self.repo, part, f"ARTICLE {30 + n}: PART {n}\n\n{30 + n}.1 Text {n}.\n")
        ok(self.repo, "pass", "--party", "union", *session, part)
        if kind == "ta":
            signs = ["--union-sign", "Jo Ray", "--employer-sign", "Pat Lee"]
            return ["ta", part, *signs, "--date", "2025-03-02"]
        return ["withdraw", "--party", "union", "--session", "2025-03-02", part]

    def round(self, n: int) -> None:
        kind = KINDS[n] if n < len(KINDS) else self.rng.choice(KINDS)  # each kind at least once
        args = self.prepare(kind, n)
        before = recorded_blobs(self.repo)
        self.counts["cases tried"] += 1
        self.counts[f"{kind} runs"] += 1
        delay = self.rng.uniform(0.0, self.estimate[kind])
        if _killed(self.repo, args, delay):
            self.counts["kills"] += 1
            self.estimate[kind] *= 1.03
        else:  # it finished first: kill sooner next time
            self.counts["finished before the kill"] += 1
            self.estimate[kind] = max(0.1, self.estimate[kind] * 0.85)
        left = stuck_locks(self.repo)  # git killed holding them: repair removes them, at once
        self.counts["locks left by the kill"] += len(left)
        code, out, err = cli(self.repo, "repair")
        removed = [p for p in left if f"removed .git/{p.relative_to(self.repo / '.git')}" in out]
        self.counts["locks removed by repair"] += len(removed)
        if kind == "sync" and code == 1 and not err and _only_sync_left(out):
            # A fetch killed between writing a teammate's tags and the branch they are on leaves
            # pushed pass tags on no branch here: repair says "run proposals sync" (it never
            # moves a pushed tag), and that sync, then repair, must leave the record whole.
            self.counts["repairs that sent to sync"] += 1
            code, out, err = cli(self.repo, "sync")
            assert code == 0, f"round {n}: the sync repair asked for failed: {out}{err}"
            code, out, err = cli(self.repo, "repair")
        self.check_output(code, err, f"repair after {kind}", out)
        assert code == 0, f"round {n}: repair after {kind} failed: {out}{err}"
        if (self.repo / ".git" / "proposals.lock").exists() or stuck_locks(self.repo):
            self.counts["stuck locks"] += 1
        code, out, err = cli(self.repo, "verify")
        self.check_output(code, err, "verify")
        if code != 0:
            self.counts["verify failures"] += 1
        git(self.repo, "fsck", "--no-dangling", "--no-progress")
        code, out, err = cli(self.repo, *args)
        self.check_output(code, err, f"{kind} again")
        assert code in (0, 1) if kind == "sync" else code == 0 or any(s in err for s in NOTHING_TO_DO), err
        if code:
            self.counts["clean errors"] += 1
        if not before <= recorded_blobs(self.repo):
            self.counts["data lost"] += 1
        self.check_invariants(n, kind)

    def check_output(self, code: int, err: str, what: str, out: str = "") -> None:
        if "Traceback" in err or "internal error" in err:
            self.counts["tracebacks"] += 1
            raise AssertionError(f"{what}: {err}")
        assert code == 0 or err.count("\n") == 1, f"{what}: not one line: {err!r} (stdout: {out!r})"

    def check_invariants(self, n: int, kind: str) -> None:
        _, out, _ = cli(self.repo, "log", "--json")
        names = [p["pass"] for p in json.loads(out)["passes"]]
        assert len(names) == len(set(names)), f"round {n} ({kind}): a pass number twice: {names}"
        now = tags(self.remote)
        for name, commit in self.remote_seen.items():
            assert now.get(name) == commit, f"round {n} ({kind}): remote tag {name} changed"
        self.remote_seen.update(now)


def test_recorders_killed_at_random_moments_leave_a_record_repair_can_finish(tmp_path: Path, figures) -> None:
    counts = figures("kill campaign (pass, ta, withdraw, import-docx, sync)")
    campaign = Campaign(tmp_path, random.Random(stress.SEED), counts)
    started = time.monotonic()
    for n in range(stress.KILLS):
        campaign.round(n)
    counts["seconds"] += round(time.monotonic() - started)
    for key in ("tracebacks", "data lost", "stuck locks", "verify failures"):
        counts[key] += 0
    print(f"\nissue-13 kill campaign, seed {stress.SEED}: {dict(counts)}")
    assert counts["stuck locks"] == 0 and counts["verify failures"] == 0 and counts["data lost"] == 0
    # How many commands a delay catches mid-run depends on the machine's load (2 to 3 of 10 on a
    # busy CI box, 216 of 269 in a long run): the bounded run asks only that the delays reach some.
    wanted = stress.KILLS // 3 if stress.LONG else 1
    assert counts["kills"] >= wanted, "the delays no longer reach the commands while they run"
