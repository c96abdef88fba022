"""Size limits through the real CLI (issue 11): `import-docx` and `baseline --from-docx` given a part
over 5 MB, a zip bomb, 10,000 paragraphs and 2,000 articles. Each is handled in bounded time or
refused in one line with a non-zero exit, the repository byte for byte as it was (refs, index,
every file in the working tree and in .git/proposals). The files are made here, by python-docx or
(the zip bomb) by hand, with honest zip headers."""

from __future__ import annotations

import io
import random
import resource
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from conftest import CLI, git

STAFFING = "ARTICLE 6: STAFFING\n\n6.1 Medical Assistants. Each Clinician has two (2) assistants.\n"
HOURS = "ARTICLE 7: HOURS OF WORK\n\n7.1 Work Week. The normal work week shall be thirty-six (36) hours.\n"
_SYLLABLES = [f"{a}{b}{c}" for a in "bcdfgklmnprstvz" for b in "aeiou" for c in "dklmnrst"]


def _words(count: int, seed: int) -> str:
    """`count` made-up words, hardly compressible (a zip of them is not a zip bomb)."""
    rng = random.Random(seed)
    return " ".join(rng.choice(_SYLLABLES) for _ in range(count))


def _docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def _zip_by_hand(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of raw-deflated entries (name, deflated bytes, size, CRC-32), headers written here,
    so an entry may inflate to gigabytes without this test ever holding them."""
    out, central = io.BytesIO(), []
    for name, data, size, crc in entries:
        offset, raw = out.tell(), name.encode()
        out.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0)
        )
        out.write(raw + data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw),
                0, 0, 0, 0, 0, offset,
            ) + raw
        )  # fmt: skip
    start, directory = out.tell(), b"".join(central)
    out.write(directory)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), start, 0)
    )
    return out.getvalue()


def _zip_bomb(path: Path, gigabytes: int = 2) -> Path:
    """A real .docx whose word/document.xml inflates to `gigabytes` GB of spaces (about 2 MB
    on disk, ratio 1,000:1), every size and CRC in its headers true."""
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>ARTICLE 6: STAFFING</w:t></w:r></w:p>'
    )
    tail = b"</w:body></w:document>"
    mb = b" " * 2**20
    start = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    block = deflate.compress(mb) + deflate.flush(zlib.Z_FULL_FLUSH)  # the same bytes for each MB
    assert deflate.compress(mb) + deflate.flush(zlib.Z_FULL_FLUSH) == block
    count = gigabytes * 1024
    data = start + block * count + deflate.compress(tail) + deflate.flush()
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(mb, crc)
    crc = zlib.crc32(tail, crc)
    entries = [("word/document.xml", data, len(head) + count * 2**20 + len(tail), crc)]
    plain = io.BytesIO()
    docx.Document().save(plain)
    with zipfile.ZipFile(plain) as package:
        for info in package.infolist():
            if info.filename != "word/document.xml":
                raw = package.read(info)
                other = zlib.compressobj(9, zlib.DEFLATED, -15)
                entries.insert(
                    0, (info.filename, other.compress(raw) + other.flush(), len(raw), zlib.crc32(raw))
                )
    path.write_bytes(_zip_by_hand(entries))
    with zipfile.ZipFile(path) as check:  # a zip any reader takes for what it says it is
        assert check.getinfo("word/document.xml").file_size > gigabytes * 2**30
    return path


def _state(repo: Path) -> tuple[str, str, dict[str, bytes]]:
    """Everything an import could touch: every ref, the index, and every file in the working
    tree and under .git/proposals (notes, the roster; not the history cache, which is git's
    record read again), byte for byte."""
    files = {
        str(p.relative_to(repo)): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and (".git" not in p.parts or "proposals" in p.parts) and p.suffix != ".cache"
    }
    return (
        git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
        git(repo, "ls-files", "--stage"),
        files,
    )


@pytest.fixture
def talks(cli: CLI, tmp_path: Path) -> Path:
    """A negotiation with a baseline of two articles and our unsent draft of staffing."""
    cli("init", "talks", "--union", "Clinicians United", "--employer", "Northstar Health")
    old = tmp_path / "old"
    old.mkdir()
    (old / "staffing.txt").write_text(STAFFING)
    (old / "hours.txt").write_text(HOURS)
    cli("-C", "talks", "baseline", "--from-dir", str(old))
    repo = tmp_path / "talks"
    (repo / "articles" / "staffing.txt").write_text(STAFFING.replace("two (2)", "three (3)"))
    return repo


@pytest.fixture
def empty(cli: CLI, tmp_path: Path) -> Path:
    """A negotiation with no baseline yet."""
    cli("init", "fresh", "--union", "Clinicians United", "--employer", "Northstar Health")
    return tmp_path / "fresh"


def _cpu() -> float:
    """CPU seconds of the finished child processes (the CLI and its gits): the bound guards
    against work that grows out of hand, and a busy machine (parallel test workers) does not
    stretch it as it stretches the wall clock."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _refused(cli: CLI, repo: Path, args: list[str], message: str, seconds: float) -> str:
    before = _state(repo)
    start = _cpu()
    result = cli("-C", str(repo), *args, ok=False)
    elapsed = _cpu() - start
    print(f"{' '.join(args[:2])}: refused in {elapsed:.2f} s CPU")
    assert result.code != 0
    assert result.err.count("\n") == 1, result.err
    assert message in result.err, result.err
    assert elapsed < seconds, elapsed
    assert _state(repo) == before
    return result.err


IMPORT = ["import-docx", "--party", "employer", "--session", "2025-04-02"]


def test_a_part_over_five_megabytes_is_refused_with_its_true_size(
    cli: CLI, talks: Path, empty: Path, tmp_path: Path
) -> None:
    """Before: import-docx said "'ARTICLE 7: HOURS OF WORK' is 5 MB; parts are limited to 5 MB"
    (and the baseline '5.0 MB'): a size shown as the limit itself."""
    big = _docx(
        tmp_path / "big.docx",
        [
            "ARTICLE 6: STAFFING",
            "6.1 Two assistants.",
            "ARTICLE 7: HOURS OF WORK",
            _words(5 * 2**20 // 4 + 1000, 7),
        ],
    )
    text = tmp_path / "big.txt"  # their pass as a text file: the same limit, the same words
    text.write_text(
        "ARTICLE 6: STAFFING\n\n6.1 Two.\n\nARTICLE 7: HOURS OF WORK\n\n" + _words(5 * 2**20 // 4 + 1000, 7)
    )
    runs = [
        (talks, [*IMPORT, str(big)]),
        (talks, [*IMPORT, str(text)]),
        (empty, ["baseline", "--from-docx", str(big)]),
        (empty, ["baseline", "--from-text", str(text)]),
    ]
    for repo, args in runs:
        err = _refused(cli, repo, args, "'ARTICLE 7: HOURS OF WORK' is 5.00", seconds=20)
        assert "MB; parts are limited to 5 MB" in err
        assert " is 5 MB;" not in err and " is 5.0 MB;" not in err


def test_a_zip_bomb_is_refused_from_its_headers_before_it_is_inflated(
    cli: CLI, talks: Path, empty: Path, tmp_path: Path
) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.docx")
    for repo, args in ((talks, [*IMPORT, str(bomb)]), (empty, ["baseline", "--from-docx", str(bomb)])):
        for extra in [["--dry-run"], []] if args[0] == "baseline" else [[]]:
            err = _refused(
                cli, repo, [*args, *extra], "word/document.xml would inflate to 2048 MB", seconds=5
            )
            assert "refusing (a zip bomb?)" in err


def _sections(count: int) -> list[str]:
    """`count` numbered paragraphs, an ARTICLE heading before every 200."""
    out = []
    for n in range(count):
        if n % 200 == 0:
            out.append(f"ARTICLE {n // 200 + 1}: PART {n // 200 + 1}")
        out.append(f"{n // 200 + 1}.{n % 200 + 1} {_words(12, n).capitalize()}.")
    return out


def test_ten_thousand_paragraphs_are_read_in_bounded_time(
    cli: CLI, talks: Path, empty: Path, tmp_path: Path
) -> None:
    source = _docx(tmp_path / "long.docx", _sections(10_000))
    start = _cpu()
    out = cli("-C", str(empty), "baseline", "--from-docx", str(source)).out
    baseline_time = _cpu() - start
    assert "Baseline imported: 50 parts (50 articles), tagged baseline" in out
    assert git(empty, "show", "baseline:articles/part-50.txt").count("\n50.") == 200

    start = _cpu()
    out = cli("-C", str(talks), *IMPORT, str(source)).out
    import_time = _cpu() - start
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): part-1, part-2," in out
    assert len(git(talks, "show", "--name-only", "--format=", "E-1^{commit}").split()) == 50
    print(f"10,000 paragraphs: baseline {baseline_time:.2f} s, import-docx {import_time:.2f} s CPU")
    assert baseline_time < 20 and import_time < 20


def _articles(count: int, changed: tuple[int, ...] = ()) -> list[str]:
    out = []
    for n in range(1, count + 1):
        body = f"{n}.1 {_words(15, n).capitalize()}."
        out += [f"ARTICLE {n}: TITLE {n}", body + (" As amended." if n in changed else "")]
    return out


def test_two_thousand_articles_are_refused_as_a_pass_in_one_line_and_quickly(
    cli: CLI, talks: Path, tmp_path: Path
) -> None:
    """Before: 13 s (a git process per part to read its text on the table), then "2000 articles
    named; a pass names at most 1000: record it in parts", advice that fits no document."""
    source = _docx(tmp_path / "whole.docx", _articles(2000))
    _refused(
        cli, talks, [*IMPORT, str(source)],
        "whole.docx: 2000 parts differ from the text on the table; a pass holds at most 1000", seconds=8,
    )  # fmt: skip


def test_a_pass_of_three_changes_in_a_two_thousand_article_contract(
    cli: CLI, empty: Path, tmp_path: Path
) -> None:
    """The baseline of 2,000 articles is imported whole; their copy with three articles changed
    records those three. Before: 9 s for the import alone (2,000 parts paired with 2,000 by
    comparing every pair, and a git process per part)."""
    start = _cpu()
    cli("-C", str(empty), "baseline", "--from-docx", str(_docx(tmp_path / "ours.docx", _articles(2000))))
    baseline_time = _cpu() - start
    assert len(git(empty, "ls-files", "articles/*.txt").split()) == 2000
    theirs = _docx(tmp_path / "theirs.docx", _articles(2000, changed=(6, 701, 1501)))
    start = _cpu()
    out = cli("-C", str(empty), *IMPORT, str(theirs)).out
    import_time = _cpu() - start
    assert "Recorded Northstar Health pass E-1 (session 2025-04-02): title-6, title-701, title-1501\n" in out
    assert "UNANNOUNCED" not in out and "New part" not in out
    print(f"2,000 articles: baseline {baseline_time:.2f} s, import-docx of 3 changes {import_time:.2f} s CPU")
    assert import_time < 6, import_time
    assert baseline_time < 30, baseline_time
