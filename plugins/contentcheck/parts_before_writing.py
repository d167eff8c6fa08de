"""Links to parts of items' pages checked before anything is written, against their text's and data's ids.

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

`--check` writes no pages, but the parts of an item's page a link may go
to are its text's and its data's, so it checks links to those from the
item (`check_links_to_items_pages`); a listing's parts wait for the build.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from sitecore.page_anchors import ids_in, lands, nearest_parts
from sitecore.policy_content import Policy
from sitecore.problems import problem_log

from .links_to_parts import LinkToPart, PagesBySource
from .markdown_scan import scan
from .missing_parts import report_missing_part
from .page_parts import ids_of_own_page


def is_minifesto(item) -> bool:
    """The minifesto's words (it alone has a closing call): its page shows
    every policy's text too, whose ids (#policy-2-text-…) no template names,
    so links to its parts are checked on the written page only."""
    return getattr(item, "closing_call", None) is not None


def checked_before_writing(item, settings: dict) -> bool:
    return bool(settings.get("CONTENT_CHECK_ONLY") or isinstance(item, Policy)) and not is_minifesto(item)


def check_links_within(item, links: list[LinkToPart]) -> None:
    """The item's links to parts of its own page, before it is written."""
    report_parts_missing(links, ids_of_own_page(item))


def check_links_within_a_shared_text(item) -> None:
    """A text with no page of its own, shown on others (the press office's
    notes to editors, on /press/ and under every press release): a #part
    alone goes to one of its own headings, whose ids it keeps wherever it
    is shown (plugins/contenthtml: ids_within), or to nothing. A link to
    anything else was published as it was, going nowhere (a fuzzing audit)."""
    body = getattr(item, "body_markdown", None)
    if not body or "#" not in body:
        return
    ids = ids_in(item.content or "") | {"main"}  # every page that shows it has #main
    for found in scan(body, getattr(item, "body_first_line", 1)):
        part = found.target[1:]
        if found.kind == "link" and found.target.startswith("#") and not lands(part, ids):
            problem_log.add(item.source_path, found.line, "body",
                            f"the link {found.target} goes to #{part}, which this text does not have: it is shown "
                            "on several pages, and a #part alone goes to one of its own headings",
                            nearest_parts(part, ids - {""}, "this text",
                                          "link to one of its headings (## Background is #background), or to "
                                          "another page by its address (/policies/housing/#commitment-3)"))


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
