"""An article number printed with a letter for a digit ("ARTICLE l5 - BURIAL GRANT", a real
agreement's lower-case L): before, the heading was no heading and the whole article went into the
one before it, with only a sequence note to say so."""

from __future__ import annotations

from pathlib import Path

from conftest import CLI

from proposals.contract.split import Line, split_parts

BOOK = """ARTICLE 13 - HOLIDAYS
13.1 Holidays are paid.
ARTICLE 14 - SICK LEAVE
14.1 Sick leave accrues monthly.
ARTICLE l5 - BURIAL GRANT
15.1 A grant is paid on the death of a worker.
ARTICLE 16 - UNIFORMS
16.1 Uniforms are supplied. Article I2 of the old agreement and Section 2O are gone.
ARTICLE l9 - STRAY
19.1 No article 17 or 18 is near: this one is left as printed.
"""


def test_a_letter_for_a_digit_is_read_as_the_number_the_sequence_calls_for() -> None:
    split = split_parts([Line(t) for t in BOOK.splitlines()])
    assert [p.number for p in split.parts] == ["13", "14", "15", "16"]
    grant = split.parts[2]
    assert grant.title == "BURIAL GRANT" and grant.text.startswith("ARTICLE 15 - BURIAL GRANT\n15.1 A grant")
    assert any("'ARTICLE l5 - BURIAL GRANT' read as ARTICLE 15" in note for note in split.notes)
    uniforms = split.parts[3].text
    assert "Article I2 of the old agreement and Section 2O are gone." in uniforms  # prose untouched
    assert "ARTICLE l9 - STRAY" in uniforms  # no neighbour says 19: kept as printed


def test_the_dry_run_says_so(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "agreement.txt"
    source.write_text(BOOK, "utf-8")
    cli("init", "talks", "--union", "U", "--employer", "E")
    out = cli("-C", "talks", "baseline", "--from-text", str(source), "--dry-run").out
    assert "burial-grant" in out and "read as ARTICLE 15" in out
