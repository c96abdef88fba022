"""Importing the contract in force as the baseline every proposal is redlined against."""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from proposals.contract.headings import Style, style_candidates, titles_over_clauses
from proposals.contract.part import (
    MAX_ARTICLE_BYTES,
    blob_hash,
    decode_article,
    normalise_text,
    parse_heading,
    removed_note,
    validate_id,
)
from proposals.contract.plaintext import MAX_CONTRACT_BYTES
from proposals.contract.split import (
    Line,
    Part,
    Skipped,
    Split,
    book_start,
    books,
    duplicate_numbers,
    left_out_note,
    part_ids,
    repeated_version,
    split_parts,
    where_twice,
)
from proposals.errors import ProposalsError
from proposals.files import input_size, write_file
from proposals.negotiation.config import CONFIG_NAME, ArticleMeta, dump_config, load_config
from proposals.negotiation.drafts import atomic_write
from proposals.negotiation.history import BASELINE_TAG, T_BASELINE
from proposals.negotiation.recovery import BASELINE_JOURNAL
from proposals.negotiation.repo import BargainingRepo, recorder
from proposals.store.git import SHA_HEX
from proposals.store.validate import check_text

Form = Literal["dir", "docx", "pdf", "text"]
# How ``baseline --as`` reads part headings: a style of numbered heading, or "titled" (part
# titles with no number, each numbered from its clauses: ``split.number_titles``).
ReadAs = Style | Literal["titled"]


@dataclass
class ContractReading:
    """A contract read from a file or folder, checked and ready to import: its parts in contract
    order with their ids, every line left out and why, and notes on what the reader guessed."""

    source: str
    parts: list[Part]
    ids: list[str]
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def texts(self) -> dict[str, str]:
        return {i: normalise_text(p.text) for i, p in zip(self.ids, self.parts, strict=True)}

    @property
    def kinds(self) -> dict[str, str]:
        """Each part's kind, for bargaining.toml."""
        return {i: p.kind for i, p in zip(self.ids, self.parts, strict=True)}

    @property
    def divisions(self) -> dict[str, str]:
        """The division each part stands under ("PART A - GENERAL"), for bargaining.toml; only
        parts that have one."""
        return {i: p.division for i, p in zip(self.ids, self.parts, strict=True) if p.division}


def contract_form(source: str | Path) -> Form:
    """What `source` is, for a front end with one path field (the TUI): a folder of part files,
    a .docx (or LibreOffice's .odt or .fodt, read by the same path), a PDF or one text file; anything
    else is a one-line refusal."""
    path = Path(source)
    if path.is_dir():
        return "dir"
    if not path.is_file():
        raise ProposalsError(f"no such file or folder: {path}")
    forms: dict[str, Form] = {".docx": "docx", ".odt": "docx", ".fodt": "docx", ".pdf": "pdf", ".txt": "text"}
    form = forms.get(path.suffix.lower())
    if form is None:
        raise ProposalsError(
            f"{path.name} is not a .docx, an .odt, a PDF, a .txt file or a folder of part files"
        )
    return form


def read_contract(
    source: str | Path, form: Form, style: ReadAs | None = None, agreement: int | None = None
) -> ContractReading:
    """Read the contract in force from a folder of part files, a .docx, a PDF or one text file.

    ``style``: which heading starts a numbered part (ARTICLE, CLAUSE, SECTION, "1. TITLE"), or
    "titled" (a title with no number over clauses 1.01..., numbered from them); None picks it
    from the text. Everything is read and checked before anything is written: no headings at
    all (and what was found instead), the same number twice, a part over the size limit, an id
    that is not a slug are each a one-line error.

    ``agreement`` (``baseline --agreement N``): a file that is a book of agreements, each
    numbering its articles from 1 again (one per bargaining unit), is read as agreement N alone,
    from its front matter to the next one's (:func:`agreement_lines`); without it such a file
    is refused naming each agreement.
    """
    path = Path(source)
    if agreement is not None and form == "dir":
        raise ProposalsError(
            "--agreement picks one agreement of a book read from one file (--from-docx, --from-pdf, "
            "--from-text), not from a folder of parts"
        )
    skipped: list[Skipped] = []
    notes: list[str] = []
    if form == "dir":
        texts = read_text_dir(path)
        skipped = [
            Skipped(entry.name, "not a part file (<id>.txt)")
            for entry in sorted(path.iterdir())
            if entry.suffix != ".txt" or not entry.is_file()
        ]
        parts = []
        for text in texts.values():
            heading = parse_heading(text)
            assert heading.kind is not None  # read_text_dir refused it otherwise
            parts.append(Part(heading.kind, heading.number, heading.title, text))
        reading = ContractReading(str(path), parts, list(texts), skipped)
    else:
        footnotes = None
        if form == "docx":
            from proposals.word.reader import read_docx_lines

            lines, notes, footnotes = read_docx_lines(path)
        else:
            if form == "pdf":
                from proposals.contract.pdf import read_pdf

                pdf = read_pdf(path)
                unwrapped = pdf.unwrapped
                notes.append(f"{pdf.pages} pages")
            else:
                from proposals.contract.plaintext import read_text_contract

                unwrapped = read_text_contract(read_whole_file(path), str(path))
            lines, skipped = unwrapped.lines, list(unwrapped.skipped)
            notes.extend(unwrapped.notes())
        titled = style == "titled"
        split = split_parts(
            lines, front_as_preamble=True, style="article" if titled else style, titled=titled
        )
        if agreement is not None:  # the whole file read once to find its agreements, then one
            lines, said = agreement_lines(path, lines, split, agreement)
            notes.extend(said)
            split = split_parts(
                lines, front_as_preamble=True, style="article" if titled else style, titled=titled
            )
        if footnotes is not None:  # each footnote into the part that refers to it (ARCHITECTURE.md)
            split, lines = footnotes.place_split(split), footnotes.place_lines(lines)
        skipped.extend(split.skipped)
        notes.extend(split.notes)
        left_out = left_out_note(split.skipped)  # counted, never silent
        if left_out:
            notes.append(left_out)
        if not any(p.kind != "preamble" for p in split.parts):
            raise ProposalsError(no_headings_message(path, [line.text for line in lines], split.style))
        if style not in (None, "titled") and not any(p.kind == "article" for p in split.parts):
            notes.append(f"--as {style}: no {_STYLE_WORDS[style]} headings found, so no numbered parts")
        if style is None and not any(p.kind == "article" for p in split.parts):
            titles = titles_over_clauses([line.text for line in lines])
            if len(titles) >= 2:  # the articles went into the preamble: said, with the option
                first = " ".join(lines[next(iter(titles))].text.split())[:40]
                notes.append(
                    f"no article headings, but {len(titles)} lines look like part titles with no number, "
                    f"each over its clauses ({first!r} over {titles[next(iter(titles))]}.x): "
                    "try --as titled to read each as an article"
                )
        if split.style != "article" and any(p.kind == "article" for p in split.parts):
            notes.append(f"numbered parts start at {_STYLE_WORDS[split.style]} headings (--as {split.style})")
        reading = ContractReading(str(path), split.parts, part_ids(split.parts), skipped, notes)
    twice = duplicate_numbers(reading.parts)
    if twice:
        again = (
            "; the parts run twice in the same order (a second language version after the first?): "
            "import one version, the other deleted from a copy"
            if repeated_version(reading.parts)
            else ""
        )
        found = books(reading.parts) if not again and agreement is None else []
        if found:
            raise ProposalsError(books_message(path, reading.parts, found))
        where = "" if again else f"; {where_twice(reading.parts)}: correct one heading in a copy, import that"
        raise ProposalsError(f"{path}: the same number is used twice: {', '.join(twice)}{again}{where}")
    for part_id, part in zip(reading.ids, reading.parts, strict=True):
        validate_id(part_id)
        check_part_size(str(path), part.text)
        note = removed_note(part.text, part_id)  # dropped as the part is stored: said, not silent
        if note:
            reading.notes.append(note)
    return reading


def _book_titles(parts: list[Part]) -> str:
    """One agreement of a book in a few words: its first and last articles' titles and what it
    holds ("'RECOGNITION' ... 'DURATION' (31 articles, 2 appendices)")."""
    articles = [p for p in parts if p.kind == "article"]
    first, last = (" ".join((p.title or p.heading).split())[:30] for p in (articles[0], articles[-1]))
    others = Counter(p.kind for p in parts if p.kind not in ("article", "preamble"))
    plural = {"appendix": "appendices"}
    held = ", ".join(
        [f"{len(articles)} articles"]
        + [f"{n} {plural.get(kind, kind + 's') if n != 1 else kind}" for kind, n in sorted(others.items())]
    )
    return f"{first!r} ... {last!r} ({held})"


def books_message(path: Path, parts: list[Part], found: list[int]) -> str:
    """The refusal of a book of agreements, in one line: each agreement by its first and last
    article, and the option that imports one."""
    bounds = [*found, len(parts)]
    listed = ", ".join(
        f"{n}) {_book_titles(parts[bounds[n - 1] : bounds[n]])}" for n in range(1, len(found) + 1)
    )
    first = next(p.number for p in parts[found[1] :] if p.kind == "article")  # 1, I or ONE
    return (
        f"{path} holds {len(found)} agreements, each numbering its articles from {first} (the same numbers "
        f"used again): {listed}; import one with --agreement N (1 to {len(found)})"
    )


def agreement_lines(
    path: Path, lines: list[Line], split: Split, agreement: int
) -> tuple[list[Line], list[str]]:
    """The lines of agreement ``agreement`` (from 1) of a book of agreements, with notes saying
    which lines those are and how many of the others were left out. Agreement 1 starts at the
    file's start; each later one at its own front matter when it has some
    (:func:`proposals.contract.split.book_start`), else at its first article's heading; each
    ends where the next starts."""
    found = books(split.parts)
    if not found:
        raise ProposalsError(
            f"--agreement {agreement}: {path} holds one agreement (no article numbering that starts again): "
            "import it without --agreement"
        )
    if not 1 <= agreement <= len(found):
        raise ProposalsError(
            f"--agreement {agreement}: {path} holds {len(found)} agreements; choose 1 to {len(found)}"
        )
    starts = [0]
    headings = [0]
    for n in range(1, len(found)):
        part = split.parts[found[n]]
        heading = split.starts[found[n]]
        if heading < 0:
            raise ProposalsError(
                f"--agreement {agreement}: could not tell on which line agreement {n + 1} "
                f"({part.heading[:40]!r}) starts: cut the file in a copy and import that"
            )
        before = [split.starts[i] for i in range(found[n - 1], found[n]) if split.starts[i] >= starts[-1]]
        starts.append(book_start(lines, heading, max(before, default=starts[-1])))
        headings.append(heading)
    starts.append(len(lines))
    begin, end = starts[agreement - 1], starts[agreement]
    kept = lines[begin:end]
    others = sum(1 for line in lines[:begin] + lines[end:] if line.text.strip())
    opening = next((" ".join(line.text.split())[:40] for line in kept if line.text.strip()), "")
    notes = [
        f"agreement {agreement} of {len(found)} imported: lines {begin + 1} to {end} of {len(lines)}, "
        f"from {opening!r}; {others} lines of the other agreements left out"
    ]
    if agreement > 1:
        moved = sum(1 for line in lines[begin : headings[agreement - 1]] if line.text.strip())
        notes.append(
            f"agreement {agreement} starts at its own front matter ({moved} lines before its first article, "
            f"from {opening!r}); the lines before that are agreement {agreement - 1}'s"
            if moved
            else f"agreement {agreement} has no front matter found before its first article: it starts there"
        )
    return kept, notes


def check_part_size(where: str, text: str) -> None:
    """A part read from a contract or their pass within the size of an article file, or one line
    naming it and its size (never shown as the limit itself: 5.0004 MB reads '5.001 MB')."""
    size = len(text.encode("utf-8"))
    if size <= MAX_ARTICLE_BYTES:
        return
    limit = MAX_ARTICLE_BYTES // 2**20
    shown = f"{size / 2**20:.1f}"
    if float(shown) <= limit:
        shown = f"{size / 2**20:.3f}"
    heading = text.split("\n", 1)[0][:60]
    raise ProposalsError(f"{where}: {heading!r} is {shown} MB; parts are limited to {limit} MB")


_STYLE_WORDS = {"article": "ARTICLE", "clause": "CLAUSE", "section": "SECTION", "numbered": "'1. TITLE'"}


def no_headings_message(path: Path, texts: list[str], style: Style, *, option: str = "try --as") -> str:
    """What a contract with no part heading holds instead, in one line: how many paragraphs,
    how its first lines read, and ``--as`` when a line reads as a heading in another style
    (``option``: what to try then; empty for a command without ``--as``)."""
    paragraphs = [" ".join(t.split()) for t in texts if t.strip()]
    if not paragraphs:
        return f"{path}: no part headings found: the file holds no text at all"
    first = ", ".join(repr(p[:50]) for p in paragraphs[:3])
    message = (
        f"{path}: no part headings found: read {len(paragraphs)} paragraph"
        f"{'s' if len(paragraphs) != 1 else ''}; the first lines look like {first}; a part starts "
        "with a heading like 'ARTICLE 6: STAFFING', 'CLAUSE 6 - STAFFING', 'SECTION 6 STAFFING', "
        "'6. STAFFING' or 'APPENDIX A'"
    )
    candidates = style_candidates(texts)
    for other in ("clause", "section", "numbered", "article"):
        if other != style and candidates[other]:  # type: ignore[index]
            found = candidates[other]  # type: ignore[index]
            hint = f": {option} {other}" if option else ""
            return (
                f"{message}; {len(found)} line{'s' if len(found) != 1 else ''} read as "
                f"{_STYLE_WORDS[other]} headings ({found[0][:40]!r}){hint}"
            )
    titles = titles_over_clauses(texts)
    if len(titles) >= 2:  # "RECOGNITION" over "1.01 ...": the parts are there, unnumbered
        index, number = next(iter(titles.items()))
        title = " ".join(texts[index].split())[:40]
        hint = (
            f": {option} titled (each read as the article its clauses number: 'ARTICLE {number}: {title}')"
            if option
            else f": number each heading in a copy ('ARTICLE {number} - {title}') and read that"
        )
        return (
            f"{message}; {len(titles)} lines look like part titles with no number, each over its clauses "
            f"({title!r} over {number}.x){hint}"
        )
    return message


def read_whole_file(path: Path) -> bytes:
    """A whole-contract file's bytes, refusing what is not a regular file before reading."""
    input_size(path, "a whole contract", MAX_CONTRACT_BYTES)
    with path.open("rb") as handle:
        return handle.read(MAX_CONTRACT_BYTES + 1)


def read_text_dir(directory: Path) -> dict[str, str]:
    """Article texts from a folder of <id>.txt files, each checked like any article."""
    if not directory.is_dir():
        raise ProposalsError(f"{directory} is not a directory")
    texts: dict[str, str] = {}
    for path in sorted(directory.glob("*.txt")):
        article_id = validate_id(path.stem)
        texts[article_id] = normalise_text(decode_article(path.read_bytes(), str(path)))
        if parse_heading(texts[article_id]).kind is None:
            raise ProposalsError(
                f"{path}: the first line must be a heading like 'ARTICLE 6: STAFFING', 'PREAMBLE' "
                "or 'APPENDIX A'"
            )
    if not texts:
        raise ProposalsError(f"{directory} holds no .txt articles")
    return texts


def check_can_import(repo: BargainingRepo, texts: Mapping[str, str]) -> None:
    """The refusals of :func:`import_baseline` that depend on the repo, so ``--dry-run`` says
    what the import would say: a baseline already there, passes already recorded, a part id
    whose file exists with other text (our own draft)."""
    if repo.store.rev_parse(f"refs/tags/{BASELINE_TAG}") is not None:
        raise ProposalsError("this negotiation already has a baseline")
    if repo.history().passes:
        raise ProposalsError("passes are already recorded; the baseline must come first")
    for article_id, text in texts.items():
        current = repo.read_draft(article_id)
        if current is not None and normalise_text(current) != text:
            raise ProposalsError(
                f"articles/{article_id}.txt already exists with other text; move it away first"
            )


@recorder
def import_baseline(
    repo: BargainingRepo,
    texts: Mapping[str, str],
    source: str,
    kinds: Mapping[str, str] | None = None,
    divisions: Mapping[str, str] | None = None,
) -> str:
    """Commit the contract in force and tag it `baseline`; refuses to overwrite anything.

    ``kinds`` (id → preamble, article, appendix, letter) go into bargaining.toml in the same
    commit, so a part's kind is recorded once and never guessed again from its heading; so do
    ``divisions`` (id → "PART A - GENERAL"), the division heading each part stands under.

    All or nothing, even under SIGKILL: the blobs (one git), the tree, the commit and the tag are
    objects only, until one ref transaction moves the branch and creates the tag; only then are
    the index and the files written, named first in a journal the next recording command finishes
    (:func:`finish_baseline`). A kill before the refs move leaves everything as it was.
    """
    name = check_text(Path(source).name, "the baseline's file name", fix="rename the file without it")
    repo.ensure_can_record()
    check_can_import(repo, texts)
    store = repo.store
    head = store.head()
    if head is None:
        raise ProposalsError("this repository has no commit yet; create it with proposals init")
    branch = f"refs/heads/{store.current_branch()}"  # ensure_can_record refused a detached HEAD
    ids = list(texts)
    datas = [normalise_text(texts[i]).encode("utf-8") for i in ids]
    config_text = None
    if kinds or divisions:
        from dataclasses import replace

        config = repo.config
        metas = dict(config.articles)
        for article_id, kind in (kinds or {}).items():
            metas[article_id] = replace(config.meta(article_id), kind=kind)
        for article_id, division in (divisions or {}).items():
            division = check_text(" ".join(division.split()), "a division heading", max_length=300)
            metas[article_id] = replace(metas.get(article_id, ArticleMeta()), division=division)
        config_text = dump_config(replace(config, articles=metas))
        datas.append(config_text.encode("utf-8"))
    blob_ids = store.hash_objects(datas)
    blobs = {repo.article_relpath(i): b for i, b in zip(ids, blob_ids, strict=False)}
    if config_text is not None:
        blobs[CONFIG_NAME] = blob_ids[-1]
    message = (
        f"Baseline: the contract in force ({len(texts)} parts)\n\n"
        f"Imported from {name}.\n\n{T_BASELINE}: imported\n"
    )
    commit = store.commit_tree(store.tree_with(head, blobs), message, [head])
    tag = store.tag_object(BASELINE_TAG, commit, f"The contract in force, imported from {name}\n")
    refs = [f"update {branch} {commit} {head}", f"create refs/tags/{BASELINE_TAG} {tag}"]
    undo = [f"update {branch} {head} {commit}", f"delete refs/tags/{BASELINE_TAG} {tag}"]
    files = {i: normalise_text(texts[i]) for i in ids if not repo.article_path(i).exists()}
    _record_then_write(repo, refs, undo, commit, blobs, files, config_text)
    repo.invalidate()
    if config_text is not None:
        repo.config = load_config(repo.root)
    return commit


_INDEX_PATH = re.compile(r"articles/[a-z0-9][a-z0-9_-]{0,63}\.txt|" + re.escape(CONFIG_NAME))


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _record_then_write(
    repo: BargainingRepo,
    refs: list[str],
    undo: list[str],
    commit: str,
    blobs: Mapping[str, str],
    files: Mapping[str, str],
    config_text: str | None,
) -> None:
    """Move the refs in one transaction, then bring the index and the files (`files`: the parts
    not yet in the working tree; the others already hold the same text) up to `commit`. The
    journal names them first, so a kill after the refs moved is finished by the next recording
    command; a failure while writing moves the refs back and takes away what was written."""
    journal = repo.git_dir / BASELINE_JOURNAL
    config_path = repo.root / CONFIG_NAME
    config_before = _read_bytes(config_path)
    index = _read_bytes(repo.git_dir / "index")
    entry = {
        "commit": commit,
        "index": dict(blobs),
        "files": dict(files),
        "config": config_text,
        "config_before": blob_hash(config_before or b""),
    }
    atomic_write(journal, json.dumps(entry))  # flushed: it outlives a power cut, and rebuilds the rest
    try:
        repo.store.update_refs(refs)
    except BaseException:
        with contextlib.suppress(OSError):
            journal.unlink()
        raise
    try:
        _write_out(repo, blobs, files, config_text)
    except Exception:
        with contextlib.suppress(Exception):
            repo.store.update_refs(undo)
        with contextlib.suppress(OSError):
            if index is not None:
                atomic_write(repo.git_dir / "index", index)
        for article_id, text in files.items():
            with contextlib.suppress(OSError):
                path = repo.article_path(article_id)
                if _read_bytes(path) == text.encode("utf-8"):
                    path.unlink()
        with contextlib.suppress(OSError):
            if config_before is not None and config_text is not None:
                atomic_write(config_path, config_before)
        with contextlib.suppress(OSError):
            journal.unlink()
        repo.invalidate()
        raise
    with contextlib.suppress(OSError):
        journal.unlink()


def _write_out(
    repo: BargainingRepo, blobs: Mapping[str, str], files: Mapping[str, str], config_text: str | None
) -> None:
    """The index entries of the baseline, then its files, without a flush to disk each (8.7 s of
    a 2,000-part import): the commit is the durable record, and one sync at the end makes them
    durable before the journal that could rebuild them goes."""
    repo.store.set_index_entries(blobs)
    for article_id, text in files.items():
        write_file(repo.article_path(article_id), text, sync=False)
    if config_text is not None:
        write_file(repo.root / CONFIG_NAME, config_text, sync=False)
    os.sync()


def finish_baseline(repo: BargainingRepo) -> list[str]:
    """Finish a baseline killed after its refs moved and before its files were all written: the
    index entries, each part file still missing, and bargaining.toml unless edited since. A
    journal whose commit never became HEAD (killed before the refs moved) is dropped: nothing had
    changed."""
    journal = repo.git_dir / BASELINE_JOURNAL
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        commit = str(data["commit"])
        blobs = {str(k): str(v) for k, v in dict(data["index"]).items()}
        files = {validate_id(str(k)): str(v) for k, v in dict(data["files"]).items()}
        config_text = data.get("config")
        config_before = str(data["config_before"])
        if not all(_INDEX_PATH.fullmatch(k) and SHA_HEX.fullmatch(v) for k, v in blobs.items()):
            raise ValueError("a journal entry that is not a part file or the settings")
        if config_text is not None and not isinstance(config_text, str):
            raise ValueError("settings that are not text")
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError, OSError, ProposalsError):
        with contextlib.suppress(OSError):
            journal.unlink()
        return []
    done: list[str] = []
    if repo.store.head() == commit:
        missing = {i: t for i, t in files.items() if not repo.article_path(i).exists()}
        settings = _read_bytes(repo.root / CONFIG_NAME) or b""
        config = config_text if blob_hash(settings) == config_before else None
        _write_out(repo, blobs, missing, config)
        done = [f"Finished the baseline that was interrupted: wrote {len(missing)} part files"]
        repo.invalidate()
        if config is not None:
            repo.config = load_config(repo.root)
    with contextlib.suppress(OSError):
        journal.unlink()
    return done
