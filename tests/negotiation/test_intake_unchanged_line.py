"""Their pass into a long contract names the unchanged parts in a line a person reads (issue 11).

Before: "Unchanged, not part of the pass:" named every one: 20,000 characters for 2,000 parts.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CLI


def _part(n: int, shifts: str = "each") -> str:
    return f"ARTICLE {n}: TOPIC {n}\n\n{n}.1 The Employer shall do thing {n} on {shifts} shift.\n"


def test_many_unchanged_parts_are_counted_and_the_first_few_named(cli: CLI, tmp_path: Path) -> None:
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    repo = tmp_path / "talks"
    old = tmp_path / "old"
    old.mkdir()
    for n in range(1, 71):
        (old / f"article-{n}.txt").write_text(_part(n))
    cli("-C", str(repo), "baseline", "--from-dir", str(old))
    theirs = tmp_path / "E-1.txt"
    theirs.write_text("\n".join(_part(n, "every" if n == 3 else "each") for n in range(1, 71)))
    out = cli("-C", str(repo), "import-docx", str(theirs), "--party", "employer",
              "--session", "2025-04-02", "--announced", "article-3").out  # fmt: skip
    line = next(x for x in out.splitlines() if x.startswith("Unchanged"))
    assert line == (  # past 60 (a whole ordinary contract is named, as test_lo_split_merge reads)
        "Unchanged, not part of the pass: 69 parts (article-1, article-2, article-4, article-5, article-6, …)"
    )
