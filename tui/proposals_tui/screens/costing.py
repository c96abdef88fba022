"""Costing: union against employer by contract year, a small chart, who gains and loses, and what
each side's proposal means for one member (enter on a member; escape goes back).

Everything is computed by the core (``proposals.costing.compare``) in the repo lane; this screen
only lays it out. The roster is the team's own data: this tool is the team's, and nothing here is
exported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from proposals.costing.compare import Report, cost, roster_of, status_quo
from proposals.costing.model import Costing, cost_member
from proposals.costing.money import money_text
from proposals.costing.roster import Member
from proposals.costing.terms import Terms
from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo

from ..keys import key, palette
from ..styles import MARKS, PARTY, Themed, party
from ..widgets.keys_footer import KeysFooter

VIEWS = ("years", "members")  # v cycles these; "member" is one member's years (enter on a member)
GROUPS = ("classification", "clinic")
BAR = 24  # chart width in cells
WIDE = 110  # columns from which the year table shows cents


@dataclass
class CostingView:
    report: Report | None = None
    members: list[Member] = field(default_factory=list)
    status_quo: Terms | None = None
    problem: str = ""  # why there is nothing to show (no roster, no terms)


def load_costing(repo: BargainingRepo) -> CostingView:
    """Runs in the repo lane: both sides' latest positions over the roster."""
    try:
        roster = roster_of(repo)
        return CostingView(cost(repo, roster=roster), list(roster.members), status_quo(repo))
    except ProposalsError as exc:
        return CostingView(problem=str(exc))


def short_money(amount: Decimal) -> str:
    """$1.23M / -$45.6k / $980 for the chart's labels."""
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    if value >= 1_000_000:
        return f"{sign}${value / 1_000_000:.2f}M"
    if value >= 1_000:
        return f"{sign}${value / 1_000:.1f}k"
    return f"{sign}${value:.0f}"


def chart(costings: list[Costing], themed: Callable[..., Style]) -> Text:
    """Per year, one bar per side, scaled to the largest cost; a cut draws in ▒ with a minus.
    Each side's bar takes its party's colour from the theme (`themed`, `styles.Themed`)."""
    out = Text()
    largest = max((abs(y.cost) for c in costings for y in c.years), default=Decimal(0)) or Decimal(1)
    width = max(len(c.position.label) for c in costings)
    for i, year in enumerate(costings[0].years):
        for n, c in enumerate(costings):
            value = c.years[i].cost
            cells = int(abs(value) * BAR / largest + Decimal("0.5"))
            out.append(f"{year.year if n == 0 else '':4} {c.position.label:<{width}} ")
            out.append(("█" if value >= 0 else "▒") * cells, style=themed(party(c.position.party)))
            out.append(f" {short_money(value)}\n")
    out.rstrip()
    return out


class CostingScreen(Themed, Screen):
    """Both sides' latest economic positions; `v` switches to members, `b` groups by clinic, enter
    on a member shows their pay year by year under each side's proposal."""

    DEFAULT_CSS = """
    #costing-member { height: 1fr; }
    #costing-member-head { height: auto; padding: 0 1; }
    #costing-member-table { height: auto; }
    """

    @dataclass
    class Loaded(Message):
        """Both sides' positions costed, read in the repo lane."""

        data: CostingView

    BINDINGS: ClassVar[list[BindingType]] = [
        key("escape", "back"),
        key("v", "costing_view"),
        key("b", "costing_group"),
        key("r", "reload", show=False),
    ]

    view: reactive[str] = reactive("years")
    group: reactive[str] = reactive("classification")

    def __init__(self) -> None:
        super().__init__()
        self.data = CostingView()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Costing…", id="costing-head")
        with Vertical(id="costing-years"):
            yield DataTable(id="costing-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="costing-chart")
        with Vertical(id="costing-members", classes="hidden"):
            yield DataTable(id="costing-groups", cursor_type="row", zebra_stripes=True)
            yield DataTable(id="costing-people", cursor_type="row", zebra_stripes=True)
        with Vertical(id="costing-member", classes="hidden"):
            yield Static("", id="costing-member-head")
            yield DataTable(id="costing-member-table", cursor_type="row", zebra_stripes=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#costing-table", DataTable).focus()
        self.reload()

    def reload(self) -> None:
        self.app.run_repo(lambda repo: self.Loaded(load_costing(repo)), self, "Costing")

    def action_reload(self) -> None:
        self.reload()

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = self.data = message.data
        head = self.query_one("#costing-head", Static)
        if data.report is None:
            head.update(Text(f"Nothing to cost yet: {data.problem}"))
            return
        basis = data.report.basis
        head.update(
            Text(
                f"{data.report.members} members · {basis.years[0]}-{basis.years[-1]} · roll-up "
                f"{basis.rollup * 100:.2f}% · against the status quo · team only"
            )
        )
        self._fill_years()
        self._fill_members()

    def restyle(self) -> None:
        """The theme changed: the tables and the chart again, in its colours."""
        if self.data.report is not None:
            self._fill_years()
            self._fill_members()

    # -- the views -----------------------------------------------------------------------------

    def _party(self, costing: Costing) -> Text:
        parties = self.app.repo.config.parties
        party = parties.get(costing.position.party)
        name = party.name if party and self.size.width >= WIDE else costing.position.party.capitalize()
        return Text(f"{costing.position.label} {name}", style=self.themed(PARTY[party.key]) if party else "")

    def _fill_years(self) -> None:
        report = self.data.report
        assert report is not None
        table = self.query_one("#costing-table", DataTable)
        table.clear(columns=True)
        years = [y.year for y in report.costings[0].years]
        wide = self.size.width >= WIDE
        table.add_column("", key="what", width=22 if wide else 18)
        for year in [*years, "term"]:
            table.add_column(Text(year, justify="right"), key=year, width=14 if wide else 8)
        for c in report.costings:
            table.add_row(self._party(c), *self._money([y.cost for y in c.years] + [c.total]))
            percents = [f"{y.percent_of_payroll}%" for y in c.years] + [f"{c.total_percent}%"]
            table.add_row(Text("  % of payroll", style="dim"), *(Text(p, justify="right") for p in percents))
        if report.difference:
            first, second = (c.position.label for c in report.costings)
            values = [v for _, v in report.difference]
            table.add_row(Text(f"{first} − {second}", style="bold"), *self._money([*values, sum(values)]))
        table.add_row(
            Text("value of 1%", style="dim"),
            *self._money([y.one_percent for y in report.costings[0].years]),
            "",
        )
        self.query_one("#costing-chart", Static).update(chart(report.costings, self.themed))

    def _money(self, values: list[Decimal]) -> list[Text]:
        """Exact to the cent where there is room; $1.23M-style in an 80-column terminal."""
        show = money_text if self.size.width >= WIDE else short_money
        negative = self.themed(MARKS["negative"])
        return [Text(show(v), justify="right", style=negative if v < 0 else "") for v in values]

    def _fill_members(self) -> None:
        report = self.data.report
        assert report is not None
        groups = self.query_one("#costing-groups", DataTable)
        groups.clear(columns=True)
        groups.add_column(self.group, key="name", width=18)
        for c in report.costings:
            label = c.position.label
            groups.add_column(Text(f"{label} +/-", justify="right"), key=f"{label}-n", width=9)
            groups.add_column(Text(f"{label} mean", justify="right"), key=f"{label}-mean", width=10)
        first = report.costings[0]
        table = first.by_clinic if self.group == "clinic" else first.by_classification
        for name in table:
            row: list[Text | str] = [Text(name)]  # roster text is data, never markup
            for c in report.costings:
                g = (c.by_clinic if self.group == "clinic" else c.by_classification)[name]
                row += [Text(f"{g.gaining}/{g.losing}", justify="right"), *self._money([g.mean])]
            groups.add_row(*row)
        people = self.query_one("#costing-people", DataTable)
        people.clear(columns=True)
        people.add_column("member", key="id", width=10)
        people.add_column("class", key="class", width=10)
        people.add_column("clinic", key="clinic", width=14)
        for c in report.costings:
            people.add_column(
                Text(f"{c.position.label} term", justify="right"), key=c.position.label, width=13
            )
        for i, m in enumerate(self.data.members):
            people.add_row(
                Text(m.id),  # roster text is data, never markup
                Text(m.classification),
                Text(m.clinic),
                *self._money([c.changes[i] for c in report.costings]),
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a member: their pay under each side's proposal, year by year."""
        if event.data_table.id != "costing-people" or self.data.report is None:
            return
        self.show_member(event.cursor_row)

    def show_member(self, index: int) -> None:
        report, sq = self.data.report, self.data.status_quo
        if report is None or sq is None or not 0 <= index < len(self.data.members):
            return
        member = self.data.members[index]
        head = self.query_one("#costing-member-head", Static)
        table = self.query_one("#costing-member-table", DataTable)
        table.clear(columns=True)
        try:
            rows = [(c, cost_member(c.position, sq, member, report.basis)) for c in report.costings]
        except ProposalsError as exc:
            head.update(Text(f"Member {member.id}: {exc}"))
            self.view = "member"
            return
        pay = "on a schedule" if member.base_pay is None else f"base {money_text(member.base_pay)}"
        step = f", step {member.step}" if member.step is not None else ""
        if member.step is None and member.service is not None:
            step = f", {member.service} years of service"
        head.update(
            Text(  # roster text is data, never markup
                f"Member {member.id} · {member.classification} · {member.clinic or '(no clinic)'} · "
                f"FTE {member.fte} · {pay}{step}\nPay by contract year (wages, lump sums, "
                "differentials; no roll-up). Escape: back to the members."
            )
        )
        wide = self.size.width >= WIDE
        years = [y.year for y in rows[0][1]]
        table.add_column("", key="what", width=22 if wide else 16)
        for year in [*years, "term"]:
            table.add_column(Text(year, justify="right"), key=year, width=14 if wide else 10)
        first = rows[0][1]
        table.add_row(
            Text("status quo"),
            *self._money([y.status_quo for y in first] + [sum(y.status_quo for y in first)]),
        )
        for costing, data in rows:
            table.add_row(
                self._party(costing),
                *self._money([y.proposed for y in data] + [sum(y.proposed for y in data)]),
            )
            table.add_row(
                Text("  change", style="dim"),
                *self._money([y.change for y in data] + [sum(y.change for y in data)]),
            )
        self.view = "member"

    def watch_view(self, view: str) -> None:
        self.query_one("#costing-years").set_class(view != "years", "hidden")
        self.query_one("#costing-members").set_class(view != "members", "hidden")
        self.query_one("#costing-member").set_class(view != "member", "hidden")
        target = {"years": "#costing-table", "members": "#costing-people", "member": "#costing-member-table"}
        self.query_one(target[view], DataTable).focus()

    def action_costing_view(self) -> None:
        current = "members" if self.view == "member" else self.view
        self.view = VIEWS[(VIEWS.index(current) + 1) % len(VIEWS)]

    def action_costing_group(self) -> None:
        self.group = GROUPS[(GROUPS.index(self.group) + 1) % len(GROUPS)]
        if self.data.report is not None:
            self._fill_members()
        self.view = "members"

    def action_back(self) -> None:
        if self.view == "member":
            self.view = "members"
            return
        self.app.pop_screen()

    def palette_commands(self) -> list[tuple[str, str, str]]:
        return palette("costing_view", "costing_group")
