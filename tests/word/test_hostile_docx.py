"""Hostile .docx files through the CLI, and random bytes into the docx reader."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import fails, git, ok, run, tags

docx_import = pytest.importorskip("proposals.word.reader")

from proposals.errors import ProposalsError  # noqa: E402

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>ARTICLE 6: STAFFING</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>6.1 The employer shall maintain safe staffing.</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def zipped(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def valid_docx() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": DOCUMENT.encode()})


HOSTILE = {
    "not-a-zip": b"This is a plain text file someone renamed to .docx\n",
    "empty": b"",
    "encrypted": OLE_MAGIC + bytes(4096),
    "zip-bomb": zipped({"word/document.xml": b"<w:document>" + b" " * 40_000_000 + b"</w:document>"}),
    "many-entries": zipped({f"x/{i}.xml": b"" for i in range(10_050)}, zipfile.ZIP_STORED),
    "zip-without-document": zipped({"hello.txt": b"hello"}),
    "truncated": valid_docx()[: len(valid_docx()) // 2],
    "xml-entities": zipped({"word/document.xml": b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><d>&a;&a;&a;</d>'}),
    "not-xml": zipped({"word/document.xml": b"\x00\xff not xml at all"}),
}


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    ok(tmp_path, "init", "team", "--union", "Clinicians United", "--employer", "Health System")
    return tmp_path / "team"


def docx_commands(repo: Path, path: Path) -> list[list[str]]:
    commands = [["baseline", "--from-docx", str(path)]]
    if run(repo, "import-docx", "--help").returncode == 0:
        commands.append(["import-docx", str(path), "--party", "employer"])
    return commands


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_docx_is_refused_in_one_line(fresh: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(HOSTILE[kind])
    head = git(fresh, "rev-parse", "HEAD")
    for args in docx_commands(fresh, path):
        line = fails(fresh, *args)
        assert f"{kind}.docx" in line, line
    assert git(fresh, "rev-parse", "HEAD") == head and tags(fresh) == {}
    assert path.read_bytes() == HOSTILE[kind]


def test_a_valid_docx_still_imports(fresh: Path, tmp_path: Path) -> None:
    path = tmp_path / "contract.docx"
    path.write_bytes(valid_docx())
    ok(fresh, "baseline", "--from-docx", str(path))
    assert "baseline" in tags(fresh)


FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
xmlish = st.lists(
    st.sampled_from(
        [
            b"<w:p>",
            b"</w:p>",
            b"<w:r>",
            b"<w:t>",
            b"</w:t>",
            b"<w:ins>",
            b"<w:del>",
            b"<w:delText>",
            b"ARTICLE 6: X",
            b"&amp;",
            b"&#0;",
            b"\x00",
            b"\xff",
            b"<w:body>",
            b"</w:body>",
        ]
    )
    | st.binary(max_size=6),
    max_size=40,
).map(
    lambda parts: (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + b"".join(parts)
        + b"</w:document>"
    )
)


def _read(data: bytes) -> None:
    with contextlib.suppress(ProposalsError):
        docx_import.read_docx_articles(data)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_into_the_docx_reader(data: bytes) -> None:
    _read(data)
    _read(b"PK\x03\x04" + data)


@FUZZ
@given(xmlish, st.binary(max_size=200))
def test_random_documents_into_the_docx_reader(document: bytes, noise: bytes) -> None:
    _read(zipped({"word/document.xml": document}))
    _read(zipped({"word/document.xml": document, "_rels/.rels": noise}))
