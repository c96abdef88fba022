"""How long issue 13's stress suites run: a small seeded count in CI, the issue's counts on demand.

``make test`` (and ``.ci/run``) runs every suite with seed 13 and a bounded count. Set
``PROPOSALS_STRESS=1`` for the long run: 600 recorders killed at random moments, git commands
of a sync killed before and during (40 of them; ``PROPOSALS_STRESS_SYNC_POINTS=all`` for every
one), and the three-clone sync model over 3 seeds per mode. Each
count can be set alone: ``PROPOSALS_STRESS_KILLS``, ``PROPOSALS_STRESS_OPERATIONS`` (per mode),
``PROPOSALS_STRESS_RUNS`` (seeds per mode), ``PROPOSALS_STRESS_SEED``.
"""

from __future__ import annotations

import os

LONG = os.environ.get("PROPOSALS_STRESS", "") not in ("", "0")
SEED = int(os.environ.get("PROPOSALS_STRESS_SEED", "13"))
KILLS = int(os.environ.get("PROPOSALS_STRESS_KILLS", "600" if LONG else "24"))
OPERATIONS = int(os.environ.get("PROPOSALS_STRESS_OPERATIONS", "200"))
RUNS = int(os.environ.get("PROPOSALS_STRESS_RUNS", "3" if LONG else "1"))
# sync killed before and during its Nth git command: a sample of the points, or "all" of them
SYNC_KILL_POINTS = os.environ.get("PROPOSALS_STRESS_SYNC_POINTS", "40" if LONG else "4")
