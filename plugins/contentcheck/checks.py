"""Every check of one content item, in one call: all of them, or only those that read the clock."""

from __future__ import annotations

from sitecore.problems import problem_log

from .date_checks import (
    check_days_gone_by,
    check_issued_when_embargo_lifts,
    check_modified_after_date,
    check_modified_not_in_the_future,
    check_not_in_the_future,
)
from .image_checks import check_front_matter_images
from .link_checks import check_links, check_links_as_published
from .site_facts import SiteFacts
from .tag_addresses import check_tags_make_addresses


def check_item(item, site: SiteFacts, only_the_clock: bool = False) -> bool:
    """Every check of `item`, or with `only_the_clock` only those that read
    the clock (its date, its "Updated" date and a councillor's `joined`
    against now, which run every build); whether the others found nothing."""
    body = getattr(item, "body_markdown", None)
    if body is None:
        return True
    found = len(problem_log)
    if not only_the_clock:
        check_links(item, body, getattr(item, "body_first_line", 1), site, "body")
        if getattr(item, "closing_call", None) and "closing_call" in item.frontmatter_lines:
            # The minifesto's closing call is Markdown too: its links are checked like a body's.
            check_links(item, item.closing_call, item.frontmatter_lines["closing_call"], site, "closing_call")
        check_front_matter_images(item, site.settings)
        check_tags_make_addresses(item)
        check_links_as_published(item, site)
        check_issued_when_embargo_lifts(item, site.settings)
        check_modified_after_date(item)
    others_passed = len(problem_log) == found
    check_not_in_the_future(item, site.settings)
    check_modified_not_in_the_future(item, site.settings)
    check_days_gone_by(item, site.settings)
    return others_passed
