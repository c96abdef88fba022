"""The validation layer: every string bound for a commit, tag, trailer or file name."""

from __future__ import annotations

import re

import pytest

from proposals.errors import ProposalsError
from proposals.store.git import validate_ref_name, validate_rev
from proposals.store.validate import check_date, check_pattern, check_text, date_or_today

HOSTILE = [
    "J\rTA-Blob: 0000000000000000000000000000000000000000",
    "J\nTA-Blob: 0",
    "Jane\u2028TA-Article: wages",
    "Jane\u2029x",
    "Jane\x85x",
    "Jane\x1ex",
    "Jane\x1fx",
    "Jane\x1cx",
    "Jane\x0bx",
    "Jane\x0cx",
    "Jane\x00x",
    "Jane\x1b[31mred",
    "Jane\u202eeoD",
    "Jane\tDoe",
    "Jane\x7f",
    "Jane\udcff",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_one_line_values_refuse_control_and_separator_characters(value: str) -> None:
    with pytest.raises(ProposalsError) as caught:
        check_text(value, "--union-sign")
    message = str(caught.value)
    assert "\n" not in message and "--union-sign" in message
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202e]", message)  # never echoed raw


@pytest.mark.parametrize("value", [v for v in HOSTILE if "\t" not in v])
def test_multi_line_values_refuse_all_but_newline_and_tab(value: str) -> None:
    if value == "J\nTA-Blob: 0":
        assert check_text(value, "message", multiline=True) == value
        return
    with pytest.raises(ProposalsError):
        check_text(value, "message", multiline=True)


def test_plain_text_passes_stripped_and_unicode_names_are_fine() -> None:
    assert check_text("  Zoë O'Brien-Nguyễn  ", "name") == "Zoë O'Brien-Nguyễn"
    assert check_text("First line\n\n\tindented", "message", multiline=True) == "First line\n\n\tindented"
    assert check_text("", "message", allow_empty=True) == ""
    with pytest.raises(ProposalsError, match="is empty"):
        check_text("   ", "--union-sign")
    with pytest.raises(ProposalsError, match="limit is 5"):
        check_text("abcdefgh", "code", max_length=5)


def test_patterns_match_the_whole_value_never_up_to_a_trailing_newline() -> None:
    pattern = re.compile(r"U-[0-9]+")
    assert check_pattern("U-7", pattern, "pass number", "like U-7") == "U-7"
    for bad in ("U-7\n", "U-7\r", "\nU-7", "U-7 ", "U-7\x00"):
        with pytest.raises(ProposalsError, match="invalid pass number"):
            check_pattern(bad, pattern, "pass number", "like U-7")
    for bad in ("U-7\n", "main\n"):
        with pytest.raises(ProposalsError):
            validate_ref_name(bad)
        with pytest.raises(ProposalsError):
            validate_rev(bad)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2100-01-01", "2099-12-31"),
        ("1969-12-31", "1970-01-01"),
        ("9999-01-01", "2099-12-31"),
        ("0001-01-01", "1970-01-01"),
        ("2024-02-30", "no such day"),
        ("2023-02-29", "no such day"),
        ("", "empty"),
        ("  ", "empty"),
        ("2024-03-05\n", "YYYY-MM-DD"),
        ("2024-3-5", "YYYY-MM-DD"),
        ("２０２４-03-05", "YYYY-MM-DD"),
        ("2024-03-05T10:00", "YYYY-MM-DD"),
    ],
)
def test_dates_git_would_misrecord_are_refused(value: str, why: str) -> None:
    with pytest.raises(ProposalsError, match=why):
        check_date(value, "session date")


def test_dates_in_range_and_today_only_when_absent() -> None:
    assert check_date("1970-01-01") == "1970-01-01"
    assert check_date("2024-02-29") == "2024-02-29"
    assert check_date("2099-12-31") == "2099-12-31"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_or_today(None))
    with pytest.raises(ProposalsError, match="empty"):
        date_or_today("", "--date")


def test_a_ref_name_is_refused_as_git_check_ref_format_refuses_it() -> None:
    """A tag is made with no ``git check-ref-format`` process first (4 ms of each pass, issue 17),
    so the name check holds git's rules for its characters: checked here against git itself."""
    import subprocess

    names = ["U-7", "2028/U-3", "ta-a-1", ".a", "a/.b", "a.lock/b", "b/a.lock", "a.locks", "a..b",
             "a/b.", "a//b", "x.lockx/y", "a/b", "a.b_c-d", "a./b", "_/_", ".", "a/"]
    for name in names:
        by_git = subprocess.run(["git", "check-ref-format", f"refs/tags/{name}"]).returncode == 0
        try:
            validate_ref_name(name)
        except ProposalsError:
            assert not by_git, name
        else:
            assert by_git, name
