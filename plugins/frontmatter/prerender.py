"""Before Pelican reads: Markdown bodies not yet rendered are rendered on every core.

Pelican reads files one by one on one core, and turning a body into safe
HTML is most of that work (about 6 ms a post). When many bodies are new
(a cold build, a fresh checkout, a changed allowlist), they are rendered
first by worker processes, one per core, straight into the safe-HTML memo
(`safe_html.safe_html_memo`), where the reader then finds them. Nothing else
changes: the reader still reads and checks every file, renders any body the
memo lacks (one with a refusal is never kept, so its problem is reported as
always) and the result is the same, byte for byte.

Below PARALLEL_FROM bodies the workers would cost more to start than they
save, and nothing is done here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import stat
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sitecore.cores import usable_cores
from sitecore.names import MARKDOWN_SUFFIXES
from sitecore.schema.content_folders import files_in_content_folders
from sitecore.schema.document import body_of

from .safe_html import render_safe_html, safe_html_memo, worth_keeping

logger = logging.getLogger("site.frontmatter")
PARALLEL_FROM = 64  # bodies; a worker process takes about 0.5 s to start
RENDERING_SETTINGS = ("MARKDOWN", "CACHE_PATH")


def read_markdown(path: str) -> str | None:
    """The text of a Markdown file reached without a symbolic link, else None:
    the contentfiles plugin refuses links (they could reach files outside the
    repository), so nothing is read through one here either, not even into
    the cache."""
    if not path.endswith(MARKDOWN_SUFFIXES) or os.path.islink(path):
        return None
    try:
        # O_NONBLOCK: a named pipe given a Markdown name would otherwise
        # hold the open (and the build) until something writes to it.
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with open(handle, encoding="utf-8-sig") as stream:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return None
            return stream.read()
    except (OSError, UnicodeDecodeError):
        return None


def bodies_to_render(settings: dict) -> list[str]:
    """The bodies the memo lacks. A file that cannot be read or has no front
    matter is left to the reader, which reports it."""
    memo, bodies = safe_html_memo(settings), {}
    for path in files_in_content_folders(settings):
        text = read_markdown(path)
        body = body_of(text) if text is not None else None
        if body is not None and not memo.has(body):
            bodies[body] = None
    return list(bodies)


_worker: dict = {}  # a worker process's settings and memo, set once as it starts


def start_worker(settings: dict) -> None:
    _worker.update(settings=settings, memo=safe_html_memo(settings))


def render_into_memo(markdown: str) -> None:
    safe, refused = render_safe_html(markdown, _worker["settings"])
    if worth_keeping(safe, refused):
        _worker["memo"].put(markdown, safe)


def prerender_bodies(pelican) -> int:
    """Render the missing bodies on every core; return how many were rendered."""
    settings = pelican.settings
    cores = usable_cores()
    bodies = bodies_to_render(settings)
    if cores < 2 or len(bodies) < PARALLEL_FROM:
        return 0
    rendering = {name: settings.get(name) for name in RENDERING_SETTINGS}
    # spawn, not fork: the build may run in a process with other threads
    # (the live preview's watcher and server), which a fork would copy mid-step.
    try:
        with ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=start_worker, initargs=(rendering,)) as pool:
            list(pool.map(render_into_memo, bodies, chunksize=16))
    except (BrokenProcessPool, OSError) as error:
        # E.g. a script that builds without `if __name__ == "__main__":`,
        # which spawned workers cannot start from: the reader renders them.
        logger.warning("Markdown bodies could not be rendered on every core (%s); rendering them one by one",
                       error)
        return 0
    return len(bodies)
