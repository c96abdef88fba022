"""Whole contracts written by LibreOffice, read as a bargaining team meets them (issue 11).

The documents are built over UNO by ``lo_contract.py``: a title page, LibreOffice's own table of
contents, a preamble, articles whose "ARTICLE n –", "n.m" and "(a)" labels are automatic outline
numbering, a text box, hidden text, a wage table, an appendix and a letter of agreement; the
other side's pass is LibreOffice's Compare Documents of their edit against the original.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CLI, git

LO_PYTHON = os.environ.get("LO_PYTHON", "/usr/bin/python3")
LO_CONTRACT = Path(__file__).with_name("lo_contract.py")


def _lo_reason() -> str | None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return "LibreOffice (soffice) is not installed"
    probe = subprocess.run([LO_PYTHON, "-c", "import uno"], capture_output=True, timeout=60)
    return None if probe.returncode == 0 else f"{LO_PYTHON} cannot import uno: install python3-uno"


def build_documents(out: Path, spec: dict) -> Path:
    """Have LibreOffice write the documents `spec` describes (and its Compare Documents results)
    into `out`, through lo_contract.py under the system Python that has UNO."""
    (out / "spec.json").write_text(json.dumps(spec))
    proc = subprocess.run(
        [LO_PYTHON, str(LO_CONTRACT), str(out / "spec.json"), str(out)],
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert proc.returncode == 0, proc.stderr
    return out


REASON = _lo_reason() if Path(LO_PYTHON).exists() else f"{LO_PYTHON} not found"
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

PREAMBLE = (
    "This Agreement is entered into by Northstar Health and Clinicians United to set wages, hours and terms."
)
CONTRACT = [
    ["cover", "COLLECTIVE BARGAINING AGREEMENT"],
    ["cover", "between Northstar Health and Clinicians United"],
    ["pagebreak"],
    ["toc"],
    ["pagebreak"],
    ["part", "PREAMBLE"],
    ["para", PREAMBLE],
    ["article", "RECOGNITION"],
    ["section", "Recognition. The Employer recognizes the Union as the exclusive representative."],
    ["article", "STAFFING"],
    ["section", "Purpose. The Employer shall maintain safe staffing."],
    ["section", "Support. Each Clinician shall be supported by:"],
    ["item", "one medical assistant;"],
    ["item", "a float pool."],
    ["textbox", "2.3 Float Pool. The float pool is staffed at all hours."],
    ["hidden", "CAUCUS NOTE: we can live with one MA"],
    ["hidden_run", "2.4 Review. Staffing is reviewed yearly.", " HIDDEN WORDS"],
    ["part", "APPENDIX A - WAGE SCALES"],
    ["table", [["Step", "Rate"], ["1", "$50.00"], ["2", "$52.00"]]],
    ["part", "LETTER OF AGREEMENT #1: PARKING"],
    ["para", "The parties agree that parking stays free during the term."],
]
STAFFING = (
    "ARTICLE 2 – STAFFING\n2.1 Purpose. The Employer shall maintain safe staffing.\n"
    "2.2 Support. Each Clinician shall be supported by:\n(a) one medical assistant;\n(b) a float pool.\n\n"
    "2.3 Float Pool. The float pool is staffed at all hours.\n2.4 Review. Staffing is reviewed yearly.\n"
)


def _edit(blocks: list, *, retitle: bool = True, propose: bool = True, silent: bool = False) -> list:
    out = []
    for block in blocks:
        if retitle and block == ["article", "STAFFING"]:
            block = ["article", "STAFFING LEVELS"]
        if propose and block[0] == "section" and "safe staffing" in block[1]:
            block = ["section", block[1].replace("safe staffing", "safe and adequate staffing")]
        if silent and block == ["item", "one medical assistant;"]:
            block = ["item", "one-half medical assistant;"]
        out.append(block)
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-contracts")
    spec = {
        "docs": [
            {"name": "contract", "blocks": CONTRACT},
            {"name": "edited", "blocks": _edit(CONTRACT)},
            {"name": "silent", "blocks": _edit(CONTRACT, retitle=False, propose=False, silent=True)},
            {"name": "silent-edited", "blocks": _edit(CONTRACT, silent=True)},
        ],
        "compare": [["contract", "edited", "redline"], ["silent", "silent-edited", "sneaky"]],
        "pdf": ["contract", "edited", "silent"],
        "pdf_encrypted": ["contract"],
    }
    return build_documents(out, spec)


def _baseline(cli: CLI, documents: Path) -> Path:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    out = cli("-C", "talks", "baseline", "--from-docx", str(documents / "contract.docx")).out
    assert "5 " in out
    return cli.cwd / "talks"


def test_a_libreoffice_contract_is_read_with_its_numbering_and_nothing_else(
    cli: CLI, documents: Path
) -> None:
    repo = _baseline(cli, documents)
    articles = repo / "articles"
    assert sorted(p.name for p in articles.glob("*.txt")) == [
        "parking.txt", "preamble.txt", "recognition.txt", "staffing.txt", "wage-scales.txt"]  # fmt: skip
    assert (articles / "preamble.txt").read_text() == f"PREAMBLE\n{PREAMBLE}\n"
    assert (articles / "recognition.txt").read_text() == (
        "ARTICLE 1 – RECOGNITION\n1.1 Recognition. The Employer recognizes the Union as the exclusive "
        "representative.\n"
    )
    assert (articles / "staffing.txt").read_text() == STAFFING  # text box read, hidden text not
    assert (articles / "wage-scales.txt").read_text() == (  # a table, in the pipe format
        "APPENDIX A - WAGE SCALES\n| Step | Rate |\n| --- | --- |\n| 1 | $50.00 |\n| 2 | $52.00 |\n"
    )
    rows = [r.split(",")[0] for r in cli("-C", str(repo), "status", "--csv").out.splitlines()[1:]]
    assert rows == ["preamble", "recognition", "staffing", "wage-scales", "parking"]


def test_their_compare_documents_pass_raises_no_false_alarm(cli: CLI, documents: Path) -> None:
    repo = _baseline(cli, documents)
    out = cli("-C", str(repo), "import-docx", str(documents / "redline.docx"), "--party", "employer",
              "--session", "2025-04-02").out  # fmt: skip
    assert "UNANNOUNCED" not in out
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing\n" in out
    retitled = STAFFING.replace("STAFFING\n", "STAFFING LEVELS\n").replace(
        "safe staffing", "safe and adequate staffing"
    )
    assert git(repo, "show", "E-1:articles/staffing.txt") == retitled


def test_an_untracked_edit_in_their_retitled_article_is_reported(cli: CLI, documents: Path) -> None:
    repo = _baseline(cli, documents)
    out = cli("-C", str(repo), "import-docx", str(documents / "sneaky.docx"), "--party", "employer").out
    flagged = [line.split(":")[0] for line in out.splitlines() if line.startswith("UNANNOUNCED")]
    assert flagged == ["UNANNOUNCED CHANGE in staffing"]
    assert "words differ" in out


def test_the_same_contract_as_pdf_gives_the_same_parts(cli: CLI, documents: Path, tmp_path: Path) -> None:
    """Headers, footers, page numbers and the TOC are removed; lines unwrapped; the ruled wage
    table is the same pipe table (LibreOffice prints no text frame without a size, so 2.3 is absent)."""
    repo = _baseline(cli, documents)
    cli("init", "from-pdf", "--union", "Clinicians United", "--employer", "Northstar Health")
    out = cli("-C", "from-pdf", "baseline", "--from-pdf", str(documents / "contract.pdf")).out
    assert "5 parts" in out
    for path in sorted((repo / "articles").glob("*.txt")):
        expected = "".join(line + "\n" for line in path.read_text().splitlines() if line.strip())
        expected = expected.replace("2.3 Float Pool. The float pool is staffed at all hours.\n", "")
        assert (tmp_path / "from-pdf" / "articles" / path.name).read_text() == expected, path.name
    err = cli(
        "-C", "from-pdf", "baseline", "--from-pdf", str(documents / "contract.encrypted.pdf"), ok=False
    ).err
    assert "encrypted (password-protected)" in err


def test_their_pass_as_a_libreoffice_pdf_records_only_what_changed(cli: CLI, documents: Path) -> None:
    """Their pass printed to PDF: the same reader as baseline --from-pdf, the same checks; an
    edit they did not announce is flagged, unchanged parts are not recorded."""
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    cli("-C", "talks", "baseline", "--from-pdf", str(documents / "contract.pdf"))
    repo = cli.cwd / "talks"
    out = cli("-C", str(repo), "import-docx", str(documents / "edited.pdf"), "--party", "employer",
              "--session", "2025-04-02", "--announced", "staffing").out  # fmt: skip
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing\n" in out
    assert "UNANNOUNCED" not in out
    assert "Matched staffing by its number (retitled): ARTICLE 2 – STAFFING LEVELS" in out
    assert "safe and adequate staffing" in git(repo, "show", "E-1:articles/staffing.txt")
    out = cli("-C", str(repo), "import-docx", str(documents / "silent.pdf"), "--party", "union",
              "--announced", "recognition").out  # fmt: skip
    flagged = [line.split(":")[0] for line in out.splitlines() if line.startswith("UNANNOUNCED")]
    assert flagged == ["UNANNOUNCED CHANGE in staffing"]
