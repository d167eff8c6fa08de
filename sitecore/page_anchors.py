"""The parts of a page a link's #part can land on, and whether it lands, as a browser finds it.

Read from the page's HTML: every id, and every <a name>. The content checks
ask it of written pages (plugins/contentcheck), the minifesto of its print
HTML before WeasyPrint renders it (plugins/minifesto/print_anchors.py).
"""

from __future__ import annotations

from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

# A part every page has (the HTML standard): none, or its top.
EVERY_PAGE_HAS = {"", "top"}


def ids_in(html: str) -> set[str]:
    """Every id in the HTML, and every <a name>: what a #part finds."""
    tree = LexborHTMLParser(html)
    return ({node.attributes.get("id") or "" for node in tree.css("[id]")}
            | {node.attributes.get("name") or "" for node in tree.css("a[name]")})


def lands(part: str, ids: set[str]) -> bool:
    """As a browser finds a #part: as written, or percent-decoded."""
    return part.lower() in EVERY_PAGE_HAS or part in ids or unquote(part) in ids
