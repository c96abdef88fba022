"""The packages screen (`P` on the board): every package proposal, its state and its parts.

Read from the core in the repo lane (`negotiation.packages.packages`, the same list as
`proposals package list`), with each part's board status; accepting and rejecting stay in the
pass dialog, through the same core calls as `proposals package accept|reject`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from proposals.negotiation.repo import BargainingRepo

from ..keys import key
from ..literal import literal, shown
from ..widgets.keys_footer import KeysFooter


@dataclass
class PackageRow:
    id: str
    state: str  # open, countered, accepted, rejected, withdrawn (with its date or pass)
    proposed: str  # "U-3, 2025-03-03" (the pass that is the package, its session)
    parts: str  # "staffing (Open), scheduling (TA)"
    title: str


@dataclass
class PackagesView:
    rows: list[PackageRow] = field(default_factory=list)


def load_packages(repo: BargainingRepo) -> PackagesView:
    """Runs in the repo lane: the core's packages, each part with its status word."""
    from proposals.negotiation.packages import packages
    from proposals.negotiation.status import STATUS_WORDS, status_rows

    words = {row.id: STATUS_WORDS[row.status] for row in status_rows(repo)}
    view = PackagesView()
    for package in packages(repo.history()):
        state = f"{package.state} {package.settled}".strip()
        if package.answers:
            state += f" (answers {package.answers})"
        parts = ", ".join(f"{part} ({words.get(part, '?')})" for part in package.parts)
        proposed = f"{package.pass_name}, {package.session}"
        view.rows.append(PackageRow(package.id, state, proposed, parts, package.title))
    return view


class PackagesScreen(Screen):
    """Read-only: arrows move, escape goes back."""

    @dataclass
    class Loaded(Message):
        """Every package and its parts, read in the repo lane."""

        data: PackagesView

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("r", "reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data = PackagesView()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Packages…", id="packages-head")
        yield DataTable(id="packages-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one("#packages-table", DataTable)
        table.add_column("Package", key="id", width=7)
        table.add_column("State", key="state", width=20)
        table.add_column("Pass", key="proposed", width=16)
        table.add_column("Parts", key="parts", width=max(20, (self.size.width or 80) - 7 - 20 - 16 - 10))
        table.focus()
        self.reload()

    def reload(self) -> None:
        self.app.run_repo(lambda repo: self.Loaded(load_packages(repo)), self, "Packages")

    def action_reload(self) -> None:
        self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = self.data = message.data
        head = f"{len(data.rows)} packages · each passed, accepted or rejected as a whole"
        if not data.rows:
            head = "No packages yet (the pass dialog's Package field makes one)"
        self.query_one("#packages-head", Static).update(literal(head, one_line=True))
        table = self.query_one("#packages-table", DataTable)
        table.clear()
        for row in data.rows:
            title = f"{row.title}: " if row.title else ""
            table.add_row(
                Text(row.id, style="bold"),
                Text(shown(row.state, one_line=True)),
                Text(shown(row.proposed, one_line=True)),
                Text(shown(title + row.parts, one_line=True)),
                key=row.id,
            )
