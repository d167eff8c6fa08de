"""A link to a part of one of the site's own pages lands on that part, checked once the site is written.

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
an id its page does not have fails the build at the link's line.

The links are noted once everything is read (links_to_parts.py); a link to
a part of a layout that comes and goes is refused then (layout_parts.py),
and some links are checked then too, before anything is written
(parts_before_writing.py: `--check`'s, a policy's, an embargoed item's), as
are a post's links to commitments by the numbers of an older edition
(cited_commitments.py).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from sitecore.content_items import content_items, public_save_as, published_items, unpublished_items
from sitecore.page_anchors import ids_in, lands
from sitecore.problems import problem_log
from sitecore.publication_order import goes_public_by_itself

from .cited_commitments import EditionsCited
from .layout_parts import LayoutParts
from .links_to_parts import LinkToPart, PagesBySource, links_to_parts
from .missing_parts import report_missing_part
from .page_parts import ids_of_own_page
from .parts_before_writing import (
    check_links_to_items_pages,
    check_links_within,
    check_links_within_a_shared_text,
    checked_before_writing,
    is_minifesto,
)


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
    editions = EditionsCited(generators, pages)
    for item in [*published_items(generators), *embargoed]:
        links = links_to_parts(item, getattr(item, "body_markdown", None), getattr(item, "body_first_line", 1),
                               "body", pages)
        if is_minifesto(item) and "closing_call" in item.frontmatter_lines:
            links += links_to_parts(item, item.closing_call, item.frontmatter_lines["closing_call"],
                                    "closing_call", pages)
        links = [link for link in links if not layout.refused(link)]
        refused = editions.refused(item, links)
        links = [link for link in links if link not in refused]
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
    for item in content_items(generators):
        if not public_save_as(item):  # a text shown on other pages (the notes to editors)
            check_links_within_a_shared_text(item)
    if not settings.get("CONTENT_CHECK_ONLY"):  # nothing is written
        links_of_build.append(noted)


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
    layout = LayoutParts(pelican.settings)
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
                report_missing_part(link, layout.linkable(ids))
                missing += 1
    if missing:  # the build stops here, and sitebuild leaves the last good site in place
        problem_log.raise_if_any()


def register() -> None:
    signals.all_generators_finalized.connect(note_links_to_parts)
    signals.finalized.connect(check_links_to_parts)
