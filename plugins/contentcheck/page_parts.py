"""The ids a link's #part can land on, and whether it lands, as a browser finds it.

A written page's ids are read from its HTML (`ids_in`); an item's own page,
before it is written, has its text's and its data's (`ids_of_own_page`).
"""

from __future__ import annotations

from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

# A part every page has (the HTML standard): none, or its top.
EVERY_PAGE_HAS = {"", "top"}


def ids_of_own_page(item) -> set[str]:
    """The ids of the item's page a link may go to, before it is written:
    its text's, its data's (a policy's #policy-2 and #commitment-3) and
    #main (a link to any other part of the layout is refused: LayoutParts)."""
    data = {*getattr(item, "anchors_where_every_policy_is", {}), *filter(None, [getattr(item, "anchor", None)])}
    return ids_in(item.content or "") | data | {"main"}


def ids_in(html: str) -> set[str]:
    """Every id in the HTML, and every <a name>: what a #part finds."""
    tree = LexborHTMLParser(html)
    return ({node.attributes.get("id") or "" for node in tree.css("[id]")}
            | {node.attributes.get("name") or "" for node in tree.css("a[name]")})


def lands(part: str, ids: set[str]) -> bool:
    """As a browser finds a #part: as written, or percent-decoded."""
    return part.lower() in EVERY_PAGE_HAS or part in ids or unquote(part) in ids
