"""A contract's web edition saved as PDF by a browser (chromium's "Save as PDF", its own header
and footer on), as a team gets one from a union's site.

The browser draws its running header (the date and the page's title, in a smaller size) after the
body and a few points above the first line of text, and its footer (the address and "3/11") a few
points under the last. Before: the date line was read as text and cut the clause it fell in two
("... a violation of this" / "12/7/26, 7:33 PM" / "Agreement for ..."), and the footer, as wide as
the page, made every line near it look short, so the page's last clause ended at each line. Now
a line set smaller than the body and clear of it by half a line, at the page's top or foot, is
in the margin, where the running header and footer are looked for, and never sets the body's
column.
"""

from __future__ import annotations

import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

from proposals.negotiation.baseline import read_contract

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")

TITLES = ["Recognition", "Hours of Work", "Overtime", "Grievance Procedure", "Wages", "Term"]
SENTENCES = [
    "The Employer shall give each employee reasonable notice of any change in scheduled hours.",
    "The Union shall be informed in writing within ten working days of such a change.",
    "Nothing in this Article limits the right of an employee to request a different schedule.",
    "An employee who works more than eight hours in a day shall be paid at one and one half times.",
    "Requests shall not be unreasonably denied, and a denial shall be given with its reasons.",
]


def clauses(article: int) -> list[str]:
    return [
        f"{article}.{k} "
        + " ".join(SENTENCES[(article * 3 + k + j) % len(SENTENCES)] for j in range(3 + k % 4))
        for k in range(1, 5)
    ]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser_pdf")
    body = "".join(
        f"<h2>ARTICLE {n}\u2014{escape(title.upper())}</h2>"
        + "".join(f"<p>{escape(c)}</p>" for c in clauses(n))
        for n, title in enumerate(TITLES, 1)
    )
    page = out / "agreement.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Riverton Transit Agreement</title>"
        "<style>body{font-family:serif;max-width:40em;margin:auto}</style></head>"
        f"<body><h1>Collective Agreement</h1>{body}</body></html>",
        "utf-8",
    )
    target = out / "agreement.pdf"
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={target}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert target.is_file(), "chromium wrote no PDF"
    return target


def test_the_browsers_header_and_footer_are_page_furniture(pdf: Path) -> None:
    reading = read_contract(pdf, "pdf")
    assert [(part.number, part.title) for part in reading.parts] == [
        (str(n), title.upper()) for n, title in enumerate(TITLES, 1)
    ]
    skipped = [s.text for s in reading.skipped]
    assert any("Riverton Transit Agreement" in text for text in skipped), skipped
    assert any("agreement.html" in text for text in skipped), skipped
    for part in reading.parts:
        assert "agreement.html" not in part.text and "Riverton Transit Agreement" not in part.text


def test_every_clause_is_whole(pdf: Path) -> None:
    reading = read_contract(pdf, "pdf")
    for n, part in enumerate(reading.parts, 1):
        assert part.text.rstrip("\n").split("\n")[1:] == clauses(n), part.title
