"""What HTML content may render to: its tags, attributes, classes, values and links.

Content is untrusted: a volunteer's file, or a stranger's through the browser
editor. Markdown turns it into HTML, and this module's one allowlist decides
what of that HTML may reach a page. It is applied twice:

- `sitecore.html_refusals.refusals(html)` parses the HTML as a browser
  does and names everything outside the list: the reader reports each as a
  `path:line` problem, so nothing is ever dropped silently;
- `sitecore.html_sanitiser.clean(html)` runs nh3 with the same list over
  what is published, so even if the two parsers ever disagreed, nothing
  outside the list could reach a page.

What is allowed is what Markdown (with the `extra`, `smarty` and `toc`
extensions) writes, plus a few inline tags a writer may type, and on any of
them `lang`, which marks a passage in another language (WCAG 3.1.2): a
screen reader then reads it with that language's pronunciation. No styles,
scripts, forms, frames or other embeds (EMBED_TAGS), comments,
<template>, <noscript>, <meta>, <link>, <base> or <style>. The one style
Markdown writes, a table column's alignment, becomes a class first
(`alignment_as_class`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sitecore.language_tags import is_language_tag

# What every allowed tag may carry besides its own attributes: the language
# of what it holds (<span lang="cy">Diolch</span>, <blockquote lang="pl">,
# Markdown's `{: lang=fr }`), for a passage in another language, and its
# direction, for one written right to left (<p lang="ur" dir="rtl">: Urdu,
# Arabic), which a browser would otherwise set left to right, its
# punctuation at the wrong end.
EVERY_TAG_ATTRIBUTES = frozenset({"lang", "dir"})
# Tag -> the attributes it may carry. <span> is there only to mark the
# language of a few words ("span" carries nothing else): Welsh is not
# another voice to set in italics (<i>), but one of the country's languages.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    tag: frozenset(attributes) | EVERY_TAG_ATTRIBUTES
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
        "figure": (), "figcaption": (), "div": ("class",), "span": (),
    }.items()
}
# What embeds another website's page or player: never allowed (no page of
# the site loads anything from another website, which could track its
# readers), and refused with its own fix, a link (html_refusal_messages.py).
EMBED_TAGS = frozenset({"iframe", "frame", "embed", "object"})
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
    "dir": re.compile(r"(?i)rtl|ltr|auto"), "id": ID_VALUE, "width": NUMBER_VALUE, "height": NUMBER_VALUE,
    "colspan": NUMBER_VALUE,
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


# Pelican rewrites {filename}/{static} links *after* the sanitiser has run
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


# What a browser takes for the start of another website's address with no
# scheme: two or more of / and \ in any mix.
OTHER_WEBSITE_WITHOUT_SCHEME = re.compile(r"[/\\]{2,}")


# What a browser's URL parser takes out before it reads an address: tabs and
# line breaks anywhere, control characters and spaces at either end.
# "/<line break>\host/p.png" is, to a browser, another website's picture.
NOT_READ_IN_AN_ADDRESS = re.compile(r"[\t\n\r]")
CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))


def as_a_browser_reads(url: str) -> str:
    return NOT_READ_IN_AN_ADDRESS.sub("", url).strip(CONTROL_OR_SPACE)


def url_allowed(url: str, own_site_only: bool = False) -> bool:
    """A link to the web, mail or phone; with `own_site_only` (images), only
    an address on this site: the site loads nothing from other websites."""
    url = as_a_browser_reads(url)
    if LINK_MARKER.search(url):
        return bool(INTERNAL_LINK.fullmatch(url)) and ".." not in url.split("/")
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if OTHER_WEBSITE_WITHOUT_SCHEME.match(url):
        # //host/page: another website, at the page's own scheme (///host,
        # /\host and \\host too: a browser reads each \ as /, where
        # urlsplit sees a path on this site). Images first of all: an image
        # at /\host/pixel.png was fetched from that website.
        return False
    if own_site_only:
        return not parts.scheme and not parts.netloc
    return parts.scheme.lower() in URL_SCHEMES | {""}


def value_allowed(tag: str, attribute: str, value: str) -> bool:
    """Is this attribute value allowed on this tag (the attribute itself is)?"""
    if attribute in URL_ATTRIBUTES:
        return url_allowed(value, own_site_only=tag == "img")
    if LINK_MARKER.search(value):
        return False  # Pelican would rewrite it after sanitising (see INTERNAL_LINK)
    if attribute == "class":
        rule = ALLOWED_CLASSES.get(tag)
        return bool(rule) and all(rule.fullmatch(name) for name in value.split())
    if attribute == "lang":
        # Exactly as written: lang=" cy" is no language to a browser (nor
        # valid HTML), so it is refused, not published as it is.
        return is_language_tag(value)
    rule = VALUE_RULES.get(attribute)
    return rule is None or bool(rule.fullmatch(value.strip()))


def goes_up_a_folder(link: str) -> bool:
    """A {filename} or {static} link with a .. in its path, which
    `url_allowed` refuses (so the link checks say nothing more of it)."""
    found = MARKER_LINK.fullmatch(link)
    return found is not None and ".." in found["path"].split("/")

