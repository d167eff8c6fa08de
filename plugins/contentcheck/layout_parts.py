"""Which parts of a page's layout a link may go to: those the data names, which stay while the content does.

A page's layout has parts of its own (#release-contacts, #next-events,
#year-2025 on the press archive): sections a template shows only while it
has something for them, which come and go with the news, the events and the
date. A link to one passed at one build and stopped the next, unedited (an
hourly build, where it stops everything that build publishes). So a link
may go to a part of the words (a heading's id), to a part the data names
(#commitment-3, #policy-2, a region on /branches/), or to #main and #top;
a link to any other part of a layout is refused at once, before anything is
written, in `--check` too (`LayoutParts.refused`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from sitecore.heading_ids import CONTENT_ID_VALUES, ID_VALUES, alternatives, theme_id_pattern
from sitecore.problems import problem_log
from sitecore.regions import region_slug

from .links_to_parts import LinkToPart


class LayoutParts:
    """The parts of pages that the templates make (sitecore.heading_ids
    reads every id="…" of the theme), and which of them a link may go to:
    those the data names, which stay while the content does."""

    def __init__(self, settings: dict) -> None:
        patterns = settings["MARKDOWN"]["extension_configs"]["sitecore.heading_ids"]["theme_ids"]
        self.theme = theme_id_pattern(tuple(patterns))
        regions = alternatives(region_slug(region, settings) for region in settings.get("REGIONS", []))
        self.lasting = re.compile("|".join(["main", *(ID_VALUES[value] for value in CONTENT_ID_VALUES), regions]))

    def may_link_to(self, part: str) -> bool:
        """Is `part` (an id, as written) one a link may go to: not a part of
        the layout that comes and goes?"""
        return not self.theme.fullmatch(part) or bool(self.lasting.fullmatch(part))

    def linkable(self, ids: set[str]) -> set[str]:
        """The ids of a page a link may go to: those a missing part's
        message may suggest (suggesting #north-east-title, a region's
        heading on /branches/, had the link refused next)."""
        return {known for known in ids if self.may_link_to(known)}

    def refused(self, link: LinkToPart) -> bool:
        """Report a link to a part of a layout that comes and goes: True if refused."""
        part = unquote(link.part)
        if self.may_link_to(part):
            return False
        problem_log.add(link.source_path, link.line, link.field,
                        f"the link {link.target} goes to #{part}, a part of the page's layout, not of its words: "
                        "a build leaves it out when it has nothing to show there (it comes and goes with the "
                        "news, the events and the date)",
                        "link to the page without #…, or to a heading of its words (## Why it matters is "
                        "#why-it-matters)")
        return True
