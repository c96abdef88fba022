"""Tentative agreements: recorded with both signatories and locked by the agreed text's hash.

A TA is an empty commit with trailers plus an annotated tag. Its lock is the git blob id of the
agreed text (the article, or one section's block of lines), so any later change to that text,
through a pass, a hand edit or a merge, is caught by ``verify``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proposals.contract.part import SECTION_NUMBER_RE, blob_hash, section_text, validate_id
from proposals.errors import ProposalsError
from proposals.negotiation.changed_paths import ChangedPaths
from proposals.negotiation.history import (
    T_TA_ARTICLE,
    T_TA_BLOB,
    T_TA_CONTINGENT,
    T_TA_DATE,
    T_TA_EMPLOYER,
    T_TA_SECTION,
    T_TA_TAG,
    T_TA_UNION,
    History,
    TARecord,
    agreed_text_matches,
    current_tas,
)
from proposals.negotiation.repo import BargainingRepo, recorder
from proposals.store.git import validate_ref_name
from proposals.store.validate import check_pattern, check_text, date_or_today


def _one_line(value: str, what: str) -> str:
    """A signatory's name: it goes into a trailer and a tag message, so one plain line."""
    return check_text(value, what, max_length=120)


def _tag_name(repo: BargainingRepo, article_id: str, section: str | None) -> str:
    base = repo.history().tag_prefix + f"ta-{article_id}" + (f"-{section}" if section else "")
    tags = repo.store.tag_names()
    name, n = base, 1
    while name in tags:
        n += 1
        name = f"{base}-{n}"
    return validate_ref_name(name, "TA tag")


@recorder
def make_ta(
    repo: BargainingRepo,
    article_id: str,
    *,
    union_sign: str,
    employer_sign: str,
    ta_date: str | None = None,
    section: str | None = None,
    contingent_on: str | None = None,
) -> TARecord:
    """TA the text on the table (the last recorded pass), not an unsent draft.

    `contingent_on` names an open package the TA stands or falls with; without it the ground
    rules in bargaining.toml may make every TA contingent on the whole agreement.
    """
    # what only recording needs, imported here: verify (this module's other reader) never loads it
    from proposals.negotiation.drafts import restored_on_failure
    from proposals.negotiation.history import check_after_ratification
    from proposals.negotiation.passes import session_timestamp
    from proposals.negotiation.sessions import default_session

    validate_id(article_id)
    union_sign = _one_line(union_sign, "--union-sign")
    employer_sign = _one_line(employer_sign, "--employer-sign")
    ta_date = date_or_today(ta_date if ta_date is not None else default_session(repo), "TA date")
    if section is not None:
        section = check_pattern(section.strip(), SECTION_NUMBER_RE, "section", "use a number like 6.2")
    repo.ensure_can_record()
    history = repo.history()
    check_after_ratification(history, ta_date)  # else it is listed under the earlier round
    contingent = contingency(repo, contingent_on)
    if history.last_pass(article_id) is None and history.baseline is None:
        raise ProposalsError(f"{article_id} has never been proposed; there is nothing to agree")
    text = repo.table_text(article_id)
    if text is None:
        raise ProposalsError(f"no article {article_id} on the table")
    events = history.events.get(article_id, [])
    if events and not isinstance(events[-1], TARecord) and article_id in events[-1].withdrawn:
        raise ProposalsError(f"{article_id} is withdrawn; propose it again before a TA")
    if section is not None:
        agreed = section_text(text, section)
        if agreed is None:
            raise ProposalsError(f"{article_id} has no section {section}")
    else:
        agreed = text
    # A whole article is locked by the blob git stores (so verify compares like with like).
    stored = repo.store.blob_id(history.head, repo.article_relpath(article_id)) if history.head else None
    blob = stored if section is None and stored else blob_hash(agreed)
    for ta in current_tas(history, article_id):
        if ta.section == section and ta.blob == blob:
            what = f"section {section} of {article_id}" if section else article_id
            raise ProposalsError(f"{what} is already TA'd ({ta.date}, {ta.tag})")
    tag = _tag_name(repo, article_id, section)
    what = f"section {section} of {article_id}" if section else article_id
    trailers = [
        (T_TA_ARTICLE, article_id),
        (T_TA_SECTION, section or ""),
        (T_TA_BLOB, blob),
        (T_TA_UNION, union_sign),
        (T_TA_EMPLOYER, employer_sign),
        (T_TA_DATE, ta_date),
        (T_TA_TAG, tag),
        (T_TA_CONTINGENT, contingent),
    ]
    message = f"Tentative agreement: {what}\n\n" + "\n".join(f"{k}: {v}" for k, v in trailers if v) + "\n"
    stamp = session_timestamp(ta_date)
    with restored_on_failure(repo, {}):  # the commit and its tag, or neither
        commit = repo.store.commit(message, allow_empty=True, date=stamp)
        repo.store.tag(
            tag,
            commit,
            f"Tentative agreement on {what}, {ta_date}\n\n"
            f"For the union: {union_sign}\nFor the employer: {employer_sign}\n",
            date=stamp,
        )
    repo.invalidate()
    return TARecord(article_id, section, blob, union_sign, employer_sign, ta_date, commit, tag, contingent)


def contingency(repo: BargainingRepo, contingent_on: str | None) -> str:
    """What a new TA is contingent on: the package named (it must be open), else the ground rule."""
    if contingent_on is None:
        return "agreement" if repo.config.tas_contingent else ""
    if contingent_on == "agreement":
        return contingent_on
    from proposals.negotiation.packages import find_package

    package = find_package(repo.history(), contingent_on)
    if package.state not in ("open", "countered"):
        raise ProposalsError(f"package {package.id} is {package.state}; a TA cannot be contingent on it")
    return package.id


@dataclass(frozen=True, slots=True)
class Violation:
    article: str
    section: str | None
    where: str  # "working tree", "HEAD", "tag", ...
    detail: str

    def line(self) -> str:
        what = f"{self.article} section {self.section}" if self.section else self.article
        return f"{what}: {self.detail} ({self.where})"


def lock_holds(repo: BargainingRepo, ta: TARecord, commit: str) -> bool:
    """Whether the text at `commit` is what the TA locked, compared as git stores it: a whole
    article by its blob id (no decoding, no .gitattributes filter in between), a section by its
    block of lines."""
    if ta.section is None:
        return repo.store.blob_id(commit, repo.article_relpath(ta.article)) == ta.blob
    return agreed_text_matches(ta, repo.text_at_commit(ta.article, commit))


def verify(
    repo: BargainingRepo,
    also: Callable[[], list[Violation]] | None = None,
    changed: ChangedPaths | None = None,
) -> list[Violation]:
    """Every standing TA's text, checked in the last recorded pass and in the working tree; then
    every tag, pass and the baseline against the commits' own records (``proof.py``). The history
    is read from git, never the on-disk cache; which articles each commit changes is read by git
    at the same time (another process), since nothing here needs it before the history is parsed.
    `also` (the CLI's further checks, ``integrity.extra_violations``) runs while that read is
    still going, on this history; its problems come last, as if asked for after this call.
    `changed`: that read, when the caller started it sooner (``proposals verify`` does, before
    importing this module).
    """
    from proposals.negotiation.proof import record_problems

    if changed is None:
        changed = ChangedPaths(repo.store)
    repo.store.start_tag_peels()  # git lists every tag while the history is read
    history = repo.history(from_git=True)
    violations: list[Violation] = []
    tags = repo.store.tags()
    drafts = repo.draft_ids()  # git's own view (after clean filters), not the checked-out bytes
    for view, end, ratified, where in round_ends(repo, history):
        standing = [(i, ta) for i in sorted(view.article_ids()) for ta in current_tas(view, i)]
        held = locks_held(repo, [ta for _, ta in standing], end) if end else []
        for (article_id, ta), holds in zip(standing, held or [True] * len(standing), strict=True):
            if not holds:
                events = view.events[article_id]
                later = [
                    e.name
                    for e in events[events.index(ta) + 1 :]
                    if not isinstance(e, TARecord)
                    and article_id in e.articles
                    and not lock_holds(repo, ta, e.commit)
                ]
                cause = f"changed by pass {', '.join(later)}" if later else "changed since the TA"
                violations.append(Violation(article_id, ta.section, where, cause))
            if ratified is None and article_id in drafts and not agreed_text_matches(
                ta, repo.read_draft(article_id)
            ):
                edited = "edited in an unsent draft"
                violations.append(Violation(article_id, ta.section, "working tree", edited))
            if ta.tag:
                tagged = tags.get(ta.tag)
                if tagged is None:
                    missing = f"tag {ta.tag} is missing; run proposals repair"
                    violations.append(Violation(article_id, ta.section, "tags", missing))
                elif tagged[1] != ta.commit:
                    violations.append(
                        Violation(
                            article_id,
                            ta.section,
                            "tags",
                            f"tag {ta.tag} was moved off the TA commit {ta.commit[:10]}; a TA tag never "
                            f"moves: git tag -f {ta.tag} {ta.commit[:10]} after checking with your team",
                        )
                    )
        if ratified is not None:  # a whole part agreed is in the contract the round ratified
            whole = [ta for _, ta in standing if ta.section is None]
            for ta, holds in zip(whole, locks_held(repo, whole, ratified), strict=True):
                if not holds:
                    detail = "the ratified contract does not hold the TA'd text"
                    violations.append(Violation(ta.article, None, where, detail))
    extra = also() if also is not None else []
    return violations + record_problems(repo, changed) + extra


def round_ends(
    repo: BargainingRepo, history: History
) -> list[tuple[History, str | None, str | None, str]]:
    """(its history, the commit its TAs must hold at, the commit of the contract it ratified,
    how a problem names it) for every round: a closed round's TAs are proved as the round ended
    (the commit before its close, which a forced close may drop parts from) and in what it
    ratified; the current round's at HEAD, with the working tree."""
    full = repo.full_history()
    if not full.rounds:
        return [(history, history.head, None, "recorded history")]
    ends = []
    for chosen in full.all_rounds():
        view = history if chosen is history.round else full.in_round(chosen)
        if chosen.closed is None:
            ends.append((view, history.head, None, "recorded history"))
        else:
            end = repo.store.rev_parse(f"{chosen.closed}^")
            ends.append((view, end, chosen.closed, f"round {chosen.name}"))
    return ends


def locks_held(repo: BargainingRepo, tas: list[TARecord], commit: str) -> list[bool]:
    """``lock_holds`` for many TAs at one commit, in two git processes (blob ids, section texts)."""
    whole = [ta for ta in tas if ta.section is None]
    blobs = dict(zip(whole, repo.store.blob_ids([(commit, repo.article_relpath(t.article)) for t in whole]),
                     strict=True))
    parts = [ta for ta in tas if ta.section is not None]
    texts = dict(zip(parts, repo.texts_at_commits([(t.article, commit) for t in parts]), strict=True))
    return [blobs[ta] == ta.blob if ta.section is None else agreed_text_matches(ta, texts[ta]) for ta in tas]
