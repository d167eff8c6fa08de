"""What is published of rendered HTML: everything outside the allowlist removed, by nh3.

`clean(html)` runs nh3 (Ammonia, on html5ever) with the allowlist of
sitecore/html_allowlist.py over what is published, the same list
sitecore/html_refusals.py reports from: so even if the two parsers ever
disagreed, nothing outside the list could reach a page.
"""

from __future__ import annotations

from functools import lru_cache

import nh3

from sitecore.html_allowlist import URL_SCHEMES, alignment_as_class, allowed_tags, value_allowed


@lru_cache(maxsize=8)
def _cleaner(embed_allowlist: tuple[str, ...]) -> nh3.Cleaner:
    tags = allowed_tags(embed_allowlist)

    def keep_allowed_value(tag: str, attribute: str, value: str) -> str | None:
        return value if value_allowed(tag, attribute, value, embed_allowlist) else None

    return nh3.Cleaner(
        tags=set(tags),
        attributes={tag: set(attributes) for tag, attributes in tags.items()},
        attribute_filter=keep_allowed_value,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,  # links are the writer's; nothing is added
    )


def clean(html: str, embed_allowlist=()) -> str:
    """`html` with everything outside the allowlist removed (what is published)."""
    return _cleaner(tuple(embed_allowlist or ())).clean(alignment_as_class(html or ""))
