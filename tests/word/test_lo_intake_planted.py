"""Edits made without tracking, planted everywhere a contract has text (issue 11): the preamble,
the wage table of an appendix, a letter of agreement, a lettered item of a retitled article and a
paragraph their tracked changes move. The other side's pass is LibreOffice's Compare Documents
(tracked changes, a move included) of their edit against a copy already carrying the planted
edits, over the whole contract of ``test_lo_intake`` (title page, TOC, preamble, automatic
"ARTICLE n –" / "n.m" / "(a)" numbering, wage table, letter). Every planted edit is reported in
its part with the words that differ, and nothing else is.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import CLI, git
from test_lo_contracts import REASON, build_documents
from test_lo_intake import CONTRACT, PREAMBLE, THEIR_HOURS, THEIR_STAFFING, _repo, _their_edit

pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

PLANTED = {  # old -> new, each in one part
    "to set wages": "to fix wages",  # preamble
    "$52.00": "$51.00",  # appendix A's wage table
    "until the contract expires": "for one year",  # the letter
    "a float pool.": "a shared float pool.",  # an item of STAFFING, which their pass retitles
    "forty hours.": "forty-two hours.",  # 3.1 Workweek, which their pass moves
}


def _planted(blocks: list) -> list:
    out = []
    for block in blocks:
        block = json.loads(json.dumps(block))
        for old, new in PLANTED.items():
            if block[0] == "table":
                block[1] = [[cell.replace(old, new) for cell in row] for row in block[1]]
            elif len(block) > 1 and isinstance(block[1], str) and old in block[1]:
                block[1] = block[1].replace(old, new)
        out.append(block)
    return out


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-planted")
    # _their_edit looks for the original words of the preamble: plant after their edit, on both.
    spec = {
        "docs": [
            {"name": "contract", "blocks": CONTRACT},
            {"name": "planted", "blocks": _planted(CONTRACT)},
            {"name": "planted-edited", "blocks": _planted(_their_edit(CONTRACT))},
        ],
        "compare": [["planted", "planted-edited", "sneaky"]],
    }
    return build_documents(out, spec)


def test_every_planted_edit_is_reported_in_its_part_and_nothing_else(cli: CLI, documents: Path) -> None:
    moves = subprocess.run(["unzip", "-p", str(documents / "sneaky.docx"), "word/document.xml"],
                           capture_output=True, text=True).stdout  # fmt: skip
    assert "<w:moveFrom " in moves and "<w:moveTo " in moves  # LibreOffice marked the move as a move
    repo = _repo(cli, documents / "contract.docx")
    out = cli("-C", str(repo), "import-docx", str(documents / "sneaky.docx"), "--party", "employer",
              "--session", "2025-04-02").out  # fmt: skip
    flagged = sorted(line.split(" between")[0] for line in out.splitlines() if line.startswith("UNANNOUNCED"))
    assert flagged == [
        "UNANNOUNCED CHANGE in hours-of-work: 2 words differ",
        "UNANNOUNCED CHANGE in preamble: 2 words differ",
        "UNANNOUNCED CHANGE in staffing: 1 word differs",
        "UNANNOUNCED CHANGE in telehealth: 7 words differ",
        "UNANNOUNCED CHANGE in wage-scales: 2 words differ",
    ]
    assert git(repo, "show", "E-1:articles/staffing.txt") == THEIR_STAFFING.replace(
        "a float", "a shared float"
    )
    assert git(repo, "show", "E-1:articles/hours-of-work.txt") == THEIR_HOURS.replace(
        "forty hours.", "forty-two hours."
    )
    assert git(repo, "show", "E-1:articles/preamble.txt") == (
        f"PREAMBLE\n{PREAMBLE.replace('to set', 'to establish').replace('to set wages', 'to fix wages')}\n"
    )
    changed = git(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", "E-1").split()
    assert "articles/recognition.txt" not in changed and "articles/parking.txt" not in changed
