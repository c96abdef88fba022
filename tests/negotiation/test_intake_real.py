"""Real contracts in through the CLI (issue 11): every reader (text, PDF, .docx, folder) on
contracts in the styles agreements are really written in, the one-line refusals with what was
found instead, and --dry-run, each in a real git repo that a refusal leaves exactly as it was."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, git

SECTION_CONTRACT = """CITY OF EXAMPLE
COLLECTIVE AGREEMENT

This Agreement is made between the City of Example and the Municipal Workers Union, Local 1.

SECTION 1 RECOGNITION
1.1 The City recognizes the Union as the sole bargaining agent.

Section 2. Management Rights
Section 2.1 The City retains the right to manage, except as provided in Section 1.
(a) to hire;
(b) to assign work.

SCHEDULE "A" - WAGE RATES
Clerk 20.00 21.00

LETTER OF UNDERSTANDING No. 2
Parking stays free for the life of this Agreement.
"""

NUMBERED_CONTRACT = """1. RECOGNITION
The Employer recognizes the Union as the sole bargaining agent for all employees.
1. The Employer shall deduct dues.

2.  MANAGEMENT RIGHTS
The Employer retains every right not limited by this Agreement.
"""


def init_repo(cli: CLI) -> Path:
    cli("init", "talks", "--union", "Municipal Workers Union", "--employer", "City of Example")
    return cli.cwd / "talks"


def repo_state(repo: Path) -> tuple[str, str, str, list[str]]:
    """Refs, index, working tree (tracked, untracked and ignored files) and the article folder."""
    return (
        git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
        git(repo, "ls-files", "--stage"),
        git(repo, "status", "--porcelain", "--ignored", "--untracked-files=all"),
        sorted(p.name for p in (repo / "articles").iterdir()),
    )


def test_a_contract_with_section_headings_only(cli: CLI, tmp_path: Path) -> None:
    repo = init_repo(cli)
    source = tmp_path / "city.txt"
    source.write_text(SECTION_CONTRACT)
    result = cli("-C", str(repo), "baseline", "--from-text", str(source))
    assert "Baseline imported: 5 parts (1 preamble, 2 sections, 1 appendix, 1 letter)" in result.out
    assert "numbered parts start at SECTION headings (--as section)" in result.err
    assert (repo / "articles" / "management-rights.txt").read_text() == (
        "Section 2. Management Rights\n"
        "Section 2.1 The City retains the right to manage, except as provided in Section 1.\n"
        "(a) to hire;\n(b) to assign work.\n"
    )
    assert (
        repo / "articles" / "wage-rates.txt"
    ).read_text() == 'SCHEDULE "A" - WAGE RATES\nClerk 20.00 21.00\n'
    status = cli("-C", str(repo), "status", "--json").out
    assert '"management-rights"' in status and '"letter-2"' in status


def test_a_contract_numbered_by_title_lines(cli: CLI, tmp_path: Path) -> None:
    repo = init_repo(cli)
    source = tmp_path / "numbered.txt"
    source.write_text(NUMBERED_CONTRACT)
    out = cli("-C", str(repo), "baseline", "--from-text", str(source), "--dry-run").out
    assert "article 1" in out and "RECOGNITION  (2 paragraphs" in out
    assert "article 2" in out and "MANAGEMENT RIGHTS  (1 paragraph," in out
    cli("-C", str(repo), "baseline", "--from-text", str(source))
    assert (
        (repo / "articles" / "recognition.txt").read_text().endswith("1. The Employer shall deduct dues.\n")
    )


def test_no_headings_says_what_was_found_and_the_as_option_that_reads_it(cli: CLI, tmp_path: Path) -> None:
    repo = init_repo(cli)
    source = tmp_path / "one.txt"
    source.write_text("Minutes of the meeting\nSECTION 1 RECOGNITION\nThe City recognizes the Union.\n")
    before = repo_state(repo)
    err = cli("-C", str(repo), "baseline", "--from-text", str(source), ok=False).err
    assert err.count("\n") == 1
    assert (
        "no part headings found: read 3 paragraphs; the first lines look like 'Minutes of the meeting', "
        "'SECTION 1 RECOGNITION', 'The City recognizes the Union.'" in err
    )
    assert "1 line read as SECTION headings ('SECTION 1 RECOGNITION'): try --as section" in err
    assert repo_state(repo) == before
    out = cli("-C", str(repo), "baseline", "--from-text", str(source), "--as", "section").out
    assert "Baseline imported: 1 part (1 section)" in out
    assert "SECTION 1 RECOGNITION" in (repo / "articles" / "recognition.txt").read_text()
