"""Build (once, cached) a long negotiation's repo: 300 parts, N passes, 75 TAs, fast.

    python bench/history_repo.py 20000

Recording 20,000 passes through the core would take hours, so the repo is written with
``git fast-import`` in the project's own commit format: the same messages, trailers, dates,
files and annotated tags that ``record_pass`` and ``make_ta`` write (the repo starts with a real
``BargainingRepo.init``). ``tests/bench/test_history_repo.py`` builds a small plan both ways and
compares every commit and tag, so the two cannot drift apart.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from corpus_contract import WORDS, contract  # noqa: E402

from proposals.contract.part import blob_hash  # noqa: E402
from proposals.negotiation.repo import BargainingRepo  # noqa: E402

CORPUS = HERE / ".corpus"
PARTS, TAS, PASSES_PER_SESSION = 300, 75, 40
UNION, EMPLOYER = "Clinicians United", "Northstar Health"
SIGNS = ("A. Union", "B. Employer")
IDENTITY = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
}


@dataclass(frozen=True, slots=True)
class Pass:
    party: str  # "union" or "employer"
    name: str
    session: str
    texts: dict[str, str]


@dataclass(frozen=True, slots=True)
class TA:
    article: str
    day: str


def plan(passes: int, parts: int = PARTS, tas: int = TAS, seed: int = 17) -> Iterator[Pass | TA]:
    """The negotiation as events: every part opened once, then small edits, TAs spread evenly.

    A TA'd part is never proposed again, as in a real round."""
    rng = random.Random(seed)
    bodies = contract(random.Random(seed + 1), parts, parts * 500)
    ids = [f"art-{n:03d}" for n in range(1, parts + 1)]
    texts = dict(zip(ids, bodies, strict=True))
    numbers = {"union": 0, "employer": 0}
    agreed: set[str] = set()
    proposed: list[str] = []
    ta_every = max(1, passes // (tas + 1)) if tas else 0
    start = date(2010, 1, 4)
    for n in range(passes):
        day = (start + timedelta(days=3 * (n // PASSES_PER_SESSION))).isoformat()
        party = "union" if n % 2 == 0 else "employer"
        numbers[party] += 1
        name = f"{'U' if party == 'union' else 'E'}-{numbers[party]}"
        if n < parts:
            chosen = ids[n]
            proposed.append(chosen)
        else:
            open_ids = [i for i in proposed if i not in agreed]
            chosen = open_ids[rng.randrange(len(open_ids))]
            texts[chosen] = _edited(texts[chosen], rng)
        yield Pass(party, name, day, {chosen: texts[chosen]})
        if ta_every and (n + 1) % ta_every == 0 and len(agreed) < tas:
            candidates = [i for i in proposed if i not in agreed and i != chosen]
            if candidates:
                article = candidates[rng.randrange(len(candidates))]
                agreed.add(article)
                yield TA(article, day)


def _edited(text: str, rng: random.Random) -> str:
    """A pass's small move: a few words changed in one paragraph (the heading line stays).

    Drawn again until the text differs: ``record_pass`` refuses an unchanged article, and a pass
    listing one it left unchanged is what ``verify`` reports."""
    lines = text.split("\n")
    body = [k for k, line in enumerate(lines) if k > 0 and line.count(" ") > 5]
    while True:
        k = body[rng.randrange(len(body))]
        words = lines[k].split(" ")
        for _ in range(rng.randint(1, 4)):
            words[rng.randrange(1, len(words))] = rng.choice(WORDS)
        edited = [*lines[:k], " ".join(words), *lines[k + 1 :]]
        if edited != lines:
            return "\n".join(edited)


# -- the project's commit format (passes.py: _commit_pass; agreements.py: make_ta) -----------------


def pass_message(party_name: str, record: Pass) -> str:
    ids = ", ".join(record.texts)
    return (
        f"{party_name} pass {record.name}: {ids}\n\n"
        f"Proposal-Party: {record.party}\nPass: {record.name}\nSession: {record.session}\n"
        f"Articles: {ids}\n"
    )


def pass_tag_message(party_name: str, record: Pass) -> str:
    ids = ", ".join(record.texts)
    return f"{party_name} proposal {record.name}, session {record.session}\n\nArticles: {ids}\n"


def ta_message(ta: TA, blob: str) -> str:
    return (
        f"Tentative agreement: {ta.article}\n\n"
        f"TA-Article: {ta.article}\nTA-Blob: {blob}\nTA-Union-Sign: {SIGNS[0]}\n"
        f"TA-Employer-Sign: {SIGNS[1]}\nTA-Date: {ta.day}\nTA-Tag: ta-{ta.article}\n"
    )


def ta_tag_message(ta: TA) -> str:
    return (
        f"Tentative agreement on {ta.article}, {ta.day}\n\n"
        f"For the union: {SIGNS[0]}\nFor the employer: {SIGNS[1]}\n"
    )


def _stamp(day: str) -> str:
    """A session's git date, as passes.session_timestamp writes it (noon UTC)."""
    epoch = (date.fromisoformat(day) - date(1970, 1, 1)).days * 86400 + 12 * 3600
    return f"{epoch} +0000"


def _data(text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"data %d\n%s" % (len(raw), raw)


def fast_import_stream(events: Iterator[Pass | TA], parent: str) -> Iterator[bytes]:
    who = f"{IDENTITY['GIT_AUTHOR_NAME']} <{IDENTITY['GIT_AUTHOR_EMAIL']}>"
    names = {"union": UNION, "employer": EMPLOYER}
    table: dict[str, str] = {}  # what each part says at the tip
    for mark, event in enumerate(events, 1):
        if isinstance(event, Pass):
            stamp = _stamp(event.session)
            out = [f"commit refs/heads/main\nmark :{mark}\n".encode()]
            out.append(f"author {who} {stamp}\ncommitter {who} {stamp}\n".encode())
            out.append(_data(pass_message(names[event.party], event)) + b"\n")
            if mark == 1:
                out.append(f"from {parent}\n".encode())
            for article_id, text in event.texts.items():
                table[article_id] = text
                out.append(f"M 100644 inline articles/{article_id}.txt\n".encode() + _data(text) + b"\n")
            out.append(f"tag {event.name}\nfrom :{mark}\ntagger {who} {stamp}\n".encode())
            out.append(_data(pass_tag_message(names[event.party], event)))
        else:
            stamp = _stamp(event.day)
            out = [f"commit refs/heads/main\nmark :{mark}\n".encode()]
            out.append(f"author {who} {stamp}\ncommitter {who} {stamp}\n".encode())
            out.append(_data(ta_message(event, blob_hash(table[event.article]))) + b"\n")
            if mark == 1:
                out.append(f"from {parent}\n".encode())
            out.append(f"tag ta-{event.article}\nfrom :{mark}\ntagger {who} {stamp}\n".encode())
            out.append(_data(ta_tag_message(event)))
        yield b"".join(out) + b"\n"


def build_into(target: Path, events: Iterator[Pass | TA]) -> Path:
    """A bargaining repo at `target` (a real init) holding `events`, written by fast-import."""
    repo = BargainingRepo.init(target, UNION, EMPLOYER, env=IDENTITY)
    parent = repo.store.head()
    env = repo.store.environment()
    proc = subprocess.Popen(
        ["git", "fast-import", "--quiet", "--done"], cwd=target, stdin=subprocess.PIPE, env=env
    )
    assert proc.stdin is not None
    for chunk in fast_import_stream(events, parent or ""):
        proc.stdin.write(chunk)
    proc.stdin.write(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "reset", "--quiet", "--hard"], cwd=target, check=True, env=env)
    subprocess.run(["git", "gc", "--quiet"], cwd=target, check=True, env=env)
    return target


def build(passes: int) -> Path:
    """The cached benchmark repo with `passes` passes (built on first use)."""
    target = CORPUS / f"history-{passes}"
    if (target / ".git" / "bench-done").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    t0 = time.perf_counter()
    build_into(target, plan(passes))
    (target / ".git" / "bench-done").write_text(f"{time.perf_counter() - t0:.1f}s\n")
    return target


if __name__ == "__main__":
    for size in sys.argv[1:] or ["800"]:
        print(build(int(size)))
