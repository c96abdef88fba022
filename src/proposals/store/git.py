"""The one place that talks to git.

It runs the git command line with argument lists (never a shell), puts ``--`` or
``--end-of-options`` before anything that came from a user, and turns git's failures into one-line
errors. The hot paths (status, log) use this rather than GitPython because ``import git`` alone
costs about 105 ms, more than the whole 100 ms budget for ``proposals status``.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from proposals.errors import ProposalsError
from proposals.store.operations import NamedOperations
from proposals.store.oserrors import git_os_error_line

# git check-ref-format's rules for these characters: no component starts with "." or ends in ".lock",
# no "..", no "//", no "-" first, no "." or "/" last; so a tag is made with no check-ref-format first.
REF_NAME_RE = re.compile(
    r"^(?!-)(?![./])(?!.*\.\.)(?!.*//)(?!.*/\.)(?!.*\.lock(?:/|\Z))[A-Za-z0-9._/-]+(?<![./])\Z"
)
REV_RE = re.compile(r"^(?!-)[A-Za-z0-9._/^~@{}+-]{1,200}\Z")
NULL_SHA = "0" * 40
SHA_HEX = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
BLOBS_KEPT = 64  # files kept by read_blob (a long-running TUI reads many)
MANY_PATHS = 200  # more paths than this go to git on stdin, never as arguments (E2BIG)
FEW_BLOBS = 8  # up to this many blobs are written loose; more go to git in one process
GIT_ENV_CLEAN = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")
# Commands that never change refs: anything else run through a store forgets its tag listing.
READ_ONLY = frozenset({
    "cat-file", "config", "diff", "diff-tree", "for-each-ref", "log", "ls-files", "ls-remote", "ls-tree",
    "merge-base", "rev-list", "rev-parse", "show", "show-ref", "status", "symbolic-ref", "check-ref-format",
    "var", "check-attr", "version",
})


class GitError(ProposalsError):
    """git refused or failed; the message is git's last line of complaint."""


def validate_ref_name(name: str, what: str = "name") -> str:
    """Tag and ref names we create from user input: plain, and never option-shaped."""
    if not isinstance(name, str) or not REF_NAME_RE.fullmatch(name) or name.endswith(".lock") or "@{" in name:
        raise ProposalsError(f"invalid {what} {name!r}: use letters, digits, '.', '_', '-' or '/'")
    return name


def validate_rev(rev: str) -> str:
    """Revisions typed by users: refuse anything git could read as an option or a path."""
    if not isinstance(rev, str) or not REV_RE.fullmatch(rev):
        raise ProposalsError(f"invalid revision {rev!r}")
    return rev


class GitStore(NamedOperations):
    """A git working tree, driven through the git CLI (named operations: ``store.operations``)."""

    def __init__(
        self, root: Path, env: Mapping[str, str] | None = None, *, git_dir: Path | None = None
    ) -> None:
        self.root = Path(root)
        self._env = dict(env or {})
        self._tags: dict[str, tuple[str, str]] | None = None
        self._refs: str | None = None  # one ``show-ref -d`` of every ref, kept like _tags
        self._refs_started: tuple[subprocess.Popen, IO[bytes]] | None = None  # start_ref_listing's
        self._refs_under: dict[str, dict[str, tuple[str, str]]] = {}  # prefix -> refs_under's answer
        self._git_dir: Path | None = git_dir  # known when the repo was opened, else asked once
        self._names: tuple[str, frozenset[str]] | None = None  # (the listing, tag_names of it)
        self._alike: tuple[str, tuple[str, str], bool] | None = None  # (listing, question, answer)
        self._tag_refs: str | None = None  # ``show-ref --tags``, when only tag names were asked for
        self._tag_refs_started: tuple[subprocess.Popen, IO[bytes]] | None = None  # start_tag_listing's
        self._tag_peels: str | None = None  # ``show-ref -d --tags`` (start_tag_peels), kept like _refs
        self._tag_peels_started: tuple[subprocess.Popen, IO[bytes]] | None = None
        # HEAD's commit and the ref it names ((None,) when unborn or detached), kept like _refs:
        # a pass asked git for them six times, each a process at 5-10 ms.
        self._head: tuple[str | None] | None = None
        self._head_ref: tuple[str | None] | None = None
        # (commit id, path) -> the file's bytes there: a commit never changes, so never stale.
        self._blobs: dict[tuple[str, str], bytes | None] = {}

    def environment(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in GIT_ENV_CLEAN}
        env.update(self._env)
        env.update(extra or {})
        env["GIT_TERMINAL_PROMPT"] = "0"
        env.setdefault("LC_ALL", "C")
        return env

    def run(
        self,
        *args: str,
        input: bytes | str | None = None,
        env: Mapping[str, str] | None = None,
        check: bool = True,
        text: bool = True,
        spool: bool = False,
    ) -> subprocess.CompletedProcess:
        """git with `args`; `spool`: its output (megabytes: a whole history, every tag) is written
        to a temporary file and read back in one go, where a pipe costs this process tens of ms
        of system time in small reads at 20,000 passes."""
        data = input.encode("utf-8") if isinstance(input, str) else input
        if not args or args[0] not in READ_ONLY:
            self._forget()
        try:
            if spool:
                proc = _spooled(["git", *args], self.root, data, self.environment(env))
            else:
                proc = subprocess.run(
                    ["git", *args],
                    cwd=self.root,
                    input=data,
                    capture_output=True,
                    env=self.environment(env),
                    check=False,
                )
        except FileNotFoundError:
            raise ProposalsError("git is not installed or not on PATH") from None
        if check and proc.returncode != 0:
            raise GitError(git_message(proc.stderr, args))
        if text:
            proc.stdout = proc.stdout.decode("utf-8", "surrogateescape")
        return proc

    def out(self, *args: str, **kw) -> str:
        return self.run(*args, **kw).stdout

    # -- reading -----------------------------------------------------------------------------

    def rev_parse(self, rev: str) -> str | None:
        """The commit a revision names, or None."""
        proc = self.run(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False
        )
        sha = proc.stdout.strip()
        return sha if proc.returncode == 0 and sha else None

    def head(self) -> str | None:
        """HEAD's commit as last read (``read_head``), kept until this store runs anything that
        may move a ref (or ``forget_refs``): a pass asks for it in the history cache, the
        journal and the recording, and git is asked once."""
        return self.read_head() if self._head is None else self._head[0]

    def read_head(self) -> str | None:
        """HEAD's commit, asked of git now (a history load: another process may have committed
        since this store last looked), and kept for ``head``."""
        self._head = (self.rev_parse("HEAD"),)
        return self._head[0]

    def head_ref(self) -> str | None:
        """The branch ref HEAD names (``refs/heads/main``), None when detached; kept like ``head``."""
        if self._head_ref is None:
            proc = self.run("symbolic-ref", "--quiet", "HEAD", check=False)
            self._head_ref = (proc.stdout.strip() or None if proc.returncode == 0 else None,)
        return self._head_ref[0]

    def read_blob(self, commit: str, path: str) -> bytes | None:
        """A file's bytes at a commit, or None when it does not exist there; read once per
        command when `commit` is a commit id (a pass reads the table text twice: the unchanged
        check and the retreat check)."""
        key = (commit, path)
        if key in self._blobs:
            return self._blobs[key]
        proc = self.run("cat-file", "blob", f"{commit}:{path}", check=False, text=False)
        data = proc.stdout if proc.returncode == 0 else None
        if SHA_HEX.fullmatch(commit):
            if len(self._blobs) >= BLOBS_KEPT:
                self._blobs.clear()
            self._blobs[key] = data
        return data

    def read_blobs(self, specs: Sequence[tuple[str, str]]) -> list[bytes | None]:
        """Many files at many commits in one ``git cat-file --batch`` (one process, not one each).

        ``specs`` are ``(commit, path)`` pairs; a missing file gives None in its place.
        """
        if not specs:
            return []
        for commit, path in specs:
            if "\n" in commit or "\n" in path:
                raise ProposalsError("a revision or path with a line break cannot be read")
        request = "".join(f"{commit}:{path}\n" for commit, path in specs).encode("utf-8")
        data = self.run("cat-file", "--batch", input=request, text=False).stdout
        out: list[bytes | None] = []
        pos = 0
        for _ in specs:
            end = data.index(b"\n", pos)
            header = data[pos:end].split(b" ")
            pos = end + 1
            if header[-1] == b"missing" or len(header) != 3:
                out.append(None)
                continue
            size = int(header[2])
            out.append(data[pos : pos + size] if header[1] == b"blob" else None)
            pos += size + 1
        return out

    def object_ids(self, names: Sequence[str], kind: str | None = None) -> list[str | None]:
        """What each name (``commit:path``, ``ref^{}``) is, in one ``git cat-file --batch-check``:
        its id when it exists (and is a `kind` object, when one is asked for), else None."""
        if not names:
            return []
        for name in names:
            if "\n" in name or not name:
                raise ProposalsError("a revision or path with a line break cannot be read")
        out = self.out("cat-file", "--batch-check=%(objectname) %(objecttype)",
                       input="".join(f"{name}\n" for name in names))
        lines = out.splitlines()
        if len(lines) != len(names):
            raise ProposalsError("git cat-file answered out of step; run git fsck")
        ids: list[str | None] = []
        for line in lines:
            sha, _, found = line.rpartition(" ")
            ids.append(sha if found != "missing" and found == (kind or found) and SHA_HEX.fullmatch(sha)
                       else None)
        return ids

    def blob_ids(self, specs: Sequence[tuple[str, str]]) -> list[str | None]:
        """The blob ids of many (commit, path) pairs in one process; None where there is no file."""
        return self.object_ids([f"{commit}:{path}" for commit, path in specs], "blob")

    def blob_id(self, commit: str, path: str) -> str | None:
        proc = self.run("rev-parse", "--verify", "--quiet", f"{commit}:{path}", check=False)
        return proc.stdout.strip() or None if proc.returncode == 0 else None

    def list_files(self, commit: str, directory: str) -> list[str]:
        proc = self.run("ls-tree", "--name-only", "-z", commit, "--", directory + "/", check=False)
        return [p for p in proc.stdout.split("\0") if p] if proc.returncode == 0 else []

    def changed_paths(self, commits: Sequence[str], directory: str) -> dict[str, set[str]]:
        """The files under `directory` each commit changes against its first parent, in one call."""
        if not commits:
            return {}
        out = self.out(*_DIFF_TREE, input="".join(f"{c}\n" for c in dict.fromkeys(commits)), spool=True,
                       env=DIFF_CONFIG)
        return _changed_by(out, directory, {c: set() for c in commits})

    def changed_paths_reachable(self, rev: str, directory: str) -> tuple[str | None, dict[str, set[str]]]:
        """(the commit `rev` names, `changed_paths` of every commit reachable from it): the
        ``start_changed_paths`` read, collected at once."""
        return self.start_changed_paths(rev).result(directory)

    def start_changed_paths(self, rev: str) -> ReachableDiff:
        """``changed_paths_reachable`` begun: the commits listed once, then diffed by several
        ``diff-tree`` processes at once, one stretch of the list each (``diff_parts``): at 20,000
        passes one process alone takes longer than verify may, and each core runs one. Every
        commit is in exactly one stretch, and ``--always`` names each commit, even one changing
        nothing there. Each diff goes to a spool file (``_spooled``: a megabyte through a pipe
        costs this process more than reading it back). Started in the caller's thread: from
        another, each step waited for the interpreter's lock while the caller imported. The walk
        starts at `rev`'s commit, so the list's first line names it: no ``rev-parse`` before it
        (each git this process waits for delays the diffs, verify's longest path)."""
        import contextlib

        listed = self.run("rev-list", "--end-of-options", rev, "--", check=False, spool=True)
        commits = listed.stdout.split() if listed.returncode == 0 else []
        if not commits:  # no such commit (a new repo): nothing to diff
            return ReachableDiff(None, [])
        commit = commits[0]
        size = max(1, -(-len(commits) // diff_parts(len(commits))))
        env = self.environment(DIFF_CONFIG)
        running: list[tuple[subprocess.Popen, IO[bytes]]] = []
        with contextlib.ExitStack() as stack:
            stack.callback(_reap, running)  # all or none: any diff started is ended on a failure
            try:
                for start in range(0, len(commits), size):
                    spool = stack.enter_context(_spool_file())
                    with _spool_file() as stretch:  # the child keeps its own descriptor
                        stretch.write("".join(f"{c}\n" for c in commits[start : start + size]).encode())
                        stretch.seek(0)
                        argv = ["git", *_DIFF_TREE, "--always"]
                        proc = subprocess.Popen(argv, cwd=self.root, stdin=stretch, stdout=spool,
                                                stderr=subprocess.PIPE, env=env)
                    running.append((proc, spool))
            except FileNotFoundError:
                raise ProposalsError("git is not installed or not on PATH") from None
            stack.pop_all()
        return ReachableDiff(commit, running)

    def tags(self) -> dict[str, tuple[str, str]]:
        """Every tag: name -> (tag object or commit, commit it points to).

        From the one ``git show-ref -d`` of every ref a command makes (``ref_listing``: it reads
        the peeled ids packed-refs keeps, where asking for-each-ref to peel opens every tag
        object: ten times slower at thousands of tags), or the tags' own (``start_tag_peels``),
        kept until this store runs anything that may change a ref, or ``forget_refs`` is called.
        """
        if self._tags is None:
            listing = self._refs if self._refs is not None else self._peels()
            self._tags = refs_from_listing(self.ref_listing() if listing is None else listing, "refs/tags/")
        return dict(self._tags)

    def tag_names(self) -> frozenset[str]:
        """Every tag's name, without reading what each points to: one regex over the same
        listing as ``tags`` (at 20,000 passes building ``tags``' pairs costs a pass ~50 ms that
        a question like "is this name taken?" never needed)."""
        listing = self._tag_lines()
        if self._names is None or self._names[0] is not listing:
            self._names = (listing, frozenset(_TAG_NAME_RE.findall(_stretch(listing, "refs/tags/"))))
        return self._names[1]

    def tag_listing(self) -> str:
        """The lines of ``show-ref`` naming tags, each with the object it names (and, from the
        whole listing, its peeled line), as text: a snapshot ``refs_from_listing`` reads only if
        it is needed (a failed recording putting its tags back, by their objects)."""
        return _stretch(self._tag_lines(), "refs/tags/")

    def _tag_lines(self) -> str:
        """The listing tag names are read from: every ref's if listed, else the tags' own."""
        if self._refs is not None:
            return self._refs
        peels = self._peels()
        return self._tags_listed() if peels is None else peels

    def _tags_listed(self) -> str:
        """``git show-ref --tags``, for a command that asks only for tag names and objects (a
        pass: its number, the taken-name check, the recording's snapshot) before anything needs
        every ref or a peeled commit: at 20,000 passes a quarter of ``show-ref -d``, which also
        lists each tag's peeled commit and the remotes' mirrored tags. Kept like ``ref_listing``."""
        if self._tag_refs is None:
            started, self._tag_refs_started = self._tag_refs_started, None
            if started is not None:
                self._tag_refs = _finish_spooled(*started).decode("utf-8", "surrogateescape")
            else:
                self._tag_refs = self.run("show-ref", "--tags", check=False, spool=True).stdout
        return self._tag_refs

    def start_tag_listing(self) -> None:
        """Start ``_tags_listed``'s ``show-ref --tags`` now, in its own process, for the first
        ``tag_names`` to collect: a pass decodes its history meanwhile (40-70 ms at 20,000
        passes) while git lists the 20,000 tags (20 ms). Dropped if a ref may move first."""
        if (self._refs is None and self._tag_refs is None and self._tag_refs_started is None
                and self._tag_peels is None and self._tag_peels_started is None):
            argv = ["git", "show-ref", "--tags"]
            self._tag_refs_started = _start_spooled(argv, self.root, self.environment())

    def start_tag_peels(self) -> None:
        """Start ``git show-ref -d --tags`` now, in its own process: every tag and the commit each
        peels to, for the first ``tags`` (and ``tag_names``) to collect, when the command needs
        no other ref (verify): at 20,000 passes the remotes' mirrored tags doubled the listing
        (5.7 MB, where the tags are 2.4 MB) and its cost to git and to this process. Dropped if
        a ref may move first; ``ref_listing`` still lists every ref when asked."""
        if self._refs is None and self._tag_peels is None and self._tag_peels_started is None:
            argv = ["git", "show-ref", "-d", "--tags"]
            self._tag_peels_started = _start_spooled(argv, self.root, self.environment())

    def _peels(self) -> str | None:
        """``start_tag_peels``' listing once it has ended; None when none was started."""
        started, self._tag_peels_started = self._tag_peels_started, None
        if started is not None:
            self._tag_peels = _finish_spooled(*started).decode("utf-8", "surrogateescape")
        return self._tag_peels

    def ref_listing(self) -> str:
        """``git show-ref -d``: every ref (tags, the remotes' mirrored tags, branches, drafts) and
        each annotated tag's peeled commit, listed once per command for ``tags`` and
        ``refs_under`` alike, until a ref may have moved."""
        if self._refs is None:
            started, self._refs_started = self._refs_started, None
            if started is not None:
                self._refs = _finish_spooled(*started).decode("utf-8", "surrogateescape")
            else:
                self._refs = self.run("show-ref", "-d", check=False, spool=True).stdout  # exit 1: no refs
        return self._refs

    def start_ref_listing(self) -> None:
        """Start ``ref_listing``'s ``show-ref -d`` now, in its own process, for the first
        ``ref_listing`` to collect: verify needs every ref only once it has parsed the history,
        and git lists them meanwhile (40-60 ms at 20,000 passes). Dropped if a ref may move first."""
        if self._refs is None and self._refs_started is None:
            self._refs_started = _start_spooled(["git", "show-ref", "-d"], self.root, self.environment())

    def keep_listing(self, listing: str) -> None:
        """`listing`, an earlier ``ref_listing`` of this command, still holds: nothing run since
        moved a ref (a fetch that updated none, ``network.fetch``), though running it forgot it."""
        if self._refs is not listing:
            self.forget_refs()
            self._refs = listing

    def refs_alike(self, prefix: str, other: str) -> bool:
        """Whether the refs under `prefix` and under `other` (each ending in ``/``) are the same
        names on the same objects, peeled alike: the two stretches of the one listing compared
        as text, without building either (a no-op sync's 20,000 tags and the remote's mirror of
        them agree in a few ms, where reading both into dicts takes 100-150 ms). The answer is
        kept with the listing it came from: a sync works it out while git fetches (30-50 ms at
        20,000 passes) and asks again after."""
        listing = self.ref_listing()
        known = self._alike
        if known is not None and known[0] is listing and known[1] == (prefix, other):
            return known[2]
        same = _stretch(listing, prefix).replace(" " + prefix, " ") == _stretch(listing, other).replace(
            " " + other, " "
        )
        self._alike = (listing, (prefix, other), same)
        return same

    def forget_refs(self) -> None:
        """Another process may have moved refs (a writer lock was just taken): list them again."""
        self._forget()

    def _forget(self) -> None:
        started, self._refs_started = self._refs_started, None
        if started is not None:  # it may list refs from before the change
            _finish_spooled(*started, kill=True)
        started_tags, self._tag_refs_started = self._tag_refs_started, None
        if started_tags is not None:
            _finish_spooled(*started_tags, kill=True)
        started_peels, self._tag_peels_started = self._tag_peels_started, None
        if started_peels is not None:
            _finish_spooled(*started_peels, kill=True)
        self._tag_peels = None
        self._tags = None
        self._refs = None
        self._tag_refs = None
        self._refs_under.clear()
        self._head = None
        self._head_ref = None

    def dirty_paths(self, *paths: str) -> set[str]:
        """Paths under `paths` whose working-tree state differs from HEAD (incl. untracked)."""
        out = self.out("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", *paths)
        dirty: set[str] = set()
        entries = out.split("\0")
        i = 0
        while i < len(entries):
            entry = entries[i]
            if len(entry) > 3:
                dirty.add(entry[3:])
                if entry[0] in "RC":
                    i += 1
            i += 1
        return dirty

    def config_get(self, key: str) -> str | None:
        proc = self.run("config", "--get", key, check=False)
        return proc.stdout.strip() or None

    # -- writing -----------------------------------------------------------------------------

    def commit(
        self,
        message: str,
        paths: Sequence[str] = (),
        *,
        date: str | None = None,
        allow_empty: bool = False,
        in_head: Collection[str] = (),
    ) -> str:
        """Commit exactly `paths` (other staged or dirty files are left alone); return the sha.
        `in_head`: those of `paths` HEAD holds, which need no ``git add`` first (``commit --only``
        reads a path HEAD or the index knows from the working tree): one git less for a pass."""
        env = {"GIT_AUTHOR_DATE": date} if date else {}
        args = ["commit", "--quiet", "--no-verify", "--cleanup=verbatim"]
        if allow_empty:
            args.append("--allow-empty")
        if len(paths) > MANY_PATHS:  # past the OS's argument limit: paths on stdin, message in a file
            import tempfile

            listing = "\0".join(paths) + "\0"
            self.run("add", "--pathspec-from-file=-", "--pathspec-file-nul", input=listing)
            with tempfile.TemporaryDirectory(prefix="proposals-") as scratch:
                message_file = Path(scratch) / "message"
                message_file.write_text(message, encoding="utf-8")
                args += ["-F", str(message_file), "--only", "--pathspec-from-file=-", "--pathspec-file-nul"]
                self.run(*args, input=listing, env=env)
        else:
            untracked = [path for path in paths if path not in in_head]
            if untracked:
                self.run("add", "--", *untracked)
            args += ["-F", "-"] + (["--only", "--", *paths] if paths else [])
            self.run(*args, input=message, env=env)
        sha = self.head()
        assert sha is not None
        return sha

    def tag(self, name: str, commit: str, message: str, *, date: str | None = None) -> None:
        """An annotated tag; the name is validated so it can never be read as an option (by
        ``REF_NAME_RE``, which holds git check-ref-format's rules: no process for it, 4 ms)."""
        validate_ref_name(name, "tag name")
        env = {"GIT_COMMITTER_DATE": date} if date else {}
        self.run("tag", "--annotate", "--file=-", name, commit, input=message, env=env)

    def unstage(self, paths: Sequence[str]) -> None:
        """Put the index entries of `paths` back to HEAD's (or remove them before the first commit)."""
        if not paths:
            return
        if self.head() is None:
            self.run("rm", "--cached", "--quiet", "--ignore-unmatch", "--", *paths)
        else:
            self.run("reset", "--quiet", "HEAD", "--", *paths)

    def update_ref(self, ref: str, new: str, old: str | None = None) -> None:
        self.run("update-ref", "--no-deref", ref, new, *([old] if old else []))

    def hash_object(self, data: bytes) -> str:
        return self.out("hash-object", "-w", "--stdin", input=data).strip()

    def write_blobs(self, datas: Sequence[bytes]) -> list[str]:
        """The blobs of a recording, their ids in order: a few written loose, one git each, as
        ``git add`` would (a pack per small pass would pile up packs until a gc); more in one git
        (:meth:`hash_objects`: a 900-part pass took 5 s of CPU in 1,800 gits)."""
        if len(datas) <= FEW_BLOBS:
            return [self.hash_object(data) for data in datas]
        return self.hash_objects(datas)

    def hash_objects(self, datas: Sequence[bytes]) -> list[str]:
        """Many blobs written in one ``git fast-import`` (one git, not one per blob: a 2,000-part
        baseline), their ids in order. No ref moves: the blobs are only objects until a commit
        names them."""
        if not datas:
            return []
        chunks: list[bytes] = []
        for n, data in enumerate(datas, 1):
            chunks.append(b"blob\nmark :%d\ndata %d\n" % (n, len(data)))
            chunks += [data, b"\n"]
        chunks += [b"get-mark :%d\n" % n for n in range(1, len(datas) + 1)]
        chunks.append(b"done\n")
        ids = self.out("fast-import", "--quiet", "--done", input=b"".join(chunks)).split()
        if len(ids) != len(datas) or not all(SHA_HEX.fullmatch(i) for i in ids):
            raise GitError(f"git fast-import wrote {len(ids)} of {len(datas)} blobs")
        return ids

    def commit_tree(
        self, tree: str, message: str, parents: Sequence[str] = (), *, date: str | None = None
    ) -> str:
        """A commit object (no ref moves); `date`: its author date, as :meth:`commit` sets it."""
        args = ["commit-tree", tree]
        for parent in parents:
            args += ["-p", parent]
        return self.out(*args, input=message, env={"GIT_AUTHOR_DATE": date} if date else None).strip()

    def tree_with(self, commit: str, blobs: Mapping[str, str]) -> str:
        """The tree of `commit` with `blobs` (path -> blob id) put in, built in an index of its
        own: the repository's index and working tree are not touched."""
        import tempfile

        with tempfile.TemporaryDirectory(prefix="proposals-index-") as scratch:
            env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self.run("read-tree", commit, env=env)
            listing = "".join(f"100644 {sha}\t{path}\n" for path, sha in blobs.items())
            self.run("update-index", "--add", "--index-info", input=listing, env=env)
            return self.out("write-tree", env=env).strip()

    def tag_object(self, name: str, commit: str, message: str, *, date: str | None = None) -> str:
        """The annotated tag object :meth:`tag` would make, without its ref (git mktag checks it)."""
        validate_ref_name(name, "tag name")
        self.run("check-ref-format", f"refs/tags/{name}")
        env = {"GIT_COMMITTER_DATE": date} if date else None
        tagger = self.out("var", "GIT_COMMITTER_IDENT", env=env).strip()
        body = message.strip("\n") + "\n"  # as git tag's default cleanup leaves it
        data = f"object {commit}\ntype commit\ntag {name}\ntagger {tagger}\n\n{body}"
        return self.out("mktag", input=data).strip()

    def update_refs(self, lines: Sequence[str]) -> None:
        """One ``update-ref --stdin`` transaction (``update REF NEW OLD``, ``create REF NEW``,
        ``delete REF OLD``): every ref moves, or none does."""
        self.run("update-ref", "--stdin", input="".join(line + "\n" for line in lines))

    def set_index_entries(self, blobs: Mapping[str, str]) -> None:
        """Point the index entries of `blobs` (path -> blob id) at those blobs."""
        listing = "".join(f"100644 {sha}\t{path}\n" for path, sha in blobs.items())
        self.run("update-index", "--add", "--index-info", input=listing)

    def mktree(self, entries: Sequence[tuple[str, str, str]]) -> str:
        """A tree from (mode, blob, name) entries in one directory."""
        body = "".join(f"{mode} blob {sha}\t{name}\n" for mode, sha, name in entries)
        return self.out("mktree", input=body).strip()


# A tag's own line in a show-ref listing (its peeled line ends in ^{}, and no ref name holds a ^).
_TAG_NAME_RE = re.compile(r" refs/tags/([^\n^]+)$", re.MULTILINE)


def _stretch(listing: str, prefix: str) -> str:
    """The lines of a ``show-ref -d`` listing that name refs under `prefix` (ending in ``/``):
    one stretch, as show-ref lists refs sorted by name and a name holds no space."""
    marker = " " + prefix
    first = listing.find(marker)
    if first < 0:
        return ""
    start = listing.rfind("\n", 0, first) + 1
    end = listing.find("\n", listing.rfind(marker))
    return listing[start : None if end < 0 else end]


def refs_from_listing(listing: str, prefix: str) -> dict[str, tuple[str, str]]:
    """The refs under `prefix` (ending in ``/``) in a ``show-ref -d`` listing: the name after it ->
    (object, the commit it peels to). Only the stretch from the first to the last line naming
    `prefix` is read (a ref name holds no space, so `` refs/x/`` starts a line's name), so the
    tags are found without reading 20,000 mirrored tags, and the other way round. Each ref and
    the peeled line after it are read in one regex match (a loop over 40,000 lines was a sixth
    of verify's Python at 20,000 passes); a listing of any other shape is read line by line."""
    stretch = _stretch(listing, prefix)
    if not stretch:
        return {}
    marker = re.escape(prefix)
    matches = re.findall(rf"^(\S+) {marker}([^\n^]*)(?:\n(\S+) {marker}\2\^\{{\}})?$", stretch, re.MULTILINE)
    found = {name: (sha, peeled or sha) for sha, name, peeled in matches}
    peeled = sum(1 for match in matches if match[2])
    if len(found) == len(matches) and peeled == stretch.count("^") and len(matches) + peeled == (
        stretch.count("\n") + 1
    ):
        return found
    return _refs_line_by_line(stretch, prefix)


def _refs_line_by_line(stretch: str, prefix: str) -> dict[str, tuple[str, str]]:
    """``refs_from_listing`` of a stretch of any shape, a line at a time."""
    found: dict[str, tuple[str, str]] = {}
    cut = len(prefix)
    for line in stretch.split("\n"):
        sha, _, ref = line.partition(" ")
        if not ref.startswith(prefix):
            continue
        name = ref[cut:]
        if name.endswith("^{}"):
            name = name[:-3]
            found[name] = (found.get(name, (sha, sha))[0], sha)
        else:
            found[name] = (sha, sha)
    return found


def _spool_file() -> IO[bytes]:
    """An unlinked file for a git command's output: a memory file where the OS has them, so no
    ``tempfile`` (it imports shutil, bz2, lzma and random: ~4 ms of a pass's start, issue 17)."""
    if hasattr(os, "memfd_create"):
        try:
            return open(os.memfd_create("proposals-spool", os.MFD_CLOEXEC), "w+b")
        except OSError:
            pass  # no memory files here (an old kernel, a sandbox): a temporary file on disk
    import tempfile

    return tempfile.TemporaryFile()


def _spooled(
    argv: list[str], cwd: Path, data: bytes | None, env: dict[str, str]
) -> subprocess.CompletedProcess:
    """``subprocess.run`` capturing stdout through an unlinked temporary file, stderr as usual."""
    with _spool_file() as out:
        proc = subprocess.run(
            argv, cwd=cwd, input=data, stdout=out, stderr=subprocess.PIPE, env=env, check=False
        )
        out.seek(0)
        proc.stdout = out.read()
    return proc


def _start_spooled(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[subprocess.Popen, IO[bytes]]:
    """A read-only git command started with no input, its output going to an unlinked
    temporary file (as in ``_spooled``), for ``_finish_spooled`` to collect."""
    import contextlib

    with contextlib.ExitStack() as stack:
        spool = stack.enter_context(_spool_file())
        try:
            proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=spool,
                                    stderr=subprocess.DEVNULL, env=env)
        except FileNotFoundError:
            raise ProposalsError("git is not installed or not on PATH") from None
        stack.pop_all()  # kept open for _finish_spooled
    return proc, spool


def _finish_spooled(proc: subprocess.Popen, spool: IO[bytes], *, kill: bool = False) -> bytes:
    """What a ``_start_spooled`` command printed, once it has ended (`kill`: unwanted, ended now)."""
    with spool:
        if kill and proc.poll() is None:
            proc.kill()
        proc.wait()
        spool.seek(0)
        return b"" if kill else spool.read()


# No pathspec: a pathspec made git match every entry of every articles tree against it (a third of
# the diff's time at 20,000 passes); the paths wanted are picked out here instead. --name-status:
# each changed file is a one-letter status (no renames, so never a score) and its path, where --raw
# printed two modes and two object ids too: 3.2 MB of output at 20,000 passes, 1.3 MB so.
_DIFF_TREE = (
    "diff-tree", "--stdin", "-r", "--name-status", "-z", "--no-renames", "--root", "-m", "--first-parent",
)
# diff-tree reads two trees per commit, each rebuilt from its delta chain: git's default cache of
# delta bases (96 MB) only costs it page faults here (a tenth of its time at 20,000 passes); a
# few MB keep the bases it reuses. A cache's size changes nothing of what git answers.
DIFF_CONFIG = {
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "core.deltaBaseCacheLimit",
    "GIT_CONFIG_VALUE_0": "4m",
}
DIFF_PART = 1000  # commits worth another diff-tree process (one starts in ~2 ms of CPU)


def _reap(running: list[tuple[subprocess.Popen, IO[bytes]]]) -> None:
    """No diff left running or holding a pipe once its reader is done (or has failed)."""
    for proc, _ in running:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


class ReachableDiff:
    """``start_changed_paths``' diffs at work; ``result`` waits for them and reads each answer."""

    def __init__(self, commit: str | None, running: list[tuple[subprocess.Popen, IO[bytes]]]) -> None:
        self.commit = commit
        self._running = running

    def result(self, directory: str) -> tuple[str | None, dict[str, set[str]]]:
        """(the commit listed from, the files under `directory` each commit changes)."""
        changed: dict[str, set[str]] = {}
        for out in self._outputs():
            _changed_by(out, directory, changed)
        return self.commit, changed

    def runs(self) -> dict[str, str]:
        """Each commit's changes as ``changed_runs`` reads them: what verify asks of a few paths
        per commit, without making 20,000 sets."""
        runs: dict[str, str] = {}
        for out in self._outputs():
            runs.update(changed_runs(out))
        return runs

    def _outputs(self) -> Iterator[str]:
        """Each diff's output once it has ended (its failure raised); all ended in any case."""
        try:
            for proc, spool in self._running:
                _, err = proc.communicate()
                if proc.returncode != 0:
                    raise GitError(git_message(err, _DIFF_TREE))
                spool.seek(0)
                yield spool.read().decode("utf-8", "surrogateescape")
        finally:
            self.close()

    def close(self) -> None:
        """No diff left running, and every spool closed."""
        _reap(self._running)
        for _, spool in self._running:
            spool.close()


def diff_parts(commits: int) -> int:
    """How many ``diff-tree`` processes diff `commits` commits: one per core this process may
    use, as long as each gets ``DIFF_PART`` commits."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, commits // DIFF_PART))


def _changed_by(out: str, directory: str, changed: dict[str, set[str]]) -> dict[str, set[str]]:
    """`changed` filled from ``diff-tree -z --name-status`` output: a commit id, then per changed
    file a one-letter status and its path. Only a path follows a status (a commit id is never one
    character), so no file name (one spelled like a commit id, say) can be taken for the next
    commit."""
    current: set[str] | None = None
    prefix = directory + "/" if directory else ""  # "": every path
    items = iter(out.split("\0"))
    for item in items:
        if len(item) == 1:
            path = next(items, "")
            if current is not None and path.startswith(prefix):
                current.add(path)
        elif item:
            current = changed.setdefault(item, set())
    return changed


# ``_changed_by``'s reading of the same output, for a caller that asks of a few paths per commit:
# each commit id, then its statuses and paths as one run of text, "\0" + "M\0path\0" per file.
# Each item is read as the loop reads it (one character: a status, whose path follows; longer: a
# commit id), so a file's name can never start a commit here either; one regex pass at C speed
# where the loop cost 30 ms at 20,000 passes. Only output of exactly this shape is read so
# (``_SECTIONS_SHAPE``): anything else (an empty item, no final NUL) goes through the loop.
_SECTIONS = re.compile(r"([^\0]{2,}+)(\0(?:[^\0]\0[^\0]*+\0)*+)")
_SECTIONS_SHAPE = re.compile(r"(?:[^\0]{2,}+\0(?:[^\0]\0[^\0]*+\0)*+)*+")


def changed_runs(out: str) -> dict[str, str]:
    """Each commit of ``diff-tree -z --name-status`` output -> the run of its changes ("\\0" when
    none), for ``runs_hold`` to ask of a path."""
    if _SECTIONS_SHAPE.fullmatch(out):
        return dict(_SECTIONS.findall(out))
    return runs_of(_changed_by(out, "", {}))


def runs_of(changed: dict[str, set[str]]) -> dict[str, str]:
    """``changed_paths``' sets as ``changed_runs``' runs (the status is not kept, nor asked)."""
    return {commit: "\0" + "".join(f"M\0{path}\0" for path in sorted(paths)) for commit, paths in
            changed.items()}


def runs_hold(run: str, path: str) -> bool:
    """Whether `path` is among the changes of a ``changed_runs`` run. Every item there is ended by
    a NUL and follows one, so a path of two characters or more can only match a path item (a
    status is one character); a shorter one is looked up among the path items themselves."""
    if len(path) > 1:
        return f"\0{path}\0" in run
    return path in run.split("\0")[2::2]


def git_message(stderr: bytes, args: Sequence[str]) -> str:
    """Git's own complaint, reduced to one line, with the advice that matters to our users."""
    lines = [
        line.strip()
        for line in stderr.decode("utf-8", "replace").splitlines()
        if line.strip() and not line.lstrip().startswith("hint:")
    ]
    text = " ".join(lines)
    refused = git_os_error_line(text)
    if refused:
        return refused
    if "index.lock" in text and "File exists" in text:
        return (
            "git's index is locked (.git/index.lock): another git command is running, or one "
            "crashed; if none is running, delete .git/index.lock and retry"
        )
    if "Please tell me who you are" in text or "empty ident" in text or "unable to auto-detect" in text:
        return (
            'git does not know who you are: run git config --global user.name "Your Name" '
            "and git config --global user.email you@example.org"
        )
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return "git " + (args[0] if args else "") + ": " + line.split(":", 1)[1].strip()
    return f"git {args[0] if args else ''} failed: {text or 'no message'}"
