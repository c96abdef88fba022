"""Article titles printed over two lines, read whole from every form (.docx, .odt, PDF, text).

Real agreements set a heading as "ARTICLE II" / "MANAGEMENT RIGHTS AND" / "RESPONSIBILITIES"
(the title under the number, wrapped), "ARTICLE 14 – HOURS OF WORK AND" / "OVERTIME", or
"ARTICLE 4 – GRIEVANCE AND ARBITRATION" / "PROCEDURE" with the text under it in sentence case.
Before, the title ended on "AND" (or "ARBITRATION") and its last line was the article's first
paragraph. What stands under a heading and is not its title stays text: an all-caps defined
term's sentence, a first clause "6.1 PURPOSE", a sub-heading in capitals ("SICK LEAVE" under
"LEAVES", "GENERAL", "WAGE RATES" where "SHIFT PREMIUMS" follows) or "Section 1. Definitions".
The documents are synthetic, built in LibreOffice (.docx, .odt and the .docx's PDF) and as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_docs import convert, soffice
from real_docs import document, docx_and_pdf, p

from proposals.contract.split import Line, split_parts
from proposals.negotiation.baseline import read_contract

PREAMBLE = "This Agreement is made between the Northern Transit Authority and the Transit Workers Union."
EMPLOYER = "The Employer retains all rights of management not limited by the terms of this Agreement."
# a sentence long enough to wrap on the page, so that the PDF's text column shows where lines end
MORE = (
    " This applies to every employee in the bargaining unit covered by this Agreement, whatever the "
    "classification, the shift or the location at which the employee works."
)
RECOGNIZES = "The Employer recognizes the Union as the sole bargaining agent."
HOURS = "3.1 The normal work week shall be forty hours."
GRIEVANCE = "A grievance is any dispute about the meaning or application of this Agreement."
SAFE = "The Employer shall provide a safe workplace."
NIGHTS = "Employees on the night shift receive a premium of two dollars an hour."
SENIORITY = "Seniority is length of service."
PAID = "Employees shall be paid as set out in Appendix A."
COURSE = "In this Article a course is one approved by the committee."

# (heading lines as set, the text under them); the expected title and first lines follow
ARTICLES: list[tuple[list[str], list[str]]] = [
    (["ARTICLE I", "RECOGNITION"], [RECOGNIZES + MORE]),
    (["ARTICLE II", "MANAGEMENT RIGHTS AND", "RESPONSIBILITIES"], [EMPLOYER + MORE]),
    (["ARTICLE III – HOURS OF WORK AND", "OVERTIME"], [HOURS + MORE]),
    (["ARTICLE IV – GRIEVANCE AND ARBITRATION", "PROCEDURE"], [GRIEVANCE + MORE]),
    (["ARTICLE V – DEFINITIONS AND INTERPRETATION"],
     ["EMPLOYEE MEANS ANY PERSON IN THE UNIT.", "Other words have their ordinary meaning." + MORE]),
    (["ARTICLE VI – SENIORITY AND LAYOFF PROCEDURES"], ["6.1 PURPOSE", SENIORITY + MORE]),
    (["ARTICLE VII – LEAVES"], ["SICK LEAVE", "Employees accrue one day of sick leave each month." + MORE]),
    (["ARTICLE VIII – HEALTH AND SAFETY PROVISIONS"], ["GENERAL", SAFE + MORE]),
    (["ARTICLE IX – COMPENSATION AND BENEFITS"],
     ["WAGE RATES", PAID + MORE, "SHIFT PREMIUMS", NIGHTS + MORE]),
    (["ARTICLE X – PROFESSIONAL DEVELOPMENT FUNDS"], ["Section 1. Definitions", COURSE + MORE]),
]  # fmt: skip

TITLES = [
    "RECOGNITION",
    "MANAGEMENT RIGHTS AND RESPONSIBILITIES",
    "HOURS OF WORK AND OVERTIME",
    "GRIEVANCE AND ARBITRATION PROCEDURE",
    "DEFINITIONS AND INTERPRETATION",
    "SENIORITY AND LAYOFF PROCEDURES",
    "LEAVES",
    "HEALTH AND SAFETY PROVISIONS",
    "COMPENSATION AND BENEFITS",
    "PROFESSIONAL DEVELOPMENT FUNDS",
]
# each article's first two lines as stored (blank lines aside): the heading (its title whole), then its text
HEADS = [
    ["ARTICLE I", "RECOGNITION"],
    ["ARTICLE II", "MANAGEMENT RIGHTS AND RESPONSIBILITIES"],
    ["ARTICLE III – HOURS OF WORK AND OVERTIME", HOURS + MORE],
    ["ARTICLE IV – GRIEVANCE AND ARBITRATION PROCEDURE", GRIEVANCE + MORE],
    ["ARTICLE V – DEFINITIONS AND INTERPRETATION", "EMPLOYEE MEANS ANY PERSON IN THE UNIT."],
    ["ARTICLE VI – SENIORITY AND LAYOFF PROCEDURES", "6.1 PURPOSE"],
    ["ARTICLE VII – LEAVES", "SICK LEAVE"],
    ["ARTICLE VIII – HEALTH AND SAFETY PROVISIONS", "GENERAL"],
    ["ARTICLE IX – COMPENSATION AND BENEFITS", "WAGE RATES"],
    ["ARTICLE X – PROFESSIONAL DEVELOPMENT FUNDS", "Section 1. Definitions"],
]


def _broken(lines: list[str]) -> str:
    """One bold paragraph in several lines (manual line breaks, as a typed heading has them)."""
    return '<text:p text:style-name="Bold">' + "<text:line-break/>".join(lines) + "</text:p>"


def _sub_heading(line: str) -> bool:
    return line.isupper() and len(line.split()) < 3


def _document(broken: bool) -> str:
    """Each heading line a bold paragraph of its own, or (``broken``) one paragraph of lines."""
    body = p("COLLECTIVE AGREEMENT", "Title") + p(PREAMBLE)
    for heading, text in ARTICLES:
        body += _broken(heading) if broken else "".join(p(line, "Bold") for line in heading)
        body += "".join(p(line, "Bold" if _sub_heading(line) else "Standard") for line in text)
    return document(body, header="")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the .docx, .odt and PDF are made by it")
    out = tmp_path_factory.mktemp("two-line-titles")
    made = docx_and_pdf({"paragraphs": _document(False), "broken": _document(True)}, out)
    for odt in convert([out / "paragraphs.fodt", out / "broken.fodt"], "odt", out):
        made[odt.name] = odt
    return made


def _check(parts: list) -> None:  # type: ignore[type-arg]
    articles = [part for part in parts if part.kind == "article"]
    assert [part.title for part in articles] == TITLES
    assert [[line for line in part.text.split("\n") if line][:2] for part in articles] == HEADS


@pytest.mark.parametrize(
    "name", ["paragraphs.docx", "paragraphs.odt", "paragraphs.pdf", "broken.docx", "broken.odt", "broken.pdf"]
)
def test_a_title_over_two_lines_is_read_whole_and_the_text_under_a_heading_stays_text(
    files: dict[str, Path], name: str
) -> None:
    form = "pdf" if name.endswith(".pdf") else "docx"
    _check(read_contract(files[name], form).parts)


def test_a_title_over_two_lines_in_a_text_file(tmp_path: Path) -> None:
    source = tmp_path / "contract.txt"
    blocks = ["COLLECTIVE AGREEMENT", PREAMBLE]
    for heading, text in ARTICLES:
        blocks.append("\n".join(heading))
        blocks.extend(text)
    source.write_text("\n\n".join(blocks) + "\n", "utf-8")
    _check(read_contract(source, "text").parts)
    # the same lines with no blank line between them (as a PDF's paragraphs reach the splitter)
    source.write_text("\n".join(blocks) + "\n", "utf-8")
    _check(read_contract(source, "text").parts)


def _titles(*lines: str) -> list[str]:
    parts = split_parts([Line(line) for line in lines]).parts
    return [part.title for part in parts if part.kind == "article"]


def test_what_carries_a_title_on_and_what_does_not() -> None:
    """A title line ending on "&", "/" or a comma goes on; a title in capitals does not take a
    line set in capitals under it when the text under that is in capitals too, nor a line with a
    number or a sentence in it, nor a third line unless a word carries it on again."""
    text = "Employees shall be paid as set out in the schedule."
    assert _titles(
        "ARTICLE 1 – SAFETY &", "HEALTH", text, "ARTICLE 2 – SICK LEAVE/", "FAMILY LEAVE", text
    ) == [
        "SAFETY & HEALTH",
        "SICK LEAVE/ FAMILY LEAVE",
    ]
    committee = ["JOINT LABOR MANAGEMENT COMMITTEE FOR THE", "ADMINISTRATION OF THE", "AGREEMENT"]
    assert _titles("ARTICLE 3", *committee, text) == [" ".join(committee)]
    # the text under the capitals line is capitals too: no wrap to tell from a sub-heading
    assert _titles("ARTICLE 4 – GRIEVANCE AND ARBITRATION", "PROCEDURE", "STEP ONE GRIEVANCES", text) == [
        "GRIEVANCE AND ARBITRATION"]  # fmt: skip
    # a number, a sentence, a heading of its own: never the title's end
    assert _titles("ARTICLE 5 – HOURS OF WORK AND", "2024 SCHEDULES.", text) == ["HOURS OF WORK AND"]
    assert _titles("ARTICLE 6 – WAGES AND BENEFITS FOR ALL", "ARTICLE 7 – OVERTIME", text) == [
        "WAGES AND BENEFITS FOR ALL", "OVERTIME"]  # fmt: skip
    # one line taken for want of room, never a second one when nothing carries the title on
    assert _titles("ARTICLE 8 – GRIEVANCE AND ARBITRATION", "PROCEDURE", "STEPS", text) == [
        "GRIEVANCE AND ARBITRATION"]  # fmt: skip
