"""``round undo``: take back a round's close or opening recorded by mistake (a wrong ratification
date, a close before the last TA), while it is the last thing recorded and no remote has it.

It lives with the team because whether it may be undone is a question of what the team has
seen: a close another clone took cannot be taken back here (every sync would bring it back, or
refuse), so a shared one is refused with what to do instead. Undoing moves the branch back one
commit and deletes the close's ``<round>/ratified`` tag in one ref transaction, then puts the
parts the close rewrote back as they were; nothing else is changed, and verify is clean after.
The parts are named first in the round journal (``rounds.round_journal``): a kill after the refs
moved is finished by the next recording command, never left as the close's text in drafts.
"""

from __future__ import annotations

from dataclasses import dataclass

from proposals.errors import ProposalsError
from proposals.negotiation.history import Round
from proposals.negotiation.repo import ARTICLES_DIR, BargainingRepo, recorder
from proposals.negotiation.rounds import round_journal
from proposals.team.remote import KNOWN_TO_REMOTES


@dataclass(frozen=True, slots=True)
class Undone:
    round: Round  # the round as it was before the undo
    step: str  # "close" or "opening"
    restored: int  # parts put back as they were before the close


@recorder
def undo_round(repo: BargainingRepo) -> Undone:
    """Take back the last round step (a close, or an opening), refused with one line, nothing
    changed, unless it is HEAD, no remote knows it and no draft stands in its way."""
    repo.ensure_can_record(closed_ok=True)
    store = repo.store
    last = repo.full_history().all_rounds()[-1]
    head = store.head()
    if last.closed is not None:
        step, commit = "close", last.closed
    elif last.opened is not None:
        step, commit = "opening", last.opened
    else:
        raise ProposalsError(f"nothing to undo: round {last.name} is open and no round was closed yet")
    if commit != head:
        raise ProposalsError(
            f"round {last.name}'s {step} is not the last thing recorded (passes or other commits came "
            "after it): round undo only takes back a close or an opening with nothing recorded since"
        )
    if store.rev_parse(f"{commit}~1") is None:  # never: init commits first
        raise ProposalsError(f"round {last.name}'s {step} has nothing before it to go back to")
    if commit not in set(store.commits_not_in(commit, KNOWN_TO_REMOTES)):
        remotes = ", ".join(store.remotes()) or "a remote"
        raise ProposalsError(
            f"round {last.name}'s {step} is already shared ({remotes} has it): other clones have it, so "
            "it cannot be undone here: tell the team, and record what is missing in the next round"
        )
    parent = store.rev_parse(f"{commit}~1")
    assert parent is not None
    paths = [p for p in store.paths_changed_by(commit) if p]
    dirty = sorted(store.dirty_paths(ARTICLES_DIR) & set(paths)) if paths else []
    if dirty:
        names = ", ".join(p.removeprefix(ARTICLES_DIR + "/").removesuffix(".txt") for p in dirty[:8])
        raise ProposalsError(
            f"unsent drafts of parts the close rewrote ({names}): discard them (git checkout -- "
            f"{ARTICLES_DIR}/) before undoing the close"
        )
    branch = store.head_ref()
    if branch is None:
        raise ProposalsError("HEAD is detached; switch back to your branch before undoing a round")
    lines = [f"update {branch} {parent} {commit}"]
    if step == "close":
        tag = f"{last.name}/ratified"
        found = store.tags().get(tag)
        if found is not None:
            lines.append(f"delete refs/tags/{tag} {found[0]}")
    before = store.blob_ids([(commit, p) for p in paths])
    present = store.blob_ids([(parent, p) for p in paths])
    versions = {p: (now, was) for p, now, was in zip(paths, before, present, strict=True)}
    entry = {"step": "undo", "round": last.name, "head": commit, "paths": versions}
    with round_journal(repo, entry):
        store.update_refs(lines)
        for path, blob in zip(paths, present, strict=True):
            if blob is None:
                store.remove_path(path)  # the close added it
            else:
                store.restore_path(path)  # the close rewrote or deleted it
    return Undone(last, step, len(paths))
