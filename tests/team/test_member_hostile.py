"""Issue 13: `proposals member` fed hostile text refuses it in one line and writes nothing.

Control characters, line breaks and trailer injection, Textual markup, names too long, values
shaped like git options: each a one-line error, a non-zero exit, and the repo's git config as
it was (no user.name, no user.email, nothing else).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import fails, git, make_repo, ok

BLOB = "0" * 40
GOOD_EMAIL = "rosa@clinicians.example"

HOSTILE_NAMES = [
    ("Rosa\x1b[31m", "Name contains"),
    (f"Rosa\nTA-Blob: {BLOB}", "Name contains"),
    (f"Rosa\rTA-Blob: {BLOB}", "Name contains"),
    ("Rosa\u2028Pass: E-9", "Name contains"),
    ("Rosa\x85x", "Name contains"),
    ("Rosa\x1eE-1", "Name contains"),
    ("[/]", "[ or ]"),
    ("Rosa [@click=app.quit]", "[ or ]"),
    ("[link=https://evil.example]Rosa[/link]", "[ or ]"),
    ("R" * 121, "the limit is 120"),
    ("R" * 100_000, "the limit is 120"),
    ("-x", "starts with -"),
    ("--upload-pack=touch /tmp/pwned", "starts with -"),
    ("Rosa <x>", "< or >"),
    ("", "Name is empty"),
]
HOSTILE_EMAILS = [
    (f"{GOOD_EMAIL}\nTA-Blob: {BLOB}", "Email contains"),
    (f"{GOOD_EMAIL}\x1b[2J", "Email contains"),
    ("-x@clinicians.example", "starts with -"),
    ("--global@x.example", "starts with -"),
    ("[@click=app.quit]@x.example", "not an address"),
    ("[@click=app.quit]", "not an address"),
    ("a" * 300 + "@x.example", "the limit is 254"),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("member") / "team")


def local_config(repo: Path) -> str:
    return git(repo, "config", "--local", "--list")


@pytest.mark.parametrize(("name", "why"), HOSTILE_NAMES, ids=[repr(n)[:40] for n, _ in HOSTILE_NAMES])
def test_a_hostile_name_is_one_line_and_writes_nothing(repo: Path, name: str, why: str) -> None:
    before = local_config(repo)
    line = fails(repo, "member", f"--name={name}", "--email", GOOD_EMAIL)
    assert why in line, line
    assert "\x1b" not in line and len(line) < 400
    assert local_config(repo) == before and "user." not in before


@pytest.mark.parametrize(("email", "why"), HOSTILE_EMAILS, ids=[repr(e)[:40] for e, _ in HOSTILE_EMAILS])
def test_a_hostile_email_is_one_line_and_writes_nothing(repo: Path, email: str, why: str) -> None:
    before = local_config(repo)
    line = fails(repo, "member", "--name", "Rosa Delgado", f"--email={email}")
    assert why in line, line
    assert "\x1b" not in line and len(line) < 400
    assert local_config(repo) == before and "user." not in before


def test_an_option_shaped_value_never_reaches_git(repo: Path, tmp_path: Path) -> None:
    """As separate words too: argparse or our check refuses it; git never sees an option."""
    pwned = tmp_path / "pwned"
    for value in (f"--upload-pack=touch {pwned}", "--global", "-c"):
        fails(repo, "member", "--name", value, "--email", GOOD_EMAIL)
        fails(repo, "member", "--name", "Rosa", "--email", value)
    assert not pwned.exists() and "user." not in local_config(repo)


def test_a_plain_name_with_accents_is_stored(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "team")
    out = ok(repo, "member", "--name", "Rosa Delgado-Núñez (steward)", "--email", GOOD_EMAIL)
    assert "Rosa Delgado-Núñez (steward)" in out
    assert git(repo, "config", "--local", "user.name").strip() == "Rosa Delgado-Núñez (steward)"
