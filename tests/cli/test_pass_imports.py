"""A pass loads only what recording one needs (its start-up is most of its time at 20,000
passes): not the heading patterns of parts it does not read (appendices, letters, the other
styles' articles, divisions: ~6 ms to compile)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import cli_env

PASS_THEN_REPORT = """
import contextlib, io, re, sys
from proposals.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(['-C', {repo!r}, 'pass', '--party', 'employer', 'staffing']) == 0
from proposals.contract import headings
compiled = [n for n in dir(headings) if n.endswith('_RE') and isinstance(getattr(headings, n), re.Pattern)]
print(' '.join(sys.modules))
print(' '.join(compiled))
"""


def _after_pass(repo: Path) -> tuple[set[str], set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PASS_THEN_REPORT.format(repo=str(repo))],
        capture_output=True,
        text=True,
        check=True,
        env=cli_env(),
    ).stdout.split("\n")
    return set(out[0].split()), set(out[1].split())


def test_a_pass_compiles_only_the_heading_patterns_it_reads(negotiation: Path) -> None:
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(article.read_text() + "\nThe Employer shall post every vacancy.\n")
    modules, compiled = _after_pass(negotiation)
    assert "proposals.negotiation.passes" in modules  # the pass ran in this process
    assert "_ARTICLE_RE" in compiled  # its heading was read: 'ARTICLE 6: STAFFING'
    unread = {"_APPENDIX_RE", "_LETTER_RE", "_SECTION_RE", "_CLAUSE_RE", "_DIVISION_RE", "_NUMBERED_RE"}
    assert compiled & unread == set()


def test_the_lazily_compiled_grammar_still_reads_every_kind_of_heading() -> None:
    """Each pattern compiled on its first use, in a fresh process, reads as before."""
    code = (
        "from proposals.contract.headings import read_heading, match_heading, division_heading\n"
        "print(repr((read_heading('APPENDIX A - WAGES').kind, read_heading('LETTER OF AGREEMENT #3').kind,"
        " match_heading('SECTION 6 STAFFING', style='section').number,"
        " match_heading('1. RECOGNITION', style='numbered').title, division_heading('PART A - GENERAL'),"
        " match_heading('Schedule. Advance notice'), read_heading('ARTICLE 6: STAFFING').title)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=cli_env()
    ).stdout.strip()
    assert out == repr(("appendix", "letter", "6", "RECOGNITION", "A - GENERAL", None, "STAFFING"))
