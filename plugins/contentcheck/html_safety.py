"""Check the HTML a body actually renders to, not just its Markdown lines.

The line scan (markdown_scan.py) gives exact lines for the usual mistakes;
this catches what a line scan cannot: a tag spread over several lines,
`<svg/onload=…>`, a `javascript:` link, a frame or script inside a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlparse

EMBED_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "form", "meta"}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"}
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Unsafe:
    what: str    # "tag", "handler", "scheme"
    detail: str  # tag name, attribute name, or URL
    source: str = ""  # src of an embed, for the allowlist


class UnsafeHtmlFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Unsafe] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag in EMBED_TAGS:
            self.found.append(Unsafe("tag", tag, attributes.get("src") or attributes.get("data") or ""))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Unsafe("handler", name))
            elif name in URL_ATTRIBUTES and value:
                scheme = urlparse(value.strip().split()[0] if name == "srcset" else value.strip()).scheme.lower()
                if scheme not in SAFE_SCHEMES:
                    self.found.append(Unsafe("scheme", value.strip()[:60]))

    handle_startendtag = handle_starttag


def unsafe_html(html: str) -> list[Unsafe]:
    finder = UnsafeHtmlFinder()
    finder.feed(html or "")
    return finder.found
