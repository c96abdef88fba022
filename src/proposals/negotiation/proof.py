"""Proof that the record is what it claims: every tag on the commit that records it.

The history (``history.py``) says which commits are passes, TAs and the baseline; the tags are how
people name them. ``verify`` must catch any disagreement between the two, whoever made it (a
careless ``git tag -f``, a hostile clone): a pass tag on a commit that records another pass or a
TA, a pass numbered with the other party's code, a pass that does not touch the articles it lists,
a ``baseline`` tag moved off the import commit, a commit whose trailers cannot be trusted. Each
problem says what to do about it.
"""

from __future__ import annotations

import re

from proposals.negotiation.agreements import Violation
from proposals.negotiation.changed_paths import ChangedPaths
from proposals.negotiation.history import (
    BASELINE_TAG,
    HISTORY_KEYS,
    PASS_NAME_RE,
    T_BASELINE,
    T_PASS,
    T_TA_ARTICLE,
    T_TA_SUPERSEDED,
    T_TA_SUPERSEDED_AS,
    T_TA_TAG,
    History,
    round_commit,
)
from proposals.negotiation.repo import ARTICLES_DIR, BargainingRepo
from proposals.store.git import runs_hold, runs_of
from proposals.store.log import commit_trailers

SUPERSEDED_TAG_RE = re.compile(r"(?:[^/]+/)?(?P<base>ta-.+)-superseded-[0-9]+")


def _problem(name: str, detail: str, where: str = "tags") -> Violation:
    return Violation(name, None, where, detail)


def record_problems(repo: BargainingRepo, changed: ChangedPaths | None = None) -> list[Violation]:
    """Every tag, pass and baseline checked against the commits' own trailers."""
    history = repo.history()
    tags = repo.store.tags()
    problems = _untrusted(history)
    full = repo.full_history()
    problems += _duplicate_rounds(full)
    for chosen in full.all_rounds() if full.rounds else []:  # every earlier round's passes too
        if chosen is not history.round:
            problems += _passes(repo, full.in_round(chosen), tags, changed)
    problems += _passes(repo, history, tags, changed)
    problems += _stray_tags(repo, history, tags)
    problems += _superseded_tags(repo, tags)
    problems += _ratified_tags(full, tags)
    if history.round is None or history.round.opened is None:  # a later round's baseline is
        problems += _baseline(history, tags)  # the last ratified text, tagged <round>/ratified
    return problems


def _untrusted(history: History) -> list[Violation]:
    return [
        _problem(
            f"commit {commit[:10]}",
            f"not counted as a pass or TA: {why}; proposals never writes such a commit, so ask who "
            f"made it (git show {commit[:10]}) and record the pass or TA again",
            "history",
        )
        for commit, why in history.untrusted
    ]


def _duplicate_rounds(full: History) -> list[Violation]:
    """Two rounds of one name (a hand-made or merged ``Round-Open``): their tags collide and
    ``2028/U-3`` names two passes, so every command resolving the name refuses it."""
    return [
        _problem(
            f"round {name}",
            f"{len(found)} rounds have this name (commits "
            f"{', '.join(round_commit(r)[:10] for r in found)}); proposals never opens a round twice, "
            "so ask who made the later one and undo it",
            "history",
        )
        for name, found in full.duplicate_rounds().items()
    ]


def _passes(
    repo: BargainingRepo, history: History, tags: dict[str, tuple[str, str]], reading: ChangedPaths | None
) -> list[Violation]:
    """Each pass's tag and number, then (once git has diffed them: checked first, while it still
    does) whether its commit changes the articles it lists; each pass's problems in that order."""
    early: dict[int, list[Violation]] = {}  # each pass's tag and number problems, by its place
    codes = {key: party.code for key, party in repo.config.parties.items()}
    starts = {key: f"{code}-" for key, code in codes.items() if code}
    prefix = history.tag_prefix  # a later round's are 2028/U-3
    passes = history.passes
    for k, record in enumerate(passes):
        tagged = tags.get(prefix + record.name)
        start = starts.get(record.party)
        numbered = not start or record.name.startswith(start)
        if tagged is not None and tagged[1] == record.commit and numbered:
            continue  # the common case, checked without building anything
        problems: list[Violation] = []
        tag = prefix + record.name
        if tagged is None:
            problems.append(_problem(tag, "pass has no tag; run proposals repair"))
        elif tagged[1] != record.commit:
            problems.append(
                _problem(
                    tag,
                    f"pass tag points elsewhere; the pass is commit {record.commit[:10]}: "
                    f"git tag -f {tag} {record.commit[:10]} (after checking with your team)",
                )
            )
        if not numbered:
            problems.append(
                _problem(
                    record.name,
                    f"recorded as the {record.party}'s pass but not numbered {codes[record.party]}-N; "
                    "ask who recorded it which party it was",
                    "history",
                )
            )
        early[k] = problems
    commits = [p.commit for p in passes if p.articles]
    changed = reading.of(commits) if reading else runs_of(repo.store.changed_paths(commits, ARTICLES_DIR))
    out: list[Violation] = []
    for k, record in enumerate(passes):
        if k in early:
            out += early[k]
        articles = record.articles
        if not articles:
            continue
        touched = changed.get(record.commit, "\0")  # its changes as one text: runs_hold, inlined
        if len(articles) == 1:  # the common pass: one path, no list made
            if f"\0{ARTICLES_DIR}/{articles[0]}.txt\0" in touched:
                continue
            untouched = list(articles)
        else:
            untouched = [i for i in articles if not runs_hold(touched, f"{ARTICLES_DIR}/{i}.txt")]
        if untouched:
            out.append(
                _problem(
                    record.name,
                    f"lists {', '.join(untouched)} but its commit does not change "
                    f"{'that article' if len(untouched) == 1 else 'those articles'}; "
                    f"check git show {record.commit[:10]}",
                    "history",
                )
            )
    return out


def _stray_tags(repo: BargainingRepo, history: History, tags: dict[str, tuple[str, str]]) -> list[Violation]:
    """Tags in the negotiation's vocabulary that no record of this branch accounts for."""
    codes = [party.code for party in repo.config.parties.values()]
    known = {p.name for p in history.passes}
    known.update(t.tag for t in history.tas if t.tag)
    suspects = {  # the names no record accounts for picked out first, as sets: 20,000 known ones
        name: tags[name][1]
        for name in tags.keys() - known
        if not SUPERSEDED_TAG_RE.fullmatch(name)
        and (
            name.startswith("ta-")
            or (PASS_NAME_RE.fullmatch(name) and any(name.startswith(f"{c}-") for c in codes))
        )
    }
    records = commit_trailers(repo.store, list(set(suspects.values())), HISTORY_KEYS)
    problems: list[Violation] = []
    for name, commit in sorted(suspects.items()):
        record = records.get(commit)
        key = T_TA_TAG if name.startswith("ta-") else T_PASS
        if record is not None and record.one(key) == name:
            continue  # its own record, on another line of history (integrity reports orphans)
        if record is None:
            what = "an object that is not a commit"
        elif record.one(T_TA_ARTICLE):
            what = f"the TA commit {commit[:10]}"
        elif record.one(T_PASS):
            what = f"the commit of pass {record.one(T_PASS)}"
        else:
            what = f"commit {commit[:10]}, which records no {'TA' if key == T_TA_TAG else 'pass'}"
        problems.append(
            _problem(
                name,
                f"tag is on {what}, not on a record of {name}; if your team did not make it, "
                f"remove it with git tag -d {name}",
            )
        )
    return problems


def _superseded_tags(repo: BargainingRepo, tags: dict[str, tuple[str, str]]) -> list[Violation]:
    """``ta-<id>-superseded-N`` proved: on a TA of that article, named by a resolution commit.

    ``resolve --ta`` keeps the TA that no longer stands under such a tag and records both in its
    trailers (``TA-Superseded-As``, ``TA-Superseded-Commit``); a tag of that shape made any other
    way (by hand, or taken from a hostile remote) is a forgery and listed with its fix.
    """
    names = {  # the literal part first: a regex match for each of 20,000 tags cost more than the rest
        name: commit
        for name, (_, commit) in tags.items()
        if "-superseded-" in name and SUPERSEDED_TAG_RE.fullmatch(name)
    }
    if not names:
        return []
    named: dict[str, set[str]] = {}  # alias -> the commits resolutions say it keeps
    for block in repo.store.trailer_blocks(revs=["HEAD"], grep=f"^{T_TA_SUPERSEDED_AS}: "):
        text = block.partition("\n")[2]
        values: dict[str, list[str]] = {}
        for line in text.split("\n"):
            key, sep, value = line.partition(":")
            if sep:
                values.setdefault(key, []).append(value.strip())
        pairs = zip(values.get(T_TA_SUPERSEDED_AS, []), values.get(T_TA_SUPERSEDED, []), strict=False)
        for alias, commit in pairs:
            named.setdefault(alias, set()).add(commit)
    records = commit_trailers(repo.store, list(set(names.values())), HISTORY_KEYS)
    problems: list[Violation] = []
    for name, commit in sorted(names.items()):
        match = SUPERSEDED_TAG_RE.fullmatch(name)
        assert match is not None
        prefix = name[: len(name) - len(name.split("/")[-1])]
        record = records.get(commit)
        ta_tag = record.one(T_TA_TAG) if record is not None else None
        if record is None or not record.one(T_TA_ARTICLE) or ta_tag not in (name, prefix + match["base"]):
            why = f"is on commit {commit[:10]}, which is not a TA of {match['base']}"
        elif commit not in named.get(name, set()):
            why = "is named by no resolution (proposals resolve --ta) in this branch"
        else:
            continue
        problems.append(
            _problem(
                name,
                f"superseded-TA tag {why}; if your team did not make it, remove it with git tag -d {name}",
            )
        )
    return problems


def _ratified_tags(full: History, tags: dict[str, tuple[str, str]]) -> list[Violation]:
    """Each close's ``<round>/ratified`` tag on the commit that closed that round, and no such
    tag elsewhere: it is how people name the ratified contract in git (``git show 2024/ratified``),
    so a moved one would show them other words than the contract the round ratified."""
    closes = {r.name: r.closed for r in full.all_rounds() if r.closed}
    problems: list[Violation] = []
    for name, closed in closes.items():
        tag = f"{name}/ratified"
        tagged = tags.get(tag)
        if tagged is None:
            detail = f"the close of round {name} ({closed[:10]}) has no tag; run proposals repair"
            problems.append(_problem(tag, detail))
        elif tagged[1] != closed:
            problems.append(
                _problem(
                    tag,
                    f"tag was moved off the close of round {name} ({closed[:10]}; now on {tagged[1][:10]}), "
                    f"so it names other words than the ratified contract: git tag -f {tag} {closed}",
                )
            )
    # the few names ending so picked out first: sorting all 20,000 tags was 18 ms of verify
    ratified = sorted((tag, value) for tag, value in tags.items() if tag.endswith("/ratified"))
    for tag, (_, commit) in ratified:
        name = tag.removesuffix("/ratified")
        if name not in closes:
            problems.append(
                _problem(
                    tag,
                    f"tag is on commit {commit[:10]}, but no round {name} was closed in this branch; "
                    f"if your team did not make it, remove it with git tag -d {tag}",
                )
            )
    return problems


def _baseline(history: History, tags: dict[str, tuple[str, str]]) -> list[Violation]:
    tagged = tags.get(BASELINE_TAG)
    if history.baseline is None:
        if tagged is None:
            return []
        return [
            _problem(
                BASELINE_TAG,
                f"tag is on commit {tagged[1][:10]}, which is not a baseline import "
                f"(no {T_BASELINE} trailer in this branch); ask who moved it, then git tag -d baseline",
            )
        ]
    if tagged is None:
        return [
            _problem(
                BASELINE_TAG,
                f"the baseline import {history.baseline[:10]} has no tag: "
                f"git tag baseline {history.baseline}",
            )
        ]
    if tagged[1] != history.baseline:
        return [
            _problem(
                BASELINE_TAG,
                f"tag was moved off the baseline import {history.baseline[:10]} (now on "
                f"{tagged[1][:10]}); --from baseline would read the wrong text: "
                f"git tag -f baseline {history.baseline}",
            )
        ]
    return []
