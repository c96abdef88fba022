"""Every ref's object and peeled commit read from a ``show-ref -d`` listing in one regex match per
ref (``refs_from_listing``, issue 17): the same answer as reading it a line at a time, for
listings of any shape (light tags, a peeled line alone, a name twice, odd names, other refs)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.store.git import _refs_line_by_line, _stretch, refs_from_listing

A, B, C = "a" * 40, "b" * 40, "c" * 64
LINES = st.sampled_from([
    f"{A} refs/tags/U-1", f"{B} refs/tags/U-1^{{}}", f"{C} refs/tags/U-2", f"{A} refs/tags/U-2^{{}}",
    f"{B} refs/tags/ta-x", f"{A} refs/heads/main", f"{C} refs/tags/a^b", "x refs/tags/q",
    f"{A}  refs/tags/sp", "", f"{A} refs/tagsX", f"{A} refs/tags/", f"{B} refs/tags/2028/U-1",
    f"{B} refs/proposals/remote-tags/origin/U-1", f"{A} refs/proposals/remote-tags/origin/U-1^{{}}",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(LINES, max_size=8), st.sampled_from(["refs/tags/", "refs/proposals/remote-tags/origin/"]))
def test_one_match_per_ref_is_the_line_by_line_reading(lines: list[str], prefix: str) -> None:
    listing = "\n".join(lines)
    assert refs_from_listing(listing, prefix) == _refs_line_by_line(_stretch(listing, prefix), prefix)


def test_annotated_and_light_tags() -> None:
    listing = f"{A} refs/heads/main\n{A} refs/tags/U-1\n{B} refs/tags/U-1^{{}}\n{C} refs/tags/light\n"
    assert refs_from_listing(listing, "refs/tags/") == {"U-1": (A, B), "light": (C, C)}
