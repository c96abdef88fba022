"""A paragraph moved from one article to another without tracking is reported (issue 11).

Their starting text is compared paragraph by paragraph wherever it stands, so a split or merge
that LibreOffice's compare misplaces raises no alarm (test_lo_split_merge); a paragraph that
their starting text puts under another article than the table does, with neither article split
or merged, is a move they did not mark: "cannot be fooled".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, git
from test_lo_contracts import REASON, build_documents
from test_lo_intake import CONTRACT, RECOGNITION, _repo, _their_edit

pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

EXCLUSIONS = ["section", "Exclusions. Medical directors are excluded from the unit."]


def _moved(blocks: list) -> list:
    """EXCLUSIONS taken out of RECOGNITION and put at the end of PARKING, tracking off."""
    out = [b for b in blocks if b != EXCLUSIONS]
    at = out.index(["section", "Parking. Parking is free at every clinic."]) + 1
    return [*out[:at], EXCLUSIONS, *out[at:]]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-unmarked-move")
    spec = {
        "docs": [
            {"name": "contract", "blocks": CONTRACT},
            {"name": "moved", "blocks": _moved(CONTRACT)},
            {"name": "moved-edited", "blocks": _moved(_their_edit(CONTRACT))},
        ],
        "compare": [["moved", "moved-edited", "sneaky"]],
    }
    return build_documents(out, spec)


def test_a_paragraph_moved_between_articles_without_tracking_is_reported(cli: CLI, documents: Path) -> None:
    repo = _repo(cli, documents / "contract.docx")
    out = cli("-C", str(repo), "import-docx", str(documents / "sneaky.docx"), "--party", "employer").out
    flagged = [
        line.split(" (proposals diff")[0] for line in out.splitlines() if line.startswith("UNANNOUNCED")
    ]
    assert flagged == [
        "UNANNOUNCED CHANGE in parking: 1 paragraph moved here from recognition without a tracked change: "
        '"Exclusions. Medical directors are excluded from the unit."'
    ]
    assert git(repo, "show", "E-1:articles/parking.txt") == (
        "ARTICLE 4 – PARKING\n4.1 Parking. Parking is free at every clinic.\n"
        "4.2 Exclusions. Medical directors are excluded from the unit.\n"
    )
    assert git(repo, "show", "E-1:articles/recognition.txt") == RECOGNITION.replace(
        "1.2 Exclusions. Medical directors are excluded from the unit.\n", ""
    )
