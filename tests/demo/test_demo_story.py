"""The shipped sample contract and the demo story, checked in pure Python (no git).

The story in proposals.demo.story is replayed over articles/<id>.txt exactly as `proposals demo`
replays it: each Propose applies its (old, new) edits, in order, to the text currently on the
table. Every intermediate text must still follow the article file format.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from proposals.contract.part import parse_heading
from proposals.demo import story as demo_story
from proposals.demo.story import STORY, TA, Propose, Withdraw

ARTICLES_DIR = Path(__file__).resolve().parents[2] / "articles"

HEADING_RE = re.compile(r"^ARTICLE (\d+): (.+)$")
SECTION_RE = re.compile(r"^(\d+)\.(\d+) ([A-Z][A-Za-z0-9 ,'/()-]*)\. \S")
NUMBERED_RE = re.compile(r"^\d+\.\d+ ")
LETTER_RE = re.compile(r"^\(([a-z])\) \S")
SALARY_RE = re.compile(r"^\(([a-z])\) ([A-Za-z ]+), Step (\d+): \$(\d{1,3}(?:,\d{3})*\.\d{2})$")

# The shipped order of the contract: article n is ORDER[n - 1].
ORDER = [
    "recognition",
    "definitions",
    "management-rights",
    "union-rights",
    "scheduling",
    "staffing",
    "admin-time",
    "workload",
    "pto",
    "wages",
    "benefits",
    "safety",
    "mentorship",
    "lmc",
    "discipline",
    "grievance",
    "no-strike",
    "duration",
    "parking",
]
LONG = {"wages", "staffing", "pto", "grievance"}
SHORT = {"no-strike", "duration"}
PARTIES = {"union", "employer"}
WHOLE_TAS = {"scheduling", "mentorship", "lmc", "discipline", "safety"}
STILL_OPEN = {"staffing", "admin-time", "pto", "wages"}
# The parts that are not articles, each under the grammar's heading for its kind.
OTHER_PARTS = {"preamble": "preamble", "appendix-a": "appendix", "telehealth-letter": "letter"}


def words(text: str) -> int:
    return len(text.split())


def load_shipped() -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(ARTICLES_DIR.glob("*.txt")):
        texts[path.stem] = path.read_bytes().decode("utf-8")
    return texts


SHIPPED = load_shipped()


def blocks(text: str) -> list[list[str]]:
    """The article's sections (heading excluded) as lists of lines."""
    body = text.split("\n\n", 1)[1]
    return [block.split("\n") for block in body.rstrip("\n").split("\n\n")]


def section_block(text: str, number: str) -> str | None:
    for block in blocks(text):
        if block[0].startswith(number + " "):
            return "\n".join(block)
    return None


def format_problems(text: str) -> list[str]:
    """Every way `text` breaks the article file format; empty when it is well formed."""
    problems: list[str] = []
    if "\r" in text:
        problems.append("CR characters (line endings must be LF)")
    if not text.endswith("\n") or text.endswith("\n\n"):
        problems.append("must end with exactly one newline")
    if "\n\n\n" in text:
        problems.append("two blank lines in a row")
    if "\t" in text:
        problems.append("tab character")
    lines = text.rstrip("\n").split("\n")
    for i, line in enumerate(lines, 1):
        if line != line.strip():
            problems.append(f"line {i}: leading or trailing whitespace")
    if parse_heading(text).kind in OTHER_PARTS.values():
        return problems  # a preamble, appendix or letter: no article number or sections
    heading = HEADING_RE.match(lines[0])
    if heading is None:
        return [*problems, f"bad heading line: {lines[0]!r}"]
    number, title = int(heading.group(1)), heading.group(2)
    if title != title.upper():
        problems.append(f"title not in capitals: {title!r}")
    if len(lines) < 3 or lines[1] != "":
        return [*problems, "heading must be followed by one blank line and a section"]
    for k, block in enumerate(blocks(text), 1):
        match = SECTION_RE.match(block[0])
        if match is None:
            start = block[0][:60]
            problems.append(f"section {k} does not start '{number}.{k} Caption. ...': {start!r}")
            continue
        if (int(match.group(1)), int(match.group(2))) != (number, k):
            problems.append(f"section {match.group(1)}.{match.group(2)} should be {number}.{k}")
        letters = [m.group(1) for line in block[1:] if (m := LETTER_RE.match(line))]
        expected = [chr(ord("a") + i) for i in range(len(letters))]
        if letters != expected:
            problems.append(f"section {number}.{k}: lettered items {letters} are not (a), (b), ...")
        for line in block[1:]:
            if NUMBERED_RE.match(line):
                problems.append(f"section {number}.{k}: numbered line inside it: {line[:40]!r}")
            if line == "":
                problems.append(f"section {number}.{k}: empty line")
    return problems


def salaries(text: str) -> dict[str, float]:
    """The salary table of the wages article: '<class>, Step <n>' -> annual salary."""
    table: dict[str, float] = {}
    for line in text.split("\n"):
        if m := SALARY_RE.match(line):
            table[f"{m.group(2)}, Step {m.group(3)}"] = float(m.group(4).replace(",", ""))
    return table


@dataclass
class Step:
    """One event of the story and the table before and after it."""

    index: int
    event: Propose | Withdraw | TA
    before: dict[str, str]
    after: dict[str, str]


@dataclass
class Replay:
    steps: list[Step] = field(default_factory=list)
    final: dict[str, str] = field(default_factory=dict)
    passes: dict[str, list[Propose]] = field(default_factory=dict)
    whole_ta: dict[str, int] = field(default_factory=dict)  # id -> index of its TA
    section_ta: dict[tuple[str, str], int] = field(default_factory=dict)
    withdrawn: dict[str, int] = field(default_factory=dict)


def apply_edit(text: str, old: str, new: str, where: str) -> str:
    count = text.count(old)
    assert old, f"{where}: empty `old`"
    assert count == 1, f"{where}: `old` occurs {count} times, not once: {old[:80]!r}"
    return text.replace(old, new, 1)


@functools.cache
def replay() -> Replay:
    """Replay STORY over the shipped articles, asserting every edit applies exactly once."""
    table = dict(SHIPPED)
    result = Replay()
    for index, event in enumerate(STORY):
        before = dict(table)
        if isinstance(event, Propose):
            for article, edits in event.articles.items():
                assert article in table, f"event {index}: no file articles/{article}.txt"
                if not edits:
                    assert article not in result.passes, (
                        f"event {index}: empty edit list on {article}, already on the table"
                    )
                text = table[article]
                for n, (old, new) in enumerate(edits):
                    where = f"event {index} ({event.session} {event.party}) {article} edit {n}"
                    text = apply_edit(text, old, new, where)
                table[article] = text
                result.passes.setdefault(article, []).append(event)
        result.steps.append(Step(index, event, before, dict(table)))
    result.final = table
    for step in result.steps:
        event = step.event
        if isinstance(event, TA):
            if event.section is None:
                result.whole_ta[event.article] = step.index
            else:
                result.section_ta[(event.article, event.section)] = step.index
        elif isinstance(event, Withdraw):
            for article in event.articles:
                result.withdrawn[article] = step.index
    return result


def touched(event: Propose | Withdraw | TA) -> list[str]:
    if isinstance(event, Propose):
        return list(event.articles)
    if isinstance(event, Withdraw):
        return list(event.articles)
    return []


# --- the shipped articles -------------------------------------------------------------------


def test_shipped_ids_are_the_contract_in_order() -> None:
    assert sorted(SHIPPED) == sorted(ORDER + list(OTHER_PARTS))
    for part, kind in OTHER_PARTS.items():
        assert parse_heading(SHIPPED[part]).kind == kind, part
    for n, article in enumerate(ORDER, 1):
        heading = HEADING_RE.match(SHIPPED[article].split("\n", 1)[0])
        assert heading is not None, article
        assert int(heading.group(1)) == n, f"{article} is article {heading.group(1)}, not {n}"


@pytest.mark.parametrize("article", ORDER)
def test_shipped_file_format(article: str) -> None:
    raw = (ARTICLES_DIR / f"{article}.txt").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    raw.decode("utf-8")  # strict
    assert format_problems(SHIPPED[article]) == []


@pytest.mark.parametrize("article", ORDER)
def test_shipped_word_counts(article: str) -> None:
    count = words(SHIPPED[article])
    assert 300 <= count <= 3000, count
    if article in LONG:
        assert count >= 1500, f"{article} should be one of the long articles ({count} words)"
    if article in SHORT:
        assert count <= 500, f"{article} should be short ({count} words)"


def test_shipped_total_length() -> None:
    total = sum(words(text) for text in SHIPPED.values())
    assert 20_000 <= total <= 28_000, total


def test_cross_references_name_real_articles() -> None:
    titles = {
        int(m.group(1)): m.group(2)
        for text in SHIPPED.values()
        if (m := HEADING_RE.match(text.split("\n", 1)[0]))
    }
    refs = [
        (article, int(n), name)
        for article, text in SHIPPED.items()
        for n, name in re.findall(r"Article (\d+) \(([^)]+)\)", text)
    ]
    assert len(refs) >= 20
    for article, n, name in refs:
        assert n in titles, f"{article} refers to a missing Article {n}"
        assert titles[n].replace(" AND ", " and ").lower() == name.lower(), (
            f"{article}: 'Article {n} ({name})' but article {n} is {titles[n]!r}"
        )


def test_wage_schedule_is_a_real_table() -> None:
    table = salaries(SHIPPED["wages"])
    assert len(table) == 24
    for cls in ("Physician", "Nurse Practitioner", "Physician Assistant"):
        steps = [table[f"{cls}, Step {n}"] for n in range(1, 9)]
        assert steps == sorted(steps) and len(set(steps)) == 8, cls


# --- the story's shape ----------------------------------------------------------------------


def test_names_and_signatories() -> None:
    for name in (demo_story.UNION_NAME, demo_story.EMPLOYER_NAME):
        assert name and "..." not in name
    tas = [event for event in STORY if isinstance(event, TA)]
    assert len({ta.union_sign for ta in tas}) == 1
    assert len({ta.employer_sign for ta in tas}) == 1
    assert tas[0].union_sign != tas[0].employer_sign


def test_every_id_has_a_file() -> None:
    ids = {article for event in STORY for article in touched(event)}
    ids |= {event.article for event in STORY if isinstance(event, TA)}
    for article in ids | set(demo_story.ARTICLE_META) | set(demo_story.NOTES):
        assert (ARTICLES_DIR / f"{article}.txt").is_file(), article
    assert set(demo_story.ARTICLE_META) == set(SHIPPED)
    assert set(demo_story.NOTES) <= set(SHIPPED)


def test_article_meta_values() -> None:
    for article, meta in demo_story.ARTICLE_META.items():
        assert set(meta) - {"kind", "expires"} == {"economic", "priority"}, article
        assert isinstance(meta["economic"], bool), article
        assert meta["priority"] in {"high", "medium", "low"}, article
    assert demo_story.ARTICLE_META["wages"]["economic"] is True
    assert demo_story.ARTICLE_META["recognition"]["economic"] is False


def test_notes_are_markdown() -> None:
    for article, note in demo_story.NOTES.items():
        assert note.startswith("# "), article
        assert note.endswith("\n") and not note.endswith("\n\n"), article


def test_sessions_ascend_within_the_bargaining_period() -> None:
    dates = [dt.date.fromisoformat(event.session) for event in STORY]
    assert dates == sorted(dates)
    assert dt.date(2024, 2, 1) <= dates[0] and dates[-1] <= dt.date(2025, 6, 30)
    assert dates[0].strftime("%Y-%m") == "2024-02"
    assert dates[-1].strftime("%Y-%m") == "2025-06"
    for event in STORY:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", event.session), event.session
    assert 10 <= len(set(dates)) <= 14


def test_parties_and_messages() -> None:
    for event in STORY:
        if isinstance(event, Propose | Withdraw):
            assert event.party in PARTIES, event
            assert event.message, event
        if isinstance(event, Propose | Withdraw):
            assert touched(event), event


def test_no_party_passes_an_article_twice_in_a_session() -> None:
    seen = Counter(
        (event.session, event.party, article)
        for event in STORY
        if isinstance(event, Propose)
        for article in event.articles
    )
    assert [key for key, n in seen.items() if n > 1] == []


def test_openers() -> None:
    first = STORY[0]
    assert isinstance(first, Propose) and first.party == "union"
    assert len(first.articles) >= 15
    assert all(edits == [] for edits in first.articles.values())
    for article in ("management-rights", "no-strike"):
        opener = replay().passes[article][0]
        assert opener.party == "employer" and opener.articles[article] == []
    assert set(replay().passes) == set(SHIPPED), "every article goes across the table"


# --- replaying the story --------------------------------------------------------------------


def test_every_edit_applies_exactly_once() -> None:
    # replay() asserts it; this re-checks it independently of the helper's bookkeeping.
    table = dict(SHIPPED)
    for event in STORY:
        if isinstance(event, Propose):
            for article, edits in event.articles.items():
                for old, new in edits:
                    assert table[article].count(old) == 1, (event.session, article, old[:60])
                    assert old != new
                    table[article] = table[article].replace(old, new)
    assert table == replay().final


def test_every_pass_changes_every_article_it_lists() -> None:
    seen: set[str] = set()
    for step in replay().steps:
        if isinstance(step.event, Propose):
            for article in step.event.articles:
                if article in seen:
                    assert step.before[article] != step.after[article], (
                        f"{step.event.session} {step.event.party} re-proposes {article} unchanged"
                    )
                seen.add(article)


def test_every_text_on_the_table_is_well_formed() -> None:
    for step in replay().steps:
        if isinstance(step.event, Propose):
            for article in step.event.articles:
                text = step.after[article]
                where = f"{step.event.session} {step.event.party} {article}"
                assert format_problems(text) == [], where
                assert 300 <= words(text) <= 3000 or article in OTHER_PARTS, where
                assert text.split("\n", 1)[0] == SHIPPED[article].split("\n", 1)[0], where


def test_nothing_moves_after_a_whole_article_ta_or_withdrawal() -> None:
    for article, at in {**replay().whole_ta, **replay().withdrawn}.items():
        for step in replay().steps[at + 1 :]:
            assert article not in touched(step.event), (article, step.event.session)
            if isinstance(step.event, TA):
                assert step.event.article != article


def test_ta_text_never_changes_afterwards() -> None:
    for article, at in replay().whole_ta.items():
        agreed = replay().steps[at].after[article]
        for step in replay().steps[at:]:
            assert step.after[article] == agreed, (article, step.event.session)


def test_section_ta_block_never_changes_afterwards() -> None:
    assert len(replay().section_ta) == 1
    for (article, section), at in replay().section_ta.items():
        assert article not in replay().whole_ta
        agreed = section_block(replay().steps[at].after[article], section)
        assert agreed is not None, f"{article} has no section {section} when it is TA'd"
        for step in replay().steps[at:]:
            assert section_block(step.after[article], section) == agreed, step.event.session
        later = [step for step in replay().steps[at + 1 :] if article in touched(step.event)]
        assert later, "the rest of the article stays in play after the section TA"


def test_tas_follow_passes_on_the_table() -> None:
    for step in replay().steps:
        event = step.event
        if isinstance(event, TA):
            passes = [
                s
                for s in replay().steps[: step.index]
                if isinstance(s.event, Propose) and event.article in s.event.articles
            ]
            assert len(passes) >= 3, f"{event.article} TA'd after only {len(passes)} passes"
            assert {s.event.party for s in passes} == PARTIES
            assert event.article not in {a for a, i in replay().withdrawn.items() if i < step.index}


def test_final_state() -> None:
    assert set(replay().whole_ta) == WHOLE_TAS
    assert [article for article, _ in replay().section_ta] == ["staffing"]
    assert len(replay().withdrawn) == 1
    closed = set(replay().whole_ta) | set(replay().withdrawn)
    assert STILL_OPEN.isdisjoint(closed)
    last_movers = {article: replay().passes[article][-1].party for article in STILL_OPEN}
    assert set(last_movers.values()) == PARTIES, last_movers
    withdrawn = next(iter(replay().withdrawn))
    withdraw = STORY[replay().withdrawn[withdrawn]]
    assert isinstance(withdraw, Withdraw)
    opener = replay().passes[withdrawn][0]
    assert opener.party == withdraw.party, "a party withdraws its own proposal"


def test_employer_refuses_to_move() -> None:
    """Some article gets two union passes in a row with no employer pass between them."""
    refusals = [
        article
        for article, passes in replay().passes.items()
        if any(a.party == b.party == "union" for a, b in itertools.pairwise(passes))
    ]
    assert refusals


def test_employer_wage_proposal_cuts_pay() -> None:
    cuts = []
    for step in replay().steps:
        event = step.event
        if isinstance(event, Propose) and event.party == "employer" and "wages" in event.articles:
            old, new = salaries(step.before["wages"]), salaries(step.after["wages"])
            assert set(old) == set(new)
            if all(new[key] < old[key] for key in old):
                cuts.append(event.session)
    assert cuts, "one employer wage counter must lower every salary on the table"


def test_a_paragraph_moves_within_an_article() -> None:
    def section_of(text: str) -> dict[str, str]:
        where: dict[str, str] = {}
        for block in blocks(text):
            for line in block:
                where[line] = block[0].split(" ", 1)[0]
        return where

    moves = []
    for step in replay().steps:
        if isinstance(step.event, Propose):
            for article in step.event.articles:
                old, new = section_of(step.before[article]), section_of(step.after[article])
                moves += [
                    (article, line)
                    for line, section in old.items()
                    if len(line) > 40 and line in new and new[line] != section
                ]
    assert moves


def test_edit_kinds_are_varied() -> None:
    deleted_items = inserted_sentences = changed_numbers = 0
    for event in STORY:
        if isinstance(event, Propose):
            for edits in event.articles.values():
                for old, new in edits:
                    deleted_items += len(re.findall(r"\n\([a-z]\) ", old)) > len(
                        re.findall(r"\n\([a-z]\) ", new)
                    )
                    inserted_sentences += new.startswith(old) and new.count(". ") > old.count(". ")
                    changed_numbers += re.findall(r"\d", old) != re.findall(r"\d", new)
    assert deleted_items >= 3
    assert inserted_sentences >= 1
    assert changed_numbers >= 30
