"""The session bar: the session at the table now, who is there, and how long it has run."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.widgets import Static

from proposals.negotiation.sessions import SessionRecord

from ..literal import literal


def elapsed(record: SessionRecord, now: datetime) -> str:
    """'1h 25m' since the start, when the session is today and its start is known."""
    if not record.start or record.date != now.date().isoformat():
        return ""
    hours, minutes = (int(x) for x in record.start.split(":"))
    total = now.hour * 60 + now.minute - (hours * 60 + minutes)
    if total < 0:
        return ""
    return f"{total // 60}h {total % 60:02d}m" if total >= 60 else f"{total}m"


class SessionBar(Static):
    """Shown on the board while a session is open (``proposals session open``); hidden otherwise."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.record: SessionRecord | None = None
        self.us, self.them = "union", "employer"

    def on_mount(self) -> None:
        self.display = False
        self.set_interval(30, self._tick)

    def show_session(self, record: SessionRecord | None, us: str, them: str) -> None:
        self.record, self.us, self.them = record, us, them
        self.display = record is not None
        self._tick()

    def _tick(self) -> None:
        record = self.record
        if record is None:
            return
        bits = [f"Session {record.date}"]
        if record.place:
            bits.append(record.place)
        ours, theirs = getattr(record, self.us), getattr(record, self.them)
        if ours:
            bits.append("Us: " + ", ".join(ours))
        if theirs:
            bits.append("Them: " + ", ".join(theirs))
        since = elapsed(record, datetime.now())
        if since:
            bits.append(f"{since} since {record.start}")
        content: Content = literal(" · ".join(bits), one_line=True)
        self.update(content)
