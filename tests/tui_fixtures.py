"""A small, realistic negotiation built with the real core in a tmp dir (no mocks).

Seven articles (six proposed, one untouched), a baseline, passes from both sides, a whole-article
TA, a section TA and a withdrawal, all with
fixed dates and authors so snapshots and hashes are the same on every run.
"""

from __future__ import annotations

from pathlib import Path

from proposals.negotiation.agreements import make_ta
from proposals.negotiation.baseline import import_baseline
from proposals.negotiation.config import ArticleMeta
from proposals.negotiation.passes import record_pass, withdraw
from proposals.negotiation.repo import BargainingRepo

AUTHOR = {
    "GIT_AUTHOR_NAME": "Test Team",
    "GIT_AUTHOR_EMAIL": "team@example.org",
    "GIT_COMMITTER_NAME": "Test Team",
    "GIT_COMMITTER_EMAIL": "team@example.org",
    "GIT_COMMITTER_DATE": "2025-01-01T12:00:00+0000",
    "GIT_AUTHOR_DATE": "2025-01-01T12:00:00+0000",
}

SCHEDULING_U1 = """ARTICLE 5: SCHEDULING
5.1 Schedules shall be posted at least four (4) weeks in advance of the first day of the schedule.
5.2 Clinicians shall not be scheduled for more than ten (10) patient sessions per week.

5.3 Changes to a posted schedule require the consent of the affected clinician.
5.4 The Employer shall make reasonable efforts to honor preferences for days off.
"""
SCHEDULING_E1 = """ARTICLE 5: SCHEDULING
5.1 Schedules shall be posted at least two (2) weeks in advance of the first day of the schedule.
5.2 Clinicians shall not be scheduled for more than eleven (11) patient sessions per week.

5.3 Changes to a posted schedule require notice to the affected clinician.
5.4 The Employer shall make reasonable efforts to honor preferences for days off.
"""
SCHEDULING_U2 = """ARTICLE 5: SCHEDULING
5.1 Schedules shall be posted at least three (3) weeks in advance of the first day of the schedule.
5.2 Clinicians shall not be scheduled for more than ten (10) patient sessions per week.

5.3 Changes to a posted schedule require the consent of the affected clinician, except in emergencies.
5.4 The Employer shall make reasonable efforts to honor preferences for days off.
"""
STAFFING_U1 = """ARTICLE 6: STAFFING
6.1 The Employer shall maintain staffing sufficient to provide safe patient care.
6.2 Each clinician shall be supported by at least one (1) medical assistant.

6.3 Panel sizes shall not exceed 1,500 patients for a full-time clinician.
6.4 A joint staffing committee shall meet monthly to review vacancies.
"""
STAFFING_E1 = """ARTICLE 6: STAFFING
6.1 The Employer shall determine staffing levels in its sole discretion.
6.2 Each clinician shall be supported by at least one (1) medical assistant.

6.4 A joint staffing committee shall meet quarterly to review vacancies.
6.3 Panel sizes shall not exceed 1,500 patients for a full-time clinician.
"""
MENTORSHIP_U1 = """ARTICLE 9: MENTORSHIP PROGRAM
9.1 New clinicians shall be assigned a mentor for their first twelve (12) months.
9.2 Mentors shall receive two (2) hours of protected time per month for mentoring.
"""
WAGES_U1 = """ARTICLE 20: WAGES
20.1 All clinicians shall receive a general increase of six percent (6%) on ratification.
20.2 Step increases shall be paid on each clinician's anniversary date.
"""
WAGES_E1 = """ARTICLE 20: WAGES
20.1 All clinicians shall receive a general increase of one percent (1%) on ratification.
20.2 Step increases shall be paid on each clinician's anniversary date.
"""
PARKING_U1 = """ARTICLE 31: PARKING
31.1 The Employer shall provide free parking at every clinic.
"""
BASELINE = {
    "scheduling": """ARTICLE 5: SCHEDULING
5.1 Schedules shall be posted at least two (2) weeks in advance of the first day of the schedule.
5.2 Clinicians shall not be scheduled for more than eleven (11) patient sessions per week.

5.3 Changes to a posted schedule require notice to the affected clinician.
""",
    "wages": """ARTICLE 20: WAGES
20.1 All clinicians shall receive a general increase of two percent (2%) on ratification.
20.2 Step increases shall be paid on each clinician's anniversary date.
""",
    "holidays": """ARTICLE 12: HOLIDAYS
12.1 The following are paid holidays: New Year's Day, Memorial Day, Independence Day, Labor Day,
Thanksgiving Day and Christmas Day.
""",
}
SAFETY_U1 = """ARTICLE 14: SAFETY
14.1 The Employer shall provide a safe workplace.

14.2 Clinicians may refuse unsafe assignments without reprisal.

14.3 Workplace violence incidents shall be reported to the safety committee within one week.
"""
SAFETY_E1 = """ARTICLE 14: SAFETY
14.1 The Employer shall provide a safe workplace.

14.2 Clinicians may refuse unsafe assignments without reprisal.

14.3 Workplace violence incidents shall be reported to management.
"""


def build_negotiation(path: Path) -> Path:
    """Build the repo at `path` and return it; passes run U-1 .. U-3 and E-1 .. E-2."""
    repo = BargainingRepo.init(path, "Clinicians United", "Metro Health", env=AUTHOR)
    # the app opens the repo without our env: a local identity lets its commits work anywhere
    repo.store.run("config", "user.name", AUTHOR["GIT_AUTHOR_NAME"])
    repo.store.run("config", "user.email", AUTHOR["GIT_AUTHOR_EMAIL"])
    config = repo.config
    metas = dict(config.articles)
    metas["wages"] = ArticleMeta(economic=True, priority="high")
    metas["staffing"] = ArticleMeta(priority="high")
    from dataclasses import replace

    repo.save_config(replace(config, articles=metas))
    repo.store.commit("Article metadata\n", ["bargaining.toml"])
    repo.invalidate()
    import_baseline(repo, BASELINE, "contract-2022.docx")
    record_pass(
        repo,
        "union",
        ["scheduling", "staffing", "mentorship", "wages", "parking", "safety"],
        session="2025-02-03",
        texts={
            "scheduling": SCHEDULING_U1,
            "staffing": STAFFING_U1,
            "mentorship": MENTORSHIP_U1,
            "wages": WAGES_U1,
            "parking": PARKING_U1,
            "safety": SAFETY_U1,
        },
    )
    record_pass(
        repo,
        "employer",
        ["scheduling", "staffing", "wages", "safety"],
        session="2025-02-17",
        texts={
            "scheduling": SCHEDULING_E1,
            "staffing": STAFFING_E1,
            "wages": WAGES_E1,
            "safety": SAFETY_E1,
        },
    )
    record_pass(repo, "union", ["scheduling"], session="2025-03-03", texts={"scheduling": SCHEDULING_U2})
    make_ta(repo, "mentorship", union_sign="A. Rivera", employer_sign="B. Chen", ta_date="2025-03-03")
    make_ta(
        repo, "safety", section="14.2", union_sign="A. Rivera", employer_sign="B. Chen", ta_date="2025-03-03"
    )
    withdraw(repo, "union", ["parking"], session="2025-03-17")
    return path


def sync_async_tests(namespace: dict) -> None:
    """Run this module's `async def test_*` under asyncio.run (no async pytest plugin is pinned)."""
    import asyncio
    import functools
    import inspect

    for name, fn in list(namespace.items()):
        if name.startswith("test_") and inspect.iscoroutinefunction(fn):

            def wrap(coro_fn):
                @functools.wraps(coro_fn)
                def runner(*args, **kwargs):
                    return asyncio.run(coro_fn(*args, **kwargs))

                return runner

            namespace[name] = wrap(fn)


def tui_app(path: Path, **kw):
    """The real app on `path`, on a fixed day (snapshots and pass names never depend on today)."""
    from datetime import date

    from proposals_tui.app import ProposalsApp

    kw.setdefault("today", date(2025, 4, 7))
    return ProposalsApp(path, **kw)


def quiet_app(path: Path, **kw):
    """The app with no timers of its own: autosave waits an hour, the board warms no redline."""
    kw.setdefault("autosave_delay", 3600)
    kw.setdefault("prefetch", False)
    return tui_app(path, **kw)


async def settle(pilot, rounds: int = 8) -> None:
    """Let repo and diff workers finish and their messages land."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def select(pilot, article_id: str) -> None:
    """Put the board's cursor on `article_id`."""
    from proposals_tui.screens.board import BoardScreen

    board = pilot.app.screen
    assert isinstance(board, BoardScreen)
    board.query_one("DataTable").move_cursor(row=[r.id for r in board.shown].index(article_id))
    await pilot.pause()


def their_docx(directory: Path, paragraphs: list[str]) -> Path:
    """Their pass as a plain .docx, one paragraph a line, written as employer-E2.docx in `directory`."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    source = directory / "employer-E2.docx"
    document.save(source)
    return source


async def enter_their_docx(pilot, app, docx: Path) -> None:
    """Their pass on wages, imported from a .docx through the their-pass dialog."""
    await settle(pilot)
    await select(pilot, "wages")
    await pilot.press("i")
    await settle(pilot)
    app.screen.query_one("#docx").value = str(docx)
    await pilot.press("ctrl+s")
    await settle(pilot)


def steps(*keys: str, select: str | None = None):
    """A snapshot's `run_before`: wait for the board, highlight `select`, press `keys` (waiting for
    workers after each), then clear notifications so the picture holds only the screen."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        if select is not None:
            board = pilot.app.screen
            board.query_one("DataTable").move_cursor(row=[r.id for r in board.shown].index(select))
            await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before
