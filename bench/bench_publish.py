"""`proposals publish` on the 60-article / 800-pass benchmark negotiation (target: under 5 s).

Prints a Markdown table: the whole command, beside `proposals status --json` on the same repo and
`git log` alone, measured in the same run, with the load average.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from status_repo import build

TARGET_S = 5.0
RUNS = 3


def wall(cmd: list[str], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    repo = build()
    proposals = str(Path(sys.executable).parent / "proposals")
    out = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        site = out / "site"
        publish = wall([proposals, "-C", str(repo), "publish", "-o", str(site)])
        pages = sum(1 for _ in site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    finally:
        shutil.rmtree(out, ignore_errors=True)
    status = wall([proposals, "-C", str(repo), "status", "--json"])
    gitlog = wall(["git", "-C", str(repo), "log", "--oneline"])
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average {load}\n")
    print("| what | measured | reference in the same run | target |")
    print("|---|---:|---|---:|")
    print(
        f"| `publish`, 60 articles / 800 passes ({pages} pages, {size / 1e6:.1f} MB) | {publish:.2f} s "
        f"| `status --json` {status * 1000:.0f} ms; `git log --oneline` {gitlog * 1000:.0f} ms "
        f"| ≤ {TARGET_S:.0f} s |"
    )


if __name__ == "__main__":
    main()
