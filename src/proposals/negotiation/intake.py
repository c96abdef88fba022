"""Taking in the other side's pass (.docx or .odt, PDF or text), and catching edits they did not announce.

Their document is read with tracked changes accepted (their proposal). When it carries tracked
changes, the rejected view is the text they claim to have started from: wherever that differs
from what is actually on the table, they changed something without marking it. Without tracked
changes (always so for a PDF or a text file), any changed article missing from the list they
announced (`announced`) is flagged. Every form is cut into parts by the same
:func:`proposals.contract.split.split_parts` and goes through the same checks and the same
:func:`record_pass`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from proposals.contract.headings import detect_style
from proposals.contract.matching import match_parts, splits_and_merges
from proposals.contract.part import comparable, normalise_text, removed_note, slug_id
from proposals.contract.split import PartLike, duplicate_numbers, split_parts, where_twice
from proposals.errors import ProposalsError
from proposals.negotiation.baseline import check_part_size, no_headings_message, read_whole_file
from proposals.negotiation.history import PASS_NAME_RE, T_WITHDRAWN, PassRecord, current_tas
from proposals.negotiation.passes import MAX_PASS_ARTICLES, PassResult, record_pass
from proposals.negotiation.repo import BargainingRepo
from proposals.store.validate import check_pattern, check_text, date_or_today


@dataclass
class Intake:
    result: PassResult | None
    new_ids: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    unannounced: dict[str, str] = field(default_factory=dict)  # id -> why it is flagged
    matched: dict[str, str] = field(default_factory=dict)  # id -> "ARTICLE n: TITLE" in their file
    how: dict[str, str] = field(default_factory=dict)  # id -> "title", "number" or "text" when not both
    shapes: dict[str, str] = field(default_factory=dict)  # id -> "split from staffing", "merges x"
    merged: dict[str, str] = field(default_factory=dict)  # our id withdrawn by their merger -> into
    notes: list[str] = field(default_factory=list)  # found in their file but not imported (footnotes)


def _words_changed(old: str, new: str) -> int:
    from proposals.redline import diff_text

    return sum(len(op.text.split()) for op in diff_text(old, new, moves=False) if op.op != "equal")


PASS_FORMS = (".docx", ".odt", ".fodt", ".pdf", ".txt")

# A paragraph's own number, which Word's automatic numbering recounts when paragraphs move:
# "ARTICLE 12 –", "12.1", "(a)" (a heading keeps its title).
_LABEL = re.compile(
    r"^(?:(?:ARTICLE|Article)\s+[0-9IVXLC]+[A-Z]?\s*[:.\u2013\u2014-]?\s*|\d+(?:\.\d+)+\.?\s+|\([a-z]{1,3}\)\s+)"
)


def _paragraphs(text: str) -> list[str]:
    return [_LABEL.sub("", line) for line in comparable(text).split("\n") if line]


class _Unclaimed:
    """Edits they did not mark: paragraphs on the table that their tracked changes start from
    nowhere in the document, and the reverse, compared label-free, wherever they stand.

    Their starting text, compared article by article, can differ from ours where they did
    nothing unmarked: LibreOffice's Compare Documents puts a deleted heading (their merge) at
    the end of the document, so the rejected view has the merged article's paragraphs under
    the wrong heading and every later article renumbered. Only a paragraph on one side and
    nowhere on the other is an edit. Each is put to one article: a changed paragraph (paired
    with the most alike one left over on our side) to the article of theirs that holds it, an
    added one to theirs, a dropped one to ours."""

    def __init__(
        self,
        ours: dict[str, str],
        theirs: Sequence[tuple[str | None, str]],
        reshaped: Sequence[set[str]] = (),
    ) -> None:
        on_table = Counter(p for text in ours.values() for p in _paragraphs(text))
        claimed = Counter(p for _, text in theirs for p in _paragraphs(text))
        self._moved(ours, theirs, on_table, claimed, reshaped)
        self.groups: dict[str, tuple[list[str], list[str]]] = {}
        mine = self._left([(k, t) for k, t in ours.items()], on_table - claimed)
        their = self._left(list(theirs), claimed - on_table)
        paired: set[int] = set()
        for article_id, paragraph in their:
            best, score = None, 0.5
            if len(mine) * len(their) <= 10_000:
                for j, (_, candidate) in enumerate(mine):
                    if j not in paired:
                        ratio = SequenceMatcher(None, candidate, paragraph, autojunk=False).ratio()
                        if ratio >= score:
                            best, score = j, ratio
            if best is not None:
                paired.add(best)
                self._group(article_id or mine[best][0])[0].append(mine[best][1])
            if article_id is not None:
                self._group(article_id)[1].append(paragraph)
        for j, (article_id, paragraph) in enumerate(mine):
            if j not in paired and article_id is not None:
                self._group(article_id)[0].append(paragraph)

    def _moved(
        self,
        ours: dict[str, str],
        theirs: Sequence[tuple[str | None, str]],
        on_table: Counter[str],
        claimed: Counter[str],
        reshaped: Sequence[set[str]],
    ) -> None:
        """A paragraph their starting text puts under another of our articles than the table
        does, unchanged, is a move they did not mark, unless both articles are in one split or
        merge of theirs (LibreOffice's compare misplaces a merge's deleted heading, so the merged
        article's paragraphs start under the one it merges into). A move to or from an article
        they split or merged, from or to any other, is still reported."""
        self.moves: dict[str, list[tuple[str, str]]] = {}  # our id -> (from, paragraph) moved in
        owners: dict[str, set[str]] = {}
        for article_id, text in ours.items():
            for paragraph in _paragraphs(text):
                owners.setdefault(paragraph, set()).add(article_id)
        for article_id, text in theirs:
            if article_id is None:
                continue
            for paragraph in _paragraphs(text):
                where = owners.get(paragraph)
                if not paragraph or where is None or article_id in where:
                    continue
                if any(article_id in group and where & group for group in reshaped):
                    continue  # their split or merge, as LibreOffice's compare lays it out
                if on_table[paragraph] != claimed[paragraph]:
                    continue  # also edited somewhere: the edit is reported below
                self.moves.setdefault(article_id, []).append((sorted(where)[0], paragraph))

    @staticmethod
    def _left(texts: list[tuple[str | None, str]], left: Counter[str]) -> list[tuple[str | None, str]]:
        out = []
        for article_id, text in texts:
            for paragraph in _paragraphs(text):
                if left[paragraph] > 0:
                    left[paragraph] -= 1
                    out.append((article_id, paragraph))
        return out

    def _group(self, article_id: str) -> tuple[list[str], list[str]]:
        return self.groups.setdefault(article_id, ([], []))

    def words(self, article_id: str) -> int | None:
        """Words that differ in this article's unmarked edits; None when it has none."""
        group = self.groups.get(article_id)
        if group is None:
            return None
        return _words_changed("\n".join(group[0]), "\n".join(group[1]))


def _reshaped(matches: Sequence, shapes: dict[int, str]) -> list[set[str]]:
    """Our ids in each split or merge of theirs: the articles split or merged from, and the one
    kept."""
    out: list[set[str]] = []
    for index, note in shapes.items():
        ids = note.partition(" from ")[2] if note.startswith("split") else note.partition(" ")[2]
        group = {i.strip() for i in ids.split(",") if i.strip()}
        if matches[index].part_id:
            group.add(matches[index].part_id)
        out.append(group)
    return out


def _moved_words(moves: Sequence[tuple[str, str]]) -> str:
    """'1 paragraph moved here from recognition without a tracked change: "Exclusions. …"'."""
    count = len(moves)
    sources = ", ".join(sorted({source for source, _ in moves}))
    quoted = "; ".join(f'"{_quote(paragraph)}"' for _, paragraph in moves[:3])
    more = f" and {count - 3} more" if count > 3 else ""
    return (
        f"{count} paragraph{'s' if count > 1 else ''} moved here from {sources} without a tracked "
        f"change: {quoted}{more}"
    )


def _quote(paragraph: str, limit: int = 80) -> str:
    """The paragraph, shortened, with any control or bidi character shown as '?'."""
    text = "".join(c if c.isprintable() else "?" for c in paragraph)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table_texts(repo: BargainingRepo) -> dict[str, str]:
    """Every part's text on the table (HEAD), read in one ``git cat-file --batch``: a document of
    2,000 parts is not 2,000 git processes (one each took 13 s)."""
    head = repo.history().head
    if not head:
        return {}
    ids = repo.article_ids()
    texts = repo.texts_at_commits([(i, head) for i in ids])
    return {i: t for i, t in zip(ids, texts, strict=True) if t is not None}


@dataclass
class _Theirs:
    """Their document as read: its parts as proposed, the parts their tracked changes start from
    (None without tracked changes), notes on what was found but not imported, and the text
    before their first heading (a title line; never part of the pass)."""

    parts: list[PartLike]
    rejected: list[PartLike] | None
    notes: list[str]
    front: str


def _read_their_parts(source: Path, *, titled: bool = False) -> _Theirs:
    """Their document, read by the reader its suffix names. ``titled``: part titles with no
    number over numbered clauses are read as articles (``split_parts``)."""
    suffix = source.suffix.lower()
    if suffix in (".docx", ".odt", ".fodt"):  # the .docx reader hands ODF to word.opendocument
        from proposals.word.reader import read_docx

        accepted = read_docx(source, "accepted", titled=titled)
        rejected = read_docx(source, "rejected", titled=titled).articles if accepted.has_revisions else None
        return _Theirs(list(accepted.articles), rejected, list(accepted.notes), accepted.preamble)
    if suffix == ".pdf":
        from proposals.contract.pdf import read_pdf

        unwrapped = read_pdf(source).unwrapped
    elif suffix == ".txt":
        from proposals.contract.plaintext import read_text_contract

        unwrapped = read_text_contract(read_whole_file(source), source.name)
    else:
        raise ProposalsError(
            f"{source.name}: not a .docx, .odt, .pdf or .txt file; save their pass as one of those"
        )
    split = split_parts(unwrapped.lines, titled=titled)
    return _Theirs(list(split.parts), None, unwrapped.notes(), split.front)


def _titled(source: Path, theirs: _Theirs) -> _Theirs:
    """Their document with no part heading read again for titles with no number over numbered
    clauses ("RECOGNITION" over 1.01: a contract ``baseline --as titled`` imported), each as the
    article its clauses number, with a note that says so; as it was when it holds none."""
    again = _read_their_parts(source, titled=True)
    articles = [p for p in again.parts if p.kind == "article"]
    if not articles:
        return theirs
    first = articles[0]
    count = len(articles)
    again.notes.append(
        f"{count} part title{'s' if count != 1 else ''} with no number read as the article "
        f"{'their' if count != 1 else 'its'} clauses number ({first.title!r} as article {first.number})"
    )
    return again


def _front_note(front: str) -> str | None:
    """What their document holds before its first heading, said rather than dropped unseen."""
    paragraphs = [line for line in front.split("\n") if line.strip()]
    if not paragraphs:
        return None
    quoted = ", ".join(f"'{_quote(p, 60)}'" for p in paragraphs[:2])
    more = f" and {len(paragraphs) - 2} more" if len(paragraphs) > 2 else ""
    count = f"{len(paragraphs)} paragraph{'s' if len(paragraphs) != 1 else ''}"
    return f"{count} before their first heading, not imported: {quoted}{more}"


def _formatting_only(notes: list[str]) -> str:
    """What a pass that changes no text holds when the reader counted tracked formatting changes
    in it (its note, in the reader's own words), for the error that says nothing was recorded."""
    from proposals.word.reader import FOUND_LABELS  # only on this error: the reader's vocabulary

    label = " " + FOUND_LABELS["formatting changes"]
    counts = [note.removesuffix(label) for note in notes if note.endswith(label)]
    return f" (it holds {counts[0]} tracked formatting changes: proposals records text)" if counts else ""


def import_docx_pass(
    repo: BargainingRepo,
    path: str | Path,
    party: str,
    *,
    session: str | None = None,
    number: str | None = None,
    announced: Sequence[str] | None = None,
    reopen: bool = False,
    dry_run: bool = False,
) -> Intake:
    """Record their document as their pass: every part read and checked, and matched to ours,
    before anything is written; the pass then recorded all or nothing. ``reopen``: record it
    even where it changes TA'd text (refused otherwise, in one line). ``dry_run``: every read
    and check, the pass it would be, and nothing written (the team looks before it records)."""
    repo.config.party(party)
    repo.ensure_can_record()  # a detached HEAD, a merge under way: refused before reading their file
    source = Path(path)
    # Checked before anything is read or written: the name goes into the pass message.
    check_text(source.name, "the file name", fix="rename the file without it")
    session = date_or_today(session, "session date")
    if number is not None:
        check_pattern(number, PASS_NAME_RE, "pass number", "use something like U-7")
    if not source.is_file():
        raise ProposalsError(f"no such file: {source}")
    theirs = _read_their_parts(source)
    if not any(p.kind == "article" for p in theirs.parts):  # their articles in the front matter?
        theirs = _titled(source, theirs)
    articles, rejected = theirs.parts, theirs.rejected
    if not articles:
        lines = theirs.front.split("\n")
        style = detect_style((line, False) for line in lines)
        raise ProposalsError(no_headings_message(Path(source.name), lines, style, option=""))
    twice = duplicate_numbers(articles)
    if twice:
        raise ProposalsError(
            f"{source.name}: the same number is used twice: {', '.join(twice)}; {where_twice(articles)}: "
            "correct one heading in a copy, import that"
        )
    for article in articles:
        check_part_size(source.name, article.text)
    notes = theirs.notes
    front = _front_note(theirs.front)
    if front is not None:
        notes.append(front)
    tables = _table_texts(repo)
    known = {}
    for article_id in repo.article_ids():
        text = tables.get(article_id) or repo.read_draft(article_id)
        if text is not None:
            known[article_id] = text
    # What their tracked changes start from, matched to our parts on its own: a heading they
    # retitled or renumbered by a tracked change is still ours in the rejected view.
    claimed = {}
    starts: list[tuple[str | None, str]] = []
    if rejected is not None:
        for article, found in zip(rejected, match_parts(rejected, known), strict=True):
            if found.part_id is not None:
                claimed[found.part_id] = article.text
            starts.append((found.part_id, article.text))
    on_table = {k: t for k in known if (t := tables.get(k)) is not None}
    intake = Intake(None, notes=notes)
    texts: dict[str, str] = {}
    matches = match_parts(articles, known)
    shapes = splits_and_merges(articles, matches, known)
    reshaped = _reshaped(matches, shapes)
    unclaimed = _Unclaimed(on_table, starts, reshaped) if rejected is not None else None
    ids: dict[int, str] = {}
    shown: dict[str, str] = {}
    for index, (article, found) in enumerate(zip(articles, matches, strict=True)):
        article_id = found.part_id
        if article_id is None:
            base = slug_id(article.kind, article.number, article.title)
            article_id, n = base, 1
            while article_id in known or article_id in texts or article_id in intake.matched:
                n += 1
                article_id = f"{base}-{n}"
            intake.new_ids.append(article_id)
        elif found.how != "number and title":
            intake.how[article_id] = found.how
        intake.matched[article_id] = article.text.split("\n", 1)[0]
        ids[index] = article_id
        if article.division:  # the division line above it in their document
            shown[article_id] = article.division
        if index in shapes:
            intake.shapes[article_id] = shapes[index]
        table = tables.get(article_id)
        new = normalise_text(article.text)
        note = removed_note(article.text, article_id)
        if note:
            intake.notes.append(note)
        if table is not None and comparable(table) == comparable(new):
            intake.unchanged.append(article_id)
            continue
        texts[article_id] = new
        base = claimed.get(article_id)
        if unclaimed and table is not None and base is not None and comparable(base) != comparable(table):
            words = unclaimed.words(article_id)
            moved = unclaimed.moves.get(article_id, [])
            if words is None and not moved:
                continue  # the same paragraphs, numbered otherwise or misplaced by their split or merge
            why = []
            if words is not None:
                plural = f"{words} word differs" if words == 1 else f"{words} words differ"
                what = plural if words else "the paragraphs are divided differently"
                why.append(
                    f"{what} between the text on the table and the text their tracked changes start from"
                )
            if moved:
                why.append(_moved_words(moved))
            intake.unannounced[article_id] = "; ".join(why)
        elif announced is not None and article_id not in announced:
            if table is not None and _paragraphs(table) == _paragraphs(new):
                continue  # renumbered only (their split or merge recounts what follows): said above
            words = _words_changed(comparable(table or ""), comparable(new))
            intake.unannounced[article_id] = (
                f"{words} words changed, but it is not in the list of articles they announced"
            )
    if not texts:
        raise ProposalsError(
            f"{source.name}: no article differs from the text on the table{_formatting_only(intake.notes)}"
        )
    if len(texts) > MAX_PASS_ARTICLES:
        raise ProposalsError(
            f"{source.name}: {len(texts)} parts differ from the text on the table; a pass holds at "
            f"most {MAX_PASS_ARTICLES} (is this their whole contract rather than a pass?)"
        )
    _withdrawn_by_merger(repo, intake, shapes, ids, tables)
    message = f"Imported from {source.name}"
    if intake.merged:
        message += "\n\n" + "\n".join(
            f"{gone} is withdrawn: merged into {into}" for gone, into in intake.merged.items()
        )
    intake.result = record_pass(
        repo,
        party,
        list(texts),
        session=session,
        number=number,
        message=message,
        texts=texts,
        trailers=[(T_WITHDRAWN, ", ".join(intake.merged))] if intake.merged else (),
        reopen=reopen,
        untouched_until_recorded=True,
        divisions=shown,
        dry_run=dry_run,
    )
    intake.result.withdrawn = list(intake.merged)
    return intake


def _withdrawn_by_merger(
    repo: BargainingRepo,
    intake: Intake,
    shapes: dict[int, str],
    ids: dict[int, str],
    tables: dict[str, str],
) -> None:
    """Our articles their document merges into another and no longer has: withdrawn in their
    pass (``intake.merged``), so the team sees them leave the table rather than stay open with
    their old text. One already withdrawn is left so; a TA'd one stays agreed, with a note."""
    history = repo.history()
    for index, note in shapes.items():
        if not note.startswith("merges "):
            continue
        into = ids[index]
        for gone in (i.strip() for i in note[len("merges ") :].split(",")):
            if not gone or gone in intake.matched or gone not in tables:
                continue
            events = history.events.get(gone, [])
            last = events[-1] if events else None
            if isinstance(last, PassRecord) and gone in last.withdrawn:
                continue
            if any(ta.section is None for ta in current_tas(history, gone)):
                intake.notes.append(f"{into} merges {gone}, which is TA'd: it stays agreed, not withdrawn")
                continue
            intake.merged[gone] = into
