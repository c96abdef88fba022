"""`make bench`'s Word table (bench/bench_docx.py) runs and says what it measured against what
(issue 12): the history of a 10-page article through 20 passes and the whole-contract compile,
each as a ratio of python-docx writing the same clean text alone, and the load average."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_docx.py"


def test_bench_docx_prints_ratios_and_load() -> None:
    proc = subprocess.run(
        [sys.executable, str(BENCH), "--repeat", "1", "--articles", "3", "--words", "3000"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = {
        line.split(" | ")[0].lstrip("| "): line for line in proc.stdout.splitlines() if line.startswith("| ")
    }
    assert "× python-docx" in rows["job"]
    history = rows["`--history`: 10-page article, 20 passes (diffs included)"]
    compiled = rows["compile: whole contract, title page + TOC, clean"]
    for row in (history, compiled):
        assert row.split(" | ")[2].endswith("×"), row
    assert rows["python-docx `add_paragraph`, that article's clean text alone"].split(" | ")[2] == "1.0×"
    assert "Load average" in proc.stdout and "on " in proc.stdout
