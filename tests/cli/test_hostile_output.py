"""No terminal control sequence from the record reaches the terminal, from any command.

The other side writes their headings; a teammate writes titles, messages and notes by hand. An
ESC (``\\x1b[2J`` clears the screen, ``\\x1b]0;...`` retitles the window), a C1 CSI (``\\x9b``) or
a bidi override (U+202E) in any of them must come out as a visible escape, on stdout and stderr,
whatever the command. This feeds hostile text in every way it can enter and runs every reading
command (and the recording ones that echo names) over it.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CLI, cli_env

# Raw C0 controls but tab/LF/CR, DEL, C1, bidi controls and separators: none may be written.
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
HOSTILE_HEADING = "ARTICLE 6: STAFF\x1b[2J\u202eING \x9b31m"
HOSTILE_BODY = "6.1 Purpose. Staffing \x1b]0;pwned\x07 shall be \u2066safe\u2069.\n"


def docx_with(heading: str, body: str) -> bytes:
    """A minimal .docx whose text holds characters XML allows (C1 and bidi controls)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>'
        f"<w:p><w:r><w:t>{heading}</w:t></w:r></w:p><w:p><w:r><w:t>{body}</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


@pytest.fixture
def hostile(negotiation: Path) -> Path:
    """The shared negotiation plus hostile text in an article, a hand-made commit and a .docx."""
    article = negotiation / "articles" / "staffing.txt"
    article.write_text(HOSTILE_HEADING + "\n\n" + HOSTILE_BODY, encoding="utf-8")
    CLI(negotiation)("pass", "--party", "union", "--session", "2025-04-01", "staffing")
    # A pass stores no control character (contract.part.normalise_text); a teammate's commit by
    # hand can hold anything: the article as typed, the subject as typed.
    article.write_text(HOSTILE_HEADING + "\n\n" + HOSTILE_BODY, encoding="utf-8")
    subprocess.run(
        ["git", "commit", "-q", "-a", "-m", "by hand \x1b[31m\u202e red\n\nNote: \x9b2J"],
        cwd=negotiation, env=cli_env(), check=True,
    )
    (negotiation.parent / "theirs.docx").write_bytes(
        docx_with("ARTICLE 6: STAFF\u202eING \x85\x9b2J", "6.1 Purpose. Their \u202etext\x9b31m.")
    )
    return negotiation


COMMANDS = [
    ["status"], ["status", "--md"], ["status", "--csv"], ["status", "--json"],
    ["log"], ["log", "--json"], ["log", "staffing"],
    ["show", "staffing"], ["show", "staffing", "--at", "U-1"],
    ["diff", "staffing", "--from", "baseline", "--markers"],
    ["diff", "staffing", "--from", "baseline", "--json"],
    ["provenance", "staffing"], ["blame", "staffing"], ["blame", "staffing", "--json"],
    ["round", "list"], ["verify"], ["resolve"], ["repair"], ["package", "list"],
    ["session", "open", "--date", "2025-04-02"], ["session", "note", "a \x1b[31m note \u202e"],
    ["session", "close"], ["cost"], ["roster", "show"],
    ["show", "staff\x1b[2Jing"], ["diff", "\u202estaffing"], ["log", "\x9b31m"],
    ["pass", "--party", "union", "--session", "2025-04-02", "-m", "m\x1b[2J", "staffing"],
    ["import-docx", "../theirs.docx", "--party", "employer", "--session", "2025-04-03"],
    ["status"], ["log"], ["show", "staffing"], ["diff", "staffing", "--markers"],
]  # fmt: skip


def test_no_command_writes_a_raw_control_sequence(hostile: Path) -> None:
    cli = CLI(hostile)
    leaks = []
    tracebacks = []
    first: dict[tuple[str, ...], str] = {}
    for args in COMMANDS:
        result = cli(*args, ok=None)
        first.setdefault(tuple(args), result.out)
        for stream, text in (("stdout", result.out), ("stderr", result.err)):
            found = RAW.findall(text)
            if found:
                leaks.append(f"proposals {' '.join(map(repr, args))} {stream}: {found!r}")
        if "Traceback" in result.err or "internal error" in result.err:
            tracebacks.append(f"{args}: {result.err}")
    assert not tracebacks, tracebacks
    assert not leaks, "\n".join(leaks)
    shown = first[("show", "staffing")]
    assert "\\x1b[2J" in shown and "\\u202e" in shown  # visible, not dropped: the record is as it is


def test_coloured_diff_keeps_only_its_own_escape_codes(hostile: Path) -> None:
    """With colour (a terminal), the diff's own SGR codes are the only ESCs written."""
    from proposals.redline import diff_text, render_ansi

    out = render_ansi(diff_text("ARTICLE 6: STAFFING\n", HOSTILE_HEADING + "\n"))
    without_ours = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert not RAW.search(without_ours.replace("\\x1b", "")), repr(out)
    assert "\\x1b[2J" in out and "\\u202e" in out
