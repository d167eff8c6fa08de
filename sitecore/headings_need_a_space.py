"""Markdown headings need a space after their #s, as in CommonMark.

Python-Markdown reads any line that starts with # as a heading, so a
paragraph that starts with a hashtag ("#NHSPayNow is trending") became a
top-level heading (refused, with advice about ## that made no sense) and
"##FairPay" silently became a subheading. CommonMark, GitHub and the
browser editor's preview need "# " with a space: so does this site, and a
hashtag at the start of a line stays text. MARKDOWN in pelicanconf.py names
this module, so the safe-HTML memo's key holds its source.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.blockprocessors import HashHeaderProcessor


class HeadingWithASpace(HashHeaderProcessor):
    # Python-Markdown's own pattern, with a space, a tab or the line's end
    # required after the #s.
    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class HeadingsNeedASpace(Extension):
    def extendMarkdown(self, md) -> None:
        # Replaces the processor of the same name, at its priority.
        md.parser.blockprocessors.register(HeadingWithASpace(md.parser), "hashheader", 70)


def makeExtension(**options) -> HeadingsNeedASpace:
    return HeadingsNeedASpace(**options)
