"""Issue 17: a command's git processes do not grow with the record (counted, never timed).

`verify` once ran one ``rev-parse`` per standing TA and peeled every mirrored tag; at 20,000
passes that was 84 git processes and most of a 2 s command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from proposals.negotiation.agreements import make_ta, verify
from proposals.negotiation.repo import BargainingRepo
from proposals.store.git import GitStore
from proposals.store.log import LogStream
from proposals.team.integrity import extra_violations


def git_commands(repo: BargainingRepo, action) -> list[tuple[str, ...]]:
    """The git commands `action` runs through the store, the history's log (read as git prints
    it, ``LogStream``) included."""
    seen: list[tuple[str, ...]] = []
    real = GitStore.run
    real_stream = LogStream.__init__

    def counting(self: GitStore, *args: str, **kw):
        seen.append(args)
        return real(self, *args, **kw)

    def streaming(self: LogStream, store: GitStore, rev: str, keys, *, options=()) -> None:
        seen.append(("log", *options, rev))
        real_stream(self, store, rev, keys, options=options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(GitStore, "run", counting)
        patch.setattr(LogStream, "__init__", streaming)
        action()
    return seen


def verify_commands(root: Path) -> list[tuple[str, ...]]:
    repo = BargainingRepo.open(root)
    commands = git_commands(repo, lambda: (verify(repo), extra_violations(repo)))
    assert not verify(repo) + extra_violations(repo)
    return commands


def test_verify_runs_as_many_git_commands_for_three_tas_as_for_one(negotiation: Path) -> None:
    repo = BargainingRepo.open(negotiation)
    make_ta(repo, "staffing", union_sign="Ana", employer_sign="Bo", ta_date="2024-03-06")
    one = verify_commands(negotiation)
    repo = BargainingRepo.open(negotiation)
    make_ta(repo, "scheduling", union_sign="Ana", employer_sign="Bo", ta_date="2024-03-06")
    make_ta(repo, "parking", union_sign="Ana", employer_sign="Bo", ta_date="2024-03-06")
    three = verify_commands(negotiation)
    assert len(three) == len(one), [c[:2] for c in three]
    assert sum(1 for c in three if c[0] == "log") == 1  # the history, read once, from git
    assert len(three) <= 14, [c[:2] for c in three]


def pass_commands(root: Path, text: str, party: str) -> list[tuple[str, ...]]:
    from proposals.negotiation.passes import record_pass

    (root / "articles" / "staffing.txt").write_text(text)
    repo = BargainingRepo.open(root)
    return git_commands(
        repo, lambda: record_pass(repo, party, ["staffing"], session="2024-04-01", allow_retreat=False)
    )


def test_a_pass_runs_as_many_git_commands_after_many_passes_as_after_few(negotiation: Path) -> None:
    """The retreat check read one version per git process: 66 at 20,000 passes."""
    base = (negotiation / "articles" / "staffing.txt").read_text()

    def counted(n: int) -> int:  # a union pass that drops the clause the last pass added
        party = "employer" if n % 2 == 0 else "union"
        pass_commands(negotiation, base + f"\n6.4 Extra. Clause number {n} of several words.\n", party)
        return len(pass_commands(negotiation, base + f"\n6.5 Last. A final clause {n} of words.\n", "union"))

    few = counted(0)
    for n in range(1, 6):
        counted(n)
    assert counted(6) == few


def test_saved_drafts_are_read_without_listing_every_tag(negotiation: Path) -> None:
    """The TUI board asks for the saved drafts before anything needs a tag: one for-each-ref of
    the drafts, not the show-ref of every ref (40,000 tag lines at 20,000 passes, a quarter of
    the board's load; issue 17). Once the listing is read, it serves the drafts too."""
    from proposals.negotiation.drafts import restorable_drafts, save_draft

    repo = BargainingRepo.open(negotiation)
    save_draft(repo.store, "staffing", b"ARTICLE 12: STAFFING\n12.1 Kept aside.\n", "test")
    repo = BargainingRepo.open(negotiation)
    calls = git_commands(repo, lambda: restorable_drafts(repo))
    assert not [c for c in calls if c[0] == "show-ref"], calls
    assert "12.1 Kept aside." in restorable_drafts(repo)["staffing"]
    repo = BargainingRepo.open(negotiation)
    repo.store.tags()
    calls = git_commands(repo, lambda: restorable_drafts(repo))
    assert not [c for c in calls if c[0] in ("show-ref", "for-each-ref")], calls
