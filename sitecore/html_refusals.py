"""Everything in rendered HTML outside the allowlist, found as a browser parses it.

`refusals(html)` parses the HTML as a browser does (Lexbor, a WHATWG
HTML parser in C, through selectolax, with scripting on as in Chromium,
so `<!-->`, `<noscript>` and foster-parenting tricks parse here as they
do in a reader's browser) and names everything outside the list
(sitecore/html_allowlist.py). The reader reports each as a `path:line`
problem: nothing is ever dropped silently. (It replaced tinyhtml5, a
pure-Python parser that lost what a table foster-parents:
`<table><img onerror=…>` was refused by nobody and only dropped by nh3;
and Lexbor is about fifteen times as fast.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitecore.html_allowlist import (
    ALLOWED_TAGS,
    EMBED_TAGS,
    MARKER_LINK,
    OTHER_WEBSITE_WITHOUT_SCHEME,
    URL_ATTRIBUTES,
    alignment_as_class,
    value_allowed,
)


@dataclass(frozen=True)
class Refusal:
    """One thing in rendered HTML that is outside the allowlist."""

    kind: str    # "tag", "attribute", "handler", "value", "scheme", "embed", "comment", "theme-id"
    tag: str     # the element it is on ("" for a comment)
    detail: str  # the attribute name, the URL, the value …

    @property
    def search(self) -> str:
        """A regex that finds where this came from in the Markdown."""
        if self.kind == "comment":
            return r"<!--"
        if self.kind == "tag" and self.tag == "h1":
            # <h1>, "# Title" (a space after one #) or a "===" line under text.
            return r"<\s*h1\b|^ {0,3}#(?:[ \t]|$)|^ {0,3}=+[ \t]*$"
        if self.kind in ("tag", "embed"):
            return rf"<\s*{re.escape(self.tag)}\b"
        if self.kind in ("scheme",):
            # A \ in the link is \\ in the Markdown (its escape for one): either is found.
            return re.escape(self.detail[:40]).replace(r"\\", r"\\\\?")
        if self.kind == "value" and self.tag == "ol" and self.detail.startswith("start="):
            # Markdown's "1234567890. …" at a line's start, or an <ol start=…>
            return rf"^\s*{re.escape(self.detail.removeprefix('start='))}\.\s|\bstart\s*="
        if self.kind == "value" and self.detail.startswith("lang="):
            # This lang's own value, whole and in its own capitals: a text
            # may mark other passages rightly, and lang="CY" is wrong where
            # lang="cy" above it is right (the line search ignores case).
            value = re.escape(self.detail.removeprefix("lang="))
            return rf"\blang\s*=\s*[\"']?(?-i:{value})(?=[\"'\s>}}]|$)"
        if self.kind == "theme-id":  # {#main} or id="main"; not a link's #main, nor code (indented, or in `…`)
            name = re.escape(self.detail)
            return (rf"^(?! {{4}}|\t)[^`\n]*?(?:\{{[^}}\n]*#{name}(?![\w-])[^}}\n]*\}}"
                    rf"|\bid\s*=\s*[\"']?{name}(?![\w-]))")
        return rf"\b{re.escape(self.detail.split('=')[0])}\s*="


def refusals(html: str, theme_ids: re.Pattern | None = None) -> list[Refusal]:
    """Everything in `html` outside the allowlist, in document order, each
    once; with `theme_ids` (sitecore.heading_ids.theme_ids_of), an id the
    page's templates use too, written by hand."""
    fragment = LexborHTMLParser(as_tokenised(alignment_as_class(html or "")), is_fragment=True,
                                fragment_tag="div", scripting=True)
    found: list[Refusal] = []
    for node in nodes_of(fragment.root):
        if node.is_text_node:
            continue
        if not node.is_element_node:  # a comment, or what Lexbor keeps of <?…> (a browser's comment)
            text = node.comment_content if node.is_comment_node else (node.html or "")[1:].split(">")[0]
            found.append(Refusal("comment", "", (text or "").strip()[:40]))
            continue
        tag = node.tag.lower()
        # By their whole names: xlink:href on an HTML element is not href
        # (and nh3 drops it), so it is refused as an attribute of its own.
        attributes = {name.lower(): value or "" for name, value in node.attributes.items()}
        if tag not in ALLOWED_TAGS:
            # Not looked into further (a <template>'s contents are not even in
            # the tree): the element is refused, and with it all it holds.
            found.append(Refusal("embed" if tag in EMBED_TAGS else "tag", tag, attributes.get("src", "")))
            continue
        for attribute, value in attributes.items():
            if attribute.startswith("on"):
                found.append(Refusal("handler", tag, attribute))
            elif attribute not in ALLOWED_TAGS[tag]:
                found.append(Refusal("attribute", tag, attribute))
            elif not value_allowed(tag, attribute, value):
                kind = "scheme" if attribute in URL_ATTRIBUTES else "value"
                found.append(Refusal(kind, tag, shown_value(kind, attribute, value)))
            elif attribute == "id" and theme_ids is not None and (
                    theme_ids.fullmatch(value) or (FOOTNOTE_ID.fullmatch(value) and not footnotes_own(node, tag))):
                found.append(Refusal("theme-id", "", value))
    return list(dict.fromkeys(found))


# The ids Markdown's footnotes give the page (fn:1, fnref:1, and fnref2:1
# for a note cited again): a heading written {#fn:1} took the note's place,
# and {#fnref:1} in a policy stopped the minifesto's PDF ("Anchor defined
# twice"), blaming the print template.
FOOTNOTE_ID = re.compile(r"fn:.*|fnref[0-9]*:.*")


def footnotes_own(node, tag: str) -> bool:
    """Whether the element is one Markdown made for a footnote: its mark in
    the text (<sup id="fnref:1">), or its note (<li id="fn:1"> in the list
    of notes, <div class="footnote"><ol>)."""
    if tag == "sup":  # <sup id="fnref:1"><a class="footnote-ref" …>: Markdown's own, not one typed
        link = node.child
        return link is not None and link.tag == "a" and "footnote-ref" in (link.attributes.get("class") or "").split()
    parent = node.parent
    grandparent = parent.parent if parent is not None else None
    return (tag == "li" and parent is not None and parent.tag == "ol" and grandparent is not None
            and "footnote" in (grandparent.attributes.get("class") or "").split())


def shown_value(kind: str, attribute: str, value: str) -> str:
    """The refused value as a message shows it: cut short, but a link to a
    file whole (its fix writes it again, and a file name may be 80 letters)."""
    if kind == "value":
        return f"{attribute}={value[:40]}"
    # Whole, as it is given back in the fix: a link to a file, and one with no https: (https: + the link).
    whole = MARKER_LINK.fullmatch(value.strip()) or OTHER_WEBSITE_WITHOUT_SCHEME.match(value.strip())
    return value.strip()[:200 if whole else 60]


# The HTML standard's tokeniser reads a start tag <image> as <img> (browsers
# and nh3's html5ever do); Lexbor loses one that a table moves out of it,
# so it is renamed here first, as the standard does.
IMAGE_START_TAG = re.compile(r"<image(?=[\t\n\f\r />])", re.IGNORECASE)


def as_tokenised(html: str) -> str:
    return IMAGE_START_TAG.sub("<img", html)


def nodes_of(first: LexborNode | None) -> Iterator[LexborNode]:
    """Every node of a parsed fragment, in document order, from its first
    top-level node: without recursion, as content may nest thousands deep."""
    node = first
    while node is not None:
        yield node
        if node.first_child is not None:
            node = node.first_child
            continue
        while node is not None and node.next is None:
            node = node.parent  # a top-level node's parent is None: the end
        node = node.next if node is not None else None
