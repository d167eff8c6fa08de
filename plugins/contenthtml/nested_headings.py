"""A policy's own headings nested under its title, wherever it is shown.

A policy's text starts its headings at ## (<h2>: the allowlist refuses a
top-level one). On the policy's own page its title is the <h1>, so they
nest; where every policy is shown (the web minifesto, the PDF) its title
is an <h2>, and the text's ## sat level with it: a screen reader's list of
headings, and the PDF's tags, put "How we will pay for it" beside the
policies rather than in one. `headings_under(html, level)` moves each
heading down so the text's top one is one below `level`.
"""

from __future__ import annotations

import re

from markupsafe import Markup

TEXT_TOP_LEVEL = 2  # "##": the top heading a text may have
DEEPEST_LEVEL = 6  # HTML has no <h7>: a heading already there stays there

# Every tag whole, with its quoted attribute values, so that an "<h2" inside
# one (an alt text) is never taken for a tag. In sanitised HTML a "<" in
# the text is always written &lt;, and there are no comments.
TAG = re.compile(r"""<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)(?P<rest>(?:[^>"']|"[^"]*"|'[^']*')*)>""")
HEADING = re.compile(r"h([1-6])", re.IGNORECASE)


def headings_under(html: str, level: int) -> Markup:
    """The sanitised `html` with each heading <hN> made <hM>, M = N + level
    + 1 - TEXT_TOP_LEVEL (at most DEEPEST_LEVEL): under a title at `level`."""
    shift = level + 1 - TEXT_TOP_LEVEL

    def moved(tag: re.Match) -> str:
        heading = HEADING.fullmatch(tag["name"])
        if heading is None or shift == 0:
            return tag.group(0)
        new_level = min(DEEPEST_LEVEL, int(heading.group(1)) + shift)
        return f"<{tag['close']}h{new_level}{tag['rest']}>"

    return Markup(TAG.sub(moved, html or ""))
