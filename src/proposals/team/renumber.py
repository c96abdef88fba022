"""Renaming what nobody else has seen: unpushed passes whose number the remote used, TA tags.

Two members can record the same pass number offline; the one who syncs second has the unpushed
copy, so that one is renumbered (its commit's ``Pass`` trailer rewritten, a ``Renumbered-From``
trailer added, a new tag). A TA recorded offline under a tag name the remote already used is
renamed the same way when ``proposals resolve --ta`` settles it. Only commits no remote knows are
rewritten, and the pre-rewrite commits and tags stay under ``refs/proposals/before-renumber/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from proposals.negotiation.history import T_PASS, T_TA_TAG
from proposals.negotiation.repo import BargainingRepo
from proposals.store.git import GitStore
from proposals.team.remote import KNOWN_TO_REMOTES

BACKUP_PREFIX = "refs/proposals/before-renumber/"
T_RENUMBERED = "Renumbered-From"
T_TA_RENAMED = "TA-Tag-Renamed-From"


@dataclass
class RawCommit:
    headers: list[tuple[str, str]]
    message: str

    def header(self, key: str) -> str:
        return next((v for k, v in self.headers if k == key), "")


def read_commit(store: GitStore, sha: str) -> RawCommit:
    raw = store.raw_object("commit", sha)
    head, _, message = raw.partition("\n\n")
    headers: list[tuple[str, str]] = []
    for line in head.split("\n"):
        if line.startswith(" ") and headers:  # continuation (gpgsig)
            key, value = headers[-1]
            headers[-1] = (key, value + "\n" + line[1:])
        else:
            key, _, value = line.partition(" ")
            headers.append((key, value))
    return RawCommit(headers, message)


def ident_env(ident: str, role: str) -> dict[str, str]:
    """'Name <email> 1700000000 +0000' as GIT_<role>_NAME/EMAIL/DATE, so a rewrite keeps them."""
    match = re.match(r"^(.*) <(.*)> (\d+ [+-]\d{4})\Z", ident)
    if not match:
        return {}
    name, email, when = match.groups()
    return {f"GIT_{role}_NAME": name, f"GIT_{role}_EMAIL": email, f"GIT_{role}_DATE": "@" + when}


def renumbered_message(message: str, old: str, new: str) -> str:
    """The same message with the Pass trailer (and the default subject) naming the new number."""
    lines = message.rstrip("\n").split("\n")
    if lines and lines[0].startswith(f"{old}: "):  # "U-7: message" (a pass recorded with -m)
        lines[0] = f"{new}: " + lines[0][len(old) + 2 :]
    elif lines and re.search(rf"\bpass {re.escape(old)}\b", lines[0]):
        lines[0] = re.sub(rf"\bpass {re.escape(old)}\b", f"pass {new}", lines[0], count=1)
    lines = [f"{T_PASS}: {new}" if line.strip() == f"{T_PASS}: {old}" else line for line in lines]
    lines.append(f"{T_RENUMBERED}: {old}")
    return "\n".join(lines) + "\n"


def plan_renumbering(
    unpushed: list[tuple[str, str, str]], taken: set[str], codes: dict[str, str]
) -> dict[str, str]:
    """Old name -> new name for unpushed passes whose number the remote already used.

    `unpushed` is (name, party, commit) oldest first. From a party's first clash on, all of that
    party's unpushed passes move after the highest number in use, in order, so numbers keep rising.
    """
    plan: dict[str, str] = {}
    local_names = {name for name, _, _ in unpushed}
    for party, code in codes.items():
        pattern = re.compile(rf"^{re.escape(code)}-(\d+)\Z")
        mine = [name for name, p, _ in unpushed if p == party]
        first = next((i for i, name in enumerate(mine) if name in taken), None)
        if first is None:
            continue
        moving = [n for n in mine[first:] if pattern.match(n) or n in taken]
        keep = taken | (local_names - set(moving))
        highest = max((int(m.group(1)) for m in map(pattern.match, keep) if m), default=0)
        for name in moving:
            if pattern.match(name):
                highest += 1
                plan[name] = f"{code}-{highest}"
            else:
                n = 2
                while f"{name}-{n}" in keep or f"{name}-{n}" in plan.values():
                    n += 1
                plan[name] = f"{name}-{n}"
    return plan


def read_tag(store: GitStore, obj: str) -> tuple[dict[str, str], str] | None:
    """An annotated tag's headers and message, or None for a lightweight tag."""
    if store.object_type(obj) != "tag":
        return None
    raw = store.raw_object("tag", obj)
    head, _, message = raw.partition("\n\n")
    headers = dict(line.partition(" ")[::2] for line in head.split("\n"))
    return headers, message


def renamed_ta_message(message: str, old: str, new: str) -> str:
    """The same TA message with its TA-Tag trailer naming the new tag, and where it came from."""
    lines = message.rstrip("\n").split("\n")
    lines = [f"{T_TA_TAG}: {new}" if line.strip() == f"{T_TA_TAG}: {old}" else line for line in lines]
    lines.append(f"{T_TA_RENAMED}: {old}")
    return "\n".join(lines) + "\n"


def rewrite_unpushed(
    repo: BargainingRepo,
    branch: str,
    plan: dict[str, str],
    *,
    ta_plan: dict[str, str] | None = None,
    adopt_tags: dict[str, str] | None = None,
) -> tuple[dict[str, str], list[str]]:
    """Rewrite the unpushed commits with renumbered passes (or renamed TA tags) and re-tag them.

    `plan` renames passes (the Pass trailer), `ta_plan` TA tags (the TA-Tag trailer). Only
    messages change, so every tree, author, committer and date stays as it was and the working
    tree is untouched. Only commits no remote knows are rewritten (``remote.unpushed_commits``).
    `adopt_tags` (tag -> tag object) set tags in the same transaction: a renamed TA's old name
    goes to the remote's TA.
    Returns old sha -> new sha, and the tags that now mark a new copy.
    """
    store = repo.store
    ta_plan = ta_plan or {}
    head = store.head()
    assert head is not None
    mapping: dict[str, str] = {}
    renamed_commits: dict[str, tuple[str, str]] = {}
    for line in store.commits_not_in(head, KNOWN_TO_REMOTES, parents=True):
        sha, *parents = line.split()
        raw = read_commit(store, sha)
        new_parents = [mapping.get(p, p) for p in parents]
        message = raw.message
        name = store.trailer(sha, T_PASS)
        ta_tag = store.trailer(sha, T_TA_TAG) if ta_plan else ""
        if name in plan:
            message = renumbered_message(message, name, plan[name])
            renamed_commits[sha] = (name, plan[name])
        elif ta_tag in ta_plan:
            message = renamed_ta_message(message, ta_tag, ta_plan[ta_tag])
            renamed_commits[sha] = (ta_tag, ta_plan[ta_tag])
        if message == raw.message and new_parents == parents:
            continue
        env = {**ident_env(raw.header("author"), "AUTHOR"), **ident_env(raw.header("committer"), "COMMITTER")}
        mapping[sha] = store.commit_tree_as(raw.header("tree"), message, new_parents, env)
    adopt_tags = adopt_tags or {}
    if not mapping:
        return mapping, []
    followed: list[str] = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    backup = f"{BACKUP_PREFIX}{stamp}/"
    new_head = mapping.get(head, head)
    prefix = repo.history().tag_prefix  # a later round's passes are tagged 2028/U-3
    old_tags: dict[str, str] = {}
    new_tags: dict[str, str] = {}
    for tag, (obj, peeled) in store.tags().items():
        if peeled not in mapping:
            continue
        old_tags[tag] = obj
        old_name, renamed = renamed_commits.get(peeled, ("", ""))
        if old_name and tag == old_name:  # a pass of the first round, or a TA tag (named in full)
            new_name = renamed
        elif old_name and tag == prefix + old_name:  # a later round's pass: 2028/U-3
            new_name = prefix + renamed
        else:
            new_name = tag
        parsed = read_tag(store, obj)
        if parsed is None:
            new_tags[new_name] = mapping[peeled]
            continue
        headers, message = parsed
        if new_name == tag:
            followed.append(tag)
        else:
            message = re.sub(rf"(?<![\w-]){re.escape(tag)}(?![\w-])", new_name, message)
            why = "at sync" if old_name in plan else "when a TA conflict was settled"
            message += f"\n{'Renumbered' if old_name in plan else 'Renamed'} from {tag} {why}.\n"
        body = (
            f"object {mapping[peeled]}\ntype commit\ntag {new_name}\n"
            f"tagger {headers.get('tagger', '')}\n\n{message}"
        )
        new_tags[new_name] = store.make_tag_object(body)
    # One transaction: the branch, the old tags and the new ones all change together, or none do.
    lines = [f"update refs/heads/{branch} {new_head} {head}", f"create {backup}head {head}"]
    lines += [f"create {backup}tags/{tag} {obj}" for tag, obj in old_tags.items()]
    new_tags.update(adopt_tags)
    for tag, obj in old_tags.items():
        if tag in new_tags:
            lines.append(f"update refs/tags/{tag} {new_tags[tag]} {obj}")
        else:
            lines.append(f"delete refs/tags/{tag} {obj}")
    lines += [f"create refs/tags/{tag} {obj}" for tag, obj in new_tags.items() if tag not in old_tags]
    store.update_refs(lines)
    return mapping, followed


# -- in a sync: whose numbers clash ----------------------------------------------------------------


def pass_names_in(
    store: GitStore, rev: str, round_opened: str | None = None, prefix: str = ""
) -> dict[str, str]:
    """Pass name (as tagged: `prefix` + the Pass trailer) -> commit, for every pass recorded in
    rev's history; only those after `round_opened` (a later round's: numbers start again)."""
    names: dict[str, str] = {}
    if round_opened is not None:
        if not store.is_ancestor(round_opened, rev):
            return names  # the remote has not seen this round open: none of its passes are in it
        rev = f"{round_opened}..{rev}"
    for sha, values in store.trailer_values(rev, T_PASS):
        for name in values:
            names.setdefault(prefix + name, sha)
    return names


def duplicate_notes(
    repo: BargainingRepo,
    unpushed: list[tuple[str, str, str]],
    remote_names: dict[str, str],
    plan: dict[str, str],
) -> list[str]:
    """Spot the likely cause of a clash: the same pass entered twice, by two members."""
    store = repo.store
    notes = []
    for name, _, commit in unpushed:
        theirs = remote_names.get(name)
        if name not in plan or theirs is None:
            continue
        same = [store.trailer(c, "Session") for c in (commit, theirs)]
        ours_tree = store.paths_changed_by(commit) if same[0] == same[1] else None
        theirs_tree = store.paths_changed_by(theirs) if ours_tree is not None else None
        if ours_tree is not None and ours_tree == theirs_tree:
            paths = ours_tree
            if all(store.blob_id(commit, p) == store.blob_id(theirs, p) for p in paths):
                notes.append(
                    f"your {name} (now {plan[name]}) has the same session and text as the remote's {name}: "
                    "probably the same pass entered twice; both are kept in the history"
                )
    return notes


def renumber_clashes(
    repo: BargainingRepo,
    branch: str,
    remote_head: str | None,
    remote_tags: dict[str, tuple[str, str]],
    unpushed_commits: set[str],
    clashing: set[str],
) -> tuple[dict[str, str], list[str]]:
    """A sync's renumbering: our unpushed passes whose number the remote used (by tag, by a pass
    its branch records, or in `clashing`) take the next free numbers. Returns the plan (old name ->
    new) and the warnings to show; changes nothing when no number clashes."""
    store = repo.store
    history = repo.history()
    prefix = history.tag_prefix  # a later round's passes are tagged 2028/U-3: numbers start again
    unpushed = [(p.name, p.party, p.commit) for p in history.passes if p.commit in unpushed_commits]
    remote_names = {n: c for n, (_, c) in remote_tags.items()}
    if unpushed and remote_head:  # passes whose tag the remote lost still hold their number
        opened = history.round.opened if history.round else None
        remote_names = pass_names_in(store, remote_head, opened, prefix) | remote_names
    taken = {n for n, c in remote_names.items() if c not in unpushed_commits} | clashing
    if not any(prefix + n in taken for n, _, _ in unpushed):
        return {}, []
    codes = {key: party.code for key, party in repo.config.parties.items()}
    this_round = {n[len(prefix) :] for n in taken if n.startswith(prefix)}
    plan = plan_renumbering(unpushed, this_round, codes)
    warnings = duplicate_notes(repo, unpushed, remote_names, plan)
    _, followed = rewrite_unpushed(repo, branch, plan)
    if followed:
        warnings.append(
            f"your unpushed tags {', '.join(followed)} now mark the renumbered copies of their "
            "commits (same text, same dates; the originals are under " + BACKUP_PREFIX + ")"
        )
    repo.invalidate()
    return plan, warnings
