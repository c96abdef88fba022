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
from proposals.negotiation.packages import packages, record_package, reject_package
from proposals.negotiation.passes import record_pass, withdraw
from proposals.negotiation.repo import BargainingRepo
from proposals.negotiation.sessions import (
    add_note,
    answer_request,
    close_session,
    request_information,
    start_session,
)

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
        article_id: ArticleMeta(
            economic=bool(meta.get("economic")),
            priority=str(meta.get("priority", "")),
            kind=str(meta.get("kind", "")),
            expires=str(meta.get("expires", "")),
        )
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
    current = ""
    for event in story.STORY:
        repo.store.set_environment(demo_env(event.session))
        if event.session != current:
            if current:
                _close_session(repo, story, current)
            current = event.session
            _open_session(repo, story, current)
        if isinstance(event, story.Propose):
            texts = {}
            for article_id, edits in event.articles.items():
                start = on_table.get(article_id)
                if start is None:
                    start = normalise_text((source / f"{article_id}.txt").read_text("utf-8"))
                texts[article_id] = apply_edits(start, edits, f"{event.session} {article_id}")
            economics.write_pass_terms(repo.root, event.session, event.party)
            options = dict(session=event.session, message=event.message, texts=texts)
            if event.package:
                record_package(repo, event.party, list(texts), title=event.package, **options)
            else:
                record_pass(repo, event.party, list(texts), **options)
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
    _close_session(repo, story, current)
    save_roster(repo, economics.demo_roster())  # private: .git/proposals/, never committed
    repo.store.housekeep()
    return repo


def _open_session(repo: BargainingRepo, story, day: str) -> None:
    """The team's record of the day: opened before its passes, so they join it."""
    record = story.SESSIONS[day]
    union, employer = story.SESSION_TEAMS
    start_session(
        repo, day, place=record["place"], union=", ".join(union), employer=", ".join(employer),
        start=record["start"],
    )  # fmt: skip
    for n, (_, _, _, answered, how) in enumerate(story.REQUESTS, 1):
        if answered == day:
            answer_request(repo, f"R-{n}", note=how, on=day)
    asked, rejected = story.PACKAGE_REJECTED
    if day == rejected:
        package = next(p for p in packages(repo.history()) if p.session == asked)
        reject_package(repo, package.id, session=day)


def _close_session(repo: BargainingRepo, story, day: str) -> None:
    record = story.SESSIONS[day]
    for time, text in record["notes"]:
        add_note(repo, text, session=day, time=time)
    for asked, item, due, _, _ in story.REQUESTS:
        if asked == day:
            request_information(repo, item, due=due, session=day)
    close_session(repo, session=day, end=record["end"])
