"""verify asks which files each commit changes from one regex pass over ``diff-tree
--name-status`` output (``changed_runs``), not a set per commit: the same answer as the loop
(``changed_paths``) for every commit and path, whatever the files are called: a file named like a
commit id, a one-character name (as long as a status), a name starting with a colon."""

from __future__ import annotations

from pathlib import Path

from conftest import git

from proposals.store.git import _DIFF_TREE, GitStore, changed_runs, runs_hold, runs_of

ODD_NAMES = ("x", ":colon", "M", "a b", "articles/one.txt")


def hostile_history(repo: Path) -> list[str]:
    """Commits adding, changing and deleting oddly named files, one commit changing nothing."""
    git(repo, "init", "--quiet")
    (repo / "articles").mkdir()
    for n, name in enumerate(ODD_NAMES):
        (repo / name).write_text(f"{n}\n")
        git(repo, "add", "-A")
        git(repo, "commit", "--quiet", "-m", f"add {name}")
    head = git(repo, "rev-parse", "HEAD").strip()
    (repo / head).write_text("named like a commit\n")  # a file spelled like a commit id
    (repo / "articles" / "one.txt").write_text("changed\n")
    (repo / "x").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "many at once")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "nothing")
    return git(repo, "rev-list", "HEAD").split()


def diff_output(repo: Path, commits: list[str]) -> str:
    return GitStore(repo).out(*_DIFF_TREE, "--always", input="".join(f"{c}\n" for c in commits))


def paths_of(repo: Path, commit: str) -> set[str]:
    """The files `commit` changes, as git names them with nothing else in its output."""
    out = git(repo, "diff-tree", "--root", "-r", "--no-renames", "--name-only", "-z", "--no-commit-id",
              commit, "--")
    return set(out.split("\0")[:-1])


def answers(runs: dict[str, str], commits: list[str], names: set[str]) -> dict[str, set[str]]:
    return {c: {p for p in names if runs_hold(runs[c], p)} for c in commits}


def test_the_runs_answer_as_git_and_the_sets_do(tmp_path: Path) -> None:
    commits = hostile_history(tmp_path)
    runs = changed_runs(diff_output(tmp_path, commits))
    sets = GitStore(tmp_path).changed_paths(commits, "articles")
    names = set(ODD_NAMES) | set(commits) | {"articles", "one.txt", "A", "D", ""}
    assert sorted(runs) == sorted(commits)
    for commit, found in answers(runs, commits, names).items():
        assert found == paths_of(tmp_path, commit) & names, commit
        assert {p for p in found if p.startswith("articles/")} == sets[commit]
    assert runs[commits[0]] == "\0"  # the commit changing nothing
    assert runs_hold(runs[commits[1]], commits[2])  # the file named like a commit is a path
    assert not runs_hold(runs[commits[1]], "M")  # a status is never taken for a path


def test_output_of_another_shape_is_read_by_the_loop(tmp_path: Path) -> None:
    """No final NUL, or an empty item: not the shape the regex reads, so the loop answers."""
    commits = hostile_history(tmp_path)
    out = diff_output(tmp_path, commits)
    names = set(ODD_NAMES) | set(commits)
    expected = answers(changed_runs(out), commits, names)
    for odd in (out[:-1], "\0" + out, out.replace("\0", "\0\0", 1)):
        assert answers(changed_runs(odd), commits, names) == expected
    assert runs_of({"c" * 40: {"articles/a.txt"}, "d" * 40: set()}) == {
        "c" * 40: "\0M\0articles/a.txt\0", "d" * 40: "\0"
    }
