"""Which files under content/ an item uses: images and downloads it links or names."""

from __future__ import annotations

import os
import re
from html import unescape
from urllib.parse import unquote, urlsplit

URL_IN_HTML = re.compile(r'\b(?:src|href)="(?P<url>[^"]+)"')
INTERNAL = re.compile(r"^\{(?:static|attach|filename)\}")


def content_path(url: str, item, settings) -> str | None:
    """The content-relative path a URL in an item names, or None if it names
    no file (a page, another website …)."""
    url = unescape(url)
    internal = INTERNAL.match(url)
    if internal:
        path = unquote(urlsplit(url[internal.end():]).path)
        if path.startswith("/"):
            return os.path.normpath(path.lstrip("/"))
        return os.path.normpath(os.path.join(os.path.dirname(item.relative_source_path), path))
    for base in {settings.get("SITEURL") or "", settings.get("SITE_CANONICAL_URL") or ""}:
        if base and url.startswith(base + "/"):
            url = url[len(base):]
    if url.startswith("/") and not url.startswith("//"):
        return os.path.normpath(unquote(urlsplit(url).path).lstrip("/"))
    return None


def files_used_by(item, settings) -> set[str]:
    """Files linked from the body, and the images the front matter names
    (a post's image, the press office's photos …)."""
    used = {content_path(match["url"], item, settings) for match in URL_IN_HTML.finditer(item._content or "")}
    used.update(os.path.normpath(image.path) for image in getattr(item, "frontmatter_images", ()))
    return {path for path in used if path}
