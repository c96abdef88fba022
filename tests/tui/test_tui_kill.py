"""Issue 7: a TUI killed with SIGKILL while editing loses at most the last few seconds of typing.

The real program (`python -m proposals tui DIR`) runs in a pseudo-terminal, exactly as a user
starts it: the board opens, `e` opens the highlighted article in the editor, we type, wait past
the autosave delay, type a little more and `kill -9` it. The article on disk must hold the first
burst, be complete (the whole article, valid UTF-8, ending with a newline) and be a state the
editor really had: the old text, or the old text plus some of the second burst, never half a file.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tui_fixtures import build_negotiation

ROOT = Path(__file__).resolve().parents[2]
FIRST = "Kill-test wörds: « typed before the crash » "
SECOND = "and these may be lost "
DOWN = "\x1b[B"
TIMEOUT = 60.0


class Terminal:
    """The TUI on the slave side of a pty; everything it draws is collected from the master."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30)) -> None:
        self.master, slave = os.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def controlling_tty() -> None:  # like a login shell: the pty is the controlling terminal
            with contextlib.suppress(OSError):
                fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=str(ROOT),
            start_new_session=True,
            preexec_fn=controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        """Keep reading, or the app blocks on a full pty buffer."""
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.output += chunk

    def seen(self, text: str) -> bool:
        with self._lock:
            return text.encode() in self.output

    def wait_for(self, what: str, timeout: float = TIMEOUT) -> None:
        wait_until(lambda: self.seen(what), timeout, f"the TUI never drew {what!r}", self)

    def type(self, text: str, pause: float = 0.01) -> None:
        for char in text:
            os.write(self.master, char.encode("utf-8"))
            time.sleep(pause)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)
        with contextlib.suppress(OSError):
            os.close(self.master)

    def tail(self) -> str:
        with self._lock:
            return bytes(self.output[-2000:]).decode("utf-8", "replace")


def wait_until(check: Callable[[], bool], timeout: float, what: str, term: Terminal | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if term is not None and term.proc.poll() is not None:
            pytest.fail(f"the TUI exited ({term.proc.returncode}) before: {what}\n{term.tail()}")
        time.sleep(0.1)
    pytest.fail(f"{what} (after {timeout:.0f} s)" + (f"\n{term.tail()}" if term else ""))


def tui_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "NO_COLOR"))}
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tui")]),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
    )
    return env


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def test_sigkill_while_editing_loses_at_most_the_last_seconds(tmp_path: Path) -> None:
    try:
        probe = os.openpty()
    except OSError as exc:
        print(f"skipping: no pseudo-terminal available ({exc})")
        pytest.skip(f"no pseudo-terminal available: {exc}")
    for fd in probe:
        os.close(fd)

    repo = build_negotiation(tmp_path / "negotiation")
    article = repo / "articles" / "scheduling.txt"  # the board's first row: `e` edits it
    original = article.read_text(encoding="utf-8")
    head, _, rest = original.partition("\n")
    # the editor opens with the cursor at the start; one line down is paragraph 5.1
    expected_first = f"{head}\n{FIRST}{rest}"

    term = Terminal([sys.executable, "-m", "proposals", "tui", str(repo)], tui_env())
    try:
        term.wait_for("Scheduling")  # the board is painted
        term.wait_for("articles")
        time.sleep(0.5)
        term.type("e")
        term.wait_for("saved to working tree")  # the editor loaded the draft and is editable
        time.sleep(0.3)
        term.type(DOWN)
        time.sleep(0.3)
        term.type(FIRST)
        # autosave fires 0.8 s after the last keystroke; poll the file, generously
        wait_until(
            lambda: read_bytes(article) == expected_first.encode("utf-8"),
            TIMEOUT,
            "the first burst never reached articles/scheduling.txt",
            term,
        )
        term.type(SECOND, pause=0.0)
        time.sleep(0.05)
    finally:
        term.kill()

    assert term.proc.returncode == -signal.SIGKILL
    data = article.read_bytes()
    text = data.decode("utf-8")  # valid UTF-8, or this raises
    assert text.endswith("\n") and "\x00" not in text
    assert FIRST in text
    # a state the editor really had: the first burst plus some prefix (maybe none) of the second
    prefixes = [f"{head}\n{FIRST}{SECOND[:n]}{rest}" for n in range(len(SECOND) + 1)]
    assert text in prefixes, f"articles/scheduling.txt is not a state the editor had:\n{text!r}"
    assert text.endswith(original.splitlines()[-1] + "\n")  # complete: the last paragraph is whole
