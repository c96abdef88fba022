"""Article-like texts and edit cases shared by the .docx tests (plain data, no fixtures magic)."""
# ruff: noqa: E501  (article prose is one paragraph per line, as in the real files)

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from difffix import Op, word_diff

try:  # the real engine once branch `redline` is merged; the difflib stand-in until then
    from proposals.redline import diff_text as engine_diff
except ImportError:  # pragma: no cover - depends on merge state
    engine_diff = word_diff

UNION = "Primary Care Clinicians United"
EMPLOYER = "Northfield Health System"
SESSION = date(2025, 3, 14)
COLOUR = "#1f6feb"

STAFFING = """ARTICLE 6: STAFFING

6.1 Purpose. The Employer shall maintain staffing levels adequate to provide safe, high-quality patient care in every clinic.

6.2 Panel Size. A full-time Clinician's patient panel shall not exceed 1,800 patients, prorated by FTE for part-time Clinicians.

6.3 Support Staff. Each full-time Clinician shall be supported by at least:
(a) one (1.0) FTE medical assistant;
(b) one-half (0.5) FTE registered nurse care manager;
(c) access to a clinical pharmacist.

6.4 Staffing Committee. The parties shall establish a joint Staffing Committee that meets quarterly to review vacancy, turnover and overtime data.
"""

SAFETY = """ARTICLE 14: HEALTH AND SAFETY

14.1 General. The Employer shall provide a safe and healthful workplace and comply with all applicable health and safety laws.

14.2 Workplace Violence. The Employer shall maintain a workplace violence prevention plan developed with the participation of Clinicians.

14.3 Reporting. A Clinician may report any unsafe condition without fear of reprisal.
\t(i) Reports shall be acknowledged within two (2) business days.

14.4 Equipment. The Employer shall provide personal protective equipment at no cost to the Clinician.
"""

WAGES = """ARTICLE 10: WAGES

10.1 Salary Schedule. Clinicians shall be paid in accordance with the salary schedule in Appendix A.

10.2 Extra Sessions. A Clinician who works an extra session shall be paid $650 per four-hour session.
"""


@dataclass(frozen=True)
class Case:
    """A named old → new edit with (optionally) hand-written ops, so moves are exact."""

    name: str
    old: str
    new: str
    ops: tuple[Op, ...] | None = None


def _swap_sections() -> Case:
    """6.2 moved below 6.4, with ops that mark it as one move (paragraph marks included)."""
    head, s1, s2, s3, s4 = STAFFING.rstrip("\n").split("\n\n")
    old = STAFFING
    new = "\n\n".join([head, s1, s3, s4, s2]) + "\n"
    ops = (
        Op("equal", "\n\n".join([head, s1]) + "\n\n"),
        Op("delete", s2 + "\n\n", "mv1"),
        Op("equal", "\n\n".join([s3, s4])),
        Op("insert", "\n\n" + s2, "mv1"),
        Op("equal", "\n"),
    )
    return Case("moved-paragraph", old, new, ops)


def cases() -> list[Case]:
    """Several real-looking edits: words, whole paragraphs in and out, a move, a split, a merge."""
    words = (
        STAFFING.replace("1,800", "1,500")
        .replace("quarterly", "monthly")
        .replace("safe, high-quality", "safe")
    )
    insert_para = STAFFING.replace(
        "\n\n6.4 ",
        "\n\n6.4 Vacancies. Vacant positions shall be posted within fourteen (14) days.\n\n6.5 ",
    )
    delete_para = SAFETY.replace(
        "14.2 Workplace Violence. The Employer shall maintain a workplace violence prevention "
        "plan developed with the participation of Clinicians.\n\n",
        "",
    )
    split = WAGES.replace(
        "Appendix A.", "Appendix A.\nThe schedule shall be increased by 4% each July 1."
    )
    merge = SAFETY.replace("reprisal.\n\t(i) Reports", "reprisal. Reports")
    heading = WAGES.replace("ARTICLE 10: WAGES", "ARTICLE 11: WAGES AND SALARIES")
    return [
        Case("word-edits", STAFFING, words),
        Case("inserted-paragraph", STAFFING, insert_para),
        Case("deleted-paragraph", SAFETY, delete_para),
        Case("split-paragraph", WAGES, split),
        Case("merged-paragraphs", SAFETY, merge),
        Case("renumbered-heading", WAGES, heading),
        Case("new-article", "", WAGES),
        Case("removed-article", WAGES, ""),
        _swap_sections(),
    ]
