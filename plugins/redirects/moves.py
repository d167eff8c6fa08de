"""Which old addresses the build keeps, and which it must refuse.

A volunteer who renames a file (to fix a typo in an address, say) changes
the item's address, and every link to the old one (a journalist's story, a
share on social media, a search engine's result) would meet "Page not
found". Listing the old address in the item's `old_addresses` keeps it: the
build writes a page there that sends readers on (plugin.py).

An old address may not be one the site still uses: the moved page would
replace a real page, or the real page the notice. Nor may two items claim one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from sitecore.content_items import content_items, public_url, published_items, unpublished_items
from sitecore.problems import problem_log
from sitecore.site_files import declared_files, is_known

FIELD = "old_addresses"


@dataclass(frozen=True)
class Move:
    address: str  # site-relative, as an item's url: "news/old-title/"
    item: object  # the published item now at item.url

    @property
    def save_as(self) -> str:
        return self.address + "index.html" if self.address.endswith("/") else self.address


def moves(generators) -> list[Move]:
    """The old addresses of the items this build publishes, in a fixed
    order. A draft's or an embargoed item's are kept back with the item:
    its old address would announce its new one."""
    found = [Move(address, item) for item in published_items(generators)
             for address in getattr(item, FIELD, None) or ()]
    return sorted(found, key=lambda move: (move.address, move.item.source_path))


def check_old_addresses(generators, own_generator_type: type) -> None:
    """Report every old address, of any item read, that the site uses for
    something else or that two items claim."""
    taken = {file.url: file.made_by for file in declared_files(
        [generator for generator in generators if not isinstance(generator, own_generator_type)])}
    coming = {public_url(item): problem_log.display_path(path) for path, item in unpublished_items(generators).items()}
    claimed: dict[str, str] = {}
    for item in sorted(content_items(generators), key=lambda item: item.source_path):
        for address in getattr(item, FIELD, None) or ():
            refused = refusal(address, item, taken, coming, claimed)
            if refused:
                problem_log.add(item.source_path, item.frontmatter_lines.get(FIELD, 1), FIELD, *refused)
            claimed.setdefault(address, os.path.abspath(item.source_path))


def refusal(address: str, item, taken: dict, coming: dict, claimed: dict) -> tuple[str, str] | None:
    """(message, fix) if the item may not keep `address`, else None."""
    remove = f"remove /{address} from old_addresses"
    if address == public_url(item):
        return f"/{address} is this item's own address", remove
    if address in taken:
        return (f"/{address} is still in use: it is the address of {taken[address]}",
                f"{remove}: only an address nothing else uses can point here")
    if is_known(address, set(taken)):
        return f"/{address} is still in use: the site writes a page there", remove
    if address in coming:
        return (f"/{address} is the address {coming[address]} will have once it is published",
                f"{remove}, or rename that file")
    earlier = claimed.get(address)
    if earlier == os.path.abspath(item.source_path):
        return f"/{address} is listed twice", "list each old address once"
    if earlier:
        return (f"/{address} is also an old address of {problem_log.display_path(earlier)}",
                "keep it on the item that had it last: one address can lead to one page only")
    return None
