"""The checks themselves: each looks at one content item and reports."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from pelican.contents import Article
from PIL import Image

from sitecore import html_allowlist
from sitecore.clock import as_written, build_time, has_passed, instant
from sitecore.content_items import public_url
from sitecore.html_allowlist import refusals
from sitecore.images import cut_short
from sitecore.names import inside
from sitecore.problems import problem_log
from sitecore.publication_order import naming_refused, waits_for_review
from sitecore.schema.document import item_line
from sitecore.settings_check import our_setting
from sitecore.site_files import is_known
from sitecore.text_memo import TextMemo, fingerprint

from .link_targets import did_you_mean, linked_file
from .markdown_scan import scan

INTERNAL_PREFIXES = ("{filename}", "{static}", "{attach}")
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
IMAGE_FIX = "save it as JPEG, PNG, WebP or GIF (phone photos in HEIC need converting first)"


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
        self.embeds = our_setting(settings, "EMBED_ALLOWLIST")
        self.content_root = os.path.realpath(settings["PATH"])
        # Published HTML the allowlist has passed before (sitecore/text_memo.py).
        self.allowlist_passed = TextMemo(settings["CACHE_PATH"], "allowlist-passed",
                                         fingerprint((html_allowlist,), ("selectolax",), list(self.embeds)))

    def passes_allowlist(self, html: str) -> bool:
        if self.allowlist_passed.get(html) is not None:
            return True
        if refusals(html, self.embeds):
            return False
        self.allowlist_passed.put(html, "")
        return True


def check_item(item, site: SiteFacts, timeless: bool = True) -> bool:
    """Every check of `item`, or, when not `timeless`, only those that read
    the clock (its date and its "Updated" date against now); whether the
    others found nothing."""
    body = getattr(item, "body_markdown", None)
    if body is None:
        return True
    found = len(problem_log)
    if timeless:
        check_links(item, body, getattr(item, "body_first_line", 1), site, "body")
        if getattr(item, "closing_call", None) and "closing_call" in item.frontmatter_lines:
            # The minifesto's closing call is Markdown too: its links are checked like a body's.
            check_links(item, item.closing_call, item.frontmatter_lines["closing_call"], site, "closing_call")
        check_front_matter_images(item, site.settings)
        check_tags_make_addresses(item)
        check_links_as_published(item, site)
        check_issued_when_embargo_lifts(item)
        check_modified_after_date(item)
    timeless_passed = len(problem_log) == found
    check_not_in_the_future(item, site.settings)
    check_modified_not_in_the_future(item, site.settings)
    return timeless_passed


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
        elif found.kind == "img-without-alt":
            report(item, found.line, field, "an <img> has no alt text", 'add alt="what the image shows"')
        elif found.kind == "link-without-words":
            # Read aloud as "link" and nothing more; on screen, nothing to click (axe: link-name).
            where = "<a …> and </a>" if found.text == "(html)" else "the brackets: [what the link leads to](…)"
            report(item, found.line, field, f"the link to {found.target} has no words",
                   f"write the link's words between {where}")


def check_tags_make_addresses(item) -> None:
    for tag in getattr(item, "tags", None) or []:
        if not tag.slug:
            report(item, item.frontmatter_lines.get("tags", 1), "tags",
                   f'"{tag.name}" has no letters or digits, so it cannot have a page',
                   "use words for tags, e.g. housing, nhs")


def scheme_of(target: str) -> str:
    try:
        return urlparse(target).scheme.lower()
    except ValueError:
        return ""  # reported as an invalid address by check_target


def unsafe_scheme(target: str) -> bool:
    return scheme_of(target) not in SAFE_SCHEMES and not target.startswith(INTERNAL_PREFIXES)


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


def check_target(item, found, site: SiteFacts, field: str = "body") -> None:
    settings, target = site.settings, found.target
    try:
        url = urlparse(target)
    except ValueError:
        report(item, found.line, field, f"the link {target} is not a valid address", "check it for typing mistakes")
        return
    for prefix in INTERNAL_PREFIXES:
        if target.startswith(prefix):
            check_internal_file(item, found, unquote(urlparse(target[len(prefix):]).path), site, field)
            return
    if url.scheme in ("mailto", "tel"):
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
    if not is_known(path, site.site_urls):
        unpublished = next((target for address, target in site.unpublished_urls.items() if is_known(path, {address})), None)
        if unpublished is not None:
            check_unpublished_target(item, found, unpublished, field)
        elif found.kind == "image":
            report(item, found.line, field, f"there is no image content/{path}",
                   did_you_mean(site.content_root, path, lambda near: f"/{near}",
                                "put the picture in content/images/ and write its name as it is there"))
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


def check_image_file(item, line: int, field: str, path: str, content: str, where: str = "") -> None:
    """The image at `path` opens and is whole; `content`: the content folder."""
    if draft_waits(item):
        return  # its image is held back, and checked when it is published (plugins/contentfiles)
    if not inside(path, content):
        return  # a symbolic link, refused at its own path (plugins/contentfiles): never opened
    try:
        with Image.open(path) as image:
            image_format = image.format
            image.verify()
    except Exception as error:  # Pillow raises several kinds for a bad file
        report(item, line, field,
               f"{where}{os.path.basename(path)} is not an image the site can use ({type(error).__name__})", IMAGE_FIX)
        return
    if cut_short(path, image_format):
        report(item, line, field, f"{where}{os.path.basename(path)} is cut short: the file ends before the image does",
               "upload the picture again, or save it again from the original")


def draft_waits(item) -> bool:
    """A draft (not an embargoed item, which goes public by itself) in a
    public build: its images are held back and checked once it is
    published, so a volunteer's draft never stops the hourly build."""
    # A file whose front matter could not be read has no settings: its images are checked.
    return getattr(item, "settings", None) is not None and waits_for_review(item)


def check_front_matter_images(item, settings) -> None:
    """Every image the front matter names (the schema says which fields are
    images: `image`, a councillor's `photo`, the press kit's photos)."""
    for image in getattr(item, "frontmatter_images", ()):
        where = f"{image.where}: " if image.where else ""
        full = os.path.join(settings["PATH"], image.path)
        if not os.path.isfile(full):
            report(item, image.line, image.field, f"{where}there is no file content/{image.path}",
                   did_you_mean(os.path.realpath(settings["PATH"]), image.path, str,
                                "put the image there, or correct the path"))
        else:
            check_image_file(item, image.line, image.field, full, settings["PATH"], where)


def check_not_in_the_future(item, settings) -> None:
    date = getattr(item, "date", None)
    # An embargoed post's date is its embargo (check_issued_when_embargo_lifts):
    # in the future until the embargo lifts, and the post unpublished until then.
    if not isinstance(item, Article) or date is None or getattr(item, "embargo", None):
        return
    if not has_passed(date, build_time(settings)):
        report(item, item.frontmatter_lines.get("date", 1), "date",
               f"{date.strftime('%-d %B %Y %H:%M')} is in the future",
               "use today's date, or add 'embargo: <date and time>' to publish it automatically then")


def date_as_written(moment) -> str:
    """A post's date as a volunteer writes it: a date alone when it is
    midnight (which is what a date alone reads as)."""
    return moment.strftime("%Y-%m-%d") if (moment.hour, moment.minute) == (0, 0) else as_written(moment)


def check_issued_when_embargo_lifts(item) -> None:
    """A press release is issued when its embargo lifts, so its date (what
    the page, the feeds and the structured data say) is that moment: a date
    a year out is a typo that would publish it early, and any other date
    tells the press it was out before it was."""
    date, embargo = getattr(item, "date", None), getattr(item, "embargo", None)
    if not isinstance(item, Article) or date is None or embargo is None:
        return
    # A date alone on the embargo's day is the embargo's moment already
    # (plugins/frontmatter/reader.py: issued_at).
    if instant(date) == instant(embargo):
        return
    lifts = as_written(embargo)
    fix = f"write 'date: {lifts}': a release is issued when its embargo lifts"
    if date.year != embargo.year and date.month == embargo.month:  # one year typed wrong
        fix = (f"check the year: write the same moment in both, 'date: {lifts}' "
               f"or 'embargo: {date.strftime('%Y-%m-%d')} {embargo.strftime('%H:%M')}'")
    report(item, item.frontmatter_lines.get("date", 1), "date",
           f"{date_as_written(date)} is not when the embargo lifts ({date_as_written(embargo)})", fix)


@dataclass(frozen=True)
class RecordedChange:
    """A change a post records: its `modified` date, or a correction's."""
    field: str
    line: int
    moment: object
    where: str       # inside the field: "" or "item 2, date: "
    if_before: str   # the fix when it is before the post's date
    if_future: str   # the fix when it is in the future


def changes_as_written(item) -> list[RecordedChange]:
    """Each change a post records, with its date as written."""
    if not isinstance(item, Article):
        return []
    lines = item.frontmatter_lines
    found = []
    if getattr(item, "modified_as_written", None) is not None:
        found.append(RecordedChange(
            "modified", lines.get("modified", 1), item.modified_as_written, "",
            "give the date you last changed the post, on or after its date, or remove the line",
            "give the date you last changed the post (today's at the latest)"))
    for index, correction in enumerate(getattr(item, "corrections", None) or ()):
        found.append(RecordedChange(
            "corrections", item_line(item, "corrections", index, "date"),
            correction["date"], f"item {index + 1}, date: ",
            "give the day the post was corrected, on or after its date",
            "give the day the post was corrected (today's at the latest)"))
    return found


def check_modified_after_date(item) -> None:
    """"Updated …" before the post's date would say it changed before it
    was written; so would a correction. By day, as the page shows it: a post
    of 09:00 updated later that day may say `modified:` with that day alone
    (midnight)."""
    date = getattr(item, "date", None)
    for change in changes_as_written(item) if date is not None else ():
        if change.moment.date() < date.date():
            report(item, change.line, change.field, f"{change.where}{date_as_written(change.moment)} is before the "
                   f"post's date ({date_as_written(date)})", change.if_before)


def check_modified_not_in_the_future(item, settings) -> None:
    """A future "Updated …" or correction would show on the page and date
    the feed's <updated> ahead: it reads the clock, so it runs at every build."""
    now = build_time(settings)
    for change in changes_as_written(item):
        if not has_passed(change.moment, now):
            report(item, change.line, change.field, f"{change.where}{date_as_written(change.moment)} is in the future",
                   change.if_future)


def report(item, line: int, field: str, message: str, fix: str) -> None:
    problem_log.add(item.source_path, line, field, message, fix)
