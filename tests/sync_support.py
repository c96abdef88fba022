"""Helpers shared by the sync, crash and hostile-input tests: real git, the real CLI, no mocks."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

STAFFING = (
    "ARTICLE 6: STAFFING\n\n6.1 The employer shall maintain safe staffing.\n\n6.2 Ratios are in Appendix A.\n"
)
SCHEDULING = "ARTICLE 7: SCHEDULING\n\n7.1 Schedules are posted four weeks ahead.\n"
WAGES = "ARTICLE 20: WAGES\n\n20.1 Wages rise three percent each year.\n"


def cli_env(name: str = "Test Member") -> dict[str, str]:
    """The environment of a team member's laptop: a git identity, our src, no global git config."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PYTHONPATH=str(SRC),
        GIT_AUTHOR_NAME=name,
        GIT_AUTHOR_EMAIL=f"{name.split()[0].lower()}@example.org",
        GIT_COMMITTER_NAME=name,
        GIT_COMMITTER_EMAIL=f"{name.split()[0].lower()}@example.org",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    env.pop("PROPOSALS_DEBUG", None)
    return env


def run(
    directory: Path | str, *args: str, name: str = "Test Member", check: bool | None = None
) -> subprocess.CompletedProcess:
    """Run ``proposals -C directory ARGS`` as a subprocess; check=True asserts exit 0."""
    proc = subprocess.run(
        [sys.executable, "-m", "proposals", "-C", str(directory), *args],
        capture_output=True,
        text=True,
        env=cli_env(name),
        timeout=120,
    )
    if check:
        assert proc.returncode == 0, f"{args}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def ok(directory: Path | str, *args: str, name: str = "Test Member") -> str:
    return run(directory, *args, name=name, check=True).stdout


def fails(directory: Path | str, *args: str, name: str = "Test Member") -> str:
    """The command fails with exactly one line on stderr (no traceback); return that line."""
    proc = run(directory, *args, name=name)
    assert proc.returncode != 0, f"{args} should fail:\n{proc.stdout}"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, f"{args}: expected one line of error, got:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    assert lines[0].startswith("proposals: error:"), proc.stderr
    return lines[0]


def git(directory: Path | str, *args: str, check: bool = True) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=directory, capture_output=True, text=True, env=cli_env(), check=False
    )
    if check:
        assert proc.returncode == 0, f"git {args}: {proc.stderr}"
    return proc.stdout


def write(directory: Path, article_id: str, text: str | bytes) -> Path:
    path = directory / "articles" / f"{article_id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def read(directory: Path, article_id: str) -> str:
    return (directory / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


def make_repo(directory: Path, name: str = "Test Member") -> Path:
    """A bargaining repo with two articles proposed by the union as U-1, session 2025-01-10."""
    ok(
        directory.parent,
        "init",
        directory.name,
        "--union",
        "Clinicians United",
        "--employer",
        "Health System",
        name=name,
    )
    write(directory, "staffing", STAFFING)
    write(directory, "scheduling", SCHEDULING)
    ok(directory, "pass", "--party", "union", "--session", "2025-01-10", "staffing", "scheduling", name=name)
    return directory


@contextlib.contextmanager
def held_open(lock: Path, age: float = 0.0) -> Iterator[Path]:
    """A git lock file some running program owns (open here, as an IDE's libgit2 holds
    index.lock): never taken from it. `age` seconds old. Removed afterwards."""
    with lock.open("a"):
        if age:
            then = time.time() - age
            os.utime(lock, (then, then))
        try:
            yield lock
        finally:
            lock.unlink(missing_ok=True)


def tags(directory: Path) -> dict[str, str]:
    """Tag name -> the commit it points to."""
    out = git(
        directory, "for-each-ref", "--format=%(refname:strip=2) %(*objectname)%(objectname)", "refs/tags"
    )
    result = {}
    for line in out.splitlines():
        name, obj = line.split(" ")
        result[name] = obj[:40]
    return result
