"""Public addresses, made in one place.

Templates never assemble URLs: they print what these functions made (the
`canonical_url` and `page_url` template filters, see plugins/urlfilters).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit


def canonical_url(settings: dict, url: str) -> str:
    """The absolute public URL of a site-relative URL ('' is the home page):
    the sitemap, JSON-LD, feeds' links and policies.json all use it."""
    return settings["SITE_CANONICAL_URL"].rstrip("/") + "/" + url.lstrip("/")


def address_pattern(url_setting: str, shapes: dict[str, str]) -> str:
    """An address setting ("events/{slug}/", "news/{date:%Y}/") as a regular
    expression: each {placeholder} as its shape in `shapes`, by its name
    ("slug", "date"), any other as one part of an address."""
    parts = re.split(r"(\{[^}]*\})", url_setting)
    return "".join(shapes.get(part.strip("{}").split(":")[0], "[^/]+") if part.startswith("{") else re.escape(part)
                   for part in parts)


def subscription_url(settings: dict, url: str) -> str:
    """The webcal: address of a calendar (site-relative `url`): a link a
    phone or computer opens in its calendar app as a subscription, which
    it fetches again and again, where the https: address is downloaded and
    imported once, a copy that never learns of a cancellation."""
    return "webcal://" + canonical_url(settings, url).split("://", 1)[1]


def is_own_site(address, settings: dict) -> bool:
    """Is `address` (split with urllib) a link to the site, however its host
    is written (BreakthroughParty.org.uk, www.…, //…), by http(s)? For links,
    which are followed; not for what a page loads, which must be the exact origin."""
    def host(netloc: str) -> str:
        return netloc.lower().removeprefix("www.")

    own = urlsplit(settings["SITE_CANONICAL_URL"]).netloc
    return address.scheme.lower() in ("", "http", "https") and bool(address.netloc) \
        and host(address.netloc) == host(own)


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


def category_of_feed(context: dict, feed_url: str, domain: str) -> tuple | None:
    """(the category, its posts) whose Atom feed is at `feed_url` (absolute,
    on `domain`), or None."""
    for category, posts in context.get("categories", []):
        if feed_url == f"{domain}/{category_feed_url(context, category.slug)}":
            return category, posts
    return None


def entry_address(item: dict) -> str:
    """A feed entry's post, by its site-relative address (an item's url)."""
    return urlsplit(item["link"]).path.lstrip("/")


def contact_href(contact: str) -> str:
    """Where a contact link goes: the schema's `contact` is an email address
    or a web address (https://…)."""
    return contact if contact.startswith("https://") else mailto_href(contact)


def mailto_href(address: str) -> str:
    """A mailto: link to `address`, its part before the @ percent-encoded
    as RFC 6068 asks: an address may hold "?", "&", "=" and "%", and written
    as it is, `press?bcc=someone%40example.org&x=@party.org` made the link
    copy every message to someone else."""
    local, _, domain = address.rpartition("@")
    return f"mailto:{quote(local, safe=MAILTO_LOCAL_SAFE)}@{domain}"


# What a mailto: address keeps as written before its @ (RFC 6068's
# unreserved characters and the sub-delimiters it leaves alone).
MAILTO_LOCAL_SAFE = "!$'()*+,-._~"


def site_address_problems(settings: dict) -> list[tuple[str, str, str]]:
    """(setting, message, fix) for a site address the site cannot work at.
    Every page, the search page's script, the browser editor and the server
    snippets address the site from the root of its domain (`/theme/…`,
    `/pagefind/…`, a volunteer's `/policies/housing/`), so an address with a
    path, such as a GitHub project site's https://user.github.io/repo/,
    would publish a site whose search, editor and links are broken."""
    problems = []
    for setting in ("SITE_CANONICAL_URL", "SITEURL"):
        value = settings.get(setting) or ""
        if not value or (setting == "SITEURL" and value == settings.get("SITE_CANONICAL_URL")):
            continue  # a local build's SITEURL is empty; the same address is reported once
        address = urlsplit(value)
        if address.scheme not in ("https", "http") or not address.netloc:
            problems.append((setting, f'"{value}" is not a web address',
                             "write the site's address with https://, e.g. https://breakthroughparty.org.uk"))
        elif address.path.strip("/") or address.query or address.fragment:
            problems.append((setting, f'"{value}" has a path after the domain ({address.path}): the site works only '
                                      "at the root of a domain",
                             f"give the site a domain or subdomain of its own (on GitHub Pages, a custom domain) "
                             f"and set {setting} to it, e.g. https://{address.netloc}"))
    return problems

