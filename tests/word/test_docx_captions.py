"""Section captions ("6.1 Purpose.") are bold in every mode, also in text a pass inserted or
deleted (issue 12: a history from a first proposal showed every caption plain)."""

from __future__ import annotations

from pathlib import Path

from docx_checks import W, document_root
from docx_samples import engine_diff

from proposals.word.history import Layer, export_history
from proposals.word.proposal import ArticleChange, export_proposal
from proposals.word.reader import read_paragraphs

OLD = "ARTICLE 6: STAFFING\n\n6.1 Purpose. The parties agree.\n\n6.2 Ratios. One to one.\n"
NEW = (
    "ARTICLE 6: STAFFING\n\n6.1 Purpose. The parties agree.\n\n6.3 Interpreter Services. Provided.\n"
    "\n6.4 Panel Size Limits. Limited.\n"
)


def _bold_texts(path: Path) -> dict[str, set[str]]:
    """Text of each bold run by where it is: ``ins``, ``del`` or ``plain``."""
    out: dict[str, set[str]] = {"ins": set(), "del": set(), "plain": set()}
    for r in document_root(path).iter(f"{{{W}}}r"):
        if r.find(f"{{{W}}}rPr/{{{W}}}b") is None:
            continue
        parent = r.getparent().tag.split("}")[1]
        where = {"ins": "ins", "moveTo": "ins", "del": "del", "moveFrom": "del"}.get(parent, "plain")
        out[where].add("".join(t.text or "" for t in r.iter(f"{{{W}}}t", f"{{{W}}}delText")))
    return out


def test_captions_in_a_history_are_bold(tmp_path: Path) -> None:
    new_part = [
        Layer("nothing", "(a new part)", "", ""),
        Layer("U-1", "Union", "2024-02-20", OLD),
        Layer("E-1", "Employer", "2024-03-19", NEW),
    ]
    out = tmp_path / "new-part.docx"
    export_history(new_part, out, team="Union")
    assert {"6.1 Purpose.", "6.3 Interpreter Services.", "6.4 Panel Size Limits."} <= _bold_texts(out)["ins"]
    assert read_paragraphs(out, "accepted")[: len(NEW.splitlines())] == NEW.rstrip("\n").split("\n")
    from_baseline = [
        Layer("baseline", "agreement in force", "", OLD),
        Layer("U-1", "Union", "2024-02-20", NEW),
    ]
    out = tmp_path / "from-baseline.docx"
    export_history(from_baseline, out, team="Union")
    bold = _bold_texts(out)
    assert {"6.3 Interpreter Services.", "6.4 Panel Size Limits."} <= bold["ins"]
    assert any(t.startswith("6.2") for t in bold["del"]) and "6.1 Purpose." in bold["plain"], bold
    assert read_paragraphs(out, "rejected")[: len(OLD.splitlines())] == OLD.rstrip("\n").split("\n")


def test_captions_of_inserted_and_deleted_sections_are_bold(tmp_path: Path) -> None:
    for mode in ("tracked", "redline"):
        out = tmp_path / f"{mode}.docx"
        export_proposal(
            [ArticleChange(OLD, NEW)], out, mode=mode, party="Union", pass_name="U-2",  # type: ignore[arg-type]
            session="2024-04-23", diff=engine_diff,
        )  # fmt: skip
        root = document_root(out)
        bold = {
            "".join(t.text or "" for t in r.iter(f"{{{W}}}t", f"{{{W}}}delText"))
            for r in root.iter(f"{{{W}}}r")
            if r.find(f"{{{W}}}rPr/{{{W}}}b") is not None
        }
        assert {"6.1 Purpose.", "6.3 Interpreter Services.", "6.4 Panel Size Limits."} <= bold, mode
        assert any(t.startswith("6.2") for t in bold), (mode, bold)
        assert read_paragraphs(out, "accepted")[: len(NEW.splitlines())] == NEW.rstrip("\n").split("\n")
        assert read_paragraphs(out, "rejected")[: len(OLD.splitlines())] == OLD.rstrip("\n").split("\n")
