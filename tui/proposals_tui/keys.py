"""One home for what each action is called: its footer label, its help line, its palette entry.

A key's binding (`key`), the help screen (`describe`) and the command palette (`palette`) all
read `ACTIONS`, so an action is described once and the three can never disagree (issue 19).
A screen may shorten the footer label where its context says the rest (a dialog's ctrl+s is
"Record" in the pass dialog, "TA" in the TA dialog); the help line stays the table's.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from .roles import PaletteCommand


@dataclass(frozen=True)
class Action:
    label: str  # the footer's short name
    help: str  # the help screen's line; also the key's tooltip and the palette's help line
    command: str = ""  # the palette's label ("": not offered in the palette)


ACTIONS: dict[str, Action] = {
    # everywhere
    "help": Action("Help", "Every key, by screen", "Help: keys by screen"),
    "quit": Action("Quit", "Quit (asks first when a draft is not saved)"),
    "toggle_theme": Action("Theme", "Light or dark theme", "Toggle light/dark theme"),
    "toggle_markers": Action(
        "Markers",
        "Marker mode [-old-]{+new+} for terminals without strikethrough",
        "Toggle marker mode [-old-]{+new+}",
    ),
    "verify": Action("Verify TAs", "Check every TA'd text is unchanged", "Verify TAs"),
    "command_palette": Action("Palette", "Command palette: every action possible now, by name"),
    "back": Action("Back", "Back to the screen before"),
    "reload": Action("Reload", "Read the repo again", "Reload"),
    # the board
    "open": Action("Open", "Open the article side by side", "Open the highlighted article"),
    "select_cursor": Action("Open", "Open the article side by side"),
    "focus_filter": Action("Filter", "Filter the board by words in the number, title or status"),
    "clear_filter": Action("Clear filter", "Clear the filter (the cursor stays on its article)"),
    "cycle_status": Action(
        "Status filter", "Filter by status: all, open, TA'd, withdrawn, unchanged", "Filter by status (cycle)"
    ),
    "cycle_sort": Action("Sort", "Sort by number, title, status or last pass", "Sort (cycle)"),
    "export_status": Action(
        "Status chart",
        "Export the status chart to Word (status-DATE.docx in the exports folder)",
        "Export the status chart to Word",
    ),
    "costing": Action(
        "Costing", "Costing: both sides' latest economic positions by year, against the status quo", "Costing"
    ),
    "sessions": Action(
        "Sessions",
        "Sessions: every day at the table, its attendance, passes, TAs and the team's log",
        "Sessions",
    ),
    "packages": Action(
        "Packages",
        "Packages: every package proposal, its state and its parts' status",
        "Packages",
    ),
    "sync": Action(
        "Sync",
        "Sync with the team: fetch, merge, push passes and TAs (needs a git remote)",
        "Sync with the team",
    ),
    "conflicts": Action(
        "Conflicts",
        "Settle sync conflicts: my text and theirs side by side, keep one",
        "Settle sync conflicts",
    ),
    "import_baseline": Action(
        "Import baseline",
        "Import the baseline (the contract in force): a .docx, an .odt, a PDF or a folder of part files",
        "Import the baseline (contract in force)",
    ),
    "compile": Action(
        "Compile",
        "Compile the successor contract to Word: TA'd text and the untouched baseline",
        "Compile the contract",
    ),
    # an article, wherever it is shown
    "reopen": Action(
        "Reopen TA",
        "Reopen a TA'd article: our draft goes as a pass, with the reason, after a confirmation",
        "Reopen the TA'd text (a pass with a reason)",
    ),
    "edit": Action("Edit", "Edit our draft (autosaved, live redline preview)", "Edit our draft"),
    "record_pass": Action("Pass", "Record a pass: party, number, session date, articles", "Record a pass"),
    "their_pass": Action(
        "Their pass",
        "Enter the other side's pass: paste it or import their .docx",
        "Enter the other side's pass (paste, .docx or .odt)",
    ),
    "ta": Action(
        "TA",
        "Mark a tentative agreement (article or section), with confirmation",
        "Mark a tentative agreement",
    ),
    "withdraw": Action("Withdraw", "Withdraw articles (a pass that takes them off the table)", "Withdraw"),
    "export": Action("Export", "Export to Word: tracked changes, static redline or clean", "Export to Word"),
    "history": Action(
        "History", "The article's passes as a timeline; pick two to compare", "History of this article"
    ),
    "edit_notes": Action(
        "Notes",
        "Edit the team's notes in their own dialog (internal, never exported)",
        "Edit the team's notes",
    ),
    "restore_draft": Action(
        "Restore draft",
        "Restore our saved draft (↺): the one a pass replaced, kept on refs/drafts/",
        "Restore my saved draft",
    ),
    "find": Action("Find", "Find words in the text (enter: the next match, round the end; esc closes)"),
    # the article view
    "next_compare": Action(
        "Compare", "Compare: union vs employer, each vs baseline, our draft vs their pass", "Next comparison"
    ),
    "next_view": Action(
        "View",
        "View: side by side, inline redline, provenance (who proposed what)",
        "Next view: side by side / inline / provenance",
    ),
    "jump(True)": Action("Next change", "Next change (shows change n of m)"),
    "jump(False)": Action("Prev change", "Previous change (shows change n of m)"),
    "toggle_notes": Action(
        "Notes", "Show the team's notes beside the text (internal, never exported)", "Toggle notes panel"
    ),
    "blame": Action(
        "Blame",
        "Blame: the round and pass that last wrote each line, and who first proposed it",
        "Blame: who last wrote each line",
    ),
    # the editor
    "save": Action("Save", "Save the draft now (autosave runs anyway)", "Save the draft now"),
    "next_base": Action(
        "Compare with",
        "Compare the preview with their pass, the baseline or our pass",
        "Compare the preview with…",
    ),
    # the redline itself
    "scroll_down": Action("Down", "Scroll down a line"),
    "scroll_up": Action("Up", "Scroll up a line"),
    "page_down": Action("Page down", "Scroll down a page"),
    # history and blame
    "pick": Action("Pick", "Pick this version (two at most)", "Pick this version"),
    "compare": Action(
        "Compare",
        "Compare the two picked versions (or this one with the one before)",
        "Compare the picked versions",
    ),
    "show_line": Action("Whole line", "Show the whole line and both of its origins", "Show the whole line"),
    # costing
    "costing_view": Action(
        "View", "Costing: by contract year (with a chart) or by member", "Costing: years or members"
    ),
    "costing_group": Action(
        "By",
        "Costing: who gains and loses, by classification or by clinic",
        "Costing: members by classification or clinic",
    ),
    # sync conflicts
    "keep('mine')": Action("Keep mine", "Keep my text, after a confirmation", "Keep my text"),
    "keep('theirs')": Action("Keep theirs", "Keep their text, after a confirmation", "Keep their text"),
    "switch_focus": Action("List/text", "Move between the list of conflicts and the text"),
    # dialogs
    "submit": Action("OK", "Confirm the dialog: record, TA, withdraw or export"),
    "cancel": Action("Cancel", "Close the dialog; nothing is recorded"),
    "close": Action("Close", "Close"),
    "focus_next": Action("Next field", "Next field"),
    "finish": Action("OK / resolve", "Close the report, or settle the conflicts it found"),
    "answer(True)": Action("Yes", "Yes: record it"),
    "answer(False)": Action("No", "No: nothing is recorded"),
    "answer('save')": Action("Save", "Save the draft, then quit"),
    "answer('discard')": Action("Discard", "Quit without saving the draft"),
    "answer(None)": Action("Stay", "Stay in the editor"),
}


def describe(action: str) -> Action:
    """The table's entry for `action` (as a binding spells it, arguments and all)."""
    return ACTIONS[action]


def key(
    keys: str,
    action: str,
    *,
    label: str | None = None,
    show: bool = True,
    key_display: str | None = None,
    priority: bool = False,
) -> Binding:
    """A binding whose words come from the table (`label` shortens the footer's in a dialog)."""
    entry = describe(action)
    return Binding(
        keys,
        action,
        label or entry.label,
        show=show,
        key_display=key_display,
        priority=priority,
        tooltip=entry.help,
    )


def command(action: str, help_text: str | None = None) -> PaletteCommand:
    """A palette entry; `help_text` replaces the table's line where the state says more."""
    entry = describe(action)
    return (entry.command or entry.help, action, entry.help if help_text is None else help_text)


def palette(*actions: str) -> list[PaletteCommand]:
    return [command(action) for action in actions]
