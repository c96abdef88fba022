"""contract.escape compiles its patterns on first use and reads ASCII text with each pattern's
ASCII part (a class holding the surrogates takes re ~2 ms to compile, issue 17): every answer
is the whole pattern's, for any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.contract import escape

ASCII = st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40)
ANY = st.text(alphabet=st.characters(max_codepoint=0x3000, blacklist_categories=()), max_size=40)
TRICKY = st.text(alphabet="a\n\r\t\x00\x1b\x7f\x85\u061c\u202e\u2028\ufeff\ud800", max_size=20)


def whole(pattern: str, text: str, replace=escape._visible) -> str:
    return re.sub(pattern, replace, text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(ASCII, ANY, TRICKY))
def test_every_answer_is_the_whole_patterns(text: str) -> None:
    assert escape.for_output(text) == whole(escape._UNSAFE_IN_OUTPUT, text)
    assert escape.for_terminal(text) == whole(escape._UNSAFE, text)
    assert escape.for_terminal(text, keep_newlines=True) == whole(escape._UNSAFE_KEEP_LINES, text)
    as_json = whole(escape._UNSAFE_KEEP_LINES, text, lambda m: f"\\u{ord(m.group()):04x}")
    assert escape.for_json(text) == as_json


def test_plain_lines_compile_no_pattern_holding_the_surrogates() -> None:
    escape._COMPILED.clear()
    assert escape.for_output("Recorded Clinicians United pass U-3 (session 2025-01-02): staffing\n") == (
        "Recorded Clinicians United pass U-3 (session 2025-01-02): staffing\n"
    )
    assert escape.for_output("\x1b[31m") == "\\x1b[31m"
    assert all("\ud800" not in source for source in escape._COMPILED)
    assert escape.for_output("caf\u00e9 \u202e") == "caf\u00e9 \\u202e"
    assert any("\ud800" in source for source in escape._COMPILED)


@settings(max_examples=300, deadline=None)
@given(st.one_of(ASCII, ANY, TRICKY))
def test_store_validate_finds_what_the_whole_class_finds(text: str) -> None:
    """store.validate reads ASCII text with its classes' ASCII parts, compiled on first use."""
    from proposals.store import validate

    for multiline in (False, True):
        whole = re.search(validate._FORBIDDEN_MULTILINE if multiline else validate._FORBIDDEN, text)
        assert validate.has_control(text, multiline=multiline) == (whole is not None)
        found = validate._forbidden(text, multiline=multiline).search(text)
        assert (found and (found.start(), found.group())) == (whole and (whole.start(), whole.group()))
