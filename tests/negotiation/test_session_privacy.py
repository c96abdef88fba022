"""Session notes and information requests are the team's: no exported or published byte holds them."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import CLI, STAFFING

SECRETS = {
    "note": "SECRET-SESSION-NOTE-they-fold-on-floats-3391",
    "caucus": "SECRET-CAUCUS-chief-is-leaving-7720",
    "request": "SECRET-REQUEST-item-turnover-costs-4418",
    "answer": "SECRET-ANSWER-note-numbers-look-cooked-5561",
    "attachment": "SECRET-ATTACHMENT-bytes-9902",
}


def exported_bytes(folder: Path) -> bytes:
    """Every file under `folder`, with .docx files unzipped so compressed parts are read too."""
    out = b""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                out += b"".join(z.read(n) for n in z.namelist())
        else:
            out += path.read_bytes()
    return out


def test_no_export_or_publish_holds_a_session_secret(cli: CLI, negotiation: Path, tmp_path: Path) -> None:
    repo = str(negotiation)
    cli("-C", repo, "session", "open", "2024-04-02", "--union", "A. Rivera", "--employer", "M. Chen")
    cli("-C", repo, "session", "attend", "--place", "Union hall")
    cli("-C", repo, "session", "note", SECRETS["note"])
    cli("-C", repo, "session", "note", f"Employer caucused: {SECRETS['caucus']}", "--time", "10:40")
    cli("-C", repo, "session", "request", SECRETS["request"], "--due", "2024-04-16")
    (negotiation / "articles" / "staffing.txt").write_text(STAFFING.replace("ten (10)", "seven (7)"))
    cli("-C", repo, "pass", "--party", "union", "staffing")
    cli("-C", repo, "ta", "scheduling", "--union-sign", "A. Rivera", "--employer-sign", "M. Chen")
    cli("-C", repo, "session", "close")
    sheet = tmp_path / "answer.csv"
    sheet.write_text(f"clinic,turnover\nA,{SECRETS['attachment']}\n")
    cli("-C", repo, "session", "answer", "R-1", "--file", str(sheet), "--note", SECRETS["answer"])

    out = tmp_path / "out"
    out.mkdir()
    for mode in ("tracked", "redline", "clean"):
        cli(
            "-C",
            repo,
            "export",
            "staffing",
            "scheduling",
            "parking",
            "--to",
            "U-2",
            "--mode",
            mode,
            "-o",
            str(out / f"{mode}.docx"),
        )
    cli("-C", repo, "export", "scheduling", "--mode", "ta", "-o", str(out / "ta.docx"))
    cli("-C", repo, "export", "staffing", "--history", "-o", str(out / "history.docx"))
    cli("-C", repo, "status", "--docx", str(out / "status.docx"))
    cli("-C", repo, "session", "show", "2024-04-02", "--docx", str(out / "session.docx"))
    cli("-C", repo, "compile", "--force", "-o", str(out / "contract.docx"))
    cli("-C", repo, "publish", "-o", str(out / "site"), "--since", "2024-01-01")
    cli("-C", repo, "update", "--since", "2024-01-01", "--docx", str(out / "update.docx"))
    (out / "update.md").write_text(cli("-C", repo, "update", "--since", "2024-01-01").out)
    (out / "update.html").write_text(cli("-C", repo, "update", "--since", "2024-01-01", "--html").out)
    (out / "status.csv").write_text(cli("-C", repo, "status", "--csv").out)
    (out / "status.md").write_text(cli("-C", repo, "status", "--md").out)

    data = exported_bytes(out)
    assert b"seven (7)" in data  # the exports did run on the passes of that session
    assert b"Union hall" in data and b"Pass U-2" in data  # and the session summary on its day
    for what, secret in SECRETS.items():
        assert secret.encode() not in data, f"session {what} leaked"
    # ...while the team's own record keeps them all.
    team = cli("-C", repo, "session", "show", "2024-04-02").out
    assert SECRETS["note"] in team and SECRETS["request"] in team
