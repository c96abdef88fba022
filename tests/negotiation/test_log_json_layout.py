"""``log --json`` lays its passes out from one template (``reading.passes_json``): the text must be
what the general layout (``output.indented_json``, itself json.dumps(indent=2)) gives, byte for byte."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.cli.output import indented_json
from proposals.cli.reading import pass_fields, passes_json
from proposals.negotiation.history import PassRecord

names = st.text(min_size=0, max_size=12)
ids = st.lists(st.text(min_size=1, max_size=8), max_size=3).map(tuple)
records = st.builds(PassRecord, names, names, names, names, names, names, ids, ids)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(records, names), max_size=5), st.booleans())
def test_passes_json_is_the_general_layout(passes: list, with_round: bool) -> None:
    data = {"passes": [p.as_json() | ({"round": r} if with_round else {}) for p, r in passes]}
    text = passes_json(pass_fields(passes), with_round)
    assert text == indented_json(data)
    assert text == json.dumps(data, indent=2, ensure_ascii=False)
