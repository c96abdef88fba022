"""Taking in the other side's .docx as their pass, and catching edits they did not announce.

Their document is read with tracked changes accepted (their proposal). When it carries tracked
changes, the rejected view is the text they claim to have started from: wherever that differs
from what is actually on the table, they changed something without marking it. Without tracked
changes, any changed article missing from the list they announced (`announced`) is flagged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from proposals.contract.part import comparable, normalise_text
from proposals.errors import ProposalsError
from proposals.negotiation.passes import PASS_NAME_RE, PassResult, record_pass
from proposals.negotiation.repo import BargainingRepo
from proposals.store.validate import check_pattern, check_text, date_or_today


@dataclass
class Intake:
    result: PassResult | None
    new_ids: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unannounced: dict[str, str] = field(default_factory=dict)  # id -> why it is flagged
    matched: dict[str, str] = field(default_factory=dict)  # id -> "ARTICLE n: TITLE" in their file


def _words_changed(old: str, new: str) -> int:
    from proposals.redline import diff_text

    return sum(len(op.text.split()) for op in diff_text(old, new, moves=False) if op.op != "equal")


def import_docx_pass(
    repo: BargainingRepo,
    path: str | Path,
    party: str,
    *,
    session: str | None = None,
    number: str | None = None,
    announced: Sequence[str] | None = None,
) -> Intake:
    from proposals.word.reader import match_articles, read_docx, slug

    repo.config.party(party)
    source = Path(path)
    # Checked before anything is read or written: the name goes into the pass message.
    check_text(source.name, "the file name", fix="rename the file without it")
    session = date_or_today(session, "session date")
    if number is not None:
        check_pattern(number, PASS_NAME_RE, "pass number", "use something like U-7")
    if not source.is_file():
        raise ProposalsError(f"no such file: {source}")
    accepted = read_docx(source, "accepted")
    if not accepted.articles:
        raise ProposalsError(f"{source.name}: no article headings like 'ARTICLE 6: STAFFING' found")
    known = {}
    for article_id in repo.article_ids():
        text = repo.table_text(article_id) or repo.read_draft(article_id)
        if text is not None:
            known[article_id] = text
    # What their tracked changes start from, matched to our parts on its own: a heading they
    # retitled or renumbered by a tracked change is still ours in the rejected view.
    rejected = read_docx(source, "rejected") if accepted.has_revisions else None
    claimed = {
        i: a.text for a, i in (match_articles(rejected.articles, known) if rejected else []) if i is not None
    }
    intake = Intake(None)
    texts: dict[str, str] = {}
    for article, article_id in match_articles(accepted.articles, known):
        if article_id is None:
            article_id = slug(article.title, article.number)
            n = 1
            while article_id in known or article_id in texts:
                n += 1
                article_id = f"{slug(article.title, article.number)}-{n}"
            intake.new_ids.append(article_id)
        intake.matched[article_id] = article.text.split("\n", 1)[0]
        table = repo.table_text(article_id)
        new = normalise_text(article.text)
        if table is not None and comparable(table) == comparable(new):
            intake.unchanged.append(article_id)
            continue
        texts[article_id] = new
        base = claimed.get(article_id)
        if table is not None and base is not None and comparable(base) != comparable(table):
            words = _words_changed(comparable(table), comparable(base))
            what = f"{words} words differ" if words else "the paragraphs are divided differently"
            intake.unannounced[article_id] = (
                f"{what} between the text on the table and the text their tracked changes start from"
            )
        elif announced is not None and article_id not in announced:
            intake.unannounced[article_id] = "changed, but not in the list of articles they announced"
    if not texts:
        raise ProposalsError(f"{source.name}: no article differs from the text on the table")
    intake.result = record_pass(
        repo,
        party,
        list(texts),
        session=session,
        number=number,
        message=f"Imported from {source.name}",
        texts=texts,
    )
    return intake
