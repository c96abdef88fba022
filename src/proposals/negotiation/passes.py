"""Recording passes: one commit with trailers plus an annotated tag named after the pass.

Pass numbers run per party (U-1, U-2, E-1, ...) and are never reused: the next number is one more
than the highest ever used, counting tags as well as history. The commit's author date is the
session date; the author is the team member in git config; the party is in the trailers.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from proposals.contract.part import (
    normalise_text,
    parse_heading,
    removed_note,
    validate_id,
)
from proposals.errors import ProposalsError
from proposals.negotiation.drafts import draft_commit, record_then_write, restored_on_failure, save_draft
from proposals.negotiation.history import (
    PASS_NAME_RE,
    T_ARTICLES,
    T_PARTY,
    T_PASS,
    T_SESSION,
    T_WITHDRAWN,
    History,
    TARecord,
    agreed_text_matches,
    check_after_ratification,
    current_tas,
)
from proposals.negotiation.repo import BargainingRepo, recorder
from proposals.store.git import validate_ref_name
from proposals.store.validate import check_pattern, check_text, date_or_today

TYPE_CHECKING = False
if TYPE_CHECKING:
    from proposals.negotiation.divisions import Placed

TERMS_DIR = "terms"  # costing.terms.TERMS_DIR, named here so a pass need not import costing

MAX_MESSAGE_CHARS = 10_000
MAX_PASS_ARTICLES = 1000
RESERVED_NAMES = {"baseline", "union", "employer", "ta", "draft", "HEAD", "main"}


@dataclass
class PassResult:
    """What a recorded pass was: its name and commit, and any draft it kept aside."""

    name: str
    commit: str
    party: str
    session: str
    articles: list[str]
    withdrawn: list[str] = field(default_factory=list)
    saved_drafts: dict[str, str] = field(default_factory=dict)  # id -> ref
    notes: list[str] = field(default_factory=list)  # what was changed on the way in (control characters)


def session_timestamp(session: str) -> str:
    """Commits are dated by the session at the table, not by when someone typed them in."""
    return f"{session}T12:00:00+0000"


def next_pass_name(repo: BargainingRepo, party: str) -> str:
    code = repo.config.party(party).code
    history = repo.history()  # this round's: numbers start again each round
    # One regex over the tag names joined, not a test per name: 40,000 names at 20,000 passes.
    numbered = re.compile(rf"^{re.escape(history.tag_prefix)}{re.escape(code)}-(\d+)$", re.MULTILINE)
    tagged = max(map(int, numbered.findall("\n".join(repo.store.tag_names()))), default=0)
    return f"{code}-{max(history.highest_number(code), tagged) + 1}"


def check_pass_name(repo: BargainingRepo, name: str, party: str) -> str:
    """A pass number typed by a person: plain, unused, and carrying its own party's code."""
    check_pattern(name, PASS_NAME_RE, "pass number", "use something like U-7")
    if name in RESERVED_NAMES:
        raise ProposalsError(f"invalid pass number {name!r}: {name} is a reserved name")
    validate_ref_name(name, "pass number")
    history = repo.history()
    if history.pass_named(name) is not None or history.tag_prefix + name in repo.store.tag_names():
        raise ProposalsError(f"pass {name} already exists; pass numbers are never reused")
    code = repo.config.party(party).code
    if name == f"{code}-":
        raise ProposalsError(f"pass number {name} has no number after {code}-; e.g. {code}-7")
    if not name.startswith(f"{code}-"):
        owner = next((p for p in repo.config.parties.values() if name.startswith(f"{p.code}-")), None)
        whose = f"is the {owner.key}'s numbering" if owner else f"does not start with {code}-"
        raise ProposalsError(
            f"pass number {name} {whose}; a {party} pass is numbered {code}-N (e.g. {code}-7)"
        )
    return name


def check_ids(ids: Sequence[str]) -> list[str]:
    """The articles of one pass, each a plain id, refused early when there are absurdly many (a
    contract has tens of articles; a runaway script's list would only fail minutes later)."""
    if len(ids) > MAX_PASS_ARTICLES:
        raise ProposalsError(
            f"{len(ids)} articles named; a pass names at most {MAX_PASS_ARTICLES}: record it in parts"
        )
    return list(dict.fromkeys(validate_id(i) for i in ids))


def check_message(message: str | None) -> str:
    """A pass message (-m): several lines allowed, control characters not."""
    return check_text(
        message, "the pass message (-m)", multiline=True, max_length=MAX_MESSAGE_CHARS, allow_empty=True
    )


def _checked_request(
    repo: BargainingRepo, party: str, ids: Sequence[str], session: str | None, message: str, verb: str
) -> tuple[list[str], str, str]:
    """What every pass asks first, before it reads a text: a known party, plain ids, a session
    date (the open session's by default), a message git can take, and a repo that may record."""
    repo.config.party(party)
    if not ids:
        raise ProposalsError(f"name at least one article to {verb}")
    checked = check_ids(ids)
    if session is None:  # the sessions module (its records, json) only for a pass with no --session
        from proposals.negotiation.sessions import default_session

        session = default_session(repo)
    session = date_or_today(session, "session date")
    message = check_message(message)
    repo.ensure_can_record()
    check_after_ratification(repo.history(), session)  # else it is listed under the earlier round
    return checked, session, message


def _trailers(pairs: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f"{key}: {value}" for key, value in pairs if value)


def _commit_pass(
    repo: BargainingRepo,
    party: str,
    name: str,
    session: str,
    message: str,
    listed: tuple[str, list[str]],
    paths: list[str],
    extra: Sequence[tuple[str, str]] = (),
    in_head: Collection[str] = (),
) -> str:
    """One commit with the pass trailers, then its annotated tag; both dated by the session.
    `in_head`: those of `paths` the last commit holds (no ``git add`` needed, ``store.commit``)."""
    full, tag_message = _pass_messages(repo, party, name, session, message, listed, extra)
    stamp = session_timestamp(session)
    commit = repo.store.commit(full, paths, date=stamp, allow_empty=not paths, in_head=in_head)
    repo.store.tag(repo.history().tag_prefix + name, commit, tag_message, date=stamp)
    repo.invalidate()
    return commit


def _pass_messages(
    repo: BargainingRepo,
    party: str,
    name: str,
    session: str,
    message: str,
    listed: tuple[str, list[str]],
    extra: Sequence[tuple[str, str]] = (),
) -> tuple[str, str]:
    """A pass's commit message (subject, body, trailers) and its tag's message."""
    key, ids = listed
    party_name = repo.config.party(party).name
    verb = "" if key == T_ARTICLES else "withdraws "
    text = message.strip()
    subject = (
        f"{name}: {text.split(chr(10))[0]}" if text else f"{party_name} pass {name}: {verb}{', '.join(ids)}"
    )
    body = text.split("\n", 1)[1].strip() if "\n" in text else ""
    trailers = _trailers(
        [(T_PARTY, party), (T_PASS, name), (T_SESSION, session), (key, ", ".join(ids)), *extra]
    )
    full = subject + "\n\n" + (body + "\n\n" if body else "") + trailers + "\n"
    return full, f"{party_name} proposal {name}, session {session}\n\n{key}: {', '.join(ids)}\n"


@recorder
def record_pass(
    repo: BargainingRepo,
    party: str,
    ids: Sequence[str],
    *,
    session: str | None = None,
    number: str | None = None,
    message: str = "",
    texts: Mapping[str, str] | None = None,
    reopen: bool = False,
    trailers: Sequence[tuple[str, str]] = (),
    allow_retreat: bool = True,
    untouched_until_recorded: bool = False,
    divisions: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> PassResult:
    """Record the text of `ids` as one pass by `party`; `trailers` are added (a package's).

    `texts` supplies the party's text (their pass, pasted or imported) instead of the working
    tree; our uncommitted draft of those articles is first saved to refs/drafts/<id>.
    `untouched_until_recorded` (intake): with every text supplied, the pass is built as objects
    and recorded in one ref transaction before any file or index entry is written, so a failure
    or a kill at any point before leaves the repository exactly as it was
    (:func:`proposals.negotiation.drafts.record_then_write`).
    `divisions`: the division their document shows above each part (negotiation/divisions.py).
    `dry_run`: every check made, nothing written; the result names the pass it would record
    (its commit empty).
    """
    ids, session, message = _checked_request(repo, party, ids, session, message, "put in the pass")
    history = repo.history()
    name = check_pass_name(repo, number, party) if number is not None else next_pass_name(repo, party)
    head = history.head
    texts = dict(texts or {})
    olds = _table_texts(repo, ids, head)

    new_texts: dict[str, str] = {}
    notes: list[str] = []
    for article_id in ids:
        if article_id in texts:
            new = normalise_text(texts[article_id])
        else:
            draft = repo.read_draft(article_id)
            if draft is None:
                raise ProposalsError(f"no article {article_id}: articles/{article_id}.txt is missing")
            new = normalise_text(draft)
            note = removed_note(draft, repo.article_relpath(article_id))
            if note:
                notes.append(note)
        if not new.strip():
            raise ProposalsError(f"{article_id} is empty; use proposals withdraw to withdraw it")
        if parse_heading(new).kind is None:
            raise ProposalsError(
                f"{article_id}: the first line must be the heading, e.g. 'ARTICLE 6: STAFFING', "
                "'PREAMBLE' or 'APPENDIX A'"
            )
        old = olds.get(article_id)
        if old == new:
            raise ProposalsError(f"{article_id} has not changed since the last pass; nothing to record")
        broken = [ta for ta in current_tas(history, article_id) if not agreed_text_matches(ta, new)]
        if broken and not reopen:
            what = ", ".join(f"section {t.section}" if t.section else "the article" for t in broken)
            raise ProposalsError(
                f"{article_id}: this changes TA'd text ({what}, TA {broken[0].date}); "
                "use --reopen to propose it anyway"
            )
        new_texts[article_id] = new
    if not allow_retreat:
        from proposals.negotiation.regression import refuse_retreats

        refuse_retreats(repo, party, new_texts)
    if dry_run:
        return PassResult(name, "", party, session, list(new_texts), notes=notes)
    terms: list[str] = []  # costing terms travel with the text; most repos have none to load
    if os.path.lexists(repo.root / TERMS_DIR):  # costing (tomllib, decimal) only for a repo with terms
        from proposals.costing.terms import staged_terms

        terms = staged_terms(repo.root, party, new_texts)
    placed = _placed(repo, new_texts, olds, divisions)  # a new part's division, in the same commit
    terms = [*terms, *placed.paths]

    if untouched_until_recorded and head and set(new_texts) <= set(texts):
        with placed.put_back_on_failure(repo):
            commit, saved = _record_objects_first(
                repo, party, name, session, message, new_texts, head, trailers, terms, olds
            )
        _after_pass(repo, history, new_texts, name)
        return PassResult(name, commit, party, session, list(new_texts), saved_drafts=saved, notes=notes)
    saved: dict[str, str] = {}
    with restored_on_failure(repo, new_texts), placed.put_back_on_failure(repo):
        for article_id, new in new_texts.items():
            if article_id not in texts:
                continue
            current = repo.read_draft(article_id)
            table = olds.get(article_id)
            if current is not None and current != table and normalise_text(current) != new:
                saved[article_id] = save_draft(
                    repo.store,
                    article_id,
                    current.encode("utf-8"),
                    f"Kept before recording {party} pass {name}.",
                )
            repo.write_draft(article_id, new)
        for article_id, new in new_texts.items():
            # Record the normalised text (no BOM, LF endings), not a Word-saved file's raw bytes.
            if article_id not in texts and repo.article_path(article_id).read_bytes() != new.encode("utf-8"):
                repo.write_draft(article_id, new)

        commit = _commit_pass(
            repo,
            party,
            name,
            session,
            message,
            (T_ARTICLES, list(new_texts)),
            [repo.article_relpath(i) for i in new_texts] + terms,
            trailers,
            {repo.article_relpath(i) for i in new_texts if olds.get(i) is not None},
        )
    _after_pass(repo, history, new_texts, name)
    return PassResult(name, commit, party, session, list(new_texts), saved_drafts=saved, notes=notes)


class _NothingPlaced:
    """``divisions.Placed()`` for a pass of parts the table has: nothing to commit with the pass,
    nothing to put back, and negotiation.divisions (~2.5 ms of imports) not loaded."""

    paths: tuple[str, ...] = ()

    @contextlib.contextmanager
    def put_back_on_failure(self, repo: BargainingRepo) -> Iterator[None]:
        yield


def _placed(
    repo: BargainingRepo,
    new_texts: Mapping[str, str],
    olds: Mapping[str, str | None],
    divisions: Mapping[str, str] | None,
) -> Placed | _NothingPlaced:
    """bargaining.toml with the division of each part new in the pass (negotiation/divisions.py);
    the common pass changes only parts the table has, and costs nothing here."""
    if all(olds.get(i) is not None for i in new_texts) and not divisions:
        return _NothingPlaced()
    from proposals.negotiation.divisions import place_new_parts

    return place_new_parts(repo, new_texts, olds, divisions)


def _table_texts(repo: BargainingRepo, ids: Sequence[str], head: str | None) -> dict[str, str | None]:
    """Each article's text at `head`: many in one ``cat-file --batch`` (not a git process per
    article: 1,000 of them took 3 s); one through the store's blob cache, which later checks of
    the same text (a retreat) share."""
    if not head:
        return {}
    if len(ids) == 1:
        return {ids[0]: repo.text_at_commit(ids[0], head)}
    return dict(zip(ids, repo.texts_at_commits([(i, head) for i in ids]), strict=True))


def _after_pass(repo: BargainingRepo, history: History, new_texts: Mapping[str, str], name: str) -> None:
    if history.package_marks:  # a TA released by its failed package may be reopened: say so
        from proposals.negotiation.packages import released_in

        for ta in released_in(history, list(new_texts)):
            what = f"section {ta.section} of {ta.article}" if ta.section else ta.article
            repo.notices.append(
                f"{name} reopens {what}: TA {ta.tag} was contingent on {ta.contingent}, which failed "
                "(allowed; recorded in the history)"
            )


def _record_objects_first(
    repo: BargainingRepo,
    party: str,
    name: str,
    session: str,
    message: str,
    new_texts: Mapping[str, str],
    head: str,
    trailers: Sequence[tuple[str, str]],
    terms: Sequence[str] = (),
    tables: Mapping[str, str | None] | None = None,
) -> tuple[str, dict[str, str]]:
    """The pass of `new_texts` (every one supplied) as git objects, recorded in one ref
    transaction, then written out (see :func:`record_then_write`); (commit, saved drafts).
    `terms`: the party's costing terms files (checked), recorded as they are in the working tree;
    `tables`: each article's text at `head`, when already read."""
    store = repo.store
    branch = f"refs/heads/{store.current_branch()}"  # ensure_can_record refused a detached HEAD
    saved: dict[str, str] = {}
    refs: list[str] = []
    for article_id, new in new_texts.items():
        current = repo.read_draft(article_id)
        table = tables[article_id] if tables is not None else repo.text_at_commit(article_id, head)
        if current is not None and current != table and normalise_text(current) != new:
            ref, draft, parent = draft_commit(
                store, article_id, current.encode("utf-8"), f"Kept before recording {party} pass {name}."
            )
            refs.append(f"update {ref} {draft} {parent}" if parent else f"create {ref} {draft}")
            saved[article_id] = ref
    datas = [t.encode("utf-8") for t in new_texts.values()] + [(repo.root / p).read_bytes() for p in terms]
    blob_ids = store.write_blobs(datas)  # one git for them all, not one per part
    blobs = {repo.article_relpath(i): b for i, b in zip(new_texts, blob_ids, strict=False)}
    as_they_are = dict(zip(terms, blob_ids[len(new_texts) :], strict=True))
    tree = store.tree_with(head, {**blobs, **as_they_are})
    full, tag_message = _pass_messages(
        repo, party, name, session, message, (T_ARTICLES, list(new_texts)), trailers
    )
    stamp = session_timestamp(session)
    commit = store.commit_tree(tree, full, [head], date=stamp)
    tag_name = repo.history().tag_prefix + name
    tag = store.tag_object(tag_name, commit, tag_message, date=stamp)
    refs = [f"update {branch} {commit} {head}", f"create refs/tags/{tag_name} {tag}", *refs]
    record_then_write(repo, new_texts, refs, commit, as_they_are)
    repo.invalidate()
    return commit, saved


@recorder
def withdraw(
    repo: BargainingRepo,
    party: str,
    ids: Sequence[str],
    *,
    session: str | None = None,
    number: str | None = None,
    message: str = "",
    trailers: Sequence[tuple[str, str]] = (),
) -> PassResult:
    """A pass that withdraws articles: recorded in history, the text stays for the record."""
    ids, session, message = _checked_request(repo, party, ids, session, message, "withdraw")
    history = repo.history()
    for article_id in ids:
        events = history.events.get(article_id, [])
        if not any(not isinstance(e, TARecord) for e in events):
            raise ProposalsError(f"{article_id} was never proposed; there is nothing to withdraw")
        last = events[-1]
        if isinstance(last, TARecord) and last.section is None:
            raise ProposalsError(f"{article_id} is TA'd ({last.date}); a TA cannot be withdrawn")
        if not isinstance(last, TARecord) and article_id in last.withdrawn:
            raise ProposalsError(f"{article_id} is already withdrawn ({last.name})")
    name = check_pass_name(repo, number, party) if number is not None else next_pass_name(repo, party)
    with restored_on_failure(repo, {}):
        commit = _commit_pass(repo, party, name, session, message, (T_WITHDRAWN, ids), [], trailers)
    return PassResult(name, commit, party, session, [], withdrawn=ids)
