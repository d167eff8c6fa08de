"""The links in an item's Markdown that go to a part of one of the site's pages, and each one's page.

`/policies/housing/#commitment-3`, `{filename}…#part`, `#why-it-matters`:
the part after `#` names an id on the page. Each link is noted with the
file of the page it goes to (relative to the output folder), for the
checks before the site is written (parts_before_writing.py) and after
(fragments.py).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from sitecore.content_items import content_items, public_save_as, published_items
from sitecore.html_allowlist import goes_up_a_folder
from sitecore.urls import is_own_site

from .link_targets import linked_file
from .markdown_scan import scan
from .page_parts import ids_of_own_page

# A Markdown body that may hold a link with a #part: [words](…#…), a
# reference's [label]: …#…, or <a href="…#…">. Most bodies have none, and
# scanning each line of every body at every build took a third of a second
# at a thousand posts; this search takes a twentieth.
MAY_LINK_TO_PART = (re.compile(r"\]\([^)\s]*#"), re.compile(r"href\s*=\s*[\"']?[^\"'\s>]*#", re.I),
                    re.compile(r"\]:[ \t]*\S*#"))


@dataclass(frozen=True, order=True)
class LinkToPart:
    page: str         # the page's file, relative to the output folder
    source_path: str  # the file the link is in
    line: int
    field: str
    target: str       # the link as written
    part: str         # the id it goes to


class PagesBySource:
    """Each item's page by its source file, worked out at the first
    {filename} link to a part (an item's address is formatted afresh at each
    ask: a tenth of a second for every item at a thousand posts)."""

    def __init__(self, generators) -> None:
        self.generators = generators
        self.pages: dict[str, str] | None = None
        self.items: dict[str, object] | None = None
        self.moved: dict[str, str] | None = None
        self.ids: dict[int, set[str]] = {}

    def get(self, source: str) -> str | None:
        if self.pages is None:
            self.pages = {os.path.abspath(item.source_path): public_save_as(item)
                          for item in content_items(self.generators)}
        return self.pages.get(source)

    def item_at(self, page: str):
        """The published item whose page `page` (a link's, 'news/x/') is, or
        None: a listing's, or no page at all (the other checks say so)."""
        if self.items is None:
            self.items = {item.save_as: item for item in published_items(self.generators)}
        return self.items.get(html_file(page))

    def now_at(self, page: str) -> str:
        """The page of the item renamed from `page` (one of its
        old_addresses, in any capitals, as plugins/redirects matches them),
        where a link to a part of it lands (theme/static/js/moved.js carries
        the part across); else `page`. (An audit: every post citing a
        commitment at a renamed policy's old address failed the build.)"""
        if self.moved is None:
            self.moved = {html_file(address.lstrip("/")).lower(): item.save_as
                          for item in published_items(self.generators)
                          for address in getattr(item, "old_addresses", None) or ()}
        return self.moved.get(html_file(page).lower(), page)

    def ids_of(self, item) -> set[str]:
        """ids_of_own_page(item), worked out once for all the links to it."""
        if id(item) not in self.ids:
            self.ids[id(item)] = ids_of_own_page(item)
        return self.ids[id(item)]


def html_file(page: str) -> str:
    """The file of a page a link names ('news/x/' is 'news/x/index.html')."""
    return page if page.endswith(".html") else f"{page.rstrip('/')}/index.html"


def links_to_parts(item, markdown: str | None, first_line: int, field: str,
                   pages: PagesBySource) -> list[LinkToPart]:
    """The links in `markdown` to a part of one of the site's pages."""
    if not markdown or not any(pattern.search(markdown) for pattern in MAY_LINK_TO_PART):
        return []
    found = []
    for link in scan(markdown, first_line):
        address, hash_sign, part = link.target.partition("#")
        page = page_linked(item, address, pages) if link.kind == "link" and hash_sign else None
        if page:
            found.append(LinkToPart(page, item.source_path, link.line, field, link.target, part))
    return found


def page_linked(item, address: str, pages: PagesBySource) -> str | None:
    """The file (relative to the output folder) of the site's page that
    `address` (a link's, before its #) goes to; None for a file, another
    website or an address the other checks refuse."""
    settings = item.settings
    if not address:
        return public_save_as(item)
    if goes_up_a_folder(address):
        return None  # the allowlist refuses it, with the path to write: one message for one mistake
    if address.startswith("{filename}"):
        return pages.get(os.path.abspath(linked_file(item, unquote(address.removeprefix("{filename}")), settings)))
    if address.startswith("{"):
        return None  # {static}: a file, not a page
    try:
        url = urlsplit(address)
    except ValueError:
        return None
    if url.scheme or url.netloc:  # the site's full address, however written, is the site
        if not is_own_site(url, settings):
            return None
    if not url.path.startswith("/"):
        return None
    return pages.now_at(unquote(url.path).lstrip("/") or "index.html")
