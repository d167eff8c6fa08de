"""A text's own ids kept unique where several texts share a page.

Markdown gives a text's headings ids from their words (## Why it matters →
id="why-it-matters") and its footnotes ids of their own (fn:1). Where
every policy is shown on one page (the web minifesto, the PDF, the book),
two policies with the same subheading, or each with a footnote, had the
same id twice: invalid HTML, a link to the second that lands on the first,
and WeasyPrint refused to render the PDF at all ("Anchor defined twice").
`ids_within(html, prefix)` puts `prefix-` before every id the text defines,
and before every link within the text to one of them.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .nested_headings import TAG

ID = re.compile(r"""(?P<before>\sid=)(?P<quote>["'])(?P<value>[^"']*)(?P=quote)""")
LINK = re.compile(r"""(?P<before>\shref=)(?P<quote>["'])#(?P<value>[^"']*)(?P=quote)""")


def ids_within(html: str, prefix: str) -> Markup:
    """The sanitised `html` with each id it defines, and each `#` link to
    one of them, given `prefix`."""
    html = html or ""
    defined = {found["value"] for tag in TAG.finditer(html) for found in ID.finditer(tag["rest"])}

    def prefixed(pattern: re.Pattern, rest: str) -> str:
        return pattern.sub(lambda found: f"{found['before']}{found['quote']}"
                           f"{'#' if pattern is LINK else ''}{prefix}-{found['value']}{found['quote']}"
                           if found["value"] in defined else found.group(0), rest)

    def rewritten(tag: re.Match) -> str:
        if tag["close"]:
            return tag.group(0)
        return f"<{tag['name']}{prefixed(LINK, prefixed(ID, tag['rest']))}>"

    return Markup(TAG.sub(rewritten, html))
