"""Random bytes into every file reader: each returns or raises ProposalsError, never anything else."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proposals.contract.part import decode_article, normalise_text, parse_heading, sections
from proposals.errors import ProposalsError
from proposals.negotiation.baseline import read_text_dir
from proposals.negotiation.config import load_config, parse_config
from proposals.negotiation.history import HISTORY_KEYS, split_list
from proposals.store.log import parse_records

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Bytes biased towards the shapes that break readers: BOMs, CR, NUL, bad UTF-8, TOML syntax.
fragments = st.sampled_from(
    [
        b"\xef\xbb\xbf",
        b"\r\n",
        b"\r",
        b"\x00",
        b"\xff",
        b"\xc3",
        b"\xed\xa0\x80",
        b"ARTICLE 6: X\n",
        b"6.1 ",
        b"\n\n",
        b"[",
        b"]",
        b"{",
        b"=",
        b'"',
        b"'''",
        b"[parties.union]\n",
        b"name = 'U'\n",
        b"[articles.x]\n",
        b"economic = true\n",
        b"code = 'U'\n",
        b"\\u0000",
    ]
)
hostile_bytes = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.one_of(fragments, st.binary(max_size=8)), max_size=60).map(b"".join),
)


@FUZZ
@given(hostile_bytes)
def test_article_decoding(data: bytes) -> None:
    try:
        text = decode_article(data, "articles/x.txt")
    except ProposalsError as exc:
        assert "\n" not in str(exc)
        return
    assert "\r" not in text
    stored = normalise_text(text)
    parse_heading(stored)
    sections(stored)
    assert normalise_text(stored) == stored  # idempotent: recording twice changes nothing


@FUZZ
@given(hostile_bytes)
def test_bargaining_toml(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "bargaining.toml").write_bytes(data)
        try:
            load_config(Path(tmp))
        except ProposalsError as exc:
            assert "\n" not in str(exc)


toml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10), st.floats()),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["parties", "articles", "other"]),
        st.one_of(
            toml_values,
            st.fixed_dictionaries({"union": toml_values, "employer": toml_values}),
            st.dictionaries(
                st.text(max_size=8),
                st.dictionaries(
                    st.sampled_from(["name", "code", "colour", "economic", "priority", "title"]),
                    toml_values,
                    max_size=4,
                ),
            ),
        ),
    )
)
def test_parsed_toml_of_any_shape(data: dict) -> None:
    with contextlib.suppress(ProposalsError):
        parse_config(data)


@FUZZ
@given(st.dictionaries(st.text(min_size=1, max_size=12), hostile_bytes, max_size=4))
def test_baseline_text_folder(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            try:
                (Path(tmp) / f"{name}.txt").write_bytes(data)
            except (OSError, ValueError):  # names the file system itself refuses
                continue
        try:
            read_text_dir(Path(tmp))
        except ProposalsError as exc:
            assert "\n" not in str(exc)


@FUZZ
@given(st.text(max_size=500))
def test_log_output_of_any_shape(out: str) -> None:
    """``git log`` output is read only as whole NUL-separated records; anything else is refused."""
    try:
        records = parse_records(out, HISTORY_KEYS)
    except ProposalsError as exc:
        assert "\n" not in str(exc)
        return
    for record in records:
        for values in record.trailers.values():
            for value in values:
                split_list(value)
