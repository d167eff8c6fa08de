"""Public addresses, made in one place.

Templates never assemble URLs: they print what these functions made (the
`canonical_url` and `page_url` template filters, see plugins/urlfilters).
"""

from __future__ import annotations


def canonical_url(settings: dict, url: str) -> str:
    """The absolute public URL of a site-relative URL ('' is the home page):
    the sitemap, JSON-LD, feeds' links and policies.json all use it."""
    return settings["SITE_CANONICAL_URL"].rstrip("/") + "/" + url.lstrip("/")


def page_url(save_as: str) -> str:
    """The address a file is served at: news/index.html -> news/ (hosts serve
    a folder's index.html for the folder's address)."""
    if save_as == "index.html" or save_as.endswith("/index.html"):
        return save_as.removesuffix("index.html")
    return save_as


def site_url(settings: dict, url: str) -> str:
    """A link from a page to a site-relative URL: under SITEURL (empty in a
    local build, so links are relative to the root)."""
    return settings.get("SITEURL", "").rstrip("/") + "/" + url.lstrip("/")


def category_feed_url(settings: dict, slug: str) -> str:
    """The site-relative address of a news category's Atom feed."""
    return settings["CATEGORY_FEED_ATOM"].format(slug=slug)



def contact_href(contact: str) -> str:
    """Where a contact link goes: the schema's `contact` is an email address
    or a web address (https://…)."""
    return contact if contact.startswith("https://") else f"mailto:{contact}"
