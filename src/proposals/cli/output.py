"""Everything a command writes passes one filter: no record text reaches a terminal raw.

Titles, headings, party names, signatories, messages and article text come from both sides of the
table and from every clone; an ESC in one starts a terminal control sequence, a U+202E makes a
line read backwards. Rather than trust each command to escape each value, ``guarded`` puts
``sys.stdout`` and ``sys.stderr`` behind ``contract.escape.for_output`` while a command runs
(argparse's errors and our one-line errors included). The only raw way out is ``write_styled``,
for styling the CLI itself adds (the diff's colours) around text it has escaped first.
"""

from __future__ import annotations

import contextlib
import sys

from proposals.contract.escape import for_json, for_output

TYPE_CHECKING = False  # typing is not imported at start-up (see cli/main.py)
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TextIO


class GuardedStream:
    """A text stream that shows control, separator and bidi characters as visible escapes."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(for_output(text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def write_styled(self, text: str) -> None:
        """Text whose record parts were escaped already and whose escape codes are ours."""
        self.inner.write(text)

    def __getattr__(self, name: str) -> object:  # flush, isatty, fileno, encoding...
        if name == "buffer":  # raw bytes would pass the filter: no command may use them
            raise AttributeError("buffer")
        return getattr(self.inner, name)


@contextlib.contextmanager
def guarded() -> Iterator[None]:
    """``sys.stdout``/``sys.stderr`` filtered for the duration (nested calls are harmless)."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, GuardedStream):
        sys.stdout = GuardedStream(sys.stdout)  # type: ignore[assignment]
    if not isinstance(sys.stderr, GuardedStream):
        sys.stderr = GuardedStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write_styled(text: str) -> None:
    """Write the CLI's own styling (escape codes) around already escaped record text."""
    out = sys.stdout
    if isinstance(out, GuardedStream):
        out.write_styled(text)
    else:
        out.write(text)


def indented_json(data: object) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, byte for byte, about three times faster.

    With an indent, the standard library encodes in pure Python (its C encoder is compact-only):
    at 20,000 passes that cost ``log --json`` as much as reading the history. Strings, string-keyed
    dicts and lists are laid out here, each string by the C string encoder; anything else (numbers,
    booleans, other keys) is left to ``json.dumps`` and indented to its depth."""
    import json
    from json.encoder import encode_basestring  # type: ignore[attr-defined]

    out: list[str] = []

    def lay(value: object, indent: str) -> None:
        if isinstance(value, str):
            out.append(encode_basestring(value))
        elif isinstance(value, dict) and all(isinstance(key, str) for key in value):
            if not value:
                out.append("{}")
                return
            inner = "\n" + indent + "  "
            sep = "{" + inner
            for key, item in value.items():
                if type(item) is str:  # the common case, without a call
                    out.append(sep + encode_basestring(key) + ": " + encode_basestring(item))
                else:
                    out.append(sep + encode_basestring(key) + ": ")
                    lay(item, indent + "  ")
                sep = "," + inner
            out.append("\n" + indent + "}")
        elif isinstance(value, list | tuple):
            if not value:
                out.append("[]")
                return
            inner = "\n" + indent + "  "
            sep = "[" + inner
            for item in value:
                if type(item) is str:
                    out.append(sep + encode_basestring(item))
                else:
                    out.append(sep)
                    lay(item, indent + "  ")
                sep = "," + inner
            out.append("\n" + indent + "]")
        elif value is None or value is True or value is False:
            out.append(_CONSTANTS[value])
        elif type(value) is int:  # json.dumps writes an int as int.__repr__ does
            out.append(int.__repr__(value))
        else:  # a JSON string never holds a raw line break, so every one is indentation
            out.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent))

    lay(data, "")
    return "".join(out)


# null, true and false without a json.dumps call each (a status chart has a thousand of them).
_CONSTANTS = {None: "null", True: "true", False: "false"}


def write_json(text: str) -> None:
    """Serialised JSON: unsafe characters become JSON escapes, so the data is unchanged."""
    write_styled(for_json(text))
