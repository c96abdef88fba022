"""Blame is consistent with provenance within a round (issue 17), on the demo and on random
histories: the pass provenance credits with a line's latest words is the pass blame says last
wrote the line, except where that pass only deleted words from it (provenance credits written
words, so then an earlier pass); and never a later pass than blame's."""

from __future__ import annotations

import random
from pathlib import Path

from proposals.negotiation.agreements import make_ta
from proposals.negotiation.blame import blame
from proposals.negotiation.passes import record_pass
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.rounds import close_round, open_round
from proposals.redline.provenance import provenance
from proposals.redline.textdiff import diff_text


def inserted_within(old: str, new: str, start: int, end: int) -> bool:
    """Whether the diff old -> new inserts any character of new[start:end]."""
    at = 0
    for op in diff_text(old, new):
        if op.op == "insert":
            if at < end and at + len(op.text) > start:
                return True
            at += len(op.text)
        elif op.op == "equal":
            at += len(op.text)
    return False


def disagreements(repo: BargainingRepo, part: str) -> tuple[int, list[str]]:
    """(lines compared, what disagrees) for one part's text on the table, in the current round."""
    text = repo.table_text(part)
    versions = repo.versions(part)
    if text is None or not versions or versions[-1].text != text:
        return 0, []
    current_round = repo.history().round.name if repo.history().round else "1"
    rank = {v.label: i for i, v in enumerate(versions)}
    owner = [""] * len(text)
    for span in provenance(versions):
        owner[span.start : span.end] = [span.label] * (span.end - span.start)
    compared, bad = 0, []
    start = 0
    for line in blame(repo, part):
        begin, end, start = start, start + len(line.text), start + len(line.text) + 1
        if line.last is None:
            continue
        compared += 1
        # An earlier round's line is this round's baseline text, word for word.
        last = line.last.name if line.last.round == current_round else "baseline"
        latest = max({owner[i] for i in range(begin, end)}, key=rank.__getitem__)
        if latest == last:
            continue
        before = versions[rank[last] - 1].text if rank[last] else ""
        if rank[latest] > rank[last] or inserted_within(before, versions[rank[last]].text, begin, end):
            bad.append(f"{part} line {line.number}: blame {last}, provenance {latest}: {line.text[:50]!r}")
    return compared, bad


def test_blame_and_provenance_agree_on_the_demo(tmp_path: Path, cli) -> None:
    cli("demo", str(tmp_path / "demo"))
    repo = BargainingRepo.open(tmp_path / "demo")
    total, bad = 0, []
    for part in repo.article_ids():
        compared, wrong = disagreements(repo, part)
        total, bad = total + compared, bad + wrong
    assert total > 300 and bad == []


WORDS = ["the", "employer", "shall", "provide", "each", "clinician", "with", "paid", "time",
         "for", "training", "and", "review"]


def _line(rng: random.Random, number: str) -> str:
    return f"{number} " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + "."


def _edit(rng: random.Random, text: str, fresh: list[int]) -> str:
    lines = text.rstrip("\n").split("\n")
    for _ in range(rng.randint(1, 3)):
        body = [i for i in range(1, len(lines)) if lines[i]]
        i = rng.choice(body)
        words = lines[i].split(" ")
        action = rng.choice(["replace", "replace", "drop-word", "drop-line", "add-line", "append"])
        fresh[0] += 1
        if action == "replace" and len(words) > 2:
            words[rng.randrange(1, len(words))] = f"word{fresh[0]}"
        elif action == "drop-word" and len(words) > 4:
            del words[rng.randrange(1, len(words) - 1)]
        elif action == "drop-line" and len(body) > 2:
            del lines[i]
            continue
        elif action == "add-line":
            lines.insert(i + 1, _line(rng, f"9.{fresh[0]}"))
            continue
        else:
            words.append(f"and{fresh[0]}.")
        lines[i] = " ".join(words)
    return "\n".join(lines) + "\n"


def test_blame_and_provenance_agree_on_random_histories(tmp_path: Path) -> None:
    for seed in range(3):
        rng = random.Random(seed)
        repo = BargainingRepo.init(tmp_path / f"r{seed}", "Union", "Employer")
        repo.store.run("config", "user.name", "Test")
        repo.store.run("config", "user.email", "test@example.org")
        texts = {p: "ARTICLE 9: PART\n" + "\n".join(_line(rng, f"9.{n}") for n in range(1, 7)) + "\n"
                 for p in ("alpha", "beta")}
        fresh = [100]
        day = 1
        for number in range(rng.randint(6, 10)):
            if number == 4 and seed == 1:  # a round change: blame reaches back, provenance does not
                make_ta(repo, "alpha", union_sign="U", employer_sign="E", ta_date="2025-01-20")
                make_ta(repo, "beta", union_sign="U", employer_sign="E", ta_date="2025-01-20")
                close_round(repo, "2025-02-01", name="2024")
                open_round(repo, "2027", "2027-06-30")
                day = 40  # after the ratification: a pass of the new round is dated after it
            party = "union" if number % 2 == 0 else "employer"
            texts = {p: _edit(rng, t, fresh) for p, t in texts.items()}
            record_pass(repo, party, sorted(texts), session=f"2025-{1 + day // 28:02d}-{1 + day % 28:02d}",
                        texts=dict(texts))
            day += 1
        repo = BargainingRepo.open(tmp_path / f"r{seed}")
        for part in texts:
            compared, bad = disagreements(repo, part)
            assert compared >= 5 and bad == [], (seed, bad)
