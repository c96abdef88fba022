"""bargaining.toml: who the parties are and what we know about each article.

It is the marker of a bargaining repo, so a corrupt or missing file is reported in one line
rather than half-working.
"""

from __future__ import annotations

import bisect
import marshal
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from proposals.contract.headings import KINDS
from proposals.errors import ProposalsError
from proposals.store.validate import check_date, check_text

CONFIG_NAME = "bargaining.toml"
PARTIES = ("union", "employer")
DEFAULT_COLOURS = {"union": "#1f6feb", "employer": "#d1242f"}
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{0,3}\Z")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}\Z")
MAX_CONFIG_BYTES = 1024 * 1024  # a real one is a few kB; a huge one is an accident or an attack


@dataclass(frozen=True, slots=True)
class Party:
    """One side at the table: its name, its pass-number code and its colour."""

    key: str  # "union" | "employer"
    name: str
    code: str  # pass-number prefix: U -> U-1, U-2, ...
    colour: str


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What bargaining.toml says of one part beyond its text."""

    economic: bool = False
    priority: str = ""
    title: str = ""  # overrides the heading line's title when set
    # The part's kind (preamble, article, appendix, letter); "" means: as its heading says.
    kind: str = ""
    expires: str = ""  # YYYY-MM-DD: a letter of agreement or MOU that ends before the contract
    # The division heading the part stands under ("PART A - GENERAL"), as the contract in force
    # writes it; compile, the Word export and the site show it above the first part of each.
    division: str = ""


@dataclass(frozen=True)
class Config:
    """bargaining.toml as read: the parties, each part's metadata, the ground rules."""

    parties: dict[str, Party]
    articles: dict[str, ArticleMeta] = field(default_factory=dict)
    # Ground rules ([ground_rules] tas_contingent = true): every TA is contingent on the whole agreement.
    tas_contingent: bool = False

    def party(self, key: str) -> Party:
        if key not in self.parties:
            raise ProposalsError(f"unknown party {key!r}: use union or employer")
        return self.parties[key]

    def meta(self, article_id: str) -> ArticleMeta:
        return self.articles.get(article_id, ArticleMeta())

    def other(self, key: str) -> str:
        return "employer" if key == "union" else "union"


def load_config(root: Path, cache: Path | None = None) -> Config:
    """bargaining.toml of the repo at `root`. `cache`: a file (``config_cache``) keeping the
    parsed TOML beside the exact bytes it was parsed from, so a command whose file is unchanged
    imports no tomllib (its patterns: ~4 ms of every command's start, issue 17)."""
    path = root / CONFIG_NAME
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        raise ProposalsError(
            f"{root} is not a bargaining repo (no {CONFIG_NAME}); create one with proposals init"
        ) from None
    except OSError as exc:  # a directory, unreadable, ...
        raise ProposalsError(f"{CONFIG_NAME} cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ProposalsError(f"{CONFIG_NAME} is corrupt: larger than 1 MB")
    data = _cached_toml(cache, raw) if cache is not None else None
    if data is None:
        data = _toml(raw)
        if cache is not None:
            _keep_toml(cache, raw, data)
    return parse_config(data)


def config_cache(git_dir: Path) -> Path:
    """Where ``load_config`` keeps the parsed file: local to the clone, never transferred."""
    return git_dir / "proposals" / "config.cache"


_CACHE_MAGIC = b"proposals-config 1\n"
_DIGEST = 4  # a CRC-32 of the rest, as the history cache checks its chunks


def _toml(raw: bytes) -> dict:
    import tomllib

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProposalsError(f"{CONFIG_NAME} is corrupt: {exc}") from None
    except RecursionError:  # tomllib recurses on deeply nested arrays and inline tables
        raise ProposalsError(f"{CONFIG_NAME} is corrupt: nested too deeply") from None


def _cached_toml(cache: Path, raw: bytes) -> dict | None:
    """The TOML the cache holds for exactly `raw`, or None (no file, another text, corrupt)."""
    from zlib import crc32

    from proposals.negotiation.history_cache import read_plain

    found = read_plain(cache)
    if found is None or not found[0].startswith(_CACHE_MAGIC):
        return None
    body = memoryview(found[0])[len(_CACHE_MAGIC) :]
    if crc32(body[_DIGEST:]).to_bytes(_DIGEST, "little") != body[:_DIGEST]:
        return None
    try:
        kept, data = marshal.loads(body[_DIGEST:])
    except (ValueError, TypeError, EOFError):
        return None
    return data if kept == raw and isinstance(data, dict) else None


def _keep_toml(cache: Path, raw: bytes, data: dict) -> None:
    """Write the cache for `raw`; TOML holding what marshal cannot keep (dates) is not kept."""
    from zlib import crc32

    from proposals.negotiation.history_cache import replace_whole

    try:
        body = marshal.dumps((raw, data))
    except ValueError:
        return
    replace_whole(cache, _CACHE_MAGIC + crc32(body).to_bytes(_DIGEST, "little") + body)


def parse_config(data: dict) -> Config:
    parties_raw = data.get("parties")
    if not isinstance(parties_raw, dict):
        raise ProposalsError(f"{CONFIG_NAME} is corrupt: no [parties.union] / [parties.employer]")
    parties: dict[str, Party] = {}
    for key in PARTIES:
        entry = parties_raw.get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ProposalsError(f"{CONFIG_NAME} is corrupt: [parties.{key}] needs a name")
        code = str(entry.get("code", key[0].upper()))
        colour = str(entry.get("colour", DEFAULT_COLOURS[key]))
        if not CODE_RE.fullmatch(code):
            raise ProposalsError(f"{CONFIG_NAME}: parties.{key}.code {code!r} must be 1-4 capitals")
        if not COLOUR_RE.fullmatch(colour):
            raise ProposalsError(f"{CONFIG_NAME}: parties.{key}.colour {colour!r} is not #rrggbb")
        name = check_text(
            entry["name"], f"{CONFIG_NAME}: parties.{key}.name", max_length=120, fix=f"edit {CONFIG_NAME}"
        )
        parties[key] = Party(key, name, code, colour)
    if parties["union"].code == parties["employer"].code:
        raise ProposalsError(f"{CONFIG_NAME}: the two parties need different codes")
    articles: dict[str, ArticleMeta] = {}
    raw_articles = data.get("articles", {})
    if not isinstance(raw_articles, dict):
        raise ProposalsError(f"{CONFIG_NAME} is corrupt: [articles] must be a table")
    for article_id, meta in raw_articles.items():
        if not isinstance(meta, dict):
            raise ProposalsError(f"{CONFIG_NAME} is corrupt: [articles.{article_id}] must be a table")
        kind = _setting(meta, article_id, "kind")
        if kind and kind not in KINDS:
            raise ProposalsError(
                f"{CONFIG_NAME}: articles.{article_id}.kind {kind!r} must be one of {', '.join(KINDS)}"
            )
        expires = _setting(meta, article_id, "expires")
        if expires:
            check_date(expires, f"{CONFIG_NAME}: articles.{article_id}.expires")
        articles[article_id] = ArticleMeta(
            economic=bool(meta.get("economic", False)),
            priority=_setting(meta, article_id, "priority"),
            title=_setting(meta, article_id, "title"),
            kind=kind,
            expires=expires,
            division=_setting(meta, article_id, "division"),
        )
    rules = data.get("ground_rules", {})
    if not isinstance(rules, dict) or not isinstance(rules.get("tas_contingent", False), bool):
        raise ProposalsError(f"{CONFIG_NAME}: [ground_rules] tas_contingent must be true or false")
    return Config(parties, articles, tas_contingent=rules.get("tas_contingent", False))


def _setting(meta: dict, article_id: str, key: str) -> str:
    """A one-line per-article setting: shown on boards and in exports, so no control characters."""
    return check_text(
        str(meta.get(key, "")),
        f"{CONFIG_NAME}: articles.{article_id}.{key}",
        allow_empty=True,
        fix=f"edit {CONFIG_NAME}",
    )


def _q(value: str) -> str:
    import json  # writing the config only; reading it (every command) needs no json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def dump_config(config: Config) -> str:
    out = ["# Bargaining repo settings: see proposals' README.", ""]
    for key in PARTIES:
        party = config.parties[key]
        out += [
            f"[parties.{key}]",
            f"name = {_q(party.name)}",
            f"code = {_q(party.code)}",
            f"colour = {_q(party.colour)}",
            "",
        ]
    if config.tas_contingent:
        out += ["[ground_rules]", "tas_contingent = true", ""]
    for article_id in sorted(config.articles):
        meta = config.articles[article_id]
        out.append(f"[articles.{article_id}]")
        out.append(f"economic = {'true' if meta.economic else 'false'}")
        if meta.priority:
            out.append(f"priority = {_q(meta.priority)}")
        if meta.title:
            out.append(f"title = {_q(meta.title)}")
        if meta.kind:
            out.append(f"kind = {_q(meta.kind)}")
        if meta.expires:
            out.append(f"expires = {_q(meta.expires)}")
        if meta.division:
            out.append(f"division = {_q(meta.division)}")
        out.append("")
    return "\n".join(out)


# -- editing the file in place (a pass's new part takes its division: negotiation/divisions.py) --

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_ARTICLE_TABLE_RE = re.compile(
    r"\[\s*articles\s*\.\s*(?:\"([^\"\\]*)\"|'([^']*)'|([A-Za-z0-9_-]+))\s*\]\s*(?:#.*)?"
)


def same_division(one: str, other: str) -> bool:
    """One division however it is typed: "PART B – PAY" is "Part B - Pay" (dashes, spaces, case)."""

    def key(text: str) -> str:
        return " ".join(text.translate(_DASHES).replace("\u00a0", " ").upper().split())

    return key(one) == key(other)


def with_divisions(text: str, settings: Mapping[str, str]) -> tuple[str, Config] | None:
    """`text` (bargaining.toml) with ``division`` set for each part of `settings`, edited in place
    so nothing else in the file changes (comments, ``[publish]``: rewriting it from the settings
    would drop them), a new table in id order as :func:`dump_config` writes them (two members
    adding different parts seldom touch the same lines). None when the edit does not read back as
    exactly those settings added (a part's settings written some other way): the caller says so.
    One parse before and one after, however many parts (a pass may bring a thousand); the
    settings as read back come with the text."""
    import tomllib

    try:
        old = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    lines = text.split("\n")
    tables = {
        match[1] or match[2] or match[3]: index
        for index, line in enumerate(lines)
        if (match := _ARTICLE_TABLE_RE.fullmatch(line.strip()))
    }
    starts = sorted((name, index) for name, index in tables.items())
    after: dict[int, list[str]] = {}  # a line index -> what goes right after it (its table's setting)
    before: dict[int, list[str]] = {}  # a line index -> new tables that go right before it
    tail: list[str] = []
    for part_id, division in sorted(settings.items()):
        setting = f"division = {_q(division)}"
        if part_id in tables:
            after.setdefault(tables[part_id], []).append(setting)
            continue
        later = bisect.bisect_right(starts, (part_id, len(lines)))
        block = [f"[articles.{part_id}]", setting, ""]
        if later < len(starts):
            before.setdefault(starts[later][1], []).extend(block)
        else:
            tail.extend(["", *block[:2]])
    out: list[str] = []
    for index, line in enumerate(lines):
        out.extend(before.get(index, ()))
        out.append(line)
        out.extend(after.get(index, ()))
    if tail:
        while out and not out[-1].strip():
            out.pop()
        out.extend([*tail, ""])
    edited = "\n".join(out)
    try:
        data = tomllib.loads(edited)
        config = parse_config(data)
    except (tomllib.TOMLDecodeError, RecursionError, ProposalsError):
        return None
    articles = dict(old.get("articles", {}))
    for part_id, division in settings.items():
        articles[part_id] = {**articles.get(part_id, {}), "division": division}
    return (edited, config) if data == {**old, "articles": articles} else None
