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
import re
from dataclasses import dataclass

from sitecore.content_items import content_items, public_save_as, public_url, published_items, unpublished_items
from sitecore.problems import problem_log
from sitecore.schema.document import item_line
from sitecore.site_files import LATER_PAGE, SiteFile, declared_files, is_known, own_folders
from sitecore.urls import address_pattern

FIELD = "old_addresses"


@dataclass(frozen=True)
class Move:
    address: str     # site-relative, as an item's url: "policies/homes-for-everyone/"
    item: object     # the published item whose pages moved
    target: str      # the address now: the item's ("policies/housing/") or a page under it
    part: str = ""   # which page under the item's it is ("news"), for the notice

    @property
    def save_as(self) -> str:
        return self.address + "index.html" if self.address.endswith("/") else self.address


def moves(generators, own_generator_type: type) -> list[Move]:
    """The old addresses of the items this build publishes, in a fixed
    order, and the old addresses of the pages under each (a policy's full
    list of news, /policies/<old>/news/, moved with it). A draft's or an
    embargoed item's are kept back with the item: its old address would
    announce its new one."""
    renamed = [(address, item) for item in published_items(generators) for address in getattr(item, FIELD, None) or ()]
    under = pages_under(generators, own_generator_type, {item.url for _, item in renamed}) if renamed else {}
    found = []
    for address, item in renamed:
        found.append(Move(address, item, item.url))
        if address.endswith("/"):  # a folder, as the item's own address is
            found += [Move(address + rest, item, item.url + rest, rest.strip("/")) for rest in under.get(item.url, ())]
    return sorted(found, key=lambda move: (move.address, move.item.source_path))


def pages_under(generators, own_generator_type: type, addresses: set[str]) -> dict[str, list[str]]:
    """For each of `addresses` (an item's, "policies/housing/"), the rest of
    the address of each page the site writes under it ("news/"): other
    generators' pages, as this one writes only notices."""
    others = [generator for generator in generators if not isinstance(generator, own_generator_type)]
    found: dict[str, list[str]] = {}
    for file in declared_files(others):
        if not file.save_as.endswith(".html"):
            continue  # a calendar file, a picture: no page can stand in for it
        folders = file.url.split("/")[:-2]  # "policies/housing/news/" is under "policies/housing/"
        for end in range(1, len(folders) + 1):
            folder = "/".join(folders[:end]) + "/"
            if folder in addresses:
                found.setdefault(folder, []).append(file.url[len(folder):])
    return found


# The addresses of the lists the site makes from its content: one may come
# with the next post published (a new month, tag or year), so an old address
# of one of these shapes would stop that build, an hourly embargo's too.
LISTING_URL_SETTINGS = ("NEWS_YEAR_URL", "NEWS_MONTH_URL", "TAG_URL", "CATEGORY_URL", "PRESS_ARCHIVE_YEAR_URL",
                        "EVENT_REGION_URL", "EVENT_CATEGORY_URL", "EVENT_YEAR_URL", "RELATED_NEWS_URL", "ELECTION_URL")


def listing_shapes(settings: dict) -> re.Pattern:
    """One pattern for every address a list of the site can have: {year}
    four digits, {month} two, {url} an item's address, any other value one
    part of an address."""
    shapes = [address_pattern(settings[name], PLACEHOLDER_SHAPES)
              for name in LISTING_URL_SETTINGS if settings.get(name)]
    return re.compile("|".join([*shapes, rf"(?:.*/)?{LATER_PAGE}"]), re.IGNORECASE)  # whatever the listing


PLACEHOLDER_SHAPES = {"year": "[0-9]{4}", "month": "[0-9]{1,2}", "url": ".+/"}


def check_old_addresses(generators, own_generator_type: type) -> None:
    """Report every old address, of any item read, that the site uses for
    something else, might use for a list one day, or that two items claim.
    Addresses are compared in lower case: a volunteer's Mac keeps /News/x/
    and /news/x/ in one folder."""
    settings = generators[0].settings
    # The moved-page notices are this generator's own pages, made for these
    # addresses; its files for the host are not (an old address of
    # /_redirects/ made the build write a folder where that file goes).
    others = [generator for generator in generators if not isinstance(generator, own_generator_type)]
    taken = {file.url.lower(): file.made_by for file in [*declared_files(others), *files_for_the_host(settings)]}
    coming = {public_url(item).lower(): problem_log.display_path(path)
              for path, item in unpublished_items(generators).items()}
    site_rules = SiteRules(taken, coming, listing_shapes(settings), own_folders(settings))
    claimed: dict[str, str] = {}
    items = [item for item in sorted(content_items(generators), key=lambda item: item.source_path)
             # A past minifesto edition's copy of a policy: no page of its own,
             # so no address to keep (its old_addresses are the live policy's,
             # which keeps them; a frozen one ended every build in a KeyError).
             if public_save_as(item)]
    own_addresses = {public_url(item).lower(): item for item in published_items(generators)}
    for item in items:
        for index, address in enumerate(getattr(item, FIELD, None) or ()):
            refused = refusal(address, item, site_rules, claimed)
            newcomer = own_addresses.get(address.lower())
            if (refused and newcomer is not None and newcomer is not item and address.lower() in site_rules.taken
                    and type(newcomer) is type(item)):  # of one kind: a page is no new event of that name (an audit)
                refused = taken_again(newcomer, address, site_rules.taken[address.lower()])
            if refused:
                message, fix = refused
                problem_log.add(item.source_path, item_line(item, FIELD, index), FIELD,
                                f"item {index + 1}: {message}", fix)
            claimed.setdefault(address.lower(), os.path.abspath(item.source_path))


def taken_again(newcomer, address: str, taken_by: str) -> tuple[str, str]:
    """(message, fix) for an old address that is another published item's
    own: a file named as this one was before its rename (events/agm.md,
    after agm.md became agm-2027.md keeping /events/agm/), or an old address
    written by mistake. Only the first was told, to remove the old address,
    which hands the old links, calendar entries and feed id of the one item
    to the other (an audit): both fixes are given."""
    folder, name = os.path.split(newcomer.source_path)
    stem = os.path.splitext(name)[0]
    year = getattr(newcomer, "date", None) or getattr(newcomer, "start", None)
    tries = [f"{stem}-{year:%Y}.md"] if year is not None else []
    # Never a name a file has (agm-2022.md may be the renamed one's: a review).
    other_name = next((name for name in [*tries, *(f"{stem}-{n}.md" for n in range(2, 1000))]
                       if not os.path.lexists(os.path.join(folder, name))), f"{stem}-new.md")
    shown = problem_log.display_path(newcomer.source_path)
    return (f"/{address} is still in use: it is the address of {taken_by}",
            f"if {shown} is new, named as this file was before it was renamed, give it another name (e.g. "
            f"{other_name}), so that the links to this one's old address keep leading here; if not, remove "
            f"/{address} from old_addresses")


def file_it_is_inside(key: str, taken: dict) -> str | None:
    """The address of a file the site writes that `key` would need as a
    folder (/_redirects/x/ inside _redirects): the build ended in
    IsADirectoryError or NotADirectoryError, naming no file. A page's
    address ends in "/" (a folder), a file's does not."""
    parts = key.strip("/").split("/")
    return next((prefix for prefix in ("/".join(parts[:end]) for end in range(1, len(parts))) if prefix in taken),
                None)


def files_for_the_host(settings: dict) -> list[SiteFile]:
    """The redirects as the web hosts read them (plugin.py writes them)."""
    return [SiteFile("_redirects", "the redirects file for the host"),
            SiteFile(settings["NGINX_REDIRECTS_SAVE_AS"], "the nginx redirects snippet")]


@dataclass(frozen=True)
class SiteRules:
    taken: dict          # address (lower case) -> what the site writes there
    coming: dict         # address (lower case) -> the unpublished file that will have it
    listing_shapes: re.Pattern
    own_folders: set


def refusal(address: str, item, site: SiteRules, claimed: dict) -> tuple[str, str] | None:
    """(message, fix) if the item may not keep `address`, else None."""
    remove = f"remove /{address} from old_addresses"
    key = address.lower()
    if key == public_url(item).lower():
        if address != public_url(item):  # /News/X/ for /news/x/: one folder on a Mac (an audit)
            return (f"/{address} is this item's own address, /{public_url(item)}, in other capitals (a Mac or "
                    "Windows computer keeps both in one folder)", remove)
        return f"/{address} is this item's own address", remove
    if key in site.taken:
        return (f"/{address} is still in use: it is the address of {site.taken[key]}",
                f"{remove}: only an address nothing else uses can point here")
    inside = file_it_is_inside(key, site.taken)
    if inside:
        return (f"/{address} is inside /{inside}, which is a file the site writes ({site.taken[inside]}), "
                "not a folder", remove)
    if key.split("/")[0] in site.own_folders:
        return f"/{address} is in a folder the site keeps its own files in", remove
    if site.listing_shapes.fullmatch(key):
        return (f"/{address} has the shape of an address the site gives its lists (of a year, a month, a tag, "
                "a listing's later page …): a page of one could come there with the next post", remove)
    if is_known(key, site.taken):
        return f"/{address} is still in use: it is an address of a page the site writes", remove
    if key in site.coming:
        return (f"/{address} is the address {site.coming[key]} will have once it is published",
                f"{remove}, or rename that file")
    earlier = claimed.get(key)
    if earlier == os.path.abspath(item.source_path):
        return f"/{address} is listed twice", "list each old address once"
    if earlier:
        return (f"/{address} is also an old address of {problem_log.display_path(earlier)}",
                "keep it on the item that had it last: one address can lead to one page only")
    return None
