"""Issue 17: one history load and one tag listing per command, shared by every step.

Every git process the real CLI starts is logged by a ``git`` wrapper put first on PATH (the
piped reads that bypass ``GitStore.run`` included), then sorted into walks of the history
(``git log`` over a range, not of named commits) and listings of tags (``show-ref``, or
``for-each-ref``/``tag -l`` over tags or the remotes' mirrored tags). status, log, pass and
verify, and a sync that has nothing to fetch or push, each make at most one of each, and the
one listing is ``show-ref -d``: before, a no-op sync listed tags three times (peeling every
mirrored tag once) and read the whole history again for the verify it ran afterwards.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

from conftest import CLI, GIT_IDENTITY, cli_command, cli_env, git

SEPARATOR = "\x1f"


def _wrapper(tmp_path: Path) -> tuple[Path, Path]:
    real = shutil.which("git")
    assert real is not None
    folder = tmp_path / "counting-bin"
    folder.mkdir()
    calls = tmp_path / "git-calls"
    script = folder / "git"
    script.write_text(
        "#!/bin/sh\n"  # one line, written at once: git processes run side by side (verify's diff)
        'line=""\n'
        f'for arg in "$@"; do line="$line$arg{SEPARATOR}"; done\n'
        'printf "%s\\n" "$line" >> "$GIT_CALLS_LOG"\n'
        f'exec "{real}" "$@"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder, calls


def _calls(repo: Path, tmp_path: Path, *args: str) -> list[list[str]]:
    """The git processes of one ``proposals`` command, each as its argument list."""
    folder = tmp_path / "counting-bin"
    if not folder.exists():
        _wrapper(tmp_path)
    log = tmp_path / "git-calls"
    log.write_text("")
    env = cli_env() | {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "GIT_CALLS_LOG": str(log)}
    proc = subprocess.run(
        [*cli_command(), "-C", str(repo), *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    lines = log.read_text().split(f"{SEPARATOR}\n")
    return [line.split(SEPARATOR) for line in lines if line]


def _history_walks(calls: list[list[str]]) -> list[list[str]]:
    return [c for c in calls if c[0] == "log" and "--no-walk=unsorted" not in c and "-1" not in c]


def _tag_listings(calls: list[list[str]]) -> list[list[str]]:
    def lists_tags(call: list[str]) -> bool:
        if call[0] == "show-ref":
            return "--heads" not in call
        if call[0] == "for-each-ref":
            return any("refs/tags" in a or "remote-tags" in a for a in call[1:]) or all(
                a.startswith("-") for a in call[1:]
            )
        return call[0] == "tag" and ("-l" in call or "--list" in call)

    return [c for c in calls if lists_tags(c)]


def test_each_command_loads_the_history_once_and_lists_tags_once(
    negotiation: Path, tmp_path: Path, cli: CLI
) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(negotiation, "remote", "add", "origin", str(remote))
    run = CLI(negotiation)
    run("ta", "parking", "--union-sign", "Ana", "--employer-sign", "Bo", "--date", "2024-03-06")
    run("sync")
    run("status")  # the on-disk cache, as a user has it

    (negotiation / "articles" / "scheduling.txt").write_text(
        (negotiation / "articles" / "scheduling.txt").read_text() + "\n5.3 Breaks. Two a shift.\n"
    )
    commands = {
        "status": ["status", "--json"],
        "log": ["log", "--json"],
        "verify": ["verify"],
        "pass": ["pass", "--party", "union", "--session", "2024-04-02", "scheduling"],
        "sync (pushing the pass)": ["sync"],
        "sync (nothing to do)": ["sync"],
        "verify again": ["verify"],
    }
    seen: dict[str, list[list[str]]] = {}
    for name, args in commands.items():
        seen[name] = _calls(negotiation, tmp_path, *args)
    for name, calls in seen.items():
        walks, listings = _history_walks(calls), _tag_listings(calls)
        if name == "sync (pushing the pass)":  # it moves refs itself, so lists them again after
            continue
        assert len(walks) <= 1, (name, walks)
        assert len(listings) <= 1, (name, listings)
        # show-ref, never for-each-ref peeling every tag; a pass lists only tag names and objects
        wanted = ["show-ref", "--tags"] if name == "pass" else ["show-ref", "-d"]
        assert all(call[: len(wanted)] == wanted for call in listings), (name, listings)
    # verify reads the record from git, never the cache (a remote branch that differs from HEAD is
    # another line of history, read on its own: here each verify runs with origin/main at HEAD)
    assert len(_history_walks(seen["verify"])) == len(_history_walks(seen["verify again"])) == 1
    no_op = seen["sync (nothing to do)"]
    assert not _history_walks(no_op), no_op  # nothing changed: no verify after it
    assert len(_tag_listings(no_op)) == 1


def test_a_pass_starts_its_tag_listing_before_it_reads_the_history(
    negotiation: Path, monkeypatch
) -> None:
    """The order git processes are *started* in, recorded in this process: the wrapper's log above
    is written by each git's shell once it runs, so two processes started back to back may log in
    either order on a loaded machine (a CI run saw the HEAD read logged first)."""
    from proposals.cli.main import main

    (negotiation / "articles" / "scheduling.txt").write_text(
        (negotiation / "articles" / "scheduling.txt").read_text() + "\n5.3 Breaks. Two a shift.\n"
    )
    started: list[list[str]] = []
    real = subprocess.Popen

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, args, *rest, **kw):
            if isinstance(args, (list, tuple)) and args and Path(str(args[0])).name == "git":
                started.append([str(a) for a in args[1:]])
            super().__init__(args, *rest, **kw)

    monkeypatch.setattr(subprocess, "Popen", Recording)
    for key, value in GIT_IDENTITY.items():
        monkeypatch.setenv(key, value)
    argv = ["-C", str(negotiation), "pass", "--party", "union", "--session", "2024-04-02", "scheduling"]
    assert main(argv) == 0
    head_reads = [i for i, c in enumerate(started) if c[-1] == "HEAD^{commit}"]
    tag_listing = [i for i, c in enumerate(started) if c[:2] == ["show-ref", "--tags"]]
    assert tag_listing and head_reads and tag_listing[0] < head_reads[0], started
