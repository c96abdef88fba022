"""What is left to settle after a sync, listed once for every front end.

``proposals resolve`` (no ID), the sync report and the TUI's conflict screen all read
``conflicts``: each open conflict with the line that names the command settling it, and, when
asked (``texts=True``), both texts the way ``resolve`` would keep them. A front end that listed
conflicts itself would drift from what ``resolve`` accepts, so none does (issue 19).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from proposals.contract.part import decode_article
from proposals.errors import ProposalsError
from proposals.negotiation.drafts import DRAFT_REF_PREFIX, restorable_drafts
from proposals.negotiation.repo import BargainingRepo
from proposals.team.sync import article_id_of

KINDS = ("merge", "other", "terms", "ta", "replaced", "draft")
"""In the order they are listed. ``merge``: both sides recorded a pass on the article (the merge
stopped); ``other``: a merge conflict in a file that is not an article; ``terms``: its terms files;
``ta``: two TAs under one tag (``resolve --ta``); ``replaced``: a pass recorded here replaced a
draft; ``draft``: sync set our draft aside for an incoming pass."""
LEFT_BY_SYNC = tuple(kind for kind in KINDS if kind != "replaced")
"""What the board's conflict marker counts: a replaced draft is marked on its own row instead."""


@dataclass(frozen=True)
class Conflict:
    """One thing to settle: ``line`` is what ``proposals resolve`` prints for it."""

    article: str  # the article id; the path for a file that is not an article
    kind: str  # one of KINDS
    reason: str  # what happened, in a few words
    line: str  # the reason and the command that settles it
    tag: str = ""  # a TA conflict's tag (resolve --ta takes it)
    mine: str = ""  # with texts=True: our text and theirs, as resolve would keep them
    theirs: str = ""
    mine_label: str = ""
    theirs_label: str = ""


def list_conflicts(repo: BargainingRepo) -> list[str]:
    """One line per unsettled conflict, with the command that settles it."""
    return [c.line for c in conflicts(repo)]


def conflicts(repo: BargainingRepo, texts: bool = False, kinds: Collection[str] = KINDS) -> list[Conflict]:
    """Every open conflict of the given kinds, in the order ``proposals resolve`` lists them."""
    # Imported here: `proposals sync` imports this module for its report, and a no-op sync lists
    # nothing (costing's terms parser is decimal and tomllib; issue 17).
    from proposals.costing import conflicts as terms_conflicts
    from proposals.costing.terms import terms_article
    from proposals.team.set_aside import open_conflicts
    from proposals.team.ta_conflicts import find_ta_conflicts

    store = repo.store
    out: list[Conflict] = []
    listed: set[str] = set()
    unmerged = store.unmerged_paths() if {"merge", "other", "terms"} & set(kinds) else []
    for path in unmerged:
        article_id = article_id_of(path)
        if terms_article(path):
            continue  # said once per article, below
        if article_id:
            listed.add(article_id)
            if "merge" in kinds:
                out.append(_merge(repo, article_id, path, texts))
        elif "other" in kinds:
            reason = "merge conflict"
            line = f"{path}: {reason}; edit it, then git add {path} and git commit"
            out.append(Conflict(path, "other", reason, line))
    if "terms" in kinds:
        for line in terms_conflicts.conflict_lines(repo, listed):
            article_id, _, reason = line.partition(": ")
            out.append(Conflict(article_id, "terms", reason.partition("; ")[0], line))
    if "ta" in kinds:
        for ta in find_ta_conflicts(repo):
            reason = f"you and {ta.remote} both recorded TA {ta.tag} offline"
            out.append(Conflict(ta.mine.article, "ta", reason, ta.line(), tag=ta.tag))
    set_aside = open_conflicts(store) if {"replaced", "draft"} & set(kinds) else {}
    if "replaced" in kinds:
        replaced = restorable_drafts(repo)
        for article_id in sorted(set(replaced) - set(set_aside) - listed):
            reason = f"a pass replaced your draft, kept at {DRAFT_REF_PREFIX}{article_id}"
            line = f"{article_id}: {reason}; proposals resolve {article_id} --keep mine restores it"
            conflict = Conflict(article_id, "replaced", reason, line)
            if texts:
                conflict = _with_texts(repo, conflict, replaced[article_id], "Mine: my draft (replaced)")
            out.append(conflict)
    if "draft" in kinds:
        for article_id, commit in sorted(set_aside.items()):
            reason = "your draft was set aside for an incoming pass"
            line = (
                f"{article_id}: {reason}; proposals resolve {article_id} --keep mine|theirs "
                f"(see yours: proposals show {article_id} --at {DRAFT_REF_PREFIX}{article_id})"
            )
            conflict = Conflict(article_id, "draft", reason, line)
            if texts:
                where = f"your set-aside draft of {article_id}"
                mine = _decode(store.read_blob(commit, f"{article_id}.txt"), where)
                conflict = _with_texts(repo, conflict, mine, "Mine: my draft (set aside)")
            out.append(conflict)
    return out


def _merge(repo: BargainingRepo, article_id: str, path: str, texts: bool) -> Conflict:
    reason = "you and the remote both recorded passes on it"
    line = f"{article_id}: {reason}; proposals resolve {article_id} --keep mine|theirs"
    if not texts:
        return Conflict(article_id, "merge", reason, line)
    store = repo.store
    return Conflict(
        article_id,
        "merge",
        reason,
        line,
        mine=_decode(store.index_stage(2, path), f"{path} (ours)"),
        theirs=_decode(store.index_stage(3, path), f"{path} (theirs)"),
        mine_label="Mine: the pass we recorded",
        theirs_label="Theirs: the remote's pass",
    )


def _with_texts(repo: BargainingRepo, conflict: Conflict, mine: str, mine_label: str) -> Conflict:
    """A draft's conflict: the draft against the text on the table now, named by its last pass."""
    article_id = conflict.article
    theirs = repo.read_draft(article_id)
    if theirs is None:
        theirs = repo.table_text(article_id) or ""
    passes = [p for p in repo.history().passes_for(article_id) if article_id in p.articles]
    last = f"{passes[-1].name}, session {passes[-1].session}" if passes else "incoming"
    return Conflict(
        article_id,
        conflict.kind,
        conflict.reason,
        conflict.line,
        mine=mine,
        theirs=theirs,
        mine_label=mine_label,
        theirs_label=f"Theirs: {last}",
    )


def _decode(data: bytes | None, where: str) -> str:
    if data is None:
        return ""
    try:
        return decode_article(data, where)
    except ProposalsError as exc:
        return f"({exc})"
