"""A book of agreements (one per bargaining unit, each numbering its articles from 1 again):
refused naming each agreement, and ``baseline --agreement N`` imports agreement N alone, from
its own front matter to the next one's. A single misprinted number stays the old refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, git, part_files

from proposals.contract.split import Line, book_start, books, split_parts
from proposals.errors import ProposalsError
from proposals.negotiation.baseline import read_contract


def _book(unit: str, articles: list[str], appendix: str, *, contents: bool = True) -> list[str]:
    """One agreement: a title page, a contents list, a preamble, its articles from 1, an
    appendix and the signatures."""
    lines = [f"AGREEMENT BETWEEN THE CITY OF EXAMPLE AND THE {unit} UNIT", "2024 - 2027", ""]
    if contents:
        lines += ["TABLE OF CONTENTS", ""]
        lines += [f"ARTICLE {n} - {title}\t{n + 2}" for n, title in enumerate(articles, 1)]
        lines += [f"APPENDIX A - {appendix}\t9", ""]
    lines += [
        "PREAMBLE",
        "",
        f"This Agreement is made between the City of Example and the Union for the {unit.lower()} unit.",
        "",
    ]
    for n, title in enumerate(articles, 1):
        lines += [
            f"ARTICLE {n} - {title}",
            "",
            f"{n}.1 The {title.lower()} of the {unit.lower()} unit are as the parties agreed here.",
            "",
        ]
    lines += [
        f"APPENDIX A - {appendix}",
        "",
        f"| Step | {unit} rate |",
        "| --- | --- |",
        "| 1 | 20.00 |",
        "",
        "For the City: Jo Mayor",
        "For the Union: Al President",
        "",
    ]
    return lines


TEACHERS = _book("TEACHERS", ["RECOGNITION", "HOURS", "WAGES", "DURATION"], "TEACHER SALARIES")
PARAS = _book("PARAPROFESSIONALS", ["RECOGNITION", "LEAVE", "DURATION"], "PARA RATES")
SUBS = _book(
    "SUBSTITUTES", ["RECOGNITION", "DAILY RATES", "CALLS", "DURATION"], "DAILY RATES", contents=False
)


def _write(tmp_path: Path, *books_: list[str]) -> Path:
    path = tmp_path / "book.txt"
    path.write_text("\n".join(line for book in books_ for line in book) + "\n")
    return path


def test_books_found_where_the_numbering_restarts() -> None:
    split = split_parts([Line(t) for t in TEACHERS + PARAS + SUBS], front_as_preamble=True)
    found = books(split.parts)
    assert len(found) == 3
    assert [split.parts[i].title for i in found[1:]] == ["RECOGNITION", "RECOGNITION"]


def test_a_misprinted_number_is_not_a_book() -> None:
    lines = [
        "ARTICLE 1 - RECOGNITION", "1.1 The City recognizes the Union.",
        "ARTICLE 2 - RIGHTS", "2.1 The City manages.",
        "ARTICLE 18 - HOURS", "18.1 Eight hours a day.",
        "ARTICLE 18 - WAGES", "18.1 Paid biweekly.",
        "ARTICLE 19 - BENEFITS", "19.1 Health plan.",
    ]  # fmt: skip
    assert books(split_parts([Line(t) for t in lines]).parts) == []


def test_a_book_starts_at_its_own_front_matter() -> None:
    lines = [Line(t) for t in TEACHERS + PARAS]
    heading = len(TEACHERS) + PARAS.index("ARTICLE 1 - RECOGNITION")
    appendix = TEACHERS.index("APPENDIX A - TEACHER SALARIES")
    start = book_start(lines, heading, appendix)
    assert lines[start].text == PARAS[0]  # the title page, not the signatures before it
    assert book_start(
        [Line(t) for t in TEACHERS + SUBS], len(TEACHERS) + SUBS.index("ARTICLE 1 - RECOGNITION"), appendix
    ) == len(TEACHERS)


def test_no_front_matter_starts_at_the_first_article() -> None:
    bare = PARAS[PARAS.index("ARTICLE 1 - RECOGNITION") :]
    lines = [Line(t) for t in [*TEACHERS[:-3], "The rates above apply from July 1.", "", *bare]]
    heading = len(TEACHERS) - 1
    assert lines[heading].text == "ARTICLE 1 - RECOGNITION"
    assert book_start(lines, heading, TEACHERS.index("APPENDIX A - TEACHER SALARIES")) == heading


@pytest.mark.parametrize(("number", "unit", "titles"), [
    (1, "TEACHERS", ["HOURS", "WAGES"]),
    (2, "PARAPROFESSIONALS", ["LEAVE"]),
    (3, "SUBSTITUTES", ["DAILY RATES", "CALLS"]),
])  # fmt: skip
def test_one_agreement_read_alone(tmp_path: Path, number: int, unit: str, titles: list[str]) -> None:
    reading = read_contract(_write(tmp_path, TEACHERS, PARAS, SUBS), "text", agreement=number)
    kinds = [p.kind for p in reading.parts]
    assert kinds[0] == "preamble" and kinds[-1] == "appendix"
    assert f"{unit.lower()} unit" in reading.parts[0].text
    assert [p.title for p in reading.parts if p.kind == "article"][1:-1] == titles
    assert all(unit.lower() in p.text.lower() for p in reading.parts)  # nothing of another unit
    said = " ".join(reading.notes)
    assert f"agreement {number} of 3 imported" in said and "lines of the other agreements left out" in said
    if number == 2:
        assert "agreement 2 starts at its own front matter" in said


def test_two_agreements_the_second_without_contents(tmp_path: Path) -> None:
    reading = read_contract(_write(tmp_path, TEACHERS, SUBS), "text", agreement=2)
    assert [p.number for p in reading.parts if p.kind == "article"] == ["1", "2", "3", "4"]
    assert "SUBSTITUTES UNIT" in reading.parts[0].text or "substitutes unit" in reading.parts[0].text
    with pytest.raises(ProposalsError, match=r"holds 2 agreements; choose 1 to 2"):
        read_contract(_write(tmp_path, TEACHERS, SUBS), "text", agreement=3)


def test_agreement_on_one_agreement_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProposalsError, match="holds one agreement"):
        read_contract(_write(tmp_path, TEACHERS), "text", agreement=1)


@pytest.fixture
def repo(cli: CLI) -> Path:
    cli("init", "talks", "--union", "U", "--employer", "E")
    return cli.cwd / "talks"


def test_the_refusal_names_each_agreement(cli: CLI, repo: Path, tmp_path: Path) -> None:
    source = _write(tmp_path, TEACHERS, PARAS, SUBS)
    for extra in (["--dry-run"], []):
        err = cli("-C", str(repo), "baseline", "--from-text", str(source), *extra, ok=False).err
        assert "holds 3 agreements, each numbering its articles from 1" in err
        assert "1) 'RECOGNITION' ... 'DURATION' (4 articles, 1 appendix)" in err
        assert "2) 'RECOGNITION' ... 'DURATION' (3 articles, 1 appendix)" in err
        assert err.rstrip().endswith("import one with --agreement N (1 to 3)")
    assert not part_files(repo)


def test_import_one_agreement_end_to_end(cli: CLI, repo: Path, tmp_path: Path) -> None:
    source = _write(tmp_path, TEACHERS, PARAS, SUBS)
    dry = cli("-C", str(repo), "baseline", "--from-text", str(source), "--dry-run", "--agreement", "2").out
    assert "Would import 5 parts" in dry and "Note: agreement 2 of 3 imported" in dry
    assert not part_files(repo)
    done = cli("-C", str(repo), "baseline", "--from-text", str(source), "--agreement", "2")
    assert "Baseline imported: 5 parts" in done.out
    files = part_files(repo)
    assert sorted(files) == ["duration", "leave", "para-rates", "preamble", "recognition"]
    assert "paraprofessionals unit" in files["preamble"]
    assert "TEACHER" not in "".join(files.values()) and "SUBSTITUTES" not in "".join(files.values())
    assert "baseline" in git(repo, "tag")


def test_agreement_out_of_range_writes_nothing(cli: CLI, repo: Path, tmp_path: Path) -> None:
    source = _write(tmp_path, TEACHERS, PARAS)
    for extra in (["--dry-run"], []):
        err = cli(
            "-C", str(repo), "baseline", "--from-text", str(source), "--agreement", "3", *extra, ok=False
        ).err
        assert "--agreement 3:" in err and "holds 2 agreements; choose 1 to 2" in err
    assert not part_files(repo)
    assert git(repo, "tag") == ""


def test_agreement_with_as_article(cli: CLI, repo: Path, tmp_path: Path) -> None:
    source = _write(tmp_path, TEACHERS, PARAS)
    out = cli(
        "-C",
        str(repo),
        "baseline",
        "--from-text",
        str(source),
        "--as",
        "article",
        "--agreement",
        "1",
        "--dry-run",
    ).out
    assert "Would import 6 parts" in out


def test_a_misprinted_number_keeps_its_refusal(cli: CLI, repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "one.txt"
    source.write_text(
        "\n".join(
            f"ARTICLE {n} - TITLE {k}\n{n}.1 The parties agree to this text here."
            for k, n in enumerate([1, 2, 3, 18, 18, 19])
        )
        + "\n"
    )
    err = cli("-C", str(repo), "baseline", "--from-text", str(source), ok=False).err
    assert "the same number is used twice: ARTICLE 18" in err and "correct one heading in a copy" in err
    assert "agreements" not in err


def test_agreement_from_a_docx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in TEACHERS + PARAS + SUBS:
        document.add_paragraph(line)
    path = tmp_path / "book.docx"
    document.save(str(path))
    with pytest.raises(ProposalsError, match="holds 3 agreements"):
        read_contract(path, "docx")
    reading = read_contract(path, "docx", agreement=3)
    assert [p.title for p in reading.parts if p.kind == "article"] == [
        "RECOGNITION",
        "DAILY RATES",
        "CALLS",
        "DURATION",
    ]
    assert "substitutes unit" in reading.parts[0].text
