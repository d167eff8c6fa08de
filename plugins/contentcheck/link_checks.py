"""Links and images in an item's Markdown: each goes where the site has something, with words.

A link or an image's address is resolved as Pelican will resolve it; one
that leads nowhere, out of content/, to an item not yet public, or to a
picture on another website is reported at its line with the fix. Links
are checked again as published, once Pelican has made them addresses.
"""

from __future__ import annotations

import os
import posixpath
import re
from html import unescape
from urllib.parse import unquote, urlparse

from sitecore.html_allowlist import OTHER_WEBSITE_WITHOUT_SCHEME, goes_up_a_folder
from sitecore.names import MARKDOWN_SUFFIXES
from sitecore.problems import problem_log
from sitecore.publication_order import naming_refused
from sitecore.schema.fields import describes_nothing
from sitecore.site_files import is_known

from .image_checks import check_image_file
from .item_problems import report
from .link_targets import did_you_mean, linked_file
from .markdown_scan import scan
from .site_facts import SiteFacts

INTERNAL_PREFIXES = ("{filename}", "{static}", "{attach}")
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


def check_links_as_published(item, site: SiteFacts) -> None:
    """The allowlist ran before Pelican turned {filename}/{static} links into
    addresses; run it again on what will be published, so no address Pelican
    makes (from a file or folder name) can carry markup into a page."""
    settings = site.settings
    published = []
    # Pelican rewrites only {what} and |what| markers: a body without either
    # is published as the allowlist left it (and most bodies have none).
    if any(marker in (item._content or "") for marker in "{|"):
        published.append(("body", item.get_content(settings["SITEURL"]), getattr(item, "body_first_line", 1)))
    if getattr(item, "closing_call_html", None):
        published.append(("closing_call", item.closing_call_content, item.frontmatter_lines.get("closing_call", 1)))
    siteurl = settings.get("SITEURL") or ""
    for field, html, line in published:
        if siteurl:  # the site's own absolute addresses (publishconf.py) are site paths
            html = html.replace(f'="{siteurl}/', '="/')
        if not site.passes_allowlist(html):
            report(item, line, field, "a link turns into unsafe HTML once the site makes it an address",
                   "write {filename} and {static} links as plain paths to files with plain names")


def check_links(item, markdown: str, first_line: int, site: SiteFacts, field: str) -> None:
    """Links and images in Markdown. Unsafe HTML and link schemes are the
    reader's allowlist's to refuse (sitecore/html_allowlist.py)."""
    for found in scan(markdown, first_line):
        if found.kind in ("link", "image") and not unsafe_scheme(found.target):
            check_target(item, found, site, field)
        if found.kind == "image" and not found.text and found.only_content_of_link:
            report(item, found.line, field,
                   f"the link to {found.only_content_of_link} has no words: its image has no alt text",
                   "say where the link goes between the image's brackets: "
                   f"[![what the link leads to]({found.target})]({found.only_content_of_link})")
        elif found.kind == "image" and not found.text:
            report(item, found.line, field, f"the image {found.target} has no alt text",
                   "describe it between the brackets: ![what the image shows](…)")
        elif found.kind == "image" and describes_nothing(found.text):
            report(item, found.line, field,
                   f'the image {found.target} has the alt text "{found.text}", which says nothing of what it shows',
                   "describe it between the brackets: ![what the image shows](…)")
        elif found.kind == "img-without-alt":
            report(item, found.line, field, "an <img> has no alt text", 'add alt="what the image shows"')
        elif found.kind == "link-without-words":
            # Read aloud as "link" and nothing more; on screen, nothing to click (axe: link-name).
            where = "<a …> and </a>" if found.text == "(html)" else "the brackets: [what the link leads to](…)"
            report(item, found.line, field, f"the link to {found.target} has no words",
                   f"write the link's words between {where}")


def scheme_of(target: str) -> str:
    try:
        return urlparse(target).scheme.lower()
    except ValueError:
        return ""  # reported as an invalid address by check_target


def unsafe_scheme(target: str) -> bool:
    """A link the allowlist refuses for where it goes (sitecore/html_allowlist.py),
    which the checks here leave to it: one mistake, one message."""
    return ((scheme_of(target) not in SAFE_SCHEMES and not target.startswith(INTERNAL_PREFIXES))
            or bool(OTHER_WEBSITE_WITHOUT_SCHEME.match(target)))


# What a link without a scheme was probably meant to be: an email address,
# or another website given by its name (www.example.org, example.org/page).
EMAIL_ADDRESS = re.compile(r"^[^@/\s]+@[^@/\s]+\.[^@/\s]+$")
WEBSITE_NAME = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,}|xn--[a-z0-9-]+)(?:[/?#:]|$)", re.I)


def relative_link_fix(target: str, kind: str = "link") -> str:
    """How to write a link (or an image's address) that has no scheme and no leading /."""
    if kind == "image":
        # From the page's address (/news/<file name>/) a browser looks for
        # it under the page: the picture is content/images/…, written {static}/images/….
        in_content = posixpath.normpath(target).lstrip("./") or target
        return f"write the picture's path from content/ after {{static}}/: {{static}}/{in_content}"
    if EMAIL_ADDRESS.match(target):
        return f"to link an email address, write mailto: before it: (mailto:{target})"
    a_file_here = "/" not in target and target.lower().endswith((".md", ".html", ".jpg", ".png", ".pdf"))
    if WEBSITE_NAME.match(target) and not a_file_here:  # housing.md is a file, not Moldova
        return f"to link another website, write its whole address with https:// (https://{target})"
    return ("link to a page by its address starting with / (e.g. /policies/housing/), "
            "or to a file with {filename}")


# The setting that makes the address of each content type's pages, by schema name.
URL_SETTING = {"post": "ARTICLE_URL"}


def page_of_an_unreadable_file(path: str, settings: dict) -> bool:
    """Is `path` (no leading /) the page a content file would make whose own
    file could not be read (a quote never closed in 02-housing.md)? A link
    to /policies/housing/ was then told as going nowhere, in a post that
    was right."""
    for kind, slug in problem_log.unreadable:
        pattern = settings.get(URL_SETTING.get(kind, f"{kind.upper()}_URL"))
        try:
            address = pattern.format(slug=slug)
        except (AttributeError, KeyError, IndexError):
            continue  # no such setting, or an address made of more than the slug
        if is_known(path, {address}):
            return True
    return False


def check_target(item, found, site: SiteFacts, field: str = "body") -> None:
    # As the page's HTML reads the address: "&#106;avascript:" is a link's
    # "javascript:" (told from the rendered HTML), not a relative link.
    settings, target = site.settings, unescape(found.target)
    try:
        url = urlparse(target)
    except ValueError:
        report(item, found.line, field, f"the link {target} is not a valid address", "check it for typing mistakes")
        return
    for prefix in INTERNAL_PREFIXES:
        if target.startswith(prefix):
            # A `..` in the path is refused by the allowlist, with the path to
            # write from content/: one message for one mistake, not a second
            # one saying where it points.
            if not goes_up_a_folder(target):
                check_internal_file(item, found, unquote(urlparse(target[len(prefix):]).path), site, field)
            return
    if url.scheme in ("mailto", "tel"):
        return
    if url.scheme.lower() in ("http", "https") and not url.netloc:
        # "https:example.org" is, to a browser on this site, a page of this
        # site (/example.org), and "http:example.org" another website: a
        # slip either way, which no other check saw.
        address = target.split(":", 1)[1].lstrip("/\\")
        report(item, found.line, field, f"the {found.kind} {target} has no // after its {url.scheme}:",
               f"write it as {url.scheme.lower()}://{address}")
        return
    # An image is loaded from its exact origin (www. is another, which the
    # pages' policy refuses); a link, which is followed, is the site's
    # however its host is spelt (sitecore.urls.is_own_site).
    canonical = urlparse(settings["SITE_CANONICAL_URL"])
    own_site = url.netloc == canonical.netloc and url.scheme in ("http", "https")
    if found.kind == "image" and (url.scheme or url.netloc) and not own_site:
        report(item, found.line, field, f"the image {target} is on another website",
               "put the image in content/images/ and link it as {static}/images/…: "
               "the site loads nothing from other websites")
        return
    if url.scheme or url.netloc:
        return  # a link out (other schemes are reported from the rendered HTML)
    if not target.startswith("/"):
        if not target.startswith("#"):
            report(item, found.line, field, f"the {found.kind} {target} is relative",
                   relative_link_fix(target, found.kind))
        return
    path = unquote(url.path).lstrip("/")
    if ".." in path.split("/"):
        # Not looked for, and nothing near it listed: the way out of the site's folder.
        report(item, found.line, field, f"the {found.kind} {target} goes up a folder with ..",
               "a link may not use .. (going up a folder): write the address from the site's top, e.g. "
               + ("/images/name.jpg" if found.kind == "image" else "/news/<file name>/"))
        return
    if not is_known(path, site.site_urls):
        unpublished = next((target for address, target in site.unpublished_urls.items() if is_known(path, {address})), None)
        if unpublished is not None:
            check_unpublished_target(item, found, unpublished, field)
        elif found.kind == "image":
            report(item, found.line, field, f"there is no image content/{path}",
                   did_you_mean(site.content_root, path, lambda near: f"/{near}",
                                "put the picture in content/images/ and write its name as it is there"))
        elif page_of_an_unreadable_file(path, settings):
            pass  # that file's own problem is told: the link is right once it is mended
        elif path != path.lower() and is_known(path.lower(), site.site_urls):
            report(item, found.line, field, f"the link {target} goes to a page the site does not have",
                   f"did you mean /{path.lower()}? (addresses are in lower case)")
        else:
            report(item, found.line, field, f"the link {target} goes to a page the site does not have",
                   "check the address: posts are /news/<file name>/, policies /policies/<slug>/")
    elif found.kind == "image":
        check_image_file(item, found.line, field, os.path.join(settings["PATH"], unquote(url.path).lstrip("/")),
                         settings["PATH"])


def check_internal_file(item, found, path: str, site: SiteFacts, field: str = "body") -> None:
    full = linked_file(item, path, site.settings)
    content_root = site.content_root
    if os.path.commonpath([os.path.realpath(full), content_root]) != content_root:
        report(item, found.line, field, f"the link {found.target} points outside content/",
               "link only to files in content/: anything else would be published from the build machine")
    elif not os.path.isfile(full):
        marker = found.target[:found.target.index("}") + 1]
        report(item, found.line, field, f"the link {found.target} points to a file that does not exist",
               did_you_mean(content_root, os.path.relpath(os.path.realpath(full), content_root).replace(os.sep, "/"),
                            lambda near: f"{marker}/{near}",
                            "check the path: it is relative to this file, or to content/ when it starts with /"))
    elif os.path.abspath(full) in site.unpublished:
        check_unpublished_target(item, found, site.unpublished[os.path.abspath(full)], field)
    elif found.kind == "image":
        check_image_file(item, found.line, field, full, content_root)
    if found.target.startswith("{filename}") and not full.endswith(MARKDOWN_SUFFIXES) and os.path.isfile(full):
        # It works (Pelican publishes the file), but Pelican said so in a
        # warning of its own, with no line and no fix (a fuzz audit).
        problem_log.warn(item.source_path, found.line, field,
                         f"the link {found.target} uses {{filename}} for a file that is not a page",
                         f"write {{static}}{found.target[len('{filename}'):]}: {{filename}} is for pages (.md)")


def check_unpublished_target(item, found, target, field: str) -> None:
    """A link to a draft or embargoed item: refused unless the target is
    public no later than `item` (a press release linking to the event it
    announces, under the same embargo). A file whose front matter has a
    mistake has no embargo yet: decided once it reads."""
    if item in problem_log.partly_read:
        return
    refused = naming_refused(item, target.slug, target, remove="remove the link")
    if refused is not None:
        message, fix = refused
        report(item, found.line, field, f"the link {found.target} goes to an item not yet public: {message}",
               f"{fix}: the link would be broken, and would give the story away")
