"""A pass loads only what recording one needs (its start-up is most of its time at 20,000
passes): not the heading patterns of parts it does not read (appendices, letters, the other
styles' articles, divisions: ~6 ms to compile), nor, given its session date, the sessions
module (its records and their dataclasses: ~3 ms) that only finds the open session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import CLI, cli_env

PASS_THEN_REPORT = """
import contextlib, io, re, sys
from proposals.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(['-C', {repo!r}, 'pass', '--party', 'employer', *{extra!r}, 'staffing']) == 0
from proposals.contract import headings
compiled = [n for n in dir(headings) if n.endswith('_RE') and isinstance(getattr(headings, n), re.Pattern)]
print(' '.join(sys.modules))
print(' '.join(compiled))
"""


def _after_pass(repo: Path, *extra: str) -> tuple[set[str], set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PASS_THEN_REPORT.format(repo=str(repo), extra=list(extra))],
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


def test_a_pass_given_its_session_loads_no_session_records(negotiation: Path) -> None:
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(article.read_text() + "\nThe Employer shall post every vacancy.\n")
    modules, _ = _after_pass(negotiation, "--session", "2030-01-07")
    assert "proposals.negotiation.passes" in modules
    assert "proposals.negotiation.sessions" not in modules


def test_a_pass_without_a_session_is_dated_by_the_open_one(negotiation: Path, cli: CLI) -> None:
    cli("-C", str(negotiation), "session", "open", "2030-02-03")
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(article.read_text() + "\nThe Employer shall post every vacancy.\n")
    modules, _ = _after_pass(negotiation)
    assert "proposals.negotiation.sessions" in modules
    log = subprocess.run(
        ["git", "log", "-1", "--format=%B"], cwd=negotiation, capture_output=True, text=True, check=True
    ).stdout
    assert "Session: 2030-02-03" in log


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


def test_a_known_command_builds_its_own_parser_alone() -> None:
    """`pass` builds no subparser for withdraw and ta (declared in its module); help builds all."""
    import argparse

    from proposals.cli.main import COMMAND_INDEX, build_parser

    def commands(parser: argparse.ArgumentParser) -> set[str]:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return set(sub.choices)

    assert commands(build_parser("pass")) == {"pass"}
    assert commands(build_parser("withdraw")) == {"withdraw"}
    assert commands(build_parser(None)) == set(COMMAND_INDEX)
    args = build_parser("pass").parse_args(["pass", "--party", "union", "--session", "2030-01-07", "art-7"])
    assert (args.command, args.party, args.ids) == ("pass", "union", ["art-7"])


def test_a_pass_writing_no_journal_loads_no_json_nor_base64(negotiation: Path) -> None:
    """The working tree's text recorded as it is writes no journal (drafts.restored_on_failure):
    json and base64, which only a journal needs, are not imported (~2 ms of a pass's start)."""
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(article.read_text() + "\nThe Employer shall post every vacancy.\n")
    modules, _ = _after_pass(negotiation, "--session", "2030-01-07")
    assert "proposals.negotiation.passes" in modules
    assert {"json", "base64"} & modules == set()


def test_a_pass_loads_no_tempfile_nor_shutil(negotiation: Path) -> None:
    """git's output is spooled to a memory file (store.git._spool_file), and argparse's help
    formatter asks for the terminal's width only when help is shown: tempfile, shutil, bz2, lzma
    and random (~4 ms of a pass's start) are not imported."""
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(article.read_text() + "\nThe Employer shall post every vacancy.\n")
    modules, _ = _after_pass(negotiation, "--session", "2030-01-07")
    assert "proposals.negotiation.passes" in modules
    assert {"tempfile", "shutil", "bz2", "lzma", "random"} & modules == set()


def test_a_pass_after_any_command_loads_no_tomllib(negotiation: Path) -> None:
    """bargaining.toml unchanged since the last command: its parse comes from the config cache
    (negotiation/config.py), and tomllib (~4 ms of patterns at import) is not loaded."""
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(article.read_text() + "\nThe Employer shall post every vacancy.\n")
    modules, _ = _after_pass(negotiation, "--session", "2030-01-07")
    assert "proposals.negotiation.passes" in modules
    assert "tomllib" not in modules


def test_a_pass_of_parts_the_table_has_loads_no_divisions(negotiation: Path) -> None:
    """Only a part new in the pass takes a division (negotiation/divisions.py): a pass of an
    existing part does not load that module (~2.5 ms of a pass's start)."""
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(article.read_text() + "\nThe Employer shall post every vacancy.\n")
    modules, _ = _after_pass(negotiation, "--session", "2030-01-07")
    assert "proposals.negotiation.passes" in modules
    assert "proposals.negotiation.divisions" not in modules
