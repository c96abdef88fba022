"""Our own export saved as PDF by LibreOffice: a two-line running header in a smaller size
("Employer — Proposal E-1 — Session ..." / "PROPOSAL — NOT A TENTATIVE AGREEMENT") over 11-point
text, drawn in place at the top of each page.

Reading font sizes must not part the header's two lines (then only the first is at the page's
edge, the second is read as text between two pages and cuts the clause running over them: one
trial did, recovering 2,493 of the benchmark's 2,717 paragraphs instead of 2,651). No line of
the header is in a part, and every paragraph comes back exactly: the room a wrapped word needed
at a line's end is measured in letters, a space counted as half of one (before: in characters,
spaces and all, so "meeting" seemed to fit after "... impact the any with" at a page's foot,
and two of these 147 paragraphs were cut there; 2,692 of the benchmark's 2,717 now).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from corpus_contract import clean_docx, contract
from corpus_docs import convert, soffice

from proposals.negotiation.baseline import read_contract

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return contract(random.Random(7))[:4]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory, articles: list[str]) -> Path:
    out = tmp_path_factory.mktemp("running_header")
    source = clean_docx(articles, out / "proposal.docx")
    return convert([source], "pdf", out)[0]


def test_the_header_is_dropped_and_every_clause_comes_back(pdf: Path, articles: list[str]) -> None:
    reading = read_contract(pdf, "pdf")
    assert len(reading.parts) == len(articles)
    for part in reading.parts:
        assert "TENTATIVE AGREEMENT" not in part.text and "Proposal E-1" not in part.text
    assert sum("NOT A TENTATIVE AGREEMENT" in s.text for s in reading.skipped) > 1
    got = [line for part in reading.parts for line in part.text.split("\n") if line.strip()]
    want = [line for text in articles for line in text.split("\n") if line.strip()]
    assert got == want
