"""Contract intake: a 60-article / 150k-word contract read as .docx and as PDF (issue 11).

Prints a Markdown table: `read_contract` in-process (read, split into parts, checked) beside
python-docx reading the same .docx's paragraphs, and beside PDFium's raw text extraction for the
PDF; the whole `proposals baseline --dry-run` process; and how many of the source paragraphs the
PDF's unwrapping recovered exactly. The PDF is made by LibreOffice (skipped without it).

A pass that adds 900 new parts as `import-docx` records one (`record_pass`: blobs, tree, commit,
tag, index and files) is timed beside `git add` of the same 900 files in a repo of its own,
measured in the same run: the store writes the blobs in one git process, so the pass stays within
a small multiple of git's own.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_contract import clean_docx, contract

from proposals.negotiation.baseline import read_contract

RUNS = 3
TARGET_S = 2.0
NEW_PARTS = 900


def pass_of_new_parts(work: Path) -> str:
    """The table row: a pass adding NEW_PARTS parts, CPU and wall, against `git add` of the same
    files (best of RUNS, each in a fresh repo)."""
    from proposals.negotiation.passes import record_pass
    from proposals.negotiation.repo import BargainingRepo

    for key, value in (("NAME", "Bench"), ("EMAIL", "bench@example.org")):
        os.environ[f"GIT_AUTHOR_{key}"] = os.environ[f"GIT_COMMITTER_{key}"] = value
    rng = random.Random(3)
    texts = {
        f"part-{n:03d}": f"ARTICLE {n}: TOPIC {n}\n\n"
        + " ".join(rng.choice(("the", "employer", "shall", "pay", "hours", "union")) for _ in range(120))
        + "\n"
        for n in range(1, NEW_PARTS + 1)
    }
    ours, reference = [], []
    for run in range(RUNS):
        repo = BargainingRepo.init(work / f"pass-{run}", "Union", "Employer")
        t0, c0 = time.perf_counter(), _cpu()  # as import-docx records their pass
        record_pass(
            repo, "employer", list(texts), session="2025-01-02", texts=texts, untouched_until_recorded=True
        )
        ours.append((time.perf_counter() - t0, _cpu() - c0))
        plain = work / f"git-{run}"
        (plain / "articles").mkdir(parents=True)
        subprocess.run(["git", "init", "-q", str(plain)], check=True)
        for part_id, text in texts.items():
            (plain / "articles" / f"{part_id}.txt").write_text(text, encoding="utf-8")
        t0, c0 = time.perf_counter(), _cpu()
        subprocess.run(["git", "-C", str(plain), "add", "articles"], check=True)
        reference.append((time.perf_counter() - t0, _cpu() - c0))
    wall, cpu = min(ours)
    git_wall, git_cpu = min(reference)
    return (
        f"| pass adding {NEW_PARTS} new parts | {wall:.2f} s wall, {cpu:.2f} s CPU | `git add` of the "
        f"same files {git_wall:.2f} s wall, {git_cpu:.2f} s CPU (× {wall / git_wall:.1f} wall) "
        f"| ≤ {TARGET_S:.0f} s |"
    )


def _cpu() -> float:
    """CPU seconds of this process and its finished children (git's included)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    articles = [
        re.sub(r"^ARTICLE (\d+) - HOURS OF WORK", lambda m: f"ARTICLE {m[1]} - TOPIC {m[1]}", text)
        for text in contract(random.Random(7))
    ]
    source = [line for text in articles for line in text.split("\n") if line.strip()]
    work = Path(tempfile.mkdtemp(prefix="bench-intake-"))
    try:
        docx_path = clean_docx(articles, work / "contract.docx")
        import docx

        ours = timed(lambda: read_contract(docx_path, "docx"))
        plain = timed(lambda: [p.text for p in docx.Document(str(docx_path)).paragraphs])
        proposals = str(Path(sys.executable).parent / "proposals")
        whole = timed(
            lambda: subprocess.run(
                [proposals, "baseline", "--from-docx", str(docx_path), "--dry-run"],
                check=True,
                capture_output=True,
            )
        )
        parts = len(read_contract(docx_path, "docx").parts)
        rows = [
            f"| .docx → {parts} parts, in-process | {ours:.2f} s | python-docx reading the paragraphs alone "
            f"{plain:.2f} s | ≤ {TARGET_S:.0f} s |",
            f"| .docx, `baseline --dry-run` whole process | {whole:.2f} s | | |",
        ]
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            profile = work / "profile"
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(docx_path),
                ],
                check=True,
                capture_output=True,
                timeout=600,
            )
            pdf_path = work / "contract.pdf"
            import pypdfium2 as pdfium

            def raw() -> None:
                document = pdfium.PdfDocument(str(pdf_path))
                for i in range(len(document)):
                    document[i].get_textpage().get_text_range()
                document.close()

            ours_pdf = timed(lambda: read_contract(pdf_path, "pdf"))
            raw_pdf = timed(raw)
            reading = read_contract(pdf_path, "pdf")
            got = {line for p in reading.parts for line in p.text.split("\n")}
            exact = sum(1 for line in source if line in got)
            pages = reading.notes[0]
            rows.append(
                f"| PDF ({pages}) → {len(reading.parts)} parts, in-process | {ours_pdf:.2f} s | PDFium text "
                f"extraction alone {raw_pdf:.2f} s | ≤ {TARGET_S:.0f} s |"
            )
            rows.append(
                f"| PDF paragraphs recovered exactly | {exact} / {len(source)} "
                f"({100 * exact / len(source):.1f}%) | | |"
            )
        else:
            rows.append("| PDF | skipped: LibreOffice is not installed | | |")
        rows.append(pass_of_new_parts(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average {load}\n")
    print("| what | measured | reference in the same run | target |")
    print("|---|---:|---|---:|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
