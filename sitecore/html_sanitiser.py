"""What is published of rendered HTML: everything outside the allowlist removed, by nh3.

`clean(html)` runs nh3 (Ammonia, on html5ever) with the allowlist of
sitecore/html_allowlist.py over what is published, the same list
sitecore/html_refusals.py reports from: so even if the two parsers ever
disagreed, nothing outside the list could reach a page.
"""

from __future__ import annotations

from functools import lru_cache

import nh3

from sitecore.html_allowlist import ALLOWED_TAGS, URL_SCHEMES, alignment_as_class, value_allowed


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    def keep_allowed_value(tag: str, attribute: str, value: str) -> str | None:
        return value if value_allowed(tag, attribute, value) else None

    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attributes) for tag, attributes in ALLOWED_TAGS.items()},
        attribute_filter=keep_allowed_value,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,  # links are the writer's; nothing is added
    )


def clean(html: str) -> str:
    """`html` with everything outside the allowlist removed (what is published)."""
    return _cleaner().clean(alignment_as_class(html or ""))
