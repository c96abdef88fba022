"""Who records: the team member whose name and email go on the passes made in this working copy.

The machine's git identity may be a laptop owner's, a shared office account's or nobody's, so the
member's own is kept in the repo's local git config (user.name, user.email): every pass, TA and
sync commit made here then carries it. `needs_member` says when to ask (once: nothing stored
here yet, and the environment does not name the author, as scripts and CI do).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proposals.errors import ProposalsError
from proposals.negotiation.repo import BargainingRepo
from proposals.store.validate import check_text

# name@host.domain; no brackets (a domain literal, [10.0.0.1], is no team member's address, and
# screens could take them for markup)
_EMAIL = re.compile(r"[^\s<>@,;\"\[\]]+@[^\s<>@,;\"\[\]]+\.[^\s<>@,;\"\[\]]+")


@dataclass(frozen=True)
class Member:
    name: str
    email: str

    def line(self) -> str:
        return f"{self.name} <{self.email}>"


def check_member(name: str, email: str) -> Member:
    """The member as git will record them, or a one-line refusal (nothing is written)."""
    name = check_text(name, "Name", max_length=120)
    if any(c in name for c in "<>"):
        raise ProposalsError("Name contains < or >, which git cannot record in a name")
    if any(c in name for c in "[]"):
        raise ProposalsError(
            "Name contains [ or ], which screens could take for markup; type the name without brackets"
        )
    _not_an_option(name, "Name")
    email = check_text(email, "Email", max_length=254)
    _not_an_option(email, "Email")
    if _EMAIL.fullmatch(email) is None:
        raise ProposalsError(f"Email {email!r} is not an address like name@union.org")
    return Member(name, email)


def _not_an_option(value: str, what: str) -> None:
    """A value git (or a script reading the config) could take for a command-line option."""
    if value.startswith("-"):
        raise ProposalsError(f"{what} starts with -, which looks like a command-line option; type it without")


def member(repo: BargainingRepo) -> Member | None:
    """The member stored in this working copy, or None when nobody has said who they are here."""
    name = repo.store.local_config("user.name")
    email = repo.store.local_config("user.email")
    return Member(name, email) if name and email else None


def needs_member(repo: BargainingRepo) -> bool:
    """Ask who records here: nothing stored in this repo, and the environment names nobody."""
    return member(repo) is None and not repo.store.ident_from_environment()


def suggested_member(repo: BargainingRepo) -> Member | None:
    """What git would use now (the user's or the machine's identity), offered to confirm or change."""
    ident = repo.store.author_ident()
    return Member(*ident) if ident else None


def set_member(repo: BargainingRepo, name: str, email: str) -> Member:
    """Store the member in the repo's local git config; checked first, both or neither written."""
    chosen = check_member(name, email)
    before = member(repo)
    try:
        repo.store.config_set("user.name", chosen.name)
        repo.store.config_set("user.email", chosen.email)
    except ProposalsError:
        if before is None:
            repo.store.config_unset("user.name")
            repo.store.config_unset("user.email")
        else:
            repo.store.config_set("user.name", before.name)
            repo.store.config_set("user.email", before.email)
        raise
    return chosen
