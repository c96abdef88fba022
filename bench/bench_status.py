"""`proposals status` on a 60-article / 800-pass negotiation, against `git log` alone.

Prints a Markdown table. Wall-clock figures are medians over several runs of the real command.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from status_repo import build  # noqa: E402

from proposals.negotiation.history import LOG_FORMAT  # noqa: E402
from proposals.negotiation.repo import BargainingRepo  # noqa: E402
from proposals.negotiation.status import status_rows  # noqa: E402

RUNS = 15
TARGET_MS = 100.0


def median_ms(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    repo_dir = build()
    cli = [str(Path(sys.executable).parent / "proposals")]
    if not Path(cli[0]).exists():
        cli = [sys.executable, "-m", "proposals"]

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(*cmd: str) -> None:
        subprocess.run(cmd, cwd=repo_dir, capture_output=True, check=True, env=env)

    # Bytecode first, as `pip install` leaves it: without it every run recompiles every module
    # (some sandboxes set PYTHONDONTWRITEBYTECODE) and the figure measures the compiler.
    run(*cli, "status")

    git_log = median_ms(lambda: run("git", "log", "--topo-order", f"--format={LOG_FORMAT}", "HEAD"))
    python_start = median_ms(lambda: run(sys.executable, "-c", "pass"))
    cli_status = median_ms(lambda: run(*cli, "status", "--json"))
    cli_table = median_ms(lambda: run(*cli, "status"))

    def core() -> None:
        repo = BargainingRepo.open(repo_dir)
        status_rows(repo)

    core_status = median_ms(core)
    passes = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=repo_dir, capture_output=True, text=True
    ).stdout.strip()
    words = sum(len(p.read_text().split()) for p in (repo_dir / "articles").glob("*.txt"))
    load = os.getloadavg()[0]
    print(
        f"### status: 60 articles, {words:,} words, {passes} commits "
        f"(median of {RUNS}, load average {load:.1f} on {os.cpu_count()} cores)\n"
    )
    print("| measurement | ms | vs git log |")
    print("|---|---:|---:|")
    rows = [
        ("git log (reference: the one history call, alone)", git_log),
        ("python -c pass (interpreter start, for scale)", python_start),
        ("core: open repo + status_rows(), in process", core_status),
        ("CLI: proposals status --json (whole process)", cli_status),
        ("CLI: proposals status (table)", cli_table),
    ]
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} | {ms / git_log:.1f}x |")
    verdict = "met" if cli_status <= TARGET_MS else "MISSED"
    print(f"\nTarget: `proposals status` in {TARGET_MS:.0f} ms or less: {verdict} ({cli_status:.1f} ms).\n")


if __name__ == "__main__":
    main()
