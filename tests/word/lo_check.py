"""Open .docx files in headless LibreOffice, accept or reject all tracked changes, print the text.

Run with the *system* interpreter (Debian's python3-uno provides ``uno`` there, not in the venv):

    /usr/bin/python3 tests/lo_check.py accept a.docx reject a.docx none b.docx resave a.docx

``resave`` stores the document unchanged as ``a.lo.docx`` (LibreOffice's own .docx markup).

Prints one JSON object: ``{"results": [{"file", "action", "paragraphs": [...], "redlines": n}]}``
where ``paragraphs`` are the body paragraphs' strings in order (tables skipped) after the action
, ``tables`` every table's rows of cell strings,
and ``redlines`` the tracked changes LibreOffice saw before it (type, author, date). One
soffice serves all files, because starting it costs seconds. It runs in a throwaway profile,
is always terminated and the profile deleted, and a watchdog kills everything after
``LO_CHECK_TIMEOUT`` seconds.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

TIMEOUT = float(os.environ.get("LO_CHECK_TIMEOUT", "150"))
COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name: str, value: object) -> PropertyValue:
    """A UNO PropertyValue."""
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


SPACED_STYLES = ("Contract Body", "Contract List 1", "Contract List 2", "Contract List 3")
BLANK_LINE = 353  # 1/100 mm (10 pt): space above/below set on a body paragraph is a blank line


def paragraphs(doc: object, empty: list[int] | None = None) -> list[str]:
    """Body paragraphs in order; tables (sign-off blocks) are not article text. A blank line the
    export wrote as space above or below a body paragraph (never an empty paragraph) is given
    as ``""`` there, so the list reads like the article's lines; ``empty`` collects the
    indices of real empty paragraphs."""
    out: list[str] = []
    enum = doc.getText().createEnumeration()  # type: ignore[attr-defined]
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.Paragraph"):
            spaced = element.getPropertyValue("ParaStyleName") in SPACED_STYLES
            if spaced and element.getPropertyValue("ParaTopMargin") >= BLANK_LINE:
                out.append("")
            if empty is not None and not element.getString():
                empty.append(len(out))
            out.append(element.getString())
            if spaced and element.getPropertyValue("ParaBottomMargin") >= BLANK_LINE:
                out.append("")
    return out


def tables(doc: object) -> list[list[list[str]]]:
    """Every body table as rows of cell strings, in document order (a row LibreOffice keeps
    shorter than the grid has fewer cells)."""
    import re

    out: list[list[list[str]]] = []
    enum = doc.getText().createEnumeration()  # type: ignore[attr-defined]
    while enum.hasMoreElements():
        element = enum.nextElement()
        if not element.supportsService("com.sun.star.text.TextTable"):
            continue
        rows: dict[int, list[tuple[int, str]]] = {}
        for name in element.getCellNames():
            match = re.fullmatch(r"([A-Z]+)([0-9]+)", name)
            if not match:
                continue  # a split cell ("A1.1.1"): not a shape this project writes
            col = 0
            for letter in match[1]:
                col = col * 26 + ord(letter) - 64
            rows.setdefault(int(match[2]), []).append((col, element.getCellByName(name).getString()))
        out.append([[text for _, text in sorted(cells)] for _, cells in sorted(rows.items())])
    return out


def describe_redlines(doc: object) -> list[dict[str, str]]:
    """Type, author and day of every tracked change, as LibreOffice understood them."""
    out: list[dict[str, str]] = []
    enum = doc.getRedlines().createEnumeration()  # type: ignore[attr-defined]
    while enum.hasMoreElements():
        red = enum.nextElement()
        when = red.getPropertyValue("RedlineDateTime")
        out.append(
            {
                "type": str(red.getPropertyValue("RedlineType")),
                "author": str(red.getPropertyValue("RedlineAuthor")),
                "date": f"{when.Year:04d}-{when.Month:02d}-{when.Day:02d}",
            }
        )
    return out


def connect(pipe: str, proc: subprocess.Popen[bytes]) -> object:
    """Wait for soffice's UNO pipe; give up if soffice died."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None:
                raise SystemExit(f"soffice exited early with status {proc.returncode}") from None
            if time.monotonic() > deadline:
                raise SystemExit("soffice did not open its UNO pipe within 60 s") from None
            time.sleep(0.2)


@contextlib.contextmanager
def session() -> Iterator[tuple[object, object]]:
    """A headless soffice for this process: (desktop, dispatcher); always cleaned up."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice not found")
    profile = Path(tempfile.mkdtemp(prefix="lo_check_"))
    pipe = f"lo_check_{uuid.uuid4().hex}"
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def kill() -> None:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

    watchdog = threading.Timer(TIMEOUT, lambda: (kill(), os._exit(3)))
    watchdog.daemon = True
    watchdog.start()
    desktop = None
    try:
        ctx = connect(pipe, proc)
        smgr = ctx.ServiceManager  # type: ignore[attr-defined]
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        yield desktop, dispatcher
    finally:
        if desktop is not None:
            # The bridge drops as soffice exits; an exception here is the normal case.
            with contextlib.suppress(Exception):
                desktop.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            kill()
            proc.wait(timeout=5)
        kill()
        watchdog.cancel()
        shutil.rmtree(profile, ignore_errors=True)


def run(jobs: list[tuple[str, str]]) -> list[dict[str, object]]:
    """Start soffice, process every (action, file) job, always clean up."""
    with session() as (desktop, dispatcher):
        results: list[dict[str, object]] = []
        for action, path in jobs:
            url = Path(path).resolve().as_uri()
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
            if doc is None:
                raise SystemExit(f"LibreOffice could not open {path}")
            try:
                redlines = describe_redlines(doc)
                if action in COMMANDS:
                    frame = doc.getCurrentController().getFrame()
                    dispatcher.executeDispatch(frame, COMMANDS[action], "", 0, ())  # type: ignore[attr-defined]
                elif action == "resave":
                    # Save as Word again, revisions untouched: LibreOffice's own markup for
                    # the importer to read (as when the other side edits in LibreOffice).
                    target = Path(path).with_suffix(".lo.docx").resolve().as_uri()
                    doc.storeToURL(target, (prop("FilterName", "MS Word 2007 XML"),))
                empty: list[int] = []
                results.append(
                    {
                        "file": path,
                        "action": action,
                        "paragraphs": paragraphs(doc, empty),
                        "empty_paragraphs": empty,
                        "tables": tables(doc),
                        "redlines": redlines,
                        "redlines_after": doc.getRedlines().getCount(),
                    }
                )
            finally:
                doc.close(True)
        return results


def main(argv: list[str]) -> int:
    """Parse ``ACTION FILE`` pairs and print the JSON result."""
    args = argv[1:]
    if not args or len(args) % 2:
        print("usage: lo_check.py (accept|reject|none|resave) FILE [...]", file=sys.stderr)
        return 2
    jobs = list(zip(args[::2], args[1::2], strict=True))
    for action, _ in jobs:
        if action not in (*COMMANDS, "none", "resave"):
            print(f"unknown action {action!r}", file=sys.stderr)
            return 2
    print(json.dumps({"results": run(jobs)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
