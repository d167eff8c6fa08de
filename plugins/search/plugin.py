"""Index the written site with Pagefind (the binary from the pagefind-bin
package, run as a service: nothing is downloaded at run time).

Only pages whose <main> carries data-pagefind-body are indexed: posts,
policies, councillors and pages, never listings. Drafts are never written in
a public build, so they are never indexed.

The index is the same, byte for byte, for the same pages: files are added
one by one in sorted order (Pagefind numbers pages in the order it reads
them, and its directory walk follows the file system's order), and
stable_index puts the filter values, which Pagefind keeps in a randomly
seeded hash map, in order.

A build whose indexed pages are all unchanged (the same URLs and bytes)
reuses the last index of those pages from CACHE_PATH/search/ instead of
running Pagefind again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

from pelican import signals

from sitecore.output import write_output
from sitecore.urls import page_url

from .service import PagefindService
from .stable_index import STABLE_INDEX_VERSION, sort_filter_index

logger = logging.getLogger("site.search")


def pages_to_index(site: str, language: str) -> tuple[list[tuple[str, Path]], str]:
    """(URL, file) of every page Pagefind would index, in a fixed order, and
    a hash of everything the index is made from, read page by page (a site's
    pages together are too big to hold in memory twice). A page without the
    attribute is never indexed, so it is not even sent (listings were a third
    of the pages, and Pagefind parses whatever it is given); the attribute's
    name in a page's text only sends one page too many."""
    pages = []
    digest = hashlib.sha256(json.dumps([version("pagefind-bin"), STABLE_INDEX_VERSION, language]).encode())
    for page in sorted(Path(site).rglob("*.html")):
        html = page.read_bytes()
        if b"data-pagefind-body" in html:
            url = "/" + page_url(page.relative_to(site).as_posix())
            pages.append((url, page))
            digest.update(hashlib.sha256(url.encode()).digest() + hashlib.sha256(html).digest())
    return pages, digest.hexdigest()[:32]


def run_pagefind(pages: list[tuple[str, Path]], language: str) -> list[dict]:
    """The index's files ({"path", "content" in base64}) for these pages."""
    with PagefindService() as pagefind:
        index = pagefind.request({"type": "NewIndex", "config": {"force_language": language}})["index_id"]
        for url, page in pages:
            pagefind.request({"type": "AddFile", "index_id": index, "url": url,
                              "file_path": None, "file_contents": page.read_text(encoding="utf-8")})
        # GetFiles, not WriteFiles: Pagefind's service may exit with its
        # own writes unfinished (a truncated file was seen under load), so we
        # take the files and write each one whole ourselves.
        return pagefind.request({"type": "GetFiles", "index_id": index})["files"]


def write_search_index(site: str, bundle: str, language: str, cache: Path) -> tuple[int, bool]:
    """Index the written site into site/bundle; (pages indexed, whether the
    index of the same pages was reused from `cache`)."""
    # output_path must be absolute, or the index lands in the working folder.
    output_path = os.path.join(site, bundle)
    pages, key = pages_to_index(site, language)
    kept = cache / key
    if reuse_index(kept, output_path):
        return len(pages), True
    for file in sorted(run_pagefind(pages, language), key=lambda f: f["path"]):
        write_output(output_path, file["path"], base64.b64decode(file["content"]))
    sort_filter_index(output_path)
    keep_index(output_path, kept)
    return len(pages), False


def reuse_index(kept: Path, bundle: str) -> bool:
    """Copy a kept index into place; False if there is none (or another
    build, sharing the cache, removed it as we read it)."""
    try:
        shutil.copytree(kept, bundle)
        os.utime(kept)  # the newest, for keep_index
        return True
    except (FileNotFoundError, shutil.Error):
        shutil.rmtree(bundle, ignore_errors=True)
        return False


def keep_index(bundle: str, kept: Path, how_many: int = 4) -> None:
    """Keep a copy of the finished index for the next build of the same
    pages (copied whole, then renamed into place, so a build reading it
    never sees half), and only the newest few."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=kept.parent, prefix=".partial-"))
    shutil.copytree(bundle, staging, dirs_exist_ok=True)
    try:
        os.replace(staging, kept)
    except OSError:  # another build kept the same index first: the same bytes
        shutil.rmtree(staging, ignore_errors=True)
    older = sorted((path for path in kept.parent.iterdir()
                    if path.is_dir() and path != kept and not path.name.startswith(".")),
                   key=lambda path: path.stat().st_mtime, reverse=True)
    for path in older[how_many - 1:]:
        shutil.rmtree(path, ignore_errors=True)


def index_site(pelican) -> None:
    settings = pelican.settings
    language = settings["DEFAULT_LANG"].split("-")[0]
    try:
        pages, reused = write_search_index(settings["OUTPUT_PATH"], settings["SEARCH_INDEX_PATH"], language,
                                           Path(settings["CACHE_PATH"], "search"))
    except Exception as error:  # the build must fail, not ship without search
        logger.error("Search index could not be built: %s: %s", type(error).__name__, error)
        return
    logger.info("Search: indexed %d pages%s", pages, " (the same pages as before: index reused)" if reused else "")


def register() -> None:
    signals.finalized.connect(index_site)
