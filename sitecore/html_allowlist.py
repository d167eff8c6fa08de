"""One allowlist for the HTML that content renders to.

Content is untrusted: a volunteer's file, or a stranger's through the browser
editor. Markdown turns it into HTML, and this module decides what of that
HTML may reach a page. The one allowlist below is applied twice:

- `refusals(html)` parses the HTML as a browser does (Lexbor, a WHATWG
  HTML parser in C, through selectolax, with scripting on as in Chromium,
  so `<!-->`, `<noscript>` and foster-parenting tricks parse here as they
  do in a reader's browser) and names everything outside the list. The
  reader reports each as a `path:line` problem: nothing is ever dropped
  silently. (It replaced tinyhtml5, a pure-Python parser that lost what a
  table foster-parents: `<table><img onerror=…>` was refused by nobody and
  only dropped by nh3; and Lexbor is about fifteen times as fast.)
- `clean(html)` runs nh3 (Ammonia, on html5ever) with the same list over
  what is published, so even if the two parsers ever disagreed, nothing
  outside the list could reach a page.

What is allowed is what Markdown (with the `extra`, `smarty` and `toc`
extensions) writes, plus a few inline tags a writer may type. No styles,
scripts, forms, frames (unless an origin is in EMBED_ALLOWLIST), comments,
<template>, <noscript>, <meta>, <link>, <base> or <style>. The one style
Markdown writes, a table column's alignment, becomes a class first
(`alignment_as_class`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import nh3
from selectolax.lexbor import LexborHTMLParser, LexborNode

# Tag -> the attributes it may carry.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    tag: frozenset(attributes)
    for tag, attributes in {
        "p": (), "br": (), "hr": (), "blockquote": (), "pre": (), "code": ("class",),
        "h2": ("id",), "h3": ("id",), "h4": ("id",), "h5": ("id",), "h6": ("id",),
        "em": (), "strong": (), "b": (), "i": (), "s": (), "del": (), "ins": (), "mark": (),
        "small": (), "sub": (), "sup": ("id",), "kbd": (), "q": (), "cite": (), "abbr": ("title",), "wbr": (),
        "ul": (), "ol": ("start",), "li": ("id",), "dl": (), "dt": (), "dd": (),
        "a": ("href", "title", "class"),
        "img": ("src", "alt", "title", "width", "height"),
        "table": (), "caption": (), "thead": (), "tbody": (), "tfoot": (), "tr": (),
        "th": ("class", "colspan", "rowspan", "scope"), "td": ("class", "colspan", "rowspan"),
        "figure": (), "figcaption": (), "div": ("class",),
    }.items()
}
# Embeds (only when EMBED_ALLOWLIST names the origin of their src).
EMBED_TAGS: dict[str, frozenset[str]] = {
    "iframe": frozenset({"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy"}),
}
URL_ATTRIBUTES = {"href", "src"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Classes Markdown's footnotes and fenced code write, and the column
# alignment of a table's cells (see MARKDOWN_ALIGNMENT); nothing else, so no
# content can borrow the theme's classes (e.g. one that hides text).
ALLOWED_CLASSES = {
    "a": re.compile(r"footnote-ref|footnote-backref"),
    "div": re.compile(r"footnote"),
    "code": re.compile(r"language-[a-z0-9+#-]{1,30}"),
    "th": re.compile(r"align-(?:left|right|center)"),
    "td": re.compile(r"align-(?:left|right|center)"),
}
ID_VALUE = re.compile(r"[A-Za-z][A-Za-z0-9:_.-]{0,80}")
NUMBER_VALUE = re.compile(r"[0-9]{1,4}")
# A numbered list's first number: Markdown makes "12345. …" at a line's
# start a list from 12345 (sane_lists), as a browser numbers it.
LIST_START_VALUE = re.compile(r"[0-9]{1,9}")
VALUE_RULES = {
    "id": ID_VALUE, "width": NUMBER_VALUE, "height": NUMBER_VALUE, "colspan": NUMBER_VALUE,
    "rowspan": NUMBER_VALUE, "start": LIST_START_VALUE, "scope": re.compile(r"col|row|colgroup|rowgroup"),
}
# Markdown writes a table column's alignment (`|---:|`) as an inline style,
# which the site's Content Security Policy (no 'unsafe-hashes') makes the
# browser ignore: numbers lost their alignment. So the exact cell tag
# Markdown writes becomes one with the theme's class (screen.css:
# .align-right) before the allowlist looks, and no style is allowed at all.
# Wherever else that text appears (in an attribute's value) it stays text.
MARKDOWN_ALIGNMENT = re.compile(r'<(th|td) style="text-align: (left|right|center);">')


def alignment_as_class(html: str) -> str:
    return MARKDOWN_ALIGNMENT.sub(r'<\1 class="align-\2">', html)


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
            return re.escape(self.detail[:40])
        if self.kind == "value" and self.tag == "ol" and self.detail.startswith("start="):
            # Markdown's "1234567890. …" at a line's start, or an <ol start=…>
            return rf"^\s*{re.escape(self.detail.removeprefix('start='))}\.\s|\bstart\s*="
        if self.kind == "theme-id":  # {#main} or id="main"; not a link's #main, nor code (indented, or in `…`)
            name = re.escape(self.detail)
            return (rf"^(?! {{4}}|\t)[^`\n]*?(?:\{{[^}}\n]*#{name}(?![\w-])[^}}\n]*\}}"
                    rf"|\bid\s*=\s*[\"']?{name}(?![\w-]))")
        return rf"\b{re.escape(self.detail.split('=')[0])}\s*="


# Pelican rewrites {filename}/{static} links *after* this sanitiser has run
# (and finds them in any attribute: its pattern matches `src='{static}…'`
# inside a title too). So only a plain path may follow the marker: no query,
# no entity, no scheme that would survive the rewrite (`{filename}javascript:…`).
INTERNAL_LINK = re.compile(r"\{(?:filename|static)\}/?[A-Za-z0-9][A-Za-z0-9/._-]*(?:#[A-Za-z0-9:_.-]*)?")
# What Pelican's INTRASITE_LINK_REGEX would take for a link to rewrite: a
# {what} or |what| marker at the start of a value, or after a quote inside
# one (its pattern finds `src='{filename}…'` inside any attribute's value).
LINK_MARKER = re.compile(r"(?:^|[\"'])[{|].*?[|}]")
# A {filename} or {static} link, split into its marker, path and #part.
MARKER_LINK = re.compile(r"(?P<marker>\{(?:filename|static)\})(?P<path>[^#]*)(?P<part>#.*)?", re.S)


def url_allowed(url: str, own_site_only: bool = False) -> bool:
    """A link to the web, mail or phone; with `own_site_only` (images), only
    an address on this site: the site loads nothing from other websites."""
    url = url.strip()
    if LINK_MARKER.search(url):
        return bool(INTERNAL_LINK.fullmatch(url)) and ".." not in url.split("/")
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if own_site_only:
        return not parts.scheme and not parts.netloc
    return parts.scheme.lower() in URL_SCHEMES | {""}


def embed_origin_allowed(url: str, embed_allowlist) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme == "https" and f"{parts.scheme}://{parts.netloc}" in set(embed_allowlist or ())


def value_allowed(tag: str, attribute: str, value: str, embed_allowlist=()) -> bool:
    """Is this attribute value allowed on this tag (the attribute itself is)?"""
    if attribute in URL_ATTRIBUTES:
        if tag in EMBED_TAGS:
            return embed_origin_allowed(value, embed_allowlist)
        return url_allowed(value, own_site_only=tag == "img")
    if LINK_MARKER.search(value):
        return False  # Pelican would rewrite it after sanitising (see INTERNAL_LINK)
    if attribute == "class":
        rule = ALLOWED_CLASSES.get(tag)
        return bool(rule) and all(rule.fullmatch(name) for name in value.split())
    rule = VALUE_RULES.get(attribute)
    return rule is None or bool(rule.fullmatch(value.strip()))


def allowed_tags(embed_allowlist) -> dict[str, frozenset[str]]:
    return {**ALLOWED_TAGS, **(EMBED_TAGS if embed_allowlist else {})}


def refusals(html: str, embed_allowlist=(), theme_ids: re.Pattern | None = None) -> list[Refusal]:
    """Everything in `html` outside the allowlist, in document order, each
    once; with `theme_ids` (sitecore.heading_ids.theme_ids_of), an id the
    page's templates use too, written by hand."""
    tags = allowed_tags(embed_allowlist)
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
        if tag not in tags:
            # Not looked into further (a <template>'s contents are not even in
            # the tree): the element is refused, and with it all it holds.
            found.append(Refusal("embed" if tag in EMBED_TAGS else "tag", tag, attributes.get("src", "")))
            continue
        for attribute, value in attributes.items():
            if attribute.startswith("on"):
                found.append(Refusal("handler", tag, attribute))
            elif attribute not in tags[tag]:
                found.append(Refusal("attribute", tag, attribute))
            elif not value_allowed(tag, attribute, value, embed_allowlist):
                kind = "scheme" if attribute in URL_ATTRIBUTES and tag not in EMBED_TAGS else "value"
                kind = "embed" if tag in EMBED_TAGS and attribute == "src" else kind
                found.append(Refusal(kind, tag, shown_value(kind, attribute, value)))
            elif attribute == "id" and theme_ids is not None and theme_ids.fullmatch(value):
                found.append(Refusal("theme-id", "", value))
    return list(dict.fromkeys(found))


def shown_value(kind: str, attribute: str, value: str) -> str:
    """The refused value as a message shows it: cut short, but a link to a
    file whole (its fix writes it again, and a file name may be 80 letters)."""
    if kind == "value":
        return f"{attribute}={value[:40]}"
    return value.strip()[:200 if MARKER_LINK.fullmatch(value.strip()) else 60]


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


@lru_cache(maxsize=8)
def _cleaner(embed_allowlist: tuple[str, ...]) -> nh3.Cleaner:
    tags = allowed_tags(embed_allowlist)

    def keep_allowed_value(tag: str, attribute: str, value: str) -> str | None:
        return value if value_allowed(tag, attribute, value, embed_allowlist) else None

    return nh3.Cleaner(
        tags=set(tags),
        attributes={tag: set(attributes) for tag, attributes in tags.items()},
        attribute_filter=keep_allowed_value,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
        link_rel=None,  # links are the writer's; nothing is added
    )


def clean(html: str, embed_allowlist=()) -> str:
    """`html` with everything outside the allowlist removed (what is published)."""
    return _cleaner(tuple(embed_allowlist or ())).clean(alignment_as_class(html or ""))


def goes_up_a_folder(link: str) -> bool:
    found = MARKER_LINK.fullmatch(link)
    return found is not None and ".." in found["path"].split("/")


def up_a_folder_fix(link: str, folder: str) -> str:
    """A link may not go up a folder (files are read only from inside
    content/): the same link written from content/, which Pelican reads the
    same, if it is a plain path there. `folder`: the linking file's,
    content/-relative (by default a content type's folder)."""
    found = MARKER_LINK.fullmatch(link)
    path = found["path"]
    start = "" if path.startswith("/") else folder
    in_content = posixpath.normpath(posixpath.join(start, path.lstrip("/")))
    rewritten = f"{found['marker']}/{in_content}{found['part'] or ''}"
    if not in_content.startswith("..") and INTERNAL_LINK.fullmatch(rewritten):
        return f"a link may not use .. (going up a folder): write the path from content/ instead: {rewritten}"
    return ("a link may not use .. (going up a folder): write the file's path from content/ after the marker, "
            "as {filename}/policies/02-housing.md; only files inside content/ can be linked")


def explain(refusal: Refusal, folder: str) -> tuple[str, str]:
    """(message, fix) for a volunteer; `folder`: the content/-relative
    folder of the file the refusal is in, for the fixes written from it."""
    kind, tag, detail = refusal.kind, refusal.tag, refusal.detail
    if kind == "comment":
        return ("an HTML comment (<!-- … -->)",
                "remove it: comments are published in the page's source and the minifesto's text; "
                "keep notes for each other outside the file")
    if kind == "handler":
        return f"raw HTML with an event handler ({detail}=…)", "remove it: content cannot run scripts"
    if kind == "scheme" and goes_up_a_folder(detail):
        return (f"the link {detail} goes up a folder with ..", up_a_folder_fix(detail, folder))
    if kind == "scheme" and LINK_MARKER.search(detail):
        return (f"the link {detail} is not a plain path to a file",
                "write {filename}/folder/file.md or {static}/images/file.jpg: the path from content/, "
                "with only letters, digits, - _ . / (no ..) and an optional #part")
    if kind == "scheme" and tag == "img":
        return (f"the image {detail} is on another website",
                "put the image in content/images/ and link it as {static}/images/…: "
                "the site loads nothing from other websites")
    if kind == "scheme":
        return (f"the link {detail} is not a web address",
                "links must start with https://, / (this site), mailto: or tel:")
    if kind == "embed":
        return (f"raw <{tag}> in content",
                "remove it (embeds load from other websites and can track readers); "
                "a developer can allow an origin in EMBED_ALLOWLIST in pelicanconf.py")
    if kind == "tag" and tag == "script":
        return "raw <script> in content", "remove it: content cannot run scripts"
    if kind == "tag" and tag == "h1":
        return ("a top-level heading (# or <h1>) in the text",
                "use ## for headings: the title is the page's only top-level heading "
                "(a line of === under a line of text makes one too)")
    if kind == "theme-id":
        return (f'the id "{detail}" is one the site\'s pages use (a page showing this text could have it twice, '
                "and its links, the skip link's too, land on the wrong one)",
                f'remove {{#{detail}}} (or id="{detail}") and let the heading\'s words make its id, or choose another')
    if kind == "tag":
        return (f"raw <{tag}> in content is not allowed",
                "write Markdown instead; the README lists the few HTML tags content may use")
    if kind == "attribute" and detail == "style" and tag in ("th", "td"):
        return (f"the style attribute on <{tag}> is not allowed",
                "align a table's columns with Markdown's colons instead: |:---| left, |---:| right, |:---:| centred")
    if kind == "attribute":
        return (f"the {detail} attribute on <{tag}> is not allowed",
                "remove it: the theme decides how content looks and behaves")
    if kind == "value" and tag == "ol" and detail.startswith("start="):
        number = detail.removeprefix("start=")
        return (f'a numbered list starting at {number}: a line starting with a number and a full stop starts a '
                "numbered list, and a list may start at a number of up to nine digits",
                f"put a backslash before the full stop ({number}\\. …) to keep the number as words, "
                "or write it another way")
    if LINK_MARKER.search(detail):
        return (f"<{tag} {detail}…> holds a {{…}} link marker outside a link",
                "write {filename} and {static} only at the start of a link's address")
    return f"<{tag} {detail}…> is not allowed", "remove the attribute, or give it a plain value"
