"""Start-up: a command imports the module that declares it and what it uses, nothing more."""

from __future__ import annotations

import subprocess
import sys

from conftest import cli_env


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nprint('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, env=cli_env(),
    ).stdout
    return set(out.split())


def test_the_index_names_every_registered_command_and_its_module() -> None:
    from proposals.cli.main import COMMAND_INDEX, load_commands
    from proposals.cli.registry import COMMANDS

    load_commands()
    declared = {c.name: c.handler.__module__.rsplit(".", 1)[1] for c in COMMANDS}
    assert declared == COMMAND_INDEX


def test_version_imports_no_command_module_nor_argparse() -> None:
    loaded = _modules_after(
        "import sys, io, contextlib\nfrom proposals.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['--version'])"
    )
    assert "argparse" not in loaded
    assert not {m for m in loaded if m.startswith("proposals.cli.") and m != "proposals.cli.main"}


def test_status_imports_only_the_reading_commands_and_what_the_chart_uses(negotiation) -> None:
    loaded = _modules_after(
        "import sys, io, contextlib\nfrom proposals.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-C', {str(negotiation)!r}, 'status', '--json']) == 0"
    )
    commands = {m for m in loaded if m.startswith("proposals.cli.")}
    # cli.output: every command's output passes the terminal-escaping filter
    expected = {"main", "registry", "reading", "output"}
    assert commands == {f"proposals.cli.{m}" for m in expected}
    for unused in ("csv", "proposals.redline", "proposals.word", "proposals.team", "textual"):
        assert unused not in loaded, unused


def test_an_unknown_command_still_gets_the_full_list(cli) -> None:
    result = cli("no-such-command", ok=False)
    assert result.code == 2
    assert "status" in result.err and "sync" in result.err


def test_status_of_a_repo_with_packages_reads_them_without_the_pass_path(tmp_path, cli) -> None:
    """Reading packages (status shows which package a part is in) needs neither the recorders
    nor costing: `import proposals.status` once cost 21 ms of a 38 ms command (issue 17)."""
    demo = tmp_path / "demo"
    cli("demo", str(demo))
    loaded = _modules_after(
        "import sys, io, contextlib\nfrom proposals.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-C', {str(demo)!r}, 'status', '--json']) == 0"
    )
    assert "proposals.negotiation.packages" in loaded  # the demo has packages: they were read
    unused = ("proposals.negotiation.passes", "proposals.negotiation.agreements", "proposals.costing",
              "proposals.negotiation.documents", "proposals.negotiation.blame", "proposals.redline",
              "proposals.word", "proposals.team", "proposals.publish", "csv", "textual", "decimal",
              "hashlib")  # hashlib sets up every OpenSSL digest on import: the cache uses _blake2
    assert [m for m in unused if m in loaded] == []


def test_the_tui_board_imports_only_what_its_first_paint_uses() -> None:
    """The TUI's cold start (issue 17): the board's screen loads no recorder, sync, costing,
    redline or Word module; each comes with the dialog or job that uses it."""
    loaded = _modules_after("import sys\nimport proposals_tui.app, proposals_tui.screens.board")
    unused = ("proposals.negotiation.passes", "proposals.negotiation.agreements", "proposals.team",
              "proposals.costing", "proposals.redline", "proposals.word", "proposals.negotiation.documents")
    assert [m for m in loaded if m.startswith(unused)] == []


def test_the_installed_command_imports_no_re_before_version() -> None:
    """`proposals --version` at most 1.5x `python -c pass` (issue 17): the command is bin/proposals
    installed as a script; pip's console-script wrapper imported `re` (a third of the run)."""
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    wheel = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]
    assert wheel["shared-scripts"] == {"bin/proposals": "proposals"}
    env = {**cli_env(), "PYTHONPROFILEIMPORTTIME": "1"}
    run = subprocess.run([sys.executable, str(root / "bin" / "proposals"), "--version"],
                         capture_output=True, text=True, env=env, check=True)
    assert run.stdout == "proposals 0.1.0\n"
    imported = {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert "proposals.cli.main" in imported
    assert not {"re", "argparse", "typing"} & imported


def _modules_of_a_pass(negotiation) -> set[str]:
    """The modules loaded by one employer pass of staffing (a line added), run as the CLI runs it."""
    from conftest import STAFFING

    (negotiation / "articles" / "staffing.txt").write_text(STAFFING + "\n12.9 One more line.\n")
    return _modules_after(
        "import sys, io, contextlib\nfrom proposals.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-C', {str(negotiation)!r}, 'pass', '--party', 'employer', 'staffing']) == 0"
    )


def test_a_pass_without_costing_terms_loads_no_costing(negotiation) -> None:
    """`pass` at most 250 ms (issue 17): a repo with no terms/ folder records a pass without
    importing the costing package (decimal and its regexes); one that has terms still
    checks them (tests/costing)."""
    loaded = _modules_of_a_pass(negotiation)
    assert "proposals.negotiation.passes" in loaded
    assert [m for m in ("proposals.costing", "decimal") if m in loaded] == []


def test_a_pass_with_no_journal_left_imports_no_baseline_reader(negotiation) -> None:
    """`pass` at most 250 ms at 20,000 passes (issue 17): the check for a killed recorder's
    journals imports the baseline reader (its contract splitting and PDF text unwrapping, 25 ms)
    only when a baseline journal is there to play (tests/negotiation/test_baseline_kill.py)."""
    loaded = _modules_of_a_pass(negotiation)
    assert "proposals.negotiation.recovery" in loaded
    unused = ("proposals.negotiation.baseline", "proposals.contract.split", "proposals.contract.plaintext")
    assert [m for m in unused if m in loaded] == []


def test_verify_starts_the_diff_of_every_commit_before_loading_its_checks(negotiation) -> None:
    """`verify` at 20,000 passes (issue 17): git's diff of every commit is its longest path, so it
    starts before the checks' modules are imported (agreements, proof, team.integrity)."""
    code = (
        "import sys\nimport proposals.negotiation.changed_paths as c\n"
        "start = c.ChangedPaths.__init__\n"
        "def noted(self, repo):\n"
        "    loaded = [m for m in ('proposals.negotiation.agreements', 'proposals.negotiation.proof',\n"
        "              'proposals.team.integrity') if m in sys.modules]\n"
        "    print('loaded before the diff:', loaded, file=sys.stderr)\n"
        "    start(self, repo)\n"
        "c.ChangedPaths.__init__ = noted\n"
        "from proposals.cli.main import main\n"
        f"sys.exit(main(['-C', {str(negotiation)!r}, 'verify']))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env())
    assert run.returncode == 0, run.stderr
    assert "every pass and TA tag is in place" in run.stdout
    assert run.stderr.count("loaded before the diff: []") == 1, run.stderr


def test_verify_starts_the_diff_before_the_model_is_imported(negotiation, tmp_path) -> None:
    """The diff of every commit starts as soon as git has said where the repo is: the model
    (``negotiation.repo`` and the history parse it imports) loads meanwhile, the second core
    being otherwise idle. Outside a repo, verify still says why in one line."""
    code = (
        "import sys\nimport proposals.negotiation.changed_paths as c\n"
        "start = c.ChangedPaths.__init__\n"
        "def noted(self, store):\n"
        "    loaded = [m for m in ('proposals.negotiation.repo', 'proposals.negotiation.history')\n"
        "              if m in sys.modules]\n"
        "    print('loaded before the diff:', loaded, file=sys.stderr)\n"
        "    start(self, store)\n"
        "c.ChangedPaths.__init__ = noted\n"
        "from proposals.cli.main import main\n"
        "sys.exit(main(['-C', sys.argv[1], 'verify']))"
    )
    run = subprocess.run([sys.executable, "-c", code, str(negotiation)], capture_output=True, text=True,
                         env=cli_env())
    assert run.returncode == 0, run.stderr
    assert "every pass and TA tag is in place" in run.stdout
    assert run.stderr.count("loaded before the diff: []") == 1, run.stderr
    outside = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                             env=cli_env())
    assert outside.returncode != 0
    assert "not a bargaining repo" in outside.stderr
    assert "loaded before the diff" not in outside.stderr


def test_verify_loads_none_of_the_recording_modules(negotiation) -> None:
    """verify only reads: what a recording needs (drafts, sessions, passes, json) is not imported,
    each being start-up time of a command that has 400 ms at 20,000 passes (issue 17)."""
    loaded = _modules_after(
        "import sys, io, contextlib\nfrom proposals.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['-C', {str(negotiation)!r}, 'verify']) == 0"
    )
    assert "proposals.team.integrity" in loaded and "proposals.negotiation.proof" in loaded
    recording = [f"proposals.negotiation.{m}" for m in ("drafts", "sessions", "passes")]
    assert [m for m in [*recording, "json"] if m in loaded] == []
