"""The diff benchmark states its targets as MET / NOT MET beside references from the same run
(issue 17): the C++ diff alone on the engine's own segments, and difflib on the same words."""

from __future__ import annotations

import random
import statistics
import sys
import time

import bench_diff
import pytest
from corpus_contract import article, edit

from proposals.redline import backend
from proposals.redline import engine as redline_engine

WHOLE = "contract (60 articles), 20%"


def result(ms: float, cpu_ms: float) -> bench_diff.Result:
    return bench_diff.Result(ms / 1000, ms / 1000, cpu_ms / 1000, 10, 100, 0, 1)


def test_the_whole_contract_target_is_met_or_not_beside_its_references(
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = {
        (WHOLE, "ours, fast-dmp"): result(240.0, 310.0),  # wall within 250 ms, CPU not
        (WHOLE, "difflib (words)"): result(5000.0, 4000.0),
        (WHOLE, "git --word-diff"): result(100.0, 60.0),
    }
    bench_diff.print_targets(results, {WHOLE: result(150.0, 140.0)})
    line = next(row for row in capsys.readouterr().out.splitlines() if row.startswith(f"| {WHOLE}"))
    wall, cpu, references = line.split(" | ")[1:4]
    assert wall == "240.0 ms **MET**"
    assert cpu == "310.0 ms **NOT MET**"
    assert "C++ diff alone 150.0 (140.0) ms, 45% of ours" in references
    assert "the Python around it 170.0 ms CPU" in references
    assert "difflib 5,000.0 (4,000.0) ms" in references


@pytest.mark.skipif(backend() != "fast-diff-match-patch", reason="fast-diff-match-patch not installed")
def test_the_cpp_reference_times_the_segments_the_engine_cuts() -> None:
    rng = random.Random(f"{bench_diff.SEED}/10/0.2")
    old = article(rng, 10)
    new = edit(rng, old, 0.2, moves=1, paragraphs=1)
    raw_diff = redline_engine.raw_diff
    reference = bench_diff.measure_cpp_alone(bench_diff.Case("10 pages, 20%", [(old, new)], 1))
    assert redline_engine.raw_diff is raw_diff  # put back after recording the segments
    assert reference.cpu > 0
    assert reference.steps is not None and reference.steps > 0  # Myers steps, counted
    library = sys.modules[type(redline_engine.PYTHON_DMP).__module__]
    assert library.time is time  # the library's clock put back after counting


def test_myers_steps_are_the_clock_reads_of_the_bisection() -> None:
    """Two texts with nothing in common of lengths 2 and 2: the bisection meets in the middle
    after its second step; each half then differs in one character (no bisection)."""
    assert bench_diff.myers_steps([("ab", "cd")]) == 2
    assert bench_diff.myers_steps([("abc", "abc"), ("", "x"), ("ab", "xaby")]) == 0


def test_the_floor_sets_the_parts_in_c_beside_the_python_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cpp = bench_diff.Result(0.2, 0.2, 0.130, 0, 0, None, steps=136_000)
    bench_diff.print_floor({(WHOLE, "ours, fast-dmp"): result(400.0, 390.0)}, {WHOLE: cpp},
                           {WHOLE: result(45.0, 40.0)}, 1000.0)
    line = next(row for row in capsys.readouterr().out.splitlines() if row.startswith(f"- {WHOLE}"))
    assert "136,000 Myers steps, so about 136 ms CPU of clock reads in the C++ diff's 130.0 ms" in line
    assert "tokeniser alone (40.0 ms) = 170.0 ms CPU" in line
    assert "take 220.0 ms of ours (390.0 ms)" in line


@pytest.mark.skipif(backend() != "fast-diff-match-patch", reason="fast-diff-match-patch not installed")
def test_the_stage_view_times_each_stage_once_and_puts_the_engine_back() -> None:
    """``--stages``: every stage of a real diff took time, the stages inside diff_text add up to
    no more than it in every run (the diffs move detection makes count once, as moves), and the
    functions it wrapped to time them are the engine's own again afterwards. Runs, not medians:
    the medians of the stages need not add up to at most the median of the whole."""
    rng = random.Random(f"{bench_diff.SEED}/1/0.2")
    old = article(rng, 2)
    new = edit(rng, old, 0.2, moves=1, paragraphs=1)
    wrapped = [getattr(module, name) for _, module, name in bench_diff.STAGES]
    spent = bench_diff.stage_runs(bench_diff.Case("2 pages, 20%", [(old, new)] * 3, 1), runs=3)
    assert [getattr(module, name) for _, module, name in bench_diff.STAGES] == wrapped
    assert all(statistics.median(spent[label]) > 0 for label, _, _ in bench_diff.STAGES)
    inside = ("tokenise (tokens.split, a C regex)", "encode tokens as code points",
              "anchored diff, all", "token cleanup (cleanup_semantic)",
              "building the ops (textdiff._build_ops)", "moves (detect_moves)")
    for run in range(3):
        assert sum(spent[label][run] for label in inside) <= spent["diff_text, all"][run]
        assert (spent["  of it: anchors"][run] + spent["  of it: the C++ Myers diff"][run]
                <= spent["anchored diff, all"][run])
