"""The system chromium, headless, for the site tests: DOM after scripts ran, screenshots, axe-core.

Each helper returns None when chromium (or npm, for axe-core) is missing, so a test can skip and
say why; `.ci/run` installs both, so CI always runs them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

AXE_VERSION = "4.11.0"  # axe-core from the npm registry; pinned so a rule change cannot flake CI
AXE_CACHE = Path(os.environ.get("PROPOSALS_AXE_CACHE", Path.home() / ".cache" / "proposals-axe"))


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _run(args: list[str], timeout: int = 90) -> subprocess.CompletedProcess:
    exe = chromium()
    assert exe
    return subprocess.run(
        [
            exe,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def dump_dom(url: str, budget_ms: int = 3000) -> str:
    """The page's DOM after its scripts ran (virtual time lets timers and promises settle)."""
    return _run([f"--virtual-time-budget={budget_ms}", "--dump-dom", url]).stdout


def screenshot(url: str, path: Path, width: int, height: int = 1400) -> Path:
    _run([f"--window-size={width},{height}", f"--screenshot={path}", url])
    return path


def axe_script() -> Path | None:
    """axe.min.js, installed once from the npm registry into a cache folder."""
    script = AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if not npm:
        return None
    AXE_CACHE.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        [
            npm,
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(AXE_CACHE),
            f"axe-core@{AXE_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return script if proc.returncode == 0 and script.exists() else None


def axe_violations(page: Path, axe: Path) -> list[dict]:
    """Run axe-core in chromium on a copy of ``page`` and return its violations (id, impact, nodes)."""
    probe = page.with_name(page.stem + ".axe-probe.html")
    shutil.copy(axe, page.parent / "axe.min.js")
    html = page.read_text(encoding="utf-8")
    runner = (
        '<script src="axe.min.js"></script><script>'
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(function (r) { var pre = document.createElement('pre'); pre.id = 'axe-result';"
        "pre.textContent = JSON.stringify(r.violations.map(function (v) {"
        "return {id: v.id, impact: v.impact, nodes: v.nodes.length}; }));"
        "document.body.appendChild(pre); });</script></body>"
    )
    probe.write_text(html.replace("</body>", runner), encoding="utf-8")
    try:
        dom = dump_dom(probe.as_uri(), budget_ms=15000)
    finally:
        probe.unlink()
        (page.parent / "axe.min.js").unlink()
    start = dom.find('<pre id="axe-result">')
    assert start != -1, "axe-core did not report (the page's scripts did not run)"
    body = dom[start + len('<pre id="axe-result">') : dom.index("</pre>", start)]
    import html as htmllib

    return json.loads(htmllib.unescape(body))
