"""Retreat detection: a pass that takes back language the other side had already accepted.

Language is compared sentence by sentence. A sentence counts as agreed in principle when one
party introduced it in a pass (it was not on the table before) and the other side then moved to
it: a later pass of theirs holds it although their previous position on the article (their last
pass, else the contract in force) did not. A
new pass by the first party that drops or rewords such a sentence, while it is still on the table,
is a retreat: ``pass`` names it and the passes involved and proceeds only when confirmed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")
MIN_WORDS = 4  # "6.2 Medical Assistants." is a heading, not language anyone agreed to


def sentences(text: str | None) -> set[str]:
    out: set[str] = set()
    for line in (text or "").splitlines()[1:]:  # the heading line is not language
        for piece in _SENTENCE_END.split(line):
            words = piece.split()
            if len(words) >= MIN_WORDS:
                out.add(" ".join(words))
    return out


@dataclass(frozen=True, slots=True)
class Retreat:
    """A sentence a pass would take back, and the passes that proposed and accepted it."""

    article: str
    sentence: str
    proposed_in: str  # the pass that introduced it
    accepted_in: str  # the other side's pass that moved to it

    def line(self) -> str:
        shown = self.sentence if len(self.sentence) <= 90 else self.sentence[:87] + "..."
        return (
            f"{self.article}: drops {shown!r}, proposed in {self.proposed_in} and accepted by the "
            f"other side in {self.accepted_in}"
        )


def find_retreats(repo: BargainingRepo, party: str, new_texts: Mapping[str, str]) -> list[Retreat]:
    """What a pass by `party` with `new_texts` would take back of language already agreed."""
    history = repo.history()
    found: list[Retreat] = []
    for article_id, new in new_texts.items():
        count, last = history.text_passes(article_id)  # not every pass of it: the usual pass stops here
        if count < 2 or last is None:
            continue
        table = sentences(repo.text_at_commit(article_id, last.commit))
        dropped = table - sentences(new)
        if not dropped:
            continue  # the usual pass: nothing on the table is taken back, no history to read
        versions = [p for p in history.passes_for(article_id) if article_id in p.articles]
        # Every earlier version (and the baseline) in one git process, not one each.
        commits = [p.commit for p in versions] + ([history.baseline] if history.baseline else [])
        read = repo.texts_at_commits([(article_id, commit) for commit in commits])
        texts = {commit: sentences(text) for commit, text in zip(commits, read, strict=True)}
        base_text = read[-1] if history.baseline else None
        has_base = base_text is not None
        base = sentences(base_text)
        before = base
        theirs_before: set[str] | None = None  # the other side's position before each of its passes
        introduced: dict[str, str] = {}  # sentence -> the pass of `party` that introduced it
        accepted: dict[str, str] = {}
        for record in versions:
            now = texts[record.commit]
            if record.party == party:
                for s in now - before:
                    introduced.setdefault(s, record.name)
            else:
                # Their position before this pass: their last pass, else the contract in force.
                # With neither (a new article, answered for the first time) keeping our words is
                # no evidence of a move toward them.
                previous = theirs_before if theirs_before is not None else (base if has_base else None)
                if previous is not None:
                    for s in (now - previous) & set(introduced):
                        accepted.setdefault(s, record.name)
                theirs_before = now
            before = now
        for s in sorted(dropped & set(accepted)):
            found.append(Retreat(article_id, s, introduced[s], accepted[s]))
    return found


def refuse_retreats(repo: BargainingRepo, party: str, new_texts: Mapping[str, str]) -> None:
    """One line naming the first retreat (and how many more), before anything is written."""
    retreats = find_retreats(repo, party, new_texts)
    if retreats:
        more = f" (and {len(retreats) - 1} more)" if len(retreats) > 1 else ""
        raise ProposalsError(
            f"this pass retreats from agreed language: {retreats[0].line()}{more}; "
            "use --confirm to record it anyway"
        )
