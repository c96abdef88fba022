"""A part that first arrives in a pass takes the division it stands under (bargaining.toml).

The baseline records each part's division ("PART B - ECONOMIC PROVISIONS"), and compile, export
and publish show it above the first part of each. Before, a part new in a pass (their "ARTICLE 45
TELEHEALTH", or one a member drafted) got none: compile ran it on under whatever heading came
before it, or set no heading above a division of its own. Now it takes the division shown above
it in their document, else the division of the part it follows in contract order; the pass says
so, and an existing part's division is never changed (the pass says their document differs).
Their passes here are text files (tests/word/test_lo_divisions.py imports a LibreOffice .docx
proposing one); the repos, git and the CLI are real.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import docx
from conftest import CLI, git
from sync_support import held_open

CONTRACT = """COLLECTIVE AGREEMENT

This Agreement is made between Northstar Health and Clinicians United for the terms set out below.

PART A - GENERAL

ARTICLE 1 - RECOGNITION

1.1 The Employer recognises the Union as the exclusive representative.

ARTICLE 2 - MANAGEMENT RIGHTS

2.1 The Employer retains the right to manage.

PART B - ECONOMIC PROVISIONS

ARTICLE 3 - WAGES

3.1 Wages are set out in Appendix A.

APPENDIX A - WAGE SCALES

Step 1 $50.00
"""
# Hand-kept settings a rewrite from the parsed file would lose.
KEPT = '\n# Ask Rosa before publishing.\n[publish]\nhide = ["wage-scales"]\n'


def _repo(cli: CLI, tmp_path: Path, text: str = CONTRACT) -> Path:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    source = tmp_path / "contract.txt"
    source.write_text(text)
    cli("-C", "talks", "baseline", "--from-text", str(source))
    repo = tmp_path / "talks"
    with (repo / "bargaining.toml").open("a") as handle:
        handle.write(KEPT)
    git(repo, "commit", "-qam", "Publish settings")
    return repo


def _divisions(repo: Path) -> dict[str, str]:
    data = tomllib.loads((repo / "bargaining.toml").read_text())
    return {i: m.get("division", "") for i, m in data.get("articles", {}).items()}


def _heads(path: Path) -> list[str]:
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    return [t for t in texts if t.startswith(("PART", "ARTICLE", "APPENDIX"))]


def test_a_part_a_member_drafts_takes_the_division_of_the_part_it_follows(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path)
    before = _divisions(repo)
    (repo / "articles" / "telehealth.txt").write_text(
        "ARTICLE 4 - TELEHEALTH\n\n4.1 Visits by video count.\n"
    )
    result = cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "telehealth")
    said = "telehealth is new: it stands under PART B - ECONOMIC PROVISIONS (as wages before it; in "
    assert said in result.err, result.err
    assert _divisions(repo) == {**before, "telehealth": "PART B - ECONOMIC PROVISIONS"}
    text = (repo / "bargaining.toml").read_text()
    assert text.endswith(KEPT), text  # the file is edited, never rewritten: [publish] and the comment stay
    # In the pass's own commit, and nothing left uncommitted.
    assert git(repo, "show", "--name-only", "--format=", "U-1^{commit}").split() == [
        "articles/telehealth.txt",
        "bargaining.toml",
    ]
    assert git(repo, "status", "--porcelain") == ""
    cli("-C", str(repo), "verify")
    cli("-C", str(repo), "compile", "--force", "-o", str(tmp_path / "c.docx"))
    heads = _heads(tmp_path / "c.docx")
    b = heads.index("PART B - ECONOMIC PROVISIONS")
    assert heads[b:] == [
        "PART B - ECONOMIC PROVISIONS",
        "ARTICLE 3 - WAGES",
        "ARTICLE 4 - TELEHEALTH",
        "APPENDIX A - WAGE SCALES",
    ], heads
    # An existing part is never moved: passing it again changes nothing in bargaining.toml.
    (repo / "articles" / "telehealth.txt").write_text(
        "ARTICLE 4 - TELEHEALTH\n\n4.1 Visits by video count too.\n"
    )
    result = cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-20", "telehealth")
    assert "stands under" not in result.err
    assert git(repo, "show", "--name-only", "--format=", "U-2^{commit}").split() == [
        "articles/telehealth.txt"
    ]


def test_their_text_pass_places_a_new_part_under_the_division_it_shows_and_keeps_ours(
    cli: CLI, tmp_path: Path
) -> None:
    """Their division line is matched to ours however its dash is typed; one the contract lacks is
    taken as written; their document showing an existing part elsewhere moves nothing."""
    repo = _repo(cli, tmp_path)
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(
        "PART A \u2013 GENERAL\n\nARTICLE 3 - WAGES\n\n3.1 Wages are set out in Appendix A, as amended.\n\n"
        "PART B \u2013 Economic Provisions\n\nARTICLE 45 - TELEHEALTH\n\n45.1 Visits by video count.\n\n"
        "PART C - NEW BENEFITS\n\nARTICLE 46 - CHILD CARE\n\n46.1 A subsidy is paid.\n"
    )
    result = cli(
        "-C",
        str(repo),
        "import-docx",
        str(theirs),
        "--party",
        "employer",
        "--session",
        "2025-03-14",
        "--announced",
        "wages,telehealth,child-care",
    )
    ids = {i for i in _divisions(repo) if i not in ("preamble", "recognition", "management-rights")}
    telehealth = next(i for i in ids if "telehealth" in i)
    child = next(i for i in ids if "child" in i)
    assert _divisions(repo)[telehealth] == "PART B - ECONOMIC PROVISIONS"  # the contract's spelling
    assert _divisions(repo)[child] == "PART C - NEW BENEFITS"
    assert _divisions(repo)["wages"] == "PART B - ECONOMIC PROVISIONS"  # not moved
    assert (
        "their document shows wages under PART A \u2013 GENERAL; bargaining.toml keeps it under "
        "PART B - ECONOMIC PROVISIONS (edit it there to move it)"
    ) in result.err, result.err
    assert (
        f"{telehealth} is new: it stands under PART B - ECONOMIC PROVISIONS (as the pass document"
        in result.err
    )
    assert "bargaining.toml" in git(repo, "show", "--name-only", "--format=", "E-1^{commit}").split()
    assert git(repo, "status", "--porcelain") == ""
    cli("-C", str(repo), "compile", "--force", "-o", str(tmp_path / "c.docx"))
    heads = _heads(tmp_path / "c.docx")
    assert heads[heads.index("ARTICLE 3 - WAGES") :] == [
        "ARTICLE 3 - WAGES",
        "ARTICLE 45 - TELEHEALTH",
        "PART C - NEW BENEFITS",
        "ARTICLE 46 - CHILD CARE",
        "APPENDIX A - WAGE SCALES",  # stands under PART B: no heading repeats it
    ], heads


def test_a_contract_without_divisions_gives_a_new_part_none(cli: CLI, tmp_path: Path) -> None:
    plain = CONTRACT.replace("PART A - GENERAL\n", "").replace("PART B - ECONOMIC PROVISIONS\n", "")
    repo = _repo(cli, tmp_path, plain)
    (repo / "articles" / "telehealth.txt").write_text(
        "ARTICLE 4 - TELEHEALTH\n\n4.1 Visits by video count.\n"
    )
    result = cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "telehealth")
    assert "division" not in (repo / "bargaining.toml").read_text() and "stands under" not in result.err
    assert git(repo, "show", "--name-only", "--format=", "U-1^{commit}").split() == [
        "articles/telehealth.txt"
    ]


def test_a_pass_that_fails_puts_bargaining_toml_back(cli: CLI, tmp_path: Path) -> None:
    """A running program holds .git/index.lock: the pass is refused, and the division it wrote
    into bargaining.toml is taken out again with everything else."""
    repo = _repo(cli, tmp_path)
    before = (repo / "bargaining.toml").read_bytes()
    (repo / "articles" / "telehealth.txt").write_text(
        "ARTICLE 4 - TELEHEALTH\n\n4.1 Visits by video count.\n"
    )
    with held_open(repo / ".git" / "index.lock"):
        cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "telehealth", ok=False)
    assert (repo / "bargaining.toml").read_bytes() == before
    assert git(repo, "status", "--porcelain") == "?? articles/telehealth.txt\n"
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "telehealth")
    assert _divisions(repo)["telehealth"] == "PART B - ECONOMIC PROVISIONS"


def test_uncommitted_settings_of_ours_are_not_swept_into_the_pass(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path)
    config = repo / "bargaining.toml"
    config.write_text(
        config.read_text().replace("[articles.wages]\neconomic = false", "[articles.wages]\neconomic = true")
    )
    (repo / "articles" / "telehealth.txt").write_text(
        "ARTICLE 4 - TELEHEALTH\n\n4.1 Visits by video count.\n"
    )
    result = cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "telehealth")
    assert "bargaining.toml has changes of yours not committed" in result.err
    assert git(repo, "show", "--name-only", "--format=", "U-1^{commit}").split() == [
        "articles/telehealth.txt"
    ]
    assert _divisions(repo)["telehealth"] == "PART B - ECONOMIC PROVISIONS"
    assert "economic = true" in config.read_text()


def test_the_settings_file_is_edited_in_place_and_checked_by_reading_it_back() -> None:
    """Each new table goes in id order (where dump_config puts it), a part's own table gets the
    line under its header, and an edit that would not read back as exactly that is refused."""
    from proposals.negotiation.config import ArticleMeta, with_divisions

    text = (
        '# ours\n[parties.union]\nname = "U"\n\n[parties.employer]\nname = "E"\n\n'
        "[articles.alpha]\neconomic = false\n\n[articles.gamma]\neconomic = true\n\n"
        '[publish]\nhide = ["gamma"]\n'
    )
    edited = with_divisions(text, {"beta": "PART B", "gamma": 'PART "C"', "zeta": "PART Z"})
    assert edited is not None and edited[1].meta("gamma") == ArticleMeta(True, division='PART "C"')
    assert edited[0] == (
        '# ours\n[parties.union]\nname = "U"\n\n[parties.employer]\nname = "E"\n\n'
        '[articles.alpha]\neconomic = false\n\n[articles.beta]\ndivision = "PART B"\n\n'
        '[articles.gamma]\ndivision = "PART \\"C\\""\neconomic = true\n\n'
        '[publish]\nhide = ["gamma"]\n\n[articles.zeta]\ndivision = "PART Z"\n'
    )
    assert with_divisions(text.replace("economic = true", "division = ''"), {"gamma": "PART C"}) is None
    inline = text.replace("[articles.alpha]", "[articles]\nbeta = { economic = true }\n\n[articles.alpha]")
    assert with_divisions(inline, {"beta": "PART B"}) is None  # its settings written otherwise
    assert with_divisions("not toml [", {"beta": "PART B"}) is None


def test_a_pass_of_many_new_parts_counts_them_per_division(cli: CLI, tmp_path: Path) -> None:
    repo = _repo(cli, tmp_path)
    theirs = tmp_path / "theirs.txt"
    theirs.write_text(
        "PART C - BENEFITS\n\n"
        + "".join(f"ARTICLE {n} - BENEFIT {n}\n\n{n}.1 Benefit {n} is paid.\n\n" for n in range(50, 62))
    )
    result = cli(
        "-C", str(repo), "import-docx", str(theirs), "--party", "employer", "--session", "2025-03-14"
    )
    lines = [line for line in result.err.splitlines() if "stand" in line]
    assert lines == [
        "12 new parts stand under PART C - BENEFITS (benefit-50, benefit-51, benefit-52, ...; "
        "in bargaining.toml)"
    ], lines
    assert list(_divisions(repo).values()).count("PART C - BENEFITS") == 12
    cli("-C", str(repo), "verify")


def _clones(tmp_path: Path) -> tuple[Path, Path]:
    from sync_support import ok

    ok(tmp_path, "init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    (tmp_path / "contract.txt").write_text(CONTRACT)
    ok(tmp_path / "talks", "baseline", "--from-text", str(tmp_path / "contract.txt"))
    git(tmp_path, "clone", "--quiet", "--bare", "talks", "remote.git")
    for name in ("alice", "bob"):
        ok(tmp_path, "clone", str(tmp_path / "remote.git"), name)
    return tmp_path / "alice", tmp_path / "bob"


def test_two_members_new_parts_in_one_stretch_of_the_settings_merge_at_sync(tmp_path: Path) -> None:
    """Alice's telehealth and Bob's travel both go into bargaining.toml between recognition and
    wage-scales: git cannot merge two insertions at one place, and the sync stopped on a conflict
    in a file no `resolve` settles. Each side only added divisions, so the sync merges them."""
    from sync_support import ok, run

    alice, bob = _clones(tmp_path)
    (alice / "articles" / "telehealth.txt").write_text("ARTICLE 4 - TELEHEALTH\n\n4.1 Video.\n")
    ok(alice, "pass", "--party", "union", "--session", "2025-03-14", "telehealth")
    ok(alice, "sync")
    (bob / "articles" / "travel.txt").write_text("ARTICLE 5 - TRAVEL\n\n5.1 Mileage is paid.\n")
    ok(bob, "pass", "--party", "union", "--session", "2025-03-14", "travel")
    synced = run(bob, "sync")
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "bargaining.toml: the divisions of new parts on both sides merged" in synced.stderr
    ok(alice, "sync")
    for member in (alice, bob):
        assert (
            _divisions(member)["telehealth"] == _divisions(member)["travel"] == "PART B - ECONOMIC PROVISIONS"
        )
        assert git(member, "status", "--porcelain") == ""
        ok(member, "verify")
    assert git(alice, "rev-parse", "HEAD") == git(bob, "rev-parse", "HEAD")


def test_a_settings_conflict_that_is_not_only_divisions_is_left_to_the_member(tmp_path: Path) -> None:
    from sync_support import ok, run

    alice, bob = _clones(tmp_path)
    for member, name in ((alice, "Northstar Health System"), (bob, "Northstar Health Inc.")):
        config = member / "bargaining.toml"
        config.write_text(config.read_text().replace('name = "Northstar Health"', f'name = "{name}"'))
        git(member, "commit", "-qam", "Employer's full name")
    ok(alice, "sync")
    stopped = run(bob, "sync")
    assert stopped.returncode != 0 and "bargaining.toml: merge conflict" in stopped.stdout + stopped.stderr
    assert "UU bargaining.toml" in git(bob, "status", "--porcelain")


def test_a_division_set_before_the_pass_goes_with_it(cli: CLI, tmp_path: Path) -> None:
    """A pass killed after writing bargaining.toml and before its commit leaves the division
    there, uncommitted (as does a member who sets it by hand): the next pass of the part commits
    the file with it, rather than leaving the team without the division."""
    repo = _repo(cli, tmp_path)
    config = repo / "bargaining.toml"
    config.write_text(config.read_text() + '\n[articles.telehealth]\ndivision = "PART A - GENERAL"\n')
    (repo / "articles" / "telehealth.txt").write_text(
        "ARTICLE 4 - TELEHEALTH\n\n4.1 Visits by video count.\n"
    )
    cli("-C", str(repo), "pass", "--party", "union", "--session", "2025-03-14", "telehealth")
    assert "bargaining.toml" in git(repo, "show", "--name-only", "--format=", "U-1^{commit}").split()
    assert git(repo, "status", "--porcelain") == ""
    assert _divisions(repo)["telehealth"] == "PART A - GENERAL"  # as the member set it
