"""Costing both sides of the demo negotiation over 4 contract years: 600 members and 60,000.

Prints a Markdown table of medians. References measured in the same run: reading the roster file
alone (the private CSV, checked row by row) and Python's csv module merely splitting it.
"""

from __future__ import annotations

import csv
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from proposals.costing.compare import cost, latest_positions, private_dir, save_roster, status_quo  # noqa: E402
from proposals.costing.model import cost_position  # noqa: E402
from proposals.costing.roster import ROSTER_NAME, load_roster  # noqa: E402
from proposals.demo.build import build_demo  # noqa: E402
from proposals.demo.economics import demo_roster  # noqa: E402
from proposals.negotiation.repo import BargainingRepo  # noqa: E402

YEARS = "2025-2028"
TARGETS_MS = {600: 100.0, 60_000: 1000.0}


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="bench-costing-")) / "demo"
    build_demo(root)
    repo = BargainingRepo.open(root)
    cli = [str(Path(sys.executable).parent / "proposals"), "-C", str(root)]
    print(
        "| members | core: both sides, 4 years | of which the model | whole `proposals cost --json` "
        "| reading the roster file alone | csv module splitting it | target (core) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    failed = False
    for size, runs in ((600, 15), (60_000, 5)):
        save_roster(repo, demo_roster(size=size))
        path = private_dir(repo) / ROSTER_NAME
        roster = load_roster(private_dir(repo))
        positions = latest_positions(repo)
        sq = status_quo(repo)
        report = cost(repo, years=YEARS, roster=roster)
        core = median_ms(lambda: cost(repo, years=YEARS, roster=load_roster(private_dir(repo))), runs)
        model = median_ms(
            lambda sq=sq, roster=roster, basis=report.basis, positions=positions: [
                cost_position(p, sq, roster, basis) for p in positions
            ],
            runs,
        )
        whole = median_ms(
            lambda: subprocess.run(
                [*cli, "cost", "--json", "--years", YEARS], check=True, capture_output=True
            ),
            runs,
        )
        reading = median_ms(lambda: load_roster(private_dir(repo)), runs)
        text = path.read_text()
        split = median_ms(lambda text=text: list(csv.reader(io.StringIO(text))), runs)
        target = TARGETS_MS[size]
        failed |= core > target
        print(
            f"| {size:,} | {core:.0f} ms | {model:.0f} ms | {whole:.0f} ms | {reading:.0f} ms "
            f"| {split:.1f} ms | ≤ {target:.0f} ms {'met' if core <= target else 'MISSED'} |"
        )
    print(
        "\nCore = reading the roster, both sides' terms from git and costing them; the whole command adds "
        "the interpreter, the repo and the JSON.\n"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
