"""A Government of Canada agreement as its web page copies to text (issue 11's variety): "Article
1: purpose of agreement" in sentence case after a colon, "Part I: general" divisions, "**" before
the headings changed since the last agreement, a contents list with no page numbers (a title
wrapped onto a second line, the appendices' titles on the lines under them), and an appendix
quoting the article it archives ("Article 14: severance pay" again) before the next appendix.

Before: no article was found ("Article 1: purpose of agreement" read as a sentence), then the
contents list was read as parts: "the same number is used twice", the whole contract refused.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CLI, imported

AGREEMENT = """Treasury Board of Canada Secretariat
Agreement Between the Treasury Board and the Federal Government Dockyard Council
Table of contents
Article 1: purpose of agreement
Article 2: conflict between future legislation and the collective
agreement
**Article 13: other types of leave with or without pay
Article 14: severance pay
Appendix "A"
Memorandum of agreement on the elimination of severance pay for voluntary
separations (resignation and retirement)
Appendix "B"
Memorandum of understanding with respect to telework
Part I: general
Article 1: purpose of agreement
1.01 The purpose of this agreement is to maintain harmonious relationships between the Employer,
the Council and the employees and to set forth the terms and conditions of employment.
Article 2: conflict between future legislation and the collective
agreement
2.01 In the event that any law passed by Parliament renders null and void any provision of this
agreement, the remaining provisions shall remain in effect.
Part II: working conditions
**Article 13: other types of leave with or without pay
13.01 Leave granted under this article is given at the discretion of the Employer.
Article 14: severance pay
14.01 On lay-off, an employee shall be entitled to severance pay for each year of service.
Appendix "A"
Memorandum of agreement on the elimination of severance pay for voluntary
separations (resignation and retirement)
This appendix reflects the language agreed to by the parties when severance pay was eliminated
for voluntary separations, and is kept for the employees who chose to defer their payment.
Article 14: severance pay
14.01 Resignation: on resignation, an employee with ten or more years of service was paid.
Appendix "B"
Memorandum of understanding with respect to telework
The parties recognize that telework arrangements are made between employees and managers.
"""


def test_a_federal_agreement_copied_from_its_web_page(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "federal.txt"
    source.write_text(AGREEMENT, "utf-8")
    dry, texts = imported(cli, "--from-text", source)
    assert 'Appendix "A" holds the 1 heading after it' in dry
    assert "division: Part I: general" in dry and "division: Part II: working conditions" in dry
    assert sorted(texts) == [
        "appendix-a",
        "appendix-b",
        "conflict-between-future-legislation-and-the-collective",
        "other-types-of-leave-with-or-without-pay",
        "purpose-of-agreement",
        "severance-pay",
    ]
    assert texts["purpose-of-agreement"].startswith("Article 1: purpose of agreement\n1.01 The purpose")
    assert texts["other-types-of-leave-with-or-without-pay"].startswith("**Article 13: other types")
    archived = texts["appendix-a"]
    assert "Article 14: severance pay\n14.01 Resignation" in archived
    assert "telework" not in archived
    body = AGREEMENT[AGREEMENT.index("Part I: general\nArticle 1") :]
    kept = " ".join(" ".join(texts.values()).split())
    for line in body.splitlines():
        if not line.startswith("Part I"):
            assert line in kept or " ".join(line.split()) in kept, line


def test_a_colon_and_sentence_case_make_a_heading_but_never_a_sentence() -> None:
    from proposals.contract.headings import division_heading, match_heading

    assert match_heading("Article 1: purpose of agreement") is not None
    assert match_heading("**Article 13: other types of leave") is not None
    assert division_heading("Part II: working conditions") == "II: working conditions"
    memorandum = (
        "**Appendix D: Memorandum of understanding between the Treasury Board of Canada and the "
        "Federal Government Dockyard Chargehands Association with respect to gender-inclusive language"
    )  # 22 words: before, too long for a title, so appendices D, F and G ran into C
    assert match_heading(memorandum) is not None
    assert match_heading("Appendix D: the parties agree that the memorandum shall apply to all") is None
    for prose in [
        "Article 12: the Employer shall pay the rate",  # a verb: a sentence
        "Article 12. the rates are set out below",  # no colon
        "Article 4: application, hours, overtime, leave, training, safety, tools and the uniforms worn",
    ]:
        assert match_heading(prose) is None, prose
