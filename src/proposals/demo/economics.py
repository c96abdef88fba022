"""The demo's economics: the status quo, each economic pass's terms, and a 600-clinician roster.

A first contract: today each clinician is paid an individual salary (the roster's base pay), so the
status quo has no schedule. The union's schedule raises most of them; the employer's first economic
package (May 2024) sets a schedule about 9% lower, which cuts most clinicians' pay. PTO days,
protected time and care-team ratios are averages of the article's brackets.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from proposals.costing.roster import Member, Roster
from proposals.negotiation.drafts import atomic_write

CLASSES = ("physician", "NP", "PA")
CLINICS = 61
MEMBERS = 600

SETTINGS = 'years = "2025-2027"\nyear_start = "07-01"\nrollup_percent = 9.5\n'

STATUS_QUO = {
    "pto": "[pto]\ndays_per_fte = 26\n",
    "admin-time": "[protected_time]\nhours_per_week = 4\n",
}


def _schedule(physician: int, physician_step: int, np: int, np_step: int, pa: int, pa_step: int) -> str:
    def steps(first: int, step: int) -> str:
        return "[" + ", ".join(str(first + step * i) for i in range(8)) + "]"

    return (
        "[schedule]\nstep_movement = true\n"
        f"steps.physician = {steps(physician, physician_step)}\n"
        f"steps.NP = {steps(np, np_step)}\n"
        f"steps.PA = {steps(pa, pa_step)}\n"
    )


def _raises(*percents: str) -> str:
    return "".join(
        f"\n[[across_the_board]]\nyear = {2025 + i}\npercent = {p}\n" for i, p in enumerate(percents)
    )


def _staffing(physician: str, apc: str, rn: str) -> str:
    """Section 6.2's care team: medical assistants per physician and per NP or PA, nurses per clinician."""
    return (
        f'[[staffing]]\nposition = "medical assistant"\nper_clinician_fte = {physician}\n'
        'annual_wage = 48000\nclassifications = ["physician"]\n\n'
        f'[[staffing]]\nposition = "medical assistant"\nper_clinician_fte = {apc}\n'
        'annual_wage = 48000\nclassifications = ["NP", "PA"]\n\n'
        f'[[staffing]]\nposition = "registered nurse"\nper_clinician_fte = {rn}\nannual_wage = 98000\n'
    )


STATUS_QUO["staffing"] = _staffing("1.5", "1.2", "0.25")


# (session, party) -> article -> terms file, in the story's order.
TERMS: dict[tuple[str, str], dict[str, str]] = {
    ("2024-02-20", "union"): {
        "wages": _schedule(248000, 8000, 132000, 4500, 130000, 4500) + _raises("4.0", "4.0", "3.5"),
        "pto": "[pto]\ndays_per_fte = 35\n",
        "admin-time": "[protected_time]\nhours_per_week = 8\n",
        "staffing": _staffing("2.0", "1.5", "0.5"),
    },
    ("2024-04-23", "employer"): {
        "admin-time": "[protected_time]\nhours_per_week = 4\n",
        "staffing": _staffing("1.45", "1.2", "0.25"),
    },
    ("2024-05-21", "employer"): {
        "wages": _schedule(226000, 5000, 118000, 3000, 116000, 3000) + _raises("1.0", "1.5", "1.5"),
        "pto": "[pto]\ndays_per_fte = 24\n",
    },
    ("2024-06-25", "union"): {
        "admin-time": "[protected_time]\nhours_per_week = 6\n",
        "staffing": _staffing("1.8", "1.3", "0.4"),
    },
    ("2024-08-13", "union"): {
        "wages": _schedule(244000, 7500, 129000, 4000, 127000, 4000) + _raises("3.5", "3.5", "3.5"),
        "pto": "[pto]\ndays_per_fte = 31\n",
    },
    ("2024-09-24", "employer"): {"staffing": _staffing("1.55", "1.2", "0.25")},
    ("2024-11-05", "employer"): {"pto": "[pto]\ndays_per_fte = 28\n"},
    ("2024-12-17", "employer"): {
        "wages": _schedule(234000, 6000, 124000, 3500, 122000, 3500) + _raises("2.0", "2.0", "2.0"),
    },
    ("2024-12-17", "union"): {"staffing": _staffing("1.75", "1.25", "0.35")},
    ("2025-02-11", "union"): {"pto": "[pto]\ndays_per_fte = 30\n"},
    ("2025-02-11", "employer"): {"admin-time": "[protected_time]\nhours_per_week = 5\n"},
    ("2025-04-08", "union"): {
        "wages": _schedule(241000, 7000, 127000, 4000, 125000, 4000) + _raises("3.0", "3.0", "3.0"),
    },
    ("2025-04-08", "employer"): {"staffing": _staffing("1.6", "1.2", "0.27")},
    ("2025-06-03", "employer"): {"pto": "[pto]\ndays_per_fte = 29\n"},
}

OPENER_STEP1 = {"physician": (248000, 8000), "NP": (132000, 4500), "PA": (130000, 4500)}


def write_status_quo(root: Path) -> list[str]:
    """terms/baseline/ and terms/costing.toml; returns their paths to commit."""
    paths = ["terms/costing.toml"]
    atomic_write(root / "terms" / "costing.toml", SETTINGS)
    for article_id, text in STATUS_QUO.items():
        atomic_write(root / "terms" / "baseline" / f"{article_id}.toml", text)
        paths.append(f"terms/baseline/{article_id}.toml")
    return paths


def write_pass_terms(root: Path, session: str, party: str) -> None:
    """The terms of this pass, written where the pass path picks them up."""
    for article_id, text in TERMS.get((session, party), {}).items():
        atomic_write(root / "terms" / party / f"{article_id}.toml", text)


def demo_roster(seed: int = 20240220, size: int = MEMBERS) -> Roster:
    """Clinicians across 61 clinics: a step by experience, and an individual salary today a little
    below the union's opening schedule (a first contract: no schedule yet)."""
    rng = random.Random(seed)
    members = []
    for n in range(size):
        kind = rng.choices(CLASSES, weights=(45, 30, 25))[0]
        step = rng.randint(1, 8)
        first, per_step = OPENER_STEP1[kind]
        pay = Decimal(first + per_step * (step - 1)) * Decimal(rng.randint(900, 1000)) / 1000
        fte = rng.choices(("1.0", "0.9", "0.8", "0.6", "0.5"), weights=(60, 10, 15, 10, 5))[0]
        hired = 2024 - 2 * step - rng.randint(0, 1)
        members.append(
            Member(
                id=f"{n + 1:04d}",
                classification=kind,
                fte=Decimal(fte),
                base_pay=pay.quantize(Decimal(1)),
                step=step,
                clinic=f"Clinic {n % CLINICS + 1:02d}",
                hire_date=f"{hired}-{rng.randint(1, 12):02d}-01",
            )
        )
    return Roster(tuple(members))
