"""PDF copies of our Word documents, made by LibreOffice, for members and the record.

LibreOffice is the only converter that reads tracked changes and fields the way Word does and
is packaged everywhere; it is looked up before anything is written, so a missing LibreOffice
is a one-line error and not a .docx without its PDF. Each conversion runs in a throwaway
profile (a user's open LibreOffice is never touched) and is killed after ``TIMEOUT`` seconds.

A table of contents gets its page numbers in print: LibreOffice keeps a Word TOC field's
cached text as it is (its PAGEREF page numbers frozen, 7.4) and does not update indexes when
converting, but lays out a PAGEREF field standing on its own like a page number. So the copy
converted is the document with the TOC field's own markers taken out (``for_print``); its
entries, each a PAGEREF to its heading's bookmark, are then numbered by the same layout that
prints the pages. The .docx itself keeps the real field, which Word refreshes on opening.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from proposals.errors import ProposalsError

TIMEOUT = 180


def converter() -> str:
    """The soffice executable, or a one-line error saying how to get one."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ProposalsError(
            "--pdf needs LibreOffice (soffice), which is not installed: install it or leave out --pdf"
        )
    return found


def pdf_beside(document: Path) -> Path:
    """Write ``document`` as ``document.pdf`` beside it and return that path."""
    soffice = converter()
    # an absolute path can never read as an option (soffice has no "--" terminator)
    target = document.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="proposals-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        source = Path(tmp) / "in" / document.name
        source.parent.mkdir()
        source.write_bytes(for_print(document.read_bytes()))
        try:
            proc = subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
                capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise ProposalsError(f"LibreOffice did not convert {document.name} within {TIMEOUT} s") from None
        made = outdir / f"{document.stem}.pdf"
        if proc.returncode or not made.exists():
            raise ProposalsError(f"LibreOffice could not convert {document.name} to PDF")
        shutil.move(str(made), target)
    return target


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOCUMENT = "word/document.xml"


def for_print(data: bytes) -> bytes:
    """The .docx ``data`` with every TOC field's begin, instruction, separator and end runs
    removed, its entries (and their PAGEREF fields) kept as they are; unchanged bytes when
    there is no TOC field."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        root = etree.fromstring(src.read(_DOCUMENT))
        if not _unwrap_toc(root):
            return data
        body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                dst.writestr(info, body if info.filename == _DOCUMENT else src.read(info.filename))
        return out.getvalue()


def _unwrap_toc(root: etree._Element) -> bool:
    """Take the TOC fields' own runs out of ``root`` and put a tab before each PAGEREF of
    their entries (the dot leader to the page number); True when there was a TOC field."""
    fld, instr = f"{{{W}}}fldChar", f"{{{W}}}instrText"
    kind = f"{{{W}}}fldCharType"
    stack: list[list[etree._Element]] = []  # per open field: its begin run, instruction runs, ...
    drop: list[etree._Element] = []
    pagerefs: list[etree._Element] = []

    def code(runs: list[etree._Element]) -> list[str]:
        return "".join(r.findtext(instr) or "" for r in runs if r.find(instr) is not None).split()[:1]

    for el in root.iter(fld, instr):
        run = el.getparent()
        if el.tag == instr:
            if stack:
                stack[-1].append(run)
            continue
        what = el.get(kind)
        if what == "begin":
            stack.append([run])
        elif what == "separate" and stack:
            stack[-1].append(run)
        elif what == "end" and stack:
            runs = stack.pop()
            if code(runs) == ["TOC"]:
                drop.extend([*runs, run])
            elif code(runs) == ["PAGEREF"] and any(code(open_) == ["TOC"] for open_ in stack):
                pagerefs.append(runs[0])
    for run in drop:
        run.getparent().remove(run)
    for begin in pagerefs:
        tab = etree.SubElement(etree.Element(f"{{{W}}}r"), f"{{{W}}}tab").getparent()
        begin.addprevious(tab)
    return bool(drop)
