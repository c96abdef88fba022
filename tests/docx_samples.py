"""Article-like texts and edit cases shared by the .docx tests (plain data, no fixtures magic)."""
# ruff: noqa: E501  (article prose is one paragraph per line, as in the real files)

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from difffix import Op, word_diff

try:  # the real engine once branch `redline` is merged; the difflib stand-in until then
    from proposals.redline import diff_text as engine_diff
except ImportError:  # pragma: no cover - depends on merge state
    engine_diff = word_diff

UNION = "Primary Care Clinicians United"
EMPLOYER = "Northfield Health System"
SESSION = date(2025, 3, 14)
COLOUR = "#1f6feb"

STAFFING = """ARTICLE 6: STAFFING

6.1 Purpose. The Employer shall maintain staffing levels adequate to provide safe, high-quality patient care in every clinic.

6.2 Panel Size. A full-time Clinician's patient panel shall not exceed 1,800 patients, prorated by FTE for part-time Clinicians.

6.3 Support Staff. Each full-time Clinician shall be supported by at least:
(a) one (1.0) FTE medical assistant;
(b) one-half (0.5) FTE registered nurse care manager;
(c) access to a clinical pharmacist.

6.4 Staffing Committee. The parties shall establish a joint Staffing Committee that meets quarterly to review vacancy, turnover and overtime data.
"""

SAFETY = """ARTICLE 14: HEALTH AND SAFETY

14.1 General. The Employer shall provide a safe and healthful workplace and comply with all applicable health and safety laws.

14.2 Workplace Violence. The Employer shall maintain a workplace violence prevention plan developed with the participation of Clinicians.

14.3 Reporting. A Clinician may report any unsafe condition without fear of reprisal.
\t(i) Reports shall be acknowledged within two (2) business days.

14.4 Equipment. The Employer shall provide personal protective equipment at no cost to the Clinician.
"""

WAGES = """ARTICLE 10: WAGES

10.1 Salary Schedule. Clinicians shall be paid in accordance with the salary schedule in Appendix A.

10.2 Extra Sessions. A Clinician who works an extra session shall be paid $650 per four-hour session.
"""


@dataclass(frozen=True)
class Case:
    """A named old → new edit with (optionally) hand-written ops, so moves are exact."""

    name: str
    old: str
    new: str
    ops: tuple[Op, ...] | None = None


def _swap_sections() -> Case:
    """6.2 moved below 6.4, with ops that mark it as one move (paragraph marks included)."""
    head, s1, s2, s3, s4 = STAFFING.rstrip("\n").split("\n\n")
    old = STAFFING
    new = "\n\n".join([head, s1, s3, s4, s2]) + "\n"
    ops = (
        Op("equal", "\n\n".join([head, s1]) + "\n\n"),
        Op("delete", s2 + "\n\n", "mv1"),
        Op("equal", "\n\n".join([s3, s4])),
        Op("insert", "\n\n" + s2, "mv1"),
        Op("equal", "\n"),
    )
    return Case("moved-paragraph", old, new, ops)


def _across_break(kind: str) -> Case:
    """Revisions of one kind ending a paragraph and starting the next, the mark between them
    unchanged: LibreOffice merges such insertions unless their times differ (see
    ``RevisionWriter.start_paragraph``). Hand-written ops pin exactly that shape."""
    head, rest = WAGES.split("Appendix A.", 1)
    short = head + "Appendix A." + rest
    long = head + "Appendix A. Retroactive to July 1" + "\nNew section text" + rest[1:]
    ops = (
        Op("equal", head + "Appendix A."),
        Op(kind, " Retroactive to July 1"),
        Op("equal", "\n"),
        Op(kind, "New section text"),
        Op("equal", rest[1:]),
    )
    old, new = (short, long) if kind == "insert" else (long, short)
    assert "".join(o.text for o in ops if o.op != "insert") == old
    assert "".join(o.text for o in ops if o.op != "delete") == new
    return Case(f"{kind}s-across-break", old, new, ops)


def cases() -> list[Case]:
    """Several real-looking edits: words, whole paragraphs in and out, a move, a split, a merge."""
    words = (
        STAFFING.replace("1,800", "1,500")
        .replace("quarterly", "monthly")
        .replace("safe, high-quality", "safe")
    )
    insert_para = STAFFING.replace(
        "\n\n6.4 ",
        "\n\n6.4 Vacancies. Vacant positions shall be posted within fourteen (14) days.\n\n6.5 ",
    )
    delete_para = SAFETY.replace(
        "14.2 Workplace Violence. The Employer shall maintain a workplace violence prevention "
        "plan developed with the participation of Clinicians.\n\n",
        "",
    )
    split = WAGES.replace("Appendix A.", "Appendix A.\nThe schedule shall be increased by 4% each July 1.")
    merge = SAFETY.replace("reprisal.\n\t(i) Reports", "reprisal. Reports")
    heading = WAGES.replace("ARTICLE 10: WAGES", "ARTICLE 11: WAGES AND SALARIES")
    return [
        Case("word-edits", STAFFING, words),
        Case("inserted-paragraph", STAFFING, insert_para),
        Case("deleted-paragraph", SAFETY, delete_para),
        Case("split-paragraph", WAGES, split),
        Case("merged-paragraphs", SAFETY, merge),
        Case("renumbered-heading", WAGES, heading),
        Case("new-article", "", WAGES),
        Case("removed-article", WAGES, ""),
        # insertions on both sides of an unchanged paragraph break (LibreOffice merges them)
        _across_break("insert"),
        _across_break("delete"),
        _swap_sections(),
        Case("engine-move", STAFFING, _swap_sections().new),
        Case("moved-and-edited", STAFFING, _swap_sections().new.replace("1,800", "1,650")),
    ]


def demo_cases(limit: int = 8) -> list[Case]:
    """Real edits: the shipped sample contract and the demo story's passes, in order.

    Each pass's edits are applied to the text on the table for that article, as the demo
    replay does; ``limit`` changed articles spread over the whole story become cases.
    """
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "articles"
    try:
        from proposals.demo.story import STORY, Propose
    except ImportError:  # pragma: no cover - the story ships with the core
        return []
    current: dict[str, str] = {}
    out: list[Case] = []
    for event in STORY:
        if not isinstance(event, Propose):
            continue
        for article_id, edits in event.articles.items():
            if article_id not in current:
                path = root / f"{article_id}.txt"
                if not path.exists():
                    break
                current[article_id] = path.read_text(encoding="utf-8")
            before = current[article_id]
            after = before
            for old, new in edits:
                after = after.replace(old, new, 1)
            current[article_id] = after
            if after != before:
                out.append(Case(f"demo-{event.session}-{event.party}-{article_id}", before, after))
    step = max(1, len(out) // limit)
    return out[::step][:limit]


def random_edit_cases(seed: int = 7, articles: int = 6, rate: float = 0.06) -> list[Case]:
    """Shipped articles with random word and paragraph edits (fixed seed): many revisions
    meeting at paragraph edges, the mix that found LibreOffice's merge of insertions."""
    import random
    from pathlib import Path

    rng = random.Random(seed)
    root = Path(__file__).resolve().parents[1] / "articles"
    # Parts holding a pipe table are left to test_docx_tables: this check reads paragraphs only.
    paths = [p for p in sorted(root.glob("*.txt")) if "\n|" not in p.read_text(encoding="utf-8")]
    paths = paths[:articles]
    vocab = ["Employer", "shall", "promptly", "each", "Clinician", "(30)", "days", "notice"]
    out = []
    for path in paths:
        old = path.read_text(encoding="utf-8")
        lines = old.rstrip("\n").split("\n")
        new_lines = [lines[0]]
        for line in lines[1:]:
            roll = rng.random()
            if roll < 0.03:
                continue
            words = []
            for word in line.split(" ") if line else []:
                r = rng.random()
                if r < rate / 2:
                    words.append(rng.choice(vocab))
                elif r < rate * 0.75:
                    continue
                elif r < rate:
                    words += [word, rng.choice(vocab)]
                else:
                    words.append(word)
            if not line and rng.random() < 0.1:
                words = [rng.choice(vocab)]
            new_lines.append(" ".join(words))
            if roll > 0.97:
                new_lines.append(" ".join(rng.choice(vocab) for _ in range(8)))
        out.append(Case(f"random-{path.stem}", old, "\n".join(new_lines) + "\n"))
    return out


def move_cases() -> list[Case]:
    """A paragraph moved, alone and with edits made on the way (the engine finds the moves).

    Each edited case changes words *inside* the moved paragraph, the change a redline must never
    hide behind "moved": no edit, an inserted word, a deleted phrase, a replaced sentence, and
    two moved paragraphs landing side by side, each edited.
    """
    head, s1, s2, s3, s4 = STAFFING.rstrip("\n").split("\n\n")

    def doc(*paragraphs: str) -> str:
        return "\n\n".join(paragraphs) + "\n"

    extra = " Panels shall be reviewed each year by the Staffing Committee."
    replaced = " No Clinician shall be assigned patients above the panel limit without consent."
    return [
        Case("move-no-edit", STAFFING, doc(head, s1, s3, s4, s2)),
        Case("move-inserted-word", STAFFING, doc(head, s1, s3, s4, s2.replace("shall not", "shall never, in any month,"))),
        Case("move-deleted-words", STAFFING, doc(head, s1, s3, s4, s2.replace(", prorated by FTE for part-time Clinicians", ""))),
        Case("move-replaced-sentence", doc(head, s1, s2 + extra, s3, s4), doc(head, s1, s3, s4, s2 + replaced)),
        Case(
            "move-beside-move",
            STAFFING,
            doc(head, s3, s4, s1.replace("every clinic", "each clinic"), s2.replace("1,800", "1,650")),
        ),
    ]


def history_texts(passes: int = 12, seed: int = 5, article: str = "staffing") -> list[str]:
    """A shipped article and ``passes`` successive edits of it (fixed seed): words replaced,
    paragraphs added and dropped, a word changed back and forth, as a long negotiation does."""
    import random
    from pathlib import Path

    rng = random.Random(seed)
    texts = [(Path(__file__).resolve().parents[1] / "articles" / f"{article}.txt").read_text(encoding="utf-8")]
    vocab = ["promptly", "each", "Employer", "(30)", "reasonable", "written"]
    for k in range(passes):
        lines = texts[-1].rstrip("\n").split("\n")
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(1, len(lines))
            words = lines[i].split(" ")
            if len(words) > 3:
                words[rng.randrange(len(words))] = rng.choice(vocab)
                lines[i] = " ".join(words)
        if k % 4 == 3:
            lines.insert(rng.randrange(1, len(lines)), f"{k}.1 New Section. The parties shall meet each quarter.")
        if k % 5 == 4 and len(lines) > 4:
            del lines[rng.randrange(2, len(lines))]
        texts.append("\n".join(lines) + "\n")
    return texts
