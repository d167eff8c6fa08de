"""A link to a part of one of the site's own pages lands on that part.

`/policies/housing/#commitment-3`, `#why-it-matters`: the part after `#`
names an id on the page, and a browser that finds none shows the page's top
with no word of what went wrong; the README tells the press to cite
commitments this way. The link's page is checked before anything is
written (link_checks.py); its ids come from everywhere: the text's headings
(sitecore/heading_ids.py), the data (a policy's numbered commitments, the
policies on the index), the templates (#main). The written page is
the one place that has them all, so this check runs once the site is
written, before sitebuild puts it in place: it reads only the pages a
content link goes to a part of, each once, with selectolax, and a link to
an id its page does not have fails the build at the link's line. `--check`
writes no pages, but the parts of an item's page a link may go to are its
text's and its data's, so it checks links to those from the item
(`check_links_to_items_pages`); a listing's parts wait for the build.

A page's layout has parts of its own (#release-contacts, #next-events,
#year-2025 on the press archive): sections a template shows only while it
has something for them, which come and go with the news, the events and the
date. A link to one passed at one build and stopped the next, unedited (an
hourly build, where it stops everything that build publishes). So a link
may go to a part of the words (a heading's id), to a part the data names
(#commitment-3, #policy-2, a region on /branches/), or to #main and #top;
a link to any other part of a layout is refused at once, before anything is
written, in `--check` too (`layout_part`).

Some links to a part of the item's own page are checked at once, before
anything is written, against its own text's ids and its data's (a policy's
#commitment-3) (`checked_before_writing`):
in `--check`, which writes nothing; a policy's, whose text the minifesto's
PDF prints, which would otherwise stop first on WeasyPrint's "No anchor",
with no line; an embargoed item's, public at its hour at a build no one
reviews (where a problem would stop everything that build publishes),
checked now as the other checks do (sitecore.publication_order). Other
items' wait for the written pages, so a volunteer gets every wrong link in
one build. An embargoed item's links to other pages are checked against
those pages as written now. (A link from one embargoed item to a part of
another is checked once both are public.)
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican import signals
from selectolax.lexbor import LexborHTMLParser

from sitecore.content_items import content_items, public_save_as, published_items, unpublished_items
from sitecore.heading_ids import CONTENT_ID_VALUES, ID_VALUES, alternatives, theme_id_pattern
from sitecore.policy_content import Policy
from sitecore.problems import problem_log
from sitecore.publication_order import goes_public_by_itself
from sitecore.regions import region_slug
from sitecore.urls import is_own_site

from .link_targets import linked_file
from .markdown_scan import scan

# A Markdown body that may hold a link with a #part: [words](…#…), a
# reference's [label]: …#…, or <a href="…#…">. Most bodies have none, and
# scanning each line of every body at every build took a third of a second
# at a thousand posts; this search takes a twentieth.
MAY_LINK_TO_PART = (re.compile(r"\]\([^)\s]*#"), re.compile(r"href\s*=\s*[\"']?[^\"'\s>]*#", re.I),
                    re.compile(r"\]:[ \t]*\S*#"))
# A part every page has (the HTML standard): none, or its top.
EVERY_PAGE_HAS = {"", "top"}
# Ids numbered in a series, and what the series is called, for the fix.
NUMBERED = re.compile(r"(?P<series>.*?)(?P<number>[0-9]+)")
SERIES_NAMES = {"commitment-": "commitments", "policy-": "policies"}


@dataclass(frozen=True, order=True)
class LinkToPart:
    page: str         # the page's file, relative to the output folder
    source_path: str  # the file the link is in
    line: int
    field: str
    target: str       # the link as written
    part: str         # the id it goes to


@dataclass
class NotedLinks:
    """The links to parts of one build, noted once everything is read and
    checked once everything is written; and the ids of each embargoed
    item's own page, not written yet, for its links within it."""

    settings: dict
    links: list[LinkToPart]
    unwritten_ids: dict[str, set[str]]


# The build under way's (one at a time in a process).
links_of_build: list[NotedLinks] = []


def note_links_to_parts(generators) -> None:
    settings = generators[0].settings
    links_of_build.clear()
    pages = PagesBySource(generators)
    embargoed = [item for item in unpublished_items(generators).values() if goes_public_by_itself(item)]
    noted = NotedLinks(settings, [], {})
    layout = LayoutParts(settings)
    for item in [*published_items(generators), *embargoed]:
        links = links_to_parts(item, getattr(item, "body_markdown", None), getattr(item, "body_first_line", 1),
                               "body", pages)
        if is_minifesto(item) and "closing_call" in item.frontmatter_lines:
            links += links_to_parts(item, item.closing_call, item.frontmatter_lines["closing_call"],
                                    "closing_call", pages)
        links = [link for link in links if not layout.refused(link)]
        if not links:
            continue
        own_page = public_save_as(item)
        within = [link for link in links if link.page == own_page]
        if within and checked_before_writing(item, settings):
            check_links_within(item, within)
        elif within and goes_public_by_itself(item):
            noted.unwritten_ids[own_page] = ids_of_own_page(item)
        if settings.get("CONTENT_CHECK_ONLY"):
            check_links_to_items_pages([link for link in links if link.page != own_page], pages)
        noted.links += links
    if not settings.get("CONTENT_CHECK_ONLY"):  # nothing is written
        links_of_build.append(noted)


def is_minifesto(item) -> bool:
    """The minifesto's words (it alone has a closing call): its page shows
    every policy's text too, whose ids (#policy-2-text-…) no template names,
    so links to its parts are checked on the written page only."""
    return getattr(item, "closing_call", None) is not None


def checked_before_writing(item, settings: dict) -> bool:
    return bool(settings.get("CONTENT_CHECK_ONLY") or isinstance(item, Policy)) and not is_minifesto(item)


def ids_of_own_page(item) -> set[str]:
    """The ids of the item's page a link may go to, before it is written:
    its text's, its data's (a policy's #policy-2 and #commitment-3) and
    #main (a link to any other part of the layout is refused: LayoutParts)."""
    data = {*getattr(item, "anchors_where_every_policy_is", {}), *filter(None, [getattr(item, "anchor", None)])}
    return ids_in(item.content or "") | data | {"main"}


def check_links_within(item, links: list[LinkToPart]) -> None:
    """The item's links to parts of its own page, before it is written."""
    report_parts_missing(links, ids_of_own_page(item))


# Ids another text puts on an item's page: the press office's notes to
# editors, under every press release and on /press/ (article.html,
# press.html: ids_within("notes")). Only the written page has them, so a
# link to one is checked by the build, not before.
PARTS_OF_SHARED_TEXTS = re.compile(r"notes-.+")


def report_parts_missing(links: list[LinkToPart], ids: set[str]) -> None:
    """Report each link to a part not among `ids` (but those only the written page can have)."""
    for link in links:
        if not lands(link.part, ids) and not PARTS_OF_SHARED_TEXTS.fullmatch(unquote(link.part)):
            report_missing_part(link, ids)


def check_links_to_items_pages(links: list[LinkToPart], pages: PagesBySource) -> None:
    """`--check` writes no pages, but the parts of an item's page that a
    link may go to are its text's and its data's (ids_of_own_page): links
    to those are checked now, so `invoke check` finds them. A listing's
    parts (/policies/#policy-2, a region on /branches/) and the minifesto's
    wait for the build, which reads them from the written pages."""
    for link in links:
        target = pages.item_at(link.page)
        if target is not None and not is_minifesto(target):
            report_parts_missing([link], pages.ids_of(target))


class LayoutParts:
    """The parts of pages that the templates make (sitecore.heading_ids
    reads every id="…" of the theme), and which of them a link may go to:
    those the data names, which stay while the content does."""

    def __init__(self, settings: dict) -> None:
        patterns = settings["MARKDOWN"]["extension_configs"]["sitecore.heading_ids"]["theme_ids"]
        self.theme = theme_id_pattern(tuple(patterns))
        regions = alternatives(region_slug(region, settings) for region in settings.get("REGIONS", []))
        self.lasting = re.compile("|".join(["main", *(ID_VALUES[value] for value in CONTENT_ID_VALUES), regions]))

    def refused(self, link: LinkToPart) -> bool:
        """Report a link to a part of a layout that comes and goes: True if refused."""
        part = unquote(link.part)
        if not self.theme.fullmatch(part) or self.lasting.fullmatch(part):
            return False
        problem_log.add(link.source_path, link.line, link.field,
                        f"the link {link.target} goes to #{part}, a part of the page's layout, not of its words: "
                        "a build leaves it out when it has nothing to show there (it comes and goes with the "
                        "news, the events and the date)",
                        "link to the page without #…, or to a heading of its words (## Why it matters is "
                        "#why-it-matters)")
        return True


class PagesBySource:
    """Each item's page by its source file, worked out at the first
    {filename} link to a part (an item's address is formatted afresh at each
    ask: a tenth of a second for every item at a thousand posts)."""

    def __init__(self, generators) -> None:
        self.generators = generators
        self.pages: dict[str, str] | None = None
        self.items: dict[str, object] | None = None
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
        return self.items.get(page if page.endswith(".html") else f"{page.rstrip('/')}/index.html")

    def ids_of(self, item) -> set[str]:
        """ids_of_own_page(item), worked out once for all the links to it."""
        if id(item) not in self.ids:
            self.ids[id(item)] = ids_of_own_page(item)
        return self.ids[id(item)]


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
    return unquote(url.path).lstrip("/") or "index.html"


def written_page(output: Path, page: str) -> Path | None:
    """The HTML file the host serves for `page`, if the build wrote one
    inside `output`."""
    path = output / page
    if page.endswith("/") or path.is_dir():
        path = path / "index.html"
    path = Path(os.path.normpath(path))
    if path.suffix != ".html" or not path.is_relative_to(output) or not path.is_file():
        return None
    return path


def ids_in(html: str) -> set[str]:
    """Every id in the HTML, and every <a name>: what a #part finds."""
    tree = LexborHTMLParser(html)
    return ({node.attributes.get("id") or "" for node in tree.css("[id]")}
            | {node.attributes.get("name") or "" for node in tree.css("a[name]")})


def lands(part: str, ids: set[str]) -> bool:
    """As a browser finds a #part: as written, or percent-decoded."""
    return part.lower() in EVERY_PAGE_HAS or part in ids or unquote(part) in ids


def check_links_to_parts(pelican) -> None:
    """Pelican has written the site: every link noted goes to a part its page has."""
    noted = next((noted for noted in links_of_build if noted.settings is pelican.settings), None)
    links_of_build.clear()
    if noted is None:
        return
    output = Path(pelican.settings["OUTPUT_PATH"]).resolve()
    by_page = defaultdict(list)
    for link in sorted(noted.links):
        by_page[link.page].append(link)
    missing = 0
    for page, links in by_page.items():
        written = written_page(output, page)
        if written is not None:
            ids = ids_in(written.read_text(encoding="utf-8"))
        elif page in noted.unwritten_ids:  # an embargoed item's own page
            ids = noted.unwritten_ids[page]
        else:
            continue  # not a page, or not written: the other checks say why
        for link in links:
            if not lands(link.part, ids):
                report_missing_part(link, ids)
                missing += 1
    if missing:  # the build stops here, and sitebuild leaves the last good site in place
        problem_log.raise_if_any()


def report_missing_part(link: LinkToPart, ids: set[str]) -> None:
    address = link.target.partition("#")[0]
    page = "this page" if not address else address
    problem_log.add(link.source_path, link.line, link.field,
                    f"the link {link.target} goes to #{link.part}, which {page} does not have",
                    nearest_parts(link.part, ids, page))


def nearest_parts(part: str, ids: set[str], page: str) -> str:
    """What the link was probably meant to be: the same id in other
    capitals, the series of numbered ids it belongs to, or ids close to it."""
    same = sorted(known for known in ids if known.lower() == part.lower())
    if same:
        return f"did you mean #{same[0]}? (the part must match in capitals too)"
    numbered = NUMBERED.fullmatch(part)
    if numbered:
        series = numbered["series"]
        numbers = sorted(int(found["number"]) for found in map(NUMBERED.fullmatch, ids)
                         if found and found["series"] == series and found["number"] == str(int(found["number"])))
        if numbers:
            name = SERIES_NAMES.get(series, f"#{series}…")
            every = f"#{series}{numbers[0]}" + (f" to #{series}{numbers[-1]}" if len(numbers) > 1 else "")
            return f"{page} has {name} {number_ranges(numbers)} ({every}): check the number"
    close = difflib.get_close_matches(part, sorted(ids), n=3, cutoff=0.6)
    if close:
        return f"did you mean {' or '.join(f'#{known}' for known in close)}?"
    return (f"link to {page} without a #part, or to one of its headings: "
            "## Why it matters is #why-it-matters")


def number_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5"."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def register() -> None:
    signals.all_generators_finalized.connect(note_links_to_parts)
    signals.finalized.connect(check_links_to_parts)
