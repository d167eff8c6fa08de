"""Index the written site with Pagefind (the binary from the pagefind-bin
package, run as a service: nothing is downloaded at run time).

Only pages whose <main> carries data-pagefind-body are indexed: posts,
policies, the minifesto, councillors, candidates, events, branches and
pages, never listings. Drafts are never written in
a public build, so they are never indexed.

The index is the same, byte for byte, for the same pages written in the
same order: pages are sent one by one, as Pelican writes them (feed.py;
Pagefind numbers pages in the order it is given them, and its own directory
walk follows the file system's order), and stable_index puts the filter
values, which Pagefind keeps in a randomly seeded hash map, in order. The
generators write in the order of PLUGINS, so another order of PLUGINS gives
another index of the same pages (the only part of the site it changes:
tests/test_plugin_order.py).

A build whose indexed pages are all unchanged (the same URLs and bytes, in
the same order) reuses the last index of those pages from
CACHE_PATH/search/ instead of asking Pagefind for its files. A kept index
lists its files' SHA-256 digests: one whose copy does not match them
(damaged since, sitecore/sealed.py says how) is not used but made again.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from pelican import signals

from sitecore.output import newest_first, write_output

from .feed import SearchFeed
from .stable_index import sort_filter_index

logger = logging.getLogger("site.search")


def write_search_index(feed: SearchFeed, bundle: str, cache: Path) -> tuple[int, bool]:
    """Finish the index of the written site into `bundle`; (pages indexed,
    whether the index of the same pages was reused from `cache`)."""
    sent = feed.finish()
    try:
        kept = cache / sent.key
        if reuse_index(kept, bundle):
            return sent.count, True
        for file in sorted(sent.files(), key=lambda f: f["path"]):
            write_output(bundle, file["path"], base64.b64decode(file["content"]))
    finally:
        sent.close()
    sort_filter_index(bundle)
    keep_index(bundle, kept)
    return sent.count, False


# In a kept index: the SHA-256 of each of its files, by path.
DIGESTS = ".digests.json"


def file_digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.name != DIGESTS}


def reuse_index(kept: Path, bundle: str) -> bool:
    """Copy a kept index into place; False if there is none (or another
    build, sharing the cache, removed it as we read it), or the copy is not
    what was kept (a damaged entry: it is made again)."""
    damaged = False
    try:
        expected = json.loads((kept / DIGESTS).read_text(encoding="utf-8"))
        shutil.copytree(kept, bundle, ignore=shutil.ignore_patterns(DIGESTS))
        if file_digests(Path(bundle)) == expected:
            os.utime(kept)  # the newest, for keep_index
            return True
        damaged = True
    except ValueError:  # its digests are damaged
        damaged = True
    except (OSError, shutil.Error):  # none, or removed by another build as we read it, or a full disk
        pass
    shutil.rmtree(bundle, ignore_errors=True)
    if damaged:  # removed, so that this build's index takes its place
        shutil.rmtree(kept, ignore_errors=True)
    return False


def keep_index(bundle: str, kept: Path, how_many: int = 4) -> None:
    """Keep a copy of the finished index for the next build of the same
    pages (copied whole, then renamed into place, so a build reading it
    never sees half), and only the newest few."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=kept.parent, prefix=".partial-"))
    shutil.copytree(bundle, staging, dirs_exist_ok=True)
    (staging / DIGESTS).write_text(json.dumps(file_digests(staging)), encoding="utf-8")
    try:
        os.replace(staging, kept)
    except OSError:  # another build kept the same index first: the same bytes
        shutil.rmtree(staging, ignore_errors=True)
    older = newest_first(path for path in kept.parent.iterdir()
                         if path.is_dir() and path != kept and not path.name.startswith("."))
    for _, path in older[how_many - 1:]:
        shutil.rmtree(path, ignore_errors=True)


# The feed of the build that is writing now (one at a time in a process),
# or why it could not start.
feed: SearchFeed | Exception | None = None


def start_feed(pelican) -> None:
    """Pelican asks for its writer once everything is read: the pages come next."""
    global feed
    stop_feed()
    if pelican.settings.get("CONTENT_CHECK_ONLY"):
        return
    try:
        feed = SearchFeed(pelican.settings["OUTPUT_PATH"], language_of(pelican.settings))
    except Exception as error:  # reported by index_site, so the build fails at its end
        feed = error


def stop_feed() -> None:
    """Stop the feed of a build that never finished (a failed build, or a
    live preview's build stopped by a newer save)."""
    global feed
    if isinstance(feed, SearchFeed):
        feed.abandon()
    feed = None


def page_written(path, context=None) -> None:
    if isinstance(feed, SearchFeed):
        feed.page_written(path)


def language_of(settings: dict) -> str:
    return settings["DEFAULT_LANG"].split("-")[0]


def index_site(pelican) -> None:
    global feed
    settings = pelican.settings
    this_build, feed = feed, None
    try:
        if isinstance(this_build, Exception):
            raise this_build
        if this_build is None:  # Pelican wrote nothing (no writer was asked for)
            this_build = SearchFeed(settings["OUTPUT_PATH"], language_of(settings))
        # output_path must be absolute, or the index lands in the working folder.
        bundle = os.path.join(settings["OUTPUT_PATH"], settings["SEARCH_INDEX_PATH"])
        pages, reused = write_search_index(this_build, bundle, Path(settings["CACHE_PATH"], "search"))
    except Exception as error:  # the build must fail, not ship without search
        logger.error("Search index could not be built: %s: %s", type(error).__name__, error)
        return
    logger.info("Search: indexed %d pages%s", pages, " (the same pages as before: index reused)" if reused else "")


def register() -> None:
    signals.get_writer.connect(start_feed)
    signals.content_written.connect(page_written)
    signals.finalized.connect(index_site)
