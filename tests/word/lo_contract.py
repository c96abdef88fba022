"""Build whole contracts in LibreOffice Writer over UNO, as a bargaining team's word processor would.

Run with the *system* interpreter (python3-uno): ``/usr/bin/python3 tests/word/lo_contract.py SPEC.json OUT``.
Run by path, so Python puts this folder first on ``sys.path`` and ``lo_check`` (its neighbour,
which holds the LibreOffice session) imports as it does for the tests: no path is edited here.

The spec (JSON) lists documents as blocks, in order (a document's ``letter_sync``: true letters its
items as Word does past z, "aa", "bb", LibreOffice's "a, b, ... (aa, bb, ...)" list format):

- ``["cover", text]``: a title-page line; ``["pagebreak"]``;
- ``["toc"]``: LibreOffice's table of contents (an index field with page numbers, updated);
- ``["part", text]``: an unnumbered heading (PREAMBLE, APPENDIX A, LETTER OF AGREEMENT);
- ``["division", text]``: an unnumbered heading at outline level 1 (PART A - GENERAL), which
  the table of contents lists among the articles;
- ``["article", title]``: a Heading 1 whose "ARTICLE n –" label is automatic outline numbering;
- ``["section", text]`` / ``["item", text]``: paragraphs numbered "n.m" / "(a)" by the same list;
- ``["para", text]``: a plain paragraph; ``["table", rows]``: a table of strings;
- ``["textbox", text]``: a paragraph anchoring a text frame that holds ``text``;
- ``["hidden", text]``: a hidden paragraph; ``["hidden_run", shown, hidden]``: a hidden run inside;
- ``["footnote", text, note]``: a paragraph with a footnote (``["endnote", ...]`` an endnote;
  a third item is a mark of its own, "*", "" for the number; a fourth, text after the mark);
  ``["comment", text, note]``: with a
  comment (an annotation) on it; ``["control", text]``: a paragraph whose text is a content
  control (``w:sdt`` in .docx), ``["control", text, "placeholder"]`` one showing its prompt.

and ``compare``: ``[old, new, out]`` saves ``out.docx``, LibreOffice's own Compare Documents of
``new`` against ``old`` (tracked changes); ``track``: ``[name, old, new, out]`` saves ``out.docx``,
``name`` with ``old`` replaced by ``new`` (footnotes too) as a tracked change; ``pdf``: names to
also save as PDF;
``pdf_encrypted``: the same with an open password (``NAME.encrypted.pdf``); ``odt``: true to also
save every document (and every comparison) as LibreOffice's own .odt beside its .docx, the same
document in both forms (``tests/word/test_opendocument.py`` reads each and compares);
``reject``: names of saved .odt files whose tracked changes LibreOffice rejects, saved as
``NAME.rejected.odt`` and ``NAME.rejected.docx``; ``accept_text``: names of saved .docx files
(or .odt, named with the suffix: ``NAME.odt``) whose tracked changes LibreOffice accepts, saved
as plain text (``NAME.accepted.txt``, numbering labels written out as LibreOffice shows them);
``odt_encrypted``: .odt names saved again with
an open password (``NAME.encrypted.odt``).
Every document gets a header line and a page-number footer. Prints the written files as JSON.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK  # type: ignore[import-not-found]
from lo_check import prop, session  # type: ignore[import-not-found]

ARABIC, LOWER_LETTER, LOWER_LETTER_N = 4, 1, 10  # NumberingType: 1, a..z aa ab, a..z aa bb
LEVELS = [  # outline level: paragraph style, list format
    ("Heading 1", "ARTICLE %1% – ", ARABIC),
    ("Section", "%1%.%2% ", ARABIC),
    ("Item", "(%3%) ", LOWER_LETTER),
]


def _numbering(doc: object, letter_sync: bool = False) -> None:
    """Outline numbering as legal documents use it: ARTICLE n –, n.m, (a); with ``letter_sync``
    the items go on (aa), (bb) past (z), as Word's letters do, not LibreOffice's (aa), (ab)."""
    families = doc.getStyleFamilies().getByName("ParagraphStyles")  # type: ignore[attr-defined]
    for name in ("Section", "Item"):
        if not families.hasByName(name):
            style = doc.createInstance("com.sun.star.style.ParagraphStyle")  # type: ignore[attr-defined]
            families.insertByName(name, style)
            style.setParentStyle("Text Body")
    rules = doc.getChapterNumberingRules()  # type: ignore[attr-defined]
    for level, (style, fmt, kind) in enumerate(LEVELS):
        props = {p.Name: p.Value for p in rules.getByIndex(level)}
        props.update(
            HeadingStyleName=style,
            NumberingType=LOWER_LETTER_N if letter_sync and kind == LOWER_LETTER else kind,
            ListFormat=fmt.replace("%1%", "%1%").strip() + (" " if fmt.endswith(" ") else ""),
            Prefix="",
            Suffix="",
            ParentNumbering=level + 1 if level == 1 else 1,
        )
        if level == 0:
            props.update(Prefix="ARTICLE ", Suffix=" – ")
        elif level == 1:
            props.update(Suffix="")
        else:
            props.update(Prefix="(", Suffix=")")
        props["ListFormat"] = fmt.rstrip()
        values = tuple(prop(k, v) for k, v in props.items())
        uno.invoke(rules, "replaceByIndex", (level, uno.Any("[]com.sun.star.beans.PropertyValue", values)))


def build(
    desktop: object, blocks: list[list], path: Path, odt: bool = False, letter_sync: bool = False
) -> None:
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
    try:
        _numbering(doc, letter_sync)
        page = doc.getStyleFamilies().getByName("PageStyles").getByName("Standard")
        page.HeaderIsOn = True
        page.FooterIsOn = True
        page.HeaderText.setString("COLLECTIVE BARGAINING AGREEMENT 2021-2024")
        footer = page.FooterText
        field = doc.createInstance("com.sun.star.text.TextField.PageNumber")
        field.NumberingType = ARABIC
        field.SubType = uno.Enum("com.sun.star.text.PageNumberType", "CURRENT")
        footer.insertTextContent(footer.getEnd(), field, False)
        text = doc.getText()
        cursor = text.createTextCursor()
        first = True
        page_break = False
        indexes = []
        comments: list[str] = []
        for block in blocks:
            kind, *args = block
            if kind == "pagebreak":
                page_break = True
                continue
            if not first:
                text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
            first = False
            cursor.setPropertyValue("ParaStyleName", "Text Body")
            cursor.setPropertyToDefault("OutlineLevel")  # a division's level is its own
            cursor.setPropertyValue("CharHidden", False)
            cursor.setPropertyValue("BreakType", uno.Enum("com.sun.star.style.BreakType", "NONE"))
            if page_break:
                cursor.setPropertyValue("BreakType", uno.Enum("com.sun.star.style.BreakType", "PAGE_BEFORE"))
                page_break = False
            if kind == "cover":
                text.insertString(cursor, args[0], False)
            elif kind == "toc":
                index = doc.createInstance("com.sun.star.text.ContentIndex")
                index.Level = 1
                index.CreateFromOutline = True
                text.insertTextContent(cursor, index, False)
                cursor.gotoEnd(False)
                indexes.append(index)
            elif kind == "part":
                cursor.setPropertyValue("ParaStyleName", "Heading")
                text.insertString(cursor, args[0], False)
            elif kind == "division":  # unnumbered, at outline level 1: the contents list it
                cursor.setPropertyValue("ParaStyleName", "Heading")
                cursor.setPropertyValue("OutlineLevel", 1)
                text.insertString(cursor, args[0], False)
            elif kind == "article":
                cursor.setPropertyValue("ParaStyleName", "Heading 1")
                text.insertString(cursor, args[0], False)
            elif kind == "section":
                cursor.setPropertyValue("ParaStyleName", "Section")
                text.insertString(cursor, args[0], False)
            elif kind == "item":
                cursor.setPropertyValue("ParaStyleName", "Item")
                text.insertString(cursor, args[0], False)
            elif kind == "para":
                text.insertString(cursor, args[0], False)
            elif kind == "table":
                rows = args[0]
                table = doc.createInstance("com.sun.star.text.TextTable")
                table.initialize(len(rows), len(rows[0]))
                text.insertTextContent(cursor, table, False)
                cursor.gotoEnd(False)
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        table.getCellByName(f"{chr(65 + c)}{r + 1}").setString(value)
            elif kind == "textbox":
                frame = doc.createInstance("com.sun.star.text.TextFrame")
                frame.AnchorType = uno.Enum("com.sun.star.text.TextContentAnchorType", "AT_PARAGRAPH")
                text.insertTextContent(cursor, frame, False)
                frame.getText().setString(args[0])
            elif kind == "hidden":
                cursor.setPropertyValue("CharHidden", True)
                text.insertString(cursor, args[0], False)
            elif kind == "hidden_run":
                text.insertString(cursor, args[0], False)
                cursor.setPropertyValue("CharHidden", True)
                text.insertString(cursor, args[1], False)
                cursor.setPropertyValue("CharHidden", False)
            elif kind in ("footnote", "endnote"):
                text.insertString(cursor, args[0], False)
                note = doc.createInstance(f"com.sun.star.text.{kind.capitalize()}")
                if len(args) > 2:  # ["footnote", text, note, "*"]: a mark of its own
                    note.Label = args[2]
                text.insertTextContent(cursor, note, False)
                note.setString(args[1])
                cursor.gotoEnd(False)
                if len(args) > 3:  # ["footnote", text, note, "", more]: text after the mark
                    text.insertString(cursor, args[3], False)
            elif kind == "comment":
                # Inserting a comment crashes a hidden document in LibreOffice 7.4 (object or
                # command alike): a marker is written instead and the comment put in its place
                # in the flat ODF text, which LibreOffice then saves as .docx (see _with_comments).
                text.insertString(cursor, args[0] + f"[[COMMENT{len(comments)}]]", False)
                comments.append(args[1])
            elif kind == "control":
                control = doc.createInstance("com.sun.star.text.ContentControl")
                text.insertString(cursor, args[0], False)
                cursor.goLeft(len(args[0]), True)
                if len(args) > 1:  # ["control", text, "placeholder"]: its text is a prompt
                    control.ShowingPlaceHolder = True
                text.insertTextContent(cursor, control, True)
                cursor.gotoEnd(False)
            else:
                raise SystemExit(f"unknown block {kind!r}")
        for index in indexes:
            index.update()
        if comments:
            flat = path.with_suffix(".fodt")
            doc.storeToURL(flat.resolve().as_uri(), (prop("FilterName", "OpenDocument Text Flat XML"),))
            _with_comments(flat, comments, path, odt)
        else:
            doc.storeToURL(path.resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
            if odt:
                doc.storeToURL(path.with_suffix(".odt").resolve().as_uri(), (prop("FilterName", "writer8"),))
    finally:
        doc.close(True)


def _with_comments(flat: Path, comments: list[str], out: Path, odt: bool = False) -> None:
    """Put each comment in place of its marker in the flat ODF text and have LibreOffice save it
    as ``out`` (.docx) in a process of its own: a comment inserted over UNO, or a document with
    comments loaded over UNO, crashes a hidden LibreOffice 7.4, while --convert-to does not."""
    import subprocess
    import tempfile
    from xml.sax.saxutils import escape

    xml = flat.read_text("utf-8")
    for n, note in enumerate(comments):
        xml = xml.replace(
            f"[[COMMENT{n}]]",
            f"<office:annotation><dc:creator>Caucus</dc:creator><text:p>{escape(note)}</text:p>"
            "</office:annotation>",
        )
    flat.write_text(xml, "utf-8")
    soffice = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
    for to in ("docx:MS Word 2007 XML", "odt") if odt else ("docx:MS Word 2007 XML",):
        with tempfile.TemporaryDirectory(prefix="lo_convert_") as profile:
            subprocess.run(
                [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                 "--convert-to", to, "--outdir", str(out.parent), str(flat)],
                check=True, capture_output=True, timeout=120,
            )  # fmt: skip
    flat.unlink()


def compare(desktop: object, dispatcher: object, old: Path, new: Path, out: Path, odt: bool = False) -> None:
    """LibreOffice's Compare Documents: open the edited document, compare with the original."""
    doc = desktop.loadComponentFromURL(new.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
    try:
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(  # type: ignore[attr-defined]
            frame,
            ".uno:CompareDocuments",
            "",
            0,
            (prop("URL", old.resolve().as_uri()), prop("NoAcceptDialog", True)),
        )
        doc.storeToURL(out.resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
        if odt:
            doc.storeToURL(out.with_suffix(".odt").resolve().as_uri(), (prop("FilterName", "writer8"),))
    finally:
        doc.close(True)


def reject_all(desktop: object, dispatcher: object, source: Path, out: Path) -> None:
    """LibreOffice's Reject All of ``source``'s tracked changes, saved as ``out`` (.odt) and as
    .docx beside it: what the other side's pass started from, as LibreOffice itself undoes it."""
    doc = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
    try:
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())  # type: ignore[attr-defined]
        doc.storeToURL(out.resolve().as_uri(), (prop("FilterName", "writer8"),))
        doc.storeToURL(out.with_suffix(".docx").resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
    finally:
        doc.close(True)


def accept_all_text(desktop: object, dispatcher: object, source: Path, out: Path) -> None:
    """LibreOffice's Accept All of ``source``'s tracked changes, saved as plain text (``out``):
    each paragraph with the label LibreOffice numbers it with, the oracle of an accepted view."""
    doc = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
    try:
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())  # type: ignore[attr-defined]
        args = (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF"))
        doc.storeToURL(out.resolve().as_uri(), args)
    finally:
        doc.close(True)


def track(desktop: object, source: Path, old: str, new: str, out: Path, odt: bool = False) -> None:
    """Replace ``old`` by ``new`` with change tracking on, wherever it is (a footnote too), as
    the other side edits their copy."""
    doc = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
    try:
        doc.RecordChanges = True
        replace = doc.createReplaceDescriptor()
        replace.SearchString = old
        replace.ReplaceString = new
        if doc.replaceAll(replace) < 1:
            raise SystemExit(f"{old!r} not found in {source.name}")
        doc.storeToURL(out.resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
        if odt:
            doc.storeToURL(out.with_suffix(".odt").resolve().as_uri(), (prop("FilterName", "writer8"),))
    finally:
        doc.close(True)


def odt_with_password(desktop: object, source: Path, out: Path) -> None:
    """``source`` saved again as .odt with an open password ("secret"), as LibreOffice encrypts."""
    doc = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
    try:
        doc.storeToURL(out.resolve().as_uri(), (prop("FilterName", "writer8"), prop("Password", "secret")))
    finally:
        doc.close(True)


def to_pdf(desktop: object, source: Path, out: Path, password: str = "") -> None:
    doc = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))  # type: ignore[attr-defined]
    try:
        args = [prop("FilterName", "writer_pdf_Export")]
        if password:
            data = (prop("EncryptFile", True), prop("DocumentOpenPassword", password))
            args.append(prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data)))
        uno.invoke(doc, "storeToURL", (out.resolve().as_uri(), tuple(args)))
    finally:
        doc.close(True)


def main(argv: list[str]) -> int:
    spec = json.loads(Path(argv[1]).read_text())
    out = Path(argv[2])
    written: list[str] = []
    with session() as (desktop, dispatcher):
        for doc in spec.get("docs", []):
            path = out / f"{doc['name']}.docx"
            build(desktop, doc["blocks"], path, spec.get("odt", False), doc.get("letter_sync", False))
            written.append(str(path))
        for old, new, name in spec.get("compare", []):
            path = out / f"{name}.docx"
            odt = spec.get("odt", False)
            compare(desktop, dispatcher, out / f"{old}.docx", out / f"{new}.docx", path, odt)
            written.append(str(path))
        for name in spec.get("reject", []):
            path = out / f"{name}.rejected.odt"
            reject_all(desktop, dispatcher, out / f"{name}.odt", path)
            written.append(str(path))
        for name in spec.get("accept_text", []):
            path = out / f"{name}.accepted.txt"
            source = out / (name if name.endswith(".odt") else f"{name}.docx")
            accept_all_text(desktop, dispatcher, source, path)
            written.append(str(path))
        for name, old, new, out_name in spec.get("track", []):
            path = out / f"{out_name}.docx"
            track(desktop, out / f"{name}.docx", old, new, path, spec.get("odt", False))
            written.append(str(path))
        for name in spec.get("pdf", []):
            path = out / f"{name}.pdf"
            to_pdf(desktop, out / f"{name}.docx", path)
            written.append(str(path))
        for name in spec.get("pdf_encrypted", []):
            path = out / f"{name}.encrypted.pdf"
            to_pdf(desktop, out / f"{name}.docx", path, password="secret")
            written.append(str(path))
        for name in spec.get("odt_encrypted", []):
            path = out / f"{name}.encrypted.odt"
            odt_with_password(desktop, out / f"{name}.odt", path)
            written.append(str(path))
    print(json.dumps(written))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
