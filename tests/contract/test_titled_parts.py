"""Contracts whose parts have titles but no numbers (``baseline --as titled``).

Some agreements number only their clauses: "RECOGNITION" alone on a line, then "1.01 The
Employer recognizes...", "MANAGEMENT RIGHTS" over "2.01". Before, such a contract was refused
with "no part headings found" and no way forward, or, when it held an appendix, imported whole
as one preamble with nothing said. Now the refusal (and the preamble case's note) names what was
found and ``--as titled``, which stores each title as the article its clauses number
("ARTICLE 1: RECOGNITION"), said in a note; their pass in the same form is read the same way.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, git, part_files

from proposals.contract.headings import titles_over_clauses
from proposals.contract.split import Line, split_parts

TITLED = """COLLECTIVE AGREEMENT

RECOGNITION

1.01 The Employer recognizes the Union as the sole bargaining agent for all physicians.

1.02 Nothing in this agreement limits the rights of members under the law.

MANAGEMENT RIGHTS

2.01 The Union acknowledges that it is the function of the Employer to manage the clinics.

Hours of Work

3.01 The normal hours of work shall be forty hours per week.

Overtime

3.02 Overtime shall be paid at one and one-half times the regular rate.

WAGES

4.01 Physicians are paid as set out in Appendix A.
"""


def test_titles_take_the_number_of_the_clauses_under_them() -> None:
    lines = TITLED.split("\n")
    found = titles_over_clauses(lines)
    assert {lines[i]: n for i, n in found.items()} == {
        "RECOGNITION": 1,
        "MANAGEMENT RIGHTS": 2,
        "Hours of Work": 3,
        "WAGES": 4,
    }  # "Overtime" over 3.02 is a heading inside article 3, not a part of its own


def test_a_title_under_a_heading_or_after_an_appendix_is_not_a_part() -> None:
    lines = [
        "ARTICLE 6",
        "STAFFING",  # the title of ARTICLE 6 on its own line
        "6.01 The Employer shall staff the clinics.",
        "APPENDIX A",
        "RATES",
        "7.1 The rates are in the table.",
    ]
    assert titles_over_clauses(lines) == {}


def test_split_reads_titles_as_articles_only_when_asked() -> None:
    lines = [Line(t) for t in TITLED.split("\n")]
    assert not any(p.kind == "article" for p in split_parts(lines).parts)
    split = split_parts(lines, titled=True)
    heads = [p.text.split("\n", 1)[0] for p in split.parts]
    assert heads == ["ARTICLE 1: RECOGNITION", "ARTICLE 2: MANAGEMENT RIGHTS", "ARTICLE 3: Hours of Work",
                     "ARTICLE 4: WAGES"]  # fmt: skip
    assert "Overtime\n\n3.02 Overtime shall be paid" in split.parts[2].text
    assert split.notes[0].startswith("4 part titles had no number of their own")


def _state(repo: Path) -> str:
    return git(repo, "show-ref") + git(repo, "status", "--porcelain")


def test_the_refusal_names_the_titles_and_as_titled_imports_them(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "contract.txt"
    source.write_text(TITLED)
    cli("init", "talks", "--union", "U", "--employer", "E")
    repo = cli.cwd / "talks"
    before = _state(repo)
    err = cli("-C", "talks", "baseline", "--from-text", str(source), ok=False).err
    assert (
        "4 lines look like part titles with no number, each over its clauses ('RECOGNITION' over 1.x): "
        "try --as titled (each read as the article its clauses number: 'ARTICLE 1: RECOGNITION')"
    ) in err
    assert _state(repo) == before
    done = cli("-C", "talks", "baseline", "--from-text", str(source), "--as", "titled")
    assert "Baseline imported: 4 parts (4 articles)" in done.out
    assert "4 part titles had no number of their own" in done.err
    files = part_files(repo)
    assert files["recognition"].startswith("ARTICLE 1: RECOGNITION\n\n1.01 The Employer recognizes")
    assert files["hours-of-work"] == (
        "ARTICLE 3: Hours of Work\n\n3.01 The normal hours of work shall be forty hours per week.\n\n"
        "Overtime\n\n3.02 Overtime shall be paid at one and one-half times the regular rate.\n"
    )
    assert "All TA'd text is intact" in cli("-C", "talks", "verify").out


def test_their_pass_with_titles_and_no_numbers_is_read_as_our_articles(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "contract.txt"
    source.write_text(TITLED + "\nAPPENDIX A - RATES\nStep 1 is paid 100.00 an hour.\n")
    cli("init", "talks", "--union", "U", "--employer", "E")
    # With an appendix the articles went into the preamble, and nothing said so: now a note does.
    dry = cli("-C", "talks", "baseline", "--from-text", str(source), "--dry-run")
    assert "4 lines look like part titles with no number" in dry.out + dry.err
    assert "try --as titled" in dry.out + dry.err
    cli("-C", "talks", "baseline", "--from-text", str(source), "--as", "titled")
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(
        source.read_text().replace("forty hours", "forty-two hours").replace("100.00", "101.00")
    )
    done = cli("-C", "talks", "import-docx", str(theirs), "--party", "employer", "--session", "2024-03-01")
    assert "Recorded E pass E-1 (session 2024-03-01): hours-of-work, rates" in done.out
    assert "4 part titles with no number read as the article their clauses number" in done.out + done.err
    files = part_files(cli.cwd / "talks")
    assert files["hours-of-work"].startswith("ARTICLE 3: Hours of Work\n\n3.01 The normal hours of work "
                                             "shall be forty-two hours")  # fmt: skip
    assert set(git(cli.cwd / "talks", "show", "--name-only", "--format=", "HEAD").split()) == {
        "articles/hours-of-work.txt", "articles/rates.txt"}  # fmt: skip
