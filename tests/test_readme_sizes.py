"""The sizes the README gives for what a search costs a phone are the built
site's: Pagefind's script, worker and WebAssembly, and the search page and
its own script (README, "Sharing, search and search engines"). The search
page's script grew by a third over a session while the README still gave
its first size."""

from __future__ import annotations

import gzip
import re

import pytest
from conftest import REPO

KB = 1024  # the README's KB, as it says


def readme_text() -> str:
    """The README with its lines joined, so a sentence reads whole."""
    return " ".join((REPO / "README.md").read_text(encoding="utf-8").split())


def claimed(pattern: str) -> tuple[float, ...]:
    found = re.search(pattern, readme_text())
    assert found, f"the README no longer says {pattern!r}: update this test with it"
    return tuple(float(number) for number in found.groups())


def kilobytes(data: bytes) -> float:
    return len(data) / KB


def gzipped(data: bytes) -> float:
    """As a host gzips it: at zlib's default level, 6 (nginx's default, 1,
    sends a little more)."""
    return kilobytes(gzip.compress(data, compresslevel=6, mtime=0))


@pytest.mark.parametrize("pattern, path", [
    (r"fetches Pagefind's script \((\d+\.\d) KB", "pagefind/pagefind.js"),
    (r"web worker's script \((\d+\.\d) KB", "pagefind/pagefind-worker.js"),
    (r"its WebAssembly \((\d+\.\d) KB\)", "pagefind/wasm.en.pagefind"),
])
def test_pagefinds_files_are_the_size_the_readme_gives(site, pattern, path):
    (size,) = claimed(pattern)
    assert abs(kilobytes((site.output / path).read_bytes()) - size) <= 0.05, path


def test_the_search_page_and_its_script_are_the_size_the_readme_gives(site):
    page, page_gzipped, script, script_gzipped = claimed(
        r"The page itself adds (\d+) KB \((\d+) KB gzipped\) and its script (\d+) KB \((\d+) KB\)")
    html = (site.output / "search" / "index.html").read_bytes()
    js = (site.output / "theme" / "js" / "search.js").read_bytes()
    measured = (kilobytes(html), gzipped(html), kilobytes(js), gzipped(js))
    # Whole kilobytes, rounded as the README rounds them.
    assert (page, page_gzipped, script, script_gzipped) == tuple(round(size) for size in measured), measured
