"""Find links, images and raw HTML in a Markdown body, with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

# [text](target "title") and ![alt](target "title"); <target> form too.
MARKDOWN_LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
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
    kind: str       # "link", "image", "img-without-alt"
    target: str     # URL
    text: str = ""  # link text or alt text


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
        line = re.sub(r"`[^`]*`", "", line)  # inline code is text, not markup
        for match in MARKDOWN_LINK.finditer(line):
            kind = "image" if match["bang"] else "link"
            found.append(Found(number, kind, match["target"], match["text"].strip()))
        for match in REFERENCE.finditer(line):
            found.append(Found(number, "link", match["target"]))
        for match in HTML_ATTRIBUTE_URL.finditer(line):
            kind = "image" if match["tag"].lower() == "img" else "link"
            found.append(Found(number, kind, match["target"] or match["bare"], "(html)"))
        for match in HTML_IMG.finditer(line):
            if not re.search(r"\balt\s*=\s*(?:[\"'][^\"']+[\"']|[^\s>\"']+)", match["attributes"], re.I):
                found.append(Found(number, "img-without-alt", "img"))
    return found
