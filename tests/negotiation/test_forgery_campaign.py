"""Issue 13's forgery campaign: every character that can forge a trailer or split a log record,
put everywhere a member or the other side can put text, and every forged tag a remote can show.

Categories (each counted in the run's figures: cases tried, forgeries tried, forgeries accepted):

- signatories, ``-m`` messages, party names and codes, imported file names, baseline folder
  names, pass numbers (a trailing newline, another party's code), section numbers: each a
  recording command that must fail in one line with nothing written (HEAD, tags, index, working
  tree, refs as before);
- trailer blocks and signatories forged in commits made with plain git (a hostile teammate): never
  read as a pass or a TA, and ``verify`` names the commit;
- a remote's forged tags (a pass tag on a TA commit, a moved baseline, a moved TA or pass tag, a TA
  or baseline tag on a pass commit): ``sync`` refuses and takes nothing in.

A forgery is *accepted* when a command given it succeeds or writes anything, or when a forged
commit or tag shows up in the record. Every case is asserted; the figures say how many were tried.
Recording commands run through the CLI's ``main`` in this process (the same code, without an
interpreter start each); the sync cases through real processes against a real bare remote.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sync_support import SCHEDULING, STAFFING, cli_env, fails, git, make_repo, ok, tags, write

from proposals.cli.main import main

# Characters a trailer parser or a log reader may take as a line or record break.
FORGERS = {
    "CR": "\r",
    "LF": "\n",
    "VT": "\v",
    "FF": "\f",
    "FS": "\x1c",
    "GS": "\x1d",
    "RS": "\x1e",
    "US": "\x1f",
    "NEL": "\x85",
    "LS": "\u2028",
    "PS": "\u2029",
}
BLOB = "0" * 40


def cli(repo: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["-C", str(repo), *args])
        except SystemExit as exc:  # a usage error (argparse): exit 2, one line
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def state(repo: Path) -> tuple[str, ...]:
    return (
        git(repo, "rev-parse", "HEAD"),
        git(repo, "for-each-ref"),
        git(repo, "status", "--porcelain=v1", "--untracked-files=all"),
        git(repo, "ls-files", "--stage"),
    )


def passes(repo: Path) -> dict[str, tuple[str, list[str]]]:
    code, out, err = cli(repo, "log", "--json")
    assert code == 0, err
    return {p["pass"]: (p["party"], p["articles"]) for p in json.loads(out)["passes"]}


class Campaign:
    def __init__(self, counts: Counter) -> None:
        self.counts = counts
        self.accepted: list[str] = []

    def tried(self, category: str, what: str, rejected: bool) -> None:
        self.counts["cases tried"] += 1
        self.counts["forgeries tried"] += 1
        self.counts["forgeries accepted"] += not rejected
        self.counts[f"{category}: forgeries tried"] += 1
        self.counts[f"{category}: accepted"] += not rejected
        if not rejected:
            self.accepted.append(f"{category}: {what}")

    def refused(
        self,
        category: str,
        repo: Path,
        *args: str,
        says: str = "",
        prepare: Callable[[], object] | None = None,
    ) -> None:
        """`args` must fail in one line (naming what is wrong: `says`), before anything is written."""
        if prepare is not None:
            prepare()
        before = state(repo)
        code, _out, err = cli(repo, *args)
        if "Traceback" in err or "internal error" in err:
            self.counts["tracebacks"] += 1
        lines = [line for line in err.splitlines() if not line.startswith(("Repaired:", "warning:"))]
        clean = (
            code != 0 and len(lines) == 1 and lines[0].startswith("proposals: error:") and says in lines[0]
        )
        self.counts["clean errors"] += clean
        self.tried(category, f"{args!r}: exit {code}, {err.strip()!r}", clean and state(repo) == before)

    def own_pass(self, category: str, repo: Path, *args: str) -> None:
        """`args` may succeed, but the pass it records is the union's own, whatever the message says."""
        before = passes(repo)
        code, _out, err = cli(repo, *args)
        new = {name: entry for name, entry in passes(repo).items() if name not in before}
        trailers = git(repo, "log", "-1", "--format=%(trailers:key=Proposal-Party)%(trailers:key=Pass)")
        own = (
            code == 0
            and len(new) == 1
            and all(n.startswith("U-") and e[0] == "union" for n, e in new.items())
        )
        self.tried(
            category,
            f"{args!r}: {err.strip()!r}",
            own and "employer" not in trailers and "E-9" not in trailers,
        )


def commit_raw(repo: Path, message: str, author: str = "Eve Mallory") -> str:
    """A commit made with plain git, its message exactly as given (as a hostile clone could)."""
    subprocess.run(
        ["git", "commit", "--quiet", "--allow-empty", "--cleanup=verbatim", "-F", "-"],
        cwd=repo,
        input=message.encode(),
        env=cli_env(author),
        check=True,
    )
    return git(repo, "rev-parse", "HEAD").strip()


def _docx(path: Path) -> None:
    from proposals.word.proposal import ArticleChange, export_proposal

    export_proposal(
        [ArticleChange("", STAFFING.replace("safe", "safe (theirs)"))],
        path,
        mode="clean",
        party="Health System",
        pass_name="E-9",
        session=date(2025, 3, 1),
    )


def test_every_forgery_is_refused_or_never_read(tmp_path: Path, figures) -> None:
    counts = figures("forgery campaign (hostile text, forged commits, forged remote tags)")
    campaign = Campaign(counts)
    repo = make_repo(tmp_path / "team")
    draft = STAFFING.replace("safe", "safe and adequate")
    write(repo, "staffing", draft)
    session = ["--session", "2025-02-01"]
    config = repo / "bargaining.toml"
    good_config = config.read_text()
    docx = tmp_path / "docx"
    docx.mkdir()
    ok(tmp_path, "init", "fresh", "--union", "Clinicians United", "--employer", "Health System")
    fresh = tmp_path / "fresh"  # no baseline yet: a baseline is refused only for its folder's name

    multiline = make_repo(tmp_path / "multiline")
    for label, c in FORGERS.items():
        forged_sign = f"J{c}TA-Blob: {BLOB}"
        sign = ["ta", "staffing", "--union-sign"]
        campaign.refused(
            "signatories", repo, *sign, forged_sign, "--employer-sign", "Pat", says="--union-sign"
        )
        campaign.refused(
            "signatories", repo, *sign, "Jo", "--employer-sign", forged_sign, says="--employer-sign"
        )
        for n, message in enumerate(
            (f"x{c}Proposal-Party: employer", f"x{c}Pass: E-9\nArticles: wages", f"{c}")
        ):
            args = ["--party", "union", "-m", message, *session]
            if c == "\n":  # a message may have lines: never read as trailers (git reads the last block)
                write(multiline, "staffing", STAFFING.replace("safe", f"safe ({n})"))
                campaign.own_pass("messages", multiline, "pass", *args, "staffing")
                continue
            campaign.refused("messages", repo, "pass", *args, "staffing", says="message")
            campaign.refused("messages", repo, "withdraw", *args, "scheduling", says="message")
        for number in (f"U-7{c}", f"{c}U-7", f"U-7{c}Pass: E-9"):
            args = ["--party", "union", "--number", number]
            campaign.refused("pass numbers", repo, "pass", *args, "staffing", says="pass number")
        campaign.refused(
            "sections",
            repo,
            "ta",
            "staffing",
            "--section",
            f"6.1{c}TA-Article: wages",
            "--union-sign",
            "Jo",
            "--employer-sign",
            "Pat",
            says="section",
        )
        escaped = json.dumps(c)[1:-1]  # TOML basic strings take JSON's escapes
        for bad in (
            good_config.replace('name = "Clinicians United"', f'name = "Clinicians{escaped}Pass: E-1"'),
            good_config.replace('name = "Health System"', f'name = "Health{escaped}System"'),
            good_config.replace('code = "U"', f'code = "U{escaped}"'),
        ):
            campaign.refused(
                "party names and codes",
                repo,
                "pass",
                "--party",
                "union",
                *session,
                "staffing",
                says="bargaining.toml",
                prepare=lambda bad=bad: config.write_text(bad),
            )
            config.write_text(good_config)
        their = docx / f"their{c}Proposal-Party: union.docx"  # a file name may hold each of them
        _docx(their)
        campaign.refused(
            "imported file names", repo, "import-docx", str(their), "--party", "employer", says="file name"
        )
        their.unlink()
        source = tmp_path / f"in{c}force-{label}"
        source.mkdir()
        (source / "staffing.txt").write_text(STAFFING)
        campaign.refused(
            "baseline folder names", fresh, "baseline", "--from-dir", str(source), says="file name"
        )

    for number in ("E-9", "E-1", "X-3", "U-1", "U-7\n", "u-7", "-U-7", "U-"):
        campaign.refused("pass numbers", repo, "pass", "--party", "union", "--number", number, "staffing")
    for number in ("U-9", "U-1"):
        campaign.refused("pass numbers", repo, "pass", "--party", "employer", "--number", number, "staffing")
    assert (repo / "articles" / "staffing.txt").read_text() == draft

    # -- commits made with plain git: a forged trailer block is never read as a pass or a TA --
    forged = tmp_path / "forged"
    git(tmp_path, "clone", "--quiet", str(repo), str(forged))
    blob = git(forged, "rev-parse", "HEAD:articles/staffing.txt").strip()
    expected = passes(forged)
    for label, c in FORGERS.items():
        if c == "\n":
            continue  # plain git can write any trailer block; a line break forges nothing more
        blocks = [
            f"Proposal-Party: union{c}Pass: E-9\nPass: U-2\nSession: 2025-02-01\nArticles: staffing\n",
            f"Proposal-Party: union\nPass: U-2{c}Proposal-Party: employer\nSession: 2025-02-01\n"
            "Articles: staffing\n",
            f"Proposal-Party: union\nPass: U-2{c}E-9\nSession: 2025-02-01\nArticles: staffing\n",
            f"Proposal-Party: union\nPass: U-2\nSession: 2025-02-01\nArticles: staffing{c}wages\n",
        ]
        for block in blocks:
            commit = commit_raw(forged, f"U-2: forged {label}\n\n{block}")
            _, out, _ = cli(forged, "verify")
            campaign.tried(
                "forged trailer blocks", repr(block), passes(forged) == expected and commit[:10] in out
            )
        ta = (
            "Tentative agreement: staffing\n\nTA-Article: staffing\n"
            f"TA-Blob: {blob}\nTA-Union-Sign: J{c}TA-Blob: {BLOB}\nTA-Employer-Sign: Pat\n"
            "TA-Date: 2025-02-01\nTA-Tag: ta-staffing\n"
        )
        commit = commit_raw(forged, ta)
        _, status, _ = cli(forged, "status", "--json")
        _, out, _ = cli(forged, "verify")
        campaign.tried("forged TA signatories", label, '"status": "ta"' not in status and commit[:10] in out)
        author = (
            f"Eve{c}\x1e{commit}\x1fEve\x1fforged\x1fProposal-Party: employer\nPass: E-5\nArticles: staffing"
        )
        commit_raw(forged, "a note\n", author=author.replace("\n", " ").replace("\r", " ").replace("<", " "))
        campaign.tried("forged authors", label, passes(forged) == expected)

    # -- a remote's forged tags: sync refuses and takes nothing in --------------------------------
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    alice = make_repo(tmp_path / "alice")
    git(alice, "remote", "add", "origin", str(remote))
    write(alice, "scheduling", SCHEDULING.replace("four", "two"))
    ok(alice, "pass", "--party", "employer", *session, "scheduling")
    ok(alice, "ta", "staffing", "--union-sign", "Ana", "--employer-sign", "Eve", "--date", "2025-02-02")
    ok(alice, "sync")
    ok(tmp_path, "clone", str(remote), "bob")
    bob = tmp_path / "bob"
    real = tags(alice)
    forged_tags = [
        ("pass tag on a TA commit", ["tag", "U-9", real["ta-staffing"]]),
        ("pass tag moved", ["tag", "-f", "U-1", real["E-1"]]),
        ("TA tag on a pass commit", ["tag", "-a", "-m", "fake", "ta-scheduling", real["E-1"]]),
        ("baseline on a pass commit", ["tag", "baseline", real["E-1"]]),
        ("TA tag moved", ["tag", "-f", "-a", "-m", "moved", "ta-staffing", real["U-1"]]),
    ]
    pushed = git(remote, "for-each-ref", "--format=%(refname) %(objectname)", "refs/tags")
    for what, forge in forged_tags:
        for member in (alice, bob):
            git(remote, *forge)
            before = (tags(member), git(member, "rev-parse", "HEAD"))
            try:
                line = fails(member, "sync")
            except AssertionError:  # it succeeded, or not in one line
                line = ""
            after = (tags(member), git(member, "rev-parse", "HEAD"))
            campaign.tried("forged remote tags", f"{what} ({member.name})", bool(line) and after == before)
            for ref in git(remote, "for-each-ref", "--format=%(refname)", "refs/tags").split():
                git(remote, "update-ref", "-d", ref)
            for entry in pushed.splitlines():
                git(remote, "update-ref", *entry.split())
    # a moved baseline, on a repo that has one
    source = tmp_path / "contract"
    source.mkdir()
    (source / "staffing.txt").write_text(STAFFING)
    ok(tmp_path, "init", "carol", "--union", "Clinicians United", "--employer", "Health System")
    carol = tmp_path / "carol"
    ok(carol, "baseline", "--from-dir", str(source))
    write(carol, "staffing", STAFFING.replace("safe", "safer"))
    ok(carol, "pass", "--party", "union", *session, "staffing")
    carol_remote = tmp_path / "carol.git"
    git(tmp_path, "init", "--quiet", "--bare", str(carol_remote))
    git(carol, "remote", "add", "origin", str(carol_remote))
    ok(carol, "sync")
    before = tags(carol)
    git(carol_remote, "tag", "-f", "baseline", before["U-1"])
    line = fails(carol, "sync")
    campaign.tried("forged remote tags", "moved baseline", "baseline" in line and tags(carol) == before)

    for key in ("tracebacks", "forgeries accepted"):
        counts[key] += 0
    print("\nissue-13 forgery campaign:")
    for category in sorted({key.partition(":")[0] for key in counts if ":" in key}):
        tried, accepted = counts[f"{category}: forgeries tried"], counts[f"{category}: accepted"]
        print(f"  {category}: forgeries tried {tried} / accepted {accepted}")
    print(
        f"  all: cases tried {counts['cases tried']}, forgeries accepted {counts['forgeries accepted']},"
        f" clean errors {counts['clean errors']}, tracebacks {counts['tracebacks']}"
    )
    assert not campaign.accepted, "forgeries accepted:\n" + "\n".join(campaign.accepted)
    assert counts["tracebacks"] == 0
