"""Named git operations, so that no module outside the store builds a git command line.

Sync, integrity, renumbering, recovery, the demo and the TUI ask for what they mean
(``is_ancestor``, ``unmerged_paths``, ``index_stage``, ``remotes``, ``trailer``...) and this
mixin of ``GitStore`` turns each into one git call with ``--end-of-options`` or ``--`` before
anything that may have come from a user or a remote. ``tests/store/test_git_only_here.py``
fails if a module elsewhere passes a git argv to ``run``/``out``.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any


class NamedOperations:
    """Mixed into ``GitStore``; every method is one git call (or a few) with a name."""

    root: Path
    _env: dict[str, str]
    _git_dir: Path | None = None
    _refs_under: dict[str, dict[str, tuple[str, str]]]  # GitStore's cache (see refs_under)
    _refs: str | None  # GitStore's one show-ref listing, None until read

    def run(self, *args: str, **kw: Any) -> subprocess.CompletedProcess: ...  # GitStore's

    def out(self, *args: str, **kw: Any) -> str: ...  # GitStore's

    def ref_listing(self) -> str: ...  # GitStore's

    def head_ref(self) -> str | None: ...  # GitStore's (kept until a ref may move)

    def environment(self, extra: Mapping[str, str] | None = None) -> dict[str, str]: ...  # GitStore's

    # -- the repository ----------------------------------------------------------------------

    def git_dir(self) -> Path:
        """The repository's .git directory (absolute; worktrees and GIT_DIR layouts included)."""
        if self._git_dir is None:
            self._git_dir = Path(self.out("rev-parse", "--absolute-git-dir").strip())
        return self._git_dir

    def probe(self) -> tuple[int, list[str], bytes]:
        """(exit code, [toplevel, is-shallow, git dir], stderr) of the directory, for ``open``."""
        proc = self.run(
            "rev-parse", "--show-toplevel", "--is-shallow-repository", "--absolute-git-dir", check=False
        )
        return proc.returncode, proc.stdout.splitlines(), proc.stderr

    def init(self, branch: str = "main") -> None:
        self.run("init", "--quiet", f"--initial-branch={branch}")

    def version(self) -> str:
        return self.out("version")

    def set_environment(self, values: Mapping[str, str]) -> None:
        """Environment for every later git call (the demo dates its commits this way)."""
        self._env.update(values)

    def pack_refs(self) -> None:
        """``git pack-refs --all``, as ``git gc`` does: loose refs into packed-refs, peeled."""
        self.run("pack-refs", "--all")

    def housekeep(self) -> None:
        """``git gc --auto``: pack loose objects when git thinks it worthwhile."""
        self.run("gc", "--quiet", "--auto")

    # -- refs --------------------------------------------------------------------------------

    def current_branch(self) -> str | None:
        """The branch HEAD is on, or None when detached."""
        proc = self.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        return proc.stdout.strip() or None if proc.returncode == 0 else None

    def on_branch(self) -> bool:
        return self.head_ref() is not None

    def refs_under(self, prefix: str, *, few: bool = False) -> dict[str, tuple[str, str]]:
        """Refs under `prefix`: the name after it -> (object, the commit it peels to).

        Read from the store's one ``show-ref -d`` (``GitStore.ref_listing``), like ``tags``, and
        kept until the store runs anything that may move a ref: a sync reads the remote's mirrored
        tags twice (20,000 of them at 20,000 passes), and its own tags too. `few`: a handful of
        refs (saved drafts) asked for alone, as the TUI board does before anything needs a tag:
        one ``for-each-ref`` of `prefix` unless every ref is listed already (listing 40,000 tag
        lines for none of them was a quarter of the board's load at 20,000 passes)."""
        cached = self._refs_under.get(prefix)
        if cached is not None:
            return dict(cached)
        if prefix.endswith("/") and not (few and self._refs is None):
            from proposals.store.git import refs_from_listing

            found = refs_from_listing(self.ref_listing(), prefix)
        else:  # a pattern for-each-ref matches by whole components
            fmt = "%(refname)%00%(objectname)%00%(*objectname)"
            found = {}
            for line in self.out("for-each-ref", f"--format={fmt}", prefix).splitlines():
                name, obj, peeled = line.split("\0")
                found[name[len(prefix) :]] = (obj, peeled or obj)
        self._refs_under[prefix] = found
        return dict(found)

    def remote_branches(self) -> list[tuple[str, str, str]]:
        """Every remote-tracking ref as (refname, symref target or '', object)."""
        fmt = "%(refname)%00%(symref)%00%(objectname)"
        out = self.out("for-each-ref", f"--format={fmt}", "refs/remotes/")
        return [tuple(line.split("\0")) for line in out.splitlines()]  # type: ignore[misc]

    def branches_containing(self, commit: str) -> list[str]:
        """Local and remote-tracking branches whose history holds `commit`."""
        out = self.out(
            "for-each-ref", "--contains", commit, "--format=%(refname)", "refs/heads/", "refs/remotes/"
        )
        return out.split()

    def delete_ref(self, ref: str, old: str | None = None) -> None:
        self.run("update-ref", "-d", ref, *([old] if old else []))

    def update_refs(self, lines: Sequence[str]) -> None:
        """Many ref changes in one transaction (``update-ref --stdin``): all happen or none."""
        self.run("update-ref", "--stdin", input="\n".join(lines) + "\n")

    def remotes(self) -> list[str]:
        return self.out("remote").split()

    def remotes_with_url(self) -> list[str]:
        """Remotes that have a URL, from one ``git config`` read (no ``git remote`` process)."""
        urls = self.run("config", "--get-regexp", r"^remote\..*\.url$", check=False).stdout.splitlines()
        return [line.split(" ", 1)[0][len("remote.") : -len(".url")] for line in urls]

    def config_set(self, key: str, value: str) -> None:
        self.run("config", "--", key, value)

    def config_unset(self, key: str) -> None:
        """Remove `key` from this repository's own config (absent is fine)."""
        self.run("config", "--local", "--unset-all", "--", key, check=False)

    def local_config(self, key: str) -> str | None:
        """`key` from this repository's own config only, not the user's or the machine's."""
        proc = self.run("config", "--local", "--get", "--", key, check=False)
        return proc.stdout.strip() or None

    def author_ident(self) -> tuple[str, str] | None:
        """The name and email git would put on a commit now (environment, then config), or None
        when git has none it would use (`git var` is strict: no guessed hostname address)."""
        proc = self.run("var", "GIT_AUTHOR_IDENT", check=False)
        match = re.fullmatch(r"(.*?) ?<([^<>]*)> \d+ [+-]\d{4}\n?", proc.stdout)
        return (match.group(1), match.group(2)) if proc.returncode == 0 and match else None

    def ident_from_environment(self) -> bool:
        """Whether the environment names the author (GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL), which
        git puts before any config: scripts and CI say who they are this way."""
        env = self.environment()
        return bool(env.get("GIT_AUTHOR_NAME", "").strip() and env.get("GIT_AUTHOR_EMAIL", "").strip())

    # -- history -----------------------------------------------------------------------------

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        return self.run("merge-base", "--is-ancestor", ancestor, descendant, check=False).returncode == 0

    def merge_base(self, one: str, other: str) -> str | None:
        """Their common ancestor, or None when the two histories share nothing."""
        return self.out("merge-base", one, other, check=False).strip() or None

    def commits_not_in(self, head: str, excluded: Sequence[str], *, parents: bool = False) -> list[str]:
        """Commits of `head` not reachable from `excluded` (rev-list arguments like --remotes).

        With `parents`, each line is "sha parent..." oldest first (topological), for rewriting.
        """
        extra = ["--reverse", "--topo-order", "--parents"] if parents else []
        return self.out("rev-list", *extra, head, "--not", *excluded).splitlines()

    def new_commits(self, tip: str, head: str) -> list[str] | None:
        """``rev-list --parents tip..head`` lines, or None when git cannot answer (tip gone)."""
        proc = self.run("rev-list", "--parents", "--end-of-options", f"{tip}..{head}", "--", check=False)
        return proc.stdout.splitlines() if proc.returncode == 0 else None

    def trailer(self, commit: str, key: str) -> str:
        """One commit's values of trailer `key`, from the block git parses (newline-separated)."""
        return self.out("log", "-1", f"--format=%(trailers:key={key},valueonly)", commit).strip()

    def trailer_values(self, rev: str, key: str) -> list[tuple[str, list[str]]]:
        """(commit, its values of trailer `key`) for every commit of `rev`'s history, newest first."""
        out = self.out("log", f"--format=%H%x1f%(trailers:key={key},valueonly,separator=%x1d)%x1e", rev)
        found = []
        for chunk in out.split("\x1e"):
            sha, _, value = chunk.strip().partition("\x1f")
            if sha:
                found.append((sha, [v.strip() for v in value.split("\x1d") if v.strip()]))
        return found

    def trailer_blocks(
        self, commits: Iterable[str] = (), *, revs: Sequence[str] = (), grep: str = ""
    ) -> list[str]:
        """"sha\\ntrailer block" per commit (git's own trailer parse, unfolded), NUL-separated.

        Either the given `commits` (no walk) or the history of `revs`, filtered by `grep`.
        """
        fmt = "--format=%H%n%(trailers:only,unfold)"
        if revs:
            args = ["log", "-z", fmt, *([f"--grep={grep}"] if grep else []), "--end-of-options", *revs, "--"]
            return self.out(*args).split("\0")
        wanted = list(commits)
        if not wanted:
            return []
        listing = "\n".join(wanted) + "\n"
        return self.out("log", "--no-walk=unsorted", "-z", fmt, "--stdin", input=listing).split("\0")

    def object_types(self, objects: Iterable[str]) -> dict[str, str]:
        """Object id -> its type (commit, tag, tree, blob); missing ones are left out."""
        wanted = list(objects)
        if not wanted:
            return {}
        listing = "\n".join(wanted) + "\n"
        out = self.out("cat-file", "--batch-check=%(objectname) %(objecttype)", input=listing)
        rows = (line.split() for line in out.splitlines())
        return {row[0]: row[1] for row in rows if len(row) == 2 and row[1] != "missing"}

    def raw_object(self, kind: str, obj: str) -> str:
        """A commit's or tag's raw text (headers, blank line, message)."""
        return self.out("cat-file", kind, obj)

    def object_type(self, obj: str) -> str:
        return self.out("cat-file", "-t", obj).strip()

    def commit_tree_as(self, tree: str, message: str, parents: Sequence[str], env: Mapping[str, str]) -> str:
        """A commit object with the given author/committer environment (a rewrite keeps them)."""
        args = ["commit-tree", tree]
        for parent in parents:
            args += ["-p", parent]
        return self.out(*args, input=message, env=env).strip()

    def make_tag_object(self, body: str) -> str:
        return self.out("mktag", input=body).strip()

    # -- the index and the working tree ------------------------------------------------------

    def attributes(self, path: str, names: Sequence[str]) -> dict[str, str]:
        """The git attributes `names` of `path` as git resolves them (set, unset, unspecified, value)."""
        out = self.out("check-attr", "-z", *names, "--", path).split("\0")
        return {out[i + 1]: out[i + 2] for i in range(0, len(out) - 2, 3)}

    def has_staged_changes(self) -> bool:
        return self.run("diff", "--cached", "--quiet", check=False).returncode != 0

    def unmerged_paths(self) -> list[str]:
        """Paths a conflicted merge left unmerged, sorted."""
        out = self.out("diff", "--name-only", "--diff-filter=U", "-z")
        return sorted({p for p in out.split("\0") if p})

    def index_stage(self, stage: int, path: str) -> bytes | None:
        """During a conflicted merge: stage 2 is our side's text, 3 theirs (None: deleted there)."""
        proc = self.run("cat-file", "blob", f":{stage}:{path}", check=False, text=False)
        return proc.stdout if proc.returncode == 0 else None

    def paths_changed_by(self, commit: str) -> list[str]:
        """The files one commit changed against its first parent."""
        return self.out("diff", "--name-only", "-z", f"{commit}^!").split("\0")[:-1]

    def paths_changed_since_fork(self, head: str, other: str) -> list[str]:
        """What `other` changed since it and `head` diverged (three dots)."""
        return [p for p in self.out("diff", "--name-only", "-z", f"{head}...{other}").split("\0") if p]

    def restore_path(self, path: str) -> None:
        """Working tree and index of `path` back to HEAD's."""
        self.run("checkout", "--quiet", "HEAD", "--", path)

    def untrack(self, path: str) -> None:
        self.run("rm", "--cached", "--quiet", "--ignore-unmatch", "--", path)

    def remove_path(self, path: str) -> None:
        self.run("rm", "--quiet", "--", path)

    def stage(self, *paths: str) -> None:
        self.run("add", "--", *paths)

    def commit_merge(self) -> None:
        """Commit a merge whose conflicts are settled, with git's prepared message."""
        self.run("commit", "--quiet", "--no-verify", "--no-edit")

    def abandon_merge(self) -> None:
        """``git reset --merge HEAD``: index and the files a merge touched back to HEAD's (what
        ``git merge --abort`` does, also when git was killed before writing MERGE_HEAD); a file
        changed in the working tree and not by the merge is kept."""
        self.run("reset", "--quiet", "--merge", "HEAD")

    def merge_fast_forward(self, commit: str) -> None:
        self.run("merge", "--quiet", "--ff-only", "--end-of-options", commit)

    def merge(self, commit: str, message: str) -> subprocess.CompletedProcess:
        """A merge commit (never a fast-forward); the caller looks at the exit code and stderr."""
        return self.run(
            "merge", "--quiet", "--no-ff", "--no-verify", "--no-edit", "-m", message,
            "--end-of-options", commit, check=False,
        )

    def checkout_tracking(self, branch: str, upstream: str) -> None:
        """Create (or reset) `branch` at `upstream`, tracking it, and switch to it."""
        self.run("checkout", "--quiet", "-B", branch, "--track", upstream)
