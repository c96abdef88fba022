"""The CLI's JSON writer lays out exactly what ``json.dumps(indent=2, ensure_ascii=False)`` does."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from proposals.cli.output import indented_json

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
KEYS = st.text() | st.integers() | st.booleans() | st.none()
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(st.text(), inner, max_size=4)
    | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=30,
)


@given(TREES)
def test_indented_json_is_json_dumps(data: object) -> None:
    assert indented_json(data) == json.dumps(data, indent=2, ensure_ascii=False)


def test_hostile_strings_are_escaped_as_json_does() -> None:
    data = {"pass": "U-1\n\x1b[2J\u202e", "articles": ["a\"b", "\\"], "empty": {}, "none": []}
    assert indented_json(data) == json.dumps(data, indent=2, ensure_ascii=False)
