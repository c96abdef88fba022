"""A corpus of realistic contracts read from every form a team gets them in (issue 11): a US
private-sector agreement (ARTICLE n – TITLE, Section n.m, (a) lists, here numbered by Word's own
automatic numbering), a US public-sector one (ARTICLE I.. in Roman numerals, a table of contents,
a title on the line after ``ARTICLE VI``, appendices, a side letter and an MOU), a Canadian one
(ARTICLE 1 – PURPOSE, 1.01 numbering, Schedule "A", a letter of understanding, the text file
hard-wrapped), a UK one (CLAUSE 1 - TITLE, 1.1 / Clause 3.1 sub-clauses, a Schedule, saved
as text one paragraph per line with a tabbed contents list) and an Australian one ("1. TITLE"
clauses grouped under "PART A –" divisions, "SCHEDULE 1 – RATES OF PAY" with its own "1.").

Each is read as the plain text in ``corpus/``, as a .docx LibreOffice wrote from it, as the
PDF LibreOffice printed from that .docx (in two looks: ragged and serif; justified with centred
headings and sans serif), and as a plain-text copy of that PDF (pdftotext's; a PDF viewer's
select-all). For each: the exact list of parts (kind, number,
title), the exact text of two parts, and that the lines left out are exactly its cover page,
its table of contents, its division headings and (PDF) the running header and page numbers:
nothing else dropped, no note of a misread number.

Before: the UK agreement was one PREAMBLE (its CLAUSE headings "cover page"); a PDF's title
page, centred lines on a page of their own, was joined into one line and the end of it read as
the first paragraph of the preamble.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import CLI
from corpus_docs import HEADER, Layout, convert, fodt, paragraphs, soffice

from proposals.negotiation.baseline import ContractReading, read_contract

CORPUS = Path(__file__).parent / "corpus"
pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


@dataclass
class Case:
    layout: Layout
    parts: list[tuple[str, str, str]]
    bodies: tuple[str, str]  # part ids whose whole text is checked
    blank_lines: bool  # the text file keeps a blank line between paragraphs in each part
    divisions: list[str] = field(default_factory=list)  # "PART A - ..." lines grouping the parts


def _lines(name: str) -> list[str]:
    return paragraphs((CORPUS / f"{name}.txt").read_text("utf-8"))


def _headings(name: str, *words: str) -> list[str]:
    return [p for p in _lines(name) if p.startswith(words) and len(p) < 60 and ".........." not in p]


US_PRIVATE = Case(
    Layout(
        cover=_lines("us_private")[:6],
        headings=_headings("us_private", "ARTICLE", "APPENDIX", "LETTER"),
        look="numbered",
    ),
    [
        ("preamble", "", ""),
        ("article", "1", "RECOGNITION"),
        ("article", "2", "MANAGEMENT RIGHTS"),
        ("article", "3", "UNION SECURITY AND CHECKOFF"),
        ("article", "4", "HOURS OF WORK AND OVERTIME"),
        ("article", "5", "SENIORITY"),
        ("article", "6", "HOLIDAYS"),
        ("article", "7", "GRIEVANCE AND ARBITRATION PROCEDURE"),
        ("article", "8", "DURATION"),
        ("appendix", "A", "WAGE RATES"),
        ("letter", "1", "SAFETY SHOES"),
    ],
    ("hours-of-work-and-overtime", "wage-rates"),
    blank_lines=True,
)
US_PUBLIC = Case(
    Layout(
        cover=_lines("us_public")[:7],
        headings=_headings("us_public", "ARTICLE", "APPENDIX", "PREAMBLE", "SIDE LETTER", "MEMORANDUM"),
        titles=["LEAVES OF ABSENCE"],
        toc_title="TABLE OF CONTENTS",
        toc=[p for p in _lines("us_public") if ".........." in p],
        toc_field=True,
    ),
    [
        ("preamble", "", ""),
        ("article", "I", "RECOGNITION"),
        ("article", "II", "NON-DISCRIMINATION"),
        ("article", "III", "UNION RIGHTS"),
        ("article", "IV", "HOURS OF WORK"),
        ("article", "V", "COMPENSATION"),
        ("article", "VI", "LEAVES OF ABSENCE"),
        ("article", "VII", "DISCIPLINE"),
        ("article", "VIII", "TERM OF AGREEMENT"),
        ("appendix", "A", "SALARY SCHEDULE"),
        ("appendix", "B", "JOB CLASSIFICATIONS"),
        ("letter", "", "TELEWORK PILOT"),
        ("letter", "", "PARKING"),
    ],
    ("compensation", "parking"),
    blank_lines=True,
)
CANADIAN = Case(
    Layout(
        cover=_lines("canadian")[:8],
        headings=_headings("canadian", "ARTICLE", "SCHEDULE", "LETTER"),
        look="bold",
    ),
    [
        ("article", "1", "PURPOSE"),
        ("article", "2", "RECOGNITION"),
        ("article", "3", "MANAGEMENT RIGHTS"),
        ("article", "4", "HOURS OF WORK"),
        ("article", "5", "SENIORITY"),
        ("article", "6", "GRIEVANCE PROCEDURE"),
        ("article", "7", "TERM OF AGREEMENT"),
        ("appendix", "A", "WAGE RATES"),
        ("appendix", "B", "BENEFITS"),
        ("letter", "1", "JOB EVALUATION"),
    ],
    ("management-rights", "job-evaluation"),
    blank_lines=False,  # hard-wrapped: paragraphs are unwrapped, one a line
)
UK = Case(
    Layout(
        cover=_lines("uk")[:4],
        headings=[p for p in _headings("uk", "CLAUSE", "SCHEDULE") if "\t" not in p],
        toc_title="CONTENTS",
        toc=[p for p in _lines("uk") if "\t" in p],
    ),
    [
        ("article", "1", "TITLE AND COMMENCEMENT"),
        ("article", "2", "PARTIES AND SCOPE"),
        ("article", "3", "WORKING TIME"),
        ("article", "4", "ANNUAL LEAVE"),
        ("article", "5", "SICKNESS ABSENCE"),
        ("article", "6", "DISCIPLINARY AND GRIEVANCE PROCEDURES"),
        ("article", "7", "TRADE UNION FACILITIES"),
        ("appendix", "1", "RATES OF PAY"),
    ],
    ("working-time", "rates-of-pay"),
    blank_lines=False,  # Word's "save as text": one paragraph a line
)
AUSTRALIAN = Case(
    Layout(
        cover=_lines("australian")[:2],
        headings=[
            p for p in _lines("australian") if re.match(r"(?:PART [A-Z]|SCHEDULE \d|\d\. [A-Z]{4})", p)
        ],
    ),
    [
        ("article", "1", "TITLE"),
        ("article", "2", "COMMENCEMENT AND PERIOD OF OPERATION"),
        ("article", "3", "COVERAGE"),
        ("article", "4", "CONSULTATION"),
        ("article", "5", "DISPUTE RESOLUTION"),
        ("article", "6", "WAGES"),
        ("article", "7", "ALLOWANCES"),
        ("appendix", "1", "RATES OF PAY"),
        ("appendix", "2", "CLASSIFICATION DEFINITIONS"),
    ],
    ("consultation", "rates-of-pay"),
    blank_lines=True,
    divisions=[p for p in _lines("australian") if p.startswith("PART ")],
)
# Mixed case throughout and no heading style anywhere: "1. Title" lines are headings only by
# their layout (a sub-clause "1.1" of the same number follows), "1. The employee ... will meet"
# and "1. Nine day fortnight" (lists inside a clause) are not.
AUSTRALIAN_EA = Case(
    Layout(
        cover=_lines("australian_ea")[:2],
        headings=[
            p
            for p in _lines("australian_ea")
            if re.match(r"(?:Schedule \d|\d+\. [A-Z][a-z/']+(?: [a-zA-Z']+)*\Z)", p)
            and not p.startswith(("1. Nine", "2. Four", "3. Standard"))
        ],
        look="plain",
    ),
    [
        ("article", "1", "Title"),
        ("article", "2", "Commencement and nominal expiry date"),
        ("article", "3", "Definitions"),
        ("article", "4", "Relationship to the Award and the National Employment Standards"),
        ("article", "5", "Consultation"),
        ("article", "6", "Dispute resolution"),
        ("article", "7", "Wages"),
        ("article", "8", "Hours of work"),
        ("article", "9", "Redundancy"),
        ("article", "10", "Annual leave"),
        ("article", "11", "Personal/carer's leave"),
        ("article", "12", "Long service leave"),
        ("article", "13", "Parental leave"),
        ("appendix", "1", "Rates of Pay"),
        ("appendix", "2", "Signatories"),
    ],
    ("dispute-resolution", "hours-of-work"),
    blank_lines=True,
    divisions=[p for p in _lines("australian_ea") if p.startswith("Part ")],
)
CASES = {
    "us_private": US_PRIVATE,
    "us_public": US_PUBLIC,
    "canadian": CANADIAN,
    "uk": UK,
    "australian": AUSTRALIAN,
    "australian_ea": AUSTRALIAN_EA,
}
FORMS = (
    "text",
    "docx-plain",
    "pdf-plain",
    "docx-justified",
    "pdf-justified",
    "pdftotext-plain",
    "layout-plain",
    "viewer-plain",
    # not pdftotext without -layout of the justified PDF: poppler joins a word hyphenated at a
    # line end itself, a compound too ("six-" "tenths" → "sixtenths"), and no hyphen is left to read
    "layout-justified",
    "viewer-justified",
)


# The same documents set another way: body text justified, headings centred, a 12 pt sans
# serif (a wrapped line then reaches the margin, and a centred heading sits over flush text).
JUSTIFIED = {
    'fo:margin-bottom="0.25cm"/>': 'fo:margin-bottom="0.25cm" fo:text-align="justify"/>',
    'fo:margin-top="0.4cm" fo:keep-with-next="always"/>': (
        'fo:margin-top="0.4cm" fo:keep-with-next="always" fo:text-align="center"/>'
    ),
    'fo:font-size="11pt"': 'fo:font-size="12pt" style:font-name="Liberation Sans"',
}
LOOKS = ("plain", "justified")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus contract in both looks as .docx (LibreOffice from flat ODF) and as PDF
    (LibreOffice from that .docx): two runs of soffice for the whole corpus."""
    out = tmp_path_factory.mktemp("corpus")
    sources = []
    for name, case in CASES.items():
        flat = fodt((CORPUS / f"{name}.txt").read_text("utf-8"), case.layout)
        for look in LOOKS:
            text = flat
            for old, new in JUSTIFIED.items() if look == "justified" else ():
                assert old in text, old
                text = text.replace(old, new)
            source = out / f"{name}-{look}.fodt"
            source.write_text(text, "utf-8")
            sources.append(source)
    docx = convert(sources, "docx", out)
    convert(docx, "pdf", out)
    return out


def _read(name: str, form: str, documents: Path) -> ContractReading:
    """``form``: text, or docx / pdf with the look after a dash ("pdf-justified"); or a plain
    text copy of the PDF: ``pdftotext`` (poppler's, pages cut by form feeds; ``layout`` with
    ``-layout``, each line indented as it stands on the page) or ``viewer``
    (what selecting all in a PDF viewer copies: PDFium's text, Chrome's viewer's engine, pages
    run together with no blank line anywhere)."""
    if form == "text":
        return read_contract(CORPUS / f"{name}.txt", "text")
    kind, look = form.split("-")
    pdf = documents / f"{name}-{look}.pdf"
    if kind in ("docx", "pdf"):
        return read_contract(documents / f"{name}-{look}.{kind}", kind)  # type: ignore[arg-type]
    copy = documents / f"{name}-{look}-{kind}.txt"
    if kind in ("pdftotext", "layout"):  # "layout": pdftotext -layout, lines set where they stand
        options = ["-layout"] if kind == "layout" else []
        subprocess.run(["pdftotext", *options, str(pdf), str(copy)], check=True, timeout=60)
    else:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(pdf))
        try:
            pages = []
            for page in document:
                textpage = page.get_textpage()
                # a line-end hyphen comes as U+FFFE; a viewer copies it as a hyphen at the line end
                pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\ufffe", "-\n"))
                textpage.close()
                page.close()
        finally:
            document.close()
        copy.write_text("\n".join(pages), "utf-8")
    return read_contract(copy, "text")


def _body(name: str, part_id: str, joiner: str) -> str:
    """A part's text as the source says it: its paragraphs from its heading to the next."""
    case = CASES[name]
    paras = _lines(name)
    starts = [
        i
        for i, p in enumerate(paras)
        if p in case.layout.headings and p not in case.layout.toc and p not in case.divisions
    ]
    if name == "australian":  # "1. CLASSIFICATIONS" is a heading inside Schedule 1
        starts = [i for i in starts if paras[i] not in ("1. CLASSIFICATIONS", "2. INCREASES")]
    if case.parts[0][0] == "preamble" and paras[starts[0]] != "PREAMBLE":
        starts.insert(0, len(case.layout.cover))  # a preamble without a heading of its own
    ids = [re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") or "preamble" for _, _, t in case.parts]
    index = ids.index(part_id)
    begin = starts[index]
    # a part ends at the next part's heading or at a division heading grouping the parts after it
    ends = starts[index + 1 :] + [k for k, p in enumerate(paras) if p in case.divisions]
    end = min([i for i in ends if i > begin] + [len(paras)])
    return joiner.join(paras[begin:end]) + "\n"


def _unpaged(text: str) -> str:
    """A contents line without its leader and page number, as each reader hands it over."""
    return " ".join(re.sub(r"(?:\s*\t|\s*\.{3,}|\s{2,})[\s.]*\S+\s*\Z", "", text).split())


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", list(CASES))
def test_a_real_contract_reads_the_same_from_every_form(name: str, form: str, documents: Path) -> None:
    case = CASES[name]
    reading = _read(name, form, documents)
    assert [(p.kind, p.number, p.title) for p in reading.parts] == case.parts
    texts = dict(zip(reading.ids, (p.text for p in reading.parts), strict=True))
    joiner = "\n\n" if form == "text" and case.blank_lines else "\n"
    for part_id in case.bodies:
        assert texts[part_id] == _body(name, part_id, joiner), (name, form, part_id)
    # the title page is skipped whole, however a copy cuts it into lines
    cover = [s.text for s in reading.skipped if s.reason == "cover page"]
    assert " ".join(cover).split() == " ".join(case.layout.cover).split(), (name, form)
    skipped = Counter(
        (s.reason, _unpaged(s.text) if s.reason.startswith("table of contents") else s.text)
        for s in reading.skipped
        if s.reason != "cover page"
        and not (
            form not in ("text", "docx-plain", "docx-justified")
            and s.reason in ("page header or footer", "page number")
            and re.fullmatch(rf"{HEADER}|Page \d+", s.text)
        )
    )
    expected = Counter(("division heading (kept with the parts after it)", line) for line in case.divisions)
    for line in ([case.layout.toc_title] if case.layout.toc_title else []) + list(case.layout.toc):
        expected[("table of contents", _unpaged(line))] += 1
    assert skipped == expected, (name, form)
    assert not [n for n in reading.notes if re.search("sequence|section|cross reference|misread", n)]
    if name == "us_public":  # "six-" / "tenths" at a line end stays six-tenths
        assert "at the rate of four and six-tenths (4.6) hours" in texts["leaves-of-absence"]


def test_the_body_of_a_part_word_for_word() -> None:
    """The expected texts above are the source's paragraphs; one of them spelt out."""
    assert _body("uk", "working-time", "\n") == (
        "CLAUSE 3 - WORKING TIME\n"
        "Clause 3.1 The standard working week is 35 hours, exclusive of meal breaks, worked between "
        "8.00 am and 6.00 pm, Monday to Friday.\n"
        "Clause 3.2 Employees required to work in excess of the standard working week shall be paid "
        "overtime at the following rates:\n"
        "(a) time and a half for hours worked Monday to Saturday;\n"
        "(b) double time for hours worked on a Sunday or a bank holiday.\n"
        "Clause 3.3 Nothing in this clause shall require an employee to work more than an average of "
        "48 hours per week, in accordance with the Working Time Regulations 1998.\n"
    )
    assert _body("canadian", "job-evaluation", "\n") == (
        "LETTER OF UNDERSTANDING #1 – JOB EVALUATION\n"
        "The parties agree to establish a joint job evaluation committee of two (2) members appointed "
        "by each party, which shall complete a review of all non-union and bargaining unit job "
        "descriptions by June 30, 2025.\n"
    )


def test_the_uk_agreement_imported_from_word_and_its_dry_run_from_pdf(cli: CLI, documents: Path) -> None:
    """Through the real command line: the dry run lists the PDF's parts and skips only the title
    page, the contents and the page furniture; the .docx is imported with its CLAUSE headings."""
    cli("init", "uk", "--union", "UNISON", "--employer", "Riverside")
    dry = cli("-C", "uk", "baseline", "--from-pdf", str(documents / "uk-plain.pdf"), "--dry-run").out
    assert "Would import 8 parts" in dry
    assert "  clause 3 " in dry and "article" not in dry  # the contract's own word for its parts
    listed = [line.strip() for line in dry.splitlines() if line.startswith("  ") and ": " in line]
    assert {line.split(": ", 1)[0] for line in listed} == {
        "cover page",
        "table of contents",
        "page header or footer",
    }
    assert "numbered parts start at CLAUSE headings (--as clause)" in dry
    out = cli("-C", "uk", "baseline", "--from-docx", str(documents / "uk-justified.docx")).out
    assert "Baseline imported: 8 parts (7 clauses, 1 appendix)" in out
    articles = cli.cwd / "uk" / "articles"
    assert (articles / "working-time.txt").read_text("utf-8") == _body("uk", "working-time", "\n")
    status = cli("-C", "uk", "status").out
    assert "Sch 1" in status and "Working Time" in status
