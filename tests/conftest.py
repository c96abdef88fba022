"""Shared fixtures: real git repositories in temporary folders, driven through the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Member",
    "GIT_AUTHOR_EMAIL": "member@union.example",
    "GIT_COMMITTER_NAME": "Test Member",
    "GIT_COMMITTER_EMAIL": "member@union.example",
}


def cli_command() -> list[str]:
    """The installed `proposals` console script beside this interpreter, else `python -m`."""
    script = shutil.which("proposals", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "proposals"]


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_IDENTITY)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), str(ROOT / "tui"), env.get("PYTHONPATH", "")]
    ).rstrip(os.pathsep)
    env["NO_COLOR"] = "1"
    env.pop("PROPOSALS_DEBUG", None)
    return env


@dataclass
class Result:
    code: int
    out: str
    err: str


class CLI:
    """Runs `proposals` as a user would, in a given directory."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd

    def __call__(self, *args: str, input: str | None = None, ok: bool | None = True) -> Result:
        proc = subprocess.run(
            [*cli_command(), *args],
            cwd=self.cwd,
            env=cli_env(),
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
        )
        result = Result(proc.returncode, proc.stdout, proc.stderr)
        if ok is True:
            assert proc.returncode == 0, f"proposals {' '.join(args)} failed: {proc.stderr}"
        elif ok is False:
            assert proc.returncode != 0, f"proposals {' '.join(args)} should have failed"
            lines = [line for line in proc.stderr.splitlines() if line.strip()]
            assert len(lines) == 1, f"expected a one-line error, got: {proc.stderr!r}"
            assert "Traceback" not in proc.stderr
        return result


def imported(cli: CLI, flag: str, source: Path) -> tuple[str, dict[str, str]]:
    """A new repo ``talks`` given `source` as its baseline (``flag``: ``--from-text``, ``--from-pdf``,
    ...): what the dry run said first, then each part file the import wrote, by id."""
    cli("init", "talks", "--union", "U", "--employer", "E")
    dry = cli("-C", "talks", "baseline", flag, str(source), "--dry-run").out
    cli("-C", "talks", "baseline", flag, str(source))
    return dry, part_files(cli.cwd / "talks")


def part_files(repo: Path) -> dict[str, str]:
    """Each part file of `repo` by its id: the text an import wrote."""
    return {p.stem: p.read_text("utf-8") for p in sorted((repo / "articles").glob("*.txt"))}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=cli_env(), capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI machines have no git identity; in-process core calls need one too."""
    for key, value in GIT_IDENTITY.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def cli(tmp_path: Path) -> CLI:
    return CLI(tmp_path)


STAFFING = """ARTICLE 6: STAFFING

6.1 Purpose. The Employer shall maintain staffing sufficient for safe patient care.

6.2 Medical Assistants. Each Clinician shall be supported by two (2) medical assistants.
(a) Float coverage shall be provided within one (1) hour.
(b) Vacancies shall be posted within ten (10) days.

6.3 Float Pool. The Employer shall maintain a float pool of no fewer than five (5) Clinicians.
"""

SCHEDULING = """ARTICLE 5: SCHEDULING

5.1 Work Week. The normal work week shall consist of thirty-six (36) hours of patient care.

5.2 Schedules. Schedules shall be posted eight (8) weeks in advance.
"""

PARKING = """ARTICLE 19: PARKING

19.1 Parking. The Employer shall provide free parking at every clinic.
"""


@pytest.fixture
def negotiation(tmp_path: Path, cli: CLI) -> Path:
    """A small negotiation: union opener, employer counter, nothing TA'd yet."""
    repo = tmp_path / "talks"
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    (repo / "articles" / "staffing.txt").write_text(STAFFING)
    (repo / "articles" / "scheduling.txt").write_text(SCHEDULING)
    (repo / "articles" / "parking.txt").write_text(PARKING)
    cli(
        "-C",
        str(repo),
        "pass",
        "--party",
        "union",
        "--session",
        "2024-02-20",
        "staffing",
        "scheduling",
        "parking",
    )
    (repo / "articles" / "staffing.txt").write_text(
        STAFFING.replace("two (2) medical assistants", "one (1) medical assistant")
    )
    cli("-C", str(repo), "pass", "--party", "employer", "--session", "2024-03-05", "staffing")
    return repo


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TUI tests' negotiation, built once per run (tests/tui_fixtures.py says what is in it)."""
    from tui_fixtures import build_negotiation

    return build_negotiation(tmp_path_factory.mktemp("template") / "negotiation")


@pytest.fixture
def repo_path(template_repo: Path, tmp_path: Path) -> Path:
    """A fresh copy of that negotiation for each test, so flows can record passes freely."""
    target = tmp_path / "negotiation"
    shutil.copytree(template_repo, target, symlinks=True)
    return target


@pytest.fixture
def no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots: cursors that do not blink, and colour unless a test asks for NO_COLOR."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    monkeypatch.delenv("NO_COLOR", raising=False)


# -- issue 13's figures --------------------------------------------------------------------------
# Each campaign (hostile input, kills, the sync model) adds its counts here; every run prints them
# in pytest's closing summary, and PROPOSALS_FIGURES=FILE also writes them there as JSON.
FIGURES = pytest.StashKey[dict[str, Counter]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[FIGURES] = {}


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Callable[[str], Counter]:
    """The counter of one campaign's figures, summed over its tests and printed at the end."""

    def counter(campaign: str) -> Counter:
        return request.config.stash[FIGURES].setdefault(campaign, Counter())

    return counter


# -- pytest-xdist (`make test` runs the suite in worker processes) ---------------------------------
# Each worker counts its own figures and keeps its own syrupy report, and neither reaches the main
# process by itself: syrupy (4.8) skips its unused-snapshot check under xdist. Workers send both
# in `workeroutput`; the main process adds them up and fails on a stale snapshot as a serial run does.
UNUSED_SNAPSHOTS = pytest.StashKey[set[str]]()
USED_SNAPSHOTS = pytest.StashKey[set[str]]()


def _snapshot_names(collections) -> list[str]:
    """The file of each snapshot in syrupy's collections. Every snapshot here is one .svg file
    (a test checks that), and a worker that did not run a file's test names its snapshot
    "unknown snapshot collection", not as the worker that used it does: only the file matches."""
    return [str(collection.location) for collection in collections]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand its share to the main process
        workeroutput["figures"] = {k: dict(v) for k, v in config.stash.get(FIGURES, {}).items()}
        report = getattr(getattr(config, "_syrupy", None), "report", None)
        workeroutput["unused_snapshots"] = _snapshot_names(report.unused) if report else []
        workeroutput["used_snapshots"] = _snapshot_names(report.used) if report else []
    elif UNUSED_SNAPSHOTS in config.stash:  # the main process of an xdist run
        unused = config.stash[UNUSED_SNAPSHOTS] - config.stash[USED_SNAPSHOTS]
        config.stash[UNUSED_SNAPSHOTS] = unused
        if unused and not (config.option.update_snapshots or config.option.warn_unused_snapshots):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """A worker finished: add its figures and its snapshot report to the main process's."""
    output = getattr(node, "workeroutput", {})
    config = node.config
    for campaign, counts in output.get("figures", {}).items():
        config.stash[FIGURES].setdefault(campaign, Counter()).update(counts)
    config.stash.setdefault(UNUSED_SNAPSHOTS, set()).update(output.get("unused_snapshots", []))
    config.stash.setdefault(USED_SNAPSHOTS, set()).update(output.get("used_snapshots", []))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    unused = config.stash.get(UNUSED_SNAPSHOTS, set())
    if unused:
        terminalreporter.section("unused snapshots (no test compares against them)")
        for name in sorted(unused):
            terminalreporter.write_line(name)
    found = config.stash.get(FIGURES, {})
    if not found:
        return
    terminalreporter.section("record integrity figures (issue 13)")
    for campaign, counts in found.items():
        terminalreporter.write_line(f"{campaign}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if os.environ.get("PROPOSALS_FIGURES"):
        Path(os.environ["PROPOSALS_FIGURES"]).write_text(
            json.dumps({k: dict(v) for k, v in found.items()}, indent=2) + "\n", encoding="utf-8"
        )


@pytest.fixture
def nobody(repo_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A working copy and machine with no git identity at all: none stored in the repo (the test
    negotiation has one), none in the environment, no global or system config."""
    for key in ("user.name", "user.email"):
        subprocess.run(["git", "config", "--local", "--unset", key], cwd=repo_path, check=True)
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("EMAIL", "")
