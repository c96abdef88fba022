"""status imports only what it uses (issue 17): with no session records, not the sessions module
(and its JSON records), and never the recording path's drafts module (its journal's base64 and
context variables); with records, its overdue requests are still listed (test_sessions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import cli_env


def _modules_after_status(repo: Path, *args: str) -> set[str]:
    code = (
        "import sys, io, contextlib\nfrom proposals.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-C', {str(repo)!r}, 'status', *{list(args)!r}]) == 0\n"
        "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=cli_env()
    ).stdout
    return set(out.split())


def test_status_without_session_records_imports_neither_sessions_nor_drafts(negotiation: Path) -> None:
    assert not (negotiation / "sessions").exists()
    for args in ((), ("--json",)):
        loaded = _modules_after_status(negotiation, *args)
        unused = ("proposals.negotiation.sessions", "proposals.negotiation.drafts",
                  "proposals.store.transaction", "base64")
        assert [m for m in unused if m in loaded] == [], args
        assert "proposals.negotiation.status" in loaded


def test_status_with_session_records_reads_them(negotiation: Path) -> None:
    (negotiation / "sessions").mkdir()
    assert "proposals.negotiation.sessions" in _modules_after_status(negotiation, "--json")
