"""Properties of sync's pure parts: renumbering plans and the remote/URL validators."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from proposals.errors import ProposalsError
from proposals.store.network import validate_remote_name, validate_url
from proposals.team.renumber import plan_renumbering, renumbered_message

CODES = {"union": "U", "employer": "E"}


@st.composite
def clash_cases(draw):
    """Remote-taken names and our unpushed passes (oldest first), both with some custom names."""
    taken = set(draw(st.lists(st.sampled_from([f"U-{n}" for n in range(1, 9)] + ["E-1", "E-2", "U-2a"]))))
    count = draw(st.integers(0, 6))
    unpushed = []
    used: set[str] = set()
    for i in range(count):
        party = draw(st.sampled_from(["union", "employer"]))
        name = draw(st.sampled_from([f"{CODES[party]}-{n}" for n in range(1, 9)] + ["U-2a"]))
        if name in used:
            continue
        used.add(name)
        unpushed.append((name, party, f"{i:040x}"))
    return unpushed, taken


@settings(max_examples=300, deadline=None)
@given(clash_cases())
def test_renumbering_plans(case) -> None:
    unpushed, taken = case
    plan = plan_renumbering(unpushed, taken, CODES)
    final = [plan.get(name, name) for name, _, _ in unpushed]
    assert len(set(final)) == len(final)  # no two of our passes share a name
    assert not set(final) & taken  # none uses a number the remote has
    assert set(plan) <= {name for name, _, _ in unpushed}
    for party, code in CODES.items():  # renumbered passes keep their order
        numbers = [
            int(m.group(1))
            for name, p, _ in unpushed
            if p == party and name in plan and (m := re.match(rf"^{code}-(\d+)$", plan[name]))
        ]
        assert numbers == sorted(numbers)


def test_renumbered_message_rewrites_the_trailer_and_the_default_subject() -> None:
    message = "Union pass U-2: staffing\n\nProposal-Party: union\nPass: U-2\nSession: 2025-02-01\n"
    out = renumbered_message(message, "U-2", "U-3")
    assert out.splitlines()[0] == "Union pass U-3: staffing"
    assert "Pass: U-3" in out and "Pass: U-2" not in out and out.endswith("Renumbered-From: U-2\n")
    assert renumbered_message("Union pass U-22: x\n\nPass: U-2\n", "U-2", "U-3").startswith("Union pass U-22")
    assert renumbered_message("U-2: counter on ratios\n\nPass: U-2\n", "U-2", "U-3").startswith(
        "U-3: counter on ratios\n"
    )


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_validators_return_or_refuse(value: str) -> None:
    for check in (validate_remote_name, validate_url):
        try:
            assert check(value) == value
        except ProposalsError:
            continue
        assert not value.startswith("-") and "::" not in value.split("/")[0]


def test_a_remote_name_with_a_trailing_newline_is_refused() -> None:
    """The pattern is matched whole (fullmatch): `$` would have let "origin\n" through."""
    import pytest

    for name in ("origin\n", "origin\r", "-origin", "a..b", "x.lock"):
        with pytest.raises(ProposalsError):
            validate_remote_name(name)


def test_a_url_with_a_transport_helper_of_any_shape_is_refused() -> None:
    """Git takes ``name::address`` as a remote helper; hypothesis found "::" (an empty name) let
    through by a pattern that wanted a letter first."""
    import pytest

    for url in ("::", "::b", "1::x", "ext::sh -c id", "a+b::c/d"):
        with pytest.raises(ProposalsError):
            validate_url(url)
    for url in ("ssh://[::1]/srv/contract.git", "../contract.git", "https://example.org/a::b"):
        assert validate_url(url) == url
