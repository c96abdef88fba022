"""`proposals diff` and `proposals provenance` on real repos: the JSON contract and REV names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CLI, STAFFING


def diff_json(cli: CLI, repo: Path, *args: str) -> dict:
    return json.loads(cli("-C", str(repo), "diff", *args, "--json").out)


def rebuild(ops: list[dict], keep: str) -> str:
    return "".join(o["text"] for o in ops if o["op"] in ("equal", keep))


def test_json_ops_rebuild_both_sides_exactly(cli: CLI, negotiation: Path) -> None:
    data = diff_json(cli, negotiation, "staffing", "--from", "U-1", "--to", "E-1")
    assert set(data) == {"from", "to", "ops", "moves"} and (data["from"], data["to"]) == ("U-1", "E-1")
    for op in data["ops"]:
        assert set(op) >= {"op", "text", "move"} and op["op"] in ("equal", "delete", "insert")
    old = cli("-C", str(negotiation), "show", "staffing", "--at", "U-1").out
    new = cli("-C", str(negotiation), "show", "staffing", "--at", "E-1").out
    assert rebuild(data["ops"], "delete") == old
    assert rebuild(data["ops"], "insert") == new
    changed = [(o["op"], o["text"]) for o in data["ops"] if o["op"] != "equal"]
    assert changed[:4] == [("delete", "two"), ("insert", "one"), ("delete", "2"), ("insert", "1")]
    assert all(len(t.split()) <= 2 for _, t in changed)  # words, not lines or paragraphs


def test_rev_names(cli: CLI, negotiation: Path) -> None:
    by_party = diff_json(cli, negotiation, "staffing", "--from", "union", "--to", "employer")
    by_name = diff_json(cli, negotiation, "staffing", "--from", "U-1", "--to", "E-1")
    assert by_party["ops"] == by_name["ops"]
    assert (by_party["from"], by_party["to"]) == ("U-1", "E-1")
    (negotiation / "articles" / "staffing.txt").write_text(
        (negotiation / "articles" / "staffing.txt").read_text().replace("ten (10) days", "seven (7) days")
    )
    draft = diff_json(cli, negotiation, "staffing")  # default: our draft against the table text
    assert (draft["from"], draft["to"]) == ("E-1", "draft")
    assert [o["text"] for o in draft["ops"] if o["op"] != "equal"] == ["ten", "seven", "10", "7"]
    git_rev = diff_json(cli, negotiation, "staffing", "--from", "HEAD~1", "--to", "HEAD")
    assert git_rev["ops"] == by_name["ops"]
    err = cli("-C", str(negotiation), "diff", "staffing", "--from", "baseline", ok=False).err
    assert "no baseline" in err


def test_markers_and_granularity(cli: CLI, negotiation: Path) -> None:
    out = cli("-C", str(negotiation), "diff", "staffing", "--from", "U-1", "--to", "E-1", "--markers").out
    assert "[-two-]{+one+} ([-2-]{+1+}) medical [-assistants-]{+assistant+}" in out
    assert "\x1b[" not in out
    piped = cli("-C", str(negotiation), "diff", "staffing", "--from", "U-1", "--to", "E-1").out
    assert piped == out  # no terminal, no colour: markers
    for granularity in ("sentence", "char"):
        data = diff_json(
            cli, negotiation, "staffing", "--from", "U-1", "--to", "E-1", "--granularity", granularity
        )
        assert (
            rebuild(data["ops"], "insert")
            == cli("-C", str(negotiation), "show", "staffing", "--at", "E-1").out
        )


def test_provenance_attributes_each_party(cli: CLI, negotiation: Path) -> None:
    data = json.loads(cli("-C", str(negotiation), "provenance", "staffing", "--at", "E-1", "--json").out)
    text = cli("-C", str(negotiation), "show", "staffing", "--at", "E-1").out
    assert "".join(s["text"] for s in data["spans"]) == text
    by_label = {s["pass"]: s for s in data["spans"]}
    assert set(by_label) == {"U-1", "E-1"}
    assert [s["text"] for s in data["spans"] if s["pass"] == "E-1"] == ["one", "1", "assistant"]
    assert by_label["E-1"]["party"] == "employer"
    plain = cli("-C", str(negotiation), "provenance", "staffing", "--at", "E-1").out
    assert "{E-1: one} ({E-1: 1}) medical {E-1: assistant}" in plain


@pytest.mark.parametrize("rev", ["--upload-pack=x", "U-1..E-1", "HEAD:articles/x"])
def test_hostile_revs(cli: CLI, negotiation: Path, rev: str) -> None:
    cli("-C", str(negotiation), "diff", "staffing", f"--from={rev}", ok=False)


def test_unchanged_text_gives_one_equal_op(cli: CLI, negotiation: Path) -> None:
    data = diff_json(cli, negotiation, "scheduling", "--from", "U-1", "--to", "draft")
    assert [o["op"] for o in data["ops"]] == ["equal"]
    assert STAFFING not in data["ops"][0]["text"]
