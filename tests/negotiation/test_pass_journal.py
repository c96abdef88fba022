"""The restore journal of a pass (drafts.restored_on_failure) names only the files it writes.

A kill between writing an article and recording it is undone by the journal the next recording
plays back (tests/negotiation/test_crash_safety.py). A pass of the working tree's text as it
stands writes no file, so it needs no journal: writing and flushing one cost every such pass a
write, an fsync and a rename (issue 17: a pass at 20,000 passes within 250 ms). A git hook that
runs while the pass commits shows whether the journal is there at that moment.
"""

from __future__ import annotations

import stat
from pathlib import Path

from conftest import CLI, STAFFING

from proposals.negotiation.recovery import RESTORE_JOURNAL


def _watch_journal(repo: Path) -> Path:
    """A post-commit hook noting, at each commit, whether the restore journal is in .git."""
    seen = repo / ".git" / "journal-seen"
    hook = repo / ".git" / "hooks" / "post-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(
        "#!/bin/sh\n"
        f'if [ -e "{repo / ".git" / RESTORE_JOURNAL}" ]; then echo there; else echo absent; fi >> "{seen}"\n'
    )
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    return seen


def test_a_pass_of_the_text_as_it_stands_writes_no_journal(negotiation: Path, cli: CLI) -> None:
    seen = _watch_journal(negotiation)
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING + "\n12.9 One more line.\n")
    CLI(negotiation)("pass", "--party", "employer", "staffing")
    assert seen.read_text().split() == ["absent"]
    assert not (negotiation / ".git" / RESTORE_JOURNAL).exists()


def test_a_pass_that_rewrites_its_file_journals_it(negotiation: Path, cli: CLI) -> None:
    """A Word-saved file (CRLF line ends) is rewritten as the text recorded (LF): journaled, so a
    kill before the commit puts the user's bytes back."""
    seen = _watch_journal(negotiation)
    path = negotiation / "articles" / "staffing.txt"
    path.write_bytes((STAFFING + "\n12.9 One more line.\n").replace("\n", "\r\n").encode("utf-8"))
    CLI(negotiation)("pass", "--party", "employer", "staffing")
    assert seen.read_text().split() == ["there"]
    assert b"\r\n" not in path.read_bytes()
    assert not (negotiation / ".git" / RESTORE_JOURNAL).exists()
