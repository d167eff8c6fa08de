"""Pages handed to Pagefind while the build writes them.

Pagefind reads every indexed page again at each build (it has no way to
update an index). Sending each page as Pelican writes it lets Pagefind parse
on the second core while this process renders the next pages, instead of
after the last one: with a thousand posts that was 2–3 s at the end of every
build. A thread of this process reads each written page and sends it, so the
renderer never waits for Pagefind.

Pagefind numbers pages in the order it is given them, so the index depends
on that order. It is the order Pelican writes pages in, which the same
content always gives; pages written some other way (not through Pelican's
writer) follow, in sorted order. `PagesSent.key` hashes the pages in that
order, so an index kept from a build is reused only for the same pages in
the same order: exactly what Pagefind would make of them again.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from pathlib import Path

from sitecore.text_memo import fingerprint
from sitecore.urls import page_url

from .service import PagefindService

# The module whose imports reach all of this plugin's code (this one, the
# service, the filter index's sorting).
PLUGIN = __package__ + ".plugin"
MARKER = b"data-pagefind-body"  # only pages whose <main> carries it are indexed


class PagesSent:
    """Pages sent to a new Pagefind index, one by one, and the hash of them all."""

    def __init__(self, site: Path, language: str) -> None:
        self.site, self.language = site, language
        self.pagefind = PagefindService()
        self.index = self.pagefind.request({"type": "NewIndex", "config": {"force_language": language}})["index_id"]
        self.paths: set[Path] = set()
        # The index a build keeps is reused only by one of the same pages
        # made by the same code: this plugin's and Pagefind's.
        self.digest = hashlib.sha256(fingerprint((PLUGIN,), ("pagefind-bin",), language))
        self.count = 0

    def send(self, page: Path) -> None:
        """Send the page at `page` if it is to be indexed. A page never sent
        is never indexed, so listings are not sent (a third of the pages;
        Pagefind parses whatever it is given); the attribute's name in a
        page's text only sends one page too many."""
        self.paths.add(page)
        html = page.read_bytes()
        if MARKER not in html:
            return
        url = "/" + page_url(page.relative_to(self.site).as_posix())
        self.digest.update(hashlib.sha256(url.encode()).digest() + hashlib.sha256(html).digest())
        self.count += 1
        self.pagefind.send({"type": "AddFile", "index_id": self.index, "url": url, "file_path": None,
                            "file_contents": html.decode("utf-8")})

    def send_the_rest(self) -> None:
        """The pages not yet sent (written by a plugin, not Pelican's writer), sorted."""
        for page in sorted(self.site.rglob("*.html")):
            if page not in self.paths:
                self.send(page)

    @property
    def key(self) -> str:
        return self.digest.hexdigest()[:32]

    def files(self) -> list[dict]:
        """The index's files ({"path", "content" in base64}). GetFiles, not
        WriteFiles: Pagefind's service may exit with its own writes
        unfinished (a truncated file was seen under load), so we take the
        files and write each one whole ourselves."""
        return self.pagefind.request({"type": "GetFiles", "index_id": self.index})["files"]

    def close(self) -> None:
        self.pagefind.close()


class SearchFeed:
    """Sends the pages of one build to Pagefind from a thread, as they are written."""

    def __init__(self, site: str, language: str) -> None:
        self.site = Path(os.path.abspath(site))
        self.sent = PagesSent(self.site, language)
        self.written: queue.SimpleQueue[Path | None] = queue.SimpleQueue()
        self.error: BaseException | None = None
        self.written_twice = False
        self.thread = threading.Thread(target=self.send_as_written, name="search-feed", daemon=True)
        self.thread.start()

    def page_written(self, path: str) -> None:
        """Pelican wrote `path`: queue it if it is a page of this build's
        site (a live preview's quick step writes elsewhere). Pelican's
        writer gives absolute paths inside its output folder, made with
        os.path (not resolved: resolving every page's path cost 0.7 s a
        build at a thousand posts)."""
        page = Path(os.path.abspath(path))
        if page.suffix == ".html" and page.is_relative_to(self.site):
            self.written.put(page)

    def send_as_written(self) -> None:
        while (page := self.written.get()) is not None:
            if self.error is not None or self.written_twice:
                continue  # drain the queue; finish() starts again from the written site
            try:
                if page in self.sent.paths:
                    self.written_twice = True  # Pagefind would hold the page twice
                else:
                    self.sent.send(page)
            except BaseException as error:  # raised again by finish(), in the build's thread
                self.error = error

    def finish(self) -> PagesSent:
        """Every page of the written site sent, in the order described above."""
        self.written.put(None)
        self.thread.join()
        if self.error is not None:
            self.sent.close()
            raise self.error
        if self.written_twice:  # a page was overwritten: send the final pages afresh, sorted
            self.sent.close()
            self.sent = PagesSent(self.site, self.sent.language)
        self.sent.send_the_rest()
        return self.sent

    def abandon(self) -> None:
        """The build stopped before its end: stop Pagefind."""
        self.written.put(None)
        self.thread.join()
        self.sent.close()
