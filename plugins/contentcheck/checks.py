"""The checks themselves: each looks at one content item and reports."""

from __future__ import annotations

import os
from urllib.parse import urlparse

from frontmatter.problems import problem_log
from frontmatter.publication import build_time

from .markdown_scan import scan
from .site_urls import is_known

INTERNAL_PREFIXES = ("{filename}", "{static}", "{attach}")


def check_item(item, settings: dict, site_urls: set[str]) -> None:
    body = getattr(item, "body_markdown", None)
    if body is None:
        return
    for found in scan(body, getattr(item, "body_first_line", 1)):
        if found.kind in ("link", "image"):
            check_target(item, found, settings, site_urls)
        if found.kind == "image" and not found.text:
            report(item, found.line, "body", f"the image {found.target} has no alt text",
                   "describe it between the brackets: ![what the image shows](…)")
        elif found.kind == "img-without-alt":
            report(item, found.line, "body", "an <img> has no alt text", 'add alt="what the image shows"')
        elif found.kind == "tag":
            check_embed(item, found, settings)
        elif found.kind == "handler":
            report(item, found.line, "body", f"raw HTML with an event handler ({found.target}=…)",
                   "remove it: content cannot run scripts")
    check_front_matter_images(item, settings)
    check_not_in_the_future(item, settings)


def check_target(item, found, settings, site_urls) -> None:
    target = found.target
    for prefix in INTERNAL_PREFIXES:
        if target.startswith(prefix):
            path = urlparse(target[len(prefix):]).path
            if not content_file_exists(item, path, settings):
                report(item, found.line, "body", f"the link {target} points to a file that does not exist",
                       "check the path: it is relative to this file, or to content/ when it starts with /")
            return
    url = urlparse(target)
    if url.scheme in ("mailto", "tel"):
        return
    canonical = urlparse(settings["SITE_CANONICAL_URL"])
    own_site = url.netloc == canonical.netloc and url.scheme in ("http", "https")
    if found.kind == "image" and (url.scheme or url.netloc) and not own_site:
        report(item, found.line, "body", f"the image {target} is on another website",
               "put the image in content/images/ and link it as {static}/images/…: "
               "the site loads nothing from other websites")
        return
    if url.scheme or url.netloc:
        if not own_site:
            return  # a link out is fine; nothing loads until it is clicked
    elif not target.startswith("/"):
        if target.startswith("#"):
            return
        report(item, found.line, "body", f"the link {target} is relative",
               "link to a page by its address starting with / (e.g. /policies/housing/), "
               "or to a file with {filename}")
        return
    if not is_known(url.path.lstrip("/"), site_urls):
        report(item, found.line, "body", f"the link {target} goes to a page the site does not have",
               "check the address: posts are /news/<file name>/, policies /policies/<slug>/")


def content_file_exists(item, path: str, settings) -> bool:
    if path.startswith("/"):
        full = os.path.join(settings["PATH"], path.lstrip("/"))
    else:
        full = os.path.join(os.path.dirname(item.source_path), path)
    return os.path.isfile(os.path.normpath(full))


def check_embed(item, found, settings) -> None:
    source = urlparse(found.text) if found.text else None
    origin = f"{source.scheme}://{source.netloc}" if source and source.netloc else ""
    allowed = settings.get("EMBED_ALLOWLIST") or []
    if found.target in ("script", "iframe") and origin and origin in allowed:
        return
    report(item, found.line, "body", f"raw <{found.target}> in content",
           "remove it (embeds load from other websites and can track readers); "
           "a developer can allow an origin in EMBED_ALLOWLIST in pelicanconf.py")


def check_front_matter_images(item, settings) -> None:
    for field in ("image", "photo"):
        path = getattr(item, field, None)
        if path and not os.path.isfile(os.path.join(settings["PATH"], path)):
            report(item, item.frontmatter_lines.get(field, 1), field, f"there is no file content/{path}",
                   "put the image there, or correct the path")


def check_not_in_the_future(item, settings) -> None:
    date = getattr(item, "date", None)
    if item.__class__.__name__ != "Article" or date is None or getattr(item, "embargo", None):
        return
    if date > build_time(settings):
        report(item, item.frontmatter_lines.get("date", 1), "date",
               f"{date.strftime('%-d %B %Y %H:%M')} is in the future",
               "use today's date, or add 'embargo: <date and time>' to publish it automatically then")


def report(item, line: int, field: str, message: str, fix: str) -> None:
    problem_log.add(item.source_path, line, field, message, fix)
