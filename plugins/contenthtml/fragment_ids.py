"""A text's own ids kept unique where several texts share a page.

Markdown gives a text's headings ids from their words (## Why it matters →
id="why-it-matters") and its footnotes ids of their own (fn:1). Where
every policy is shown on one page (the web minifesto, the PDF, the book),
two policies with the same subheading, or each with a footnote, had the
same id twice: invalid HTML, a link to the second that lands on the first,
and WeasyPrint refused to render the PDF at all ("Anchor defined twice").
`ids_within(html, prefix)` puts `prefix-` before every id the text defines,
and before every link within the text to one of them.

A policy's text may link to its own commitments as its own page names them
(`#commitment-3`); where every policy is shown, the commitments are
`#policy-2-3`, and that link landed nowhere (in the PDF, WeasyPrint refused
to render: "No anchor #commitment-3"). `moved` gives such links their
anchor on the shared page.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .nested_headings import TAG

ID = re.compile(r"""(?P<before>\sid=)(?P<quote>["'])(?P<value>[^"']*)(?P=quote)""")
LINK = re.compile(r"""(?P<before>\shref=)(?P<quote>["'])#(?P<value>[^"']*)(?P=quote)""")


def ids_within(html: str, prefix: str, moved: dict[str, str] | None = None) -> Markup:
    """The sanitised `html` with each id it defines, and each `#` link to
    one of them, given `prefix`; and each `#` link to an id of `moved`
    (not one of its own) given the id it has on this page."""
    html = html or ""
    defined = {found["value"] for tag in TAG.finditer(html) for found in ID.finditer(tag["rest"])}
    moved = {old: new for old, new in (moved or {}).items() if old not in defined}

    def on_this_page(value: str, link: bool) -> str | None:
        if value in defined:
            return f"{prefix}-{value}"
        return moved.get(value) if link else None

    def prefixed(pattern: re.Pattern, rest: str) -> str:
        def replaced(found: re.Match) -> str:
            value = on_this_page(found["value"], pattern is LINK)
            if value is None:
                return found.group(0)
            return f"{found['before']}{found['quote']}{'#' if pattern is LINK else ''}{value}{found['quote']}"

        return pattern.sub(replaced, rest)

    def rewritten(tag: re.Match) -> str:
        if tag["close"]:
            return tag.group(0)
        return f"<{tag['name']}{prefixed(LINK, prefixed(ID, tag['rest']))}>"

    return Markup(TAG.sub(rewritten, html))
