"""Real contracts' layouts that lost a part, built in LibreOffice at test time (``real_docs``).

- A heading set in a table: "ARTICLE 8" in one cell and "HOLIDAYS" in the next, the article's
  text below in the second column (a layout table). Before: the row was a table row of
  ARTICLE 7A, so article 8 was not found (.docx and PDF alike).
- A bilingual agreement setting each article as a two-column table, "ARTICLE 1 / PURPOSE" beside
  "ARTICLE 1 / OBJET". Before: "no part headings found" for the whole contract.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI
from corpus_docs import soffice
from real_docs import document, docx_and_pdf, h, p, table

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

LAYOUT_TABLE = document(
    p("COLLECTIVE AGREEMENT", "Title")
    + h("ARTICLE 7A – BEREAVEMENT LEAVE")
    + p("An employee shall be granted up to five (5) days of bereavement leave with pay.")
    + table(
        [
            [["*ARTICLE 8"], ["*HOLIDAYS"]],
            [
                [],
                ["The following are paid holidays: New Year’s Day, Good Friday and Christmas Day."],
            ],
        ]
    )
    + h("ARTICLE 9 – GRIEVANCES")
    + p("A grievance shall be presented in writing within twenty (20) days.")
    + p("WAGE SCHEDULE")
    + table([[["Classification"], ["Rate"]], [["Operator"], ["$31.20"]], [["ARTICLE 4"], ["$0.75"]]])
)
_BILINGUAL = [
    ("1", "PURPOSE", "OBJET", "The purpose of this Agreement is to maintain harmonious relations.",
     "La présente convention a pour objet de maintenir des relations harmonieuses."),
    ("2", "RECOGNITION", "RECONNAISSANCE", "The Employer recognizes the Alliance as the bargaining agent.",
     "L’Employeur reconnaît l’Alliance comme agent négociateur."),
]  # fmt: skip
BILINGUAL = document(
    p("COLLECTIVE AGREEMENT / CONVENTION COLLECTIVE", "Title")
    + "".join(
        table(
            [[[f"*ARTICLE {n}", f"*{en}"], [f"*ARTICLE {n}", f"*{fr}"]], [[f"{n}.1 {en_}"], [f"{n}.1 {fr_}"]]]
        )
        for n, en, fr, en_, fr_ in _BILINGUAL
    ),
    header="Treasury Board / Conseil du Trésor",
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("real_layouts")
    return docx_and_pdf({"layout": LAYOUT_TABLE, "bilingual": BILINGUAL}, out)


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_heading_set_in_a_table_row_starts_its_article(files: dict[str, Path], form: str) -> None:
    reading = read_contract(files[f"layout.{form}"], form)  # type: ignore[arg-type]
    heads = [(p.kind, p.number, p.title) for p in reading.parts]
    assert heads == [
        ("article", "7A", "BEREAVEMENT LEAVE"),
        ("article", "8", "HOLIDAYS"),
        ("article", "9", "GRIEVANCES"),
    ]
    texts = dict(zip(reading.ids, (p.text for p in reading.parts), strict=True))
    assert "ARTICLE 8" not in texts["bereavement-leave"]
    assert "Good Friday and Christmas Day." in texts["holidays"]
    assert texts["holidays"].startswith("ARTICLE 8 HOLIDAYS\n")
    # a wage table's row that names an article is a row of the table, not a heading
    assert "| ARTICLE 4 | $0.75 |" in texts["grievances"]
    assert "| Operator | $31.20 |" in texts["grievances"]


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_bilingual_agreement_in_two_columns_is_read_by_article(files: dict[str, Path], form: str) -> None:
    reading = read_contract(files[f"bilingual.{form}"], form)  # type: ignore[arg-type]
    assert [(p.kind, p.number) for p in reading.parts] == [("article", "1"), ("article", "2")]
    first = reading.parts[0].text
    assert "ARTICLE 1 OBJET" in first.split("\n", 1)[0]  # the French heading is kept, not dropped
    assert "1.1 The purpose of this Agreement" in first and "1.1 La présente convention" in first


def test_the_command_line_imports_the_table_heading_article(files: dict[str, Path], cli: CLI) -> None:
    cli("init", "repo", "--union", "U", "--employer", "E")
    dry = cli("-C", "repo", "baseline", "--from-docx", str(files["layout.docx"]), "--dry-run").out
    assert "  article 8      holidays" in dry
    cli("-C", "repo", "baseline", "--from-docx", str(files["layout.docx"]))
    text = (cli.cwd / "repo" / "articles" / "holidays.txt").read_text("utf-8")
    assert text.startswith("ARTICLE 8 HOLIDAYS\n")
    assert "8" in cli("-C", "repo", "status").out
