"""Find links, images and raw HTML in a Markdown body, with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass


def destination(group: str) -> str:
    """A link's or image's (target "title") after its brackets; <target> form too."""
    return rf"\(\s*<?(?P<{group}>[^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)"


# [text](target "title") and ![alt](target "title").
MARKDOWN_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]" + destination("target"))
# An image as (part of) a link's words: [![alt](image) words](target).
LINKED_IMAGE = re.compile(r"\[(?P<before>[^\[\]]*)!\[(?P<alt>[^\]]*)\]" + destination("image")
                          + r"(?P<after>[^\[\]]*)\]" + destination("target"))
# [][label]: a reference link with no words.
EMPTY_REFERENCE_LINK = re.compile(r"\[\s*\]\[(?P<label>[^\]]+)\]")
EMPTY_HTML_LINK = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']?(?P<target>[^\s>\"']*)[^>]*>\s*</a>", re.I)
# Inline code is text, not markup, and it is words (a link's may be code).
CODE_SPAN = re.compile(r"`[^`]*`")
# [label]: target reference definitions (not footnotes: [^1]: text)
REFERENCE = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
# Quoted or not (`<img src=/images/a.png>` is HTML too).
HTML_ATTRIBUTE_URL = re.compile(r"<(?P<tag>a|img|source)\b[^>]*?\b(?:href|src)\s*=\s*"
                                r"(?:[\"'](?P<target>[^\"']+)[\"']|(?P<bare>[^\s>\"']+))", re.I)
HTML_IMG = re.compile(r"<img\b(?P<attributes>[^>]*)>", re.I)
FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass(frozen=True)
class Found:
    line: int
    kind: str       # "link", "image", "img-without-alt", "link-without-words"
    target: str     # URL
    text: str = ""  # link text or alt text
    only_content_of_link: str = ""  # an image that is all of a link's words: the link's target


def scan(body: str, first_line: int) -> list[Found]:
    """Everything worth checking in `body`, by line; fenced code is skipped.
    (Indented lines are not skipped: in lists and HTML blocks they are not
    code. Unsafe HTML is refused by the reader's allowlist: see
    sitecore/html_allowlist.py.)"""
    found: list[Found] = []
    in_code = False
    for offset, line in enumerate(body.splitlines()):
        number = first_line + offset
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        line = CODE_SPAN.sub("code", line)
        found += linked_images(line, number)
        line = LINKED_IMAGE.sub(" ", line)  # each found once, above
        for match in MARKDOWN_LINK.finditer(line):
            kind = "image" if match["bang"] else "link"
            found.append(Found(number, kind, match["target"], match["text"].strip()))
            if kind == "link" and not match["text"].strip():
                found.append(Found(number, "link-without-words", match["target"]))
        for match in EMPTY_REFERENCE_LINK.finditer(line):
            found.append(Found(number, "link-without-words", f"[{match['label']}]"))
        for match in EMPTY_HTML_LINK.finditer(line):
            found.append(Found(number, "link-without-words", match["target"], "(html)"))
        for match in REFERENCE.finditer(line):
            found.append(Found(number, "link", match["target"]))
        for match in HTML_ATTRIBUTE_URL.finditer(line):
            kind = "image" if match["tag"].lower() == "img" else "link"
            found.append(Found(number, kind, match["target"] or match["bare"], "(html)"))
        for match in HTML_IMG.finditer(line):
            if not re.search(r"\balt\s*=\s*(?:[\"'][^\"']+[\"']|[^\s>\"']+)", match["attributes"], re.I):
                found.append(Found(number, "img-without-alt", "img"))
    return found


def linked_images(line: str, number: int) -> list[Found]:
    """Each [![alt](image) words](target) on the line: the link, and its image."""
    found = []
    for match in LINKED_IMAGE.finditer(line):
        words = (match["before"] + match["alt"] + match["after"]).strip()
        alone = not (match["before"] + match["after"]).strip()
        found.append(Found(number, "link", match["target"], words))
        found.append(Found(number, "image", match["image"], match["alt"].strip(),
                           only_content_of_link=match["target"] if alone else ""))
    return found
