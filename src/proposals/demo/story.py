# ruff: noqa: E501
"""The demo negotiation that `proposals demo DIR` replays over the shipped articles/.

A first contract between Northstar Clinicians United and Northstar Health, bargained over twelve
sessions from February 2024 to June 2025. Everything here is plain data: each Propose carries
(old, new) edits applied, in order, to the text currently on the table for that article.
"""

from dataclasses import dataclass, field  # noqa: F401 (the shared definitions, verbatim)

Edit = tuple[str, str]  # (old, new): `old` must occur exactly once in the article's current text


@dataclass(frozen=True)
class Propose:
    """One party's pass: for each article, edits applied to the text currently on the table.

    An article's first pass starts from the shipped file articles/<id>.txt; an empty edit list
    proposes that text as it is.
    """

    session: str  # YYYY-MM-DD
    party: str  # "union" | "employer"
    articles: dict[str, list[Edit]]
    message: str = ""
    package: str = ""  # a title: the pass is a package, accepted or rejected as a whole


@dataclass(frozen=True)
class Withdraw:
    session: str
    party: str
    articles: list[str]
    message: str = ""


@dataclass(frozen=True)
class TA:
    session: str
    article: str
    union_sign: str
    employer_sign: str
    section: str | None = None  # e.g. "6.3": only that section is agreed


UNION_NAME = "Northstar Clinicians United"
EMPLOYER_NAME = "Northstar Health"

# The two spokespeople who initial every TA.
UNION_SIGN = "J. Alvarez"
EMPLOYER_SIGN = "M. Chen"

ARTICLE_META: dict[str, dict[str, object]] = {
    "recognition": {"economic": False, "priority": "medium"},
    "definitions": {"economic": False, "priority": "low"},
    "management-rights": {"economic": False, "priority": "medium"},
    "union-rights": {"economic": False, "priority": "medium"},
    "scheduling": {"economic": False, "priority": "high"},
    "staffing": {"economic": True, "priority": "high"},
    "admin-time": {"economic": True, "priority": "high"},
    "workload": {"economic": False, "priority": "high"},
    "pto": {"economic": True, "priority": "high"},
    "wages": {"economic": True, "priority": "high"},
    "benefits": {"economic": True, "priority": "medium"},
    "safety": {"economic": False, "priority": "high"},
    "mentorship": {"economic": True, "priority": "medium"},
    "lmc": {"economic": False, "priority": "low"},
    "discipline": {"economic": False, "priority": "medium"},
    "grievance": {"economic": False, "priority": "medium"},
    "no-strike": {"economic": False, "priority": "low"},
    "duration": {"economic": False, "priority": "low"},
    "parking": {"economic": True, "priority": "low"},
    # Not articles: their kind (and a letter's own expiry) go to bargaining.toml.
    "preamble": {"economic": False, "priority": "low", "kind": "preamble"},
    "appendix-a": {"economic": True, "priority": "medium", "kind": "appendix"},
    "telehealth-letter": {"economic": False, "priority": "medium", "kind": "letter", "expires": "2026-06-30"},
}

NOTES: dict[str, str] = {
    "recognition": """# Recognition

- Accretion of new clinics is the real fight: management wants an NLRB election at every new site.
- Bottom line: card-check accretion within 50 miles. We can give on the 40% cap for medical directors' panels.
- Watch 1.2(f) in their last pass: it would carve the virtual-care clinicians out of the unit. Do not TA with it.
""",
    "definitions": """# Definitions

- 2.4 (FTE) drives admin time: if 1.0 FTE becomes 36 + 4 hours, Article 7 is lost before we bargain it.
- Probation: members told us 180 days is standard at the two acquired clinic groups. Can live with 270.
""",
    "management-rights": """# Management rights

- Their opener is the standard boilerplate from their nurses' contract.
- Must-have: AI and EHR tools subject to Article 8 and effects bargaining (3.7). The "zipper" (3.6) must stay mutual.
""",
    "union-rights": """# Union rights

- Information requests (4.3) matter more than release time: we need panel sizes monthly to police Article 6.
- Bargaining team release: 8 is the floor; the Maple Grove and St. Paul East sites must both have someone at the table.
""",
    "scheduling": """# Scheduling

- TA'd. Posting at 8 weeks was the trade for keeping telehealth requests "not unreasonably denied".
- Caucus: several members wanted 12 weeks; explain that 8 weeks is enforceable and the old practice was 3.
""",
    "staffing": """# Staffing

- Top priority with wages. Members ranked MA ratio and panel caps first in the bargaining survey (81%).
- Bottom line: MA ratio 1.7 per physician, RN 0.4, panel cap 1,900 physician / 1,400 APC.
- 6.3 (interpreters) TA'd on its own in December so the Somali and Hmong-speaking members see a win.
- Do NOT reopen 6.3 in any later pass: it is locked.
""",
    "admin-time": """# Protected administrative time

- Their 4 hours is a cut from the 6 hours most sites schedule informally today.
- Bottom line: 6 hours with the 7.5 payment option. After-hours EHR data (7.6) must stay: it is our evidence.
- Employer did not respond in September; we moved on the EHR threshold in November to show good faith.
""",
    "workload": """# Workload and productivity metrics

- Visit templates: 11 per session for physicians is where the employer's own pilot sites already are.
- No discipline on productivity metrics is non-negotiable (wRVU discipline was the organizing issue).
""",
    "pto": """# Paid time off

- Their accrual cut (192 hours for new hires) would hit recruitment; HR's own exit data shows PTO as reason #2.
- Parental leave: 8 weeks paid at 100% is the floor the APC caucus will ratify.
""",
    "wages": """# Wages

- Their May 2024 table CUTS pay: median current physician base is about $241,000; their Step 4 was $241,000 and Steps 1-3 were below it.
- 10.3 (no reduction) is a strike issue. We will not TA a schedule without red-circling.
- Target: physician Step 1 at $241,000 or better with 3% a year. Costing memo from the research department in the shared drive.
""",
    "benefits": """# Benefits

- Premium share: the 88/80 split costs them about $1.1M a year over their 85/75; likely landing zone.
- Retirement: members care more about immediate vesting than the match level.
""",
    "safety": """# Workplace safety

- TA'd November 2024. Key wins: right to refuse (12.3), never alone in the clinic (12.11), 15 days' assault leave.
- The three assaults at the Lake Street walk-in clinic were the turning point at the table.
""",
    "mentorship": """# Mentorship program

- TA'd June 2024. Stipend $1,800 per mentee, Coordinator stipend $4,500.
- Max two mentees per mentor was their ask; fine, there are enough volunteers.
""",
    "lmc": """# Labor-management committee

- TA'd May 2024, the first TA of the campaign. Monthly in year one, quarterly after.
""",
    "discipline": """# Discipline

- TA'd September 2024. They refused to move in June; the movement on record retention (18 months) got them back.
- Peer review first (15.3) keeps clinical-quality questions out of HR-run discipline; management never countered it.
""",
    "grievance": """# Grievance and arbitration

- Filing window: 30 days is acceptable; anything under 21 days is a trap for busy clinicians.
- Expedited arbitration for discipline short of discharge is the must-have.
""",
    "no-strike": """# No strike / no lockout

- Standard; we only need the picket-line clause (17.5) and arbitral review of discipline (17.4).
""",
    "duration": """# Duration

- A contract ending December 2028 avoids expiring in the summer vacation season.
- The wage reopener in 18.6 is the price of a longer term.
""",
    "parking": """# Parking and travel

- Withdrawn August 2024 to clear the table for staffing and safety; mileage stays in the employer's travel policy.
- Raise again in the next contract if the Nicollet Avenue ramp rates go up.
""",
}


_WAGE_TABLE_E4 = [
    ("(a) Physician, Step 1: $248,000.00", "(a) Physician, Step 1: $226,000.00"),
    ("(b) Physician, Step 2: $256,000.00", "(b) Physician, Step 2: $231,000.00"),
    ("(c) Physician, Step 3: $264,000.00", "(c) Physician, Step 3: $236,000.00"),
    ("(d) Physician, Step 4: $272,000.00", "(d) Physician, Step 4: $241,000.00"),
    ("(e) Physician, Step 5: $280,000.00", "(e) Physician, Step 5: $246,000.00"),
    ("(f) Physician, Step 6: $288,000.00", "(f) Physician, Step 6: $251,000.00"),
    ("(g) Physician, Step 7: $296,000.00", "(g) Physician, Step 7: $256,000.00"),
    ("(h) Physician, Step 8: $304,000.00", "(h) Physician, Step 8: $261,000.00"),
    ("(i) Nurse Practitioner, Step 1: $132,000.00", "(i) Nurse Practitioner, Step 1: $118,000.00"),
    ("(j) Nurse Practitioner, Step 2: $136,500.00", "(j) Nurse Practitioner, Step 2: $121,000.00"),
    ("(k) Nurse Practitioner, Step 3: $141,000.00", "(k) Nurse Practitioner, Step 3: $124,000.00"),
    ("(l) Nurse Practitioner, Step 4: $145,500.00", "(l) Nurse Practitioner, Step 4: $127,000.00"),
    ("(m) Nurse Practitioner, Step 5: $150,000.00", "(m) Nurse Practitioner, Step 5: $130,000.00"),
    ("(n) Nurse Practitioner, Step 6: $154,500.00", "(n) Nurse Practitioner, Step 6: $133,000.00"),
    ("(o) Nurse Practitioner, Step 7: $159,000.00", "(o) Nurse Practitioner, Step 7: $136,000.00"),
    ("(p) Nurse Practitioner, Step 8: $163,500.00", "(p) Nurse Practitioner, Step 8: $139,000.00"),
    (
        "(q) Physician Assistant, Step 1: $130,000.00",
        "(q) Physician Assistant, Step 1: $116,000.00",
    ),
    (
        "(r) Physician Assistant, Step 2: $134,500.00",
        "(r) Physician Assistant, Step 2: $119,000.00",
    ),
    (
        "(s) Physician Assistant, Step 3: $139,000.00",
        "(s) Physician Assistant, Step 3: $122,000.00",
    ),
    (
        "(t) Physician Assistant, Step 4: $143,500.00",
        "(t) Physician Assistant, Step 4: $125,000.00",
    ),
    (
        "(u) Physician Assistant, Step 5: $148,000.00",
        "(u) Physician Assistant, Step 5: $128,000.00",
    ),
    (
        "(v) Physician Assistant, Step 6: $152,500.00",
        "(v) Physician Assistant, Step 6: $131,000.00",
    ),
    (
        "(w) Physician Assistant, Step 7: $157,000.00",
        "(w) Physician Assistant, Step 7: $134,000.00",
    ),
    (
        "(x) Physician Assistant, Step 8: $161,500.00",
        "(x) Physician Assistant, Step 8: $137,000.00",
    ),
]
_WAGE_TABLE_U6 = [
    ("(a) Physician, Step 1: $226,000.00", "(a) Physician, Step 1: $244,000.00"),
    ("(b) Physician, Step 2: $231,000.00", "(b) Physician, Step 2: $251,500.00"),
    ("(c) Physician, Step 3: $236,000.00", "(c) Physician, Step 3: $259,000.00"),
    ("(d) Physician, Step 4: $241,000.00", "(d) Physician, Step 4: $266,500.00"),
    ("(e) Physician, Step 5: $246,000.00", "(e) Physician, Step 5: $274,000.00"),
    ("(f) Physician, Step 6: $251,000.00", "(f) Physician, Step 6: $281,500.00"),
    ("(g) Physician, Step 7: $256,000.00", "(g) Physician, Step 7: $289,000.00"),
    ("(h) Physician, Step 8: $261,000.00", "(h) Physician, Step 8: $296,500.00"),
    ("(i) Nurse Practitioner, Step 1: $118,000.00", "(i) Nurse Practitioner, Step 1: $129,000.00"),
    ("(j) Nurse Practitioner, Step 2: $121,000.00", "(j) Nurse Practitioner, Step 2: $133,000.00"),
    ("(k) Nurse Practitioner, Step 3: $124,000.00", "(k) Nurse Practitioner, Step 3: $137,000.00"),
    ("(l) Nurse Practitioner, Step 4: $127,000.00", "(l) Nurse Practitioner, Step 4: $141,000.00"),
    ("(m) Nurse Practitioner, Step 5: $130,000.00", "(m) Nurse Practitioner, Step 5: $145,000.00"),
    ("(n) Nurse Practitioner, Step 6: $133,000.00", "(n) Nurse Practitioner, Step 6: $149,000.00"),
    ("(o) Nurse Practitioner, Step 7: $136,000.00", "(o) Nurse Practitioner, Step 7: $153,000.00"),
    ("(p) Nurse Practitioner, Step 8: $139,000.00", "(p) Nurse Practitioner, Step 8: $157,000.00"),
    (
        "(q) Physician Assistant, Step 1: $116,000.00",
        "(q) Physician Assistant, Step 1: $127,000.00",
    ),
    (
        "(r) Physician Assistant, Step 2: $119,000.00",
        "(r) Physician Assistant, Step 2: $131,000.00",
    ),
    (
        "(s) Physician Assistant, Step 3: $122,000.00",
        "(s) Physician Assistant, Step 3: $135,000.00",
    ),
    (
        "(t) Physician Assistant, Step 4: $125,000.00",
        "(t) Physician Assistant, Step 4: $139,000.00",
    ),
    (
        "(u) Physician Assistant, Step 5: $128,000.00",
        "(u) Physician Assistant, Step 5: $143,000.00",
    ),
    (
        "(v) Physician Assistant, Step 6: $131,000.00",
        "(v) Physician Assistant, Step 6: $147,000.00",
    ),
    (
        "(w) Physician Assistant, Step 7: $134,000.00",
        "(w) Physician Assistant, Step 7: $151,000.00",
    ),
    (
        "(x) Physician Assistant, Step 8: $137,000.00",
        "(x) Physician Assistant, Step 8: $155,000.00",
    ),
]
_WAGE_TABLE_E9 = [
    ("(a) Physician, Step 1: $244,000.00", "(a) Physician, Step 1: $234,000.00"),
    ("(b) Physician, Step 2: $251,500.00", "(b) Physician, Step 2: $240,000.00"),
    ("(c) Physician, Step 3: $259,000.00", "(c) Physician, Step 3: $246,000.00"),
    ("(d) Physician, Step 4: $266,500.00", "(d) Physician, Step 4: $252,000.00"),
    ("(e) Physician, Step 5: $274,000.00", "(e) Physician, Step 5: $258,000.00"),
    ("(f) Physician, Step 6: $281,500.00", "(f) Physician, Step 6: $264,000.00"),
    ("(g) Physician, Step 7: $289,000.00", "(g) Physician, Step 7: $270,000.00"),
    ("(h) Physician, Step 8: $296,500.00", "(h) Physician, Step 8: $276,000.00"),
    ("(i) Nurse Practitioner, Step 1: $129,000.00", "(i) Nurse Practitioner, Step 1: $124,000.00"),
    ("(j) Nurse Practitioner, Step 2: $133,000.00", "(j) Nurse Practitioner, Step 2: $127,500.00"),
    ("(k) Nurse Practitioner, Step 3: $137,000.00", "(k) Nurse Practitioner, Step 3: $131,000.00"),
    ("(l) Nurse Practitioner, Step 4: $141,000.00", "(l) Nurse Practitioner, Step 4: $134,500.00"),
    ("(m) Nurse Practitioner, Step 5: $145,000.00", "(m) Nurse Practitioner, Step 5: $138,000.00"),
    ("(n) Nurse Practitioner, Step 6: $149,000.00", "(n) Nurse Practitioner, Step 6: $141,500.00"),
    ("(o) Nurse Practitioner, Step 7: $153,000.00", "(o) Nurse Practitioner, Step 7: $145,000.00"),
    ("(p) Nurse Practitioner, Step 8: $157,000.00", "(p) Nurse Practitioner, Step 8: $148,500.00"),
    (
        "(q) Physician Assistant, Step 1: $127,000.00",
        "(q) Physician Assistant, Step 1: $122,000.00",
    ),
    (
        "(r) Physician Assistant, Step 2: $131,000.00",
        "(r) Physician Assistant, Step 2: $125,500.00",
    ),
    (
        "(s) Physician Assistant, Step 3: $135,000.00",
        "(s) Physician Assistant, Step 3: $129,000.00",
    ),
    (
        "(t) Physician Assistant, Step 4: $139,000.00",
        "(t) Physician Assistant, Step 4: $132,500.00",
    ),
    (
        "(u) Physician Assistant, Step 5: $143,000.00",
        "(u) Physician Assistant, Step 5: $136,000.00",
    ),
    (
        "(v) Physician Assistant, Step 6: $147,000.00",
        "(v) Physician Assistant, Step 6: $139,500.00",
    ),
    (
        "(w) Physician Assistant, Step 7: $151,000.00",
        "(w) Physician Assistant, Step 7: $143,000.00",
    ),
    (
        "(x) Physician Assistant, Step 8: $155,000.00",
        "(x) Physician Assistant, Step 8: $146,500.00",
    ),
]
_WAGE_TABLE_U11 = [
    ("(a) Physician, Step 1: $234,000.00", "(a) Physician, Step 1: $241,000.00"),
    ("(b) Physician, Step 2: $240,000.00", "(b) Physician, Step 2: $248,000.00"),
    ("(c) Physician, Step 3: $246,000.00", "(c) Physician, Step 3: $255,000.00"),
    ("(d) Physician, Step 4: $252,000.00", "(d) Physician, Step 4: $262,000.00"),
    ("(e) Physician, Step 5: $258,000.00", "(e) Physician, Step 5: $269,000.00"),
    ("(f) Physician, Step 6: $264,000.00", "(f) Physician, Step 6: $276,000.00"),
    ("(g) Physician, Step 7: $270,000.00", "(g) Physician, Step 7: $283,000.00"),
    ("(h) Physician, Step 8: $276,000.00", "(h) Physician, Step 8: $290,000.00"),
    ("(i) Nurse Practitioner, Step 1: $124,000.00", "(i) Nurse Practitioner, Step 1: $127,000.00"),
    ("(j) Nurse Practitioner, Step 2: $127,500.00", "(j) Nurse Practitioner, Step 2: $131,000.00"),
    ("(k) Nurse Practitioner, Step 3: $131,000.00", "(k) Nurse Practitioner, Step 3: $135,000.00"),
    ("(l) Nurse Practitioner, Step 4: $134,500.00", "(l) Nurse Practitioner, Step 4: $139,000.00"),
    ("(m) Nurse Practitioner, Step 5: $138,000.00", "(m) Nurse Practitioner, Step 5: $143,000.00"),
    ("(n) Nurse Practitioner, Step 6: $141,500.00", "(n) Nurse Practitioner, Step 6: $147,000.00"),
    ("(o) Nurse Practitioner, Step 7: $145,000.00", "(o) Nurse Practitioner, Step 7: $151,000.00"),
    ("(p) Nurse Practitioner, Step 8: $148,500.00", "(p) Nurse Practitioner, Step 8: $155,000.00"),
    (
        "(q) Physician Assistant, Step 1: $122,000.00",
        "(q) Physician Assistant, Step 1: $125,000.00",
    ),
    (
        "(r) Physician Assistant, Step 2: $125,500.00",
        "(r) Physician Assistant, Step 2: $129,000.00",
    ),
    (
        "(s) Physician Assistant, Step 3: $129,000.00",
        "(s) Physician Assistant, Step 3: $133,000.00",
    ),
    (
        "(t) Physician Assistant, Step 4: $132,500.00",
        "(t) Physician Assistant, Step 4: $137,000.00",
    ),
    (
        "(u) Physician Assistant, Step 5: $136,000.00",
        "(u) Physician Assistant, Step 5: $141,000.00",
    ),
    (
        "(v) Physician Assistant, Step 6: $139,500.00",
        "(v) Physician Assistant, Step 6: $145,000.00",
    ),
    (
        "(w) Physician Assistant, Step 7: $143,000.00",
        "(w) Physician Assistant, Step 7: $149,000.00",
    ),
    (
        "(x) Physician Assistant, Step 8: $146,500.00",
        "(x) Physician Assistant, Step 8: $153,000.00",
    ),
]

S1 = "2024-02-20"
S2 = "2024-03-19"
S3 = "2024-04-23"
S4 = "2024-05-21"
S5 = "2024-06-25"
S6 = "2024-08-13"
S7 = "2024-09-24"
S8 = "2024-11-05"
S9 = "2024-12-17"
S10 = "2025-02-11"
S11 = "2025-04-08"
S12 = "2025-06-03"

STORY: list[Propose | Withdraw | TA] = [
    # Session 1: openers. The union opens on everything except the two articles management
    # brings to every first contract.
    Propose(
        S1,
        "union",
        {
            "recognition": [],
            "definitions": [],
            "union-rights": [],
            "scheduling": [],
            "staffing": [],
            "admin-time": [],
            "workload": [],
            "pto": [],
            "wages": [],
            "benefits": [],
            "safety": [],
            "mentorship": [],
            "lmc": [],
            "discipline": [],
            "grievance": [],
            "duration": [],
            "parking": [],
            "preamble": [],
            "appendix-a": [],
            "telehealth-letter": [],
        },
        "Union opening proposals",
    ),
    Propose(
        S1,
        "employer",
        {"management-rights": [], "no-strike": []},
        "Employer opening proposals on management rights and no strike/no lockout",
    ),
    # Session 2: the employer's first counters on the non-economic articles.
    Propose(
        S2,
        "employer",
        {
            "recognition": [
                (
                    "within one hundred (100) miles of its Minneapolis administrative offices",
                    "within twenty-five (25) miles of its Minneapolis administrative offices",
                ),
                (
                    "shall be accreted to the bargaining unit ninety (90) days after the location begins seeing patients, provided the Union demonstrates majority support among those Clinicians by signed authorization cards verified by a neutral third party.",
                    "may be added to the bargaining unit only upon certification by the National Labor Relations Board.",
                ),
                (
                    "shall not exceed forty percent (40%) of a full-time panel",
                    "shall not exceed sixty percent (60%) of a full-time panel",
                ),
                (
                    "The Employer shall not subcontract, transfer or lease bargaining unit work to a third party, including virtual-care vendors and retail-clinic partners, if doing so would result in the layoff, reduction in hours or reduction in panel of any bargaining unit member.",
                    "The Employer retains the right to subcontract bargaining unit work, including to virtual-care vendors and retail-clinic partners, provided that no bargaining unit member is laid off as a direct result.",
                ),
                (
                    " Restrictive covenants and non-compete provisions in individual agreements shall not be enforced against any bargaining unit member.",
                    "",
                ),
            ],
            "definitions": [
                (
                    "consisting of thirty-two (32) hours of scheduled patient care and eight (8) hours of protected administrative time",
                    "consisting of thirty-six (36) hours of scheduled patient care and four (4) hours of protected administrative time",
                ),
                ("regularly scheduled at 0.9 FTE or above.", "regularly scheduled at 1.0 FTE."),
                ("but below 0.9 FTE", "but below 1.0 FTE"),
                (
                    "layoff with recall rights of twenty-four (24) months or less",
                    "layoff with recall rights of twelve (12) months or less",
                ),
                (
                    "including service with a predecessor organization acquired by the Employer",
                    "excluding service with any predecessor organization",
                ),
                (
                    "means the first one hundred eighty (180) days of employment",
                    "means the first three hundred sixty-five (365) days of employment",
                ),
            ],
            "union-rights": [
                (
                    "The Union shall be given forty-five (45) minutes during each new Clinician orientation, without management present,",
                    "The Union shall be given twenty (20) minutes during each new Clinician orientation",
                ),
                (
                    "(e) work electronic mail address, home address, personal electronic mail address and personal telephone number, to the extent on file;\n(f) current panel size and adjusted panel size.",
                    "(e) work electronic mail address and home address.",
                ),
                (
                    "Clinicians may use the Employer's electronic mail and messaging systems to communicate about Union business, provided that such use does not interfere with patient care and complies with the Employer's policies on patient privacy and information security.",
                    "Use of the Employer's electronic mail and messaging systems shall be governed by the Employer's acceptable use policy.",
                ),
                (
                    "The Employer shall release up to ten (10) Clinicians",
                    "The Employer shall release up to five (5) Clinicians",
                ),
                (
                    "without loss of pay or benefits, for all negotiation sessions",
                    "without loss of pay or benefits, for up to four (4) hours per negotiation session",
                ),
                (
                    "the Employer shall grant the Union a bank of four hundred (400) hours of paid release time",
                    "the Employer shall grant the Union a bank of two hundred (200) hours of paid release time",
                ),
            ],
            "scheduling": [
                (
                    "at least twelve (12) weeks in advance of the first day of the schedule",
                    "at least six (6) weeks in advance of the first day of the schedule",
                ),
                (
                    "provided that the affected Clinician receives at least twenty-one (21) days' notice.",
                    "provided that the affected Clinician receives at least seven (7) days' notice;\n(d) to meet patient access needs, as determined by the Employer.",
                ),
                (
                    "at least ninety (90) days' written notice of any permanent change",
                    "at least thirty (30) days' written notice of any permanent change",
                ),
                (
                    "Such requests shall not be unreasonably denied.",
                    "The Employer may grant such requests at its discretion, subject to patient access needs.",
                ),
                (
                    "No Clinician shall be required to accept more than two (2) same-day add-on appointments",
                    "No Clinician shall be required to accept more than three (3) same-day add-on appointments",
                ),
            ],
            "mentorship": [
                (
                    "(c) no active discipline above the level of a written warning.",
                    "(c) no active discipline;\n(d) the approval of the mentor's supervisor.",
                ),
                (
                    "Either the mentor or the mentee may ask the Coordinator for a new match at any time without stating a reason, and such a request shall not be recorded in either Clinician's personnel file.",
                    "Either the mentor or the mentee may ask the Coordinator for a new match.",
                ),
                (
                    "Each mentor shall receive two (2) hours per month of protected time for each mentee",
                    "Each mentor shall receive one (1) hour per month of protected time for each mentee",
                ),
                (
                    "shall receive a stipend of two thousand four hundred dollars ($2,400.00) per year for each mentee",
                    "shall receive a stipend of one thousand two hundred dollars ($1,200.00) per year for each mentee",
                ),
                (
                    "a stipend of six thousand dollars ($6,000.00) per year",
                    "a stipend of three thousand dollars ($3,000.00) per year",
                ),
            ],
            "lmc": [
                (
                    "The Committee shall consist of six (6) members appointed by the Union, of whom at least two (2) shall be Advanced Practice Clinicians, and six (6) members appointed by the Employer",
                    "The Committee shall consist of four (4) members appointed by the Union, of whom at least one (1) shall be an Advanced Practice Clinician, and four (4) members appointed by the Employer",
                ),
                (
                    "The Committee shall meet monthly during the first year of this Agreement and at least every other month thereafter, unless",
                    "The Committee shall meet at least quarterly, unless",
                ),
                (
                    "Clinicians shall attend on paid time, and the Employer shall block their schedules for the meeting and for one (1) hour of preparation time.",
                    "Clinicians shall attend on paid time.",
                ),
                (
                    "the Joint Safety Committee and the Mentorship Program;\n(g) quality and productivity metrics as provided in Article 8 (Workload and Productivity Metrics).",
                    "the Joint Safety Committee and the Mentorship Program.",
                ),
                (
                    "and the other party shall not unreasonably refuse",
                    "and the other party may agree",
                ),
            ],
            "discipline": [
                (
                    "Except for serious misconduct that warrants immediate suspension or discharge, discipline shall be progressive",
                    "Except for serious misconduct or conduct that the Employer determines warrants immediate suspension or discharge, discipline shall ordinarily be progressive",
                ),
                (
                    "suspension without pay of no more than three (3) scheduled days;",
                    "suspension without pay of no more than ten (10) scheduled days;",
                ),
                (
                    "(d) discharge.\nCoaching, counseling, performance improvement plans and focused professional practice evaluations are not discipline and shall not be cited as a step of progressive discipline.",
                    "(d) discharge.",
                ),
                (
                    "shall complete the investigation within thirty (30) days of the date",
                    "shall make reasonable efforts to complete the investigation within sixty (60) days of the date",
                ),
                (
                    "after twelve (12) months, and final written warnings and suspensions after twenty-four (24) months,",
                    "after twenty-four (24) months, and final written warnings and suspensions after thirty-six (36) months,",
                ),
                (
                    "within forty-five (45) days after the Employer knew",
                    "within ninety (90) days after the Employer knew",
                ),
            ],
        },
        "Employer counterproposals on recognition, definitions, union rights, scheduling, mentorship, LMC and discipline",
    ),
    Propose(
        S2,
        "union",
        {
            "management-rights": [
                (
                    "Except as expressly and specifically limited by the terms of this Agreement, the Employer retains all rights, powers and authority it had prior to the recognition of the Union, including but not limited to the right to:",
                    "Except as limited by this Agreement, the Employer retains the right to:",
                ),
                (
                    "(e) determine the methods, means, technology and personnel by which patient care is provided, including telehealth, electronic health record systems and artificial intelligence tools;",
                    "(e) determine the methods, means and technology by which patient care is provided, subject to Article 8 (Workload and Productivity Metrics);",
                ),
                (
                    "(h) relieve Clinicians from duty because of lack of work or other legitimate reasons;\n(i) take whatever action",
                    "(h) take whatever action",
                ),
                (
                    "Upon request, the Employer shall meet with the Union to discuss the policy, but such discussion shall not delay its implementation.",
                    "Upon request, the Employer shall bargain with the Union over any policy that affects wages, hours or working conditions before implementing it.",
                ),
                (
                    "and the Employer shall have no obligation to bargain during its term over any matter covered by this Agreement.",
                    "and neither party shall be required to bargain during its term over any matter expressly covered by this Agreement.",
                ),
            ],
            "no-strike": [
                (
                    "The only question that may be raised in a grievance concerning such discipline is whether the Clinician participated in the prohibited conduct.",
                    "Such discipline shall be subject to Article 16 (Grievance and Arbitration).",
                ),
                (
                    "provided that the Clinician gives the supervisor at least twenty-four (24) hours' notice and that the refusal",
                    "provided that the refusal",
                ),
            ],
        },
        "Union counterproposals on management rights and no strike/no lockout",
    ),
    # Session 3: the employer answers on staffing, protected time and workload; the union
    # moves on scheduling and the LMC.
    Propose(
        S3,
        "employer",
        {
            "staffing": [
                (
                    "The Employer shall maintain at each clinic location, for each 1.0 FTE Clinician, no fewer than the following care team members:",
                    "The Employer shall maintain at each clinic location, for each 1.0 FTE Clinician, the following care team members, subject to the availability of qualified applicants:",
                ),
                (
                    "(a) Medical assistants or licensed practical nurses: 2.0 FTE per 1.0 FTE Physician and 1.5 FTE per 1.0 FTE Advanced Practice Clinician;",
                    "(a) Medical assistants or licensed practical nurses: 1.5 FTE per 1.0 FTE Physician and 1.0 FTE per 1.0 FTE Advanced Practice Clinician;",
                ),
                (
                    "(b) Registered nurses: 0.5 FTE per 1.0 FTE Clinician,",
                    "(b) Registered nurses: 0.25 FTE per 1.0 FTE Clinician,",
                ),
                (
                    "(c) Patient service representatives: 1.0 FTE per 1.0 FTE Clinician;",
                    "(c) Patient service representatives: 0.75 FTE per 1.0 FTE Clinician;",
                ),
                (
                    "(e) Behavioral health clinicians: 1.0 FTE per eight (8) FTE Clinicians at each clinic location;\n(f) Care coordinators or social workers: 1.0 FTE per six (6) FTE Clinicians at each clinic location.",
                    "(e) Behavioral health clinicians: 1.0 FTE per fifteen (15) FTE Clinicians at each clinic location or group of locations designated by the Employer.",
                ),
                (
                    "When an interpreter is used, the Employer shall schedule the visit for at least one and one-half (1.5) times the standard visit length.",
                    "When an interpreter is used, the Clinician may request additional visit time, which the Employer shall grant when clinically appropriate.",
                ),
                (
                    "the Clinician's schedule for that session shall be reduced by at least twenty-five percent (25%) of scheduled visits, without loss of pay or productivity credit.",
                    "the supervisor may reduce the Clinician's schedule for that session at the supervisor's discretion.",
                ),
                (
                    "shall not exceed one thousand six hundred (1,600) patients",
                    "shall not exceed two thousand one hundred (2,100) patients",
                ),
                (
                    "shall not exceed one thousand one hundred (1,100) patients",
                    "shall not exceed one thousand six hundred (1,600) patients",
                ),
                (
                    " An arbitrator who finds a violation may order the Employer to hire to the required level within a specific time and may award each affected Clinician two hundred dollars ($200.00) for each session worked below ratio.",
                    "",
                ),
                (
                    "within six (6) months of ratification of this Agreement and at all clinic locations within twelve (12) months",
                    "within eighteen (18) months of ratification of this Agreement and at all clinic locations within thirty-six (36) months",
                ),
            ],
            "admin-time": [
                (
                    "Each 1.0 FTE Clinician shall receive eight (8) hours per week of protected administrative time, scheduled as two (2) blocks of four (4) hours or as one (1) block of four (4) hours plus four (4) blocks of one (1) hour, at the Clinician's election.",
                    "Each 1.0 FTE Clinician shall receive four (4) hours per week of protected administrative time, scheduled as one (1) block of four (4) hours or as four (4) blocks of one (1) hour, at the Employer's discretion.",
                ),
                (", but no Clinician shall receive less than four (4) hours per week.", "."),
                (
                    "(c) for a meeting required by law or accreditation that cannot reasonably be scheduled at another time, provided the Clinician receives equivalent protected time within the same pay period.",
                    "(c) for a meeting required by law or accreditation that cannot reasonably be scheduled at another time;\n(d) when patient access needs require, as determined by the supervisor.",
                ),
                (
                    "the Clinician shall receive, at the Clinician's option, replacement protected time within fourteen (14) days or payment for the lost time at the extra session rate provided in Article 10 (Wages), prorated by the hour.",
                    "the Employer shall make reasonable efforts to provide replacement protected time within thirty (30) days.",
                ),
                (
                    "in excess of eight (8) hours per calendar month",
                    "in excess of twenty-four (24) hours per calendar month",
                ),
                (
                    "(b) months three (3) and four (4): visit template at seventy-five percent (75%) of the standard template;\n(c) months five (5) and six (6): visit template at ninety percent (90%) of the standard template.",
                    "(b) months three (3) and four (4): visit template at seventy-five percent (75%) of the standard template.",
                ),
            ],
            "workload": [
                (
                    "(a) Physicians: ten (10) patient visits per four (4) hour session, of which at least two (2) shall be forty (40) minute slots for new patients, annual examinations and complex visits and the remainder twenty (20) minute slots;",
                    "(a) Physicians: twelve (12) patient visits per four (4) hour session, in slots of twenty (20) minutes, with forty (40) minute slots for new patients and annual examinations as scheduling permits;",
                ),
                (
                    "(b) Advanced Practice Clinicians: nine (9) patient visits per four (4) hour session, of which at least three (3) shall be forty (40) minute slots;",
                    "(b) Advanced Practice Clinicians: eleven (11) patient visits per four (4) hour session;",
                ),
                (
                    "(a) No Clinician shall be disciplined, denied a step increase or subjected to a reduction in compensation based on productivity metrics.",
                    "(a) No Clinician shall be disciplined based solely on productivity metrics.",
                ),
                (
                    "(c) Any productivity target shall be adjusted for the Clinician's FTE, protected time, approved leave and the panel complexity measured in Appendix C.\n(d) The Employer shall provide each Clinician with a monthly statement of the Clinician's productivity data and the methodology used to calculate it.",
                    "(c) Any productivity target shall be adjusted for the Clinician's FTE and approved leave.",
                ),
                (
                    "Patient experience survey results shall not be used as the basis of discipline or of any compensation decision for any Clinician.",
                    "Patient experience survey results shall not be the sole basis of discipline for any Clinician.",
                ),
                (
                    "at least ninety (90) days' written notice before deploying",
                    "at least thirty (30) days' written notice before deploying",
                ),
            ],
            "safety": [
                (
                    "The Clinician shall not be disciplined, lose pay or receive negative productivity consequences for exercising this right in good faith.",
                    "The Clinician shall not be disciplined for exercising this right in good faith.",
                ),
                (
                    "composed of three (3) Clinicians appointed by the Union and three (3) representatives appointed by the Employer",
                    "composed of two (2) Clinicians appointed by the Union and two (2) representatives appointed by the Employer",
                ),
                (
                    "sufficient for at least ninety (90) days of operation",
                    "sufficient for at least thirty (30) days of operation",
                ),
                (
                    "No Clinician shall be required to see patients when fewer than two (2) other staff members are present in the clinic.",
                    "The Employer shall make reasonable efforts to ensure that at least one (1) other staff member is present in the clinic when a Clinician is seeing patients.",
                ),
                (
                    "including by seeking removal of the content and providing legal counsel where appropriate",
                    "as the Employer determines appropriate",
                ),
                (
                    "for up to thirty (30) scheduled days, and thereafter",
                    "for up to five (5) scheduled days, and thereafter",
                ),
                (
                    " The Employer shall pay the Clinician's reasonable costs of counseling not covered by insurance.",
                    "",
                ),
            ],
            "grievance": [
                (
                    "within forty-five (45) days after the Clinician or the Union knew",
                    "within twenty-one (21) days after the Clinician or the Union knew",
                ),
                (
                    "agree on a panel of seven (7) arbitrators",
                    "agree on a panel of five (5) arbitrators",
                ),
                (
                    "By mutual agreement, or at the Union's election for grievances concerning discipline short of discharge, scheduling, protected administrative time or PTO, a grievance shall be heard",
                    "By mutual agreement, a grievance may be heard",
                ),
                (
                    "Each party shall bear the cost of its own representatives and witnesses, except that Clinicians who testify shall be released from work without loss of pay.",
                    "Each party shall bear the cost of its own representatives and witnesses.",
                ),
                (
                    "provided that no remedy shall extend more than one (1) year before",
                    "provided that no remedy shall extend more than thirty (30) days before",
                ),
                (
                    "shall be heard by the Vice President of Labor Relations within seven (7) days of filing",
                    "shall be heard by the Vice President of Labor Relations within twenty (20) days of filing",
                ),
            ],
            "parking": [
                (
                    "The Employer shall provide free, reserved parking to each Clinician",
                    "The Employer shall make parking available to each Clinician, at the rate charged to other employees,",
                ),
                (
                    "the Employer shall pay the full cost of a monthly contract space",
                    "the Employer shall pay fifty percent (50%) of the cost of a monthly contract space",
                ),
                (
                    "at no fewer than ten percent (10%) of the parking spaces",
                    "at no fewer than two percent (2%) of the parking spaces",
                ),
            ],
        },
        "Employer counterproposals on staffing, protected time, workload, safety, grievance and parking",
    ),
    Propose(
        S3,
        "union",
        {
            "definitions": [
                (
                    "thirty-six (36) hours of scheduled patient care and four (4) hours",
                    "thirty-two (32) hours of scheduled patient care and eight (8) hours",
                ),
                (
                    "layoff with recall rights of twelve (12) months or less",
                    "layoff with recall rights of eighteen (18) months or less",
                ),
                (
                    "excluding service with any predecessor organization",
                    "including service with a predecessor organization acquired by the Employer after January 1, 2020",
                ),
                (
                    "means the first three hundred sixty-five (365) days of employment",
                    "means the first two hundred seventy (270) days of employment",
                ),
            ],
            "scheduling": [
                ("at least six (6) weeks in advance", "at least ten (10) weeks in advance"),
                (
                    "at least seven (7) days' notice;\n(d) to meet patient access needs, as determined by the Employer.",
                    "at least fourteen (14) days' notice.",
                ),
                (
                    "at least thirty (30) days' written notice of any permanent change",
                    "at least sixty (60) days' written notice of any permanent change",
                ),
                (
                    "The Employer may grant such requests at its discretion, subject to patient access needs.",
                    "Such requests shall not be unreasonably denied, and a denial shall state the patient access needs on which it is based.",
                ),
            ],
            "lmc": [
                (
                    "The Committee shall consist of four (4) members appointed by the Union, of whom at least one (1) shall be an Advanced Practice Clinician, and four (4) members",
                    "The Committee shall consist of five (5) members appointed by the Union, of whom at least two (2) shall be Advanced Practice Clinicians, and five (5) members",
                ),
                (
                    "The Committee shall meet at least quarterly, unless",
                    "The Committee shall meet monthly during the first year of this Agreement and at least quarterly thereafter, unless",
                ),
                (
                    "Clinicians shall attend on paid time.",
                    "Clinicians shall attend on paid time, and the Employer shall block their schedules for the meeting.",
                ),
                (
                    "the Joint Safety Committee and the Mentorship Program.",
                    "the Joint Safety Committee and the Mentorship Program;\n(g) quality and productivity metrics as provided in Article 8 (Workload and Productivity Metrics).",
                ),
            ],
        },
        "Union counterproposals on definitions, scheduling and the labor-management committee",
    ),
    # Session 4: the employer's first economic package, which cuts pay. The LMC is the first TA.
    Propose(
        S4,
        "union",
        {
            "recognition": [
                ("within twenty-five (25) miles of", "within seventy-five (75) miles of"),
                (
                    "may be added to the bargaining unit only upon certification by the National Labor Relations Board.",
                    "shall be accreted to the bargaining unit upon a showing of majority support by signed authorization cards verified by a neutral third party.",
                ),
                (
                    "shall not exceed sixty percent (60%) of a full-time panel",
                    "shall not exceed fifty percent (50%) of a full-time panel",
                ),
            ],
            "union-rights": [
                (
                    "twenty (20) minutes during each new Clinician orientation",
                    "thirty (30) minutes during each new Clinician orientation, without management present,",
                ),
                (
                    "(e) work electronic mail address and home address.",
                    "(e) work electronic mail address, home address, personal electronic mail address and personal telephone number, to the extent on file.",
                ),
                (
                    "The Employer shall release up to five (5) Clinicians",
                    "The Employer shall release up to eight (8) Clinicians",
                ),
                (
                    "for up to four (4) hours per negotiation session",
                    "for all negotiation sessions",
                ),
            ],
            "mentorship": [
                (
                    "(c) no active discipline;\n(d) the approval of the mentor's supervisor.",
                    "(c) no active discipline above the level of a written warning.",
                ),
                (
                    "Either the mentor or the mentee may ask the Coordinator for a new match.",
                    "Either the mentor or the mentee may ask the Coordinator for a new match at any time, and such a request shall not be recorded in either Clinician's personnel file.",
                ),
                (
                    "Each mentor shall receive one (1) hour per month",
                    "Each mentor shall receive one and one-half (1.5) hours per month",
                ),
                (
                    "stipend of one thousand two hundred dollars ($1,200.00) per year for each mentee",
                    "stipend of one thousand eight hundred dollars ($1,800.00) per year for each mentee",
                ),
            ],
            "discipline": [
                ("no more than ten (10) scheduled days;", "no more than five (5) scheduled days;"),
                (
                    "(d) discharge.",
                    "(d) discharge.\nCoaching, counseling and performance improvement plans are not discipline and shall not be cited as a step of progressive discipline.",
                ),
                (
                    "shall make reasonable efforts to complete the investigation within sixty (60) days",
                    "shall complete the investigation within forty-five (45) days",
                ),
            ],
        },
        "Union counterproposals on recognition, union rights, mentorship and discipline",
    ),
    Propose(
        S4,
        "employer",
        {
            "pto": [
                (
                    "(a) less than three (3) years of seniority: two hundred forty (240) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred eighty (280) hours per year;\n(c) eight (8) years of seniority or more: three hundred twenty (320) hours per year.",
                    "(a) less than five (5) years of seniority: one hundred ninety-two (192) hours per year;\n(b) five (5) years but less than ten (10) years of seniority: two hundred thirty-two (232) hours per year;\n(c) ten (10) years of seniority or more: two hundred seventy-two (272) hours per year.",
                ),
                (
                    "may be used as it accrues, including during the probationary period.",
                    "may be used as it accrues, except that PTO may not be used during the first ninety (90) days of employment.",
                ),
                (
                    "more than twenty-five percent (25%) of the Clinicians",
                    "more than fifteen percent (15%) of the Clinicians",
                ),
                (
                    "are already approved for time off on the same date.\n(d) A request not answered within the time limits in this Section shall be deemed granted.",
                    "are already approved for time off on the same date.",
                ),
                (
                    "no more than two (2) weeks per calendar year",
                    "no more than four (4) weeks per calendar year",
                ),
                (
                    "(a) Physicians: four thousand dollars ($4,000.00) per contract year;\n(b) Advanced Practice Clinicians: three thousand dollars ($3,000.00) per contract year.",
                    "(a) Physicians: three thousand dollars ($3,000.00) per contract year;\n(b) Advanced Practice Clinicians: two thousand dollars ($2,000.00) per contract year.",
                ),
                (
                    "shall receive up to twelve (12) weeks of paid parental leave at one hundred percent (100%) of base salary",
                    "shall receive up to four (4) weeks of paid parental leave at sixty percent (60%) of base salary",
                ),
                (
                    "each Clinician shall receive two (2) paid wellness days per contract year, in addition to PTO,",
                    "each Clinician may use PTO for up to two (2) wellness days per contract year,",
                ),
                (
                    "for a sabbatical of up to eight (8) weeks at fifty percent (50%) of base salary",
                    "for an unpaid sabbatical of up to eight (8) weeks",
                ),
            ],
            "wages": [
                *_WAGE_TABLE_E4,
                (
                    "10.3 No Reduction in Pay. No Clinician shall suffer a reduction in annual base salary, or in total cash compensation averaged over the twelve (12) months before ratification, as a result of the implementation of this Agreement. A Clinician whose base salary on the date of ratification exceeds the salary for the Clinician's step shall retain that salary and shall receive the general increases in Section 10.5 on it.",
                    "10.3 Transition to the Schedule. A Clinician whose base salary on the date of ratification exceeds the salary for the Clinician's step shall be paid at the salary for the Clinician's step beginning with the first full pay period ninety (90) days after ratification.",
                ),
                (
                    "(a) Effective July 1, 2025: four percent (4.0%);\n(b) Effective July 1, 2026: four percent (4.0%);\n(c) Effective July 1, 2027: three and one-half percent (3.5%).",
                    "(a) Effective July 1, 2025: one percent (1.0%);\n(b) Effective July 1, 2026: one and one-half percent (1.5%);\n(c) Effective July 1, 2027: one and one-half percent (1.5%).",
                ),
                (
                    "(b) fifteen (15) or more years of seniority: five thousand dollars ($5,000.00);\n(c) twenty (20) or more years of seniority: seven thousand five hundred dollars ($7,500.00).",
                    "(b) fifteen (15) or more years of seniority: four thousand dollars ($4,000.00).",
                ),
                (
                    "The Employer may offer incentive payments tied to quality or access goals, provided that any incentive program applicable to bargaining unit members shall be negotiated with the Union, shall be based on care-team or clinic-level results,",
                    "The Employer may offer incentive payments tied to quality, access or productivity goals, provided that any incentive program applicable to bargaining unit members shall be disclosed to the Union,",
                ),
                (
                    "Incentive payments shall not exceed five percent (5%) of base salary for any Clinician.",
                    "Incentive payments may be up to fifteen percent (15%) of base salary for any Clinician.",
                ),
                (
                    "ten thousand dollars ($10,000.00) per contract year for Physicians and six thousand dollars ($6,000.00) per contract year",
                    "five thousand dollars ($5,000.00) per contract year for Physicians and three thousand dollars ($3,000.00) per contract year",
                ),
                (
                    "shall be retroactive to July 1, 2024 for all Clinicians employed on the date of ratification, and retroactive payments shall be made in a separate check within sixty (60) days of ratification.",
                    "shall not be retroactive.",
                ),
            ],
            "benefits": [
                (
                    "(a) employee-only coverage: ninety percent (90%);\n(b) employee plus spouse or domestic partner, employee plus children, and family coverage: eighty-five percent (85%).",
                    "(a) employee-only coverage: eighty percent (80%);\n(b) employee plus spouse or domestic partner, employee plus children, and family coverage: seventy percent (70%).",
                ),
                (
                    "Part-time Clinicians at 0.5 FTE or above shall receive the same premium contribution as full-time Clinicians.",
                    "The Employer's contribution for part-time Clinicians shall be prorated by FTE.",
                ),
                (
                    "one thousand five hundred dollars ($1,500.00) per year for employee-only coverage and three thousand dollars ($3,000.00) per year",
                    "seven hundred fifty dollars ($750.00) per year for employee-only coverage and one thousand five hundred dollars ($1,500.00) per year",
                ),
                (
                    "(a) a non-elective contribution of four percent (4%) of base salary, regardless of whether the Clinician contributes;\n(b) a matching contribution of one hundred percent (100%) of the Clinician's elective deferrals up to six percent (6%) of base salary.",
                    "(a) a matching contribution of fifty percent (50%) of the Clinician's elective deferrals up to six percent (6%) of base salary.",
                ),
                (
                    "Employer contributions shall vest immediately.",
                    "Employer contributions shall vest after three (3) years of service.",
                ),
                (
                    "and the Employer shall contribute two hundred fifty dollars ($250.00) per month toward the premium for up to five (5) years",
                    "at the Clinician's own expense",
                ),
            ],
            "duration": [
                ("through June 30, 2028", "through June 30, 2029"),
                ("after June 30, 2028", "after June 30, 2029"),
                (
                    "effective January 1, 2027 by written notice given between July 1 and August 31, 2026.",
                    "effective January 1, 2028 by written notice given between July 1 and August 31, 2027.",
                ),
            ],
            "lmc": [
                (
                    "and the other party may agree",
                    "and the other party shall consider the request in good faith",
                ),
            ],
            "appendix-a": [
                ("| Physician | $150.00 | $300.00 | $200.00 | $100.00 |", "| Physician | $100.00 | $200.00 | $150.00 | $75.00 |"),
                ("| Nurse Practitioner | $150.00 | $300.00 | $200.00 | $100.00 |", "| Nurse Practitioner | $75.00 | $150.00 | $100.00 | $75.00 |"),
                ("| Physician Assistant | $150.00 | $300.00 | $200.00 | $100.00 |", "| Physician Assistant | $75.00 | $150.00 | $100.00 | $75.00 |"),
            ],
            "telehealth-letter": [("up to six (6) clinic locations", "up to three (3) clinic locations")],
        },
        "Employer economic proposal (wages, PTO, benefits, duration) and LMC counter",
    ),
    TA(S4, "lmc", UNION_SIGN, EMPLOYER_SIGN),
    # Session 5: the union answers on staffing (moving 6.19's last paragraph into the
    # Staffing Committee section), protected time, safety and grievances. Mentorship is TA'd.
    # The employer does not answer the union's May discipline proposal.
    Propose(
        S5,
        "union",
        {
            "staffing": [
                (
                    "the following care team members, subject to the availability of qualified applicants:",
                    "no fewer than the following care team members:",
                ),
                (
                    "1.5 FTE per 1.0 FTE Physician and 1.0 FTE per 1.0 FTE Advanced Practice Clinician;",
                    "1.8 FTE per 1.0 FTE Physician and 1.3 FTE per 1.0 FTE Advanced Practice Clinician;",
                ),
                (
                    "(b) Registered nurses: 0.25 FTE per 1.0 FTE Clinician,",
                    "(b) Registered nurses: 0.4 FTE per 1.0 FTE Clinician,",
                ),
                (
                    "(e) Behavioral health clinicians: 1.0 FTE per fifteen (15) FTE Clinicians at each clinic location or group of locations designated by the Employer.",
                    "(e) Behavioral health clinicians: 1.0 FTE per ten (10) FTE Clinicians at each clinic location;\n(f) Care coordinators or social workers: 1.0 FTE per eight (8) FTE Clinicians at each clinic location.",
                ),
                (
                    "When an interpreter is used, the Clinician may request additional visit time, which the Employer shall grant when clinically appropriate.",
                    "When an interpreter is used, the Employer shall schedule the visit for at least one and one-quarter (1.25) times the standard visit length.",
                ),
                (
                    "the supervisor may reduce the Clinician's schedule for that session at the supervisor's discretion.",
                    "the Clinician's schedule for that session shall be reduced by at least fifteen percent (15%) of scheduled visits, without loss of pay or productivity credit.",
                ),
                (
                    "two thousand one hundred (2,100) patients",
                    "one thousand eight hundred (1,800) patients",
                ),
                (
                    "one thousand six hundred (1,600) patients. Panel size",
                    "one thousand three hundred (1,300) patients. Panel size",
                ),
                (
                    "\nThe Staffing Committee shall review standing orders annually and may recommend additional protocols.",
                    "",
                ),
                (
                    "stating whether it accepts the recommendation and, if not, its reasons.",
                    "stating whether it accepts the recommendation and, if not, its reasons.\nThe Staffing Committee shall review standing orders annually and may recommend additional protocols.",
                ),
                (
                    "within eighteen (18) months of ratification of this Agreement and at all clinic locations within thirty-six (36) months",
                    "within twelve (12) months of ratification of this Agreement and at all clinic locations within twenty-four (24) months",
                ),
            ],
            "admin-time": [
                (
                    "receive four (4) hours per week of protected administrative time, scheduled as one (1) block of four (4) hours or as four (4) blocks of one (1) hour, at the Employer's discretion.",
                    "receive six (6) hours per week of protected administrative time, scheduled as one (1) block of four (4) hours plus two (2) blocks of one (1) hour, at the Clinician's election.",
                ),
                (
                    "(c) for a meeting required by law or accreditation that cannot reasonably be scheduled at another time;\n(d) when patient access needs require, as determined by the supervisor.",
                    "(c) for a meeting required by law or accreditation that cannot reasonably be scheduled at another time, provided the Clinician receives equivalent protected time within the same pay period.",
                ),
                (
                    "the Employer shall make reasonable efforts to provide replacement protected time within thirty (30) days.",
                    "the Clinician shall receive, at the Clinician's option, replacement protected time within twenty-one (21) days or payment for the lost time at the extra session rate provided in Article 10 (Wages), prorated by the hour.",
                ),
                (
                    "in excess of twenty-four (24) hours per calendar month",
                    "in excess of twelve (12) hours per calendar month",
                ),
            ],
            "safety": [
                (
                    "The Clinician shall not be disciplined for exercising this right in good faith.",
                    "The Clinician shall not be disciplined or lose pay for exercising this right in good faith.",
                ),
                (
                    "sufficient for at least thirty (30) days of operation",
                    "sufficient for at least sixty (60) days of operation",
                ),
                (
                    "The Employer shall make reasonable efforts to ensure that at least one (1) other staff member is present in the clinic when a Clinician is seeing patients.",
                    "No Clinician shall be required to see patients when no other staff member is present in the clinic, and the Employer shall make reasonable efforts to ensure that at least two (2) other staff members are present.",
                ),
                (
                    "for up to five (5) scheduled days, and thereafter",
                    "for up to twenty (20) scheduled days, and thereafter",
                ),
            ],
            "grievance": [
                (
                    "within twenty-one (21) days after the Clinician or the Union knew",
                    "within thirty-five (35) days after the Clinician or the Union knew",
                ),
                (
                    "By mutual agreement, a grievance may be heard",
                    "By mutual agreement, or at the Union's election for grievances concerning discipline short of discharge, a grievance shall be heard",
                ),
                (
                    "Each party shall bear the cost of its own representatives and witnesses.",
                    "Each party shall bear the cost of its own representatives and witnesses, except that Clinicians who testify shall be released from work without loss of pay.",
                ),
                (
                    "provided that no remedy shall extend more than thirty (30) days before",
                    "provided that no remedy shall extend more than six (6) months before",
                ),
            ],
        },
        "Union counterproposals on staffing, protected time, safety and grievance",
        package="Staffing with protected time",
    ),
    Propose(
        S5,
        "employer",
        {
            "scheduling": [
                ("at least ten (10) weeks in advance", "at least eight (8) weeks in advance"),
                (
                    "at least sixty (60) days' written notice of any permanent change",
                    "at least forty-five (45) days' written notice of any permanent change",
                ),
                (
                    "who arrive more than fifteen (15) minutes after their scheduled appointment time",
                    "who arrive more than twenty (20) minutes after their scheduled appointment time",
                ),
            ],
            "mentorship": [
                ("up to a maximum of three (3) mentees", "up to a maximum of two (2) mentees"),
                (
                    "a stipend of three thousand dollars ($3,000.00) per year",
                    "a stipend of four thousand five hundred dollars ($4,500.00) per year",
                ),
            ],
        },
        "Employer counterproposals on scheduling and mentorship",
    ),
    TA(S5, "mentorship", UNION_SIGN, EMPLOYER_SIGN),
    # Session 6: the union's economic counter; scheduling is TA'd; parking is withdrawn.
    TA(S6, "scheduling", UNION_SIGN, EMPLOYER_SIGN),
    Propose(
        S6,
        "union",
        {
            "pto": [
                (
                    "(a) less than five (5) years of seniority: one hundred ninety-two (192) hours per year;\n(b) five (5) years but less than ten (10) years of seniority: two hundred thirty-two (232) hours per year;\n(c) ten (10) years of seniority or more: two hundred seventy-two (272) hours per year.",
                    "(a) less than three (3) years of seniority: two hundred twenty-four (224) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred sixty-four (264) hours per year;\n(c) eight (8) years of seniority or more: three hundred four (304) hours per year.",
                ),
                (
                    "except that PTO may not be used during the first ninety (90) days of employment.",
                    "including during the probationary period.",
                ),
                (
                    "(a) Physicians: three thousand dollars ($3,000.00) per contract year;\n(b) Advanced Practice Clinicians: two thousand dollars ($2,000.00) per contract year.",
                    "(a) Physicians: three thousand five hundred dollars ($3,500.00) per contract year;\n(b) Advanced Practice Clinicians: two thousand five hundred dollars ($2,500.00) per contract year.",
                ),
                (
                    "up to four (4) weeks of paid parental leave at sixty percent (60%) of base salary",
                    "up to ten (10) weeks of paid parental leave at one hundred percent (100%) of base salary",
                ),
                (
                    "each Clinician may use PTO for up to two (2) wellness days per contract year,",
                    "each Clinician shall receive one (1) paid wellness day per contract year, in addition to PTO,",
                ),
            ],
            "wages": [
                *_WAGE_TABLE_U6,
                (
                    "10.3 Transition to the Schedule. A Clinician whose base salary on the date of ratification exceeds the salary for the Clinician's step shall be paid at the salary for the Clinician's step beginning with the first full pay period ninety (90) days after ratification.",
                    "10.3 No Reduction in Pay. No Clinician shall suffer a reduction in annual base salary as a result of the implementation of this Agreement. A Clinician whose base salary on the date of ratification exceeds the salary for the Clinician's step shall retain that salary and shall receive one-half of the general increases in Section 10.5 on it until the schedule reaches that salary.",
                ),
                (
                    "(a) Effective July 1, 2025: one percent (1.0%);\n(b) Effective July 1, 2026: one and one-half percent (1.5%);\n(c) Effective July 1, 2027: one and one-half percent (1.5%).",
                    "(a) Effective July 1, 2025: three and one-half percent (3.5%);\n(b) Effective July 1, 2026: three and one-half percent (3.5%);\n(c) Effective July 1, 2027: three percent (3.0%).",
                ),
                (
                    "five thousand dollars ($5,000.00) per contract year for Physicians and three thousand dollars ($3,000.00) per contract year",
                    "eight thousand dollars ($8,000.00) per contract year for Physicians and five thousand dollars ($5,000.00) per contract year",
                ),
                (
                    "shall not be retroactive.",
                    "shall be retroactive to January 1, 2025 for all Clinicians employed on the date of ratification.",
                ),
            ],
            "workload": [
                (
                    "(a) Physicians: twelve (12) patient visits per four (4) hour session, in slots of twenty (20) minutes, with forty (40) minute slots for new patients and annual examinations as scheduling permits;",
                    "(a) Physicians: eleven (11) patient visits per four (4) hour session, of which at least one (1) shall be a forty (40) minute slot for a new patient, annual examination or complex visit and the remainder twenty (20) minute slots;",
                ),
                (
                    "(b) Advanced Practice Clinicians: eleven (11) patient visits per four (4) hour session;",
                    "(b) Advanced Practice Clinicians: ten (10) patient visits per four (4) hour session, of which at least two (2) shall be forty (40) minute slots;",
                ),
                (
                    "(c) Any productivity target shall be adjusted for the Clinician's FTE and approved leave.",
                    "(c) Any productivity target shall be adjusted for the Clinician's FTE, protected time, approved leave and the panel complexity measured in Appendix C.\n(d) The Employer shall provide each Clinician with a quarterly statement of the Clinician's productivity data and the methodology used to calculate it.",
                ),
                (
                    "at least thirty (30) days' written notice before deploying",
                    "at least sixty (60) days' written notice before deploying",
                ),
            ],
            "discipline": [
                (
                    "after twenty-four (24) months, and final written warnings and suspensions after thirty-six (36) months,",
                    "after eighteen (18) months, and final written warnings and suspensions after twenty-four (24) months,",
                ),
                (
                    "within ninety (90) days after the Employer knew",
                    "within sixty (60) days after the Employer knew",
                ),
            ],
        },
        "Union economic counterproposal; union moves again on workload and discipline",
    ),
    Propose(
        S6,
        "employer",
        {
            "management-rights": [
                (
                    "(e) determine the methods, means and technology by which patient care is provided, subject to Article 8 (Workload and Productivity Metrics);",
                    "(e) determine the methods, means, technology and personnel by which patient care is provided, including telehealth, subject to Article 8 (Workload and Productivity Metrics);",
                ),
                (
                    "Upon request, the Employer shall bargain with the Union over any policy that affects wages, hours or working conditions before implementing it.",
                    "Upon request, the Employer shall meet with the Union to discuss the policy before its effective date.",
                ),
                ("at least sixty (60) days' notice", "at least thirty (30) days' notice"),
            ],
            "no-strike": [
                (
                    "Such discipline shall be subject to Article 16 (Grievance and Arbitration).",
                    "Such discipline shall be subject to Article 16 (Grievance and Arbitration), but the arbitrator shall not modify the penalty if the Clinician is found to have participated in the prohibited conduct.",
                ),
                (
                    "provided that the refusal",
                    "provided that the Clinician gives the supervisor at least twelve (12) hours' notice and that the refusal",
                ),
            ],
        },
        "Employer counterproposals on management rights and no strike/no lockout",
    ),
    Withdraw(S6, "union", ["parking"], "Union withdraws its parking and travel proposal"),
    # Session 7: the employer moves on staffing (its 6.3 language is the one later agreed),
    # safety and discipline; discipline is TA'd. No employer answer on protected time.
    Propose(
        S7,
        "employer",
        {
            "staffing": [
                (
                    "1.8 FTE per 1.0 FTE Physician and 1.3 FTE per 1.0 FTE Advanced Practice Clinician;",
                    "1.6 FTE per 1.0 FTE Physician and 1.15 FTE per 1.0 FTE Advanced Practice Clinician;",
                ),
                (
                    "(b) Registered nurses: 0.4 FTE per 1.0 FTE Clinician,",
                    "(b) Registered nurses: 0.3 FTE per 1.0 FTE Clinician,",
                ),
                (
                    "(e) Behavioral health clinicians: 1.0 FTE per ten (10) FTE Clinicians at each clinic location;\n(f) Care coordinators or social workers: 1.0 FTE per eight (8) FTE Clinicians at each clinic location.",
                    "(e) Behavioral health clinicians: 1.0 FTE per twelve (12) FTE Clinicians at each clinic location;\n(f) Care coordinators or social workers: 1.0 FTE per twelve (12) FTE Clinicians at each clinic location or group of locations designated by the Employer.",
                ),
                (
                    "qualified medical interpreters, in person or by video, for every patient visit",
                    "qualified medical interpreters, in person, by video or by telephone, for every patient visit",
                ),
                ("one thousand eight hundred (1,800) patients", "two thousand (2,000) patients"),
            ],
            "safety": [
                (
                    "composed of two (2) Clinicians appointed by the Union and two (2) representatives",
                    "composed of three (3) Clinicians appointed by the Union and three (3) representatives",
                ),
                (
                    "for up to twenty (20) scheduled days, and thereafter",
                    "for up to ten (10) scheduled days, and thereafter",
                ),
            ],
            "discipline": [
                (
                    "Except for serious misconduct or conduct that the Employer determines warrants immediate suspension or discharge, discipline shall ordinarily be progressive",
                    "Except for serious misconduct that warrants immediate suspension or discharge, discipline shall be progressive",
                ),
                (
                    "no more than five (5) scheduled days;",
                    "no more than five (5) scheduled days, served on consecutive scheduled days;",
                ),
            ],
        },
        "Employer counterproposals on staffing, safety and discipline",
    ),
    TA(S7, "discipline", UNION_SIGN, EMPLOYER_SIGN),
    Propose(
        S7,
        "union",
        {
            "benefits": [
                (
                    "(a) employee-only coverage: eighty percent (80%);\n(b) employee plus spouse or domestic partner, employee plus children, and family coverage: seventy percent (70%).",
                    "(a) employee-only coverage: eighty-eight percent (88%);\n(b) employee plus spouse or domestic partner, employee plus children, and family coverage: eighty percent (80%).",
                ),
                (
                    "seven hundred fifty dollars ($750.00) per year for employee-only coverage and one thousand five hundred dollars ($1,500.00) per year",
                    "one thousand two hundred dollars ($1,200.00) per year for employee-only coverage and two thousand four hundred dollars ($2,400.00) per year",
                ),
                (
                    "(a) a matching contribution of fifty percent (50%) of the Clinician's elective deferrals up to six percent (6%) of base salary.",
                    "(a) a non-elective contribution of three percent (3%) of base salary, regardless of whether the Clinician contributes;\n(b) a matching contribution of one hundred percent (100%) of the Clinician's elective deferrals up to five percent (5%) of base salary.",
                ),
                (
                    "Employer contributions shall vest after three (3) years of service.",
                    "Employer contributions shall vest after one (1) year of service.",
                ),
            ],
        },
        "Union counterproposal on benefits",
    ),
    # Session 8: the union moves again on protected time without an employer answer; safety is TA'd.
    Propose(
        S8,
        "union",
        {
            "admin-time": [
                (
                    "Protected administrative time for part-time Clinicians shall be prorated by FTE.",
                    "Protected administrative time for part-time Clinicians shall be prorated by FTE, but no Clinician at 0.5 FTE or above shall receive less than three (3) hours per week.",
                ),
                (
                    "exceeds sixteen (16) hours in a calendar month",
                    "exceeds twenty (20) hours in a calendar month",
                ),
                (
                    "exceeds sixteen (16) hours in each of three (3) consecutive months",
                    "exceeds twenty (20) hours in each of three (3) consecutive months",
                ),
            ],
            "safety": [
                (
                    "for up to ten (10) scheduled days, and thereafter",
                    "for up to fifteen (15) scheduled days, and thereafter",
                ),
            ],
            "duration": [
                ("through June 30, 2029", "through December 31, 2028"),
                ("after June 30, 2029", "after December 31, 2028"),
                (
                    "Either party may reopen Article 11 (Benefits)",
                    "Either party may reopen Article 10 (Wages) and Article 11 (Benefits)",
                ),
            ],
        },
        "Union counterproposals on protected time, safety and duration",
    ),
    TA(S8, "safety", UNION_SIGN, EMPLOYER_SIGN),
    Propose(
        S8,
        "employer",
        {
            "pto": [
                (
                    "(a) less than three (3) years of seniority: two hundred twenty-four (224) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred sixty-four (264) hours per year;\n(c) eight (8) years of seniority or more: three hundred four (304) hours per year.",
                    "(a) less than three (3) years of seniority: two hundred (200) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred forty (240) hours per year;\n(c) eight (8) years of seniority or more: two hundred eighty (280) hours per year.",
                ),
                (
                    "may elect to cash out up to eighty (80) hours of accrued PTO at one hundred percent (100%)",
                    "may elect to cash out up to forty (40) hours of accrued PTO at eighty percent (80%)",
                ),
                (
                    "up to ten (10) weeks of paid parental leave",
                    "up to six (6) weeks of paid parental leave",
                ),
            ],
            "recognition": [
                ("within seventy-five (75) miles of", "within fifty (50) miles of"),
                (
                    "(e) Guards, confidential employees and supervisors as defined in the National Labor Relations Act.",
                    "(e) Guards, confidential employees and supervisors as defined in the National Labor Relations Act;\n(f) Clinicians employed in the Employer's virtual-care and retail-clinic programs.",
                ),
            ],
        },
        "Employer counterproposals on PTO and recognition",
    ),
    # Session 9: the employer's second wage proposal, still below the union's opener.
    # The union accepts the employer's interpreter language and 6.3 is TA'd on its own.
    Propose(
        S9,
        "employer",
        {
            "wages": [
                *_WAGE_TABLE_E9,
                (
                    "(a) Effective July 1, 2025: three and one-half percent (3.5%);\n(b) Effective July 1, 2026: three and one-half percent (3.5%);\n(c) Effective July 1, 2027: three percent (3.0%).",
                    "(a) Effective July 1, 2025: two percent (2.0%);\n(b) Effective July 1, 2026: two percent (2.0%);\n(c) Effective July 1, 2027: two percent (2.0%).",
                ),
                (
                    "shall retain that salary and shall receive one-half of the general increases in Section 10.5 on it until the schedule reaches that salary.",
                    "shall retain that salary but shall not receive general increases until the schedule reaches that salary.",
                ),
            ],
            "grievance": [
                (
                    "within thirty-five (35) days after the Clinician or the Union knew",
                    "within thirty (30) days after the Clinician or the Union knew",
                ),
                (
                    "provided that no remedy shall extend more than six (6) months before",
                    "provided that no remedy shall extend more than ninety (90) days before",
                ),
            ],
            "definitions": [
                ("regularly scheduled at 1.0 FTE.", "regularly scheduled at 0.9 FTE or above."),
                ("but below 1.0 FTE", "but below 0.9 FTE"),
                (
                    "means the first two hundred seventy (270) days of employment",
                    "means the first three hundred (300) days of employment",
                ),
            ],
        },
        "Employer counterproposals on wages, grievance and definitions",
    ),
    Propose(
        S9,
        "union",
        {
            "staffing": [
                (
                    "1.6 FTE per 1.0 FTE Physician and 1.15 FTE per 1.0 FTE Advanced Practice Clinician;",
                    "1.75 FTE per 1.0 FTE Physician and 1.25 FTE per 1.0 FTE Advanced Practice Clinician;",
                ),
                (
                    "two thousand (2,000) patients",
                    "one thousand eight hundred fifty (1,850) patients",
                ),
                (
                    "may file a grievance directly at Step 3 of Article 16 (Grievance and Arbitration).",
                    "may file a grievance directly at Step 3 of Article 16 (Grievance and Arbitration). An arbitrator who finds a violation may order the Employer to hire to the required level within a specific time and may award each affected Clinician one hundred dollars ($100.00) for each session worked below ratio.",
                ),
            ],
        },
        "Union counterproposal on staffing; accepts the employer's Section 6.3",
    ),
    TA(S9, "staffing", UNION_SIGN, EMPLOYER_SIGN, section="6.3"),
    # Session 10: after five months of silence the employer finally moves on protected time.
    Propose(
        S10,
        "union",
        {
            "pto": [
                (
                    "(a) less than three (3) years of seniority: two hundred (200) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred forty (240) hours per year;\n(c) eight (8) years of seniority or more: two hundred eighty (280) hours per year.",
                    "(a) less than three (3) years of seniority: two hundred sixteen (216) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred fifty-six (256) hours per year;\n(c) eight (8) years of seniority or more: two hundred ninety-six (296) hours per year.",
                ),
                (
                    "up to six (6) weeks of paid parental leave",
                    "up to eight (8) weeks of paid parental leave",
                ),
                (
                    "up to forty (40) hours of accrued PTO at eighty percent (80%)",
                    "up to eighty (80) hours of accrued PTO at ninety percent (90%)",
                ),
            ],
            "management-rights": [
                ("at least thirty (30) days' notice", "at least forty-five (45) days' notice"),
                (
                    "to discuss the policy before its effective date.",
                    "to discuss the policy before its effective date, and shall bargain over its effects on bargaining unit members.",
                ),
            ],
        },
        "Union counterproposals on PTO and management rights",
    ),
    Propose(
        S10,
        "employer",
        {
            "admin-time": [
                (
                    "six (6) hours per week of protected administrative time, scheduled as one (1) block of four (4) hours plus two (2) blocks of one (1) hour",
                    "five (5) hours per week of protected administrative time, scheduled as one (1) block of four (4) hours plus one (1) block of one (1) hour",
                ),
                (
                    "in excess of twelve (12) hours per calendar month",
                    "in excess of sixteen (16) hours per calendar month",
                ),
                (
                    "shall not exceed four (4) hours per month for a full-time Clinician",
                    "shall not exceed six (6) hours per month for a full-time Clinician",
                ),
                (
                    "Time in excess of four (4) hours per month",
                    "Time in excess of six (6) hours per month",
                ),
            ],
            "workload": [
                (
                    "(a) No Clinician shall be disciplined based solely on productivity metrics.",
                    "(a) No Clinician shall be disciplined or denied a step increase based solely on productivity metrics.",
                ),
                (
                    "exceeds the clinic median by more than thirty percent (30%) for two (2) consecutive months",
                    "exceeds the clinic median by more than forty percent (40%) for three (3) consecutive months",
                ),
            ],
            "union-rights": [
                (
                    "The Employer shall release up to eight (8) Clinicians",
                    "The Employer shall release up to six (6) Clinicians",
                ),
                ("a bank of two hundred (200) hours", "a bank of three hundred (300) hours"),
            ],
        },
        "Employer counterproposals on protected time, workload and union rights",
    ),
    # Session 11: the union's third wage proposal; the employer answers on staffing and benefits.
    Propose(
        S11,
        "union",
        {
            "wages": [
                *_WAGE_TABLE_U11,
                (
                    "(a) Effective July 1, 2025: two percent (2.0%);\n(b) Effective July 1, 2026: two percent (2.0%);\n(c) Effective July 1, 2027: two percent (2.0%).",
                    "(a) Effective July 1, 2025: three percent (3.0%);\n(b) Effective July 1, 2026: three percent (3.0%);\n(c) Effective July 1, 2027: three percent (3.0%).",
                ),
                (
                    "Incentive payments may be up to fifteen percent (15%) of base salary for any Clinician.",
                    "Incentive payments shall not exceed eight percent (8%) of base salary for any Clinician.",
                ),
            ],
        },
        "Union wage counterproposal",
    ),
    Propose(
        S11,
        "employer",
        {
            "staffing": [
                (
                    "(b) Registered nurses: 0.3 FTE per 1.0 FTE Clinician,",
                    "(b) Registered nurses: 0.35 FTE per 1.0 FTE Clinician,",
                ),
                (
                    "may award each affected Clinician one hundred dollars ($100.00) for each session worked below ratio.",
                    "may direct the Staffing Committee to develop a corrective action plan.",
                ),
                (
                    "The Employer shall offer every Clinician the use of a medical scribe or an ambient documentation tool",
                    "The Employer may offer Clinicians the use of a medical scribe or an ambient documentation tool",
                ),
                (
                    "for no more than fourteen (14) consecutive days",
                    "for no more than thirty (30) consecutive days",
                ),
            ],
            "benefits": [
                (
                    "employee-only coverage: eighty-eight percent (88%)",
                    "employee-only coverage: eighty-five percent (85%)",
                ),
                (
                    "family coverage: eighty percent (80%)",
                    "family coverage: seventy-five percent (75%)",
                ),
                (
                    "with a lifetime maximum benefit of not less than twenty-five thousand dollars ($25,000.00)",
                    "with a lifetime maximum benefit of fifteen thousand dollars ($15,000.00)",
                ),
            ],
        },
        "Employer counterproposals on staffing and benefits",
    ),
    # Session 12: the employer holds on wages; staffing, protected time, PTO and wages stay open.
    Propose(
        S12,
        "union",
        {
            "staffing": [
                (
                    "The Employer may offer Clinicians the use of a medical scribe",
                    "The Employer shall offer every Clinician who requests one the use of a medical scribe",
                ),
                (
                    "may direct the Staffing Committee to develop a corrective action plan.",
                    "may direct the Staffing Committee to develop a corrective action plan and may award each affected Clinician seventy-five dollars ($75.00) for each session worked below ratio.",
                ),
                (
                    "for no more than thirty (30) consecutive days",
                    "for no more than twenty-one (21) consecutive days",
                ),
            ],
        },
        "Union counterproposal on staffing",
    ),
    Propose(
        S12,
        "employer",
        {
            "pto": [
                (
                    "(a) less than three (3) years of seniority: two hundred sixteen (216) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred fifty-six (256) hours per year;\n(c) eight (8) years of seniority or more: two hundred ninety-six (296) hours per year.",
                    "(a) less than three (3) years of seniority: two hundred eight (208) hours per year;\n(b) three (3) years but less than eight (8) years of seniority: two hundred forty-eight (248) hours per year;\n(c) eight (8) years of seniority or more: two hundred eighty-eight (288) hours per year.",
                ),
                (
                    "(a) Physicians: three thousand five hundred dollars ($3,500.00)",
                    "(a) Physicians: three thousand two hundred fifty dollars ($3,250.00)",
                ),
                (
                    "with at least fourteen (14) days' notice",
                    "with at least thirty (30) days' notice",
                ),
            ],
        },
        "Employer counterproposal on PTO",
    ),
]


# The team's record of each session (sessions/<date>.json): where, who, when, internal notes.
_UNION_TEAM = ["J. Alvarez", "R. Okafor", "D. Lindqvist"]
_EMPLOYER_TEAM = ["M. Chen", "P. Hargrove"]
SESSIONS: dict[str, dict[str, object]] = {
    S1: {"place": "Union hall, 400 Cedar Ave", "start": "09:30", "end": "15:00",
         "notes": [("11:10", "Employer caucused 11:10-11:50 after our staffing opener; came back asking for clinic-level data.")]},
    S2: {"place": "Northstar HQ, room 4B", "start": "10:00", "end": "16:00",
         "notes": [("14:20", "Chen said management rights language is 'not a trade item'. Hargrove quieter than last time.")]},
    S3: {"place": "Union hall, 400 Cedar Ave", "start": "09:30", "end": "16:30",
         "notes": [("10:45", "Employer caucused 10:45-11:30 before passing staffing; their ratio language reads like a ceiling.")]},
    S4: {"place": "Northstar HQ, room 4B", "start": "09:00", "end": "17:00",
         "notes": [("15:30", "First TA (LMC). Members in the room: 14. Good energy.")]},
    S5: {"place": "Union hall, 400 Cedar Ave", "start": "09:30", "end": "17:30",
         "notes": [("13:05", "We passed staffing and protected time as one package: all or nothing."),
                   ("16:10", "Employer caucused 16:10-16:55 on the package; no answer today.")]},
    S6: {"place": "Northstar HQ, room 4B", "start": "10:00", "end": "15:30",
         "notes": [("11:00", "We withdrew parking to clear the table; they noticed.")]},
    S7: {"place": "Union hall, 400 Cedar Ave", "start": "09:30", "end": "16:00",
         "notes": [("09:40", "Employer rejected the staffing + protected time package as a whole, then countered staffing alone.")]},
    S8: {"place": "Northstar HQ, room 4B", "start": "09:30", "end": "16:00",
         "notes": [("12:15", "Safety TA'd before lunch. Employer caucused 14:00-14:40 on admin time.")]},
    S9: {"place": "Union hall, 400 Cedar Ave", "start": "10:00", "end": "18:00",
         "notes": [("17:30", "Staffing TA after a long caucus on both sides; float pool held at five.")]},
    S10: {"place": "Northstar HQ, room 4B", "start": "09:30", "end": "15:00",
          "notes": [("10:30", "Their workload pass walks back the visit caps they floated in November.")]},
    S11: {"place": "Union hall, 400 Cedar Ave", "start": "09:30", "end": "16:30",
          "notes": [("15:00", "Wages: they hinted at 3% if we drop the step restructure.")]},
    S12: {"place": "Northstar HQ, room 4B", "start": "09:00", "end": "17:00",
          "notes": [("16:45", "Mediator request discussed in caucus; decide by the next session.")]},
}
SESSION_TEAMS = (_UNION_TEAM, _EMPLOYER_TEAM)

# Information requests: (session asked, item, due, answered on or "", how).
REQUESTS: list[tuple[str, str, str, str, str]] = [
    (S1, "Staffing levels by clinic and role, last 24 months", "2024-03-05", "2024-03-19",
     "Spreadsheet handed over at the table; clinic C missing."),
    (S8, "Cost of the current locum and agency coverage, by quarter", "2024-12-03", "", ""),
]

# The package passed at S5 is rejected as a whole at S7.
PACKAGE_REJECTED = (S5, S7)
