"""verify proves what older repos and hand-made tags leave unproved.

- A repo made before ``init`` wrote ``articles/.gitattributes`` (or a teammate's ``ident``/filter
  attribute): verify still compares the blobs git stores (no false TA alarm), and lists the missing
  file as a problem that ``repair`` fixes by writing and committing it.
- ``ta-<id>-superseded-N`` tags: each must be on a TA of that article and named by a resolution
  commit's trailers (``resolve --ta``); any other is listed with its fix, not merely warned about.
"""

from __future__ import annotations

from pathlib import Path

from sync_support import git, make_repo, ok, run, tags, write

ATTRIBUTES = "* -text -ident -filter -working-tree-encoding\n"


def verify(repo: Path) -> tuple[int, str]:
    proc = run(repo, "verify")
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


def test_an_old_repo_without_article_attributes_is_told_and_repaired(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "old")
    text = (repo / "articles" / "staffing.txt").read_text()
    write(repo, "staffing", text.replace("6.1 The employer", "6.1 ($Id$) The employer"))
    ok(repo, "pass", "--party", "employer", "--session", "2025-01-11", "staffing")
    ok(repo, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-01-12")
    # As such a repo looks: no articles/.gitattributes, and a teammate's ident rule at the top.
    git(repo, "rm", "--quiet", "articles/.gitattributes")
    (repo / ".gitattributes").write_text("articles/*.txt ident\n")
    git(repo, "commit", "--quiet", "-m", "older layout", "--", "articles/.gitattributes", ".gitattributes")
    (repo / "articles" / "staffing.txt").unlink()
    git(repo, "checkout", "--quiet", "--", "articles/staffing.txt")
    assert "$Id: " in (repo / "articles" / "staffing.txt").read_text()  # ident rewrote the checkout
    code, out = verify(repo)
    assert code != 0 and "articles/.gitattributes" in out and "proposals repair" in out, out
    assert "does not match" not in out and "changed" not in out.replace("was changed", ""), out  # TA intact
    repaired = ok(repo, "repair")
    assert "articles/.gitattributes" in repaired
    assert (repo / "articles" / ".gitattributes").read_text() == ATTRIBUTES
    assert git(repo, "status", "--porcelain", "--", "articles/.gitattributes") == ""  # committed
    assert "git checkout -- articles/" in repaired  # the text ident rewrote, put back as stored
    # git rewrites only a file whose stat it sees change, so the remedy deletes it first
    (repo / "articles" / "staffing.txt").unlink()
    git(repo, "checkout", "--quiet", "--", "articles/")
    assert "$Id$" in (repo / "articles" / "staffing.txt").read_text()
    code, out = verify(repo)
    assert code == 0 and "intact" in out, out


def test_an_ident_attribute_that_overrides_the_articles_file_is_a_problem(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    assert verify(repo)[0] == 0
    info = Path(git(repo, "rev-parse", "--absolute-git-dir").strip()) / "info" / "attributes"
    info.parent.mkdir(exist_ok=True)
    info.write_text("articles/*.txt ident\n")
    code, out = verify(repo)
    assert code != 0 and "ident" in out and ".git/info/attributes" in out, out


def test_forged_superseded_tags_are_listed_with_the_fix(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    ok(repo, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-01-12")
    ta = tags(repo)["ta-staffing"]
    u1 = tags(repo)["U-1"]
    git(repo, "tag", "ta-staffing-superseded-1", ta)  # a real TA, but no resolution names it
    git(repo, "tag", "ta-scheduling-superseded-2", u1)  # not a TA at all
    code, out = verify(repo)
    assert code != 0, out
    assert "ta-staffing-superseded-1" in out and "named by no resolution" in out
    assert "ta-scheduling-superseded-2" in out and "not a TA of ta-scheduling" in out
    assert "git tag -d ta-staffing-superseded-1" in out
    git(repo, "tag", "-d", "ta-staffing-superseded-1", "ta-scheduling-superseded-2")
    assert verify(repo)[0] == 0
