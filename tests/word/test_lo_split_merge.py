"""Their pass splits one of our articles in two and merges two into one, made in LibreOffice
(issue 11): "a retitled, renumbered, split or merged article is recognised and reported as such".

The contract is built over UNO by ``lo_contract.py`` (title page, table of contents, preamble,
automatic "ARTICLE n –" / "n.m" numbering, a wage table, a letter). Their split inserts a heading
"MEDICAL ASSISTANTS" inside our ARTICLE 9 (their 9 and 10; our 10-13 become their 11-14); their
merge deletes our ARTICLE 12's heading (our 11 and 12 become their 11; our 13 their 12). Each is
taken in as LibreOffice's Compare Documents (tracked changes) and as a clean copy with the list
of articles they announced; the sneaky copies carry one edit made without tracking.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLI, git
from test_lo_contracts import REASON, build_documents

pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")

FILLER = ["RECOGNITION", "UNION SECURITY", "MANAGEMENT RIGHTS", "SENIORITY", "GRIEVANCES",
          "ARBITRATION", "DISCIPLINE", "POSTINGS"]  # fmt: skip
TRAINING = "Training. Medical assistants receive forty hours of paid training each year."
CALLBACK = "Callback. A Clinician called back to work is paid four hours at least."
REVIEW = "Review. The staffing committee reviews ratios every quarter."
SICK = "Sick leave. Sick leave accrues at one day a month."


def contract(*, split: bool = False, merge: bool = False, sneaky: str = "") -> list:
    """Our contract, their split or merge of it, and ``sneaky`` ("training", "callback"): one edit;
    ("review", "sick"): one paragraph moved (REVIEW from STAFFING to LEAVES, SICK from LEAVES to
    HOURS OF WORK)."""
    blocks: list = [
        ["cover", "COLLECTIVE BARGAINING AGREEMENT"],
        ["pagebreak"],
        ["toc"],
        ["pagebreak"],
        ["part", "PREAMBLE"],
        ["para", "This Agreement is made by Northstar Health and Clinicians United."],
    ]
    for n, title in enumerate(FILLER, 1):
        blocks += [
            ["article", title],
            ["section", f"{title.title()}. The parties agree on rule {n} in full."],
        ]
    blocks += [
        ["article", "STAFFING"],
        ["section", "Ratios. The Employer shall staff every clinic at one nurse per four patients."],
        *([] if sneaky == "review" else [["section", REVIEW]]),
        *([["article", "MEDICAL ASSISTANTS"]] if split else []),
        ["section", "Assistants. Each Clinician shall be supported by one medical assistant at all times."],
        ["section", TRAINING.replace("forty", "twenty") if sneaky == "training" else TRAINING],
        ["article", "LEAVES"],
        ["section", "Vacation. Vacation accrues at four weeks a year from hire."],
        *([["section", REVIEW]] if sneaky == "review" else []),
        *([] if sneaky == "sick" else [["section", SICK]]),
        ["article", "HOURS OF WORK"],
        ["section", "Workweek. The normal workweek is forty hours over five days."],
        ["section", "Sessions. A clinic session lasts four hours with one break."],
        *([["section", SICK]] if sneaky == "sick" else []),
        *([] if merge else [["article", "OVERTIME"]]),
        ["section", "Overtime. Work past forty hours in a week is paid at time and one half."],
        ["section", CALLBACK.replace("four", "two") if sneaky == "callback" else CALLBACK],
        ["article", "PARKING"],
        ["section", "Parking. Parking stays free at every clinic."],
        ["part", "APPENDIX A - WAGE SCALES"],
        ["table", [["Step", "Rate"], ["1", "$50.00"], ["2", "$52.00"]]],
        ["part", "LETTER OF AGREEMENT #1: TELEHEALTH"],
        ["para", "The parties agree to pilot telehealth visits."],
    ]
    return blocks


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lo-split-merge")
    spec = {
        "docs": [
            {"name": "contract", "blocks": contract()},
            {"name": "split", "blocks": contract(split=True)},
            {"name": "merge", "blocks": contract(merge=True)},
            # Edited with tracking off first: the same edit, before and after their tracked one.
            {"name": "silent-split-base", "blocks": contract(sneaky="training")},
            {"name": "silent-merge-base", "blocks": contract(sneaky="callback")},
            {"name": "silent-split", "blocks": contract(split=True, sneaky="training")},
            {"name": "silent-merge", "blocks": contract(merge=True, sneaky="callback")},
            # Moved with tracking off, from or to an article they split or merge with tracking on.
            {"name": "moved-split-base", "blocks": contract(sneaky="review")},
            {"name": "moved-split", "blocks": contract(split=True, sneaky="review")},
            {"name": "moved-merge-base", "blocks": contract(sneaky="sick")},
            {"name": "moved-merge", "blocks": contract(merge=True, sneaky="sick")},
        ],
        "compare": [
            ["contract", "split", "split-redline"],
            ["contract", "merge", "merge-redline"],
            ["silent-split-base", "silent-split", "sneaky-split"],
            ["silent-merge-base", "silent-merge", "sneaky-merge"],
            ["moved-split-base", "moved-split", "sneaky-move-split"],
            ["moved-merge-base", "moved-merge", "sneaky-move-merge"],
        ],
    }
    return build_documents(out, spec)


@pytest.fixture(scope="module")
def baseline(documents: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One baselined repo, copied for each test (a baseline costs a few seconds)."""
    from conftest import CLI as Runner

    where = tmp_path_factory.mktemp("lo-split-merge-repo")
    cli = Runner(where)
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    cli("-C", "talks", "baseline", "--from-docx", str(documents / "contract.docx"))
    return where / "talks"


def _repo(cli: CLI, baseline: Path) -> Path:
    import shutil

    repo = cli.cwd / "talks"
    shutil.copytree(baseline, repo, symlinks=True)
    return repo


def _intake(cli: CLI, repo: Path, docx: Path, *extra: str) -> str:
    return cli("-C", str(repo), "import-docx", str(docx), "--party", "employer", "--session", "2025-04-02",
               *extra).out  # fmt: skip


STAFFING = (
    "ARTICLE 9 – STAFFING\n"
    "9.1 Ratios. The Employer shall staff every clinic at one nurse per four patients.\n"
    "9.2 Review. The staffing committee reviews ratios every quarter.\n"
)
ASSISTANTS = (
    "ARTICLE 10 – MEDICAL ASSISTANTS\n"
    "10.1 Assistants. Each Clinician shall be supported by one medical assistant at all times.\n"
    f"10.2 {TRAINING}\n"
)
HOURS = (
    "ARTICLE 11 – HOURS OF WORK\n"
    "11.1 Workweek. The normal workweek is forty hours over five days.\n"
    "11.2 Sessions. A clinic session lasts four hours with one break.\n"
    "11.3 Overtime. Work past forty hours in a week is paid at time and one half.\n"
    f"11.4 {CALLBACK}\n"
)
RENUMBERED = [("leaves", 11, "LEAVES"), ("hours-of-work", 12, "HOURS OF WORK"), ("overtime", 13, "OVERTIME"),
              ("parking", 14, "PARKING")]  # fmt: skip
UNTOUCHED = ("preamble, recognition, union-security, management-rights, seniority, grievances, arbitration, "
             "discipline, postings")  # fmt: skip


def _flagged(out: str) -> list[str]:
    return [line.split(" (proposals diff")[0] for line in out.splitlines() if line.startswith("UNANNOUNCED")]


def test_their_split_is_recognised_and_reported(cli: CLI, baseline: Path, documents: Path) -> None:
    repo = _repo(cli, baseline)
    out = _intake(cli, repo, documents / "split-redline.docx")
    assert _flagged(out) == []
    assert (
        "Recorded Northstar Health pass E-1 (session 2025-04-02): staffing, medical-assistants, leaves, "
        "hours-of-work, overtime, parking\n" in out
    )
    assert "New part medical-assistants: ARTICLE 10 – MEDICAL ASSISTANTS\n" in out
    assert "medical-assistants split from staffing: ARTICLE 10 – MEDICAL ASSISTANTS\n" in out
    for part_id, number, title in RENUMBERED:
        assert f"Matched {part_id} by its title (renumbered): ARTICLE {number} – {title}\n" in out
    assert f"Unchanged, not part of the pass: {UNTOUCHED}, wage-scales, telehealth\n" in out
    assert git(repo, "show", "E-1:articles/staffing.txt") == STAFFING
    assert git(repo, "show", "E-1:articles/medical-assistants.txt") == ASSISTANTS
    assert git(repo, "show", "E-1:articles/parking.txt") == (
        "ARTICLE 14 – PARKING\n14.1 Parking. Parking stays free at every clinic.\n"
    )


def test_their_merge_is_recognised_and_raises_no_false_alarm(
    cli: CLI, baseline: Path, documents: Path
) -> None:
    """Before: LibreOffice's compare puts the deleted "OVERTIME" heading at the end of the
    document, and the paragraphs under the wrong heading in the text their tracked changes start
    from cried "UNANNOUNCED CHANGE in hours-of-work: 30 words differ" (and parking: 4)."""
    repo = _repo(cli, baseline)
    out = _intake(cli, repo, documents / "merge-redline.docx")
    assert _flagged(out) == []
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): hours-of-work, parking\n" in out
    assert "hours-of-work merges overtime: ARTICLE 11 – HOURS OF WORK\n" in out
    assert "Matched parking by its title (renumbered): ARTICLE 12 – PARKING\n" in out
    assert git(repo, "show", "E-1:articles/hours-of-work.txt") == HOURS
    changed = git(repo, "diff-tree", "--no-commit-id", "--name-only", "-r", "E-1").split()
    assert changed == ["articles/hours-of-work.txt", "articles/parking.txt"]


@pytest.mark.parametrize("shape", ["split", "merge"])
def test_a_clean_copy_renumbered_by_their_split_or_merge_is_no_unannounced_change(
    cli: CLI, baseline: Path, documents: Path, shape: str
) -> None:
    """Before: every article after theirs, only renumbered, was "UNANNOUNCED CHANGE ... words
    changed, but it is not in the list of articles they announced"."""
    repo = _repo(cli, baseline)
    announced = "staffing,medical-assistants" if shape == "split" else "hours-of-work"
    out = _intake(cli, repo, documents / f"{shape}.docx", "--announced", announced)
    assert _flagged(out) == []
    assert (
        "medical-assistants split from staffing" if shape == "split" else "hours-of-work merges overtime"
    ) in out


def test_an_unmarked_edit_inside_a_split_or_merged_article_is_reported(
    cli: CLI, baseline: Path, documents: Path
) -> None:
    repo = _repo(cli, baseline)
    out = _intake(cli, repo, documents / "sneaky-split.docx")
    assert _flagged(out) == [
        "UNANNOUNCED CHANGE in staffing: 2 words differ between the text on the table and the text their "
        "tracked changes start from"
    ]
    assert "medical-assistants split from staffing" in out
    assert git(repo, "show", "E-1:articles/medical-assistants.txt") == ASSISTANTS.replace("forty", "twenty")

    repo2 = cli.cwd / "talks2"
    import shutil

    shutil.copytree(baseline, repo2, symlinks=True)
    out = _intake(cli, repo2, documents / "sneaky-merge.docx")
    assert _flagged(out) == [
        "UNANNOUNCED CHANGE in hours-of-work: 2 words differ between the text on the table and the text "
        "their tracked changes start from"
    ]
    assert git(repo2, "show", "E-1:articles/hours-of-work.txt") == HOURS.replace("paid four", "paid two")


@pytest.mark.parametrize("shape", ["split", "merge"])
def test_an_unmarked_move_from_or_into_a_split_or_merged_article_is_reported(
    cli: CLI, baseline: Path, documents: Path, shape: str
) -> None:
    """Before: a move with one end in an article they split or merged was let through unsaid
    (REVIEW moved from staffing, which they split, to leaves; SICK moved from leaves to
    hours-of-work, which merges overtime)."""
    repo = _repo(cli, baseline)
    out = _intake(cli, repo, documents / f"sneaky-move-{shape}.docx")
    where, source, paragraph = (
        ("leaves", "staffing", REVIEW) if shape == "split" else ("hours-of-work", "leaves", SICK)
    )
    assert _flagged(out) == [
        f"UNANNOUNCED CHANGE in {where}: 1 paragraph moved here from {source} without a tracked change: "
        f'"{paragraph}"'
    ]
    assert (
        "medical-assistants split from staffing" if shape == "split" else "hours-of-work merges overtime"
    ) in out


def test_an_article_their_merge_absorbs_is_withdrawn_by_the_merger(
    cli: CLI, baseline: Path, documents: Path
) -> None:
    """Before: overtime stayed open with its old text, only 'hours-of-work merges overtime' said."""
    repo = _repo(cli, baseline)
    out = _intake(cli, repo, documents / "merge-redline.docx")
    assert "Withdrawn by their merger: overtime, merged into hours-of-work\n" in out
    assert "Withdrawn: overtime" in git(repo, "log", "-1", "--format=%B", "E-1")
    rows = {r.split(",")[0]: r.lower() for r in cli("-C", str(repo), "status", "--csv").out.splitlines()}
    assert "withdrawn" in rows["overtime"], rows["overtime"]
    assert "withdrawn" not in rows["hours-of-work"]
