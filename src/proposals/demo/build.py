"""``proposals demo``: a believable bargaining repo, built deterministically from articles/.

The shipped sample contract is replayed through the story in story.py (openers, counters,
TAs, a withdrawal) with fixed authors and dates, so every run gives the same commits.
"""

from __future__ import annotations

from pathlib import Path

from proposals.contract.part import normalise_text
from proposals.errors import ProposalsError
from proposals.negotiation.agreements import make_ta
from proposals.negotiation.config import ArticleMeta, Config
from proposals.negotiation.passes import record_pass, withdraw
from proposals.negotiation.repo import BargainingRepo

DEMO_AUTHOR = {"name": "Bargaining Team", "email": "team@clinicians-united.example"}


def sample_dir() -> Path:
    """The sample contract: packaged beside the code when installed, else the source tree's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_articles", here.parents[2] / "articles"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise ProposalsError("the sample contract (articles/) is not installed with proposals")


def demo_env(session: str) -> dict[str, str]:
    stamp = f"{session}T12:00:00+0000"
    return {
        "GIT_AUTHOR_NAME": DEMO_AUTHOR["name"],
        "GIT_AUTHOR_EMAIL": DEMO_AUTHOR["email"],
        "GIT_COMMITTER_NAME": DEMO_AUTHOR["name"],
        "GIT_COMMITTER_EMAIL": DEMO_AUTHOR["email"],
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_DATE": stamp,
    }


def apply_edits(text: str, edits: list[tuple[str, str]], where: str) -> str:
    for old, new in edits:
        if text.count(old) != 1:
            raise ProposalsError(f"demo story: {where}: {old[:40]!r} occurs {text.count(old)} times")
        text = text.replace(old, new)
    return text


def build_demo(target: Path | str) -> BargainingRepo:
    from proposals.costing.compare import save_roster
    from proposals.demo import economics, story

    source = sample_dir()
    first = story.STORY[0].session
    repo = BargainingRepo.init(target, story.UNION_NAME, story.EMPLOYER_NAME, env=demo_env(first))
    articles = {
        article_id: ArticleMeta(economic=bool(meta.get("economic")), priority=str(meta.get("priority", "")))
        for article_id, meta in story.ARTICLE_META.items()
    }
    repo.save_config(Config(repo.config.parties, articles))
    for article_id, note in story.NOTES.items():
        repo.write_notes(article_id, note)
    costing_files = economics.write_status_quo(repo.root)
    repo.store.commit(
        "Team notes, article settings and the costing status quo\n",
        ["bargaining.toml", *(f"notes/{i}.md" for i in story.NOTES), *costing_files],
    )
    on_table: dict[str, str] = {}
    for event in story.STORY:
        repo.store._env.update(demo_env(event.session))
        if isinstance(event, story.Propose):
            texts = {}
            for article_id, edits in event.articles.items():
                start = on_table.get(article_id)
                if start is None:
                    start = normalise_text((source / f"{article_id}.txt").read_text("utf-8"))
                texts[article_id] = apply_edits(start, edits, f"{event.session} {article_id}")
            economics.write_pass_terms(repo.root, event.session, event.party)
            record_pass(
                repo,
                event.party,
                list(texts),
                session=event.session,
                message=event.message,
                texts=texts,
            )
            on_table.update(texts)
        elif isinstance(event, story.Withdraw):
            withdraw(repo, event.party, event.articles, session=event.session, message=event.message)
        elif isinstance(event, story.TA):
            make_ta(
                repo,
                event.article,
                union_sign=event.union_sign,
                employer_sign=event.employer_sign,
                ta_date=event.session,
                section=event.section,
            )
    save_roster(repo, economics.demo_roster())  # private: .git/proposals/, never committed
    repo.store.run("gc", "--quiet", "--auto")
    return repo
