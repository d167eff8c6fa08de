"""What one search costs a phone: the bytes the search page fetches, from
opening it to showing a search's first results, by part: Pagefind's script,
its WebAssembly, the index's metadata, the index chunks that hold the words
searched for, one fragment per result shown; and the page with its own
script, apart. Each part as served (Pagefind gzips its index files itself)
and as a host that gzips text sends it (the page and the scripts).

    .venv/bin/python -m bench.search_cost [SITE] [--query WORD ...]

SITE is a built site's folder; without it, content/ is built into a
temporary folder. A fresh browser context per search: nothing cached. Each
query is searched twice: opened from its address (a shared link, a
reload), and typed a key every 200 ms, as on a phone (the search waits
300 ms after the last key, and fetches the index chunks of the words typed
so far meanwhile, once the last word has three letters).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import expect

from bench.common import PYTHON, ROOT
from tests.browser import chromium, serve_folder

QUERIES = ["housing", "climate", "councillor", "rent", "nhs"]
# The parts of a search's download, by where the file is and what it is called.
PARTS = (("pagefind.js", lambda path: path.endswith("/pagefind.js")),
         ("worker", lambda path: path.endswith("/pagefind-worker.js")),
         ("wasm", lambda path: "/wasm." in path),
         ("meta", lambda path: path.endswith(".pf_meta") or path.endswith("pagefind-entry.json")),
         ("index", lambda path: path.endswith(".pf_index")),
         ("filter", lambda path: path.endswith(".pf_filter")),
         ("fragments", lambda path: path.endswith(".pf_fragment")),
         ("page+script", lambda path: True))
TEXT = (".js", ".json", ".html", "/")  # what a host gzips; Pagefind's index files are gzipped already


def part_of(path: str) -> str:
    return next(name for name, matches in PARTS if matches(path))


def bytes_sent(path: str, body: bytes) -> int:
    return len(gzip.compress(body)) if path.endswith(TEXT) else len(body)


def one_search(browser, base: str, query: str, typed: bool) -> tuple[dict[str, int], dict[str, int], int]:
    """(raw bytes by part, bytes sent by part, results shown) for a search
    opened from its address, or typed into the page."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        if typed:
            page.goto(f"{base}/search/")
            page.locator("#search-input").press_sequentially(query, delay=200)
        else:
            page.goto(f"{base}/search/?q={query}")
        # "Showing 20 of 798 results for “housing”", "No results for “housing”", not a prefix's.
        expect(page.locator("#search-status")).to_contain_text(f"for “{query}”", timeout=30_000)
        page.wait_for_timeout(300)  # the last fragments' responses
        raw, sent = defaultdict(int), defaultdict(int)
        for response in responses:
            path = response.url.removeprefix(base).split("?")[0]
            body = response.body()
            raw[part_of(path)] += len(body)
            sent[part_of(path)] += bytes_sent(path, body)
        return raw, sent, page.locator("#search-results > li").count()
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build content/)")
    parser.add_argument("--query", action="append", help="a search (repeatable)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = arguments.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run([PYTHON, "-m", "sitebuild", "--output", str(site), "--cache", str(Path(tmp) / "cache")],
                           cwd=ROOT, check=True, capture_output=True)
        names = [name for name, _ in PARTS]
        print(f"{'query':20} {'shown':>5} " + " ".join(f"{name:>11}" for name in names)
              + f" {'search raw':>10} {'search gz':>9}   (KB; search = all but page+script)")
        with serve_folder(site) as base, chromium() as browser:
            for query in arguments.query or QUERIES:
                for typed in (False, True):
                    raw, sent, shown = one_search(browser, base, query, typed)
                    search_raw = sum(size for name, size in raw.items() if name != "page+script")
                    search_sent = sum(size for name, size in sent.items() if name != "page+script")
                    label = f"{query} (typed)" if typed else query
                    print(f"{label:20} {shown:>5} " + " ".join(f"{raw[name] / 1024:>11.1f}" for name in names)
                          + f" {search_raw / 1024:>10.1f} {search_sent / 1024:>9.1f}")


if __name__ == "__main__":
    main()
