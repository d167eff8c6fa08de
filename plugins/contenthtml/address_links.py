"""The `address_links` template filter: a link whose words are an address
broken by <wbr> (where it may wrap on a phone: sitecore/breakable_addresses.py)
is named by the address whole.

Chromium makes each <wbr> a space in a link's accessible name: a screen
reader's list of links, a braille display and voice control had
"press@ example .org". The name given (aria-label) is the link's words
without the breaks, which are what it shows (WCAG 2.5.3, label in name).

Content cannot write aria-label (the HTML allowlist has no such attribute),
so the theme adds it, to the allowlist's output (sitecore/html_sanitiser.py):
html5ever writes a link as `<a href="…">` with its words' "<", "&" escaped.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

# A link (its attributes in any order: a title, a lang …, each quoted, its
# value's ">" unescaped) whose words are text and <wbr> only, with at least
# one <wbr>.
ADDRESS_LINK = re.compile(r'(<a(?: [^\s="]+="[^"]*")*)(>((?:[^<]*<wbr>)+[^<]*)</a>)')


def address_links(content: str) -> Markup:
    """`content` (safe HTML) with each link broken by <wbr> named by its words whole."""
    def named(match: re.Match) -> str:
        if ' href="' not in match.group(1) or ' aria-label="' in match.group(1):
            return match.group(0)
        words = html.unescape(match.group(3).replace("<wbr>", ""))
        return f'{match.group(1)} aria-label="{escape(words)}"{match.group(2)}'

    return Markup(ADDRESS_LINK.sub(named, str(content)))
