"""Speed on a phone, per page type: the gzip size of the HTML plus the CSS it
needs (budget: 14 KB, one round trip), the requests a page makes, its
render-blocking resources, and Lighthouse's four scores on the mobile
profile (median of the runs), all compared against the budget.

    .venv/bin/python -m bench.speed [--runs 3]

Lighthouse comes from npm (package-lock.json) and drives Debian's Chromium
(CHROME_PATH); nothing is downloaded.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench.common import PYTHON, ROOT, runs_from_arguments
from tests.browser import CHROMIUM, CHROMIUM_ARGS, chromium, serve_folder

PAGE_TYPES = {
    "home": "",
    "post": "news/katie-parker-joins-breakthrough/",
    "policy": "policies/housing/",
    "councillor": "councillors/katie-parker/",
    "policy index": "policies/",
    "news list": "news/",
    "search": "search/",
}
BUDGET_BYTES = 14 * 1024
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"


def first_round_trip_bytes(site: Path, path: str) -> int:
    """gzip(HTML) plus gzip of every stylesheet it links (ours are inlined)."""
    html = (site / path / "index.html").read_bytes() if path else (site / "index.html").read_bytes()
    total = len(gzip.compress(html))
    for href in re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html):
        total += len(gzip.compress((site / href.decode().lstrip("/")).read_bytes()))
    return total


def render_blocking(html: bytes) -> int:
    head = html.split(b"</head>")[0]
    stylesheets = len(re.findall(rb'<link[^>]+rel="stylesheet"', head))
    scripts = len([s for s in re.findall(rb"<script\b[^>]*\bsrc=[^>]*>", head)
                   if b"defer" not in s and b"async" not in s and b'type="module"' not in s])
    return stylesheets + scripts


def requests_made(browser, url: str) -> list[str]:
    page = browser.new_page(viewport={"width": 412, "height": 823})
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(url, wait_until="networkidle")
    page.close()
    return seen


def lighthouse_scores(url: str) -> dict[str, float]:
    flags = " ".join(["--headless", *[a for a in CHROMIUM_ARGS if a != "--disable-quic"]])
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report.name}", "--quiet",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
            check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True,
        )
        categories = json.loads(Path(report.name).read_text())["categories"]
    return {name: categories[name]["score"] * 100 for name in CATEGORIES}


def main() -> None:
    runs = runs_from_arguments(default=3)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([PYTHON, "-m", "sitebuild", "--output", str(site)], cwd=ROOT, check=True, capture_output=True)
        print(f"{'page type':14} {'HTML+CSS gz':>11} {'requests':>8} {'blocking':>8}  "
              f"{'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}   (Lighthouse mobile, median of {runs})")
        with serve_folder(site) as base, chromium() as browser:
            for name, path in PAGE_TYPES.items():
                url = f"{base}/{path}"
                size = first_round_trip_bytes(site, path)
                requests = requests_made(browser, url)
                html = (site / path / "index.html").read_bytes()
                scores = [lighthouse_scores(url) for _ in range(runs)]
                median = {c: statistics.median(s[c] for s in scores) for c in CATEGORIES}
                flag = "" if size <= BUDGET_BYTES else "  OVER BUDGET"
                print(f"{name:14} {size / 1024:>8.1f} KB {len(requests):>8} {render_blocking(html):>8}  "
                      + " ".join(f"{median[c]:>5.0f}" for c in CATEGORIES) + flag)
    print(f"budget: HTML+CSS ≤ {BUDGET_BYTES // 1024} KB gzip, 0 render-blocking requests, 100 in every score")


if __name__ == "__main__":
    main()
