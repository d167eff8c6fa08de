"""Which files under content/ an item uses: images and downloads it links."""

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
    used = {content_path(match["url"], item, settings) for match in URL_IN_HTML.finditer(item._content or "")}
    for field in ("image", "photo"):
        if getattr(item, field, None):
            used.add(os.path.normpath(getattr(item, field)))
    return {path for path in used if path}


def paths_named_in_settings(value) -> set[str]:
    """Every "images/…" string in the settings (the press kit's photos …):
    a file a setting names is published whatever the content says."""
    if isinstance(value, str):
        return {value.lstrip("/")} if value.lstrip("/").startswith("images/") else set()
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return set().union(*(paths_named_in_settings(v) for v in value)) if value else set()
    return set()
