"""Labels that are true (issue 12): every header, title and revision names the pass that wrote
the text and that pass's session, through the real CLI on the demo negotiation."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from conftest import CLI
from docx_checks import NS, W, document_root, schema_problems

from proposals.word.reader import read_paragraphs


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[CLI, Path]:
    where = tmp_path_factory.mktemp("labels")
    cli = CLI(where)
    cli("demo", "demo")
    return cli, where / "demo"


def _header(path: Path) -> str:
    return " | ".join(p.text for p in docx.Document(str(path)).sections[0].header.paragraphs)


def _revision_labels(path: Path) -> set[tuple[str, str]]:
    root = document_root(path)
    return {
        (el.get(f"{{{W}}}author"), el.get(f"{{{W}}}date")[:10])
        for tag in ("ins", "del", "moveFrom", "moveTo")
        for el in root.iter(f"{{{W}}}{tag}")
    }


def test_articles_the_pass_did_not_touch_say_whose_text_they_are(
    demo: tuple[CLI, Path], tmp_path: Path
) -> None:
    cli, repo = demo
    out = tmp_path / "u7.docx"
    said = cli("-C", str(repo), "export", "staffing", "wages", "--to", "U-7", "--mode", "tracked",
               "-o", str(out)).out  # fmt: skip
    header = _header(out)
    assert "staffing: text of U-5, 2024-06-25, unchanged in U-7" in header, header
    assert "wages: text of U-6, 2024-08-13, unchanged in U-7" in header
    assert "text of U-5" in said
    # each article's revisions are dated by the session of the pass that made them
    dates = {d for _, d in _revision_labels(out)}
    assert dates == {"2024-06-25", "2024-08-13"}, dates
    assert schema_problems(document_root(out)) == []


def test_one_pass_behind_every_text_is_the_one_named(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "staffing.docx"
    cli("-C", str(repo), "export", "staffing", "--to", "U-7", "--mode", "tracked", "-o", str(out))
    header = _header(out)
    assert "Proposal U-5 \u2014 Session 2024-06-25" in header and "unchanged in U-7" in header
    assert "2024-08-13" not in header.split("|")[0]
    assert {d for _, d in _revision_labels(out)} == {"2024-06-25"}
    props = docx.Document(str(out)).core_properties
    assert "U-5" in props.title and "against E-3" in props.title, props.title


def test_the_default_comparison_is_what_the_pass_answered(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    """U-5's staffing answered E-3, not the employer's later E-7: the redline is U-5's own change."""
    cli, repo = demo
    out = tmp_path / "u5.docx"
    cli("-C", str(repo), "export", "staffing", "--to", "U-5", "--mode", "tracked", "-o", str(out))
    e3 = cli("-C", str(repo), "show", "staffing", "--at", "E-3").out
    u5 = cli("-C", str(repo), "show", "staffing", "--at", "U-5").out
    assert "\n".join(read_paragraphs(out, "rejected")).rstrip("\n") == e3.rstrip("\n")
    assert "\n".join(read_paragraphs(out, "accepted")).rstrip("\n") == u5.rstrip("\n")
    assert {a for a, _ in _revision_labels(out)} == {"Northstar Clinicians United"}


def test_a_new_article_against_a_pass_without_it_is_wholly_inserted(
    cli: CLI, negotiation: Path, tmp_path: Path
) -> None:
    text = "ARTICLE 20: ESSENTIAL WORKER PAY\n\n20.1 Premium. Clinicians shall receive a premium.\n"
    (negotiation / "articles" / "essential-worker-pay.txt").write_text(text)
    cli("-C", str(negotiation), "pass", "--party", "union", "--session", "2024-03-19", "essential-worker-pay")
    out = tmp_path / "new.docx"
    cli("-C", str(negotiation), "export", "essential-worker-pay", "--from", "E-1", "--to", "U-2", "--mode",
        "tracked", "-o", str(out))  # fmt: skip
    assert read_paragraphs(out, "rejected") in ([], [""])
    assert "\n".join(read_paragraphs(out, "accepted")).rstrip("\n") == text.rstrip("\n")
    assert document_root(out).find(".//w:del", NS) is None
    # without --from: nobody answered, there is no baseline: wholly new as well
    cli("-C", str(negotiation), "export", "essential-worker-pay", "--to", "U-2", "--mode", "tracked",
        "-o", str(out))  # fmt: skip
    assert read_paragraphs(out, "rejected") in ([], [""])


def test_a_withdrawn_article_shows_wholly_deleted_with_a_note(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "parking.docx"
    said = cli("-C", str(repo), "export", "parking", "--to", "U-7", "--mode", "tracked", "-o", str(out)).out
    assert "withdrawn in U-7" in said and "withdrawn in U-7" in _header(out)
    assert read_paragraphs(out, "accepted") in ([], [""])
    assert "PARKING" in read_paragraphs(out, "rejected")[0]


def test_a_draft_is_labelled_with_the_pass_it_will_be(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    staffing = repo / "articles" / "staffing.txt"
    before = staffing.read_text()
    staffing.write_text(before.replace("ARTICLE 6: STAFFING", "ARTICLE 6: STAFFING LEVELS", 1))
    try:
        out = tmp_path / "draft.docx"
        cli("-C", str(repo), "export", "staffing", "--as", "U-14", "--session", "2025-07-01", "--mode",
            "tracked", "-o", str(out))  # fmt: skip
        assert "Proposal U-14 \u2014 Session 2025-07-01" in _header(out)
        assert _revision_labels(out) == {("Northstar Clinicians United", "2025-07-01")}
        # the retitled heading is a tracked change of the first paragraph
        assert read_paragraphs(out, "accepted")[0] == "ARTICLE 6: STAFFING LEVELS"
        assert read_paragraphs(out, "rejected")[0] == "ARTICLE 6: STAFFING"
        bad = cli("-C", str(repo), "export", "staffing", "--to", "U-7", "--as", "U-14", "--mode", "clean",
                  "-o", str(out), ok=False)  # fmt: skip
        assert "--as" in bad.err
    finally:
        staffing.write_text(before)


def test_a_draft_says_it_is_not_yet_proposed(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    """Issue 12 (truthful labels): a draft is no pass; before, a clean export of a draft whose
    staffing text is still U-13's read 'Proposal U-13 — Session 2025-06-03 | ... unchanged in
    DRAFT', and with --as U-14 --session it still named U-13 as the proposal."""
    cli, repo = demo
    out = tmp_path / "draft.docx"
    said = cli("-C", str(repo), "export", "staffing", "--mode", "clean", "-o", str(out)).out
    header = _header(out)
    assert header.startswith("Northstar Clinicians United \u2014 Draft, not yet proposed \u2014 "), header
    assert "based on U-13 (2025-06-03)" in header.split(" | ")[0]
    assert "DRAFT \u2014 NOT YET PROPOSED, NOT A TENTATIVE AGREEMENT" in header
    assert "staffing: text of U-13, 2025-06-03, unchanged in this draft" in header
    assert "Proposal" not in header and "in DRAFT" not in header
    assert "draft, not yet proposed, based on U-13 (2025-06-03)" in said
    props = docx.Document(str(out)).core_properties
    assert props.title.startswith("Northstar Clinicians United draft, not yet proposed"), props.title
    assert "Proposal" not in props.subject and props.content_status.startswith("DRAFT")
    cli("-C", str(repo), "export", "staffing", "--mode", "clean", "--as", "U-14", "--session", "2025-07-01",
        "-o", str(out))  # fmt: skip
    header = _header(out)
    proposal = "Northstar Clinicians United \u2014 Proposal U-14 \u2014 Session 2025-07-01"
    assert header.startswith(proposal), header
    assert "staffing: text of U-13, 2025-06-03, unchanged in U-14" in header and "Proposal U-13" not in header
    assert docx.Document(str(out)).core_properties.subject == "Proposal U-14, session 2025-07-01"


def test_texts_of_both_parties_are_refused_together(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    cli, repo = demo
    out = tmp_path / "mixed.docx"
    err = cli("-C", str(repo), "export", "staffing", "pto", "--to", "E-12", "--mode", "clean", "-o", str(out),
              ok=False).err  # fmt: skip
    assert "both parties" in err and not out.exists()
    with pytest.raises(FileNotFoundError):
        zipfile.ZipFile(out)


def test_ta_document_cites_the_pass_and_the_agreed_text(demo: tuple[CLI, Path], tmp_path: Path) -> None:
    from proposals.contract.part import blob_hash, section_text

    cli, repo = demo
    out = tmp_path / "ta.docx"
    cli("-C", str(repo), "export", "staffing", "--mode", "ta", "-o", str(out))
    document = docx.Document(str(out))
    footer = "".join(p.text for p in document.sections[0].footer.paragraphs)
    u10 = cli("-C", str(repo), "show", "staffing", "--at", "U-10").out
    assert f"Agreed text of U-10 (2024-12-17), blob {blob_hash(section_text(u10, '6.3') or '')}" in footer
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Tentative Agreement \u2014 Section 6.3"
    assert sum("ARTICLE 6" in t for t in texts) == 1
