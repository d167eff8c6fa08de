"""The text a reader can see on a page: not scripts, styles or templates,
not elements marked hidden, aria-hidden or visually-hidden.

The page is parsed by Lexbor (through selectolax), a WHATWG HTML parser, so
the check reads a page as Chromium does: a script that swallows the rest of
the page (`<!--<script>` inside a JSON block) swallows it here too, and the
imprint is then missing. Python's html.parser saw the footer in such a page.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

# What browsers never display (their default stylesheet hides these), and what we hide.
NEVER_SHOWN = ("script, style, template, noscript, title, noembed, noframes, datalist, rp, [hidden]"
               ", [aria-hidden=true], .visually-hidden, details:not([open]) > :not(summary)")


def hidden_by_style(node) -> bool:
    style = (node.attributes.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def visible_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    if tree.body is None:
        return ""
    hidden = [*tree.body.css(NEVER_SHOWN), *filter(hidden_by_style, tree.body.css("[style]"))]
    hidden_ids = {node.mem_id for node in hidden}
    # Remove only the outermost hidden elements: removing one frees its
    # descendants, which must not be touched afterwards.
    for node in hidden:
        if not any(ancestor.mem_id in hidden_ids for ancestor in ancestors(node)):
            node.decompose()
    return " ".join(tree.body.text(separator=" ").split())


def ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent
