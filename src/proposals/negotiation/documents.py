"""Word documents assembled from the repo: proposals, TA documents, the status chart, the contract.

proposals.word writes .docx files from plain texts; this module decides which texts those are
(revision names, per-article defaults, headers from the pass record). Team notes are never read
here, so they cannot reach anything exported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from proposals.contract.part import validate_id
from proposals.errors import ProposalsError
from proposals.negotiation.history import BASELINE_TAG, History, PassRecord
from proposals.negotiation.repo import BargainingRepo, validate_date
from proposals.negotiation.status import STATUS_MEANINGS, STATUS_WORDS, status_rows
from proposals.word.modes import MODES


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    articles: list[str]
    header: str
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # header lines beyond the first: whose text, withdrawals


def _out_path(out: str | Path) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".docx":
        raise ProposalsError(f"{path}: the output file must end in .docx")
    if path.is_dir():
        raise ProposalsError(f"{path} is a directory")
    if not path.parent.exists():
        raise ProposalsError(f"{path.parent} does not exist")
    return path


def _check_draft_label(to_rev: str, as_name: str | None, session: str | None) -> None:
    """`--as` and `--session` name the pass a draft will go across as; a recorded pass has its own."""
    if session is not None:
        validate_date(session, "session date")
    if to_rev != "draft" and (as_name or session):
        raise ProposalsError("--as and --session label a draft; a recorded pass has its own")


def _date(value: str) -> date:
    return date.fromisoformat(value) if value else date.today()


@dataclass(frozen=True, slots=True)
class _Source:
    """Where one article's exported text comes from: the pass that wrote it (None: the draft),
    whether that pass withdrew it, and what it is compared with."""

    holder: PassRecord | None
    withdrawn: bool
    new: str
    old: str
    against: str


def _holder(history: History, article_id: str, upto: int | None) -> PassRecord | None:
    """The last pass that put this article's text on the table (or withdrew it), at or before
    timeline position ``upto`` (None: now)."""
    order = {id(r): i for i, r in enumerate(history.timeline)}
    found = None
    for event in history.events.get(article_id, []):
        if upto is not None and order[id(event)] > upto:
            break
        if isinstance(event, PassRecord):
            found = event
    return found


def _answered(history: History, article_id: str, party: str, before: PassRecord | None) -> PassRecord | None:
    """The other party's last text on this article before ``before`` (None: before now): what
    a pass answers, and so what its changes are shown against by default."""
    found = None
    for event in history.events.get(article_id, []):
        if event is before:
            break
        if isinstance(event, PassRecord) and event.party == party and article_id in event.articles:
            found = event
    return found


def _source(
    repo: BargainingRepo, article_id: str, to_rev: str, from_rev: str | None, proposer: str
) -> _Source:
    history = repo.history()
    resolved = repo.resolve(article_id, to_rev)
    if resolved.commit is None:  # the working tree: our draft, or the table text unchanged
        new = repo.text_at(article_id, "draft")
        holder = None if new != repo.table_text(article_id) else _holder(history, article_id, None)
    else:
        upto = next((i for i, r in enumerate(history.timeline) if r.commit == resolved.commit), None)
        if upto is None and resolved.label != "baseline":
            raise ProposalsError(
                f"export --to takes a pass, a party, ta, baseline or draft; {to_rev!r} is none of these"
            )
        holder = _holder(history, article_id, upto) if upto is not None else None
        text = repo.text_at_commit(article_id, resolved.commit)
        if text is None:
            raise ProposalsError(f"article {article_id} does not exist at {resolved.label}")
        new = text
    withdrawn = holder is not None and article_id in holder.withdrawn and article_id not in holder.articles
    if withdrawn:  # the text stays in the tree for the record; off the table, it shows deleted
        assert holder is not None
        previous = _holder(history, article_id, _position(history, holder) - 1)
        old_commit = previous.commit if previous is not None else history.baseline
        old = repo.text_at_commit(article_id, old_commit) if old_commit else None
        return _Source(holder, True, "", old or new, previous.name if previous else BASELINE_TAG)
    if from_rev is not None:
        source = repo.resolve(article_id, from_rev)
        old = (
            repo.text_at(article_id, "draft")
            if source.commit is None
            else (
                repo.text_at_commit(article_id, source.commit) or ""  # absent there: wholly new
            )
        )
        return _Source(holder, False, new, old, source.label)
    party = holder.party if holder is not None else proposer
    answered = _answered(history, article_id, repo.config.other(party), holder)
    if answered is not None:
        old = repo.text_at_commit(article_id, answered.commit) or ""
        return _Source(holder, False, new, old, answered.name)
    base = repo.text_at_commit(article_id, history.baseline) if history.baseline else None
    if base is not None:
        return _Source(holder, False, new, base, BASELINE_TAG)
    return _Source(holder, False, new, "", "nothing (a new article)")


def _position(history: History, record: PassRecord) -> int:
    return next(i for i, r in enumerate(history.timeline) if r is record)


def export_pass(
    repo: BargainingRepo,
    ids: Sequence[str],
    out: str | Path,
    *,
    mode: str,
    from_rev: str | None = None,
    to_rev: str = "draft",
    party: str | None = None,
    as_name: str | None = None,
    session: str | None = None,
) -> Exported:
    """A proposal for the table: the text at `to_rev` redlined against `from_rev` per article.

    Every label is the truth about the text: the header, the document's author and each
    revision name the pass that actually wrote an article's text and date it with that pass's
    session; an article the `to_rev` pass did not touch says whose text it is ("text of U-5,
    2024-06-25, unchanged in U-7"). Without --from an article is compared with the other side's
    pass that its text answered, else the baseline, else nothing (wholly new). An article the
    pass withdrew shows wholly deleted. The draft says DRAFT and today unless `as_name` and
    `session` name the pass it will go across as.
    """
    from proposals.word.proposal import ArticleChange, export_proposal

    if mode not in MODES:
        raise ProposalsError(f"unknown mode {mode!r}: use tracked, redline or clean")
    if not ids:
        raise ProposalsError("name at least one article to export")
    path = _out_path(out)
    ids = [validate_id(i) for i in dict.fromkeys(ids)]
    _check_draft_label(to_rev, as_name, session)
    history = repo.history()
    proposer = party or "union"
    repo.config.party(proposer)
    sources = {a: _source(repo, a, to_rev, from_rev, proposer) for a in ids}
    target = None
    if to_rev != "draft":
        resolved = repo.resolve(ids[0], to_rev)
        target = next((p for p in history.passes if p.commit == resolved.commit), None)
    draft_name = as_name or "DRAFT"
    draft_day = session or date.today().isoformat()

    def label(src: _Source) -> tuple[str, str, str]:
        """(party key, pass name, session) of the pass that wrote the article's text."""
        if src.holder is None:
            return (party or proposer, draft_name if to_rev == "draft" else to_rev, draft_day)
        return (src.holder.party, src.holder.name, src.holder.session)

    labels = {a: label(src) for a, src in sources.items()}
    parties = {lab[0] for lab in labels.values()}
    if party is None and len(parties) > 1:
        whose = ", ".join(f"{a} ({labels[a][1]})" for a in ids)
        raise ProposalsError(f"these texts come from both parties' passes: {whose}; export them separately")
    doc_party = party or labels[ids[0]][0]
    who = repo.config.party(doc_party)
    named = target.name if target is not None else (draft_name if to_rev == "draft" else to_rev)
    draft = to_rev == "draft" and as_name is None  # not yet proposed: never called a pass
    if to_rev == "draft" and as_name:  # it goes across as that pass, on that session
        pass_name, day = as_name, draft_day
    elif draft:
        pass_name, day = draft_name, draft_day
    elif len({lab[1:] for lab in labels.values()}) == 1:  # one pass wrote every text: name it
        pass_name, day = labels[ids[0]][1], labels[ids[0]][2]
    elif target is not None:
        pass_name, day = target.name, target.session
    elif to_rev == "draft":
        pass_name, day = draft_name, draft_day
    else:
        pass_name, day = labels[ids[0]][1], labels[ids[0]][2]
    notes: list[str] = []
    for article_id, src in sources.items():
        name, when = labels[article_id][1], labels[article_id][2]
        if src.withdrawn:
            notes.append(f"{article_id}: withdrawn in {name} ({when}), shown as deleted")
        elif draft and name != draft_name:
            notes.append(f"{article_id}: text of {name}, {when}, unchanged in this draft")
        elif name != named:
            notes.append(f"{article_id}: text of {name}, {when}, unchanged in {named}")
        elif name != pass_name:
            notes.append(f"{article_id}: text of {name}, {when}")
    againsts = {src.against for src in sources.values()}
    against = None
    if mode != "clean":
        if len(againsts) == 1:
            against = againsts.pop()
        else:
            against = "each article's earlier text"
            notes += [f"{a}: changes shown against {src.against}" for a, src in sources.items()]
    held = {lab[1:] for lab in labels.values()}
    based_on = ""
    if draft and len(held) == 1 and labels[ids[0]][1] != draft_name:  # no word changed since
        based_on = f"{labels[ids[0]][1]} ({labels[ids[0]][2]})"
    changes = [
        ArticleChange(
            src.old,
            src.new,
            author=repo.config.party(labels[a][0]).name,
            when=_date(labels[a][2]),
            division=repo.config.meta(a).division,
        )
        for a, src in sources.items()
        if mode != "clean" or not src.withdrawn
    ]
    if not changes:
        raise ProposalsError("every article named was withdrawn: a clean export would be empty")
    export_proposal(
        changes,
        path,
        mode=mode,  # type: ignore[arg-type]
        party=who.name,
        pass_name=pass_name,
        session=_date(day),
        colour=who.colour,
        against=against,
        notes=notes,
        draft=draft,
        based_on=based_on,
    )
    if draft:
        what = "draft, not yet proposed" + (f", based on {based_on}" if based_on else "") + f", {day}"
    else:
        what = f"proposal {pass_name}, {day}"
    return Exported(path, ids, f"{who.name} {what}", notes=tuple(notes))


def export_history(
    repo: BargainingRepo,
    article_id: str,
    out: str | Path,
    *,
    from_rev: str | None = None,
    to_rev: str = "draft",
    party: str | None = None,
    as_name: str | None = None,
    session: str | None = None,
) -> Exported:
    """One document with the whole negotiation of a part: every pass since `from_rev` (default
    the baseline, or nothing in a first contract) up to `to_rev` a layer of tracked changes by
    its party and session. A pass that withdrew the part is a layer that deletes it. With
    `to_rev` "draft" (the default) an unsent draft that differs from the table text is the last
    layer, authored by `party` (default the union) and labelled DRAFT and today, or `as_name`
    and `session`, as `export --as/--session` label a draft."""
    from proposals.word.history import Layer, passes_in, span, withdrawn_note
    from proposals.word.history import export_history as write_history

    path = _out_path(out)
    validate_id(article_id)
    _check_draft_label(to_rev, as_name, session)
    history = repo.history()
    events = [p for p in history.passes_for(article_id) if article_id in p.articles + p.withdrawn]
    names = {key: party.name for key, party in repo.config.parties.items()}
    draft: Layer | None = None
    if to_rev == "draft":
        text = repo.read_draft(article_id)
        if text is not None and text != (repo.table_text(article_id) or ""):
            who = party or "union"
            repo.config.party(who)
            today = date.today().isoformat()
            draft = Layer(as_name or "DRAFT", names.get(who, who), session or today, text, draft=True)
    else:
        record = history.pass_named(to_rev)
        if record is None or record not in events:
            before = None
            if record is not None:
                at = _position(history, record)
                before = next((e for e in reversed(events) if _position(history, e) < at), None)
            hint = f" (its last pass before {to_rev}: {before.name})" if before is not None else ""
            raise ProposalsError(f"--to for a history takes draft or a pass on {article_id}{hint}")
        events = events[: events.index(record) + 1]
    if not events and draft is None:
        raise ProposalsError(f"{article_id} has no passes: there is no history to show")

    def layer(record: PassRecord) -> Layer:
        gone = article_id not in record.articles  # the pass withdrew it
        text = "" if gone else repo.text_at_commit(article_id, record.commit) or ""
        return Layer(record.name, names.get(record.party, record.party), record.session, text, withdrawn=gone)

    if from_rev is None or from_rev == BASELINE_TAG:
        base = repo.text_at_commit(article_id, history.baseline) if history.baseline else None
        if from_rev is not None and history.baseline is None:
            raise ProposalsError("this negotiation has no baseline (a first contract)")
        start = (
            Layer(BASELINE_TAG, "agreement in force", "", base)
            if base is not None
            else Layer("nothing", "(a new part)", "", "")
        )
        later = events
    else:
        record = history.pass_named(from_rev)
        if record is None or record not in events:
            raise ProposalsError(f"--from for a history takes baseline or a pass on {article_id} before --to")
        start = layer(record)
        later = events[events.index(record) + 1 :]
    layers = [start, *(layer(r) for r in later), *([draft] if draft is not None else [])]
    if len(layers) < 2:
        raise ProposalsError(f"no pass on {article_id} after {start.name}: there is no history to show")
    write_history(layers, path, team=names["union"])
    header = f"history of {article_id}, {span(layers)} ({passes_in(layers)})"
    note = withdrawn_note(layers)
    return Exported(path, [article_id], header, notes=(note,) if note else ())


def export_ta_document(repo: BargainingRepo, article_id: str, out: str | Path) -> Exported:
    """The agreed text (as it was when TA'd) with the sign-off table for both parties."""
    from proposals.word.ta import export_ta

    path = _out_path(out)
    validate_id(article_id)
    tas = repo.history().tas_for(article_id)
    if not tas:
        raise ProposalsError(f"{article_id} has no tentative agreement")
    ta = tas[-1]
    text = repo.text_at_commit(article_id, ta.commit)
    if text is None:
        raise ProposalsError(f"{article_id} does not exist at its TA")
    if ta.section:
        from proposals.contract.part import parse_heading, section_text

        heading = text.split("\n", 1)[0]
        text = f"{heading}\n\n{section_text(text, ta.section)}\n"
        parse_heading(text)
    union, employer = repo.config.parties["union"], repo.config.parties["employer"]
    history = repo.history()
    at = next((i for i, r in enumerate(history.timeline) if r is ta), None)
    holder = _holder(history, article_id, at)
    export_ta(
        [text],
        path,
        source=f"{holder.name} ({holder.session})" if holder is not None else None,
        blob=ta.blob or None,
        union=union.name,
        employer=employer.name,
        union_sign=ta.union_sign,
        employer_sign=ta.employer_sign,
        ta_date=_date(ta.date),
        team=union.name,
        section=ta.section,
    )
    return Exported(path, [article_id], f"Tentative agreement, {ta.date}")


def _chart_rows(repo: BargainingRepo) -> tuple[list[dict], dict[str, str]]:
    """The chart's lines in contract order, every cell worded here from the status rows:
    "TA'd 2024-06-11", "Open (6.3 TA'd 2024-06-11)", the last pass and its own session."""
    rows = status_rows(repo)
    data = []
    for r in rows:
        text = STATUS_WORDS[r.status]
        if r.status == "ta" and r.ta is not None:
            text = f"{text} {r.ta.date}"
        elif r.status == "open" and r.tas:
            text += " (" + "; ".join(f"{t.section} TA'd {t.date}" for t in r.tas if t.section) + ")"
        data.append(
            {
                "id": r.id,
                "number": r.number,
                "kind": r.kind,
                "keyword": r.keyword,
                "title": r.title,
                "economic": r.economic,
                "status": r.status,
                "status_text": text,
                "move": r.move,
                "last_pass": r.last_pass.name if r.last_pass else None,
                "session": r.last_pass.session if r.last_pass else None,
            }
        )
    return data, {key: party.name for key, party in repo.config.parties.items()}


def export_status_chart(repo: BargainingRepo, out: str | Path, *, as_of: str | None = None) -> Exported:
    """The members' status chart as a landscape Word table."""
    from proposals.word.status_chart import export_status

    path = _out_path(out)
    data, names = _chart_rows(repo)
    export_status(data, path, team=names["union"], as_of=_date(as_of or ""), words=STATUS_WORDS,
                  meanings=STATUS_MEANINGS, party_names=names, ordered=True)  # fmt: skip
    return Exported(path, [d["id"] for d in data], "Status of bargaining")


def export_status_sheet(repo: BargainingRepo, out: str | Path, *, as_of: str | None = None) -> Exported:
    """The same chart as an .xlsx spreadsheet."""
    from proposals.word.status_chart import export_status_xlsx

    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise ProposalsError(f"{path}: the output file must end in .xlsx")
    if path.is_dir() or not path.parent.exists():
        raise ProposalsError(f"{path.parent if not path.parent.exists() else path}: cannot write there")
    data, names = _chart_rows(repo)
    export_status_xlsx(data, path, team=names["union"], as_of=_date(as_of or ""), words=STATUS_WORDS,
                       meanings=STATUS_MEANINGS, party_names=names, ordered=True)  # fmt: skip
    return Exported(path, [d["id"] for d in data], "Status of bargaining")


def compile_contract(
    repo: BargainingRepo,
    out: str | Path,
    *,
    redline: bool = False,
    force: bool = False,
    omit_open: bool = False,
    term: str = "",
) -> Exported:
    """The successor contract in contract order: TA'd text, untouched baseline parts, and each
    part still open as a marked placeholder ("OPEN, not agreed") holding its TA'd sections.

    Open parts stop it unless `force`; `omit_open` leaves them out instead of placing them.
    A first contract (no baseline) is worded as one. A title page and a table of contents
    come first.
    """
    from proposals.contract.part import section_text
    from proposals.negotiation.rounds import agreed_parts, pending_warning
    from proposals.word.compiled_contract import ContractArticle, export_contract

    path = _out_path(out)
    baseline = repo.history().baseline
    parts = agreed_parts(repo)
    still_open = [p for p in parts if p.row.status == "open"] + [p for p in parts if p.pending]
    if still_open and not force:
        names = ", ".join(p.row.id for p in still_open[:8]) + ("..." if len(still_open) > 8 else "")
        raise ProposalsError(
            f"{len(still_open)} articles are still open ({names}); use --force to compile anyway"
        )
    articles, included, warnings = [], [], []
    today = date.today()

    def division(part_id: str) -> str:  # "PART A - GENERAL": shown above the first part under it
        return repo.config.meta(part_id).division

    for part in parts:
        row, base = part.row, part.base
        if part.pending:
            warnings.append(pending_warning(part))
        if row.status == "open":
            if omit_open:
                warnings.append(f"{row.id} is open: left out (--omit-open)")
                continue
            current = repo.table_text(row.id) or base or ""
            heading = current.split("\n", 1)[0]
            agreed = []
            for ta in row.tas:
                block = section_text(repo.text_at_commit(row.id, ta.commit) or "", ta.section or "")
                if ta.section and block is not None:
                    agreed.append(block.rstrip("\n"))
            note = f"OPEN \u2014 not agreed as of {today.isoformat()}"
            if agreed:
                done = ", ".join(f"{t.section} (TA'd {t.date})" for t in row.tas if t.section)
                note += f"; tentatively agreed sections follow: {done}"
            text = "\n\n".join([heading, *agreed]) + "\n"
            articles.append(ContractArticle(text, None, open_note=note, division=division(row.id)))
            warnings.append(
                f"{row.id} is open: a placeholder marks it" + (" with its TA'd sections" if agreed else "")
            )
        elif part.text is not None:  # TA'd; or unchanged or withdrawn: the agreement in force stands
            articles.append(ContractArticle(part.text, base if redline else None, division=division(row.id)))
        else:
            if row.status == "withdrawn":
                warnings.append(f"{row.id} was withdrawn and has no earlier text: left out")
            continue
        included.append(row.id)
    if not articles:
        raise ProposalsError("nothing to compile: no TA'd, open or baseline parts")
    union, employer = repo.config.parties["union"], repo.config.parties["employer"]
    export_contract(
        articles,
        path,
        team=union.name,
        union=union.name,
        employer=employer.name,
        compiled=today,
        changes="redline" if redline else "none",
        colour=union.colour,
        first_contract=baseline is None,
        front_matter=True,
        term=term,
    )
    return Exported(path, included, "Successor agreement", tuple(warnings))


def export_session_summary(repo: BargainingRepo, session: str, out: str | Path) -> Exported:
    """A session's summary for the team: attendance and what was passed and agreed, from the
    history. Session notes and information requests are not read into it."""
    from proposals.negotiation.sessions import package_line, session_day
    from proposals.word.session_summary import SessionSummary, export_session_summary

    path = _out_path(out)
    day = session_day(repo, session)
    names = {key: party.name for key, party in repo.config.parties.items()}
    moves = []
    for p in day.passes:
        what = ", ".join(p.articles)
        if p.withdrawn:
            what += ("; " if what else "") + "withdraws " + ", ".join(p.withdrawn)
        moves.append(f"Pass {p.name} ({names.get(p.party, p.party)}): {what}")
    for t in day.tas:
        what = f"section {t.section} of {t.article}" if t.section else t.article
        contingent = f", contingent on {t.contingent}" if t.contingent else ""
        moves.append(f"Tentative agreement on {what} ({t.union_sign} / {t.employer_sign}{contingent})")
    moves.extend(package_line(repo, e) for e in day.packages)
    moves.extend(r.line() for r in day.reopened)
    record = day.record
    summary = SessionSummary(
        day=_date(day.date),
        team=names["union"],
        place=record.place if record else "",
        start=record.start if record else "",
        end=record.end if record else "",
        attendees=[(names[k], tuple(getattr(record, k)) if record else ()) for k in ("union", "employer")],
        moves=moves,
    )
    export_session_summary(summary, path)
    return Exported(path, sorted({a for p in day.passes for a in p.articles}), f"Session {day.date}")
