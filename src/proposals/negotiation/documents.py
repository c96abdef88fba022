"""Word documents assembled from the repo: proposals, TA documents, the status chart, the contract.

docx_export.py writes .docx files from plain texts; this module decides which texts those are
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
from proposals.negotiation.history import BASELINE_TAG
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.status import status_rows

MODES = ("tracked", "redline", "clean")


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    articles: list[str]
    header: str
    warnings: tuple[str, ...] = ()


def _out_path(out: str | Path) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".docx":
        raise ProposalsError(f"{path}: the output file must end in .docx")
    if path.is_dir():
        raise ProposalsError(f"{path} is a directory")
    if not path.parent.exists():
        raise ProposalsError(f"{path.parent} does not exist")
    return path


def _date(value: str) -> date:
    return date.fromisoformat(value) if value else date.today()


def export_pass(
    repo: BargainingRepo,
    ids: Sequence[str],
    out: str | Path,
    *,
    mode: str,
    from_rev: str | None = None,
    to_rev: str = "draft",
    party: str | None = None,
) -> Exported:
    """A proposal for the table: `to_rev` redlined against `from_rev` for each article.

    Without --from, each article is compared with the other side's last pass on it, else the
    baseline, else nothing (a new article). The header names the pass `to_rev` resolves to;
    for the draft it says DRAFT and today's date.
    """
    from proposals.word.export import ArticleChange, export_proposal

    if mode not in MODES:
        raise ProposalsError(f"unknown mode {mode!r}: use tracked, redline or clean")
    if not ids:
        raise ProposalsError("name at least one article to export")
    path = _out_path(out)
    ids = [validate_id(i) for i in dict.fromkeys(ids)]
    history = repo.history()
    changes = []
    record = None
    for article_id in ids:
        resolved = repo.resolve(article_id, to_rev)
        new = repo.text_at(article_id, to_rev)
        if resolved.commit is not None:
            record = record or next((p for p in history.passes if p.commit == resolved.commit), None)
        proposer = party or (record.party if record else "union")
        repo.config.party(proposer)
        source = from_rev
        if source is None:
            other = repo.config.other(proposer)
            if history.last_pass(article_id, other) is not None:
                source = other
            elif history.baseline is not None:
                source = BASELINE_TAG
        old = repo.text_at(article_id, source) if source else ""
        changes.append(ArticleChange(old, new))
    proposer = party or (record.party if record else "union")
    who = repo.config.party(proposer)
    pass_name = record.name if record else "DRAFT"
    session = _date(record.session if record else "")
    against = from_rev or ("the other side's last pass" if mode != "clean" else None)
    export_proposal(
        changes,
        path,
        mode=mode,  # type: ignore[arg-type]
        party=who.name,
        pass_name=pass_name,
        session=session,
        colour=who.colour,
        against=against,
    )
    return Exported(path, ids, f"{who.name} proposal {pass_name}, {session.isoformat()}")


def export_ta_document(repo: BargainingRepo, article_id: str, out: str | Path) -> Exported:
    """The agreed text (as it was when TA'd) with the sign-off table for both parties."""
    from proposals.word.export import export_ta

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
    export_ta(
        [text],
        path,
        union=union.name,
        employer=employer.name,
        union_sign=ta.union_sign,
        employer_sign=ta.employer_sign,
        ta_date=_date(ta.date),
        team=union.name,
        section=ta.section,
    )
    return Exported(path, [article_id], f"Tentative agreement, {ta.date}")


def export_status_chart(repo: BargainingRepo, out: str | Path, *, as_of: str | None = None) -> Exported:
    from proposals.word.export import export_status

    path = _out_path(out)
    rows = status_rows(repo)
    data = [
        {
            "id": r.id,
            "number": r.number,
            "title": r.title,
            "economic": r.economic,
            "status": r.status,
            "move": r.move,
            "last_pass": r.last_pass.name if r.last_pass else None,
            "session": (r.ta.date if r.status == "ta" and r.ta else None)
            or (r.last_pass.session if r.last_pass else None),
        }
        for r in rows
    ]
    names = {key: party.name for key, party in repo.config.parties.items()}
    export_status(data, path, team=names["union"], as_of=_date(as_of or ""), party_names=names)
    return Exported(path, [r.id for r in rows], "Status of bargaining")


def compile_contract(
    repo: BargainingRepo, out: str | Path, *, redline: bool = False, force: bool = False
) -> Exported:
    """The successor contract: TA'd text, untouched baseline articles, nothing still open.

    Open articles stop it unless `force`; then they keep the language of the agreement in
    force (their baseline text) or, in a first contract, are left out, and each is listed.
    """
    from proposals.word.export import ContractArticle, export_contract

    path = _out_path(out)
    history = repo.history()
    baseline = history.baseline
    rows = status_rows(repo)
    still_open = [r for r in rows if r.status == "open"]
    if still_open and not force:
        names = ", ".join(r.id for r in still_open[:8]) + ("..." if len(still_open) > 8 else "")
        raise ProposalsError(
            f"{len(still_open)} articles are still open ({names}); use --force to compile anyway"
        )
    articles, included, warnings = [], [], []
    for row in rows:
        base = repo.text_at_commit(row.id, baseline) if baseline else None
        if row.status == "ta":
            text = repo.text_at(row.id, "ta")
        elif base is not None:
            text = base
            if row.status == "open":
                warnings.append(f"{row.id} is open: the agreement in force's text is used")
        else:
            if row.status == "open":
                warnings.append(f"{row.id} is open and has no earlier text: left out")
            continue
        articles.append(ContractArticle(text, base if redline else None))
        included.append(row.id)
    if not articles:
        raise ProposalsError("nothing to compile: no TA'd or baseline articles")
    union, employer = repo.config.parties["union"], repo.config.parties["employer"]
    export_contract(
        articles,
        path,
        team=union.name,
        union=union.name,
        employer=employer.name,
        compiled=date.today(),
        changes="redline" if redline else "none",
        colour=union.colour,
    )
    return Exported(path, included, "Successor agreement", tuple(warnings))
