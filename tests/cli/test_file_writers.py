"""Every document, sheet and page is written whole or not at all, and a refusal is one line.

``proposals.files.write_file`` is the one writer: temp file beside the target, fsync, rename. A
full disk (simulated in-process: the OS call that reports it raises ENOSPC) and a folder the user
may not write to (real, through the CLI: root without CAP_DAC_OVERRIDE obeys permission bits)
must each give one line naming the file and the remedy, exit 1, and leave no file or temp file.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CLI, cli_command, cli_env

from proposals.files import write_file


def _full_disk(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "chart.docx"
    target.write_bytes(b"the old chart")
    monkeypatch.setattr(os, "fsync", _full_disk)
    with pytest.raises(OSError) as caught:
        write_file(target, b"x" * 100_000)
    assert caught.value.errno == errno.ENOSPC and caught.value.filename == str(target)
    assert target.read_bytes() == b"the old chart"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.docx"]


@pytest.mark.parametrize(
    "args",
    [
        ["update", "--docx", "../out/update.docx"],
        ["export", "staffing", "--mode", "tracked", "-o", "../out/staffing.docx"],
        ["status", "--docx", "../out/status.docx"],
        ["status", "--xlsx", "../out/status.xlsx"],
        ["publish", "-o", "../out/site"],
    ],
)
def test_a_full_disk_is_one_line_through_the_cli(
    negotiation: Path, args: list[str], monkeypatch, capsys
) -> None:
    """In-process (so the OS can be made to fail): no traceback, no ZipFile.__del__ noise."""
    from proposals.cli.main import main

    out = negotiation.parent / "out"
    out.mkdir()
    monkeypatch.chdir(negotiation)
    for key, value in cli_env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(os, "fsync", _full_disk)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(args)
    err = stderr.getvalue() + capsys.readouterr().err
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "disk is full" in lines[0] and "out/" in lines[0], err
    assert "Traceback" not in err and "internal error" not in err and "Exception ignored" not in err
    assert not list(out.iterdir())


WRITERS = [
    ["update", "--docx", "../out/update.docx"],
    ["export", "staffing", "--mode", "clean", "-o", "../out/staffing.docx"],
    ["export", "staffing", "--history", "-o", "../out/history.docx"],
    ["status", "--docx", "../out/status.docx"],
    ["status", "--xlsx", "../out/status.xlsx"],
    ["compile", "--force", "-o", "../out/contract.docx"],
    ["publish", "-o", "../out/site"],
]


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop CAP_DAC_OVERRIDE")
def test_a_folder_you_may_not_write_is_one_line_and_nothing_written(negotiation: Path) -> None:
    out = negotiation.parent / "out"
    out.mkdir(mode=0o555)
    out.chmod(0o555)
    drop = ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]
    prefix = ["setpriv", *drop] if os.geteuid() == 0 else []
    probe = subprocess.run([*prefix, "touch", str(out / "probe")], capture_output=True)
    if probe.returncode == 0:
        pytest.skip("this user can write to a 0555 folder")
    try:
        for args in WRITERS:
            command = [*prefix, *cli_command(), *args]
            proc = subprocess.run(command, cwd=negotiation, env=cli_env(), capture_output=True, text=True)
            lines = proc.stderr.strip().splitlines()
            assert proc.returncode == 1, (args, proc.stderr)
            assert len(lines) == 1 and "permission denied" in lines[0], (args, proc.stderr)
            assert "../out/" in lines[0] and "Traceback" not in proc.stderr, (args, proc.stderr)
        assert not list(out.iterdir())
    finally:
        out.chmod(0o755)
    CLI(negotiation)("status", "--xlsx", "../out/status.xlsx")  # and with permission it works
    assert (out / "status.xlsx").stat().st_size > 0


# Every command that writes a file the user names, each with a path relative to where it runs.
NAMED_OUTPUTS = [
    (["export", "staffing", "--mode", "tracked", "-o", "out/tracked.docx"], "tracked.docx"),
    (["export", "staffing", "--mode", "redline", "-o", "out/redline.docx"], "redline.docx"),
    (["export", "staffing", "--mode", "clean", "-o", "out/clean.docx"], "clean.docx"),
    (["export", "scheduling", "--mode", "ta", "-o", "out/ta.docx"], "ta.docx"),
    (["export", "staffing", "--history", "-o", "out/history.docx"], "history.docx"),
    (["compile", "--force", "-o", "out/contract.docx"], "contract.docx"),
    (["status", "--docx", "out/status.docx"], "status.docx"),
    (["status", "--xlsx", "out/status.xlsx"], "status.xlsx"),
    (["session", "show", "2024-03-05", "--docx", "out/session.docx"], "session.docx"),
    (["update", "--since", "2024-01-01", "--docx", "out/update.docx"], "update.docx"),
    (["publish", "-o", "out/site"], "site"),
]  # cost --xlsx/--docx: tests/costing/test_costing.py (it needs a roster and terms)


def test_every_named_output_is_relative_to_the_current_directory(negotiation: Path) -> None:
    """-C names the repo, not where files go: run from beside the repo, every output lands in
    ./out, as a file you name for reading is found, and nothing is left in the repo's status."""
    here = negotiation.parent
    cli = CLI(here)
    cli("-C", negotiation.name, "ta", "scheduling", "--union-sign", "A. Rivera", "--employer-sign", "M. Chen",
        "--date", "2024-04-02")  # fmt: skip
    (here / "out").mkdir()
    for args, name in NAMED_OUTPUTS:
        said = cli("-C", negotiation.name, *args).out
        assert (here / "out" / name).exists(), (args, said)
        assert "out/" in said, (args, said)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=negotiation, capture_output=True,
        text=True, check=True,
    ).stdout  # fmt: skip
    assert status == "" and not (negotiation / "out").exists(), status
