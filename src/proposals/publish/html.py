"""HTML for members: escaped text, the accessible redline, and the page frame.

Every string from the repo goes through ``esc`` (the other side writes headings; members' browsers
must never run them). A redline is ``<del>``/``<ins>`` with a text label for screen readers and
print, so it never relies on colour alone; moved text is labelled as moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from proposals.contract import part
from proposals.negotiation.status import STATUS_WORDS
from proposals.redline import Op, diff_text
from proposals.visible import visible

GLOSSARY = (
    (
        "Pass",
        "A written proposal one side hands the other across the table. Each pass has a number: "
        "U-3 is the union's third, E-4 the employer's fourth.",
    ),
    ("Counter", "A pass that answers the other side's last pass on the same part of the contract."),
    (
        "TA (tentative agreement)",
        "Both sides have signed off on the language of a part. It is "
        "tentative until members ratify the whole contract.",
    ),
    ("Package", "Several parts proposed together, to be accepted or rejected as a whole."),
    (STATUS_WORDS["withdrawn"], "A side has taken its proposal on a part off the table."),
    (STATUS_WORDS["open"], "Still being bargained: the page says whose move it is."),
    (STATUS_WORDS["unchanged"], "Nobody has proposed a change: the language of the contract in force stays."),
    ("Redline", "Words struck through were taken out; underlined words were added."),
)


def esc(text: str) -> str:
    """Text for an HTML element or attribute: markup escaped, control characters made visible."""
    return escape(visible(text), quote=True)


def paragraphs(text: str) -> str:
    """Article text as HTML paragraphs: the first line is the heading, shown by the page itself."""
    return "\n".join(f"<p>{esc(line)}</p>" for line in part.paragraphs(text)[1:] if line.strip())


def redline(old: str, new: str) -> str:
    """The accessible word-level redline of two texts, paragraph breaks kept."""
    return _render(diff_text(old, new))


def _render(ops: Iterable[Op]) -> str:
    out = ["<p>"]
    for op in ops:
        pieces = op.text.split("\n")
        for n, piece in enumerate(pieces):
            if n:
                out.append("</p>\n<p>")
            if not piece:
                continue
            if op.op == "equal":
                out.append(esc(piece))
            elif op.op == "delete":
                label = "moved from here: " if op.move else "deleted: "
                cls = ' class="moved"' if op.move else ""
                out.append(
                    f'<del{cls}><span class="sr">[{label}</span>{esc(piece)}<span class="sr">]</span></del>'
                )
            else:
                label = "moved here: " if op.move else "added: "
                cls = ' class="moved"' if op.move else ""
                out.append(
                    f'<ins{cls}><span class="sr">[{label}</span>{esc(piece)}<span class="sr">]</span></ins>'
                )
    out.append("</p>")
    return "".join(out).replace("<p></p>", "")


def page(title: str, body: str, *, root: str, site_name: str, nav_current: str = "") -> str:
    """A whole page: no external fonts, scripts or trackers; works from a file share."""
    links = (("index.html", "Status"), ("updates.html", "Updates"), ("glossary.html", "Glossary"))
    current = ' aria-current="page"'
    nav = "".join(
        f'<li><a href="{root}{href}"{current if href == nav_current else ""}>{label}</a></li>'
        for href, label in links
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · {esc(site_name)}</title>\n"
        f'<link rel="stylesheet" href="{root}site.css">\n'
        "</head>\n<body>\n"
        '<a class="skip" href="#main">Skip to content</a>\n'
        f'<header><p class="site">{esc(site_name)}</p><nav aria-label="Site"><ul>{nav}</ul></nav></header>\n'
        f'<main id="main">\n{body}\n</main>\n'
        "<footer><p>Bargaining tracker generated from the bargaining record. "
        "Proposals are not agreements until members ratify the contract.</p></footer>\n"
        "</body>\n</html>\n"
    )
