"""Terms files in team sync: settled with their article, never lost, never a bare git conflict.

A pass records ``terms/<party>/<id>.toml`` with the article's text, so two members who record
passes on one article offline clash on its terms too; ``resolve ID --keep mine|theirs`` settles the
text and every terms file of that article the same way. An unsent edit of a terms file that an
incoming pass changes is saved (``refs/proposals/terms-drafts/<party>/<id>``, a chain like
``refs/drafts/``), the incoming file takes its place, and it stays a conflict until resolved:
``mine`` puts the edit back, ``theirs`` keeps the incoming file; either way the edit stays saved.
Sync (``proposals.team.sync``) calls these; nothing here fetches, merges or pushes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from proposals.costing.terms import TERMS_DIR, terms_article
from proposals.errors import ProposalsError
from proposals.negotiation.drafts import atomic_write
from proposals.negotiation.repo import BargainingRepo

SAVED_PREFIX = "refs/proposals/terms-drafts/"
CONFLICT_PREFIX = "refs/proposals/terms-conflicts/"


def _ref_name(path: str) -> str:
    """``terms/union/wages.toml`` -> ``union/wages``."""
    return path[len(TERMS_DIR) + 1 : -len(".toml")]


def open_terms_conflicts(repo: BargainingRepo) -> dict[str, str]:
    """Set-aside terms edits not yet resolved: path -> the saved commit."""
    refs = repo.store.refs_under(CONFLICT_PREFIX)
    return {f"{TERMS_DIR}/{name}.toml": commit for name, (commit, _) in refs.items()}


def set_aside(repo: BargainingRepo, paths: list[str], reason: str) -> dict[str, bytes | None]:
    """Our uncommitted edits of these terms files: saved and marked, the files back to HEAD."""
    store = repo.store
    saved: dict[str, bytes | None] = {}
    for path in paths:
        if terms_article(path) is None:
            continue
        file = repo.root / path
        mine = file.read_bytes() if file.is_file() and not file.is_symlink() else None
        saved[path] = mine
        if mine is not None:
            ref = SAVED_PREFIX + _ref_name(path)
            blob = store.hash_object(mine)
            tree = store.mktree([("100644", blob, path.rsplit("/", 1)[1])])
            parent = store.rev_parse(ref)
            stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
            commit = store.commit_tree(
                tree, f"Terms draft {path} saved {stamp}\n\n{reason}\n", [parent] if parent else []
            )
            store.update_ref(ref, commit, parent)
            store.update_ref(CONFLICT_PREFIX + _ref_name(path), commit)
        if store.blob_id("HEAD", path):
            store.restore_path(path)
        else:
            store.untrack(path)
            file.unlink(missing_ok=True)
    return saved


def put_back(repo: BargainingRepo, saved: dict[str, bytes | None]) -> None:
    """The merge failed outright: every set-aside terms edit goes back where it was."""
    for path, mine in saved.items():
        if mine is not None:
            atomic_write(repo.root / path, mine)
            repo.store.delete_ref(CONFLICT_PREFIX + _ref_name(path))


def still_conflicting(repo: BargainingRepo, saved: dict[str, bytes | None]) -> list[str]:
    """After the merge: an edit equal to the merged file was no conflict; the others' articles."""
    out: list[str] = []
    for path, mine in saved.items():
        if mine is None:
            continue
        file = repo.root / path
        now = file.read_bytes() if file.is_file() else None
        if now is not None and now.replace(b"\r\n", b"\n").strip() == mine.replace(b"\r\n", b"\n").strip():
            repo.store.delete_ref(CONFLICT_PREFIX + _ref_name(path))
            continue
        article = terms_article(path)
        if article is not None and article[1] not in out:
            out.append(article[1])
    return out


def settle_unmerged(repo: BargainingRepo, article_id: str, keep: str) -> list[str]:
    """During a conflicted merge: each unmerged terms file of the article taken from one side."""
    store = repo.store
    done = []
    for path in repo.store.unmerged_paths():
        article = terms_article(path)
        if article is None or article[1] != article_id:
            continue
        data = store.index_stage(2 if keep == "mine" else 3, path)
        if data is None:  # the chosen side deleted it
            store.remove_path(path)
        else:
            atomic_write(repo.root / path, data)
            store.stage(path)
        done.append(path)
    return done


def resolve_set_aside(repo: BargainingRepo, article_id: str, keep: str) -> list[str]:
    """Settle the article's set-aside terms edits; one line per file."""
    store = repo.store
    lines = []
    for path, commit in sorted(open_terms_conflicts(repo).items()):
        article = terms_article(path)
        if article is None or article[1] != article_id:
            continue
        saved = SAVED_PREFIX + _ref_name(path)
        if keep == "mine":
            data = store.read_blob(commit, path.rsplit("/", 1)[1])
            if data is None:
                raise ProposalsError(f"the set-aside edit of {path} is unreadable")
            atomic_write(repo.root / path, data)
            lines.append(f"{path}: your edit is back (uncommitted); the incoming terms are in history")
        else:
            lines.append(f"{path}: kept the incoming terms; your edit stays at {saved}")
        store.delete_ref(CONFLICT_PREFIX + _ref_name(path))
    return lines


def conflict_lines(repo: BargainingRepo, listed: set[str]) -> list[str]:
    """One line per terms conflict whose article ``listed`` does not already name."""
    lines = []
    for path in repo.store.unmerged_paths():
        article = terms_article(path)
        if article is not None and article[1] not in listed:
            listed.add(article[1])
            lines.append(
                f"{article[1]}: you and the remote both recorded terms in {path}; "
                f"proposals resolve {article[1]} --keep mine|theirs"
            )
    for path in sorted(open_terms_conflicts(repo)):
        article = terms_article(path)
        assert article is not None
        lines.append(
            f"{article[1]}: your edit of {path} was set aside for an incoming pass; "
            f"proposals resolve {article[1]} --keep mine|theirs "
            f"(see yours: git show {SAVED_PREFIX}{_ref_name(path)}:{path.rsplit('/', 1)[1]})"
        )
    return lines
