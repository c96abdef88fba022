"""Mixed-case numbered headings with no Word style (issue 11): "1. Title and commencement" is a
heading by its layout alone (a short title line, then sub-clause "1.1" of the same number, the
number in sequence), as Australian, New Zealand and Irish agreements set them in text and PDF;
"1. The Employer shall..." and a numbered list inside a clause stay body text."""

from __future__ import annotations

from proposals.contract.headings import numbered_by_layout
from proposals.contract.split import Line, split_parts

AGREEMENT = """\
1. Title and commencement
1.1 This Agreement will be known as the Harbour Board Employees Collective Agreement 2024.
2. Definitions
2.1 In this Agreement "employee" means a person employed by the Board.
3. Hours of work
3.1 Ordinary hours may be worked on one of the following rosters:
1. Day shift
2. Afternoon shift
4. Redundancy
The Board will consult the Union before any redundancy.
5. Annual leave
5.1 Employees are entitled to four weeks of annual leave.
1. The Employer shall pay the leave loading in the first pay period of December.
1.1 The loading is 17.5 per cent.
"""


def test_numbered_lines_are_headings_only_where_layout_says_so() -> None:
    lines = AGREEMENT.splitlines()
    assert [lines[i] for i in sorted(numbered_by_layout(lines))] == [
        "1. Title and commencement",
        "2. Definitions",
        "3. Hours of work",
        "4. Redundancy",
        "5. Annual leave",
    ]
    split = split_parts(Line(text) for text in lines)
    assert [(p.number, p.title) for p in split.parts] == [
        ("1", "Title and commencement"),
        ("2", "Definitions"),
        ("3", "Hours of work"),
        ("4", "Redundancy"),
        ("5", "Annual leave"),
    ]
    # "4. Redundancy" has no sub-clause 4.1 under it but stands between 3 and 5; the lists and
    # the sentence stay text of their clauses
    assert split.parts[2].text.endswith("1. Day shift\n2. Afternoon shift\n")
    assert "1. The Employer shall pay" in split.parts[4].text


def test_a_numbered_list_between_headings_stays_a_list() -> None:
    lines = [
        "1. Title",
        "1.1 This Agreement is the Harbour Board Agreement.",
        "Employees may be represented by:",
        "2. Delegates",
        "3. Organisers",
        "3. Coverage",
        "3.1 This Agreement covers all employees of the Board.",
    ]
    assert sorted(numbered_by_layout(lines)) == [0, 5]


def test_mixed_case_article_lines_in_plain_text() -> None:
    text = [
        "Article 1 – Recognition",
        "1.1 The Employer recognises the Union as the sole bargaining agent.",
        "Article 2 – Hours of Work",
        "2.1 The normal work week is 37.5 hours.",
        "Article 2 of the previous agreement is repealed.",
    ]
    split = split_parts(Line(t) for t in text)
    assert [(p.number, p.title) for p in split.parts] == [("1", "Recognition"), ("2", "Hours of Work")]


def test_mixed_case_article_headings_in_a_hard_wrapped_text_without_blank_lines() -> None:
    """The Canadian corpus agreement with "Article 1 – Purpose" headings, wrapped at 75
    characters with no blank line anywhere (a PDF viewer's copy): the same parts."""
    import re
    from pathlib import Path

    from proposals.contract.plaintext import read_text_contract

    source = (Path(__file__).parent / "corpus" / "canadian.txt").read_text("utf-8")
    text = re.sub(
        r"^ARTICLE (\d+) – (.)(.*)$", lambda m: f"Article {m[1]} – {m[2]}{m[3].lower()}", source, flags=re.M
    )
    lines = [line for line in text.split("\n") if line.strip()]
    split = split_parts(read_text_contract("\n".join(lines).encode(), "agreement.txt").lines)
    assert [(p.kind, p.number, p.title) for p in split.parts][:8] == [
        ("article", "1", "Purpose"),
        ("article", "2", "Recognition"),
        ("article", "3", "Management rights"),
        ("article", "4", "Hours of work"),
        ("article", "5", "Seniority"),
        ("article", "6", "Grievance procedure"),
        ("article", "7", "Term of agreement"),
        ("appendix", "A", "WAGE RATES"),
    ]
