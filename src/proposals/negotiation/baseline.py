"""Importing the contract in force as the baseline every proposal is redlined against."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from proposals.contract.part import decode_article, normalise_text, parse_heading, validate_id
from proposals.errors import ProposalsError
from proposals.negotiation.history import BASELINE_TAG, T_BASELINE
from proposals.negotiation.repo import BargainingRepo, exclusive
from proposals.store.validate import check_text


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


@exclusive
def import_baseline(repo: BargainingRepo, texts: Mapping[str, str], source: str) -> str:
    """Commit the contract in force and tag it `baseline`; refuses to overwrite anything."""
    name = check_text(Path(source).name, "the baseline's file name", fix="rename the file without it")
    repo.ensure_can_record()
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
    for article_id, text in texts.items():
        repo.write_draft(article_id, text)
    paths = [repo.article_relpath(i) for i in texts]
    message = (
        f"Baseline: the contract in force ({len(texts)} articles)\n\n"
        f"Imported from {name}.\n\n{T_BASELINE}: imported\n"
    )
    commit = repo.store.commit(message, paths)
    repo.store.tag(BASELINE_TAG, commit, f"The contract in force, imported from {name}\n")
    repo.invalidate()
    return commit
