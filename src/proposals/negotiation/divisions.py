"""The division a part new in a pass stands under.

A contract's division lines ("PART B - ECONOMIC PROVISIONS") group the parts after them; the
baseline records each part's in bargaining.toml (``division``), and compile, export and publish
show it above the first part of each. A part that first arrives in a pass (their new "ARTICLE 45
TELEHEALTH", or one a member drafts) would stand under none, and the compiled contract would set
it under no heading or, worse, run it on under the wrong one. It takes the division shown above it
in the pass document when there is one, else the division of the part it follows in contract
order; the pass says so (``repo.notices``). An existing part's division is never changed: where
their document shows it under another, the pass says so and bargaining.toml keeps it.

bargaining.toml is edited as text (:func:`proposals.negotiation.config.with_divisions`), never
rewritten from the parsed settings, so nothing else in it (comments, ``[publish]``) is lost; the
edit is checked by reading it back before it is written. The file goes into the pass's commit
when it had no uncommitted change of the team member's; otherwise it is written and left for
them to commit, and the pass says so.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from proposals.contract.headings import order_key
from proposals.contract.part import parse_heading
from proposals.negotiation.config import CONFIG_NAME, load_config, same_division, with_divisions
from proposals.negotiation.repo import BargainingRepo
from proposals.store.validate import check_text


@dataclass
class Placed:
    """What placing a pass's new parts did: the settings file to commit with the pass (none when
    nothing changed or the file holds uncommitted edits), and how to put it back."""

    paths: list[str] = field(default_factory=list)
    before: bytes | None = None  # bargaining.toml as it was, when this wrote it

    @contextlib.contextmanager
    def put_back_on_failure(self, repo: BargainingRepo) -> Iterator[None]:
        """Whatever stops the pass, bargaining.toml (and the settings read from it) as before."""
        try:
            yield
        except BaseException:
            if self.before is not None:
                from proposals.negotiation.drafts import atomic_write

                with contextlib.suppress(Exception):
                    atomic_write(repo.root / CONFIG_NAME, self.before)
                    repo.config = load_config(repo.root)
            raise


def _order(repo: BargainingRepo, part_id: str, text: str | None) -> tuple | None:
    if text is None:
        return None
    heading = parse_heading(text.split("\n", 1)[0])
    kind = repo.config.meta(part_id).kind or heading.kind
    return order_key(kind, heading.number) if kind else None


def place_new_parts(
    repo: BargainingRepo,
    texts: Mapping[str, str],
    tables: Mapping[str, str | None],
    shown: Mapping[str, str] | None = None,
) -> Placed:
    """Give each part of `texts` the table lacks (`tables`: their text at HEAD) a division, in a
    contract that has divisions; `shown`: the division their document shows above each part."""
    shown = {i: d for i, d in (shown or {}).items() if d}
    config = repo.config
    divisions = {i: m.division for i, m in config.articles.items() if m.division}
    if not divisions:
        return Placed()  # a contract without divisions: a new part stands under none either
    for part_id, division in shown.items():  # an existing part keeps its own, and the pass says so
        mine = divisions.get(part_id)
        if mine and not same_division(mine, division):
            repo.notices.append(
                f"their document shows {part_id} under {' '.join(division.split())}; bargaining.toml keeps "
                f"it under {mine} (edit it there to move it)"
            )
    arriving = [i for i in texts if tables.get(i) is None]
    new = [i for i in arriving if i not in divisions]
    if not new:  # a division set before the pass (by hand, or by a pass killed before its commit)
        return _set_before(repo) if arriving else Placed()
    known = set(divisions) | set(config.articles)
    order: dict[str, tuple] = {}
    for part_id in sorted(set(repo.working_ids()) | known):
        key = _order(repo, part_id, texts.get(part_id) or repo.read_draft(part_id))
        if key is not None:
            order[part_id] = key
    settings: dict[str, str] = {}
    why: dict[str, str] = {}
    placed = sorted((k, i) for i, k in order.items() if i not in new)  # contract order, for bisect
    for part_id in sorted(new, key=lambda i: order.get(i, ())):
        key = order.get(part_id)
        if part_id in shown:
            written = check_text(" ".join(shown[part_id].split()), "a division heading", max_length=300)
            # The spelling the contract already uses, if it is one of its divisions.
            division = next((d for d in divisions.values() if same_division(d, written)), written)
            why[part_id] = "as the pass document shows it"
        else:
            at = bisect.bisect_right(placed, (key, "\uffff")) if key is not None else 0
            follows = placed[at - 1][1] if at else None  # None: first of all (a new preamble)
            division = divisions.get(follows, "") if follows else ""
            why[part_id] = f"as {follows} before it"
        if key is not None:
            bisect.insort(placed, (key, part_id))
        if division:
            divisions[part_id] = settings[part_id] = division
    _say(repo, settings, why)
    if not settings:
        return _set_before(repo) if len(new) < len(arriving) else Placed()
    return _write(repo, settings)


def _say(repo: BargainingRepo, settings: Mapping[str, str], why: Mapping[str, str]) -> None:
    """The pass's words for it: a line per new part, or per division when a pass brings many."""
    if len(settings) <= _EACH:
        for part_id, division in settings.items():
            said = f"{part_id} is new: it stands under {division} ({why[part_id]}; in {CONFIG_NAME})"
            repo.notices.append(said)
        return
    under: dict[str, list[str]] = {}
    for part_id, division in settings.items():
        under.setdefault(division, []).append(part_id)
    for division, ids in under.items():
        named = ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")
        repo.notices.append(f"{len(ids)} new parts stand under {division} ({named}; in {CONFIG_NAME})")


_EACH = 8  # new parts named one by one; more are counted per division


def _write(repo: BargainingRepo, settings: Mapping[str, str]) -> Placed:
    """bargaining.toml with `settings` added, written; committed with the pass when it was clean."""
    from proposals.negotiation.drafts import atomic_write

    path = repo.root / CONFIG_NAME
    before = path.read_bytes()
    text, config = before.decode("utf-8"), repo.config
    edited = with_divisions(text, settings)
    if edited is None:  # the whole edit did not read back: part by part, saying which could not
        for part_id, division in settings.items():
            one = with_divisions(text, {part_id: division})
            if one is None:
                repo.notices.append(
                    f"{part_id}'s division could not be added to {CONFIG_NAME} safely: add "
                    f"division = {division!r} under [articles.{part_id}] there"
                )
            else:
                text, config = one
    else:
        text, config = edited
    if text.encode("utf-8") == before:
        return Placed()
    clean = _only_divisions_added(before, _committed(repo))
    atomic_write(path, text)
    repo.config = config
    if not clean:
        repo.notices.append(
            f"{CONFIG_NAME} has changes of yours not committed: the divisions are written there, "
            "not in the pass; commit the file with them"
        )
        return Placed([], before)
    return Placed([CONFIG_NAME], before)


def _committed(repo: BargainingRepo) -> bytes | None:
    head = repo.store.head()
    return repo.store.read_blobs([(head, CONFIG_NAME)])[0] if head else None


def _only_divisions_added(data: bytes, committed: bytes | None) -> bool:
    """Whether bargaining.toml as `data` is HEAD's (`committed`), or HEAD's with divisions added
    and nothing else (a pass killed before its commit left them, or a member set one by hand):
    then the pass may commit it without sweeping in other uncommitted edits."""
    import tomllib

    if committed is None or committed == data:
        return committed == data
    try:
        now, then = (tomllib.loads(d.decode("utf-8")) for d in (data, committed))
    except (ValueError, RecursionError):
        return False
    return _added_divisions(now, then) is not None


def _set_before(repo: BargainingRepo) -> Placed:
    """A part new in the pass whose division bargaining.toml already holds, uncommitted: the file
    goes with the pass when that is all that changed in it, so the team gets the division."""
    data = (repo.root / CONFIG_NAME).read_bytes()
    committed = _committed(repo)
    if committed == data or not _only_divisions_added(data, committed):
        return Placed()
    return Placed([CONFIG_NAME])


def _added_divisions(side: dict, base: dict) -> dict[str, str] | None:
    """The divisions `side` (bargaining.toml as read) added to `base` when that is all it changed
    (what a pass bringing new parts does), else None."""
    base_articles = base.get("articles", {})
    side_articles = side.get("articles", {})
    if not isinstance(base_articles, dict) or not isinstance(side_articles, dict):
        return None
    added: dict[str, str] = {}
    for part_id, meta in side_articles.items():
        before = base_articles.get(part_id, {})
        if not isinstance(meta, dict) or not isinstance(before, dict):
            return None
        if "division" in meta and "division" not in before and isinstance(meta["division"], str):
            added[part_id] = meta["division"]
    articles = dict(base_articles)
    for part_id, division in added.items():
        articles[part_id] = {**articles.get(part_id, {}), "division": division}
    return added if side == {**base, "articles": articles} else None


def settle_divisions(repo: BargainingRepo) -> bool:
    """During a conflicted merge (sync): bargaining.toml changed on both sides, one of them only by
    adding the divisions of parts new in its passes. Two members who each bring a new part into the
    same stretch of the file add their tables at one place, which git cannot merge; the other
    side's file with those divisions added (:func:`with_divisions`, checked by reading it back) is
    the merge. True when settled and staged; False leaves the conflict to the member, as before."""
    import tomllib

    from proposals.negotiation.drafts import atomic_write

    store = repo.store
    texts = [store.index_stage(stage, CONFIG_NAME) for stage in (1, 2, 3)]
    try:
        base, ours, theirs = (tomllib.loads(t.decode("utf-8")) for t in texts if t is not None)
    except (ValueError, RecursionError):  # a side deleted it, or it does not read: not ours to settle
        return False
    for start, side in ((texts[1], theirs), (texts[2], ours)):
        added = _added_divisions(side, base)
        if added is None or start is None:
            continue
        text = start.decode("utf-8")
        there = tomllib.loads(text).get("articles", {})
        try:
            wanted = {i: d for i, d in added.items() if there.get(i, {}).get("division") != d}
            if any("division" in there.get(i, {}) for i in wanted):
                return False  # the other side gave that part another division: the member decides
        except (AttributeError, TypeError):  # settings of a shape parse_config refuses
            return False
        edited = with_divisions(text, wanted) if wanted else (text, None)
        if edited is None:
            return False
        atomic_write(repo.root / CONFIG_NAME, edited[0])
        store.stage(CONFIG_NAME)
        repo.notices.append(f"{CONFIG_NAME}: the divisions of new parts on both sides merged")
        return True
    return False
