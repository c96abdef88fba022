"""Benchmark the Word export on a whole contract; prints a Markdown table.

A generated 60-article, ~150k-word contract with ~5% of words edited is exported as tracked
changes and as a static redline (diff ops computed beforehand and timed separately), beside
our clean export and python-docx writing the clean text alone with its own API, the floor any
.docx writer pays. Target: tracked and redline at 1 s or less each.

Run: ``PYTHONPATH=src python bench/bench_docx.py [--repeat N] [--articles N] [--words N]``.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from any checkout

import docx

from proposals.redline import diff_text
from proposals.word.proposal import ArticleChange, export_proposal

VOCAB = tuple(
    " ".join(
        [
            "the Employer shall provide each Clinician with paid time scheduled during regular",
            "hours of operation including documentation review of results care coordination",
            "prior authorizations forms communication patients other clinicians within",
            "fourteen (14) days written notice Union grievance procedure Article Section",
            "pursuant to this Agreement provided that no reduction in pay benefits seniority",
            "or status shall result from",
        ]
    ).split(" ")
)
SESSION = date(2025, 3, 14)


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(VOCAB) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def make_contract(rng: random.Random, articles: int, words: int) -> list[str]:
    """Article texts in the repo format: heading, numbered sections, lettered items."""
    per_article = words // articles
    out = []
    for a in range(1, articles + 1):
        lines = [f"ARTICLE {a}: TITLE NUMBER {a}"]
        count, section = 0, 0
        while count < per_article:
            section += 1
            lines.append("")
            n = rng.randint(40, 90)
            lines.append(f"{a}.{section} " + _sentence(rng, n))
            count += n
            for letter in "abc"[: rng.randint(0, 3)]:
                n = rng.randint(8, 20)
                lines.append(f"({letter}) " + _sentence(rng, n))
                count += n
        out.append("\n".join(lines) + "\n")
    return out


def edit(rng: random.Random, text: str, rate: float) -> str:
    """About ``rate`` of words replaced, deleted or doubled; a few paragraphs dropped/added."""
    lines = text.rstrip("\n").split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        roll = rng.random()
        if line and roll < 0.01:
            continue  # a paragraph deleted
        words = line.split(" ")
        new: list[str] = []
        for w in words:
            r = rng.random()
            if r < rate * 0.6:
                new.append(rng.choice(VOCAB))
            elif r < rate * 0.8:
                continue
            elif r < rate:
                new += [w, rng.choice(VOCAB)]
            else:
                new.append(w)
        out.append(" ".join(new))
        if line and roll > 0.99:
            out.append(_sentence(rng, 30))  # a paragraph inserted
    return "\n".join(out) + "\n"


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _verify(
    changes: list[ArticleChange], old: list[str], new: list[str], libreoffice: bool, save: bool
) -> str:
    """A fast export that is wrong is worthless: check both views once (not timed), and with
    ``--libreoffice`` have LibreOffice accept and reject every change of the whole contract."""
    import json
    import subprocess
    import tempfile

    from proposals.word.reader import read_paragraphs

    buf = io.BytesIO()
    export_proposal(
        changes, buf, mode="tracked", party="Primary Care Clinicians United", pass_name="U-7",
        session=SESSION,
    )  # fmt: skip
    data = buf.getvalue()
    expected = {"accept": "".join(new).rstrip("\n"), "reject": "".join(old).rstrip("\n")}
    for action, view in (("accept", "accepted"), ("reject", "rejected")):
        if "\n".join(read_paragraphs(data, view)).rstrip("\n") != expected[action]:  # type: ignore[arg-type]
            raise SystemExit(f"tracked export's {view} view differs from the expected text")
    if save:
        Path("bench-tracked.docx").write_bytes(data)
    if not libreoffice:
        return "accepted/rejected views checked in Python"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contract.docx"
        path.write_bytes(data)
        checker = Path(__file__).resolve().parents[1] / "tests" / "lo_check.py"
        start = time.perf_counter()
        proc = subprocess.run(
            ["/usr/bin/python3", str(checker), "accept", str(path), "reject", str(path)],
            capture_output=True, text=True, timeout=900, env={**os.environ, "LO_CHECK_TIMEOUT": "800"},
        )  # fmt: skip
        seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"LibreOffice check failed: {proc.stderr.strip()[-300:]}")
    verdicts = []
    for result in json.loads(proc.stdout)["results"]:
        got = "\n".join(result["paragraphs"]).rstrip("\n")
        verdicts.append(f"{result['action']} {'exact' if got == expected[result['action']] else 'WRONG'}")
    return f"LibreOffice on the whole contract: {', '.join(verdicts)} ({seconds:.0f} s)"


def _history_rows(repeat: int, sizes: dict[str, int]) -> list[tuple[str, float, str]]:
    """`export ID --history`: a 10-page article (~5,000 words) through 20 passes of ~3% edits,
    beside python-docx writing that article's clean text alone."""
    from proposals.word.history import Layer, export_history

    rng = random.Random(20)
    texts = make_contract(rng, 1, 5_000)
    for _ in range(20):
        texts.append(edit(rng, texts[-1], 0.03))
    layers = [Layer("baseline", "agreement in force", "", texts[0])] + [
        Layer(f"P-{k}", ("Union", "Employer")[k % 2], f"2025-{k % 12 + 1:02d}-14", t)
        for k, t in enumerate(texts[1:], 1)
    ]

    def history() -> None:
        buf = io.BytesIO()
        export_history(layers, buf, team="Union")
        sizes["history"] = len(buf.getvalue())

    def python_docx_article() -> None:
        doc = docx.Document()
        for line in texts[-1].rstrip("\n").split("\n"):
            doc.add_paragraph(line)
        buf = io.BytesIO()
        doc.save(buf)
        sizes["python-docx-article"] = len(buf.getvalue())

    return [
        ("`--history`: 10-page article, 20 passes (diffs included)", _median(history, repeat), "history"),
        ("python-docx `add_paragraph`, that article's clean text alone", _median(python_docx_article, repeat),
         "python-docx-article"),
    ]  # fmt: skip


def main(argv: list[str]) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--words", type=int, default=150_000)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--save", action="store_true", help="keep bench-tracked.docx")
    parser.add_argument(
        "--libreoffice", action="store_true", help="also accept/reject all in LibreOffice (slow)"
    )
    args = parser.parse_args(argv[1:])

    rng = random.Random(20250314)
    old = make_contract(rng, args.articles, args.words)
    new = [edit(rng, t, args.rate) for t in old]
    engine_name, diff = "proposals.redline", diff_text
    start = time.perf_counter()
    ops = [diff(o, n) for o, n in zip(old, new, strict=True)]
    diff_s = time.perf_counter() - start
    changes = [ArticleChange(o, n, tuple(p)) for o, n, p in zip(old, new, ops, strict=True)]  # type: ignore[arg-type]
    n_words = sum(len(t.split()) for t in new)
    n_paras = sum(t.count("\n") for t in new)
    n_changed = sum(1 for p in ops for o in p if getattr(o, "op", "equal") != "equal")
    sizes: dict[str, int] = {}

    def export(mode: str) -> Callable[[], None]:
        def run() -> None:
            buf = io.BytesIO()
            export_proposal(
                changes, buf, mode=mode, party="Primary Care Clinicians United",  # type: ignore[arg-type]
                pass_name="U-7", session=SESSION,
            )  # fmt: skip
            sizes[mode] = len(buf.getvalue())

        return run

    def python_docx_clean() -> None:
        doc = docx.Document()
        for text in new:
            for line in text.rstrip("\n").split("\n"):
                doc.add_paragraph(line)
        buf = io.BytesIO()
        doc.save(buf)
        sizes["python-docx"] = len(buf.getvalue())

    plain = [ArticleChange(o, n) for o, n in zip(old, new, strict=True)]

    def tracked_with_diff() -> None:
        buf = io.BytesIO()
        export_proposal(
            plain, buf, mode="tracked", party="Primary Care Clinicians United", pass_name="U-7",
            session=SESSION, diff=diff,  # type: ignore[arg-type]
        )  # fmt: skip
        sizes["tracked+diff"] = len(buf.getvalue())

    from proposals.word.reader import read_docx

    tracked_buf = io.BytesIO()
    export_proposal(
        changes, tracked_buf, mode="tracked", party="Primary Care Clinicians United",
        pass_name="U-7", session=SESSION,
    )  # fmt: skip

    def import_tracked() -> None:
        read_docx(tracked_buf.getvalue())
        sizes["import"] = len(tracked_buf.getvalue())

    rows = [
        ("tracked changes (`w:ins`/`w:del`)", _median(export("tracked"), args.repeat), "tracked"),
        ("redline (styled runs)", _median(export("redline"), args.repeat), "redline"),
        ("tracked, diff computed inside (what `export` costs)", _median(tracked_with_diff, args.repeat),
         "tracked+diff"),
        ("clean (ours, template + header)", _median(export("clean"), args.repeat), "clean"),
        ("python-docx `add_paragraph`, clean text alone", _median(python_docx_clean, args.repeat),
         "python-docx"),
        ("import: `read_docx` of the tracked contract", _median(import_tracked, args.repeat),
         "import"),
    ]  # fmt: skip
    from proposals.word.compiled_contract import ContractArticle, export_contract

    def compiled() -> None:
        buf = io.BytesIO()
        export_contract(
            [ContractArticle(t) for t in new], buf, team="Union", union="Union", employer="Employer",
            compiled=SESSION, front_matter=True, term="2025-2028",
        )  # fmt: skip
        sizes["compile"] = len(buf.getvalue())

    compile_s = _median(compiled, args.repeat)
    rows.append(("compile: whole contract, title page + TOC, clean", compile_s, "compile"))
    rows += _history_rows(args.repeat, sizes)
    print(
        f"Contract: {len(old)} articles, {n_words:,} words, {n_paras:,} paragraphs, "
        f"{n_changed:,} changed ops at ~{args.rate:.0%} word edits; "
        f"diff ({engine_name}) {diff_s:.2f} s, included only where said. Median of {args.repeat}.\n"
    )
    print(_verify(changes, old, new, args.libreoffice, args.save) + "\n")
    times = {key: seconds for _, seconds, key in rows}
    print("| job | median time | × python-docx | target | file size |")
    print("|---|---:|---:|---:|---:|")
    for label, seconds, key in rows:
        target = "≤ 1 s" if key in ("tracked", "redline") else ""
        ratio = f"{seconds / times[REFERENCE.get(key, 'python-docx')]:.1f}×"
        print(f"| {label} | {seconds:.3f} s | {ratio} | {target} | {sizes[key] / 1024:,.0f} KiB |")
    print(f"\n× python-docx: against python-docx writing the same clean text alone. {_load()}")
    return 0


# the python-docx row each job is compared with: the article's for the history, else the contract's
REFERENCE = {"history": "python-docx-article", "python-docx-article": "python-docx-article"}


def _load() -> str:
    """The machine's load while measuring: times on a busy machine are not comparable."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "Load average: not available."
    return f"Load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} CPUs."


if __name__ == "__main__":
    sys.exit(main(sys.argv))
