"""The roster is personal data: it never reaches git, an export, the site, an update or status."""

from __future__ import annotations

import zipfile
from pathlib import Path

from conftest import CLI, git
from costing_support import economic_repo

SECRETS = {
    "member": "SECRETMEMBER-0412",
    "clinic": "SECRET-CLINIC-Lakeside-7731",
    "pay": "987654.32",
    "classification": "SECRETCLASS",
}
ROSTER = (
    "id,classification,fte,base_pay,step,clinic,hire_date\n"
    f"{SECRETS['member']},physician,1,{SECRETS['pay']},,{SECRETS['clinic']},2020-01-01\n"
    f"B2,{SECRETS['classification']},0.5,120000,,North,2021-06-15\n"
)


def _docx_bytes(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(n) for n in z.namelist())


def test_the_roster_leaves_no_trace_in_anything_shared(tmp_path: Path, cli: CLI) -> None:
    repo = economic_repo(tmp_path, cli, "[[across_the_board]]\nyear = 2025\npercent = 3\n")
    (tmp_path / "secret.csv").write_text(ROSTER)
    cli("-C", str(repo), "roster", "import", str(tmp_path / "secret.csv"))
    assert SECRETS["clinic"] in (repo / ".git" / "proposals" / "roster.csv").read_text()
    assert (repo / ".git" / "proposals" / "roster.csv").stat().st_mode & 0o077 == 0
    cli("-C", str(repo), "cost")  # costing reads it; nothing it does may write it anywhere shared
    cli("-C", str(repo), "cost", "--docx", str(tmp_path / "costing.docx"))

    out = b""
    run = lambda *args: cli("-C", str(repo), *args).out.encode()  # noqa: E731
    for args in (
        ("status", "--json"),
        ("status", "--csv"),
        ("status", "--md"),
        ("log", "wages"),
        ("show", "wages"),
        ("diff", "wages", "--json"),
        ("update", "--since", "2024-01-01"),
        ("update", "--since", "2024-01-01", "--html"),
        ("verify",),
        ("provenance", "wages"),
        ("blame", "wages", "--json"),
        ("log", "--json"),
        ("session", "list"),
        ("package", "list"),
        ("round", "list"),
        ("update", "--since", "2024-01-01", "--md"),
        ("resolve",),
    ):
        out += run(*args)
    for mode in ("tracked", "redline", "clean"):
        cli("-C", str(repo), "export", "wages", "--mode", mode, "-o", str(tmp_path / f"{mode}.docx"))
        out += _docx_bytes(tmp_path / f"{mode}.docx")
    cli("-C", str(repo), "export", "wages", "--history", "-o", str(tmp_path / "history.docx"))
    out += _docx_bytes(tmp_path / "history.docx")
    cli("-C", str(repo), "status", "--docx", str(tmp_path / "status.docx"))
    cli(
        "-C",
        str(repo),
        "ta",
        "wages",
        "--union-sign",
        "J. Alvarez",
        "--employer-sign",
        "M. Chen",
        "--date",
        "2024-06-11",
    )
    cli("-C", str(repo), "compile", "--force", "-o", str(tmp_path / "contract.docx"))
    cli("-C", str(repo), "update", "--since", "2024-01-01", "--docx", str(tmp_path / "update.docx"))
    for name in ("status", "contract", "update", "costing"):
        out += _docx_bytes(tmp_path / f"{name}.docx")
    cli("-C", str(repo), "publish", "-o", str(tmp_path / "site"))
    out += b"".join(p.read_bytes() for p in sorted((tmp_path / "site").rglob("*")) if p.is_file())
    # Nothing committed, tagged or staged: every object git would push.
    objects = git(repo, "rev-list", "--all", "--objects")
    out += "".join(git(repo, "cat-file", "-p", line.split()[0]) for line in objects.splitlines()).encode()
    out += git(repo, "status", "--porcelain", "--ignored").encode()
    for what, secret in SECRETS.items():
        assert secret.encode() not in out, f"roster {what} leaked"
    assert b"12.1 Wages" in out  # the scan did read the shared record
