"""The history's fast reading (``_fast_form``'s column checks, a pass in ``record_pass``'s form
made in place) gives exactly what the general reading (``store.log.parse_records``, then each
record applied) gives, for passes in every shape a hand-made or hostile commit can give them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.negotiation.history import (
    _SHA_LIST_RE,
    _WIDTH,
    HISTORY_KEYS,
    History,
    PassRecord,
    TARecord,
    _apply,
    _fast_form,
    _finish,
    new_pass,
    new_ta,
    parse_history,
)
from proposals.store.log import SHA_RE, parse_records

A, B = "a" * 40, "b" * 40
SHAS = st.sampled_from([A, B, "c" * 64, "a" * 39, "a" * 80, "A" * 40, "", A + " ", A + "\n" + B, "g" * 40])
PARENTS = st.sampled_from(
    ["", A, f"{A} {B}", f"{A} ", f" {A}", A + B, f"{A}\n{B}", f"{A}  {B}", "x", "c" * 64]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(SHAS, PARENTS), max_size=6), st.integers(0, 4))
def test_the_column_checks_are_the_field_checks(records: list[tuple[str, str]], extra: int) -> None:
    fields = [f for sha, parents in records for f in (sha, parents, "Ann", "subject", "")] + [A] * extra
    expected = not (
        len(fields) % _WIDTH
        or not all(map(SHA_RE.fullmatch, fields[0::_WIDTH]))
        or not all(map(_SHA_LIST_RE.fullmatch, fields[1::_WIDTH]))
    )
    assert _fast_form(fields) == expected


def general(text: str) -> History:
    """The history as the general reading makes it, record by record."""
    history: History = History()
    superseded: set[str] = set()
    records = parse_records(text, HISTORY_KEYS)
    for record in records:
        _apply(history, record, superseded)
    return _finish(history, records[-1].commit, superseded)


PARTY = st.sampled_from(["union", "employer", "Union", "other", " union"])
NAME = st.sampled_from(["U-1", "E-22", "U 1", "-U", "U" * 41, "ta-x", "U-1 "])
SESSION = st.sampled_from(["2024-02-20", "2024-13-01", "someday", "2024-2-20"])
KEY = st.sampled_from(["Articles", "Withdrawn"])
IDS = st.sampled_from(["staffing", "staffing, parking", "staffing,,parking", "Staffing!", "a, a", "wages "])
BLOCK = st.one_of(
    st.builds(lambda p, n, s, k, v: f"Proposal-Party: {p}\nPass: {n}\nSession: {s}\n{k}: {v}\n",
              PARTY, NAME, SESSION, KEY, IDS),
    st.just(""),
    st.just("TA-Article: staffing\nTA-Blob: " + "d" * 40 + "\nTA-Union-Sign: Ana\nTA-Employer-Sign: Eve\n"
            "TA-Date: 2024-03-01\nTA-Tag: ta-staffing\n"),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=8))
def test_the_fast_reading_is_the_general_reading(blocks: list[str]) -> None:
    text = "".join(f"{i:040x}\0{'' if i == 0 else f'{i - 1:040x}'}\0Ann\0pass {i}\0{block}\0"
                   for i, block in enumerate(blocks))
    assert parse_history(text) == general(text)


def test_records_made_in_place_are_the_dataclasses() -> None:
    values = ("U-1", "union", "2024-02-20", A, "Ann", "s", ("staffing",), ())
    made, built = new_pass(*values), PassRecord(*values)
    assert type(made) is PassRecord and made == built
    assert hash(made) == hash(built) and repr(made) == repr(built)
    signed = ("staffing", None, B, "Ana", "Eve", "2024-03-01", A, "ta-staffing")
    ta, built_ta = new_ta(*signed), TARecord(*signed)
    assert type(ta) is TARecord and ta == built_ta
    assert hash(ta) == hash(built_ta) and repr(ta) == repr(built_ta)
