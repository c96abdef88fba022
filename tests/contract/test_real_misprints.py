"""What real agreements print that a clean one does not (US public-sector and entertainment
agreements, read from their PDFs):

- a contents line whose dot leaders a stray comma breaks ("NO DISCRIMINATION......., ......15")
  or that starts with the title's own full stop ("HAIR WORK. ......14"): before, read as an
  article heading, so the real article came out "twice";
- an article number misprinted in the body (ARTICLE XV again where XXV belongs): the refusal now
  says where each of the two stands, by title and the part before it, and what to do;
- appendix headings inside an article ("Schedule 1: Forensics Director" in a list of stipends
  under Article 28, a wage grid's "SCHEDULE A - 9/1/21" inside Article VIII) with the next
  article after them: before, each became an appendix that took the rest of the article with it.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, git

from proposals.contract.headings import read_heading
from proposals.contract.split import Line, split_parts, toc_entry


def test_contents_lines_with_broken_or_title_ending_leaders_are_contents() -> None:
    assert toc_entry("ARTICLE XXIV-NO DISCRIMINATION......................................., ..........15")
    assert toc_entry("ARTICLE XXI - PROSETHIC DEVICES AND EXTRAORDINARY HAIR WORK. .............14")
    assert toc_entry("ARTICLE 6 ........ 12")
    assert not toc_entry("ARTICLE 6 - STAFFING")


def _lines(text: str) -> list[Line]:
    return [Line(t) for t in text.split("\n")]


STIPENDS = """ARTICLE 27 - OTHER BENEFITS
27-1 Teachers receive the benefits set out here.
ARTICLE 28 - EXTRA DUTY COMPENSATION
28-1 Extra duty is paid by the schedules below.
Schedule 1: Forensics Director, Band Director
$2,000 a year.
Schedule 2: Head Football, Head Basketball
$3,500 a year.
28-3-2 Stipends are paid in two instalments.
ARTICLE 29 - SPECIALIZED SERVICE PROVIDERS
29-1 Specialized service providers are covered by this Agreement.
APPENDIX A - BALLOT LANGUAGE
The ballot read as follows.
"""


def test_appendix_headings_between_two_articles_are_text_of_the_first() -> None:
    split = split_parts(_lines(STIPENDS))
    assert [(p.kind, p.number) for p in split.parts] == [
        ("article", "27"), ("article", "28"), ("article", "29"), ("appendix", "A")]  # fmt: skip
    extra = split.parts[1].text
    assert "Schedule 2: Head Football, Head Basketball\n$3,500 a year.\n28-3-2 Stipends are paid" in extra
    assert any("2 appendix or letter headings between 'ARTICLE 28" in note for note in split.notes)


def test_a_letter_before_articles_numbered_again_stays_a_part() -> None:
    attached = (
        "ARTICLE 1 - RECOGNITION\nThe Employer recognizes the Union.\n"
        "ARTICLE 2 - WAGES\nWages are in Schedule A.\n"
        "LETTER OF UNDERSTANDING 1 - APPRENTICES\nThe parties agree to these terms.\n"
        "ARTICLE 1 - APPLICATION\nThis letter applies to apprentices.\n"
    )
    parts = split_parts(_lines(attached)).parts
    assert [(p.kind, p.number) for p in parts][:3] == [("article", "1"), ("article", "2"), ("letter", "1")]
    assert "LETTER" not in parts[1].text  # numbered again: not folded into the article before it


def test_a_misprinted_number_is_refused_saying_where_each_stands(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "agreement.txt"
    source.write_text(
        "ARTICLE XIV - JURY DUTY\nJury duty is paid.\n"
        "ARTICLE XV - WAGEWORKS\nThe Employer offers a flexible spending plan.\n"
        "ARTICLE XXIV - NO DISCRIMINATION\nNo one is discriminated against.\n"
        "ARTICLE XV - CHECK-OFF\nDues are deducted each week.\n"
        "ARTICLE XXVI - TRAVEL ACCIDENT INSURANCE\nTravel is insured.\n"
    )
    cli("init", "talks", "--union", "U", "--employer", "E")
    before = git(cli.cwd / "talks", "show-ref")
    err = cli("-C", "talks", "baseline", "--from-text", str(source), ok=False).err
    assert (
        "the same number is used twice: ARTICLE XV; ARTICLE XV is 'WAGEWORKS' after ARTICLE XIV and "
        "'CHECK-OFF' after ARTICLE XXIV: correct one heading in a copy, import that"
    ) in err
    assert git(cli.cwd / "talks", "show-ref") == before


COVERED = """Attachment B
SCHOOL BOARD OF
HILLSBOROUGH COUNTY
TABLE OF CONTENTS
Section
1 NEGOTIATIONS PROCEDURE
2 WORK YEAR AND HOURS
3 EXPIRATION DATE
HILLSBOROUGH CLASSROOM TEACHERS ASSOCIATION
CONTRACT
WHEREAS, both of the parties to this Agreement are desirous of reaching an amicable understanding.
1 NEGOTIATIONS PROCEDURE
1.1 This agreement is made and entered into pursuant to the statutes.
2 WORK YEAR AND HOURS
2.1 The work year is one hundred ninety-six days.
3 EXPIRATION DATE
3.1 This Agreement expires on June 30, 2016.
"""


def test_a_label_atop_the_cover_and_the_last_contents_line_are_front_matter() -> None:
    """A school board's contract that was "Attachment B" to an agenda, its contents list's last
    line followed by the title page and recitals. Before: the label made the whole contract one
    appendix (no numbered heading after an appendix is a part): 0 sections of 3."""
    split = split_parts(_lines(COVERED), front_as_preamble=True)
    assert [(p.kind, p.number, p.title) for p in split.parts] == [
        ("preamble", "", ""),
        ("article", "1", "NEGOTIATIONS PROCEDURE"),
        ("article", "2", "WORK YEAR AND HOURS"),
        ("article", "3", "EXPIRATION DATE"),
    ]
    assert "WHEREAS, both of the parties" in split.parts[0].text
    assert split.parts[3].text.endswith("3.1 This Agreement expires on June 30, 2016.\n")
    assert any("'Attachment B' stands alone above the cover page" in note for note in split.notes)


def test_as_a_style_that_finds_nothing_says_so(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "moa.txt"
    source.write_text(
        "LETTER OF AGREEMENT 1\nThe parties agree to the following terms for the life of this Agreement.\n"
        "1. Uniformity in Hair Stylist rates.\n"
    )
    cli("init", "talks", "--union", "U", "--employer", "E")
    dry = cli("-C", "talks", "baseline", "--from-text", str(source), "--dry-run", "--as", "numbered")
    assert "--as numbered: no '1. TITLE' headings found, so no numbered parts" in dry.out + dry.err
    assert "numbered parts start at" not in dry.out + dry.err


def test_an_appendix_titled_by_a_memorandum_is_one_part() -> None:
    """ "APPENDIX L" over "MEMORANDUM OF UNDERSTANDING REGARDING SPECIALISTS PREPARATION TIME":
    before, an empty appendix L and a letter of its own."""
    text = (
        "ARTICLE 27 - DURATION\nThis Agreement runs to 2010.\n"
        "APPENDIX K\nSPECIALIST PREPARATION JOINT COMMITTEE\nA committee is formed.\n"
        "APPENDIX L\nMEMORANDUM OF UNDERSTANDING REGARDING SPECIALISTS PREPARATION TIME\n"
        "The parties agree that specialists receive preparation time.\n"
    )
    parts = split_parts(_lines(text)).parts
    title = "MEMORANDUM OF UNDERSTANDING REGARDING SPECIALISTS PREPARATION TIME"
    assert [(p.kind, p.number, p.title) for p in parts] == [
        ("article", "27", "DURATION"), ("appendix", "K", "SPECIALIST PREPARATION JOINT COMMITTEE"),
        ("appendix", "L", title)]  # fmt: skip
    stored = read_heading(parts[2].text)
    assert stored is not None and (stored.kind, stored.number, stored.title) == ("appendix", "L", title)
