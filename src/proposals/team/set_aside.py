"""Our uncommitted drafts of articles an incoming pass changes: set aside by sync, never lost.

Each such draft is saved on ``refs/drafts/<id>`` and marked on ``refs/proposals/conflicts/<id>``,
and the incoming text takes its place; the mark stays until ``proposals resolve ID`` keeps one
side (``team.conflicts`` lists it meanwhile). Terms files travel with their article
(``costing.conflicts``). A draft that turns out equal to the merged text was no conflict, so its
mark goes. If the merge fails outright, every draft goes back where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proposals.costing import conflicts as terms_conflicts
from proposals.costing.terms import terms_article
from proposals.errors import ProposalsError
from proposals.negotiation.drafts import atomic_write, save_draft
from proposals.negotiation.repo import BargainingRepo
from proposals.store.git import GitStore

CONFLICT_PREFIX = "refs/proposals/conflicts/"


def open_conflicts(store: GitStore) -> dict[str, str]:
    """Articles whose draft was set aside by sync and not yet resolved: id -> saved draft commit."""
    return {name: peeled for name, (_, peeled) in store.refs_under(CONFLICT_PREFIX).items()}


@dataclass
class SetAside:
    """What one sync set aside: article id -> our draft's bytes (None: we had deleted the file),
    and likewise our terms edits by path."""

    repo: BargainingRepo
    drafts: dict[str, bytes | None] = field(default_factory=dict)
    terms: dict[str, bytes | None] = field(default_factory=dict)

    def put_back(self) -> None:
        """The merge failed outright: every set-aside draft goes back where it was."""
        terms_conflicts.put_back(self.repo, self.terms)
        for article_id, mine in self.drafts.items():
            if mine is not None:
                atomic_write(self.repo.article_path(article_id), mine)
                self.repo.store.delete_ref(f"{CONFLICT_PREFIX}{article_id}")

    def still_conflicting(self) -> tuple[list[str], list[str]]:
        """After the merge: the articles whose draft (and whose terms edit) differs from the merged
        text; a draft equal to it was not a conflict after all, and its mark goes."""
        left = []
        for article_id, mine in self.drafts.items():
            if mine is None:
                continue
            path = self.repo.article_path(article_id)
            now = path.read_bytes() if path.is_file() else None
            if now is not None and _same(now, mine):
                self.repo.store.delete_ref(f"{CONFLICT_PREFIX}{article_id}")
            else:
                left.append(article_id)
        return left, terms_conflicts.still_conflicting(self.repo, self.terms)


def _same(a: bytes, b: bytes) -> bool:
    return a.replace(b"\r\n", b"\n").rstrip() == b.replace(b"\r\n", b"\n").rstrip()


def set_aside(repo: BargainingRepo, ours: dict[str, str | None], incoming: str) -> SetAside:
    """Save and mark our uncommitted edits that `incoming` changes (path -> its article id, None
    for a file that is not an article) and put the files back as HEAD has them, so that the merge
    can write the incoming text. Any other file of ours it changes stops the sync first."""
    blocked = sorted(p for p, article_id in ours.items() if article_id is None and not terms_article(p))
    if blocked:
        raise ProposalsError(
            f"sync stopped before merging: your uncommitted changes to {', '.join(blocked)} would be "
            "overwritten; commit them (git commit) or set them aside (git stash), then sync again"
        )
    store = repo.store
    aside = SetAside(repo)
    for path, article_id in ours.items():
        if article_id is None:
            continue
        file = repo.root / path
        mine = file.read_bytes() if file.is_file() else None
        aside.drafts[article_id] = mine
        if mine is not None:
            reason = f"Set aside by proposals sync: {incoming} changed {path} while you were drafting it."
            saved = save_draft(store, article_id, mine, reason)
            store.update_ref(f"{CONFLICT_PREFIX}{article_id}", store.rev_parse(saved) or "")
        if store.blob_id("HEAD", path):
            store.restore_path(path)
        else:
            store.untrack(path)
            file.unlink(missing_ok=True)
    reason = f"Set aside by proposals sync: {incoming} changed it while you were editing it."
    aside.terms = terms_conflicts.set_aside(repo, [p for p in ours if terms_article(p)], reason)
    return aside
