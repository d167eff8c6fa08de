"""The text a reader can see on a page: not scripts, styles or templates,
not elements marked hidden, aria-hidden or visually-hidden."""

from __future__ import annotations

from html.parser import HTMLParser

NEVER_SHOWN = {"script", "style", "template", "noscript", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def hides(tag: str, attributes: dict) -> bool:
    style = (attributes.get("style") or "").replace(" ", "").lower()
    return (
        tag in NEVER_SHOWN
        or "hidden" in attributes
        or attributes.get("aria-hidden") == "true"
        or "visually-hidden" in (attributes.get("class") or "").split()
        or "display:none" in style
        or "visibility:hidden" in style
    )


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open_tags: list[bool] = []  # for each open element: does it hide?
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in VOID:
            self.open_tags.append(hides(tag, dict(attrs)))

    def handle_endtag(self, tag) -> None:
        if tag not in VOID and self.open_tags:
            self.open_tags.pop()

    def handle_data(self, data) -> None:
        if not any(self.open_tags):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
