"""Index the written site with Pagefind (its Python API and the binary from
the pagefind-bin package: nothing is downloaded at run time).

Only pages whose <main> carries data-pagefind-body are indexed: posts,
policies, councillors and pages, never listings. Drafts are never written in
a public build, so they are never indexed.
"""

from __future__ import annotations

import asyncio
import logging
import os

from pelican import signals

logger = logging.getLogger("site.search")


async def write_search_index(site: str, bundle: str, language: str) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    # Leaving the context writes the index to output_path: it must be
    # absolute, or it lands in the working folder.
    config = IndexConfig(force_language=language, output_path=os.path.join(site, bundle))
    async with PagefindIndex(config=config) as index:
        indexed = await index.add_directory(site)
    return indexed["page_count"]


def index_site(pelican) -> None:
    settings = pelican.settings
    if settings.get("CONTENT_CHECK_ONLY"):
        return
    language = settings["DEFAULT_LANG"].split("-")[0]
    try:
        pages = asyncio.run(write_search_index(settings["OUTPUT_PATH"], settings["SEARCH_INDEX_PATH"], language))
    except Exception as error:  # the build must fail, not ship without search
        logger.error("Search index could not be built: %s: %s", type(error).__name__, error)
        return
    logger.info("Search: indexed %d pages", pages)


def register() -> None:
    signals.finalized.connect(index_site)
