"""Rendering: terminal colour, plain markers and the diff --json document."""

from __future__ import annotations

import json

from proposals.redline import diff_text, ops_to_json, render_ansi, render_markers

OLD = (
    "Leave is ten (10) days per year.\n"
    "Overtime is strictly voluntary for all members.\n"
    "Schedules are posted two weeks ahead.\n"
)
NEW = (
    "Leave is twelve (12) days per calendar year.\n"
    "Schedules are posted two weeks ahead.\n"
    "Overtime is voluntary for all members.\n"
)


def test_markers() -> None:
    assert render_markers(diff_text(OLD, NEW)) == (
        "Leave is [-ten-]{+twelve+} ([-10-]{+12+}) days per {+calendar +}year.\n"
        "[-m1:Overtime is strictly voluntary for all members.-]\n"
        "Schedules are posted two weeks ahead.\n"
        "{+m1:Overtime is [-strictly -]voluntary for all members.+}\n"
    )


def test_markers_close_at_line_breaks() -> None:
    ops = diff_text("A.\n", "A.\nNew one here.\nNew two here.\n")
    assert render_markers(ops) == "A.\n{+New one here.+}\n{+New two here.+}\n"


JOINED = (
    "6.3 The Committee shall meet monthly.\n"
    "It shall review [bold]vacancies[/bold].\n"
    "6.4 Agency staff shall not displace members.\n"
    "6.5 Vacancies are posted \x1b[31mwithin 10 days.\n"
)
SPLIT = (
    "6.3 The Committee shall meet monthly. It shall review [bold]vacancies[/bold].\n"
    "6.4 Agency staff shall not displace members.\n"
    "6.5 Vacancies are posted \x1b[31mwithin 10 days.\n"
)


def test_markers_show_a_paragraph_joined_or_split() -> None:
    """A break deleted or inserted beside kept text is marked (the hidden "\\n" ops of --json);
    printed as a bare line break, a join and a split read like any two lines."""
    joined = render_markers(diff_text(JOINED, SPLIT))
    assert "monthly.[-\u00b6-]\n{+ +}It shall review" in joined, joined
    split = render_markers(diff_text(SPLIT, JOINED))
    assert "monthly.[- -]{+\u00b6+}\nIt shall review" in split, split
    assert "[bold]vacancies[/bold]" in split  # text is the CLI's to escape, not markup here
    assert split.count("\u00b6") == 1 and joined.count("\u00b6") == 1
    # a paragraph wholly added or removed says so with its markers alone
    assert (
        render_markers(
            diff_text(SPLIT, SPLIT.replace("6.4 Agency staff shall not displace members.\n", ""))
        ).count("\u00b6")
        == 0
    )


def test_ansi_shows_a_paragraph_joined_or_split_and_escapes_the_text() -> None:
    joined = render_ansi(diff_text(JOINED, SPLIT))
    assert "monthly.\x1b[9;31m\u00b6\x1b[0m\n" in joined, joined
    split = render_ansi(diff_text(SPLIT, JOINED))
    assert "\x1b[4;32m\u00b6\x1b[0m\nIt shall review" in split, split
    assert "\x1b[31m" not in joined and "\\x1b[31m" in joined  # their escape is shown, never run


def test_ansi_strikes_deletions_underlines_insertions_and_colours_moves() -> None:
    out = render_ansi(diff_text(OLD, NEW))
    assert "\x1b[9;31mten\x1b[0m" in out  # red, struck through
    assert "\x1b[4;32mtwelve\x1b[0m" in out  # green, underlined
    assert "\x1b[9;35mOvertime is strictly voluntary for all members.\x1b[0m" in out
    assert "\x1b[4;36mOvertime is \x1b[0m" in out  # moved text at its new place, cyan
    assert "\u2039m1\u203a" in out
    # Styles never run over a line break.
    assert all(
        line.count("\x1b[0m") >= line.count("\x1b[9") + line.count("\x1b[4") for line in out.split("\n")
    )


def test_json_document() -> None:
    doc = ops_to_json(diff_text(OLD, NEW), from_label="U-1", to_label="E-1")
    json.dumps(doc)
    assert doc["from"] == "U-1" and doc["to"] == "E-1"
    assert doc["ops"][1] == {"op": "delete", "text": "ten", "move": None}
    assert {o["move"] for o in doc["ops"]} == {None, "m1"}
    assert [o for o in doc["moves"]["m1"] if o["op"] != "equal"] == [
        {"op": "delete", "text": "strictly ", "move": None}
    ]


def test_json_keeps_the_contract_when_normalising() -> None:
    old, new = "The \u201cEmployer\u201d pays.", 'The "Employer" pays.'
    doc = ops_to_json(diff_text(old, new, normalize=True), from_label="a", to_label="b")
    assert "".join(o["text"] for o in doc["ops"] if o["op"] != "insert") == old
    assert "".join(o["text"] for o in doc["ops"] if o["op"] != "delete") == new
    assert all(o.get("normalized") for o in doc["ops"] if o["op"] != "equal")


def test_normalize_reaches_the_inner_changes_of_moves() -> None:
    stays = "Schedules are posted four weeks ahead and changes need the clinician's consent.\n"
    old = "Intro.\nThe Employer\u2019s notice shall be in writing.\n" + stays
    new = "Intro.\n" + stays + "The Employer's notice shall be in writing.\n"
    ops = diff_text(old, new, normalize=True)
    assert render_markers(ops, normalize=True).endswith("{+m1:The Employer's notice shall be in writing.+}\n")
    assert "[-" not in render_markers(ops, normalize=True).split("\n")[-2]
    doc = ops_to_json(ops, from_label="a", to_label="b", normalize=True)
    assert {o["op"] for o in doc["moves"]["m1"]} >= {"equal"}
