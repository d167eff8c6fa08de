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
"""

from __future__ import annotations

import base64
import logging
import os
from pathlib import Path

from pelican import signals

from sitecore.output import write_output
from sitecore.urls import page_url

from .service import PagefindService
from .stable_index import sort_filter_index

logger = logging.getLogger("site.search")


def write_search_index(site: str, bundle: str, language: str) -> int:
    # output_path must be absolute, or the index lands in the working folder.
    output_path = os.path.join(site, bundle)
    pages = sorted(Path(site).rglob("*.html"))
    with PagefindService() as pagefind:
        index = pagefind.request({"type": "NewIndex", "config": {"force_language": language}})["index_id"]
        for page in pages:
            pagefind.request({"type": "AddFile", "index_id": index, "url": "/" + page_url(page.relative_to(site).as_posix()),
                              "file_path": None, "file_contents": page.read_text(encoding="utf-8")})
        # GetFiles, not WriteFiles: Pagefind's service may exit with its
        # own writes unfinished (a truncated file was seen under load), so we
        # take the files and write each one whole ourselves.
        files = pagefind.request({"type": "GetFiles", "index_id": index})["files"]
    for file in sorted(files, key=lambda f: f["path"]):
        write_output(output_path, file["path"], base64.b64decode(file["content"]))
    sort_filter_index(output_path)
    return len(pages)


def index_site(pelican) -> None:
    settings = pelican.settings
    language = settings["DEFAULT_LANG"].split("-")[0]
    try:
        pages = write_search_index(settings["OUTPUT_PATH"], settings["SEARCH_INDEX_PATH"], language)
    except Exception as error:  # the build must fail, not ship without search
        logger.error("Search index could not be built: %s: %s", type(error).__name__, error)
        return
    logger.info("Search: indexed %d pages", pages)


def register() -> None:
    signals.finalized.connect(index_site)
