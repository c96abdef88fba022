"""Build (once, cached) the 60-article / ~150k-word / 800-pass / 40-session benchmark repo.

Passes go through the real core (record_pass, make_ta), so the repo is exactly what a team
would have after a long negotiation.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from corpus_contract import contract, edit  # noqa: E402

from proposals.negotiation.agreements import make_ta  # noqa: E402
from proposals.negotiation.passes import record_pass  # noqa: E402
from proposals.negotiation.repo import BargainingRepo  # noqa: E402

CACHE = HERE / ".corpus" / "status-repo"
PASSES, SESSIONS, ARTICLES = 800, 40, 60


def edited(text: str, rng: random.Random) -> str:
    """About 1% of the words changed; the heading line stays (a pass needs it)."""
    heading, body = text.split("\n", 1)
    return heading + "\n" + edit(rng, body, 0.01)


def build(target: Path = CACHE) -> Path:
    if (target / ".done").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    env = {
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    os.environ.update(env)
    repo = BargainingRepo.init(target, "Clinicians United", "Northstar Health")
    rng = random.Random(11)
    bodies = contract(random.Random(7), ARTICLES, 150_000)
    texts = {f"art-{n:02d}": body for n, body in enumerate(bodies, 1)}
    ids = list(texts)
    start = date(2024, 2, 1)
    per_session = PASSES // SESSIONS
    done = 0
    agreed: set[str] = set()
    t0 = time.perf_counter()
    for session in range(SESSIONS):
        day = (start + timedelta(days=12 * session)).isoformat()
        for n in range(per_session):
            party = "union" if (session + n) % 2 == 0 else "employer"
            open_ids = [i for i in ids if i not in agreed]
            chosen = [open_ids[(session * per_session + n) % len(open_ids)]]
            if done < ARTICLES:  # openers: every article proposed once first
                chosen = [ids[done]]
            new = {i: (texts[i] if done < ARTICLES else edited(texts[i], rng)) for i in chosen}
            texts.update(new)
            record_pass(repo, party, chosen, session=day, texts=new)
            done += 1
        if session % 8 == 7:
            make_ta(repo, ids[session], union_sign="A", employer_sign="B", ta_date=day)
            agreed.add(ids[session])
    repo.store.run("gc", "--quiet")
    (target / ".done").write_text(f"{done} passes in {time.perf_counter() - t0:.1f}s\n")
    return target


if __name__ == "__main__":
    print(build())
