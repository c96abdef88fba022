"""bargaining.toml parsed once per clone (issue 17): ``load_config`` keeps the parsed TOML in
.git/proposals/config.cache beside the exact bytes it came from, so a command whose file is
unchanged imports no tomllib. Whatever the file or the cache holds, the answer is a fresh
parse's."""

from __future__ import annotations

from pathlib import Path

from proposals.negotiation.config import CONFIG_NAME, _cached_toml, config_cache, load_config
from proposals.negotiation.repo import BargainingRepo


def _fresh(root: Path) -> object:
    return load_config(root)  # no cache: tomllib itself


def test_the_cache_answers_as_the_file_does_and_follows_each_edit(negotiation: Path) -> None:
    repo = BargainingRepo.open(negotiation)
    cache = config_cache(repo.git_dir)
    assert cache.is_file() and repo.config == _fresh(negotiation)
    toml = negotiation / CONFIG_NAME
    toml.write_text(toml.read_text().replace("Clinicians United", "Clinicians Untied"))
    again = BargainingRepo.open(negotiation)
    assert again.config.party("union").name == "Clinicians Untied"
    assert again.config == _fresh(negotiation) == load_config(negotiation, cache)


def test_a_corrupt_or_foreign_cache_is_parsed_again(negotiation: Path) -> None:
    cache = config_cache(BargainingRepo.open(negotiation).git_dir)
    truth = _fresh(negotiation)
    good = cache.read_bytes()
    for broken in (good[:-1] + bytes([good[-1] ^ 1]), good[: len(good) // 2], b"", b"proposals-config 1\n"):
        cache.write_bytes(broken)
        assert load_config(negotiation, cache) == truth
        raw = (negotiation / CONFIG_NAME).read_bytes()
        assert _cached_toml(cache, raw) is not None  # written again whole
    # a whole, checksummed cache of another text is not this text's
    other = negotiation.parent / "other"
    other.mkdir()
    text = (negotiation / CONFIG_NAME).read_text()
    (other / CONFIG_NAME).write_text(text.replace("Northstar", "Southstar"))
    load_config(other, cache)
    assert load_config(negotiation, cache) == truth


def test_toml_marshal_cannot_keep_is_parsed_every_time(negotiation: Path) -> None:
    toml = negotiation / CONFIG_NAME
    toml.write_text(toml.read_text() + "\n[articles.staffing]\npriority = 2025-01-01\n")
    cache = config_cache(BargainingRepo.open(negotiation).git_dir)
    cache.unlink(missing_ok=True)
    config = load_config(negotiation, cache)
    assert config.meta("staffing").priority == "2025-01-01" and config == _fresh(negotiation)
    assert not cache.exists()


def test_bad_toml_is_refused_in_one_line_whatever_the_cache(negotiation: Path, cli) -> None:
    BargainingRepo.open(negotiation)  # the cache of the good file
    toml = negotiation / CONFIG_NAME
    toml.write_text("[parties\n")
    result = cli("-C", str(negotiation), "status", ok=False)
    assert result.code != 0 and "bargaining.toml is corrupt" in result.err
