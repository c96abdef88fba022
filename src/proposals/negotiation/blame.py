"""Blame across rounds: for each line of a part, who last wrote it and who first proposed it.

In an arbitration the bargaining history of a clause is evidence: which round and which pass put
the words in dispute on the table, and which party. Every version of the part, from the first
round's baseline through each pass of every round, is read in one ``cat-file --batch``; a line is
credited to the pass where it last appeared anew and to the pass that first proposed it.
"""

from __future__ import annotations

from dataclasses import dataclass

from proposals.contract.part import decode_article, validate_id
from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo


@dataclass(frozen=True, slots=True)
class Origin:
    round: str
    name: str  # the pass, or "baseline"
    party: str  # "" for the baseline
    session: str

    @property
    def label(self) -> str:
        return f"{self.round}/{self.name}"

    def as_json(self) -> dict:
        return {"round": self.round, "pass": self.name, "party": self.party, "session": self.session}


@dataclass(frozen=True, slots=True)
class BlameLine:
    number: int
    text: str
    last: Origin | None  # None: a blank line, or text no recorded version holds
    first: Origin | None

    def as_json(self) -> dict:
        return {
            "line": self.number,
            "text": self.text,
            "last": self.last.as_json() if self.last else None,
            "first": self.first.as_json() if self.first else None,
        }


def versions(repo: BargainingRepo, article_id: str) -> list[tuple[Origin, str]]:
    """(origin, text) of every version of a part on the table, oldest first, across rounds."""
    full = repo.full_history()
    rounds = full.all_rounds()
    shown = repo.history().round  # an earlier round (``--round``) is blamed as it ended
    if shown is not None:
        rounds = rounds[: next(i for i, r in enumerate(rounds) if r is shown) + 1]
    wanted: list[tuple[Origin, str]] = []
    if rounds[0].baseline:
        wanted.append((Origin(rounds[0].name, "baseline", "", ""), rounds[0].baseline))
    for chosen in rounds:
        for record in full.in_round(chosen).passes_for(article_id):
            if article_id in record.articles:
                wanted.append((Origin(chosen.name, record.name, record.party, record.session), record.commit))
    path = repo.article_relpath(article_id)
    blobs = repo.store.read_blobs([(commit, path) for _, commit in wanted])
    return [
        (origin, decode_article(data, f"{path} at {origin.label}"))
        for (origin, _), data in zip(wanted, blobs, strict=True)
        if data is not None
    ]


def blame(repo: BargainingRepo, article_id: str) -> list[BlameLine]:
    """Each line of the part as last recorded (HEAD), with its last and first origins."""
    validate_id(article_id)
    current = repo.table_text(article_id)
    if current is None:
        full = repo.full_history()
        was = [r.name for r in full.all_rounds() if full.in_round(r).passes_for(article_id)]
        if was and full.rounds:
            raise ProposalsError(
                f"{article_id} is not in this round's text; it was on the table in round {was[-1]}: "
                f"proposals blame {article_id} --round {was[-1]}"
            )
        raise ProposalsError(f"no part {article_id} in the recorded history")
    last: dict[str, Origin] = {}
    first: dict[str, Origin] = {}
    previous: set[str] = set()
    for origin, text in versions(repo, article_id):
        lines = set(text.splitlines())
        for line in lines - previous:
            last[line] = origin
            first.setdefault(line, origin)
        previous = lines
    out = []
    for number, line in enumerate(current.splitlines(), 1):
        if not line.strip():
            out.append(BlameLine(number, line, None, None))
        else:
            out.append(BlameLine(number, line, last.get(line), first.get(line)))
    return out
