"""What the content checks need to know about the whole site, gathered once a build.

The site's addresses, what is not yet public and where content/ is; and
the published HTML the allowlist has passed in earlier builds, which is
not parsed again.
"""

from __future__ import annotations

import os
import sys

from sitecore import html_allowlist, html_refusals, html_sanitiser, language_tags
from sitecore.content_items import public_url
from sitecore.html_refusals import refusals
from sitecore.text_memo import TextMemo, fingerprint


class SiteFacts:
    """What the checks need to know about the whole site."""

    def __init__(self, settings: dict, site_urls: set[str], unpublished: dict):
        self.settings = settings
        self.site_urls = site_urls
        # Drafts and embargoed items, by source path and by the address
        # they will have: a link to one is refused unless it is public no
        # later than the item that links to it (sitecore.publication_order).
        self.unpublished = unpublished
        self.unpublished_urls = {public_url(item): item for item in unpublished.values()}
        self.content_root = os.path.realpath(settings["PATH"])
        # Published HTML the allowlist has passed before (sitecore/text_memo.py).
        self.allowlist_passed = TextMemo(settings["CACHE_PATH"], "allowlist-passed",
                                         fingerprint((sys.modules[__name__], html_allowlist, html_refusals,
                                                      html_sanitiser, language_tags), ("selectolax", "langcodes"),
                                                     []))

    def passes_allowlist(self, html: str) -> bool:
        if self.allowlist_passed.get(html) is not None:
            return True
        if refusals(html):
            return False
        self.allowlist_passed.put(html, "")
        return True
