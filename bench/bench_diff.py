"""Benchmark the prose redline against git's word diff and difflib; prints a Markdown table.

    python bench/bench_diff.py [--quick] [--case contract] [--stages]

Corpus: deterministic contract-like prose (``corpus_contract``, fixed seed): 1-, 10- and
50-page articles (500 words a page) and a 60-article, ~150k-word contract diffed article by
article, each at 5% and 20% word edits, with one paragraph moved, one deleted and one new
paragraph inserted per article.

Engines, all in the same run: ours in pure Python, ours with fast-diff-match-patch (both the
full ``diff_text``: tokens, diff, cleanup, moves; the clock stops before its ops are converted
for the quality counts below), ``git diff --no-index --word-diff=porcelain``
on temporary files (the contract in one call over two directories), and difflib's
SequenceMatcher (autojunk off) on our word tokens.

Quality, counted the same way for every engine: hunks (runs of changes not separated by
unchanged text with a visible character), changed characters (deleted plus inserted, spaces not
counted: git's porcelain output drops the spaces around changed words), op boundaries that
fall inside a word on either side (git's words are whitespace-delimited, so it cannot split
one, and its porcelain output does not keep enough whitespace to check: shown as n/a), and
for our engine the moves it reported (the corpus moves one paragraph per article).

Times are the median of up to five runs (fewer past a 3 s budget); "best" is the fastest run
and "CPU" the median processor time (for git, its child processes'), both better guides than
the wall-clock median on a loaded machine. Targets are checked on the wall-clock median, with
the CPU verdict beside it, as **MET** / **NOT MET**, next to references measured in the same
run: the C++ Myers diff alone on the very segments our engine hands it (the floor of any
Python around it) and difflib on the same word tokens. The load average at the start and the
end is printed with the table, so a reader can judge the noise. After it, per contract case:
the Myers steps the C++ diff takes (one read of the process CPU clock each, a system call here)
and what they cost, and the parts that run in C (that diff and the word tokeniser) beside the
Python passes around them.

``--stages`` prints, instead of the table, where the CPU time of ``diff_text`` goes per case
(median of five runs over the case, C++ backend): tokenising, encoding, anchors, the C++ diff,
the token cleanup, building the ops, move detection, and the garbage collections the run sets
off (the collector resumes after each diff; every op is a tuple subclass, which CPython never
stops tracking, so each op is walked again by the next collections).
"""

from __future__ import annotations

import argparse
import difflib
import gc
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from corpus_contract import article, contract, edit

from proposals.redline import Op, diff_text
from proposals.redline import engine as redline_engine
from proposals.redline import textdiff as redline_textdiff
from proposals.redline.tokens import split

SEED = 20260314
GAP = ("gap", "")  # unchanged text git left out of its hunks: separates hunks, joins nothing
Ops = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    pairs: list[tuple[str, str]]  # (old, new) per article
    words: int


@dataclass(frozen=True, slots=True)
class Result:
    seconds: float
    best: float
    cpu: float
    hunks: int
    changed: int
    splits: int | None
    moves: int | None = None
    steps: int | None = None  # the C++ reference: Myers steps taken, one CPU-clock read each


def cases(quick: bool) -> Iterator[Case]:
    """The benchmark's inputs, generated from one seed so every run sees the same text."""
    sizes = [1, 10] if quick else [1, 10, 50]
    for rate in (0.05, 0.20):
        for pages in sizes:
            rng = random.Random(f"{SEED}/{pages}/{rate}")  # each case its own stream
            old = article(rng, pages)
            new = edit(rng, old, rate, moves=1, paragraphs=1)
            yield Case(f"{pages} page{'s' if pages > 1 else ''}, {rate:.0%}", [(old, new)],
                       len(old.split()))
        if not quick:
            rng = random.Random(f"{SEED}/contract/{rate}")
            olds = contract(rng)
            pairs = [(old, edit(rng, old, rate, moves=1, paragraphs=1)) for old in olds]
            yield Case(f"contract (60 articles), {rate:.0%}", pairs,
                       sum(len(o.split()) for o, _ in pairs))


def _cpu() -> float:
    """Processor time of this process and its finished children (git runs as a child)."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object], *, budget: float = 3.0,
          most: int = 5) -> tuple[float, float, float]:
    """Median and best wall time and median CPU time of up to ``most`` runs (fewer once
    ``budget`` seconds are spent)."""
    times: list[float] = []
    cpus: list[float] = []
    while len(times) < most and (not times or sum(times) < budget):
        start, start_cpu = time.perf_counter(), _cpu()
        run()
        times.append(time.perf_counter() - start)
        cpus.append(_cpu() - start_cpu)
    return statistics.median(times), min(times), statistics.median(cpus)


# --- the engines, each returning ops as (kind, text) with kind equal/delete/insert/gap ---------


def ours(engine: str) -> Callable[[str, str], list[Op]]:
    def run(old: str, new: str) -> list[Op]:
        return diff_text(old, new, engine=engine)

    return run


def _pairs(ops: list[Op] | Ops) -> Ops:
    """Our ops as (kind, text) pairs like the other engines', moves as "insert:m1"; done after
    the clock stops, so the table times the engine, not this conversion."""
    return [(f"{op.op}:{op.move}" if op.move else op.op, op.text) if isinstance(op, Op) else op
            for op in ops]


def difflib_words(old: str, new: str) -> Ops:
    a, b = split(old), split(new)
    out: Ops = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(b[j1:j2])))
    return out


def git_word_diff(old_path: Path, new_path: Path) -> str:
    done = subprocess.run(
        ["git", "diff", "--no-index", "--no-color", "--word-diff=porcelain", "--",
         str(old_path), str(new_path)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr)
    return done.stdout


def parse_porcelain(output: str) -> Ops:
    """Ops from git's porcelain word diff; text outside its hunks becomes a GAP."""
    out: Ops = []
    in_hunk = False
    for line in output.split("\n"):
        if line.startswith("@@"):
            out.append(GAP)
            in_hunk = True
        elif line.startswith("diff --git"):
            out.append(GAP)
            in_hunk = False
        elif not in_hunk or not line:
            continue
        elif line[0] == "~":
            out.append(("equal", "\n"))
        elif line[0] == " ":
            out.append(("equal", line[1:]))
        elif line[0] == "-":
            out.append(("delete", line[1:]))
        elif line[0] == "+":
            out.append(("insert", line[1:]))
    return out


# --- quality -----------------------------------------------------------------------------------


def hunks(ops: Ops) -> int:
    """Runs of changes separated by unchanged text with something visible in it (or a gap)."""
    count = 0
    in_change = False
    for kind, text in ops:
        if kind == "gap" or (kind == "equal" and text.strip()):
            in_change = False
        elif kind in ("delete", "insert") and not in_change:
            count += 1
            in_change = True
    return count


def _inside_word(left: str, right: str) -> bool:
    return (left.isalnum() or left == "_") and (right.isalnum() or right == "_")


def splits(ops: Ops) -> int:
    """Op boundaries that cut a word in two, on the old side or the new side."""
    count = 0
    for skip in ("insert", "delete"):
        previous = ""
        for kind, text in ops:
            if kind == "gap":
                previous = ""
                continue
            if kind == skip or not text:
                continue
            if previous and _inside_word(previous[-1], text[0]):
                count += 1
            previous = text
    return count


def changed(ops: Ops) -> int:
    return sum(len("".join(text.split())) for kind, text in ops if kind in ("delete", "insert"))


def measure(case: Case, engine: Callable[[str, str], list[Op]] | Callable[[str, str], Ops], *,
            reports_moves: bool = False) -> Result:
    ops_per_article: list[list[Op] | Ops] = []

    def run() -> None:
        ops_per_article.clear()
        ops_per_article.extend(engine(old, new) for old, new in case.pairs)

    seconds, best, cpu = timed(run)
    tagged = [op for article_ops in ops_per_article for op in [GAP, *_pairs(article_ops)]]
    # Each move has exactly one tagged insertion ("insert:m1"); move ids restart per article.
    moves = sum(1 for kind, _ in tagged if kind.startswith("insert:"))
    ops = [(kind.split(":")[0], text) for kind, text in tagged]
    return Result(seconds, best, cpu, hunks(ops), changed(ops), splits(ops),
                  moves if reports_moves else None)


def measure_cpp_alone(case: Case) -> Result:
    """The C++ Myers diff alone, on the segments our engine cuts each article into (recorded
    once, untimed): the part of the whole diff no Python change can remove."""
    segments: list[tuple[str, str]] = []
    raw_diff = redline_engine.raw_diff

    def record(old: str, new: str, **options: object) -> redline_engine.RawDiff:
        segments.append((old, new))
        return raw_diff(old, new, **options)  # type: ignore[arg-type]

    redline_engine.raw_diff = record  # type: ignore[assignment]
    try:
        for old, new in case.pairs:
            diff_text(old, new, engine="fast")
    finally:
        redline_engine.raw_diff = raw_diff  # type: ignore[assignment]

    def run() -> None:
        for old, new in segments:
            raw_diff(old, new, engine="fast-diff-match-patch")

    seconds, best, cpu = timed(run)
    return Result(seconds, best, cpu, 0, 0, None, steps=myers_steps(segments))


def myers_steps(segments: list[tuple[str, str]]) -> int:
    """Steps of Myers' bisection the C++ diff takes on these segments: it reads the process CPU
    clock once per step (its deadline check, made even with no time limit; ``timelimit=0`` only
    moves the deadline to the end of time, and the binding has no way to skip the check).

    Counted with the pure-Python library, the same algorithm, which reads its own clock at the
    same place: its ``time`` module is swapped for a counter while it diffs the segments.
    """
    library = sys.modules[type(redline_engine.PYTHON_DMP).__module__]
    steps = 0

    class Counter:
        @staticmethod
        def time() -> float:
            nonlocal steps
            steps += 1
            return 0.0

    real = library.time
    library.time = Counter  # type: ignore[attr-defined]
    try:
        for old, new in segments:
            redline_engine.PYTHON_DMP.diff_main(old, new, False)
    finally:
        library.time = real  # type: ignore[attr-defined]
    return steps


def measure_tokenizer_alone(case: Case) -> Result:
    """The word tokeniser alone (one regex ``findall`` per text) on both sides of every article:
    with the C++ diff alone, the part of the engine that runs in C whatever the Python does."""

    def run() -> None:
        for old, new in case.pairs:
            split(old)
            split(new)

    seconds, best, cpu = timed(run)
    return Result(seconds, best, cpu, 0, 0, None)


def measure_git(case: Case) -> Result:
    with tempfile.TemporaryDirectory() as tmp:
        old_dir, new_dir = Path(tmp, "old"), Path(tmp, "new")
        old_dir.mkdir()
        new_dir.mkdir()
        for n, (old, new) in enumerate(case.pairs):
            Path(old_dir, f"a{n:02}.txt").write_text(old, encoding="utf-8")
            Path(new_dir, f"a{n:02}.txt").write_text(new, encoding="utf-8")
        if len(case.pairs) == 1:
            old_dir, new_dir = old_dir / "a00.txt", new_dir / "a00.txt"
        outputs: list[str] = []

        def run() -> None:
            outputs[:] = [git_word_diff(old_dir, new_dir)]

        seconds, best, cpu = timed(run)
    ops = parse_porcelain(outputs[0])
    return Result(seconds, best, cpu, hunks(ops), changed(ops), None)


ENGINES: list[tuple[str, Callable[[Case], Result]]] = [
    ("ours, pure Python", lambda case: measure(case, ours("python"), reports_moves=True)),
    ("ours, fast-dmp", lambda case: measure(case, ours("fast"), reports_moves=True)),
    ("git --word-diff", measure_git),
    ("difflib (words)", lambda case: measure(case, difflib_words)),
]


# (label, module, attribute) of each stage timed by ``--stages``; textdiff's names are the ones
# diff_text calls, engine's raw_diff and anchors the ones anchored_diff calls.
STAGES = [
    ("tokenise (tokens.split, a C regex)", redline_textdiff, "split"),
    ("encode tokens as code points", redline_textdiff, "encode_tokens"),
    ("anchored diff, all", redline_textdiff, "anchored_diff"),
    ("  of it: anchors", redline_engine, "anchors"),
    ("  of it: the C++ Myers diff", redline_engine, "raw_diff"),
    ("token cleanup (cleanup_semantic)", redline_textdiff, "cleanup_semantic"),
    ("building the ops (textdiff._build_ops)", redline_textdiff, "_build_ops"),
    ("moves (detect_moves)", redline_textdiff, "detect_moves"),
    ("diff_text, all", redline_textdiff, "diff_text"),
]


def stages(case: Case, runs: int = 5) -> dict[str, float]:
    """Median CPU seconds per stage of ``diff_text`` over the case's articles."""
    return {label: statistics.median(times) for label, times in stage_runs(case, runs).items()}


def stage_runs(case: Case, runs: int = 5) -> dict[str, list[float]]:
    """CPU seconds per stage of ``diff_text`` in each run over the case's articles (outermost
    calls only: the diffs move detection makes count as moves, not again as their stages)."""
    spent: dict[str, list[float]] = {label: [] for label, _, _ in STAGES}
    spent["garbage collections"] = []
    current: dict[str, float] = {}
    depth: dict[str, int] = {}
    originals = [(module, name, getattr(module, name)) for _, module, name in STAGES]

    def timed_stage(label: str, function: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            if label != "diff_text, all" and depth.get("moves (detect_moves)"):
                return function(*args, **kwargs)  # the diffs moves make count as moves
            depth[label] = depth.get(label, 0) + 1
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                depth[label] -= 1
                if not depth[label]:
                    current[label] += time.process_time() - start
        return run

    collecting = {"start": 0.0}

    def collection(phase: str, _info: dict[str, object]) -> None:
        if phase == "start":
            collecting["start"] = time.process_time()
        else:
            current["garbage collections"] += time.process_time() - collecting["start"]

    for (label, module, name), (_, _, function) in zip(STAGES, originals, strict=True):
        setattr(module, name, timed_stage(label, function))
    diff = redline_textdiff.diff_text  # the timed one
    gc.callbacks.append(collection)
    try:
        for _ in range(runs):
            current.update(dict.fromkeys(spent, 0.0))
            kept = [diff(old, new, engine="fast") for old, new in case.pairs]
            del kept
            for label, seconds in current.items():
                spent[label].append(seconds)
    finally:
        gc.callbacks.remove(collection)
        for module, name, function in originals:
            setattr(module, name, function)
    return spent


def print_stages(name: str, medians: dict[str, float]) -> None:
    whole = medians["diff_text, all"]
    parts = ("tokenise (tokens.split, a C regex)", "encode tokens as code points",
             "anchored diff, all", "token cleanup (cleanup_semantic)",
             "building the ops (textdiff._build_ops)", "moves (detect_moves)")
    rest = whole - sum(medians[p] for p in parts)
    anchored_rest = medians["anchored diff, all"] - medians["  of it: anchors"] \
        - medians["  of it: the C++ Myers diff"]
    print(f"\n| {name}: stage of diff_text | CPU ms (median) | share |")
    print("|---|---:|---:|")
    rows = [(label, seconds) for label, seconds in medians.items() if label != "diff_text, all"]
    rows.insert(5, ("  of it: joining the segments", anchored_rest))
    rows.append(("the rest (diff_text's own work, and the collections it sets off)", rest))
    for label, seconds in [*rows, ("diff_text, all", whole)]:
        print(f"| {label} | {seconds * 1000:,.1f} | {seconds / whole:.0%} |")
    print("\n(Garbage collections are shown apart wherever they fall: most run as diff_text "
          "ends and the collector resumes, so they are also inside its rest and its total.)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1- and 10-page cases only")
    parser.add_argument("--case", default="", metavar="TEXT",
                        help="only the cases whose name holds TEXT (e.g. 'contract')")
    parser.add_argument("--stages", action="store_true",
                        help="where diff_text's CPU time goes, stage by stage, per case")
    args = parser.parse_args()
    load = os.getloadavg()
    if args.stages:
        print(f"### load average {load[0]:.2f} at the start, {os.cpu_count()} cores")
        for case in cases(args.quick):
            if args.case in case.name:
                print_stages(case.name, stages(case))
        return
    print(f"### load average {load[0]:.2f} at the start, {os.cpu_count()} cores; "
          "times are ms, medians\n")
    print("| case | engine | time (median) | best | CPU | × git | hunks | × git hunks "
          "| changed chars | splits in words | moves found |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results: dict[tuple[str, str], Result] = {}
    for case in cases(args.quick):
        if args.case not in case.name:
            continue
        measured = {name: run(case) for name, run in ENGINES}
        git = measured["git --word-diff"]
        for name, result in measured.items():
            results[(case.name, name)] = result
            splits_cell = "n/a" if result.splits is None else str(result.splits)
            moves_cell = "–" if result.moves is None else str(result.moves)
            print(f"| {case.name} ({case.words:,} words) | {name} | "
                  f"{result.seconds * 1000:,.1f} ms | {result.best * 1000:,.1f} ms | "
                  f"{result.cpu * 1000:,.1f} ms | "
                  f"{result.seconds / git.seconds:.2f} | "
                  f"{result.hunks:,} | {result.hunks / max(git.hunks, 1):.2f} | "
                  f"{result.changed:,} | {splits_cell} | {moves_cell} |", flush=True)
    references: dict[str, Result] = {}
    tokenizers: dict[str, Result] = {}
    if not args.quick and redline_engine.backend() == "fast-diff-match-patch":
        for case in cases(quick=False):
            if case.name.startswith("contract") and args.case in case.name:
                references[case.name] = measure_cpp_alone(case)
                tokenizers[case.name] = measure_tokenizer_alone(case)
    print()
    print_targets(results, references)
    if references:
        print_floor(results, references, tokenizers, clock_read_ns())
    end = os.getloadavg()
    print(f"\nload average {load[0]:.2f} at the start, {end[0]:.2f} at the end, "
          f"{os.cpu_count()} cores")


def print_floor(results: dict[tuple[str, str], Result], references: dict[str, Result],
                tokenizers: dict[str, Result], read_ns: float) -> None:
    """Per contract case: the C++ diff's clock reads and what they cost, and the time of the
    parts that run in C (the C++ diff, the tokeniser) beside the Python passes around them."""
    print(f"\nThe C++ diff reads the process CPU clock once per Myers step (its deadline check, "
          f"made even with no time limit); one read takes {read_ns:,.0f} ns of CPU on this "
          f"machine.")
    for name, cpp in references.items():
        ours, words = results.get((name, "ours, fast-dmp")), tokenizers.get(name)
        if ours is None or words is None or cpp.steps is None:
            continue
        in_c = cpp.cpu + words.cpu
        print(f"- {name}: {cpp.steps:,} Myers steps, so about {cpp.steps * read_ns / 1e6:,.0f} ms "
              f"CPU of clock reads in the C++ diff's {cpp.cpu * 1000:,.1f} ms. In C: the C++ diff "
              f"plus the word tokeniser alone ({words.cpu * 1000:,.1f} ms) = {in_c * 1000:,.1f} ms "
              f"CPU; the Python passes (encoding, anchors, cleanup, ops, moves) take "
              f"{(ours.cpu - in_c) * 1000:,.1f} ms of ours ({ours.cpu * 1000:,.1f} ms).")


def clock_read_ns(reads: int = 100_000) -> float:
    """The CPU time one read of the process CPU clock takes (a system call on most virtual
    machines), timed with that clock itself so it compares with the CPU columns."""
    start = time.process_time()
    for _ in range(reads):
        time.process_time()
    return (time.process_time() - start) / reads * 1e9


def verdict(met: bool) -> str:
    return "**MET**" if met else "**NOT MET**"


def print_targets(results: dict[tuple[str, str], Result],
                  references: dict[str, Result] | None = None) -> None:
    """Check the issue's targets against what was just measured (wall median, and CPU), each
    beside its references from the same run: the C++ diff alone, and difflib (words)."""
    references = references or {}
    checks: list[tuple[str, Result | None, float]] = []  # (label, result, limit in seconds)
    for rate in ("5%", "20%"):
        ten = f"10 pages, {rate}"
        whole = f"contract (60 articles), {rate}"
        if (ten, "ours, pure Python") in results:
            checks.append((f"{ten}: pure Python ≤ 200 ms",
                           results[(ten, "ours, pure Python")], 0.2))
            checks.append((f"{ten}: fast-dmp ≤ 15 ms", results[(ten, "ours, fast-dmp")], 0.015))
        if (whole, "ours, fast-dmp") in results:
            checks.append((f"{whole}: whole contract, article by article, fast-dmp ≤ 250 ms",
                           results[(whole, "ours, fast-dmp")], 0.25))
    print("| target | wall-clock median | CPU median | references, same run: wall (CPU) |")
    print("|---|---|---|---|")
    for label, result, limit in checks:
        assert result is not None
        wall = f"{result.seconds * 1000:,.1f} ms {verdict(result.seconds <= limit)}"
        cpu = f"{result.cpu * 1000:,.1f} ms {verdict(result.cpu <= limit)}"
        case = label.split(":")[0]
        refs = []
        cpp = references.get(case)
        if cpp is not None:
            refs.append(f"C++ diff alone {cpp.seconds * 1000:,.1f} ({cpp.cpu * 1000:,.1f}) ms, "
                        f"{cpp.cpu / max(result.cpu, 1e-9):.0%} of ours; the Python around it "
                        f"{(result.cpu - cpp.cpu) * 1000:,.1f} ms CPU")
        words = results.get((case, "difflib (words)"))
        if words is not None:
            refs.append(f"difflib {words.seconds * 1000:,.1f} ({words.cpu * 1000:,.1f}) ms")
        print(f"| {label} | {wall} | {cpu} | {'; '.join(refs)} |")
    ours_names = ("ours, pure Python", "ours, fast-dmp")
    no_splits = all(r.splits == 0 for (_, e), r in results.items() if e in ours_names)
    few_hunks = all(r.hunks <= results[(c, "git --word-diff")].hunks
                    for (c, e), r in results.items() if e in ours_names)
    print(f"| zero splits inside words (ours) | {verdict(no_splits)} | | |")
    print(f"| no more hunks than git's word diff (ours, every case) | {verdict(few_hunks)} | | |")


if __name__ == "__main__":
    main()
