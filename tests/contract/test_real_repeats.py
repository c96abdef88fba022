"""Headings and contents lines a real agreement repeats, built in LibreOffice at test time.

- "ARTICLE 12 – WAGES (continued)" and "SCHEDULE A – WAGE RATES (Cont’d)" set again atop a later
  page. Before: "the same number is used twice: ARTICLE 12, APPENDIX A", the whole contract
  refused; now the part goes on under it and the dry run lists the line as left out.
- A table of contents set as a table, read from the PDF: its last row ("| ARTICLE 3 – HOURS OF
  WORK |  | 5 |  |") counted its pipes as words and started the preamble. Before: the preamble
  held that row.
- A bilingual agreement printing the French version after the English: still refused (the same
  numbers twice), now with the reason said: the parts run twice in the same order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from corpus_docs import soffice
from real_docs import document, docx_and_pdf, h, p, table

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

BODY = (
    "Employees shall be paid for all hours worked at the rates set out in this Agreement, and no "
    "employee shall suffer a reduction in pay."
)
TITLES = ["RECOGNITION", "MANAGEMENT RIGHTS", "HOURS OF WORK"]
DOCS = {
    "continued": document(
        h("ARTICLE 1 – RECOGNITION")
        + p(BODY)
        + h("ARTICLE 12 – WAGES")
        + p(BODY)
        + p("ARTICLE 12 – WAGES (continued)", "Bold")
        + p("Wages shall be paid every second Thursday.")
        + h("SCHEDULE A – WAGE RATES")
        + table([[["Job"], ["Rate"]], [["Clerk"], ["$22.10"]]])
        + p("SCHEDULE A – WAGE RATES (Cont’d)", "Bold")
        + table([[["Job"], ["Rate"]], [["Driver"], ["$25.10"]]])
        + h("LETTER OF UNDERSTANDING #3 – Staffing")
        + p(BODY),
        header="City of Riverton",
    ),
    "toc_table": document(
        p("COLLECTIVE AGREEMENT", "Title")
        + p("TABLE OF CONTENTS", "Bold")
        + table(
            [[["ARTICLE"], ["TITLE"], ["PAGE"]]]
            + [[[f"{i}"], [t], [f"{i + 2}"]] for i, t in enumerate(TITLES, 1)]
            + [[["ARTICLE 4"], ["WAGES"], ["6"]]]
        )
        + table([[[f"ARTICLE {i} – {t}"], [f"{i + 2}"]] for i, t in enumerate(TITLES, 1)])
        + p("This Agreement is made this 1st day of April, 2024, between the City of Riverton and the Union.")
        + "".join(h(f"ARTICLE {i} – {t}") + p(BODY) for i, t in enumerate(TITLES, 1))
        + h("ARTICLE 4 – WAGES")
        + table([[["Classification"], ["Rate"]], [["Clerk"], ["$22.10"]]]),
        header="City of Riverton",
    ),
    "halves": document(
        "".join(h(f"ARTICLE {i} – {t}") + p(BODY) for i, t in enumerate(TITLES, 1))
        + p("CONVENTION COLLECTIVE", "Title")
        + "".join(
            h(f"ARTICLE {i} – {t}") + p("Les employés sont rémunérés pour toutes les heures travaillées.")
            for i, t in enumerate(["RECONNAISSANCE", "DROITS DE LA DIRECTION", "DURÉE DU TRAVAIL"], 1)
        ),
        header="Treasury Board / Conseil du Trésor",
    ),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("real_repeats")
    return docx_and_pdf(DOCS, out)


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_heading_set_again_as_continued_goes_on_with_its_part(files: dict[str, Path], form: str) -> None:
    reading = read_contract(files[f"continued.{form}"], form)  # type: ignore[arg-type]
    assert [(p.kind, p.number) for p in reading.parts] == [
        ("article", "1"),
        ("article", "12"),
        ("appendix", "A"),
        ("letter", "3"),
    ]
    wages, schedule = reading.parts[1].text, reading.parts[2].text
    assert "Wages shall be paid every second Thursday." in wages and "(continued)" not in wages
    assert "| Clerk | $22.10 |" in schedule and "| Driver | $25.10 |" in schedule
    left_out = [s.text for s in reading.skipped if s.reason == "heading repeated on a later page (continued)"]
    assert left_out == ["ARTICLE 12 – WAGES (continued)", "SCHEDULE A – WAGE RATES (Cont’d)"]


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_contents_table_is_not_the_start_of_the_preamble(files: dict[str, Path], form: str) -> None:
    reading = read_contract(files[f"toc_table.{form}"], form)  # type: ignore[arg-type]
    preamble = reading.parts[0]
    assert preamble.kind == "preamble"
    assert "ARTICLE" not in preamble.text and "This Agreement is made" in preamble.text
    assert [p.number for p in reading.parts[1:]] == ["1", "2", "3", "4"]


def test_a_second_language_version_after_the_first_is_refused_saying_so(
    files: dict[str, Path], cli: CLI
) -> None:
    cli("init", "repo", "--union", "U", "--employer", "E")
    for form in ("docx", "pdf"):
        err = cli("-C", "repo", "baseline", f"--from-{form}", str(files[f"halves.{form}"]), ok=False).err
        assert "the same number is used twice: ARTICLE 1, ARTICLE 2, ARTICLE 3" in err
        assert "the parts run twice in the same order (a second language version after the first?)" in err
    assert not list((cli.cwd / "repo" / "articles").glob("*.txt"))
